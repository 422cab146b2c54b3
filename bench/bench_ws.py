"""A multi-turn agent loop over the Responses WebSocket mode against the same loop over HTTP.

Run natively: `.venv/bin/python bench/bench_ws.py [--latency 0.02] [--rounds 7]` (starts
the fake server in a separate process), or against a running fake:
`.venv/bin/python bench/bench_ws.py --url http://127.0.0.1:PORT/v1`. Under Pyodide in Node:
`node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_ws --url URL`.

Each loop has N turns (2 and 5): every turn streams through `create_stream_fc`, runs the
tool the model called and sends its output back, chained by `previous_response_id`; the
last turn answers in text. "http" is `client.responses.create_stream_fc` over a warm
keep-alive pool; "ws" is `ws.create_stream_fc` over one warm `client.ws_session()`
connection, which chains by itself. The fake waits the same fixed `--latency` before
answering every request on both paths (before the headers over HTTP, before the first
event of each WebSocket turn), so the difference is the per-turn transport overhead.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from typing import Any

from openai_oxide import AsyncOpenAI

TOOL = {
    "type": "function",
    "name": "lookup",
    "parameters": {
        "type": "object",
        "properties": {"key": {"type": "string"}},
        "required": ["key"],
        "additionalProperties": False,
    },
}


def tool_outputs(calls: list[Any]) -> list[dict[str, Any]]:
    return [{"type": "function_call_output", "call_id": c.call_id, "output": "ok"} for c in calls]


async def loop_http(client: AsyncOpenAI, turns: int) -> float:
    start = time.perf_counter()
    params: dict[str, Any] = {"model": "m", "input": "go", "tools": [TOOL]}
    for turn in range(1, turns + 1):
        params["tool_choice"] = "required" if turn < turns else "none"
        fc = client.responses.create_stream_fc(**params)
        calls = [call async for call in fc]
        response = await fc.get_final_response()
        params["input"] = tool_outputs(calls)
        params["previous_response_id"] = response.id
    return time.perf_counter() - start


async def loop_ws(ws: Any, turns: int) -> float:
    start = time.perf_counter()
    ws.reset()
    params: dict[str, Any] = {"model": "m", "input": "go", "tools": [TOOL]}
    for turn in range(1, turns + 1):
        params["tool_choice"] = "required" if turn < turns else "none"
        fc = ws.create_stream_fc(**params)
        calls = [call async for call in fc]
        await fc.get_final_response()
        params["input"] = tool_outputs(calls)  # the session adds previous_response_id
    return time.perf_counter() - start


async def run(
    base_url: str, rounds: int, latency: float, turns_list: tuple[int, ...] = (2, 5)
) -> dict[int, dict[str, float]]:
    results: dict[int, dict[str, float]] = {}
    async with AsyncOpenAI(api_key="bench-key", base_url=base_url) as client:
        await loop_http(client, 2)  # warm the pool
        t0 = time.perf_counter()
        async with client.ws_session() as ws:
            connect_s = time.perf_counter() - t0
            await loop_ws(ws, 2)  # warm the decoders
            for turns in turns_list:
                http, sock = [], []
                for _ in range(rounds):  # interleaved, so drifts hit both alike
                    http.append(await loop_http(client, turns))
                    sock.append(await loop_ws(ws, turns))
                h, w = statistics.median(http), statistics.median(sock)
                results[turns] = {
                    "http_s": h,
                    "ws_s": w,
                    "http_overhead_ms": (h / turns - latency) * 1000,
                    "ws_overhead_ms": (w / turns - latency) * 1000,
                    "ratio": h / w,
                    "connect_ms": connect_s * 1000,
                }
    return results


def report(target: str, results: dict[int, dict[str, float]], rounds: int, latency: float) -> None:
    print(f"agent loop, WebSocket vs HTTP keep-alive ({target}), median of {rounds} runs,")
    print(f"  fixed server latency {latency * 1000:.0f} ms per request on both paths")
    for turns, r in results.items():
        print(
            f"  {turns} turns: http {r['http_s'] * 1000:7.1f} ms   ws {r['ws_s'] * 1000:7.1f} ms"
            f"   per-turn overhead http {r['http_overhead_ms']:5.2f} ms"
            f" / ws {r['ws_overhead_ms']:5.2f} ms   ratio http/ws {r['ratio']:.2f}x"
        )
    first = next(iter(results.values()))
    print(f"  (opening the WebSocket once: {first['connect_ms']:.1f} ms, not in the loops)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None, help="a running fake (its --latency applies)")
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if args.url:
        report(
            "native",
            asyncio.run(run(args.url, args.rounds, args.latency)),
            args.rounds,
            args.latency,
        )
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "openai_oxide.testing", "--latency", str(args.latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[0]
        results = asyncio.run(run(url, args.rounds, args.latency))
        report("native", results, args.rounds, args.latency)
    finally:
        server.terminate()
        server.wait()


async def main_async(argv: list[str]) -> None:
    url = argv[argv.index("--url") + 1]
    latency = float(argv[argv.index("--latency") + 1]) if "--latency" in argv else 0.02
    report("pyodide", await run(url, 5, latency), 5, latency)


if __name__ == "__main__":
    main()
