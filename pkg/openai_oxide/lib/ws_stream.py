"""`WebSocketStream`: one turn of a Responses WebSocket session as an event stream."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.errors import StreamError
from .._core.sse import ServerSentEvent
from .._core.strictness import checked, validation_message
from .._streaming import EventStream, StreamDecoder

if TYPE_CHECKING:
    from .._core.http import ResponseHead
    from ..types.responses import Response, ResponsesServerEvent

__all__ = ["ParsedMessage", "WebSocketStream", "parse_event", "parse_response"]

E = TypeVar("E")


class ParsedMessage(ServerSentEvent):
    """A WebSocket message as the SSE event a stream decoder takes (the message is the SSE
    `data`). The session's core has parsed it already, to route it: `json()` returns that
    value, so a decoder that needs the dict (the accumulator's, the lite client's) does not
    parse the text a second time. A decoder that validates the text (pydantic-core's
    `validate_json`) still reads `data`: under Pyodide that costs the same as validating
    the dict, and natively less."""

    payload: Any

    @classmethod
    def of(cls, data: str, payload: dict[str, Any]) -> ParsedMessage:
        message = cls(None, data)
        message.payload = payload
        return message

    def json(self) -> Any:
        return self.payload


class WebSocketStream(EventStream[E]):
    """One turn's events, decoded by the same `StreamDecoder` as an HTTP stream's SSE
    events (the WebSocket message is the SSE `data`). Iterate with `async for`;
    `async with`/`close()` leave early (the turn is dropped if unsent, else its remaining
    events are discarded). An `error` event is yielded, then its typed exception is raised
    (by the session, which fails the turn).

    The session that owns the turn hands in its parts: the turn's messages, `start`
    (connect and send if needed) and `release` (the consumer is done with the turn)."""

    def __init__(
        self,
        events: AsyncIterator[ServerSentEvent],
        decoder: StreamDecoder[E],
        *,
        start: Callable[[], Awaitable[None]],
        release: Callable[[], None],
    ) -> None:
        self.response = decoder.head
        self._decoder = decoder
        self._start = start
        self._release = release
        self._iterator = self._ws_events(events)

    async def start(self) -> None:
        """Make sure the turn is on its way (connect and send if needed)."""
        await self._start()

    async def _ws_events(self, events: AsyncIterator[ServerSentEvent]) -> AsyncIterator[E]:
        try:
            async for message in events:
                yield self._decoder.decode(message)
        finally:
            self._release()

    async def close(self) -> None:
        await self._iterator.aclose()  # type: ignore[attr-defined]
        self._release()


def parse_event(head: ResponseHead, data: str | bytes, strict: bool) -> ResponsesServerEvent:
    """A WebSocket message as a typed server event, as the official connection types it (a
    stream event's subclass with its `stream_id`, or the WebSocket's `error`): leniently,
    unless `strict` (then StreamError)."""
    try:
        return checked(_server_event_json(), data, strict)
    except ValueError as exc:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        raise StreamError(head, text, message=validation_message(exc)) from exc


@functools.cache
def _server_event_json() -> Callable[[str | bytes], ResponsesServerEvent]:
    """`ResponsesServerEvent`'s decoder, built by the first `parse_event`: its ~60 classes
    load with the first event, not with the connection."""
    from ..types._lenient import json_decoder
    from ..types.responses.responses_server_event import ResponsesServerEvent

    decode: Callable[[str | bytes], ResponsesServerEvent] = json_decoder(ResponsesServerEvent)
    return decode


def parse_response(head: ResponseHead, final: dict[str, Any], strict: bool) -> Response:
    """A turn's rebuilt final response, typed: leniently, unless `strict` (then StreamError)."""
    from ..types._lenient import python_decoder
    from ..types.responses import Response

    try:
        return checked(python_decoder(Response), final, strict)
    except ValueError as exc:
        raise StreamError(head, None, message=validation_message(exc)) from exc
