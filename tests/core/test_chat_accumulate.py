from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_oxide._core.accumulate import copy_json
from openai_oxide._core.chat_accumulate import (
    ChatAccumulator,
    ChunkEvent,
    ContentDelta,
    ContentDone,
    LogprobsContentDelta,
    RefusalDelta,
    RefusalDone,
    ToolCallArgumentsDelta,
    ToolCallArgumentsDone,
    merge_delta,
)
from openai_oxide._core.sse import SSEDecoder
from support import FIXTURES

STREAMS = sorted((FIXTURES / "chat-streams").glob("*.bin"))
AGENT = FIXTURES / "agent-session" / "chat-stream-114-chunks.json"
JSONL = sorted((FIXTURES / "responses-streams" / "chat").glob("*.chunks.txt"))


def sse_chunks(path: Path, size: int | None = None) -> list[dict[str, Any]]:
    data = path.read_bytes()
    decoder = SSEDecoder()
    step = size or len(data)
    events = [e for i in range(0, len(data), step) for e in decoder.feed(data[i : i + step])]
    events += decoder.feed_eof()
    chunks = []
    for event in events:
        if event.data == "[DONE]":
            break
        chunks.append(json.loads(event.data))
    return chunks


def replay(chunks: list[dict[str, Any]]) -> tuple[ChatAccumulator, list[Any]]:
    acc = ChatAccumulator()
    events: list[Any] = []
    for chunk in chunks:
        events += acc.feed(chunk)
    events += acc.feed_eof()
    return acc, events


def naive(chunks: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """What the chunks say, read the obvious way: per choice, per tool call index."""
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunks:
        for choice in chunk.get("choices") or []:
            c = out.setdefault(choice["index"], {"content": "", "refusal": "", "calls": {}})
            delta = choice["delta"]
            c["content"] += delta.get("content") or ""
            c["refusal"] += delta.get("refusal") or ""
            for call in delta.get("tool_calls") or []:
                t = c["calls"].setdefault(call["index"], {"id": "", "name": "", "arguments": ""})
                t["id"] = call.get("id") or t["id"]
                fn = call.get("function") or {}
                t["name"] = fn.get("name") or t["name"]
                t["arguments"] += fn.get("arguments") or ""
    return out


@pytest.mark.parametrize("path", STREAMS, ids=lambda p: p.name[:12])
@pytest.mark.parametrize("size", [None, 97])
def test_replay_gives_recorded_content(path: Path, size: int | None) -> None:
    chunks = sse_chunks(path, size)
    before = copy_json(chunks)
    acc, events = replay(chunks)
    assert chunks == before
    snapshot = acc.snapshot
    assert snapshot is not None and snapshot["object"] == "chat.completion"
    expected = naive(chunks)
    assert [c["index"] for c in snapshot["choices"]] == sorted(expected)
    for choice in snapshot["choices"]:
        want = expected[choice["index"]]
        message = choice["message"]
        assert (message.get("content") or "") == want["content"]
        assert (message.get("refusal") or "") == want["refusal"]
        calls = message.get("tool_calls") or []
        assert [(t["id"], t["function"]["name"], t["function"]["arguments"]) for t in calls] == [
            (t["id"], t["name"], t["arguments"]) for t in want["calls"].values()
        ]
        assert choice["finish_reason"] is not None
        for call in calls:
            json.loads(call["function"]["arguments"])
        done = [e for e in events if isinstance(e, ToolCallArgumentsDone)]
        assert [e.arguments for e in done if e.choice_index == choice["index"]] == [
            t["function"]["arguments"] for t in calls
        ]
        content_done = [e for e in events if isinstance(e, ContentDone)]
        if message.get("content"):
            assert [e.content for e in content_done if e.choice_index == choice["index"]] == [
                message["content"]
            ]
    assert sum(isinstance(e, ChunkEvent) for e in events) == len(chunks)
    usages = [c["usage"] for c in chunks if c.get("usage")]
    if usages:
        assert snapshot["usage"] == usages[-1]


def test_delta_events_carry_snapshots() -> None:
    for path in STREAMS:
        _, events = replay(sse_chunks(path))
        text: dict[tuple[str, int, int], str] = {}
        for e in events:
            if isinstance(e, ContentDelta | RefusalDelta):
                key = (e.type, e.choice_index, 0)
                text[key] = text.get(key, "") + e.delta
                assert e.snapshot == text[key]
            if isinstance(e, ToolCallArgumentsDelta):
                key = (e.type, e.choice_index, e.index)
                text[key] = text.get(key, "") + e.arguments_delta
                assert e.arguments == text[key] and e.name


def test_parallel_tool_calls_done_when_next_index_starts() -> None:
    chunks = sse_chunks(next(p for p in STREAMS if p.name.startswith("f82268f2")))
    acc = ChatAccumulator()
    done_at: list[int] = []
    for n, chunk in enumerate(chunks):
        done_at += [n for e in acc.feed(chunk) if isinstance(e, ToolCallArgumentsDone)]
    second_starts = next(
        n for n, c in enumerate(chunks)
        for ch in c["choices"] for t in ch["delta"].get("tool_calls") or [] if t["index"] == 1
    )  # fmt: skip
    assert done_at[0] == second_starts
    assert acc.feed_eof() == []


def test_refusal_and_logprobs_events() -> None:
    refusal = next(p for p in STREAMS if p.name.startswith("569c877e"))
    _, events = replay(sse_chunks(refusal))
    types = [e.type for e in events]
    assert "refusal.done" in types and "logprobs.refusal.done" in types
    [done] = [e for e in events if isinstance(e, RefusalDone)]
    assert done.refusal.startswith("I'm very sorry")
    logprobs = next(p for p in STREAMS if p.name.startswith("83b060ba"))
    acc, events = replay(sse_chunks(logprobs))
    deltas = [e for e in events if isinstance(e, LogprobsContentDelta)]
    assert acc.snapshot is not None
    assert deltas[-1].snapshot == acc.snapshot["choices"][0]["logprobs"]["content"]
    assert [t["token"] for t in deltas[-1].snapshot] == ["Foo", "!"]


def test_agent_stream_three_tool_calls() -> None:
    data = json.loads(AGENT.read_text())
    acc, events = replay(data["streamed_data"])
    done = [e for e in events if isinstance(e, ToolCallArgumentsDone)]
    assert [(e.index, e.name, e.call_id) for e in done] == [
        (0, "read", "functions.read:184"),
        (1, "read", "functions.read:185"),
        (2, "read", "functions.read:186"),
    ]
    for e in done:
        assert isinstance(json.loads(e.arguments), dict)
    assert acc.snapshot is not None
    # Recording quirk: finish_reason and usage each arrive twice; nothing is doubled.
    assert acc.snapshot["usage"]["total_tokens"] == 152960
    assert acc.snapshot["choices"][0]["finish_reason"] == "tool_calls"
    assert len(acc.snapshot["choices"][0]["message"]["tool_calls"]) == 3


@pytest.mark.parametrize("path", JSONL, ids=lambda p: p.name)
def test_jsonl_chat_recordings(path: Path) -> None:
    chunks = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    acc, _ = replay(chunks)
    assert acc.snapshot is not None and acc.snapshot["id"].startswith("chatcmpl-")
    real = [c for c in chunks if c["object"] == "chat.completion.chunk"]
    assert acc.snapshot["choices"][0]["message"]["content"] == naive(real)[0]["content"]


def test_repeated_names_and_ids_are_not_doubled() -> None:
    acc = ChatAccumulator()
    call = {"index": 0, "id": "c1", "type": "function", "function": {"name": "f", "arguments": "{"}}
    for _ in range(2):
        acc.feed({"id": "x", "object": "chat.completion.chunk",
                  "choices": [{"index": 0, "delta": {"tool_calls": [call]}}]})  # fmt: skip
    [end] = acc.feed_eof()
    assert isinstance(end, ToolCallArgumentsDone)
    assert (end.name, end.call_id, end.arguments) == ("f", "c1", "{{")


def test_merge_delta() -> None:
    acc: dict[str, Any] = {}
    merge_delta(acc, {"content": None, "reasoning": "a", "n": 1, "extra": {"x": "1"}, "l": [1]})
    merge_delta(acc, {"content": "b", "reasoning": "c", "n": 2, "extra": {"x": "2"}, "l": [2]})
    assert acc == {"content": "b", "reasoning": "ac", "n": 2, "extra": {"x": "12"}, "l": [1, 2]}
