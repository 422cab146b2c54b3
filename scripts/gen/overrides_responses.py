"""The Responses overrides: `Response` and the classes of its fields, the stream events and
their union.

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

_RESPONSE = "responses.response"

# `Response` and the schemas of its fields that take a name or a home of their own: the
# hand-written classes' names, or the official module that other groups import them from.
_RESPONSE_ROOTS: dict[str, tuple[str, str]] = {
    "TextResponseFormatConfiguration": (
        "responses.response_format_text_config",
        "ResponseFormatTextConfig",
    ),
    "Prompt": ("responses.response_prompt", "ResponsePrompt"),
    "ToolChoiceOptions": ("responses.tool_choice_options", "ToolChoiceOptions"),
    "ReasoningEffort": ("shared.reasoning_effort", "ReasoningEffort"),
    "ResponseError": (_RESPONSE, "ResponseError"),
    "ResponseConversation": (_RESPONSE, "Conversation"),
    "ResponseTextParam": (_RESPONSE, "ResponseTextConfig"),
    "ToolChoiceParam": (_RESPONSE, "ToolChoice"),
    "SpecificProgrammaticToolCallingParam": (
        _RESPONSE,
        "ToolChoiceSpecificProgrammaticToolCallingParam",
    ),
    "SpecificApplyPatchParam": (_RESPONSE, "ToolChoiceApplyPatch"),
    "SpecificFunctionShellParam": (_RESPONSE, "ToolChoiceShell"),
    "Response": (_RESPONSE, "Response"),
}

GENERATED: dict[str, tuple[str, str]] = {
    **_RESPONSE_ROOTS,
    **{schema: (_EVENTS, schema) for schema in _SAME_NAME},
    **{schema: (_EVENTS, name) for schema, name in _RENAMED.items()},
    # what the events refer to, under the names of the events' official modules
    "ResponseLogProb": (_EVENTS, "Logprob"),
    "ShellCallOutputDelta": (_EVENTS, "Delta"),
}

# inline schema (parent class name + "." + property) -> official class name, as
# tables.INLINE_NAMES; the summary `part` of two events is one class
INLINE_NAMES: dict[str, str] = {
    "Response.incomplete_details": "IncompleteDetails",
    # the fields spec_additions adds
    "Response.access_programs": "AccessPrograms",
    "Response.image": "Image",
    "Response.input_transformations": "InputTransformation",
    "Response.prompt_cache_diagnostics": "PromptCacheDiagnostics",
    "Response.tool_usage": "ToolUsage",
    "ResponseError.misalignment": "Misalignment",
    "Logprob.top_logprobs": "LogprobTopLogprob",
    "ResponseReasoningSummaryPartAddedEvent.part": "Part",
    "ResponseReasoningSummaryPartDoneEvent.part": "Part",
}

# inline schema (JSON pointer under the schemas) -> class name, where a parent's name is not
# unique (the chat `Moderation` names its bodies officially, `ModerationInput`/`Output`)
NAMES_AT: dict[str, str] = {
    "Moderation/properties/input": "ModerationBody",
    "Moderation/properties/output": "ModerationBody",
}

# Generated models whose closure is their own: a schema they reach is generated beside them
# only if no other group reaches it (else it stays where those groups have it, and the model
# imports it), so making `Response` generated moves no other group's classes.
SEALED: frozenset[str] = frozenset(_RESPONSE_ROOTS)

# `allOf` parts merged into the models built from them, never classes of their own
MERGED_ONLY: frozenset[str] = frozenset(
    {
        "ModelResponseProperties",
        "ResponseProperties",
        # the body of the `response.create` WebSocket event's model (ws_events.py)
        "CreateModelResponseProperties",
        "CreateResponse",
    }
)

# spec schema -> {field: why}: a spec field the model leaves out
DROPPED: dict[str, dict[str, str]] = {
    "Response": {"output_text": "a helper property officially (`BASES`), not a field"},
}

# spec schema -> (module under openai_oxide.types, class), as overrides.BASES
BASES: dict[str, tuple[str, str]] = {
    "Response": ("responses._output_text", "ResponseOutputTextMixin"),
}

# Tags that stay open (overrides_chat.OPEN_TAGS): the hand-written `Response` took any
# `object` (compatible servers send others, or none)
OPEN_TAGS: frozenset[str] = frozenset({"Response"})

# Schemas whose tag of several values stays closed (as in a tagged union): `ToolChoiceTypes`
# sits in a plain union beside `ToolChoiceShell` & co., which an open `type` would shadow
CLOSED_TAGS: frozenset[str] = frozenset({"ToolChoiceTypes"})

# spec schema -> {field: default}, as overrides.FIELD_DEFAULTS (`tools` of an answer without
# them reads as no tools, as the hand-written model had it)
FIELD_DEFAULTS: dict[str, dict[str, str]] = {"Response": {"tools": "[]"}}

TOKEN_FIRST = ("token", "bytes", "logprob", "top_logprobs")

# the official field order, where it is not the rule's (overrides_chat.ORDER)
ORDER: dict[str, tuple[str, ...]] = {
    "LogProb": TOKEN_FIRST,
    "TopLogProb": TOKEN_FIRST[:3],
    "ResponseLogProb": ("token", "logprob", "top_logprobs"),
    "ResponseLogProb/properties/top_logprobs/items": ("token", "logprob"),
    # `status` is optional here only by an override (FIELDS), officially in its spec place
    "CustomToolCallOutputResource": (
        "call_id",
        "output",
        "type",
        "id",
        "caller",
        "status",
        "created_by",
    ),
    "Response": (
        "id",
        "access_programs",
        "created_at",
        "error",
        "incomplete_details",
        "instructions",
        "metadata",
        "model",
        "object",
        "output",
        "parallel_tool_calls",
        "temperature",
        "tool_choice",
        "tools",
        "top_p",
        "background",
        "completed_at",
        "conversation",
        "image",
        "input_transformations",
        "max_output_tokens",
        "max_tool_calls",
        "moderation",
        "previous_response_id",
        "prompt",
        "prompt_cache_diagnostics",
        "prompt_cache_key",
        "prompt_cache_options",
        "prompt_cache_retention",
        "reasoning",
        "safety_identifier",
        "service_tier",
        "status",
        "text",
        "tool_usage",
        "top_logprobs",
        "truncation",
        "usage",
        "user",
    ),
}

# spec schema -> {field: Extra}, as overrides.FIELDS
FIELDS: dict[str, dict[str, Extra]] = {
    "Response": {
        "instructions": Extra(
            "str | list[dict[str, builtins.object]] | None",
            "as the hand-written model: typed as input items (`InputItem`), the first `create`"
            " would build ~35 classes more",
            spec_type=False,
        ),
    },
    # the model of the `response.create` WebSocket event (ws_events.py), likewise: its input
    # items would be generated into `responses.response`, beside `Response`
    "ResponsesClientEventResponseCreate": {
        "input": Extra(
            "str | list[dict[str, builtins.object]] | None",
            "as `Response.instructions`: typed as input items, loading `Response` would build"
            " ~35 classes more",
            spec_type=False,
        ),
    },
}
