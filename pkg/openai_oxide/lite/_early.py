"""`FunctionCallStream`: early parse over a stream of event dicts (HTTP or a WebSocket
turn). The state machines are `_core.early`'s, the same as the typed client's."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from .._core.early import (
    ChatFunctionCalls,
    FunctionCallArgumentsPartial,
    FunctionCallDone,
    ResponsesFunctionCalls,
)
from .._core.errors import StreamError
from .._streaming import EventStream
from ..lib.function_calls import FunctionCall, function_call

__all__ = ["FunctionCallStream"]


class FunctionCallStream:
    """`async for call in client.responses.create_stream_fc(...)`: each `FunctionCall` the
    moment its arguments are complete, while the rest of the stream is still arriving
    (with `partial=True`, also `FunctionCallArgumentsPartial` updates). After the loop,
    `await get_final_response()` gives the whole answer as a dict (for Chat, the
    accumulated `chat.completion`)."""

    def __init__(
        self,
        open_stream: Callable[[], Awaitable[EventStream[dict[str, Any]]]],
        *,
        partial: bool,
        chat: bool = False,
    ) -> None:
        self._open = open_stream
        self._calls: ResponsesFunctionCalls | ChatFunctionCalls = (
            ChatFunctionCalls(partial=partial) if chat else ResponsesFunctionCalls(partial=partial)
        )
        self._stream: EventStream[dict[str, Any]] | None = None
        self._finished = False

    async def __aiter__(self) -> AsyncIterator[FunctionCall | FunctionCallArgumentsPartial]:
        calls = self._calls
        async with await self._open() as stream:
            self._stream = stream
            async for event in stream:
                for found in calls.feed(event):
                    yield _handed(found, stream)
            self._finished = True
            for found in calls.feed_eof():
                if isinstance(found, FunctionCallDone):
                    yield _handed(found, stream)

    @property
    def finished(self) -> bool:
        """Whether the stream has ended (False while a call is handed over early)."""
        return self._finished

    async def get_final_response(self) -> dict[str, Any]:
        if self._stream is None:
            raise RuntimeError("Iterate the function calls first.")
        calls = self._calls
        final = (
            calls.accumulator.snapshot
            if isinstance(calls, ChatFunctionCalls)
            else calls.accumulator.final
        )
        if final is None:
            raise StreamError(
                self._stream.response, message="The stream ended before its final event."
            )
        return final


def _handed(
    found: FunctionCallDone | FunctionCallArgumentsPartial, stream: EventStream[Any]
) -> FunctionCall | FunctionCallArgumentsPartial:
    return function_call(found, stream.response) if isinstance(found, FunctionCallDone) else found
