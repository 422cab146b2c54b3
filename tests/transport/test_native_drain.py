"""A body its reader leaves at its end signal goes back to the pool natively (HTTP/1.1):
the fake's count of accepted connections shows whether the next call reused it. A close
in a cancelled task, or with the body going on, still drops the connection."""

from __future__ import annotations

import asyncio

import orjson

from openai_oxide import AsyncOpenAI, NativeTransport, OpenAI
from openai_oxide._core.http import Headers, Request
from openai_oxide._core.timeout import Timeout
from openai_oxide._transport.base import TransportResponse
from openai_oxide.testing import FakeOpenAI

CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
STALL = orjson.dumps({"stall_after_events": 1}).decode()


async def test_sequential_chat_streams_closed_at_done_share_one_connection(
    fake: FakeOpenAI,
) -> None:
    before = fake.accepted_connections()
    async with AsyncOpenAI(api_key="sk-test", base_url=fake.url) as client:
        for _ in range(5):
            stream = await client.chat.completions.create(**CHAT, stream=True)  # type: ignore[call-overload]
            chunks = [chunk async for chunk in stream]
            assert chunks and chunks[0].object == "chat.completion.chunk"
    assert fake.accepted_connections() - before == 1


def test_the_sync_client_reuses_the_connection_after_done_too(fake: FakeOpenAI) -> None:
    before = fake.accepted_connections()
    with OpenAI(api_key="sk-test", base_url=fake.url) as client:
        for _ in range(3):
            with client.chat.completions.create(**CHAT, stream=True) as stream:  # type: ignore[call-overload]
                assert sum(1 for _ in stream) > 1
    assert fake.accepted_connections() - before == 1


async def _chat_read_to_done(transport: NativeTransport, fake: FakeOpenAI) -> TransportResponse:
    """A streamed chat answer through the transport, read up to `[DONE]` (not past it)."""
    body = orjson.dumps({**CHAT, "stream": True})
    headers = Headers({"authorization": "Bearer sk-test", "content-type": "application/json"})
    request = Request("POST", f"{fake.url}/chat/completions", headers, body)
    response = await transport.send(request, timeout=Timeout())
    seen = b""
    chunks = aiter(response.aiter_bytes())
    while b"data: [DONE]" not in seen:
        seen += await anext(chunks)
    return response


async def _models(transport: NativeTransport, fake: FakeOpenAI) -> None:
    headers = Headers({"authorization": "Bearer sk-test"})
    request = Request("GET", f"{fake.url}/models", headers)
    response = await transport.send(request, timeout=Timeout())
    assert b"".join([c async for c in response.aiter_bytes()])
    await response.aclose()


async def test_a_close_at_done_keeps_the_connection_and_a_cancelled_one_drops_it(
    fake: FakeOpenAI,
) -> None:
    transport = NativeTransport()
    before = fake.accepted_connections()
    response = await _chat_read_to_done(transport, fake)
    await response.aclose()
    await _models(transport, fake)
    assert fake.accepted_connections() - before == 1  # drained: reused

    async def close_while_cancelled() -> None:
        response = await _chat_read_to_done(transport, fake)
        try:
            await asyncio.sleep(30)  # cancelled here: the caller gave up
        finally:
            await response.aclose()

    task = asyncio.ensure_future(close_while_cancelled())
    await asyncio.sleep(0.2)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await _models(transport, fake)
    # The cancelled close dropped its connection, though its body was one read from the end.
    assert fake.accepted_connections() - before == 2
    await transport.aclose()


async def test_a_stream_left_midway_is_dropped_and_the_server_sees_it(fake: FakeOpenAI) -> None:
    before = fake.accepted_connections()
    async with AsyncOpenAI(api_key="sk-test", base_url=fake.url) as client:
        stream = await client.chat.completions.create(  # type: ignore[call-overload]
            **CHAT, stream=True, extra_headers={"x-fake-fault": STALL}
        )
        assert (await anext(aiter(stream))).object == "chat.completion.chunk"
        await stream.close()
        entry = fake.journal[-1]
        for _ in range(300):  # a hang guard: the server notices within a moment
            if entry.disconnected:
                break
            await asyncio.sleep(0.05)
        assert entry.disconnected and not entry.completed
        await client.models.list()
    assert fake.accepted_connections() - before == 2  # the next call needed a new one
