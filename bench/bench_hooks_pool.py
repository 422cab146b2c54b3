"""Figures for hooks, OpenTelemetry and the WebSocket pool (native).

python bench/bench_hooks_pool.py pool [--calls 100] [--concurrency 10] [--runs 3]
    100 Responses calls at concurrency 10 against the fake: over a WebSocketPool of
    `concurrency` sessions, and over HTTP; the median wall time of `runs`.
python bench/bench_hooks_pool.py calls --mode none|hooks|otel [--n 200]
    `n` tiny chat calls (against a MockTransport: the SDK's own cost only) with no
    hook, with a no-op hook on request/response/error, or with lib/otel.py on the SDK's
    providers.
python bench/bench_hooks_pool.py cost
    `calls` for each mode under `valgrind --tool=callgrind` at two values of `n`: the
    difference of the instruction counts over the difference of `n` is the cost per
    call, deterministic under any load (scripts/bench.sh runs pool and cost;
    `--hooks-pool` only these).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

MESSAGES = [{"role": "user", "content": "hi"}]
ANSWER = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


async def _pool_run(url: str, calls: int, concurrency: int, mode: str) -> float:
    from openai_oxide.lib.ws_pool import WebSocketPool

    async with AsyncOpenAI(api_key="sk-bench", base_url=url) as client:
        limit = asyncio.Semaphore(concurrency)
        async with WebSocketPool(size=concurrency, defaults={"model": "gpt-5"}) as pool:

            async def one(i: int) -> None:
                async with limit:
                    if mode == "ws_pool":
                        await pool.send(client, input=f"call {i}")
                    else:
                        await client.responses.create(model="gpt-5", input=f"call {i}")

            await one(-1)  # connect (HTTP: the keep-alive connection; WS: one session)
            started = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(calls)))
            return time.perf_counter() - started


def pool(calls: int, concurrency: int, runs: int) -> dict[str, Any]:
    from openai_oxide.testing import FakeOpenAI

    server = FakeOpenAI()
    out: dict[str, Any] = {"calls": calls, "concurrency": concurrency, "runs": runs}
    with server.running_in_thread():
        for mode in ("http", "ws_pool"):
            times = [
                asyncio.run(_pool_run(server.url, calls, concurrency, mode)) for _ in range(runs)
            ]
            out[mode] = {"median_s": statistics.median(times), "all_s": times}
    out["ws_pool_over_http"] = out["ws_pool"]["median_s"] / out["http"]["median_s"]
    return out


def _client(mode: str) -> AsyncOpenAI:
    body = MockResponse.json(ANSWER)
    transport = MockTransport(lambda request: body)
    client = AsyncOpenAI(api_key="sk-bench", base_url="http://fake/v1", transport=transport)
    if mode == "hooks":
        client.hooks = {name: (lambda event: None) for name in ("request", "response", "error")}
    elif mode == "otel":
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider

        from openai_oxide.lib import otel

        otel.instrument(
            client,
            tracer_provider=TracerProvider(resource=Resource({})),
            meter_provider=MeterProvider(resource=Resource({})),
        )
    return client


async def calls(mode: str, n: int) -> None:
    client = _client(mode)
    for _ in range(n + 1):  # the first: imports and first-call work, not per call
        await client.chat.completions.create(model="m", messages=MESSAGES, max_tokens=5)
    await client.close()


def _instructions(mode: str, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        tool = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        subprocess.run(
            [*tool, sys.executable, __file__, "calls", "--mode", mode, "--n", str(n)],
            check=True,
            capture_output=True,
        )
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no summary")


def cost(low: int = 20, high: int = 120) -> dict[str, Any]:
    """Instructions per tiny call by mode, and each mode's cost over `none`'s."""
    per_call = {
        mode: (_instructions(mode, high) - _instructions(mode, low)) / (high - low)
        for mode in ("none", "hooks", "otel")
    }
    base = per_call["none"]
    return {
        "instructions_per_call": per_call,
        "over_none": {mode: v / base - 1 for mode, v in per_call.items() if mode != "none"},
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("pool")
    p.add_argument("--calls", type=int, default=100)
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--runs", type=int, default=3)
    c = sub.add_parser("calls")
    c.add_argument("--mode", choices=["none", "hooks", "otel"], default="none")
    c.add_argument("--n", type=int, default=200)
    sub.add_parser("cost")
    args = ap.parse_args()
    if args.what == "pool":
        print(json.dumps(pool(args.calls, args.concurrency, args.runs), indent=1))
    elif args.what == "cost":
        print(json.dumps(cost(), indent=1))
    else:
        asyncio.run(calls(args.mode, args.n))


if __name__ == "__main__":
    main()
