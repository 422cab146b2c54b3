"""The Responses overrides: the stream events and their union (`Response` itself is still
written by hand: overrides.OVERRIDES).

Kept apart from overrides.py (chat and the other groups), which merges these tables into
its own, so that two people can change the two files without a conflict. The kinds are
overrides.py's, and `INLINE_NAMES` is tables.INLINE_NAMES'.
"""

from __future__ import annotations

from .extra import Extra

# Every event of a Responses stream is generated into the module of the official union
# (`response_stream_event`): one module to load on the first stream, as the hand-written
# `events.py` was; the official one-module-per-event paths are thin modules over it.
_EVENTS = "responses.response_stream_event"
_SAME_NAME = (
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompletedEvent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreatedEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
    "ResponseErrorEvent",
    "ResponseFailedEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseInProgressEvent",
    "ResponseIncompleteEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
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
    "ResponseTextDoneEvent",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
)
# spec schema -> official class, where they differ
_RENAMED = {
    "ResponseShellCallCommandAddedStreamingEvent": "ResponseShellCallCommandAddedEvent",
    "ResponseShellCallCommandDeltaStreamingEvent": "ResponseShellCallCommandDeltaEvent",
    "ResponseShellCallCommandDoneStreamingEvent": "ResponseShellCallCommandDoneEvent",
    "ResponseShellCallOutputContentDeltaStreamingEvent": "ResponseShellCallOutputContentDeltaEvent",
    "ResponseShellCallOutputContentDoneStreamingEvent": "ResponseShellCallOutputContentDoneEvent",
    "ResponseMCPCallArgumentsDeltaEvent": "ResponseMcpCallArgumentsDeltaEvent",
    "ResponseMCPCallArgumentsDoneEvent": "ResponseMcpCallArgumentsDoneEvent",
    "ResponseMCPCallCompletedEvent": "ResponseMcpCallCompletedEvent",
    "ResponseMCPCallFailedEvent": "ResponseMcpCallFailedEvent",
    "ResponseMCPCallInProgressEvent": "ResponseMcpCallInProgressEvent",
    "ResponseMCPListToolsCompletedEvent": "ResponseMcpListToolsCompletedEvent",
    "ResponseMCPListToolsFailedEvent": "ResponseMcpListToolsFailedEvent",
    "ResponseMCPListToolsInProgressEvent": "ResponseMcpListToolsInProgressEvent",
}

GENERATED: dict[str, tuple[str, str]] = {
    **{schema: (_EVENTS, schema) for schema in _SAME_NAME},
    **{schema: (_EVENTS, name) for schema, name in _RENAMED.items()},
    # what the events refer to, under the names of the events' official modules
    "ResponseLogProb": (_EVENTS, "Logprob"),
    "ShellCallOutputDelta": (_EVENTS, "Delta"),
}

# inline schema (parent class name + "." + property) -> official class name, as
# tables.INLINE_NAMES; the summary `part` of two events is one class
INLINE_NAMES: dict[str, str] = {
    "Logprob.top_logprobs": "LogprobTopLogprob",
    "ResponseReasoningSummaryPartAddedEvent.part": "Part",
    "ResponseReasoningSummaryPartDoneEvent.part": "Part",
}

# spec schema -> {field: Extra}, as overrides.FIELDS
FIELDS: dict[str, dict[str, Extra]] = {
    "ResponseErrorEvent": {
        "error": Extra(
            "ResponseError | None",
            "the WebSocket mode's error event nests the error (`{type: error, status, error}`)",
            imports=(("responses.response", "ResponseError"),),
        )
    },
}
