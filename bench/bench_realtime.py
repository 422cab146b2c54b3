"""A Realtime text turn against a Responses WebSocket turn: the per-turn cost of each API's
raw connection over the same transport, on every target (bench/suite.py's `realtime` part).

Both connections are opened once and warmed; then turns alternate, so drifts hit both
alike. A Realtime turn is `conversation.item.create` + `response.create`, reading typed
events until `response.done` (about 24 events from the fake); a Responses turn is
`response.create` on `client.responses.connect()`, reading typed events until
`response.completed` (about 20). The fake answers both at once (no latency model), so the
figure is the client's and the fake's work per turn; `per_event_us` divides it by the
events of the turn. `cpu_ms` is the client's own CPU per turn (natively the process's, in
Node the whole Node process's; a page has no CPU clock, so None there): on a loaded machine
it moves far less than the wall clock.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from openai_oxide import AsyncOpenAI

USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi"}]}


async def _realtime_turn(conn: Any) -> int:
    await conn.conversation.item.create(item=USER)
    await conn.response.create()
    events = 0
    async for event in conn:
        events += 1
        if event.type == "response.done":
            return events
    raise RuntimeError("the Realtime connection ended mid-turn")


async def _responses_turn(conn: Any) -> int:
    await conn.response.create(model="m", input="Hi", store=False)
    events = 0
    async for event in conn:
        events += 1
        if event.type == "response.completed":
            return events
    raise RuntimeError("the Responses connection ended mid-turn")


def _cpu() -> float | None:
    """The client's CPU seconds so far, where there is a clock for it."""
    if sys.platform != "emscripten":
        return time.process_time()
    import js

    process = getattr(js, "process", None)
    if process is None:  # a page
        return None
    usage = process.cpuUsage()
    return float(usage.user + usage.system) / 1e6


async def run(base_url: str, turns: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    client = AsyncOpenAI(api_key="bench-key", base_url=base_url)
    async with (
        client,
        client.realtime.connect(model="gpt-realtime") as realtime,
        client.responses.connect() as responses,
    ):
        await realtime.recv()  # session.created
        arms = (
            ("realtime", realtime, _realtime_turn),
            ("responses_ws", responses, _responses_turn),
        )
        for _, conn, turn in arms:
            await turn(conn)  # warm the decoders
        times: dict[str, list[float]] = {name: [] for name, _, _ in arms}
        cpu: dict[str, list[float]] = {name: [] for name, _, _ in arms}
        counts: dict[str, int] = {}
        for _ in range(turns):
            for name, conn, turn in arms:
                c0, t0 = _cpu(), time.perf_counter()
                counts[name] = await turn(conn)
                times[name].append(time.perf_counter() - t0)
                c1 = _cpu()
                if c0 is not None and c1 is not None:
                    cpu[name].append(c1 - c0)
    for name, values in times.items():
        median = statistics.median(values)
        out[name] = {
            "turn_ms": median * 1e3,
            "events": counts[name],
            "per_event_us": median / counts[name] * 1e6,
            "cpu_ms": statistics.median(cpu[name]) * 1e3 if cpu[name] else None,
        }
    out["turns"] = turns
    return out


async def main_async(argv: list[str]) -> None:
    """`node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_realtime URL [turns]`, or
    natively `python bench/bench_realtime.py URL [turns]`: one run, as JSON on stdout."""
    import json

    turns = int(argv[2]) if len(argv) > 2 else 20
    print(json.dumps(await run(argv[1], turns)))


if __name__ == "__main__":
    import asyncio
    import sys

    asyncio.run(main_async(sys.argv))
