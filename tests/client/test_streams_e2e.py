"""Streams end to end: fake server -> native transport -> SSE decoder -> typed events."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, StreamError
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY, FIXTURES, expected_from_recording

CHAT_STREAMS = sorted((FIXTURES / "chat-streams").glob("*.bin"))
WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Weather for a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
        "required": ["city", "unit"],
        "additionalProperties": False,
    },
}


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=2) as c:
        yield c


@pytest.mark.parametrize("path", CHAT_STREAMS, ids=lambda p: p.name[:12])
async def test_recorded_chat_streams_join_to_the_recording(
    path: Path, fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(replay=path.read_bytes(), match="/chat/completions"))
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    content: dict[int, str] = defaultdict(str)
    calls: dict[tuple[int, int], dict[str, str]] = {}
    async for chunk in stream:
        for choice in chunk.choices:
            content[choice.index] += choice.delta.content or ""
            for tc in choice.delta.tool_calls or []:
                call = calls.setdefault((choice.index, tc.index), {"name": "", "arguments": ""})
                if tc.function is not None:
                    call["name"] += tc.function.name or ""
                    call["arguments"] += tc.function.arguments or ""
    want_content, want_calls = expected_from_recording(path)
    assert dict(content) == want_content
    assert calls == want_calls
    for call in calls.values():
        json.loads(call["arguments"])  # complete, valid JSON


async def test_responses_stream_transcript(client: AsyncOpenAI) -> None:
    stream = await client.responses.create(model="gpt-test", input="Say hello", stream=True)
    events = [e async for e in stream]
    types = [e.type for e in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert [e.sequence_number for e in events] == list(range(len(events)))
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    completed = events[-1].response
    assert text and completed.output_text == text
    assert completed.usage is not None and completed.usage.total_tokens > 0


async def test_responses_function_call_stream(client: AsyncOpenAI) -> None:
    stream = await client.responses.create(
        model="gpt-test", input="weather?", tools=[WEATHER_TOOL], stream=True
    )
    events = [e async for e in stream]
    done = [e for e in events if e.type == "response.function_call_arguments.done"]
    deltas = "".join(e.delta for e in events if e.type == "response.function_call_arguments.delta")
    assert len(done) == 1 and done[0].arguments == deltas
    args = json.loads(deltas)
    assert set(args) == {"city", "unit"} and args["unit"] in ("c", "f")


async def test_chat_stream_tool_call_deltas_and_usage_chunk(client: AsyncOpenAI) -> None:
    tool = {"type": "function", "function": {k: v for k, v in WEATHER_TOOL.items() if k != "type"}}
    stream = await client.chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "weather?"}],
        tools=[tool],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = [c async for c in stream]
    args = "".join(
        tc.function.arguments or ""
        for c in chunks
        for ch in c.choices
        for tc in ch.delta.tool_calls or []
        if tc.function is not None
    )
    assert json.loads(args)["city"]
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert any(ch.finish_reason == "tool_calls" for c in chunks for ch in c.choices)


async def test_leaving_a_stream_early_closes_the_connection(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(delay_between_events=0.05))
    stream = await client.responses.create(
        model="gpt-test", input="a long answer please", stream=True
    )
    async for _event in stream:
        break
    await stream.close()
    for _ in range(100):
        if fake.journal and fake.journal[-1].disconnected:
            break
        await asyncio.sleep(0.02)
    assert fake.journal[-1].disconnected


async def test_cancelling_the_task_closes_the_connection(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(delay_between_events=0.2))
    got_first = asyncio.Event()

    async def consume() -> None:
        stream = await client.responses.create(model="gpt-test", input="long answer", stream=True)
        async for _ in stream:
            got_first.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(got_first.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):
        if fake.journal[-1].disconnected:
            break
        await asyncio.sleep(0.02)
    assert fake.journal[-1].disconnected


async def test_drop_mid_stream_raises_connection_error_after_events(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(drop_after_events=3))
    stream = await client.responses.create(model="gpt-test", input="hello there", stream=True)
    seen = []
    with pytest.raises(APIConnectionError) as info:
        async for e in stream:
            seen.append(e)
    assert len(seen) == 3
    assert len(fake.journal) == 1  # a started stream is never retried
    assert info.value.request_id == fake.journal[-1].request_id


async def test_malformed_event_raises_stream_error_with_request_id(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(malformed_event_at=2))
    stream = await client.responses.create(model="gpt-test", input="hello", stream=True)
    seen = []
    with pytest.raises(StreamError) as info:
        async for e in stream:
            seen.append(e)
    assert len(seen) == 2
    assert info.value.request_id == fake.journal[-1].request_id
    assert "Malformed" in str(info.value)


async def test_invalid_utf8_raises_stream_error(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.inject(Fault(invalid_utf8_at=2))
    stream = await client.responses.create(model="gpt-test", input="hello", stream=True)
    with pytest.raises(StreamError) as info:
        async for _ in stream:
            pass
    assert info.value.request_id == fake.journal[-1].request_id
    assert isinstance(info.value.__cause__, Exception)


async def test_utf8_split_across_chunks_is_reassembled(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    plain = await client.responses.create(model="gpt-test", input="grüße")
    fake.inject(Fault(split_utf8=True))
    stream = await client.responses.create(model="gpt-test", input="grüße", stream=True)
    text = "".join([e.delta async for e in stream if e.type == "response.output_text.delta"])
    assert text == plain.output_text
    assert any(ord(ch) > 127 for ch in text)


async def test_error_event_is_yielded_and_raised_at_the_end(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide import StreamEventError

    path = FIXTURES / "responses-streams" / "openai-error.1.chunks.txt"
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    body = "".join(
        f"event: {json.loads(line)['type']}\ndata: {line}\n\n" for line in lines
    ).encode()
    fake.inject(Fault(replay=body, match="/responses"))
    stream = await client.responses.create(model="gpt-test", input="x", stream=True)
    seen = []
    with pytest.raises(StreamEventError) as info:
        async for e in stream:
            seen.append(e.type)
    assert seen[-2:] == ["error", "response.failed"]  # nothing after the error is lost
    assert info.value.code == "insufficient_quota"
    assert info.value.request_id == fake.journal[-1].request_id
