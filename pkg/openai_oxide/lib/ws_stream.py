"""`WebSocketStream`: one turn of a Responses WebSocket session as an event stream."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.errors import StreamError
from .._core.http import Headers, ResponseHead
from .._core.sse import ServerSentEvent
from .._core.strictness import checked, validation_message
from .._streaming import AsyncStream, EventDecoder, RaiseAtEnd

if TYPE_CHECKING:
    from ..types.responses import Response, ResponseStreamEvent
    from .ws_session import AsyncResponsesSession

__all__ = ["WebSocketStream", "parse_event", "parse_response"]

E = TypeVar("E")


class WebSocketStream(AsyncStream[E]):
    """One turn's events, decoded by the same decoders as an HTTP stream's SSE events (the
    WebSocket message is the SSE `data`). Iterate with `async for`; `async with`/`close()`
    leave early (the turn is dropped if unsent, else its remaining events are discarded).
    An `error` event is yielded, then its typed exception is raised."""

    def __init__(
        self, session: AsyncResponsesSession, params: Mapping[str, Any], decode: EventDecoder[E]
    ) -> None:
        self._session = session
        self._decode = decode
        self._strict = session._client._strict_response_validation
        self._turn, self._options = session._submit(params)
        self.response = ResponseHead(101, Headers(), session._request)
        self._iterator = self._ws_events()

    async def start(self) -> None:
        """Make sure the turn is on its way (connect and send if needed)."""
        await self._session._pump()

    async def _ws_events(self) -> AsyncIterator[E]:
        try:
            async for data in self._session._turn_events(self._turn, self._options):
                item = self._decode_one(ServerSentEvent(data=data))
                yield item.item if isinstance(item, RaiseAtEnd) else item
        finally:
            self._session._release(self._turn)

    async def close(self) -> None:
        await self._iterator.aclose()  # type: ignore[attr-defined]
        self._session._release(self._turn)

    aclose = close


def parse_event(head: ResponseHead, data: str | bytes, strict: bool) -> ResponseStreamEvent:
    """A WebSocket message as a typed event: leniently, unless `strict` (then StreamError)."""
    from ..types.responses import parse_response_stream_event

    try:
        return checked(parse_response_stream_event, data, strict)
    except ValueError as exc:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        raise StreamError(head, text, message=validation_message(exc)) from exc


def parse_response(head: ResponseHead, final: dict[str, Any], strict: bool) -> Response:
    """A turn's rebuilt final response, typed: leniently, unless `strict` (then StreamError)."""
    from ..types._lenient import python_decoder
    from ..types.responses import Response

    try:
        return checked(python_decoder(Response), final, strict)
    except ValueError as exc:
        raise StreamError(head, None, message=validation_message(exc)) from exc
