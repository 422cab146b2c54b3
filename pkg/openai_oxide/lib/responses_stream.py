"""`client.responses.stream(...)` and `client.responses.create_stream_fc(...)`.

The pure `ResponsesAccumulator` builds the snapshot from each event's dict; the typed
event (validated from the same bytes) is what the caller sees, with `snapshot` added to
text and argument deltas and, for a structured `text_format`, `parsed` (the model where
the partial text already validates) and `partial` (the partial dict).
`ResponsesFunctionCalls` hands over each function call the moment its arguments are done.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .._core import accumulate, codec
from .._core.early import FunctionCallArgumentsPartial, FunctionCallDone, ResponsesFunctionCalls
from .._core.errors import StreamError
from .._core.sse import ServerSentEvent
from .._streaming import AsyncStream, AsyncStreamManager, HelperStream, RaiseAtEnd
from ..types._lenient import python_decoder
from ..types.responses import (
    Response,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    parse_response_stream_event,
)
from .parsed_types import ParsedResponse
from .parsing import parse_partial_structured, parse_response

T = TypeVar("T")
Pair = tuple[dict[str, Any], ResponseStreamEvent]


def decode_pair(sse: ServerSentEvent) -> Pair | RaiseAtEnd[Pair]:
    """The event as a dict for the accumulator and as a typed model for the caller."""
    raw = codec.loads(sse.data)
    event = parse_response_stream_event(sse.data)
    if event.type == "error":
        return RaiseAtEnd((raw, event), raw)
    return raw, event


class AsyncResponseStream(HelperStream[ResponseStreamEvent], Generic[T]):
    """Typed events with snapshots; `get_final_response()` when you need the end."""

    def __init__(
        self,
        raw: AsyncStream[Pair],
        *,
        text_format: Any = None,
        input_tools: Any = None,
        resumed: bool = False,
    ) -> None:
        self._text_format = text_format
        self._input_tools = input_tools
        # A resumed stream starts after response.created: events pass through without
        # snapshots until the terminal event, whose payload is the final response.
        self._resumed = resumed
        self._acc = accumulate.ResponsesAccumulator()
        self._text: list[str] = []
        super().__init__(raw)

    async def pairs(self) -> AsyncIterator[Pair]:
        """Each event as (dict, typed model), with the snapshot kept up to date."""
        async for raw, event in self._raw:
            if (
                self._resumed
                and self._acc.snapshot is None
                and raw.get("type") != "response.created"
            ):
                if raw.get("type") not in accumulate.TERMINAL:
                    yield raw, event
                    continue
                self._acc.feed({"type": "response.created", "response": raw.get("response")})
            try:
                derived_events = self._acc.feed(raw)
            except accumulate.StreamStateError as exc:
                raise StreamError(
                    self._raw.response, raw, message=f"Out-of-order stream event: {exc}"
                ) from exc
            for derived in derived_events:
                self._decorate(event, derived)
            yield raw, event

    async def _events(self) -> AsyncIterator[ResponseStreamEvent]:
        async for _, event in self.pairs():
            yield event

    def _decorate(self, event: ResponseStreamEvent, derived: accumulate.StreamEvent) -> None:
        if isinstance(derived, accumulate.TextDelta):
            self._text.append(derived.delta)
            event.snapshot = derived.snapshot  # type: ignore[union-attr]
            if self._text_format is not None:
                try:
                    partial, parsed = parse_partial_structured(derived.snapshot, self._text_format)
                except ValueError:
                    partial, parsed = None, None
                event.partial = partial  # type: ignore[union-attr]
                event.parsed = parsed  # type: ignore[union-attr]
        elif isinstance(derived, accumulate.FunctionCallArgumentsDelta):
            event.snapshot = derived.snapshot  # type: ignore[union-attr]

    @property
    def output_text(self) -> str:
        """The text received so far."""
        return "".join(self._text)

    def current_snapshot(self) -> Response | None:
        """The response as accumulated so far (typed), or None before the first event."""
        snapshot = self._acc.snapshot
        return None if snapshot is None else python_decoder(Response)(snapshot)

    async def text_deltas(self) -> AsyncIterator[str]:
        """Only the text deltas, consuming the stream."""
        async for event in self:
            if isinstance(event, ResponseTextDeltaEvent):
                yield event.delta or ""

    async def get_final_response(self) -> ParsedResponse[T]:
        """Waits for the end; the result equals the `response.completed` payload."""
        await self.until_done()
        final = self._acc.final or self._acc.snapshot
        if final is None:
            raise RuntimeError("The stream ended before any response event arrived.")
        response = python_decoder(Response)(final)
        return parse_response(
            response, text_format=self._text_format, input_tools=self._input_tools
        )


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """A function call handed over the moment its arguments were complete."""

    name: str
    call_id: str | None
    arguments: dict[str, Any]
    arguments_json: str
    item_id: str | None
    output_index: int


class AsyncFunctionCallStream:
    """`async for call in client.responses.create_stream_fc(...)`: each `FunctionCall` as
    soon as its arguments are done, while the rest of the stream is still arriving.

    With `partial=True` it also yields `FunctionCallArgumentsPartial` updates. After the
    loop, `await get_final_response()` gives the whole response.
    """

    def __init__(
        self, manager: AsyncStreamManager[AsyncResponseStream[Any]], *, partial: bool
    ) -> None:
        self._manager = manager
        self._partial = partial
        self._stream: AsyncResponseStream[Any] | None = None

    async def __aiter__(self) -> AsyncIterator[FunctionCall | FunctionCallArgumentsPartial]:
        calls = ResponsesFunctionCalls(partial=self._partial)
        async with self._manager as stream:
            self._stream = stream
            async for raw, _ in stream.pairs():
                for found in calls.feed(raw):
                    if isinstance(found, FunctionCallDone):
                        yield _function_call(found, stream)
                    else:
                        yield found

    async def get_final_response(self) -> ParsedResponse[Any]:
        if self._stream is None:
            raise RuntimeError("Iterate the function calls first.")
        return await self._stream.get_final_response()


def _function_call(done: FunctionCallDone, stream: AsyncResponseStream[Any]) -> FunctionCall:
    try:
        arguments = done.arguments()
    except ValueError as exc:
        arguments = exc
    if not isinstance(arguments, dict):
        raise StreamError(
            stream._raw.response,
            done.arguments_json,
            message=f"Function call {done.name!r} has arguments that are not a JSON object",
        ) from (arguments if isinstance(arguments, Exception) else None)
    return FunctionCall(
        done.name, done.call_id, arguments, done.arguments_json, done.item_id, done.output_index
    )
