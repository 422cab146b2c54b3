"""Response stream events: lifecycle, output items, text, reasoning; and the union."""

from typing import Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from .._lenient import json_decoder
from .output_items import Content, ResponseOutputItem
from .output_message import (
    AnnotationContainerFileCitation,
    AnnotationFileCitation,
    AnnotationFilePath,
    AnnotationURLCitation,
    ResponseOutputRefusal,
    ResponseOutputText,
)
from .response import Response, ResponseError
from .tool_events import (
    ResponseAudioDeltaEvent,
    ResponseAudioDoneEvent,
    ResponseAudioTranscriptDeltaEvent,
    ResponseAudioTranscriptDoneEvent,
    ResponseCodeInterpreterCallCodeDeltaEvent,
    ResponseCodeInterpreterCallCodeDoneEvent,
    ResponseCodeInterpreterCallCompletedEvent,
    ResponseCodeInterpreterCallInProgressEvent,
    ResponseCodeInterpreterCallInterpretingEvent,
    ResponseCompactionCompactingEvent,
    ResponseCustomToolCallInputDeltaEvent,
    ResponseCustomToolCallInputDoneEvent,
    ResponseFileSearchCallCompletedEvent,
    ResponseFileSearchCallInProgressEvent,
    ResponseFileSearchCallSearchingEvent,
    ResponseImageGenCallCompletedEvent,
    ResponseImageGenCallGeneratingEvent,
    ResponseImageGenCallInProgressEvent,
    ResponseImageGenCallPartialImageEvent,
    ResponseMcpCallArgumentsDeltaEvent,
    ResponseMcpCallArgumentsDoneEvent,
    ResponseMcpCallCompletedEvent,
    ResponseMcpCallFailedEvent,
    ResponseMcpCallInProgressEvent,
    ResponseMcpListToolsCompletedEvent,
    ResponseMcpListToolsFailedEvent,
    ResponseMcpListToolsInProgressEvent,
    ResponseShellCallCommandAddedEvent,
    ResponseShellCallCommandDeltaEvent,
    ResponseShellCallCommandDoneEvent,
    ResponseShellCallOutputContentDeltaEvent,
    ResponseShellCallOutputContentDoneEvent,
    ResponseWebSearchCallCompletedEvent,
    ResponseWebSearchCallInProgressEvent,
    ResponseWebSearchCallSearchingEvent,
)

__all__ = [
    "Part",
    "PartReasoningText",
    "ResponseCompletedEvent",
    "ResponseContentPart",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreatedEvent",
    "ResponseErrorEvent",
    "ResponseFailedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseInProgressEvent",
    "ResponseIncompleteEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
    "ResponseOutputTextAnnotationAddedEventAnnotation",
    "ResponseQueuedEvent",
    "ResponseReasoningSummaryPartAddedEvent",
    "ResponseReasoningSummaryPartDoneEvent",
    "ResponseReasoningSummaryTextDeltaEvent",
    "ResponseReasoningSummaryTextDoneEvent",
    "ResponseReasoningTextDeltaEvent",
    "ResponseReasoningTextDoneEvent",
    "ResponseRefusalDeltaEvent",
    "ResponseRefusalDoneEvent",
    "ResponseStreamEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDeltaEventLogprob",
    "ResponseTextDeltaEventLogprobLogprobTopLogprob",
    "ResponseTextDoneEvent",
    "UnknownResponseContentPart",
    "UnknownResponseStreamEvent",
    "parse_response_stream_event",
]


class ResponseCompletedEvent(BaseModel):
    """Emitted when the model response is complete."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.completed"]


PartReasoningText = Content  # one schema (ReasoningTextContent)


class UnknownResponseContentPart(UnknownModel):
    """A `ResponseContentPart` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"output_text", "reasoning_text", "refusal"})


ResponseContentPart: TypeAlias = Annotated[
    Annotated[
        ResponseOutputText | ResponseOutputRefusal | PartReasoningText, Field(discriminator="type")
    ]
    | UnknownResponseContentPart,
    Field(union_mode="left_to_right"),
]


class ResponseContentPartAddedEvent(BaseModel):
    """Emitted when a new content part is added."""

    content_index: int | None = None
    item_id: str | None = None
    output_index: int | None = None
    part: ResponseContentPart | None = None
    sequence_number: int | None = None
    type: Literal["response.content_part.added"]


class ResponseContentPartDoneEvent(BaseModel):
    """Emitted when a content part is done."""

    content_index: int | None = None
    item_id: str | None = None
    output_index: int | None = None
    part: ResponseContentPart | None = None
    sequence_number: int | None = None
    type: Literal["response.content_part.done"]


class ResponseCreatedEvent(BaseModel):
    """An event that is emitted when a response is created."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.created"]


class ResponseErrorEvent(BaseModel):
    """Emitted when an error occurs."""

    code: str | None = None
    message: str | None = None
    param: str | None = None
    sequence_number: int | None = None
    type: Literal["error"]
    error: ResponseError | None = None


class ResponseFunctionCallArgumentsDeltaEvent(BaseModel):
    """Emitted when there is a partial function-call arguments delta."""

    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.function_call_arguments.delta"]


class ResponseFunctionCallArgumentsDoneEvent(BaseModel):
    """Emitted when function-call arguments are finalized."""

    arguments: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.function_call_arguments.done"]
    name: str | None = None


class ResponseInProgressEvent(BaseModel):
    """Emitted when the response is in progress."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.in_progress"]


class ResponseFailedEvent(BaseModel):
    """An event that is emitted when a response fails."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.failed"]


class ResponseIncompleteEvent(BaseModel):
    """An event that is emitted when a response finishes as incomplete."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.incomplete"]


class ResponseOutputItemAddedEvent(BaseModel):
    """Emitted when a new output item is added."""

    item: ResponseOutputItem | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.output_item.added"]


class ResponseOutputItemDoneEvent(BaseModel):
    """Emitted when an output item is marked done."""

    item: ResponseOutputItem | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.output_item.done"]


class Part(BaseModel):
    """The summary part that was added."""

    text: str | None = None
    type: Literal["summary_text"]


class ResponseReasoningSummaryPartAddedEvent(BaseModel):
    """Emitted when a new reasoning summary part is added."""

    item_id: str | None = None
    output_index: int | None = None
    part: Part | None = None
    sequence_number: int | None = None
    summary_index: int | None = None
    type: Literal["response.reasoning_summary_part.added"]


class ResponseReasoningSummaryPartDoneEvent(BaseModel):
    """Emitted when a reasoning summary part is completed."""

    item_id: str | None = None
    output_index: int | None = None
    part: Part | None = None
    sequence_number: int | None = None
    summary_index: int | None = None
    type: Literal["response.reasoning_summary_part.done"]
    status: str | None = None


class ResponseReasoningSummaryTextDeltaEvent(BaseModel):
    """Emitted when a delta is added to a reasoning summary text."""

    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    summary_index: int | None = None
    type: Literal["response.reasoning_summary_text.delta"]


class ResponseReasoningSummaryTextDoneEvent(BaseModel):
    """Emitted when a reasoning summary text is completed."""

    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    summary_index: int | None = None
    text: str | None = None
    type: Literal["response.reasoning_summary_text.done"]


class ResponseReasoningTextDeltaEvent(BaseModel):
    """Emitted when a delta is added to a reasoning text."""

    content_index: int | None = None
    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.reasoning_text.delta"]


class ResponseReasoningTextDoneEvent(BaseModel):
    """Emitted when a reasoning text is completed."""

    content_index: int | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    text: str | None = None
    type: Literal["response.reasoning_text.done"]


class ResponseRefusalDeltaEvent(BaseModel):
    """Emitted when there is a partial refusal text."""

    content_index: int | None = None
    delta: str | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.refusal.delta"]


class ResponseRefusalDoneEvent(BaseModel):
    """Emitted when refusal text is finalized."""

    content_index: int | None = None
    item_id: str | None = None
    output_index: int | None = None
    refusal: str | None = None
    sequence_number: int | None = None
    type: Literal["response.refusal.done"]


class ResponseTextDeltaEventLogprobLogprobTopLogprob(BaseModel):
    token: str | None = None
    logprob: float | None = None


class ResponseTextDeltaEventLogprob(BaseModel):
    """A logprob is the logarithmic probability that the model assigns to producing a particular
    token at a given position in the sequence. Less-negative (higher) logprob values indicate
    greater model confidence in that token choice.
    """

    token: str | None = None
    logprob: float | None = None
    top_logprobs: list[ResponseTextDeltaEventLogprobLogprobTopLogprob] | None = None


class ResponseTextDeltaEvent(BaseModel):
    """Emitted when there is an additional text delta."""

    content_index: int | None = None
    delta: str | None = None
    item_id: str | None = None
    logprobs: list[ResponseTextDeltaEventLogprob] = []
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.output_text.delta"]


class ResponseTextDoneEvent(BaseModel):
    """Emitted when text content is finalized."""

    content_index: int | None = None
    item_id: str | None = None
    logprobs: list[ResponseTextDeltaEventLogprob] = []
    output_index: int | None = None
    sequence_number: int | None = None
    text: str | None = None
    type: Literal["response.output_text.done"]


ResponseOutputTextAnnotationAddedEventAnnotation: TypeAlias = (
    AnnotationFileCitation
    | AnnotationURLCitation
    | AnnotationContainerFileCitation
    | AnnotationFilePath
    | None
)


class ResponseOutputTextAnnotationAddedEvent(BaseModel):
    """Emitted when an annotation is added to output text content."""

    annotation: ResponseOutputTextAnnotationAddedEventAnnotation | None = None
    annotation_index: int | None = None
    content_index: int | None = None
    item_id: str | None = None
    output_index: int | None = None
    sequence_number: int | None = None
    type: Literal["response.output_text.annotation.added"]


class ResponseQueuedEvent(BaseModel):
    """Emitted when a response is queued and waiting to be processed."""

    response: Response | None = None
    sequence_number: int | None = None
    type: Literal["response.queued"]


class UnknownResponseStreamEvent(UnknownModel):
    """A `ResponseStreamEvent` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "error",
            "response.audio.delta",
            "response.audio.done",
            "response.audio.transcript.delta",
            "response.audio.transcript.done",
            "response.code_interpreter_call.completed",
            "response.code_interpreter_call.in_progress",
            "response.code_interpreter_call.interpreting",
            "response.code_interpreter_call_code.delta",
            "response.code_interpreter_call_code.done",
            "response.compaction.compacting",
            "response.completed",
            "response.content_part.added",
            "response.content_part.done",
            "response.created",
            "response.custom_tool_call_input.delta",
            "response.custom_tool_call_input.done",
            "response.failed",
            "response.file_search_call.completed",
            "response.file_search_call.in_progress",
            "response.file_search_call.searching",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.image_generation_call.completed",
            "response.image_generation_call.generating",
            "response.image_generation_call.in_progress",
            "response.image_generation_call.partial_image",
            "response.in_progress",
            "response.incomplete",
            "response.mcp_call.completed",
            "response.mcp_call.failed",
            "response.mcp_call.in_progress",
            "response.mcp_call_arguments.delta",
            "response.mcp_call_arguments.done",
            "response.mcp_list_tools.completed",
            "response.mcp_list_tools.failed",
            "response.mcp_list_tools.in_progress",
            "response.output_item.added",
            "response.output_item.done",
            "response.output_text.annotation.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.queued",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_part.done",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_text.delta",
            "response.reasoning_text.done",
            "response.refusal.delta",
            "response.refusal.done",
            "response.shell_call_command.added",
            "response.shell_call_command.delta",
            "response.shell_call_command.done",
            "response.shell_call_output_content.delta",
            "response.shell_call_output_content.done",
            "response.web_search_call.completed",
            "response.web_search_call.in_progress",
            "response.web_search_call.searching",
        }
    )


ResponseStreamEvent: TypeAlias = Annotated[
    Annotated[
        ResponseAudioDeltaEvent
        | ResponseAudioDoneEvent
        | ResponseAudioTranscriptDeltaEvent
        | ResponseAudioTranscriptDoneEvent
        | ResponseCodeInterpreterCallCodeDeltaEvent
        | ResponseCodeInterpreterCallCodeDoneEvent
        | ResponseCodeInterpreterCallCompletedEvent
        | ResponseCodeInterpreterCallInProgressEvent
        | ResponseCodeInterpreterCallInterpretingEvent
        | ResponseCompactionCompactingEvent
        | ResponseCompletedEvent
        | ResponseContentPartAddedEvent
        | ResponseContentPartDoneEvent
        | ResponseCreatedEvent
        | ResponseErrorEvent
        | ResponseFileSearchCallCompletedEvent
        | ResponseFileSearchCallInProgressEvent
        | ResponseFileSearchCallSearchingEvent
        | ResponseFunctionCallArgumentsDeltaEvent
        | ResponseFunctionCallArgumentsDoneEvent
        | ResponseShellCallCommandAddedEvent
        | ResponseShellCallCommandDeltaEvent
        | ResponseShellCallCommandDoneEvent
        | ResponseShellCallOutputContentDeltaEvent
        | ResponseShellCallOutputContentDoneEvent
        | ResponseInProgressEvent
        | ResponseFailedEvent
        | ResponseIncompleteEvent
        | ResponseOutputItemAddedEvent
        | ResponseOutputItemDoneEvent
        | ResponseReasoningSummaryPartAddedEvent
        | ResponseReasoningSummaryPartDoneEvent
        | ResponseReasoningSummaryTextDeltaEvent
        | ResponseReasoningSummaryTextDoneEvent
        | ResponseReasoningTextDeltaEvent
        | ResponseReasoningTextDoneEvent
        | ResponseRefusalDeltaEvent
        | ResponseRefusalDoneEvent
        | ResponseTextDeltaEvent
        | ResponseTextDoneEvent
        | ResponseWebSearchCallCompletedEvent
        | ResponseWebSearchCallInProgressEvent
        | ResponseWebSearchCallSearchingEvent
        | ResponseImageGenCallCompletedEvent
        | ResponseImageGenCallGeneratingEvent
        | ResponseImageGenCallInProgressEvent
        | ResponseImageGenCallPartialImageEvent
        | ResponseMcpCallArgumentsDeltaEvent
        | ResponseMcpCallArgumentsDoneEvent
        | ResponseMcpCallCompletedEvent
        | ResponseMcpCallFailedEvent
        | ResponseMcpCallInProgressEvent
        | ResponseMcpListToolsCompletedEvent
        | ResponseMcpListToolsFailedEvent
        | ResponseMcpListToolsInProgressEvent
        | ResponseOutputTextAnnotationAddedEvent
        | ResponseQueuedEvent
        | ResponseCustomToolCallInputDeltaEvent
        | ResponseCustomToolCallInputDoneEvent,
        Field(discriminator="type"),
    ]
    | UnknownResponseStreamEvent,
    Field(union_mode="left_to_right"),
]


def parse_response_stream_event(data: bytes | str) -> ResponseStreamEvent:
    """Validate one Responses stream event straight from its JSON text.

    An unknown `type` gives an `UnknownResponseStreamEvent` that keeps every field; a known
    event with data that does not match is built leniently as its own class (see
    `types._lenient`). Raises ValueError if the text is not a JSON object, and
    `pydantic.ValidationError` for a mismatch under strict validation. The validator is
    built on the first call (never at import time) and then cached.
    """
    event: ResponseStreamEvent = json_decoder(ResponseStreamEvent)(data)
    return event
