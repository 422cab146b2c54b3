"""Reasoning, hosted-tool and MCP output items, and the `ResponseOutputItem` union."""

from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from .output_message import ResponseOutputMessage
from .response_code_interpreter_tool_call import (
    OutputImage,
    OutputLogs,
    ResponseCodeInterpreterToolCall,
    ResponseCodeInterpreterToolCallOutputs,
    UnknownResponseCodeInterpreterToolCallOutputs,
)
from .response_compaction_item import ResponseCompactionItem
from .response_reasoning_item import Content, ResponseReasoningItem, Summary
from .response_tool_search_call import ResponseToolSearchCall
from .response_tool_search_output_item import ResponseToolSearchOutputItem
from .tool_calls import (
    ItemStatus,
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseFileSearchToolCall,
    ResponseFunctionToolCall,
    ResponseFunctionToolCallCaller,
    ResponseFunctionToolCallOutputItem,
    ResponseFunctionWebSearch,
    ResponseInputContent,
)
from .tools import ResponseTools

__all__ = [
    "Action",
    "AdditionalTools",
    "Content",
    "HTTPError",
    "ImageGenerationCall",
    "ImageGenerationCallError",
    "ImageGenerationCallErrorModerationDetails",
    "ImageGenerationCallSvgUsage",
    "LocalShellCall",
    "LocalShellCallAction",
    "LocalShellCallOutput",
    "McpApprovalRequest",
    "McpApprovalResponse",
    "McpCall",
    "McpCallError",
    "McpListTools",
    "McpListToolsTool",
    "McpProtocolError",
    "McpToolExecutionError",
    "OperationCreateFile",
    "OperationDeleteFile",
    "OperationUpdateFile",
    "Output",
    "OutputImage",
    "OutputLogs",
    "OutputOutcome",
    "OutputOutcomeExit",
    "OutputOutcomeTimeout",
    "Program",
    "ProgramOutput",
    "ResponseApplyPatchToolCall",
    "ResponseApplyPatchToolCallOperation",
    "ResponseApplyPatchToolCallOutput",
    "ResponseCodeInterpreterToolCall",
    "ResponseCodeInterpreterToolCallOutputs",
    "ResponseCompactionItem",
    "ResponseContainerReference",
    "ResponseCustomToolCall",
    "ResponseCustomToolCallOutputItem",
    "ResponseFunctionShellToolCall",
    "ResponseFunctionShellToolCallEnvironment",
    "ResponseFunctionShellToolCallOutput",
    "ResponseLocalEnvironment",
    "ResponseOutputItem",
    "ResponseReasoningItem",
    "ResponseToolSearchCall",
    "ResponseToolSearchOutputItem",
    "Summary",
    "UnknownMcpCallError",
    "UnknownOutputOutcome",
    "UnknownResponseApplyPatchToolCallOperation",
    "UnknownResponseCodeInterpreterToolCallOutputs",
    "UnknownResponseOutputItem",
]


class Program(BaseModel):
    """A program the model wrote to call tools programmatically."""

    id: str | None = None
    call_id: str | None = None
    code: str | None = None
    fingerprint: str | None = None
    type: Literal["program"]


class ProgramOutput(BaseModel):
    """The result of running a `program` item."""

    id: str | None = None
    call_id: str | None = None
    result: str | None = None
    status: Literal["completed", "incomplete"] | str | None = None
    type: Literal["program_output"]


class AdditionalTools(BaseModel):
    """Tools added to the conversation."""

    id: str | None = None
    role: (
        Literal[
            "unknown",
            "user",
            "assistant",
            "system",
            "critic",
            "discriminator",
            "developer",
            "tool",
        ]
        | str
        | None
    ) = None
    tools: list[ResponseTools] = []
    type: Literal["additional_tools"]


class ImageGenerationCallErrorModerationDetails(BaseModel):
    """Public details for a `moderation_blocked` error, when available."""

    categories: list[str] = []
    moderation_stage: str | None = None


class ImageGenerationCallError(BaseModel):
    """Details of a moderation failure, when available."""

    code: str | None = None
    message: str | None = None
    param: str | None = None
    type: str
    moderation_details: ImageGenerationCallErrorModerationDetails | None = None


class ImageGenerationCallSvgUsage(BaseModel):
    """(Shallow for now: fields besides `type` stay extras.)"""


class ImageGenerationCall(BaseModel):
    """An image generation request made by the model."""

    id: str | None = None
    result: str | None = None
    status: Literal["in_progress", "completed", "generating", "failed"] | str | None = None
    type: Literal["image_generation_call"]
    action: str | None = None
    background: str | None = None
    error: ImageGenerationCallError | None = None
    output_format: str | None = None
    quality: str | None = None
    revised_prompt: str | None = None
    size: str | None = None
    svg_usage: ImageGenerationCallSvgUsage | None = None


class LocalShellCallAction(BaseModel):
    """Execute a shell command on the server."""

    command: list[str] = []
    env: dict[str, str] | None = None
    type: Literal["exec"]
    timeout_ms: int | None = None
    user: str | None = None
    working_directory: str | None = None


class LocalShellCall(BaseModel):
    """A tool call to run a command on the local shell."""

    id: str | None = None
    action: LocalShellCallAction | None = None
    call_id: str | None = None
    status: ItemStatus | None = None
    type: Literal["local_shell_call"]


class LocalShellCallOutput(BaseModel):
    """The output of a local shell tool call."""

    id: str | None = None
    output: str | None = None
    type: Literal["local_shell_call_output"]
    status: ItemStatus | None = None


class Action(BaseModel):
    """The shell commands and limits that describe how to run the tool call."""

    commands: list[str] = []
    max_output_length: int | None = None
    timeout_ms: int | None = None


class ResponseLocalEnvironment(BaseModel):
    """Represents the use of a local environment to perform shell actions."""

    type: Literal["local"]


class ResponseContainerReference(BaseModel):
    """Represents a container created with /v1/containers."""

    container_id: str | None = None
    type: Literal["container_reference"]


ResponseFunctionShellToolCallEnvironment: TypeAlias = (
    ResponseLocalEnvironment | ResponseContainerReference | None
)


class ResponseFunctionShellToolCall(BaseModel):
    """A tool call that executes one or more shell commands in a managed environment."""

    id: str | None = None
    action: Action | None = None
    call_id: str | None = None
    environment: ResponseFunctionShellToolCallEnvironment | None = None
    status: ItemStatus | None = None
    type: Literal["shell_call"]
    caller: ResponseFunctionToolCallCaller | None = None
    created_by: str | None = None


class OutputOutcomeTimeout(BaseModel):
    """Indicates that the shell call exceeded its configured time limit."""

    type: Literal["timeout"]


class OutputOutcomeExit(BaseModel):
    """Indicates that the shell commands finished and returned an exit code."""

    exit_code: int | None = None
    type: Literal["exit"]


class UnknownOutputOutcome(UnknownModel):
    """A `OutputOutcome` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"exit", "timeout"})


OutputOutcome: TypeAlias = Annotated[
    Annotated[OutputOutcomeTimeout | OutputOutcomeExit, Field(discriminator="type")]
    | UnknownOutputOutcome,
    Field(union_mode="left_to_right"),
]


class Output(BaseModel):
    """The content of a shell tool call output that was emitted."""

    outcome: OutputOutcome | None = None
    stderr: str | None = None
    stdout: str | None = None
    created_by: str | None = None


class ResponseFunctionShellToolCallOutput(BaseModel):
    """The output of a shell tool call that was emitted."""

    id: str | None = None
    call_id: str | None = None
    max_output_length: int | None = None
    output: list[Output] = []
    status: ItemStatus | None = None
    type: Literal["shell_call_output"]
    caller: ResponseFunctionToolCallCaller | None = None
    created_by: str | None = None


class OperationCreateFile(BaseModel):
    """Instruction describing how to create a file via the apply_patch tool."""

    diff: str | None = None
    path: str | None = None
    type: Literal["create_file"]


class OperationDeleteFile(BaseModel):
    """Instruction describing how to delete a file via the apply_patch tool."""

    path: str | None = None
    type: Literal["delete_file"]


class OperationUpdateFile(BaseModel):
    """Instruction describing how to update a file via the apply_patch tool."""

    diff: str | None = None
    path: str | None = None
    type: Literal["update_file"]


class UnknownResponseApplyPatchToolCallOperation(UnknownModel):
    """A `ResponseApplyPatchToolCallOperation` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset({"create_file", "delete_file", "update_file"})


ResponseApplyPatchToolCallOperation: TypeAlias = Annotated[
    Annotated[
        OperationCreateFile | OperationDeleteFile | OperationUpdateFile, Field(discriminator="type")
    ]
    | UnknownResponseApplyPatchToolCallOperation,
    Field(union_mode="left_to_right"),
]


class ResponseApplyPatchToolCall(BaseModel):
    """A tool call that applies file diffs by creating, deleting, or updating files."""

    id: str | None = None
    call_id: str | None = None
    operation: ResponseApplyPatchToolCallOperation | None = None
    status: Literal["in_progress", "completed"] | str | None = None
    type: Literal["apply_patch_call"]
    caller: ResponseFunctionToolCallCaller | None = None
    created_by: str | None = None


class ResponseApplyPatchToolCallOutput(BaseModel):
    """The output emitted by an apply patch tool call."""

    id: str | None = None
    call_id: str | None = None
    status: Literal["completed", "failed"] | str | None = None
    type: Literal["apply_patch_call_output"]
    caller: ResponseFunctionToolCallCaller | None = None
    created_by: str | None = None
    output: str | None = None


class McpProtocolError(BaseModel):
    code: int | None = None
    message: str | None = None
    type: Literal["mcp_protocol_error"]


class McpToolExecutionError(BaseModel):
    content: Any | None = None
    type: Literal["mcp_tool_execution_error"]


class HTTPError(BaseModel):
    code: int | None = None
    message: str | None = None
    type: Literal["http_error"]


class UnknownMcpCallError(UnknownModel):
    """A `McpCallError` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {"http_error", "mcp_protocol_error", "mcp_tool_execution_error"}
    )


McpCallError: TypeAlias = Annotated[
    Annotated[McpProtocolError | McpToolExecutionError | HTTPError, Field(discriminator="type")]
    | UnknownMcpCallError,
    Field(union_mode="left_to_right"),
]


class McpCall(BaseModel):
    """An invocation of a tool on an MCP server."""

    id: str | None = None
    arguments: str | None = None
    name: str | None = None
    server_label: str | None = None
    type: Literal["mcp_call"]
    approval_request_id: str | None = None
    error: McpCallError | None = None
    output: str | None = None
    status: Literal["in_progress", "completed", "incomplete", "calling", "failed"] | str | None = (
        None
    )


class McpListToolsTool(BaseModel):
    """A tool available on an MCP server."""

    input_schema: Any | None = None
    name: str | None = None
    annotations: Any | None = None
    description: str | None = None


class McpListTools(BaseModel):
    """A list of tools available on an MCP server."""

    id: str | None = None
    server_label: str | None = None
    tools: list[McpListToolsTool] = []
    type: Literal["mcp_list_tools"]
    error: str | None = None


class McpApprovalRequest(BaseModel):
    """A request for human approval of a tool invocation."""

    id: str | None = None
    arguments: str | None = None
    name: str | None = None
    server_label: str | None = None
    type: Literal["mcp_approval_request"]


class McpApprovalResponse(BaseModel):
    """A response to an MCP approval request."""

    id: str | None = None
    approval_request_id: str | None = None
    approve: bool | None = None
    type: Literal["mcp_approval_response"]
    reason: str | None = None


class ResponseCustomToolCall(BaseModel):
    """A call to a custom tool created by the model."""

    call_id: str | None = None
    input: str | None = None
    name: str | None = None
    type: Literal["custom_tool_call"]
    id: str | None = None
    async_: bool | None = Field(default=None, alias="async")
    caller: ResponseFunctionToolCallCaller | None = None
    namespace: str | None = None


class ResponseCustomToolCallOutputItem(BaseModel):
    """The output of a custom tool call from your code, being sent back to the model."""

    call_id: str | None = None
    output: str | list[ResponseInputContent] | None = None
    type: Literal["custom_tool_call_output"]
    id: str | None = None
    caller: ResponseFunctionToolCallCaller | None = None
    status: ItemStatus | None = None
    created_by: str | None = None


class UnknownResponseOutputItem(UnknownModel):
    """A `ResponseOutputItem` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "additional_tools",
            "apply_patch_call",
            "apply_patch_call_output",
            "code_interpreter_call",
            "compaction",
            "computer_call",
            "computer_call_output",
            "custom_tool_call",
            "custom_tool_call_output",
            "file_search_call",
            "function_call",
            "function_call_output",
            "image_generation_call",
            "local_shell_call",
            "local_shell_call_output",
            "mcp_approval_request",
            "mcp_approval_response",
            "mcp_call",
            "mcp_list_tools",
            "message",
            "program",
            "program_output",
            "reasoning",
            "shell_call",
            "shell_call_output",
            "tool_search_call",
            "tool_search_output",
            "web_search_call",
        }
    )


ResponseOutputItem: TypeAlias = Annotated[
    Annotated[
        ResponseOutputMessage
        | ResponseFileSearchToolCall
        | ResponseFunctionToolCall
        | ResponseFunctionToolCallOutputItem
        | ResponseFunctionWebSearch
        | ResponseComputerToolCall
        | ResponseComputerToolCallOutputItem
        | ResponseReasoningItem
        | Program
        | ProgramOutput
        | ResponseToolSearchCall
        | ResponseToolSearchOutputItem
        | AdditionalTools
        | ResponseCompactionItem
        | ImageGenerationCall
        | ResponseCodeInterpreterToolCall
        | LocalShellCall
        | LocalShellCallOutput
        | ResponseFunctionShellToolCall
        | ResponseFunctionShellToolCallOutput
        | ResponseApplyPatchToolCall
        | ResponseApplyPatchToolCallOutput
        | McpCall
        | McpListTools
        | McpApprovalRequest
        | McpApprovalResponse
        | ResponseCustomToolCall
        | ResponseCustomToolCallOutputItem,
        Field(discriminator="type"),
    ]
    | UnknownResponseOutputItem,
    Field(union_mode="left_to_right"),
]
