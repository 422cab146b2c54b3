"""`ResponsesSession`: the lite face of `lib.ws_session.AsyncResponsesSession`. The session
(chaining, queueing, reconnection, HTTP fallback, timeouts) is the typed client's, driven
with the dict decoder; only the results differ."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._core.accumulate import ResponsesAccumulator
from .._core.errors import OpenAIError
from ..lib.ws_session import AsyncResponsesSession, WebSocketStream
from ._decode import decode_event
from ._early import FunctionCallStream

if TYPE_CHECKING:
    from .types import Response, ResponseStreamEvent

__all__ = ["ResponsesSession"]


class ResponsesSession:
    """`async with client.ws_session(...) as ws:` `await ws.send(...)` (the final response
    dict), `ws.send_stream(...)` (event dicts), `ws.create_stream_fc(...)` (early-parsed
    function calls), `await ws.warmup(...)`. See `openai_oxide.lib.ws_session`."""

    def __init__(self, session: AsyncResponsesSession) -> None:
        self.session = session  # the typed session it drives (connection facts, lanes)

    @property
    def connections(self) -> int:
        return self.session.connections

    @property
    def http_fallback(self) -> bool:
        return self.session.http_fallback

    def last_response_id(self, stream_id: str | None = None) -> str | None:
        return self.session.last_response_id(stream_id)

    def reset(self, stream_id: str | None = None) -> None:
        self.session.reset(stream_id)

    async def send(self, **params: Any) -> Response:
        """One turn; the final response rebuilt from every event (as the typed `send`)."""
        acc = ResponsesAccumulator()
        async with self.send_stream(**params) as stream:
            async for event in stream:
                acc.feed(event)
        if acc.final is None:
            raise OpenAIError("The turn ended without a final response event.")
        return acc.final  # type: ignore[return-value]  # a dict, typed for editors

    async def warmup(self, **params: Any) -> Response:
        """A turn with `generate: false` (see the typed session's `warmup`)."""
        return await self.send(**params, generate=False)

    def send_stream(self, **params: Any) -> WebSocketStream[ResponseStreamEvent]:
        """The event dicts of one turn; the turn is queued now."""
        return self.session._turn_stream(params, decode_event)

    def create_stream_fc(self, *, partial: bool = False, **params: Any) -> FunctionCallStream:
        """Function calls the moment their arguments are complete, over the session."""

        async def open_stream() -> WebSocketStream[dict[str, Any]]:
            stream = self.session._turn_stream(params, decode_event)
            await stream.start()
            return stream

        return FunctionCallStream(open_stream, partial=partial)

    async def connect(self) -> ResponsesSession:
        await self.session.connect()
        return self

    async def close(self) -> None:
        await self.session.close()

    async def __aenter__(self) -> ResponsesSession:
        return await self.connect()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
