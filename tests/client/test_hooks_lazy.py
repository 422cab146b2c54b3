"""Hooks where the SDK finishes a call later than the method returns: a validation error
raised by `.parse()` of `with_streaming_response` / `with_raw_response`, and a stream that is
closed (or dropped) before it was iterated."""

from __future__ import annotations

import asyncio
import gc

import pytest

from openai_oxide import APIResponseValidationError, MockResponse, OpenAI
from openai_oxide.testing import FakeOpenAI
from support import API_KEY, scripted

from .test_hooks import Recorder, client_for, sse_chat

BAD = MockResponse(200, {"content-type": "application/json"}, b"{not json")
SSE = {"content-type": "text/event-stream"}


async def test_a_lazy_validation_error_of_with_streaming_response_runs_the_error_hook() -> None:
    rec = Recorder()
    client = client_for(scripted(BAD), rec.hooks)
    async with client.models.with_streaming_response.list() as response:
        assert rec.names() == ["request", "response"]
        with pytest.raises(APIResponseValidationError) as info:
            await response.parse()
    assert rec.names() == ["request", "response", "error"]
    assert rec.events[-1][1].error is info.value


async def test_a_validation_error_under_with_raw_response_runs_the_error_hook_once() -> None:
    rec = Recorder()
    client = client_for(scripted(BAD), rec.hooks)
    with pytest.raises(APIResponseValidationError) as info:
        raw = await client.models.with_raw_response.list()
        raw.parse()
    assert rec.names() == ["request", "response", "error"]
    assert rec.events[-1][1].error is info.value


async def test_a_stream_closed_before_it_was_iterated_runs_stream_end() -> None:
    rec = Recorder(async_for=("stream_end",))
    client = client_for(scripted(MockResponse(200, SSE, sse_chat(["a", "b"]))), rec.hooks)
    stream = await client.chat.completions.create(model="m", messages=[], stream=True)
    await stream.close()
    await stream.close()  # once only
    assert rec.names() == ["request", "response", "stream_end"]
    end = rec.events[-1][1]
    assert end.events == 0 and end.completed is False and end.error is None
    assert end.time_to_first_event is None and end.elapsed >= 0


async def test_a_stream_dropped_unconsumed_runs_stream_end_when_collected() -> None:
    rec = Recorder(async_for=("stream_end",))
    client = client_for(scripted(MockResponse(200, SSE, sse_chat(["a"]))), rec.hooks)
    stream = await client.chat.completions.create(model="m", messages=[], stream=True)
    del stream
    gc.collect()
    await asyncio.sleep(0)  # an async hook runs as a task of the loop
    await asyncio.sleep(0)
    assert rec.names() == ["request", "response", "stream_end"]
    assert rec.events[-1][1].completed is False and rec.events[-1][1].events == 0


def test_the_sync_clients_stream_closed_unread_runs_stream_end(fake: FakeOpenAI) -> None:
    seen: list[tuple[int, bool]] = []
    hooks = {"stream_end": lambda e: seen.append((e.events, e.completed))}
    with OpenAI(api_key=API_KEY, base_url=fake.url, hooks=hooks) as client:
        messages = [{"role": "user", "content": "hi"}]
        client.chat.completions.create(model="m", messages=messages, stream=True).close()
        assert seen == [(0, False)]
        events = list(client.chat.completions.create(model="m", messages=messages, stream=True))
    assert seen == [(0, False), (len(events), True)]
