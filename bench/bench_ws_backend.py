"""Which WebSocket client the native transport should use: `websockets` or httpx2's own
(`httpx2.websockets`, wsproto underneath), by client CPU per message.

Run: `.venv/bin/python bench/bench_ws_backend.py [--runs 3]`. An echo server (websockets)
runs in its own process; each backend runs in a fresh worker process of its own and
sends, one at a time, N small JSON text messages (~300 B, like a Responses event) and
M large ones (256 KB, like a long input), each echoed back. The figure is the worker's
`time.process_time()` per round trip. Client order rotates per run; medians are shown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time

SMALL = json.dumps({"type": "response.output_text.delta", "delta": "x" * 200, "seq": 1})
LARGE = "y" * 256 * 1024
SERVER = """
import asyncio
from websockets.asyncio.server import serve

async def echo(conn):
    async for message in conn:
        await conn.send(message)

async def main():
    async with serve(echo, "127.0.0.1", 0, max_size=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()

asyncio.run(main())
"""


async def _websockets(url: str, messages: list[str]) -> float:
    from websockets.asyncio.client import connect

    async with connect(url, max_size=None) as ws:
        await ws.send(messages[0])
        await ws.recv()
        c0 = time.process_time()
        for message in messages:
            await ws.send(message)
            await ws.recv()
        return time.process_time() - c0


async def _httpx2(url: str, messages: list[str]) -> float:
    import httpx2

    async with (
        httpx2.AsyncClient() as client,
        client.websocket(url, max_message_size_bytes=2**30) as ws,
    ):
        await ws.send_text(messages[0])
        await ws.receive_text()
        c0 = time.process_time()
        for message in messages:
            await ws.send_text(message)
            await ws.receive_text()
        return time.process_time() - c0


def _worker(name: str, url: str, kind: str, n: int) -> None:
    messages = [SMALL if kind == "small" else LARGE] * n
    run = _websockets if name == "websockets" else _httpx2
    cpu = asyncio.run(run(url, messages))
    print(json.dumps({"us_per_round_trip": cpu / n * 1e6}))


def main(runs: int) -> None:
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    url = f"ws://127.0.0.1:{server.stdout.readline().strip()}/"
    names = ["websockets", "httpx2"]
    try:
        for kind, n in (("small", 5000), ("large", 300)):
            per: dict[str, list[float]] = {name: [] for name in names}
            for run in range(runs):
                for name in names[run % 2 :] + names[: run % 2]:
                    cmd = [sys.executable, __file__, "--worker", name, url, kind, str(n)]
                    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
                    per[name].append(json.loads(out.stdout)["us_per_round_trip"])
            cells = "  ".join(f"{k} {statistics.median(v):8.1f}" for k, v in per.items())
            ratio = [h / w for h, w in zip(per["httpx2"], per["websockets"], strict=True)]
            print(
                f"{kind:>6} x{n}: CPU us per round trip  {cells}"
                f"  httpx2/websockets {statistics.median(ratio):.2f}x"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--runs", type=int, default=3)
        main(parser.parse_args().runs)
