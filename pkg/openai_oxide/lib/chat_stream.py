"""`client.chat.completions.stream(...)`: typed events over a chat completion stream.

The pure `ChatAccumulator` assembles the completion (tool-call arguments from index-based
deltas, parallel calls kept apart) and derives the official events. This layer adds the
typed chunk, `parsed` content for a structured `response_format` and `parsed_arguments`
for tool calls (partial while they stream, complete at `.done`).

A stream cut by `finish_reason="length"` or `"content_filter"` ends normally, with the
content so far and that finish_reason, unless something was to be parsed (a rich
`response_format` or a strict tool): then `LengthFinishReasonError` /
`ContentFilterFinishReasonError` are raised at that chunk, as in the official SDK.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from .._core import chat_accumulate as core
from .._core import codec
from .._core.early import FunctionCallDone
from .._core.errors import StreamError
from .._core.partial_json import parse_partial
from .._core.sse import ServerSentEvent
from .._streaming import AsyncStreamManager, EventStream, HelperStream
from ..types._lenient import python_decoder
from ..types.chat import ChatCompletion, ChatCompletionChunk, parse_chat_completion_chunk
from .parsed_types import ParsedChatCompletion
from .parsing import (
    check_finish_reason,
    has_parseable_input,
    parse_chat_completion,
    parse_content,
    parse_partial_structured,
    tool_model,
)
from .responses_stream import FunctionCall, function_call

T = TypeVar("T")
Pair = tuple[dict[str, Any], ChatCompletionChunk]


def decode_pair(sse: ServerSentEvent) -> Pair:
    return codec.loads(sse.data), parse_chat_completion_chunk(sse.data)


@dataclass(frozen=True, slots=True)
class ChunkEvent:
    type: ClassVar[str] = "chunk"
    chunk: ChatCompletionChunk
    _snapshot: dict[str, Any]

    @property
    def snapshot(self) -> ChatCompletion:
        """The completion so far, typed on demand."""
        return python_decoder(ChatCompletion)(self._snapshot)


@dataclass(frozen=True, slots=True)
class ContentDeltaEvent:
    type: ClassVar[str] = "content.delta"
    choice_index: int
    delta: str
    snapshot: str
    parsed: Any  # the partial dict of a structured answer, else None


@dataclass(frozen=True, slots=True)
class ContentDoneEvent(Generic[T]):
    type: ClassVar[str] = "content.done"
    choice_index: int
    content: str
    parsed: T | None


@dataclass(frozen=True, slots=True)
class FunctionToolCallArgumentsDeltaEvent:
    type: ClassVar[str] = "tool_calls.function.arguments.delta"
    choice_index: int
    name: str
    index: int
    arguments: str
    arguments_delta: str
    parsed_arguments: Any  # the partial arguments dict


@dataclass(frozen=True, slots=True)
class FunctionToolCallArgumentsDoneEvent:
    type: ClassVar[str] = "tool_calls.function.arguments.done"
    choice_index: int
    name: str
    index: int
    arguments: str
    parsed_arguments: Any  # the tool's model instance for strict pydantic tools, else a dict
    call_id: str | None = None


ChatStreamEvent = (
    ChunkEvent
    | ContentDeltaEvent
    | ContentDoneEvent[Any]
    | FunctionToolCallArgumentsDeltaEvent
    | FunctionToolCallArgumentsDoneEvent
    | core.RefusalDelta
    | core.RefusalDone
    | core.LogprobsContentDelta
    | core.LogprobsContentDone
    | core.LogprobsRefusalDelta
    | core.LogprobsRefusalDone
)


class AsyncChatCompletionStream(HelperStream[ChatStreamEvent], Generic[T]):
    def __init__(
        self, raw: EventStream[Pair], *, response_format: Any = None, input_tools: Any = None
    ) -> None:
        self._format = response_format if isinstance(response_format, type) else None
        self._tools = {_tool_name(t): t for t in input_tools or ()}
        self._parseable = has_parseable_input(
            response_format=self._format, input_tools=list(self._tools.values())
        )
        self._acc = core.ChatAccumulator()
        super().__init__(raw)

    async def _events(self) -> AsyncIterator[ChatStreamEvent]:
        async for raw, chunk in self._raw:
            derived_events = self._acc.feed(raw)
            if self._parseable:  # a cut answer that was to be parsed: as the official SDK
                choices = raw.get("choices")
                for choice in choices if isinstance(choices, list) else ():
                    reason = choice.get("finish_reason") if isinstance(choice, dict) else None
                    check_finish_reason(reason, True, self.current_completion_snapshot())
            for derived in derived_events:
                yield self._typed(derived, chunk)
        for derived in self._acc.feed_eof():
            yield self._typed(derived, None)

    def _typed(self, event: core.Derived, chunk: ChatCompletionChunk | None) -> ChatStreamEvent:
        if isinstance(event, core.ChunkEvent):
            assert chunk is not None
            return ChunkEvent(chunk, dict(event.snapshot))
        if isinstance(event, core.ContentDelta):
            parsed = None
            if self._format is not None:
                try:
                    parsed = parse_partial_structured(event.snapshot, self._format)[0]
                except ValueError:
                    parsed = None
            return ContentDeltaEvent(event.choice_index, event.delta, event.snapshot, parsed)
        if isinstance(event, core.ContentDone):
            done: Any = None
            if self._format is not None:
                done = parse_content(event.content, self._format)
            return ContentDoneEvent(event.choice_index, event.content, done)
        if isinstance(event, core.ToolCallArgumentsDelta):
            try:
                partial = parse_partial(event.arguments) if event.arguments else {}
            except ValueError:
                partial = None
            return FunctionToolCallArgumentsDeltaEvent(
                event.choice_index,
                event.name,
                event.index,
                event.arguments,
                event.arguments_delta,
                partial,
            )
        if isinstance(event, core.ToolCallArgumentsDone):
            model = tool_model(self._tools.get(event.name))
            args_json = event.arguments or "{}"
            parsed_args: Any = None
            if model is not None:  # a model tool's bad arguments raise, as officially
                parsed_args = model.model_validate_json(args_json)
            else:
                with contextlib.suppress(ValueError):  # cut short or not JSON: None
                    parsed_args = codec.loads(args_json)
            return FunctionToolCallArgumentsDoneEvent(
                event.choice_index,
                event.name,
                event.index,
                event.arguments,
                parsed_args,
                event.call_id,
            )
        return event  # type: ignore[return-value]

    def current_completion_snapshot(self) -> ChatCompletion | None:
        snapshot = self._acc.snapshot
        return None if snapshot is None else python_decoder(ChatCompletion)(snapshot)

    async def get_final_completion(self) -> ParsedChatCompletion[T]:
        await self.until_done()
        snapshot = self._acc.snapshot
        if snapshot is None:
            raise StreamError(self._raw.response, message="The stream ended before any chunk.")
        completion = python_decoder(ChatCompletion)(snapshot)
        return parse_chat_completion(
            completion, response_format=self._format, input_tools=list(self._tools.values())
        )


def _tool_name(tool: Any) -> str | None:
    fn = tool.get("function") if isinstance(tool, dict) else None
    if isinstance(fn, dict):
        name = fn.get("name")
        return name if isinstance(name, str) else None
    return getattr(tool, "name", None)


class AsyncChatFunctionCallStream:
    """`async for call in client.chat.completions.create_stream_fc(...)`: each tool call as
    soon as it is complete (the next tool call index starts, or finish_reason arrives),
    while the rest of the stream is still arriving. `partial=True` also yields
    `FunctionToolCallArgumentsDeltaEvent`s with the partial arguments."""

    def __init__(
        self, manager: AsyncStreamManager[AsyncChatCompletionStream[Any]], *, partial: bool
    ) -> None:
        self._manager = manager
        self._partial = partial
        self._stream: AsyncChatCompletionStream[Any] | None = None

    async def __aiter__(self) -> AsyncIterator[FunctionCall | FunctionToolCallArgumentsDeltaEvent]:
        async with self._manager as stream:
            self._stream = stream
            async for event in stream:
                if isinstance(event, FunctionToolCallArgumentsDoneEvent):
                    args = event.parsed_arguments
                    if isinstance(args, BaseModel):
                        args = args.model_dump()
                    if isinstance(args, dict):
                        yield FunctionCall(
                            event.name, event.call_id, args, event.arguments, None, event.index
                        )
                    else:  # not a JSON object: the typed error
                        done = FunctionCallDone(
                            event.name, event.call_id, event.arguments, None, event.index
                        )
                        yield function_call(done, stream.response)
                elif self._partial and isinstance(event, FunctionToolCallArgumentsDeltaEvent):
                    yield event

    async def get_final_completion(self) -> ParsedChatCompletion[Any]:
        if self._stream is None:
            raise RuntimeError("Iterate the function calls first.")
        return await self._stream.get_final_completion()
