"""The Responses and Chat accumulators against recorded streams replayed out of order, with
events missing, repeated or with a field replaced by any JSON value: the Responses one
raises nothing but StreamStateError, the Chat one nothing at all, and what they build still
follows from what arrived."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from openai_oxide._core.accumulate import ResponsesAccumulator, StreamStateError
from openai_oxide._core.chat_accumulate import ChatAccumulator
from openai_oxide._core.sse import SSEDecoder, signal_of
from support import FIXTURES


def _responses_streams() -> list[list[dict[str, Any]]]:
    paths = sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))
    return [[json.loads(line) for line in p.read_text().splitlines() if line.strip()]
            for p in paths]  # fmt: skip


def _chat_streams() -> list[list[dict[str, Any]]]:
    out = []
    for path in sorted((FIXTURES / "chat-streams").glob("*.bin")):
        decoder = SSEDecoder()
        events = [*decoder.feed(path.read_bytes()), *decoder.feed_eof()]
        out.append([e.json() for e in events if signal_of(e) is None])
    return out


LIFECYCLE = ("response.created", "response.queued", "response.in_progress")
RESPONSES = _responses_streams()
CHATS = _chat_streams()
values = st.recursive(
    st.none() | st.booleans() | st.integers(-1, 3) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=2),
    max_leaves=5,
)  # fmt: skip


@st.composite
def replay(draw: st.DrawFn, streams: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Events of one recording, picked by index (any order, gaps, repeats), a few mutated."""
    stream = draw(st.sampled_from(streams))
    picks = draw(st.lists(st.integers(0, len(stream) - 1), max_size=3 * len(stream)))
    out = [stream[i] for i in picks]
    for _ in range(draw(st.integers(0, 3))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        event = dict(out[at])
        key = draw(st.sampled_from([*event, "output_index", "item_id", "content_index"]))
        event[key] = draw(values)
        out[at] = event
    return out


def test_the_recordings_are_there() -> None:
    assert len(RESPONSES) >= 10 and len(CHATS) >= 10


@given(replay(RESPONSES))
def test_responses_raise_only_stream_state_error(events: list[dict[str, Any]]) -> None:
    before = json.dumps(events, sort_keys=True)
    acc = ResponsesAccumulator()
    final = None
    for event in events:
        with contextlib.suppress(StreamStateError):  # the one documented fault
            acc.feed(event)
        if event.get("type") in LIFECYCLE:  # may start another response: by design
            final = acc.final
        elif final is not None:
            assert acc.final is final  # a straggler after the end changes nothing
        final = acc.final
    snapshot = acc.snapshot
    assert snapshot is None or all(isinstance(item, dict) for item in snapshot["output"])
    assert json.dumps(events, sort_keys=True) == before  # the input is never mutated


@given(replay(CHATS))
@example(CHATS[0][::-1] + CHATS[0])  # the whole stream backwards, then forwards
def test_chat_never_raises_and_content_is_what_arrived(chunks: list[dict[str, Any]]) -> None:
    acc = ChatAccumulator()
    for chunk in chunks:
        acc.feed(chunk)
    acc.feed_eof()
    if acc.snapshot is None:
        return
    for choice in acc.snapshot["choices"]:
        if choice.get("index") != 0 or not all(_plain(c) for c in chunks):
            continue
        expected = "".join(
            c["delta"].get("content") or ""
            for chunk in chunks  # a chunk with a delta counts whatever its `object` says
            for c in chunk.get("choices", [])
            if c.get("index", 0) == 0 and isinstance(c.get("delta"), dict)
        )
        assert (choice["message"].get("content") or "") == expected


def _plain(chunk: dict[str, Any]) -> bool:
    """An unmutated-looking chunk: choices a list of dicts with int indexes and dict deltas."""
    choices = chunk.get("choices", [])
    return isinstance(choices, list) and all(
        isinstance(c, dict) and type(c.get("index", 0)) is int and isinstance(c.get("delta"), dict)
        and isinstance(c["delta"].get("content"), str | None) for c in choices
    )  # fmt: skip
