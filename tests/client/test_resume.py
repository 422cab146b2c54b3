"""Background response streams resume by themselves (_resume.py), against the fake
server with its stream dropped several times mid-response."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, OpenAI, StreamResumeError
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

TOOL = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"location": {"type": "string"}},
        "required": ["location"],
        "additionalProperties": False,
    },
    "strict": True,
}
ASK = {"model": "gpt-4o", "input": "Weather in Paris and Oslo?", "tools": [TOOL]}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The backoff before each reopening, recorded instead of slept."""
    recorded: list[float] = []

    async def fake_sleep(delay: float) -> None:
        recorded.append(delay)

    monkeypatch.setattr("openai_oxide._resume.asyncio.sleep", fake_sleep)
    return recorded


def drops(fake: FakeOpenAI, *after: int) -> None:
    """The next len(after) Responses streams drop after that many events each."""
    for n in after:
        fake.inject(Fault(drop_after_events=n, match="/responses"))


def reads(fake: FakeOpenAI) -> list[tuple[str, str | None]]:
    return [(e.method, e.query.get("starting_after")) for e in fake.journal]


async def test_create_stream_resumes_after_three_drops(
    fake: FakeOpenAI, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "openai_oxide")
    drops(fake, 3, 2, 2)
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        stream = await client.responses.create(background=True, stream=True, **ASK)
        events = [event async for event in stream]
        rid = events[0].response.id  # type: ignore[union-attr]
        whole = [e async for e in await client.responses.retrieve(rid, stream=True)]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert [e.model_dump() for e in events] == [e.model_dump() for e in whole]
    assert events[-1].type == "response.completed"
    assert reads(fake)[:4] == [("POST", None), ("GET", "2"), ("GET", "4"), ("GET", "6")]
    assert len(sleeps) == 3 and all(0 < s <= 8 for s in sleeps)
    resumed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Resuming")]
    assert resumed == [
        f"Resuming the stream of {rid} after APIConnectionError in {delay:.3f}s "
        f"(after event {last}; {url}; attempt 1)"
        for delay, last, url in zip(
            sleeps,
            (2, 4, 6),
            [f"{fake.url}/responses"]
            + [f"{fake.url}/responses/{rid}?stream=true&starting_after={n}" for n in (2, 4)],
            strict=True,
        )
    ]
    assert API_KEY not in caplog.text


async def test_retrieve_stream_resumes_from_its_starting_point(
    fake: FakeOpenAI, sleeps: list[float]
) -> None:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        created = await client.responses.create(background=True, **ASK)
        drops(fake, 2, 1)
        stream = await client.responses.retrieve(created.id, stream=True, starting_after=1)
        seqs = [event.sequence_number async for event in stream]
    assert seqs[0] == 2 and seqs == list(range(2, seqs[-1] + 1))
    assert reads(fake)[1:] == [("GET", "1"), ("GET", "3"), ("GET", "4")]


async def test_stream_helper_final_response_equals_an_undropped_run(
    fake: FakeOpenAI, sleeps: list[float]
) -> None:
    drops(fake, 3, 3, 3)
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        async with client.responses.stream(background=True, **ASK) as stream:
            types = [event.type async for event in stream]
            final = await stream.get_final_response()
        async with client.responses.stream(response_id=final.id) as whole:
            whole_types = [event.type async for event in whole]
            undropped = await whole.get_final_response()
    assert types == whole_types
    assert final.model_dump() == undropped.model_dump()
    assert len(sleeps) == 3


async def test_early_parse_hands_over_a_call_split_by_a_drop_once(
    fake: FakeOpenAI, sleeps: list[float]
) -> None:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        stored = await client.responses.create(background=True, **ASK)
        expected = [
            (o.name, json.loads(o.arguments)) for o in stored.output if o.type == "function_call"
        ]
        fake.reset()
        # Each call's arguments arrive in several deltas: drop inside the first call's.
        events = [e async for e in await client.responses.create(stream=True, **ASK)]
        deltas = [e for e in events if e.type == "response.function_call_arguments.delta"]
        assert deltas[0].item_id == deltas[1].item_id  # type: ignore[union-attr]
        first_delta = deltas[0].sequence_number
        drops(fake, first_delta + 1, 1)
        calls = [
            (call.name, call.arguments)
            async for call in client.responses.create_stream_fc(background=True, **ASK)
        ]
    assert len(expected) >= 1 and calls == expected
    assert len(sleeps) == 2


async def test_a_drop_after_the_last_event_ends_the_stream(
    fake: FakeOpenAI, sleeps: list[float]
) -> None:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        whole = [e async for e in await client.responses.create(stream=True, **ASK)]
        drops(fake, len(whole))  # every event sent, then the body cut short
        stream = await client.responses.create(background=True, stream=True, **ASK)
        events = [event.type async for event in stream]
    assert events == [e.type for e in whole] and sleeps == []


async def test_out_of_attempts_raises_with_the_request_id(
    fake: FakeOpenAI, sleeps: list[float]
) -> None:
    drops(fake, 3, 0, 0)
    seen: list[Any] = []
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, resume_attempts=2) as client:
        stream = await client.responses.create(background=True, stream=True, **ASK)
        with pytest.raises(StreamResumeError) as info:
            async for event in stream:
                seen.append(event.sequence_number)
    err = info.value
    assert isinstance(err, APIConnectionError)
    assert seen == [0, 1, 2] and err.last_sequence_number == 2
    assert err.request_id == fake.journal[-1].request_id
    assert err.response_id in str(err) and err.request_id in str(err)  # type: ignore[operator]
    assert len(fake.journal) == 3 and len(sleeps) == 2


@pytest.mark.parametrize("how", ["resume_attempts=0", "not background"])
async def test_no_resume_when_off_or_not_background(
    fake: FakeOpenAI, sleeps: list[float], how: str
) -> None:
    drops(fake, 3)
    off = how == "resume_attempts=0"
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        client = client.with_options(resume_attempts=0) if off else client
        stream = await client.responses.create(background=off, stream=True, **ASK)
        with pytest.raises(APIConnectionError) as info:
            [event async for event in stream]
    assert not isinstance(info.value, StreamResumeError)
    assert len(fake.journal) == 1 and sleeps == []


def test_the_sync_client_resumes_too(fake: FakeOpenAI, sleeps: list[float]) -> None:
    drops(fake, 2, 2)
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        stream = client.responses.create(background=True, stream=True, **ASK)
        seqs = [event.sequence_number for event in stream]
    assert seqs == list(range(len(seqs))) and len(sleeps) == 2
