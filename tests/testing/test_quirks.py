"""The quirk transforms do what their names say, on real recordings, without mutating them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_oxide._core.sse import SSEDecoder
from openai_oxide.testing import quirks
from support import FIXTURES

RESPONSES = FIXTURES / "responses-streams" / "openai-reasoning-encrypted-content.1.chunks.txt"
CHAT_TOOLS = FIXTURES / "agent-session" / "chat-stream-114-chunks.json"


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def chat_chunks() -> list[dict[str, Any]]:
    chunks: list[dict[str, Any]] = json.loads(CHAT_TOOLS.read_text())["streamed_data"]
    return chunks


@pytest.mark.parametrize("name", sorted(quirks.RESPONSES))
def test_responses_quirks_leave_their_input_alone(name: str) -> None:
    events = jsonl(RESPONSES)
    before = json.dumps(events)
    out = quirks.RESPONSES[name](events)
    assert json.dumps(events) == before and out != events


@pytest.mark.parametrize("name", sorted(quirks.CHAT))
def test_chat_quirks_leave_their_input_alone(name: str) -> None:
    chunks = chat_chunks()
    before = json.dumps(chunks)
    out = quirks.CHAT[name](chunks)
    assert json.dumps(chunks) == before and out != chunks


def test_responses_transforms() -> None:
    events = jsonl(RESPONSES)
    bare = quirks.drop_event_fields(events)
    assert not any(set(quirks.INDEX_FIELDS) & set(e) for e in bare)
    assert bare[2]["item"] == events[2]["item"]  # nested item keeps its id
    types = [e["type"] for e in quirks.repeat_lifecycle(events[:3])]
    assert types[:4] == ["response.created"] * 2 + ["response.in_progress"] * 2
    late = [e["type"] for e in quirks.repeat_lifecycle(events, after_output=True)]
    assert late[2:5] == ["response.output_item.added", "response.created", "response.in_progress"]
    done = "response.function_call_arguments.done"
    assert not any(e["type"] == done for e in quirks.RESPONSES["no_arguments_done"](events))
    last = quirks.drop_final_fields(quirks.empty_final_output(events))[-1]["response"]
    assert last["output"] == [] and "usage" not in last


def test_chat_transforms() -> None:
    chunks = chat_chunks()
    calls = [c for ch in quirks.repeat_tool_call_id(chunks) for c in
             ch["choices"][0]["delta"].get("tool_calls") or [] if ch["choices"]]  # fmt: skip
    assert calls and all(c["id"] and c["function"]["name"] for c in calls)
    assert all("index" not in c for ch in quirks.drop_choice_index(chunks) for c in ch["choices"])
    reasons = {c["finish_reason"] for ch in quirks.rename_finish_reasons(chunks)
               for c in ch["choices"]}  # fmt: skip
    assert "tool_call" in reasons and "tool_calls" not in reasons
    assert all(ch["usage"]["total_tokens"] for ch in quirks.usage_on_every_chunk(chunks))
    padded = quirks.add_empty_choice_chunks(chunks)
    assert padded[0]["choices"] == padded[-1]["choices"] == [] and len(padded) == len(chunks) + 2


@pytest.mark.parametrize("end", quirks.ENDINGS)
@pytest.mark.parametrize("keepalive", [False, True])
def test_to_sse_frames_every_event(end: quirks.Ending, keepalive: bool) -> None:
    events = jsonl(RESPONSES)[:5]
    data = quirks.to_sse(events, named=True, end=end, keepalive=keepalive)
    decoder = SSEDecoder()
    sse = decoder.feed(data) + decoder.feed_eof()
    pings = [s for s in sse if s.event == "ping" or s.data == '{"type":"ping"}']
    real = [s for s in sse if s not in pings and s.event != "done" and s.data != "[DONE]"]
    assert [json.loads(s.data) for s in real] == events
    assert [s.event for s in real] == [e["type"] for e in events]
    assert bool(pings) == keepalive
    assert len(sse) - len(real) - len(pings) == (0 if end == "close" else 1)
