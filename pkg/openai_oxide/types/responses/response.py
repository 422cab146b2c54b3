"""The `Response` object and its usage."""

from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from ..shared.moderation_result_body import ModerationResultBody
from ..shared.tool import (
    ResponseFormatJsonObject,
    ResponseFormatText,
    ResponseFormatTextJSONSchemaConfig,
    ToolChoiceFunction,
    ToolChoiceMcp,
)
from .output_items import ResponseOutputItem
from .output_message import ResponseOutputMessage, ResponseOutputText
from .response_usage import InputTokensDetails, OutputTokensDetails, ResponseUsage
from .responses_model import ResponsesModel
from .tool_calls import ResponseInputFile, ResponseInputImage, ResponseInputText
from .tools import ResponseTools

__all__ = [
    "AccessPrograms",
    "Conversation",
    "Image",
    "IncompleteDetails",
    "InputTokensDetails",
    "InputTransformation",
    "Misalignment",
    "MisalignmentSteer",
    "Moderation",
    "ModerationBody",
    "ModerationErrorBody",
    "ModerationResultBody",
    "OutputTokensDetails",
    "PromptCacheDiagnosticsCacheHit",
    "PromptCacheDiagnosticsCacheMiss",
    "PromptCacheDiagnosticsComparisonResponseNotFound",
    "PromptCacheDiagnosticsUnavailable",
    "PromptCacheOptions",
    "Reasoning",
    "Response",
    "ResponseError",
    "ResponseFormatTextConfig",
    "ResponseFormatTextJSONSchemaConfig",
    "ResponsePrompt",
    "ResponsePromptCacheDiagnostics",
    "ResponseTextConfig",
    "ResponseUsage",
    "ToolChoiceAllowed",
    "ToolChoiceApplyPatch",
    "ToolChoiceCustom",
    "ToolChoiceFunction",
    "ToolChoiceMcp",
    "ToolChoiceShell",
    "ToolChoiceSpecificProgrammaticToolCallingParam",
    "ToolChoiceTypes",
    "ToolUsage",
    "UnknownModerationBody",
    "UnknownResponseFormatTextConfig",
    "UnknownResponsePromptCacheDiagnostics",
]


class AccessPrograms(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class MisalignmentSteer(BaseModel):
    """An optional public continuation instruction."""

    message: str | None = None


class Misalignment(BaseModel):
    detailed_explanation: str | None = None
    error_type: str | None = None
    review_target: str | None = None
    steer: MisalignmentSteer | None = None


ResponseErrorCode: TypeAlias = (
    Literal[
        "server_error",
        "rate_limit_exceeded",
        "invalid_prompt",
        "data_residency_mismatch",
        "bio_policy",
        "vector_store_timeout",
        "invalid_image",
        "invalid_image_format",
        "invalid_base64_image",
        "invalid_image_url",
        "image_too_large",
        "image_too_small",
        "image_parse_error",
        "image_content_policy_violation",
        "invalid_image_mode",
        "image_file_too_large",
        "unsupported_image_media_type",
        "empty_image_file",
        "failed_to_download_image",
        "image_file_not_found",
    ]
    | str
)
"""The error code for the response (recorded streams also carry e.g. `insufficient_quota`)."""


class ResponseError(BaseModel):
    """An error object returned when the model fails to generate a Response."""

    code: ResponseErrorCode | None = None
    message: str | None = None
    misalignment: Misalignment | None = None
    param: str | None = None
    type: str | None = None


class IncompleteDetails(BaseModel):
    """Details about why the response is incomplete."""

    reason: Literal["max_output_tokens", "content_filter"] | str | None = None


class ToolChoiceAllowed(BaseModel):
    """Constrains the tools available to the model to a pre-defined set."""

    mode: Literal["auto", "required"] | str | None = None
    tools: list[dict[str, Any]] | None = None
    type: Literal["allowed_tools"]


class ToolChoiceTypes(BaseModel):
    """Indicates that the model should use a built-in tool to generate a response. [Learn more
    about built-in tools](https://developers.openai.com/api/docs/guides/tools). (Shallow for
    now: fields besides `type` stay extras.)
    """

    type: Literal[
        "file_search",
        "web_search_preview",
        "computer",
        "computer_use_preview",
        "computer_use",
        "web_search_preview_2025_03_11",
        "image_generation",
        "code_interpreter",
    ]


class ToolChoiceCustom(BaseModel):
    """Use this option to force the model to call a specific custom tool."""

    type: Literal["custom"]
    name: str | None = None


class ToolChoiceSpecificProgrammaticToolCallingParam(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["programmatic_tool_calling"]


class ToolChoiceApplyPatch(BaseModel):
    """Forces the model to call the apply_patch tool when executing a tool call. (Shallow for now:
    fields besides `type` stay extras.)
    """

    type: Literal["apply_patch"]


class ToolChoiceShell(BaseModel):
    """Forces the model to call the shell tool when a tool call is required. (Shallow for now:
    fields besides `type` stay extras.)
    """

    type: Literal["shell"]


class Conversation(BaseModel):
    """The conversation that this response belonged to."""

    id: str | None = None


class Image(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class InputTransformation(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["reasoning"]


class ModerationErrorBody(BaseModel):
    """The moderation of the response input or output failed."""

    code: str | None = None
    message: str | None = None
    type: Literal["error"]


class UnknownModerationBody(UnknownModel):
    """A `ModerationBody` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"error", "moderation_result"})


ModerationBody: TypeAlias = Annotated[
    Annotated[ModerationResultBody | ModerationErrorBody, Field(discriminator="type")]
    | UnknownModerationBody,
    Field(union_mode="left_to_right"),
]


class Moderation(BaseModel):
    """Moderation results for the response input and output, if moderated completions were
    requested.
    """

    input: ModerationBody | None = None
    output: ModerationBody | None = None


class ResponsePrompt(BaseModel):
    """Reference to a prompt template and its variables. [Learn
    more](https://developers.openai.com/api/docs/guides/text?api-mode=responses#version-prompts-
    in-code).
    """

    id: str | None = None
    variables: (
        dict[str, str | ResponseInputText | ResponseInputImage | ResponseInputFile] | None
    ) = None
    version: str | None = None


class PromptCacheDiagnosticsCacheMiss(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["cache_miss"]


class PromptCacheDiagnosticsCacheHit(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["cache_hit"]


class PromptCacheDiagnosticsComparisonResponseNotFound(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["comparison_response_not_found"]


class PromptCacheDiagnosticsUnavailable(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["unavailable"]


class UnknownResponsePromptCacheDiagnostics(UnknownModel):
    """A `ResponsePromptCacheDiagnostics` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {"cache_hit", "cache_miss", "comparison_response_not_found", "unavailable"}
    )


ResponsePromptCacheDiagnostics: TypeAlias = Annotated[
    Annotated[
        PromptCacheDiagnosticsCacheMiss
        | PromptCacheDiagnosticsCacheHit
        | PromptCacheDiagnosticsComparisonResponseNotFound
        | PromptCacheDiagnosticsUnavailable,
        Field(discriminator="type"),
    ]
    | UnknownResponsePromptCacheDiagnostics,
    Field(union_mode="left_to_right"),
]


class PromptCacheOptions(BaseModel):
    """The prompt-caching options that were applied to the response."""

    mode: Literal["implicit", "explicit"] | str | None = None
    ttl: Literal["30m"] | str | None = None


ReasoningEffort: TypeAlias = (
    Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"] | str
)


class Reasoning(BaseModel):
    """Configuration options for [reasoning
    models](https://developers.openai.com/api/docs/guides/reasoning).
    """

    context: Literal["auto", "current_turn", "all_turns"] | str | None = None
    effort: ReasoningEffort | None = None
    generate_summary: Literal["auto", "concise", "detailed"] | str | None = None
    mode: Literal["standard", "pro"] | str | None = None
    summary: Literal["auto", "concise", "detailed"] | str | None = None


class UnknownResponseFormatTextConfig(UnknownModel):
    """A `ResponseFormatTextConfig` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"json_object", "json_schema", "text"})


ResponseFormatTextConfig: TypeAlias = Annotated[
    Annotated[
        ResponseFormatText | ResponseFormatTextJSONSchemaConfig | ResponseFormatJsonObject,
        Field(discriminator="type"),
    ]
    | UnknownResponseFormatTextConfig,
    Field(union_mode="left_to_right"),
]


class ResponseTextConfig(BaseModel):
    """Configuration options for a text response from the model."""

    format: ResponseFormatTextConfig | None = None
    verbosity: Literal["low", "medium", "high"] | str | None = None


class ToolUsage(BaseModel):
    """Usage reported by hosted tools, separate from base model `usage`. (Shallow for now: fields
    besides `type` stay extras.)
    """


ToolChoiceOptions: TypeAlias = Literal["none", "auto", "required"] | str

ResponseStatus: TypeAlias = (
    Literal["completed", "failed", "in_progress", "cancelled", "queued", "incomplete"] | str
)


class Response(BaseModel):
    id: str | None = None
    access_programs: AccessPrograms | None = None
    created_at: float | None = None
    error: ResponseError | None = None
    incomplete_details: IncompleteDetails | None = None
    instructions: str | list[dict[str, Any]] | None = None
    metadata: dict[str, str] | None = None
    model: ResponsesModel | None = None
    object: Literal["response"] | str | None = None
    output: list[ResponseOutputItem] = []
    parallel_tool_calls: bool | None = None
    temperature: float | None = None
    tool_choice: (
        ToolChoiceOptions
        | ToolChoiceAllowed
        | ToolChoiceTypes
        | ToolChoiceFunction
        | ToolChoiceMcp
        | ToolChoiceCustom
        | ToolChoiceSpecificProgrammaticToolCallingParam
        | ToolChoiceApplyPatch
        | ToolChoiceShell
        | None
    ) = None
    tools: list[ResponseTools] = []
    top_p: float | None = None
    background: bool | None = None
    completed_at: float | None = None
    conversation: Conversation | None = None
    image: Image | None = None
    input_transformations: list[InputTransformation] | None = None
    max_output_tokens: int | None = None
    max_tool_calls: int | None = None
    moderation: Moderation | None = None
    previous_response_id: str | None = None
    prompt: ResponsePrompt | None = None
    prompt_cache_diagnostics: ResponsePromptCacheDiagnostics | None = None
    prompt_cache_key: str | None = None
    prompt_cache_options: PromptCacheOptions | None = None
    prompt_cache_retention: Literal["in_memory", "24h"] | str | None = None
    reasoning: Reasoning | None = None
    safety_identifier: str | None = None
    service_tier: (
        Literal["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"] | str | None
    ) = None
    status: ResponseStatus | None = None
    text: ResponseTextConfig | None = None
    tool_usage: ToolUsage | None = None
    top_logprobs: int | None = None
    truncation: Literal["auto", "disabled"] | str | None = None
    usage: ResponseUsage | None = None
    user: str | None = None

    @property
    def output_text(self) -> str:
        """All `output_text` parts of all `message` output items, concatenated."""
        texts: list[str] = []
        for item in self.output:
            if isinstance(item, ResponseOutputMessage):
                for part in item.content:
                    if isinstance(part, ResponseOutputText) and part.text:
                        texts.append(part.text)
        return "".join(texts)
