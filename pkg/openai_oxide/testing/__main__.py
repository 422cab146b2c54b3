"""`python -m openai_oxide.testing [--host H] [--port N] [--tls] [--no-websocket] [--stateless]
[--profile P] [--quirk Q]... [--latency S --tail-p P --tail S --seed N] [--keep-alive S]`:
serve until Ctrl-C.

`--profile` / `--quirk` (repeatable) act like a compatible server (see profiles.py).

Prints one line to stdout: the base URL, followed by the CA certificate path when --tls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .latency import LatencyModel
from .profiles import PROFILES, QUIRKS
from .server import FakeOpenAI


async def _main(args: argparse.Namespace) -> None:
    server = FakeOpenAI(
        host=args.host,
        port=args.port,
        tls=args.tls,
        api_key=args.api_key,
        latency=LatencyModel(
            median=args.latency, tail_p=args.tail_p, tail=args.tail, seed=args.seed
        ),
        websocket=not args.no_websocket,
        stateless=args.stateless,
        profile=args.profile,
        quirks=tuple(args.quirk),
        keep_alive_timeout=args.keep_alive,
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
    parser.add_argument("--latency", type=float, default=0.0, help="median seconds before headers")
    parser.add_argument("--tail-p", type=float, default=0.0, help="probability of the tail")
    parser.add_argument("--tail", type=float, default=0.0, help="extra seconds in the tail")
    parser.add_argument("--seed", type=int, default=0, help="seed of the latency draws")
    parser.add_argument(
        "--keep-alive", type=float, default=5.0, help="seconds an idle connection stays open"
    )
    parser.add_argument(
        "--no-websocket", action="store_true", help="no Responses WebSocket mode (404 upgrade)"
    )
    parser.add_argument(
        "--stateless", action="store_true", help="keep no responses (previous_response_id fails)"
    )
    parser.add_argument(
        "--profile", choices=list(PROFILES), help="act like this server: " + ", ".join(PROFILES)
    )
    parser.add_argument(
        "--quirk",
        choices=QUIRKS,
        action="append",
        default=[],
        metavar="NAME",
        help="a quirk (repeatable): " + ", ".join(QUIRKS),
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
