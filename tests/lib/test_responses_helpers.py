"""`responses.stream`, `create_stream_fc` and `responses.parse` against the fake server."""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY, FIXTURES

RECORDINGS = sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))
WEATHER = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}


class Person(BaseModel):
    name: str
    age: int
    tags: list[str]


def as_sse(path: Path) -> tuple[bytes, list[dict[str, Any]]]:
    events = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)
    return body.encode(), events


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


async def test_stream_deltas_carry_snapshots_and_final_matches_completed(
    client: AsyncOpenAI,
) -> None:
    async with client.responses.stream(model="gpt-test", input="hello there") as stream:
        snapshots = []
        async for event in stream:
            if event.type == "response.output_text.delta":
                snapshots.append(event.snapshot)  # type: ignore[union-attr]
                assert stream.current_snapshot() is not None
            if event.type == "response.completed":
                completed = event.response  # type: ignore[union-attr]
        final = await stream.get_final_response()
    assert snapshots and all(b.startswith(a) for a, b in itertools.pairwise(snapshots))
    assert snapshots[-1] == final.output_text == stream.output_text
    assert final.model_dump() == completed.model_dump()


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name.split(".")[0])
async def test_recorded_streams_final_response_equals_completed_payload(
    path: Path, fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    body, events = as_sse(path)
    terminal = [e for e in events if e["type"] in ("response.completed", "response.incomplete")]
    if not terminal or path.name.startswith("openai-phase"):
        pytest.skip("no single completed response in this recording")
    fake.inject(Fault(replay=body, match="/responses"))
    async with client.responses.stream(model="m", input="x") as stream:
        final = await stream.get_final_response()
    assert final.model_dump(exclude_unset=True) == terminal[-1]["response"]


async def test_function_call_is_handed_over_before_the_stream_ends(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    body, _ = as_sse(FIXTURES / "responses-streams" / "issue-19493-gpt-5.1-tool-call.chunks.txt")
    # 0.3 s between events: output_item.done and response.completed are still held back
    # by the server when the call is complete.
    fake.inject(Fault(replay=body, match="/responses", delay_between_events=0.3))
    calls = []
    fc_stream = client.responses.create_stream_fc(model="m", input="weather?", tools=[WEATHER])
    async for call in fc_stream:
        calls.append(call)
        assert fake.journal[-1].completed is False  # the rest of the stream is still coming
    assert [(c.name, c.arguments) for c in calls] == [("get_weather", {"city": "Beijing"})]
    assert calls[0].call_id and calls[0].call_id.startswith("call_")
    final = await fc_stream.get_final_response()
    assert final.output[0].type == "function_call"


async def test_function_call_falls_back_to_output_item_done(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    _, events = as_sse(FIXTURES / "responses-streams" / "issue-19493-gpt-5.1-tool-call.chunks.txt")
    kept = [e for e in events if e["type"] != "response.function_call_arguments.done"]
    fake.inject(
        Fault(
            replay="".join(f"data: {json.dumps(e)}\n\n" for e in kept).encode(),
            match="/responses",
        )
    )
    calls = [c async for c in client.responses.create_stream_fc(model="m", input="x")]
    assert [c.arguments for c in calls] == [{"city": "Beijing"}]


async def test_partial_arguments_are_exposed(client: AsyncOpenAI) -> None:
    from openai_oxide._core.early import FunctionCallArgumentsPartial

    seen = [
        item
        async for item in client.responses.create_stream_fc(
            model="m", input="weather?", tools=[WEATHER], partial=True
        )
    ]
    partials = [s for s in seen if isinstance(s, FunctionCallArgumentsPartial)]
    final = [s for s in seen if not isinstance(s, FunctionCallArgumentsPartial)]
    assert partials and len(final) == 1
    assert partials[-1].partial.items() <= final[0].arguments.items()


async def test_parse_gives_output_parsed(client: AsyncOpenAI, fake: FakeOpenAI) -> None:
    response = await client.responses.parse(model="m", input="a person", text_format=Person)
    assert isinstance(response.output_parsed, Person)
    sent = fake.journal[-1].json
    assert sent["text"]["format"]["type"] == "json_schema" and sent["text"]["format"]["strict"]


async def test_streamed_structured_output_exposes_partial_snapshots(client: AsyncOpenAI) -> None:
    partials: list[Any] = []
    async with client.responses.stream(model="m", input="a person", text_format=Person) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                partials.append((event.partial, event.parsed))  # type: ignore[union-attr]
        final = await stream.get_final_response()
    assert isinstance(final.output_parsed, Person)
    assert any(p for p, _ in partials) and isinstance(partials[-1][1], Person)
    assert partials[-1][1] == final.output_parsed


def test_sync_stream_helper(fake_server: FakeOpenAI) -> None:
    client = OpenAI(api_key=API_KEY, base_url=fake_server.url)
    with client.responses.stream(model="m", input="hi") as stream:
        types = [e.type for e in stream]
        final = stream.get_final_response()
    assert types[-1] == "response.completed" and final.output_text


async def test_early_exit_closes_the_stream(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.inject(Fault(delay_between_events=0.1))
    async with client.responses.stream(model="m", input="long answer here") as stream:
        async for _ in stream:
            break
    for _ in range(100):
        if fake.journal[-1].disconnected:
            break
        await asyncio.sleep(0.02)
    assert fake.journal[-1].disconnected


async def test_stream_resumes_an_existing_response(client: AsyncOpenAI) -> None:
    created = await client.responses.create(model="m", input="resume me", background=True)
    async with client.responses.stream(response_id=created.id, starting_after=2) as stream:
        events = [e async for e in stream]
        final = await stream.get_final_response()
    assert events[0].sequence_number == 3
    assert final.id == created.id and final.output_text == created.output_text
