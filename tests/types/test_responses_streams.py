"""Every recorded Responses stream event parses into its own class, losslessly."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    UnknownResponseStreamEvent,
)
from openai_oxide.types.responses.events import parse_response_stream_event

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURES = SHARED / "fixtures"
SPEC = SHARED / "spec" / "openapi.yaml"


def responses_recordings() -> list[Path]:
    return sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))


def chat_chunk_payloads() -> list[tuple[str, bytes]]:
    """(label, JSON bytes) of every recorded chat chunk."""
    out: list[tuple[str, bytes]] = []
    for path in sorted((FIXTURES / "chat-streams").glob("*.bin")):
        for n, line in enumerate(path.read_bytes().splitlines()):
            if line.startswith(b"data:"):
                data = line[5:].strip()
                if data != b"[DONE]":
                    out.append((f"{path.name[:12]}:{n}", data))
    for path in sorted((FIXTURES / "responses-streams" / "chat").glob("*.chunks.txt")):
        for n, line in enumerate(path.read_bytes().splitlines()):
            if line.strip():
                out.append((f"{path.name}:{n}", line.strip()))
    agent = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    for n, chunk in enumerate(agent["streamed_data"]):
        out.append((f"agent:{n}", json.dumps(chunk).encode()))
    return out


def read_lines(path: Path) -> list[bytes]:
    return [line.strip() for line in path.read_bytes().splitlines() if line.strip()]


def load_json(data: bytes) -> Any:
    return json.loads(data)


if not FIXTURES.is_dir():
    pytest.skip(f"shared fixtures not found at {FIXTURES}", allow_module_level=True)


RECORDINGS = responses_recordings()


def known_event_types() -> dict[str, type]:
    """Map each `type` tag of the union to its dedicated class."""
    outer = typing.get_args(ResponseStreamEvent)[0]
    tagged = typing.get_args(outer)[0]
    members = typing.get_args(typing.get_args(tagged)[0])
    out: dict[str, type] = {}
    for cls in members:
        for tag in typing.get_args(cls.model_fields["type"].annotation):
            out[tag] = cls
    return out


def test_union_has_every_official_event() -> None:
    assert len(known_event_types()) == 59  # the spec's 58 plus response.compaction.compacting


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_every_event_parses_into_its_class_and_round_trips(path: Path) -> None:
    known = known_event_types()
    for line in read_lines(path):
        original = json.loads(line)
        event = parse_response_stream_event(line)
        assert not isinstance(event, UnknownResponseStreamEvent), original["type"]
        assert type(event) is known[original["type"]]
        assert event.model_dump(exclude_unset=True, by_alias=True) == original
        # str input takes the same path as bytes
        assert parse_response_stream_event(line.decode()) == event


def _responses(path: Path) -> list[tuple[str, Response]]:
    """(concatenated output_text deltas, final Response) per response in a recording."""
    out: list[tuple[str, Response]] = []
    deltas: list[str] = []
    for line in read_lines(path):
        event = parse_response_stream_event(line)
        if isinstance(event, ResponseTextDeltaEvent):
            deltas.append(event.delta or "")
        elif isinstance(event, ResponseCompletedEvent):
            assert event.response is not None
            out.append(("".join(deltas), event.response))
            deltas = []
    return out


COMPLETED = [p for p in RECORDINGS if b'"response.completed"' in p.read_bytes()]


@pytest.mark.parametrize("path", COMPLETED, ids=lambda p: p.name)
def test_completed_response_output_text_matches_deltas(path: Path) -> None:
    if path.name.startswith("openai-phase."):
        pytest.skip("openai-phase.1 is trimmed: its deltas do not add up (fixtures/SOURCE)")
    pairs = _responses(path)
    assert pairs
    for deltas, response in pairs:
        assert response.output_text == deltas
        # the embedded response validates on its own, from bytes, too
        raw = json.dumps(response.model_dump(exclude_unset=True, by_alias=True)).encode()
        again = Response.model_validate_json(raw)
        assert again.output_text == deltas


def test_unknown_event_type_and_field_are_kept() -> None:
    raw = b'{"type":"response.brand_new","sequence_number":7,"payload":{"a":[1,2]}}'
    event = parse_response_stream_event(raw)
    assert isinstance(event, UnknownResponseStreamEvent)
    assert event.type == "response.brand_new"
    assert event.model_dump() == json.loads(raw)
    assert event.payload == {"a": [1, 2]}  # type: ignore[attr-defined]


def test_unknown_field_on_known_event_is_kept() -> None:
    raw = b'{"type":"response.output_text.delta","item_id":"m","output_index":0,'
    raw += b'"content_index":0,"delta":"hi","sequence_number":3,"logprobs":[],"new_field":{"x":1}}'
    event = parse_response_stream_event(raw)
    assert isinstance(event, ResponseTextDeltaEvent)
    assert event.delta == "hi"
    assert event.model_extra == {"new_field": {"x": 1}}
    assert event.to_dict() == json.loads(raw)


def test_unknown_output_item_and_status_values_are_kept() -> None:
    raw = (
        b'{"type":"response.output_item.added","sequence_number":1,"output_index":0,'
        b'"item":{"type":"hologram_call","id":"h1","status":"beaming"}}'
    )
    event = parse_response_stream_event(raw)
    assert type(event).__name__ == "ResponseOutputItemAddedEvent"
    assert type(event.item).__name__ == "UnknownResponseOutputItem"  # type: ignore[union-attr]
    assert event.to_dict() == json.loads(raw)
    msg = b'{"type":"message","id":"m","role":"assistant","status":"new_status","content":[]}'
    item = parse_response_stream_event(
        b'{"type":"response.output_item.done","output_index":0,"item":' + msg + b"}"
    )
    assert type(item.item).__name__ == "ResponseOutputMessage"  # type: ignore[union-attr]


def test_known_event_with_invalid_data_is_its_own_class_unless_strict() -> None:
    from pydantic import ValidationError

    from openai_oxide._core.strictness import checked

    raw = b'{"type":"response.output_text.delta","delta":5}'
    event = parse_response_stream_event(raw)
    assert type(event) is ResponseTextDeltaEvent
    assert event.delta == 5  # kept as sent  # type: ignore[comparison-overlap]
    assert event.output_index is None
    with pytest.raises(ValidationError, match="delta"):
        checked(parse_response_stream_event, raw, True)
    with pytest.raises(ValueError):
        parse_response_stream_event(b"{not json")
