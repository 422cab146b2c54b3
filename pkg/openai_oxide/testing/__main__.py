"""`python -m openai_oxide.testing [--host H] [--port N] [--tls] [--no-websocket] [--stateless]`:
serve until Ctrl-C.

Prints one line to stdout: the base URL, followed by the CA certificate path when --tls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import FakeOpenAI


async def _main(args: argparse.Namespace) -> None:
    server = FakeOpenAI(
        host=args.host,
        port=args.port,
        tls=args.tls,
        api_key=args.api_key,
        latency=args.latency,
        websocket=not args.no_websocket,
        stateless=args.stateless,
    )
    async with server:
        line = server.url + (f" {server.ca_cert_path}" if args.tls else "")
        print(line, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for name in ("SIGINT", "SIGTERM"):
            with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError):
                loop.add_signal_handler(getattr(signal, name), stop.set)
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m openai_oxide.testing")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", action="store_true", help="HTTPS with HTTP/2 (trustme CA)")
    parser.add_argument("--api-key", default=None, help="accept only this key")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before headers")
    parser.add_argument(
        "--no-websocket", action="store_true", help="no Responses WebSocket mode (404 upgrade)"
    )
    parser.add_argument(
        "--stateless", action="store_true", help="keep no responses (previous_response_id fails)"
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
