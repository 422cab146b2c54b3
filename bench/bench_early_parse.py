"""Early function-call parse: how much sooner a tool starts than when waiting for the end.

Run natively: `.venv/bin/python bench/bench_early_parse.py` (starts a fake server), or in
Pyodide on Node against a running one:
`node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_early_parse http://127.0.0.1:PORT/v1`.

The fake server replays one function call followed by 2 s of text (20 deltas, 0.1 s
apart). "early" starts the tool when `create_stream_fc` yields the call (at
`response.function_call_arguments.done`); "at end" starts it after `response.completed`,
as code on a plain stream must.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from typing import Any

from openai_oxide import AsyncOpenAI

TEXT_DELTAS = 20
GAP = 0.1
TOOL = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
}


def scripted_stream() -> str:
    """One function call, then a message whose text takes TEXT_DELTAS * GAP seconds."""
    resp = {"id": "resp_b", "object": "response", "status": "in_progress", "output": []}
    call = {"id": "fc_b", "type": "function_call", "name": "get_weather", "call_id": "call_b"}
    msg = {"id": "msg_b", "type": "message", "role": "assistant", "content": []}
    args = '{"city":"Paris"}'
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": resp},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": {**call, "arguments": ""},
        },
        {
            "type": "response.function_call_arguments.delta",
            "output_index": 0,
            "item_id": "fc_b",
            "delta": args,
        },
        {
            "type": "response.function_call_arguments.done",
            "output_index": 0,
            "item_id": "fc_b",
            "arguments": args,
        },
        {
            "type": "response.output_item.done",
            "output_index": 0,
            "item": {**call, "arguments": args},
        },
        {"type": "response.output_item.added", "output_index": 1, "item": msg},
        {
            "type": "response.content_part.added",
            "output_index": 1,
            "item_id": "msg_b",
            "content_index": 0,
            "part": {"type": "output_text", "text": "", "annotations": []},
        },
    ]
    events += [
        {
            "type": "response.output_text.delta",
            "output_index": 1,
            "item_id": "msg_b",
            "content_index": 0,
            "delta": "word ",
        }
        for _ in range(TEXT_DELTAS)
    ]
    text = "word " * TEXT_DELTAS
    final_msg = {**msg, "content": [{"type": "output_text", "text": text, "annotations": []}]}
    done = {**resp, "status": "completed", "output": [{**call, "arguments": args}, final_msg]}
    events.append({"type": "response.completed", "response": done})
    for i, event in enumerate(events):
        event["sequence_number"] = i
    return "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)


async def queue_fault(client: AsyncOpenAI, gap: float) -> None:
    fault = {"replay": scripted_stream(), "match": "/responses", "delay_between_events": gap}
    root = client.base_url.rsplit("/v1", 1)[0]
    await client.post(f"{root}/__fake__/faults", body=fault)


async def early(client: AsyncOpenAI, gap: float) -> tuple[float, float]:
    await queue_fault(client, gap)
    start = time.perf_counter()
    tool_start = 0.0
    fc = client.responses.create_stream_fc(model="m", input="weather?", tools=[TOOL])
    async for _call in fc:
        tool_start = time.perf_counter() - start
    await fc.get_final_response()
    return tool_start, time.perf_counter() - start


async def at_end(client: AsyncOpenAI, gap: float) -> tuple[float, float]:
    await queue_fault(client, gap)
    start = time.perf_counter()
    stream = await client.responses.create(model="m", input="weather?", tools=[TOOL], stream=True)
    calls = []
    async for event in stream:
        if event.type == "response.completed":
            calls = [i for i in event.response.output if i.type == "function_call"]  # type: ignore[union-attr]
    assert calls
    elapsed = time.perf_counter() - start
    return elapsed, elapsed


async def run(base_url: str, rounds: int, gap: float = GAP) -> dict[str, float]:
    """`gap`: seconds between the text events after the call (the saving grows with it)."""
    async with AsyncOpenAI(api_key="bench-key", base_url=base_url) as client:
        e_tool, a_tool, ends = [], [], []
        for _ in range(rounds):
            tool, end = await early(client, gap)
            e_tool.append(tool)
            ends.append(end)
            a_tool.append((await at_end(client, gap))[0])
    result = {
        "tool_start_early_s": statistics.median(e_tool),
        "tool_start_at_end_s": statistics.median(a_tool),
        "stream_end_s": statistics.median(ends),
    }
    result["tool_starts_sooner_by_s"] = result["tool_start_at_end_s"] - result["tool_start_early_s"]
    result["ratio_at_end_over_early"] = result["tool_start_at_end_s"] / result["tool_start_early_s"]
    return result


def main() -> None:
    if len(sys.argv) > 1:
        report("native", asyncio.run(run(sys.argv[1], rounds=3)))
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "openai_oxide.testing", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[0]
        report("native", asyncio.run(run(url, rounds=3)))
    finally:
        server.terminate()
        server.wait()


def report(target: str, result: dict[str, float]) -> None:
    print(f"early function-call parse ({target}), median of 3 runs,")
    print(f"  {TEXT_DELTAS * GAP:.0f} s of text after the call")
    print(f"  tool starts (early parse)   {result['tool_start_early_s']:.3f} s after the request")
    print(f"  tool starts (end of stream) {result['tool_start_at_end_s']:.3f} s")
    sooner, ratio = result["tool_starts_sooner_by_s"], result["ratio_at_end_over_early"]
    print(f"  sooner by {sooner:.3f} s; ratio {ratio:.2f}x")


async def main_async(argv: list[str]) -> None:
    report("pyodide", await run(argv[1], rounds=3))


if __name__ == "__main__":
    main()
