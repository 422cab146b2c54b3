"""The Realtime API's events: every client and server event of the spec has its typed class
at the official name and path, is built leniently when fields are missing, and an event this
SDK does not know is kept whole rather than dropped."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from openai_oxide.types._lenient import json_decoder
from openai_oxide.types.realtime import RealtimeClientEvent, RealtimeServerEvent

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "openapi.yaml"


@functools.cache
def _schemas() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(
        SPEC.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return loaded["components"]["schemas"]  # type: ignore[no-any-return]


def _members(union: str) -> list[tuple[str, str]]:
    """(schema, type tag) of each member of a spec union."""
    schemas = _schemas()
    out = []
    for ref in schemas[union]["anyOf"]:
        name = ref["$ref"].rsplit("/", 1)[-1]
        tag = schemas[name]["properties"]["type"]
        out.append((name, tag.get("const") or tag["enum"][0]))
    return out


SERVER = _members("RealtimeServerEvent")
CLIENT = _members("RealtimeClientEvent")


def test_the_spec_lists_every_event() -> None:
    assert len(SERVER) >= 40 and len(CLIENT) >= 11
    assert {"response.output_text.delta", "error", "session.created"} <= {t for _, t in SERVER}


@pytest.mark.parametrize(
    ("union", "members"), [(RealtimeServerEvent, SERVER), (RealtimeClientEvent, CLIENT)]
)
def test_each_event_is_typed_leniently(union: Any, members: list[tuple[str, str]]) -> None:
    decode = json_decoder(union)
    for schema, tag in members:
        event = decode(f'{{"type": "{tag}"}}')  # every other field missing: built leniently
        assert event.type == tag, schema
        assert not type(event).__name__.startswith("Unknown"), (schema, type(event))


def test_official_names_and_paths() -> None:
    rows = {
        "session_update_event": "SessionUpdateEvent",
        "session_created_event": "SessionCreatedEvent",
        "response_text_delta_event": "ResponseTextDeltaEvent",
        "response_function_call_arguments_done_event": "ResponseFunctionCallArgumentsDoneEvent",
        "realtime_error_event": "RealtimeErrorEvent",
        "input_audio_buffer_append_event": "InputAudioBufferAppendEvent",
        "conversation_item_input_audio_transcription_completed_event": (
            "ConversationItemInputAudioTranscriptionCompletedEvent"
        ),
        "realtime_server_event": "ConversationItemRetrieved",
    }
    package = importlib.import_module("openai_oxide.types.realtime")
    for module, name in rows.items():
        cls = getattr(importlib.import_module(f"openai_oxide.types.realtime.{module}"), name)
        assert cls is getattr(package, name)  # one class, at the official path too


def test_a_full_event_reads_exactly() -> None:
    event = json_decoder(RealtimeServerEvent)(
        b'{"type":"response.function_call_arguments.done","event_id":"ev_1","response_id":"r",'
        b'"item_id":"it","output_index":0,"call_id":"call_1","name":"get_weather",'
        b'"arguments":"{\\"city\\":\\"Oslo\\"}"}'
    )
    assert type(event).__name__ == "ResponseFunctionCallArgumentsDoneEvent"
    assert (event.call_id, event.name, event.arguments) == (
        "call_1",
        "get_weather",
        '{"city":"Oslo"}',
    )


def test_an_unknown_event_is_kept_whole() -> None:
    event = json_decoder(RealtimeServerEvent)(b'{"type":"brand.new.event","event_id":"e","x":[1]}')
    assert type(event).__name__ == "UnknownRealtimeServerEvent"
    assert event.to_dict() == {"type": "brand.new.event", "event_id": "e", "x": [1]}


def test_an_unknown_enum_value_and_extra_field_are_kept() -> None:
    event = json_decoder(RealtimeServerEvent)(
        b'{"type":"error","event_id":"e","error":{"type":"new_kind","message":"m","extra":1}}'
    )
    assert type(event).__name__ == "RealtimeErrorEvent"
    assert event.error.type == "new_kind" and event.error.message == "m"
    assert event.to_dict()["error"]["extra"] == 1
