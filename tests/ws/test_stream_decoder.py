"""`WebSocketStream` and `AsyncStream` share one `StreamDecoder`: the same event decodes,
errors and strictness whatever carries the events, and the WebSocket stream is a complete
object of its own (no half-initialised `AsyncStream` base)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from openai_oxide._core.errors import StreamError, StreamEventError
from openai_oxide._core.http import Headers, Request, ResponseHead
from openai_oxide._core.sse import ServerSentEvent
from openai_oxide._streaming import AsyncStream, RaiseAtEnd, StreamDecoder
from openai_oxide.lib.ws_stream import WebSocketStream

HEAD = ResponseHead(101, Headers(), Request("GET", "wss://example.test/v1/responses"))


def decode(sse: ServerSentEvent) -> dict[str, object] | RaiseAtEnd[dict[str, object]]:
    data = json.loads(sse.data)
    if not isinstance(data, dict) or "type" not in data:
        raise ValueError("not an event")
    return RaiseAtEnd(data, data) if data["type"] == "error" else data


async def texts(*items: str) -> AsyncIterator[ServerSentEvent]:
    for item in items:
        yield ServerSentEvent(data=item)


def test_the_decoder_keeps_the_first_error_event_for_the_end() -> None:
    decoder = StreamDecoder(decode, HEAD, strict=False)
    first = decoder.decode(ServerSentEvent(data='{"type": "error", "error": {"message": "A"}}'))
    decoder.decode(ServerSentEvent(data='{"type": "error", "error": {"message": "B"}}'))
    assert first == {"type": "error", "error": {"message": "A"}}
    with pytest.raises(StreamEventError, match="A"):
        decoder.raise_failure()


def test_an_undecodable_event_is_a_stream_error_or_the_error_it_carries() -> None:
    decoder = StreamDecoder(decode, HEAD, strict=False)
    with pytest.raises(StreamError, match="Malformed event"):
        decoder.decode(ServerSentEvent(data="[1, 2]"))
    with pytest.raises(StreamEventError, match="overloaded"):
        decoder.decode(ServerSentEvent(data='{"error": {"message": "overloaded"}}'))


async def test_websocket_stream_decodes_through_the_shared_decoder() -> None:
    released: list[bool] = []
    started: list[bool] = []

    async def start() -> None:
        started.append(True)

    events = texts('{"type": "a"}', '{"type": "error", "error": {"message": "x"}}', "[1]")
    stream = WebSocketStream(
        events,
        StreamDecoder(decode, HEAD, strict=False),
        start=start,
        release=lambda: released.append(True),
    )
    assert not isinstance(stream, AsyncStream)
    assert stream.response is HEAD
    await stream.start()
    seen = []
    with pytest.raises(StreamError, match="Malformed event"):
        async with stream:
            async for event in stream:
                seen.append(event)
    assert seen == [{"type": "a"}, {"type": "error", "error": {"message": "x"}}]
    assert started == [True]
    assert released  # the turn is handed back however the iteration ends
