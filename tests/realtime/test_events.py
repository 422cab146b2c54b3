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


def _members_by_prefix(prefix: str) -> list[tuple[str, str]]:
    """(schema, type tag) of the schemas named `prefix<suffix>`: the beta protocol's events,
    which the spec lists without a union."""
    schemas = _schemas()
    return [
        (name, schema["properties"]["type"].get("const") or schema["properties"]["type"]["enum"][0])
        for name, schema in schemas.items()
        if name.startswith(prefix) and name != prefix
    ]


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


def _official_beta_names() -> set[str]:
    """Every name `openai.types.beta.realtime` exposes (what its `__init__` imports)."""
    import openai.types.beta.realtime as official

    return {
        name
        for name, value in vars(official).items()
        if not name.startswith("_") and not isinstance(value, type(official))
    }


def test_beta_realtime_exposes_every_official_name() -> None:
    ours = importlib.import_module("openai_oxide.types.beta.realtime")
    names = _official_beta_names()
    assert len(names) >= 70
    assert {n for n in names if not hasattr(ours, n)} == set()
    # The beta session endpoints' classes are the ones `types.realtime` serves, not copies.
    ga = importlib.import_module("openai_oxide.types.realtime")
    for name in (
        "SessionCreateParams",
        "TranscriptionSessionCreateParams",
        "ConversationItemParam",
    ):
        assert getattr(ours, name) is getattr(ga, name)
    assert ours.SessionCreateResponse is ga.SessionCreateResponse  # `/realtime/sessions`
    assert ours.ErrorEvent.__module__ == ours.__name__  # not the Assistants `ErrorEvent`


BETA_SERVER = _members_by_prefix("RealtimeBetaServerEvent")
BETA_CLIENT = _members_by_prefix("RealtimeBetaClientEvent")


def test_beta_events_are_typed_leniently_at_their_official_paths() -> None:
    from openai_oxide.types.beta.realtime import RealtimeClientEvent as BetaClientEvent
    from openai_oxide.types.beta.realtime import RealtimeServerEvent as BetaServerEvent

    assert len(BETA_SERVER) >= 35 and len(BETA_CLIENT) >= 12
    for union, members in ((BetaServerEvent, BETA_SERVER), (BetaClientEvent, BETA_CLIENT)):
        decode = json_decoder(union)
        for schema, tag in members:
            event = decode(f'{{"type": "{tag}"}}')
            assert event.type == tag, schema
            assert type(event).__module__ == "openai_oxide.types.beta.realtime", (schema, event)
    unknown = json_decoder(BetaServerEvent)(b'{"type":"brand.new","event_id":"e"}')
    assert unknown.to_dict() == {"type": "brand.new", "event_id": "e"}
    from openai_oxide.types.beta.realtime.error_event import ErrorEvent
    from openai_oxide.types.beta.realtime.transcription_session_update_param import (
        TranscriptionSessionUpdateParam,
    )

    error = json_decoder(BetaServerEvent)(
        b'{"type":"error","event_id":"e","error":{"message":"m"}}'
    )
    assert type(error) is ErrorEvent and error.error.message == "m"
    annotations = TranscriptionSessionUpdateParam.__annotations__
    required = {k for k, v in annotations.items() if v.__forward_arg__.startswith("Required[")}
    assert required == {"type", "session"}
