"""`client.responses.stream(...)` and `client.responses.create_stream_fc(...)`.

The pure `ResponsesAccumulator` builds the snapshot from each event's dict; the typed
event (validated from the same bytes) is what the caller sees, with `snapshot` added to
text and argument deltas and, for a structured `text_format`, `parsed` (the model where
the partial text already validates) and `partial` (the partial dict).
`ResponsesFunctionCalls`, fed the same accumulator's derived events, hands over each
function call the moment its arguments are complete (`function_call_arguments.done`, else
`output_item.done`, else the end of the response or of the stream). Streams from servers
that leave out indexes or `.done` events are rebuilt as the accumulator documents.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any, Generic, TypeVar

from .._core import accumulate
from .._core.early import FunctionCallArgumentsPartial, FunctionCallDone, ResponsesFunctionCalls
from .._core.errors import StreamError
from .._core.sse import ServerSentEvent
from .._streaming import AsyncStreamManager, EventStream, HelperStream, RaiseAtEnd
from ..types._lenient import python_decoder
from ..types.responses import Response, ResponseStreamEvent, parse_response_stream_event
from ..types.responses import response_stream_event as events
from .function_calls import FunctionCall as FunctionCall  # importable from here too
from .function_calls import function_call as function_call
from .parsed_types import ParsedResponse
from .parsing import parse_partial_structured, parse_response, upgrade

T = TypeVar("T")
Pair = tuple[dict[str, Any], ResponseStreamEvent]
Step = tuple[dict[str, Any], ResponseStreamEvent, list[accumulate.StreamEvent]]


def decode_pair(sse: ServerSentEvent) -> Pair | RaiseAtEnd[Pair]:
    """The event as a dict for the accumulator and as a typed model for the caller (the
    dict is `sse.json()`: a WebSocket message hands over the one its session parsed)."""
    raw = sse.json()
    event = parse_response_stream_event(sse.data)
    if event.type == "error":
        return RaiseAtEnd((raw, event), raw)
    return raw, event


class ResponseTextDeltaEvent(events.ResponseTextDeltaEvent):
    """`response.output_text.delta` with the text so far (`snapshot`, as the official SDK
    has it) and, for a structured `text_format`, the partial dict (`partial`) and the
    model where it already validates (`parsed`)."""

    snapshot: str = ""
    partial: dict[str, Any] | None = None
    parsed: Any = None


class ResponseFunctionCallArgumentsDeltaEvent(events.ResponseFunctionCallArgumentsDeltaEvent):
    """`response.function_call_arguments.delta` with the arguments so far (`snapshot`)."""

    snapshot: str = ""


class AsyncResponseStream(HelperStream[ResponseStreamEvent], Generic[T]):
    """Typed events with snapshots; `get_final_response()` when you need the end."""

    def __init__(
        self,
        raw: EventStream[Pair],
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

    @property
    def accumulator(self) -> accumulate.ResponsesAccumulator:
        """The response rebuilt from the events so far (shared by early function-call
        parsing, so the stream is accumulated once)."""
        return self._acc

    async def steps(self) -> AsyncIterator[Step]:
        """Each event as (dict, typed event, the accumulator's derived events), with the
        snapshot kept up to date."""
        async for raw, event in self._raw:
            if (
                self._resumed
                and self._acc.snapshot is None
                and raw.get("type") != "response.created"
            ):
                if raw.get("type") not in accumulate.TERMINAL:
                    yield raw, event, []
                    continue
                self._acc.feed({"type": "response.created", "response": raw.get("response")})
            try:
                derived_events = self._acc.feed(raw)
            except accumulate.StreamStateError as exc:
                raise StreamError(
                    self._raw.response, raw, message=f"Malformed stream event: {exc}"
                ) from exc
            for derived in derived_events:
                event = self._decorate(event, derived)
            yield raw, event, derived_events

    async def _events(self) -> AsyncIterator[ResponseStreamEvent]:
        async for _, event, _ in self.steps():
            yield event

    def _decorate(
        self, event: ResponseStreamEvent, derived: accumulate.StreamEvent
    ) -> ResponseStreamEvent:
        """The typed event with what the accumulator derived (the helper's event types)."""
        if isinstance(derived, accumulate.TextDelta):
            self._text.append(derived.delta)
            partial, parsed = None, None
            if self._text_format is not None:
                with contextlib.suppress(ValueError):  # not JSON yet: no partial
                    partial, parsed = parse_partial_structured(derived.snapshot, self._text_format)
            return upgrade(
                ResponseTextDeltaEvent,
                event,
                snapshot=derived.snapshot,
                partial=partial,
                parsed=parsed,
            )
        if isinstance(derived, accumulate.FunctionCallArgumentsDelta):
            return upgrade(
                ResponseFunctionCallArgumentsDeltaEvent, event, snapshot=derived.snapshot
            )
        return event

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
            if isinstance(event, events.ResponseTextDeltaEvent):
                yield event.delta or ""

    async def get_final_response(self) -> ParsedResponse[T]:
        """Waits for the end; the result equals the `response.completed` payload (with the
        output rebuilt from the events where that payload has none). A stream cut before
        its terminal event gives the response as accumulated. Raises StreamError if no
        Responses event arrived at all."""
        await self.until_done()
        final = self._acc.final or self._acc.snapshot
        if final is None:
            raise StreamError(
                self._raw.response,
                message="The stream ended before any Responses event arrived.",
            )
        response = python_decoder(Response)(final)
        return parse_response(
            response, text_format=self._text_format, input_tools=self._input_tools
        )


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
        async with self._manager as stream:
            self._stream = stream
            calls = ResponsesFunctionCalls(partial=self._partial, accumulator=stream.accumulator)
            async for _, _, derived in stream.steps():
                for found in calls.from_events(derived):
                    yield (
                        function_call(found, stream.response)
                        if isinstance(found, FunctionCallDone)
                        else found
                    )
            for found in calls.feed_eof():
                if isinstance(found, FunctionCallDone):
                    yield function_call(found, stream.response)

    async def get_final_response(self) -> ParsedResponse[Any]:
        if self._stream is None:
            raise RuntimeError("Iterate the function calls first.")
        return await self._stream.get_final_response()
