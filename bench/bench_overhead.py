"""Client overhead: openai_oxide vs the official `openai` SDK vs a raw httpx2+orjson floor.

Run: `.venv/bin/python bench/bench_overhead.py [--quick] [--only ac] [--json PATH]`.

One fake server (`python -m openai_oxide.testing`) runs in a separate process, so its CPU
does not share our GIL. Per round, every client does one op of the workload (the start
of the order rotates each round to share machine noise and GC debt). Each op reports wall
time and this process's CPU time (`time.process_time`); the CPU time is the client's own
cost, since the server is elsewhere. Every op's result is checked against the others, so a
client that skips work cannot look fast. Fixtures are read from ../shared at run time.
The loop is `suite.overhead`, which also runs in Pyodide (scripts/bench.sh); this module
holds the native floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx2
import orjson
from fake_server import API_KEY, start_server
from workloads import Floor, ToolCalls, floor_tool_calls

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"


class FloorRunner(Floor):
    """No SDK: one keep-alive httpx2 client (the official SDK's HTTP library), orjson both
    ways, a minimal SSE line splitter."""

    def __init__(self, base_url: str) -> None:
        headers = {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}
        self.http = httpx2.AsyncClient(base_url=base_url, headers=headers, timeout=120)

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(path, content=orjson.dumps(body))
        response.raise_for_status()
        return orjson.loads(response.content)

    async def stream(self, body: dict[str, Any]) -> ToolCalls:
        content = orjson.dumps(body)
        async with self.http.stream("POST", "chat/completions", content=content) as response:
            response.raise_for_status()
            return await floor_tool_calls(response.aiter_bytes(), orjson.loads)

    async def aclose(self) -> None:
        await self.http.aclose()


def _ratio(a: float, b: float) -> str:
    return f"{a / b:5.2f}x" if b else "  n/a"


def _print(key: str, result: dict[str, Any]) -> None:
    print(f"\n{key}. {result['title']}  (median of {result['n']})")
    print(f"  {'client':<10}{'wall ms/op':>12}{'cpu ms/op':>12}")
    for name in ("ours", "official", "floor"):
        print(f"  {name:<10}{result['wall_ms'][name]:>12.3f}{result['cpu_ms'][name]:>12.3f}")
    for kind in ("cpu_ms", "wall_ms"):
        ours, official, floor = (result[kind][k] for k in ("ours", "official", "floor"))
        print(
            f"  {kind[:-3]:<5} ours/floor {_ratio(ours, floor)}"
            f"  official/floor {_ratio(official, floor)}"
            f"  official/ours {_ratio(official, ours)}"
        )


async def main(args: argparse.Namespace) -> None:
    import openai
    import suite

    proc, base_url = start_server()
    print(f"fake server {base_url} (separate process); cpu = this process's CPU time")
    try:
        out = await suite.overhead(
            base_url,
            str(FIXTURES),
            rounds=lambda w: (w.quick_rounds, 3) if args.quick else (w.rounds, 10),
            only=args.only,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for key, result in out.items():
        _print(key, result)
    if args.json:
        results = {
            "python": sys.version.split()[0],
            "openai": openai.__version__,
            "httpx2": httpx2.__version__,
            "quick": args.quick,
            "workloads": out,
        }
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few iterations (< 30 s)")
    parser.add_argument("--json", metavar="PATH", help="write the results as JSON")
    parser.add_argument("--only", default="", help="workload keys to run, e.g. 'ac'")
    started = time.perf_counter()
    asyncio.run(main(parser.parse_args()))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
