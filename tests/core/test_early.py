from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_oxide._core.chat_accumulate import ChatAccumulator
from openai_oxide._core.early import (
    ChatFunctionCalls,
    FunctionCallArgumentsPartial,
    FunctionCallDone,
    ResponsesFunctionCalls,
)
from openai_oxide._core.sse import SSEDecoder
from support import FIXTURES

RESPONSES = FIXTURES / "responses-streams"
WITH_CALLS = [
    RESPONSES / "issue-19493-gpt-5.1-tool-call.chunks.txt",
    RESPONSES / "openai-reasoning-encrypted-content.1.chunks.txt",
]
AGENT = FIXTURES / "agent-session" / "chat-stream-114-chunks.json"


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run(events: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    detector = ResponsesFunctionCalls()
    return [(n, out) for n, event in enumerate(events) for out in detector.feed(event)]


@pytest.mark.parametrize("path", WITH_CALLS, ids=lambda p: p.name)
@pytest.mark.parametrize("drop_arguments_done", [False, True])
def test_responses_calls_reported_once_when_complete(path: Path, drop_arguments_done: bool) -> None:
    events = load(path)
    if drop_arguments_done:
        events = [e for e in events if e["type"] != "response.function_call_arguments.done"]
    trigger = (
        "response.output_item.done" if drop_arguments_done
        else "response.function_call_arguments.done"
    )  # fmt: skip
    final_items = [
        e["item"] for e in events
        if e["type"] == "response.output_item.done" and e["item"]["type"] == "function_call"
    ]  # fmt: skip
    reported = run(events)
    done = [(n, c) for n, c in reported if isinstance(c, FunctionCallDone)]
    assert [(c.name, c.call_id, c.arguments_json, c.item_id) for _, c in done] == [
        (i["name"], i["call_id"], i["arguments"], i["id"]) for i in final_items
    ]
    for n, call in done:
        assert events[n]["type"] == trigger
        assert events[n].get("item_id", events[n].get("item", {}).get("id")) == call.item_id
        # handed over before the response that holds it completes
        assert any(e["type"] == "response.completed" for e in events[n + 1 :])
        assert isinstance(call.arguments(), dict)
    partials = [c for _, c in reported if isinstance(c, FunctionCallArgumentsPartial)]
    assert partials
    for call in (c for _, c in done):
        mine = [p for p in partials if p.item_id == call.item_id]
        assert mine and mine[-1].partial == call.arguments()
        assert all(p.name == call.name and p.call_id == call.call_id for p in mine)


def test_responses_done_without_added_item_and_no_partials() -> None:
    detector = ResponsesFunctionCalls(partial=False)
    assert detector.feed({"type": "response.function_call_arguments.delta", "item_id": "x",
                          "output_index": 0, "delta": "{"}) == []  # fmt: skip
    item = {"type": "function_call", "id": "fc", "name": "f", "call_id": "c"}
    detector.feed({"type": "response.output_item.added", "output_index": 1, "item": item})
    assert detector.pending == ["", "f"]  # x was never announced: its name is unknown
    assert detector.feed({"type": "response.function_call_arguments.delta", "item_id": "fc",
                          "output_index": 1, "delta": '{"a": 1'}) == []  # fmt: skip
    [call] = detector.feed({"type": "response.function_call_arguments.done", "item_id": "fc",
                            "output_index": 1})  # fmt: skip
    assert isinstance(call, FunctionCallDone) and call.arguments_json == '{"a": 1'
    assert detector.pending == [""]
    [orphan] = detector.feed({"type": "response.function_call_arguments.done", "item_id": "zz",
                              "output_index": 4, "name": "g", "arguments": ""})  # fmt: skip
    assert isinstance(orphan, FunctionCallDone)
    assert (orphan.name, orphan.output_index, orphan.arguments()) == ("g", 4, {})
    # x is complete at the end, named by the final output.
    final = [{"type": "function_call", "id": "x", "name": "h", "arguments": "{}"}, item]
    [last] = detector.feed({"type": "response.completed", "response": {"output": final}})
    assert isinstance(last, FunctionCallDone) and (last.name, last.item_id) == ("h", "x")


def chat_chunks(prefix: str) -> list[dict[str, Any]]:
    path = next((FIXTURES / "chat-streams").glob(prefix + "*.bin"))
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes()) + decoder.feed_eof()
    return [json.loads(e.data) for e in events if e.data != "[DONE]"]


def test_chat_parallel_calls_reported_as_each_completes() -> None:
    chunks = chat_chunks("f82268f2")
    detector = ChatFunctionCalls()
    got: list[tuple[int, FunctionCallDone]] = []
    partial: list[FunctionCallArgumentsPartial] = []
    for n, chunk in enumerate(chunks):
        for out in detector.feed(chunk):
            if isinstance(out, FunctionCallDone):
                got.append((n, out))
            else:
                partial.append(out)
    assert detector.feed_eof() == []
    assert [(c.name, c.output_index) for _, c in got] == [
        ("GetWeatherArgs", 0), ("get_stock_price", 1),
    ]  # fmt: skip
    first_n, first = got[0]
    assert first_n < len(chunks) - 3  # long before the stream ends
    assert first.call_id == "call_JMW1whyEaYG438VE1OIflxA2"
    assert first.arguments() == {"city": "Edinburgh", "country": "GB", "units": "c"}
    assert chunks[got[1][0]]["choices"][0]["finish_reason"] == "tool_calls"
    assert partial[-1].partial == got[1][1].arguments()
    assert {p.call_id for p in partial} == {c.call_id for _, c in got}


def test_chat_agent_stream() -> None:
    chunks = json.loads(AGENT.read_text())["streamed_data"]
    acc = ChatAccumulator()
    detector = ChatFunctionCalls(accumulator=acc, partial=False)
    got = [out for chunk in chunks for out in detector.feed(chunk)] + detector.feed_eof()
    assert [c.call_id for c in got if isinstance(c, FunctionCallDone)] == [
        "functions.read:184", "functions.read:185", "functions.read:186",
    ]  # fmt: skip
    assert all(isinstance(c, FunctionCallDone) and c.arguments() for c in got)


def test_chat_stream_cut_before_finish_reason() -> None:
    chunks = [c for c in chat_chunks("2018feb6") if not c["choices"] or
              c["choices"][0]["finish_reason"] is None]  # fmt: skip
    detector = ChatFunctionCalls()
    outs = [o for c in chunks for o in detector.feed(c)]
    assert not any(isinstance(o, FunctionCallDone) for o in outs)
    [call] = detector.feed_eof()
    assert isinstance(call, FunctionCallDone) and call.arguments() == {"city": "New York City"}
