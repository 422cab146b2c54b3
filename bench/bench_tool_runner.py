"""The Responses tool runner: time from the first request to the first tool start, and
the whole loop's time, for ours and the official `openai` runner on the same fake server.

Run natively: `.venv/bin/python bench/bench_tool_runner.py [rounds]`, or in Pyodide on
Node against a fake started with `python -m openai_oxide.testing --port 0` (`run` sets its
latency): `node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_tool_runner URL [rounds]`.
The fake answers after LATENCY s and spaces the first turn's events GAP s apart; the
model calls two tools, each takes TOOL_S. "eager" starts a tool when its call is complete:
ours at `response.function_call_arguments.done` (early parse), the official's at
`response.output_item.done`. bench/suite.py runs it on every target (the "Tool runner"
section of bench/results/results.md); `--short` there uses one round and a smaller GAP.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from typing import Any

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import responses_tool_runner as ours

LATENCY = 0.05
GAP = 0.02
TOOL_S = 0.1
TOOLS = [
    {
        "type": "function",
        "name": name,
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    }
    for name in ("get_weather", "get_time")
]


async def _control(base_url: str, path: str, body: dict[str, Any] | None = None) -> None:
    """POST to the fake's control endpoints (at the root, not under /v1)."""
    async with AsyncOpenAI(api_key="bench-key", base_url=base_url) as control:
        await control.post(f"{base_url.rsplit('/v1', 1)[0]}/__fake__/{path}", body=body)


async def one(
    module: Any, client: Any, base_url: str, *, eager: bool, gap: float
) -> tuple[float, float]:
    starts: list[float] = []

    async def execute(arguments: dict[str, Any]) -> str:
        starts.append(time.perf_counter())
        await asyncio.sleep(TOOL_S)
        return "ok"

    runner = module.AsyncResponsesToolRunner(
        functions=[module.AsyncRegisteredFunction(t, execute) for t in TOOLS]
    )
    await _control(base_url, "faults", {"match": "/responses", "delay_between_events": gap})
    begin = time.perf_counter()
    await runner.run(client, {"model": "m", "input": "both?"}, stream=True, eager=eager)
    return starts[0] - begin, time.perf_counter() - begin


async def run(base_url: str, rounds: int, gap: float = GAP) -> dict[str, float]:
    """Medians over `rounds`; the fake's latency is set here and reset at the end. In
    Pyodide the official package must be loaded first (bench/suite.py does)."""
    import openai
    from openai.lib import responses_tool_runner as official

    results: dict[str, list[tuple[float, float]]] = {}
    await _control(base_url, "latency", {"median": LATENCY})
    try:
        async with (
            AsyncOpenAI(api_key="bench-key", base_url=base_url) as mine,
            openai.AsyncOpenAI(api_key="bench-key", base_url=base_url) as theirs,
        ):
            for _ in range(rounds):
                for name, module, client in (("ours", ours, mine), ("official", official, theirs)):
                    for eager in (False, True):
                        key = f"{name}_{'eager' if eager else 'at_end'}"
                        results.setdefault(key, []).append(
                            await one(module, client, base_url, eager=eager, gap=gap)
                        )
    finally:
        await _control(base_url, "reset")
    summary: dict[str, float] = {"latency_s": LATENCY, "gap_s": gap, "tool_s": TOOL_S}
    for key, runs in results.items():
        summary[f"{key}_first_tool_s"] = round(statistics.median(r[0] for r in runs), 4)
        summary[f"{key}_loop_s"] = round(statistics.median(r[1] for r in runs), 4)
    return summary


async def main_async(argv: list[str]) -> None:
    """Pyodide (bench/pyodide_main.py): argv = ["bench_tool_runner", URL, rounds]."""
    from suite import load_official

    await load_official()
    rounds = int(argv[2]) if len(argv) > 2 else 5
    print(json.dumps(await run(argv[1], rounds), indent=1))


def main() -> None:
    from openai_oxide.testing import FakeOpenAI

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with FakeOpenAI() as fake:
        print(json.dumps(asyncio.run(run(fake.url, rounds)), indent=1))


if __name__ == "__main__":
    main()
