"""The chat accumulator and early parse on recordings given each chat server quirk.

Each recording is transformed by `openai_oxide.testing.quirks` (alone and all together),
and the completion rebuilt must equal the one from the unmodified recording, except for
what the quirk changes on purpose (usage, the finish_reason names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_oxide._core.chat_accumulate import (
    ChatAccumulator,
    ContentDone,
    ToolCallArgumentsDelta,
    ToolCallArgumentsDone,
)
from openai_oxide._core.early import ChatFunctionCalls, FunctionCallDone
from openai_oxide._core.sse import SSEDecoder
from openai_oxide.testing import quirks
from support import FIXTURES

STREAMS = sorted((FIXTURES / "chat-streams").glob("*.bin"))
MULTI_CHOICE = "a491adda"  # n=3: its choices are only told apart by their index
AGENT = FIXTURES / "agent-session" / "chat-stream-114-chunks.json"
ALL = (
    "tool_call_id_every_chunk",
    "no_tool_call_index",
    "no_choice_index",
    "role_every_chunk",
    "usage_every_chunk",
    "empty_choices",
    "object_chat_completion",
    "finish_reason_outside_spec",
)
COMBINATIONS = [(name,) for name in sorted(quirks.CHAT)] + [ALL]
RENAMED = {"eos": "stop", "tool_call": "tool_calls"}


def recording(path: Path) -> list[dict[str, Any]]:
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes()) + decoder.feed_eof()
    return [json.loads(e.data) for e in events if e.data != "[DONE]"]


def sources() -> list[Any]:
    agent = json.loads(AGENT.read_text())["streamed_data"]
    return [pytest.param(recording(p), id=p.name[:8]) for p in STREAMS] + [
        pytest.param(agent, id="agent")
    ]


def replay(chunks: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    acc = ChatAccumulator()
    events = [e for c in chunks for e in acc.feed(c)] + acc.feed_eof()
    assert acc.snapshot is not None
    return acc.snapshot, events


def comparable(snapshot: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    out = json.loads(json.dumps(snapshot))
    out.pop("prompt_filter_results", None)  # only the empty_choices quirk's first chunk
    if "usage_every_chunk" in names:
        out.pop("usage", None)
    for choice in out["choices"]:
        choice["finish_reason"] = RENAMED.get(choice["finish_reason"], choice["finish_reason"])
    return out


def summary(events: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (e.type, e.choice_index, e.index, e.name, e.arguments, e.call_id)
        if isinstance(e, ToolCallArgumentsDone)
        else (e.type, e.choice_index, e.content)
        for e in events
        if isinstance(e, ToolCallArgumentsDone | ContentDone)
    ]


@pytest.mark.parametrize("names", COMBINATIONS, ids="+".join)
@pytest.mark.parametrize("chunks", sources())
def test_rebuilt_completion_equals_recorded(chunks: list[dict[str, Any]], names: Any) -> None:
    if "no_choice_index" in names and any(
        c.get("index", 0) for ch in chunks for c in ch.get("choices") or ()
    ):
        pytest.skip("several choices are only told apart by their index")
    expected, expected_events = replay(chunks)
    quirky = chunks
    for name in names:
        quirky = quirks.CHAT[name](quirky)
    got, events = replay(quirky)
    assert comparable(got, names) == comparable(expected, names)
    assert summary(events) == summary(expected_events)
    if "usage_every_chunk" in names and expected.get("usage"):
        assert got["usage"] == expected["usage"]
    deltas = [e for e in events if isinstance(e, ToolCallArgumentsDelta)]
    assert all(e.name for e in deltas)


@pytest.mark.parametrize("names", COMBINATIONS, ids="+".join)
def test_early_parse_under_quirks(names: Any) -> None:
    chunks = json.loads(AGENT.read_text())["streamed_data"]
    for name in names:
        chunks = quirks.CHAT[name](chunks)
    detector = ChatFunctionCalls(partial=False)
    got = [(n, o) for n, c in enumerate(chunks) for o in detector.feed(c)]
    got += [(len(chunks), o) for o in detector.feed_eof()]
    calls = [(n, o) for n, o in got if isinstance(o, FunctionCallDone)]
    assert [o.call_id for _, o in calls] == [f"functions.read:{i}" for i in (184, 185, 186)]
    assert calls[0][0] < calls[1][0] < calls[2][0]  # each as the next one starts


def test_ids_and_indexes_tell_calls_apart() -> None:
    acc = ChatAccumulator()

    def chunk(*calls: dict[str, Any]) -> dict[str, Any]:
        return {"id": "c", "choices": [{"delta": {"tool_calls": list(calls)}}]}

    fn = {"type": "function"}
    acc.feed(chunk({"index": 0, "id": "a", **fn, "function": {"name": "f", "arguments": "{"}}))
    acc.feed(chunk({"index": 0, "id": "a", "function": {"arguments": "}"}}))  # same id
    # A new id at an index already taken (every call numbered 0): a new call.
    acc.feed(chunk({"index": 0, "id": "b", **fn, "function": {"name": "g", "arguments": "["}}))
    acc.feed(chunk({"function": {"arguments": "]"}}))  # no id, no index: the call streaming
    acc.feed(chunk({"id": "a", "function": {"arguments": " "}}))  # back to a, by id
    acc.feed({"choices": [{"delta": {}, "finish_reason": "tool_call"}]})
    snapshot = acc.snapshot
    assert snapshot is not None
    calls = snapshot["choices"][0]["message"]["tool_calls"]
    assert [(c["index"], c["id"], c["function"]["name"], c["function"]["arguments"])
            for c in calls] == [(0, "a", "f", "{} "), (1, "b", "g", "[]")]  # fmt: skip
    assert snapshot["choices"][0]["finish_reason"] == "tool_call"


def test_text_stream_has_no_tool_calls_field() -> None:
    path = next(p for p in STREAMS if p.name.startswith("e2aad469"))
    snapshot, _ = replay(recording(path))
    assert "tool_calls" not in snapshot["choices"][0]["message"]
