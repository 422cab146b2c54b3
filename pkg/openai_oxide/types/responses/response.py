"""The `Response` object and its usage."""

from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from .output_items import ResponseOutputItem
from .output_message import ResponseOutputMessage, ResponseOutputText
from .tool_calls import ResponseInputFile, ResponseInputImage, ResponseInputText

__all__ = [
    "AccessPrograms",
    "ApplyPatchTool",
    "CodeInterpreter",
    "ComputerTool",
    "ComputerUsePreviewTool",
    "Conversation",
    "CustomTool",
    "FileSearchTool",
    "FunctionShellTool",
    "FunctionTool",
    "Image",
    "ImageGeneration",
    "IncompleteDetails",
    "InputTokensDetails",
    "InputTokensDetailsCacheWriteTokensDetails",
    "InputTransformation",
    "LocalShell",
    "Mcp",
    "Misalignment",
    "MisalignmentSteer",
    "Moderation",
    "NamespaceTool",
    "OutputTokensDetails",
    "ProgrammaticToolCalling",
    "PromptCacheDiagnosticsCacheHit",
    "PromptCacheDiagnosticsCacheMiss",
    "PromptCacheDiagnosticsComparisonResponseNotFound",
    "PromptCacheDiagnosticsUnavailable",
    "PromptCacheOptions",
    "Reasoning",
    "Response",
    "ResponseError",
    "ResponsePrompt",
    "ResponsePromptCacheDiagnostics",
    "ResponseTextConfig",
    "ResponseTools",
    "ResponseUsage",
    "ToolChoiceAllowed",
    "ToolChoiceApplyPatch",
    "ToolChoiceCustom",
    "ToolChoiceFunction",
    "ToolChoiceMcp",
    "ToolChoiceShell",
    "ToolChoiceSpecificProgrammaticToolCallingParam",
    "ToolChoiceTypes",
    "ToolSearchTool",
    "ToolUsage",
    "UnknownResponsePromptCacheDiagnostics",
    "UnknownResponseTools",
    "WebSearchPreviewTool",
    "WebSearchTool",
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


class ResponseError(BaseModel):
    """An error object returned when the model fails to generate a Response."""

    code: str | None = None
    message: str | None = None
    misalignment: Misalignment | None = None
    param: str | None = None
    type: str | None = None


class IncompleteDetails(BaseModel):
    """Details about why the response is incomplete."""

    reason: str | None = None


class ToolChoiceAllowed(BaseModel):
    """Constrains the tools available to the model to a pre-defined set. (Shallow for now: fields
    besides `type` stay extras.)
    """

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


class ToolChoiceFunction(BaseModel):
    """Use this option to force the model to call a specific function."""

    type: Literal["function"]
    name: str | None = None


class ToolChoiceMcp(BaseModel):
    """Use this option to force the model to call a specific tool on a remote MCP server."""

    type: Literal["mcp"]
    server_label: str | None = None
    name: str | None = None


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


class FunctionTool(BaseModel):
    """Defines a function in your own code the model can choose to call. (Shallow for now: fields
    besides `type` stay extras.)
    """

    type: Literal["function"]


class FileSearchTool(BaseModel):
    """A tool that searches for relevant content from uploaded files. (Shallow for now: fields
    besides `type` stay extras.)
    """

    type: Literal["file_search"]


class ComputerTool(BaseModel):
    """A tool that controls a virtual computer. (Shallow for now: fields besides `type` stay
    extras.)
    """

    type: Literal["computer"]


class ComputerUsePreviewTool(BaseModel):
    """A tool that controls a virtual computer. (Shallow for now: fields besides `type` stay
    extras.)
    """

    type: Literal["computer_use_preview"]


class WebSearchTool(BaseModel):
    """Search the Internet for sources related to the prompt. (Shallow for now: fields besides
    `type` stay extras.)
    """

    type: Literal["web_search", "web_search_2025_08_26"]


class Mcp(BaseModel):
    """Give the model access to additional tools via remote Model Context Protocol (MCP) servers.
    [Learn more about MCP](https://developers.openai.com/api/docs/guides/tools-connectors-mcp).
    (Shallow for now: fields besides `type` stay extras.)
    """

    type: Literal["mcp"]


class CodeInterpreter(BaseModel):
    """A tool that runs Python code to help generate a response to a prompt. (Shallow for now:
    fields besides `type` stay extras.)
    """

    type: Literal["code_interpreter"]


class ProgrammaticToolCalling(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["programmatic_tool_calling"]


class ImageGeneration(BaseModel):
    """A tool that generates images using the GPT image models. (Shallow for now: fields besides
    `type` stay extras.)
    """

    type: Literal["image_generation"]


class LocalShell(BaseModel):
    """A tool that allows the model to execute shell commands in a local environment. (Shallow for
    now: fields besides `type` stay extras.)
    """

    type: Literal["local_shell"]


class FunctionShellTool(BaseModel):
    """A tool that allows the model to execute shell commands. (Shallow for now: fields besides
    `type` stay extras.)
    """

    type: Literal["shell"]


class CustomTool(BaseModel):
    """A custom tool that processes input using a specified format. (Shallow for now: fields
    besides `type` stay extras.)
    """

    type: Literal["custom"]


class NamespaceTool(BaseModel):
    """Groups function/custom tools under a shared namespace. (Shallow for now: fields besides
    `type` stay extras.)
    """

    type: Literal["namespace"]


class ToolSearchTool(BaseModel):
    """Hosted or BYOT tool search configuration for deferred tools. (Shallow for now: fields
    besides `type` stay extras.)
    """

    type: Literal["tool_search"]


class WebSearchPreviewTool(BaseModel):
    """This tool searches the web for relevant results to use in a response. (Shallow for now:
    fields besides `type` stay extras.)
    """

    type: Literal["web_search_preview", "web_search_preview_2025_03_11"]


class ApplyPatchTool(BaseModel):
    """Allows the assistant to create, delete, or update files using unified diffs. (Shallow for
    now: fields besides `type` stay extras.)
    """

    type: Literal["apply_patch"]


class UnknownResponseTools(UnknownModel):
    """A `ResponseTools` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "apply_patch",
            "code_interpreter",
            "computer",
            "computer_use_preview",
            "custom",
            "file_search",
            "function",
            "image_generation",
            "local_shell",
            "mcp",
            "namespace",
            "programmatic_tool_calling",
            "shell",
            "tool_search",
            "web_search",
            "web_search_2025_08_26",
            "web_search_preview",
            "web_search_preview_2025_03_11",
        }
    )


ResponseTools: TypeAlias = Annotated[
    Annotated[
        FunctionTool
        | FileSearchTool
        | ComputerTool
        | ComputerUsePreviewTool
        | WebSearchTool
        | Mcp
        | CodeInterpreter
        | ProgrammaticToolCalling
        | ImageGeneration
        | LocalShell
        | FunctionShellTool
        | CustomTool
        | NamespaceTool
        | ToolSearchTool
        | WebSearchPreviewTool
        | ApplyPatchTool,
        Field(discriminator="type"),
    ]
    | UnknownResponseTools,
    Field(union_mode="left_to_right"),
]


class Conversation(BaseModel):
    """The conversation that this response belonged to."""

    id: str | None = None


class Image(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class InputTransformation(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""

    type: Literal["reasoning"]


class Moderation(BaseModel):
    """Moderation results for the response input and output, if moderated completions were
    requested. (Shallow for now: fields besides `type` stay extras.)
    """


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
    """The prompt-caching options that were applied to the response. (Shallow for now: fields
    besides `type` stay extras.)
    """


class Reasoning(BaseModel):
    """Configuration options for [reasoning
    models](https://developers.openai.com/api/docs/guides/reasoning).
    """

    context: str | None = None
    effort: str | None = None
    generate_summary: str | None = None
    mode: str | None = None
    summary: str | None = None


class ResponseTextConfig(BaseModel):
    """Configuration options for a text response from the model. (Shallow for now: fields besides
    `type` stay extras.)
    """


class ToolUsage(BaseModel):
    """Usage reported by hosted tools, separate from base model `usage`. (Shallow for now: fields
    besides `type` stay extras.)
    """


class InputTokensDetailsCacheWriteTokensDetails(BaseModel):
    ttl_12h_tokens: int | None = None
    ttl_30m_tokens: int | None = None


class InputTokensDetails(BaseModel):
    """A detailed breakdown of the input tokens."""

    cache_write_tokens: int | None = None
    cached_tokens: int | None = None
    cache_write_tokens_details: InputTokensDetailsCacheWriteTokensDetails | None = None


class OutputTokensDetails(BaseModel):
    """A detailed breakdown of the output tokens."""

    reasoning_tokens: int | None = None


class ResponseUsage(BaseModel):
    """Represents token usage details including input tokens, output tokens, a breakdown of output
    tokens, and the total tokens used.
    """

    input_tokens: int | None = None
    input_tokens_details: InputTokensDetails | None = None
    output_tokens: int | None = None
    output_tokens_details: OutputTokensDetails | None = None
    total_tokens: int | None = None


class Response(BaseModel):
    id: str | None = None
    access_programs: AccessPrograms | None = None
    created_at: float | None = None
    error: ResponseError | None = None
    incomplete_details: IncompleteDetails | None = None
    instructions: str | list[dict[str, Any]] | None = None
    metadata: dict[str, str] | None = None
    model: str | None = None
    object: str | None = None
    output: list[ResponseOutputItem] = []
    parallel_tool_calls: bool | None = None
    temperature: float | None = None
    tool_choice: (
        str
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
    prompt_cache_retention: str | None = None
    reasoning: Reasoning | None = None
    safety_identifier: str | None = None
    service_tier: str | None = None
    status: str | None = None
    text: ResponseTextConfig | None = None
    tool_usage: ToolUsage | None = None
    top_logprobs: int | None = None
    truncation: str | None = None
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
