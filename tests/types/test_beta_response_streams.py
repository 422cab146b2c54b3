"""The recorded Responses streams parse into the beta event classes too (the beta API sends the
same events), each into the class of its `type`, losslessly, never into a Responses class."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from openai_oxide.types.beta.beta_response import BetaResponse
from openai_oxide.types.beta.beta_response_completed_event import BetaResponseCompletedEvent
from openai_oxide.types.beta.beta_response_stream_event import BetaResponseStreamEvent

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "responses-streams"
RECORDINGS = sorted(FIXTURES.glob("*.chunks.txt"))

if not RECORDINGS:
    pytest.skip(f"shared fixtures not found at {FIXTURES}", allow_module_level=True)

EVENTS: TypeAdapter[BetaResponseStreamEvent] = TypeAdapter(BetaResponseStreamEvent)


def beta_event_types() -> dict[str, type]:
    """Each `type` tag of the beta union -> its class."""
    tagged = typing.get_args(typing.get_args(BetaResponseStreamEvent)[0])[0]
    members = typing.get_args(typing.get_args(tagged)[0])
    return {
        tag: cls for cls in members for tag in typing.get_args(cls.model_fields["type"].annotation)
    }


def test_the_union_has_the_responses_events() -> None:
    known = beta_event_types()
    assert len(known) >= 59  # the Responses stream's (with `response.compaction.compacting`)
    assert all(cls.__name__.startswith("Beta") for cls in known.values())


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_every_recorded_event_parses_into_its_beta_class(path: Path) -> None:
    known = beta_event_types()
    for line in (raw.strip() for raw in path.read_bytes().splitlines() if raw.strip()):
        original = json.loads(line)
        event = EVENTS.validate_json(line)
        assert type(event) is known[original["type"]], original["type"]
        assert event.model_dump(exclude_unset=True, by_alias=True) == original
        if isinstance(event, BetaResponseCompletedEvent):
            assert type(event.response) is BetaResponse
