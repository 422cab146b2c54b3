"""`WebSocketStream`: one turn of a Responses WebSocket session as an event stream."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.http import Headers, ResponseHead
from .._core.sse import ServerSentEvent
from .._streaming import AsyncStream, EventDecoder, RaiseAtEnd

if TYPE_CHECKING:
    from .ws_session import AsyncResponsesSession

__all__ = ["WebSocketStream"]

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
