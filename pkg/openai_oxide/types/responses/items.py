"""Items listed by `responses.input_items.list`: the `ResponseItem` union."""

from typing import Annotated, ClassVar, Literal, TypeAlias

from pydantic import Field

from .._base import BaseModel, UnknownModel
from .._lenient import json_decoder, python_decoder
from .output_items import (
    AdditionalTools,
    ImageGenerationCall,
    LocalShellCall,
    LocalShellCallOutput,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListTools,
    Program,
    ProgramOutput,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOutput,
    ResponseCodeInterpreterToolCall,
    ResponseCompactionItem,
    ResponseCustomToolCallOutputItem,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallOutput,
    ResponseReasoningItem,
    ResponseToolSearchCall,
    ResponseToolSearchOutputItem,
)
from .output_message import ResponseOutputMessage
from .response_custom_tool_call_item import ResponseCustomToolCallItem
from .response_function_tool_call_item import ResponseFunctionToolCallItem
from .tool_calls import (
    ResponseComputerToolCall,
    ResponseComputerToolCallOutputItem,
    ResponseFileSearchToolCall,
    ResponseFunctionToolCallOutputItem,
    ResponseFunctionWebSearch,
    ResponseInputContent,
)

__all__ = [
    "ResponseConfigurationUpdateItem",
    "ResponseCustomToolCallItem",
    "ResponseFunctionToolCallItem",
    "ResponseInputMessageItem",
    "ResponseItem",
    "ResponseItemList",
    "UnknownResponseItem",
    "parse_response_item",
]


class ResponseInputMessageItem(BaseModel):
    id: str | None = None
    content: list[ResponseInputContent] = []
    role: Literal["user", "system", "developer"]
    type: Literal["message"]
    status: str | None = None


class ResponseConfigurationUpdateItem(BaseModel):
    """A configuration update for subsequent responses. (Shallow for now: fields besides `type`
    stay extras.)
    """

    type: Literal["configuration_update"]


class UnknownResponseItem(UnknownModel):
    """A `ResponseItem` with an unknown `type`; all fields are kept."""

    known_types: ClassVar[frozenset[str]] = frozenset(
        {
            "additional_tools",
            "apply_patch_call",
            "apply_patch_call_output",
            "code_interpreter_call",
            "compaction",
            "computer_call",
            "computer_call_output",
            "configuration_update",
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


ResponseItem: TypeAlias = Annotated[
    Annotated[
        Annotated[ResponseInputMessageItem | ResponseOutputMessage, Field(discriminator="role")]
        | ResponseFileSearchToolCall
        | ResponseComputerToolCall
        | ResponseComputerToolCallOutputItem
        | ResponseFunctionWebSearch
        | ResponseFunctionToolCallItem
        | ResponseFunctionToolCallOutputItem
        | ResponseToolSearchCall
        | ResponseToolSearchOutputItem
        | AdditionalTools
        | ResponseConfigurationUpdateItem
        | ResponseReasoningItem
        | Program
        | ProgramOutput
        | ResponseCompactionItem
        | ImageGenerationCall
        | ResponseCodeInterpreterToolCall
        | LocalShellCall
        | LocalShellCallOutput
        | ResponseFunctionShellToolCall
        | ResponseFunctionShellToolCallOutput
        | ResponseApplyPatchToolCall
        | ResponseApplyPatchToolCallOutput
        | McpListTools
        | McpApprovalRequest
        | McpApprovalResponse
        | McpCall
        | ResponseCustomToolCallItem
        | ResponseCustomToolCallOutputItem,
        Field(discriminator="type"),
    ]
    | UnknownResponseItem,
    Field(union_mode="left_to_right"),
]


def parse_response_item(data: object) -> ResponseItem:
    """Validate one input item: JSON text (`bytes`/`str`) or an already decoded `dict`.

    An unknown `type` gives an `UnknownResponseItem` that keeps every field; an item that
    does not match is built leniently (see `types._lenient`). Raises ValueError if the data
    is not a JSON object, and `pydantic.ValidationError` for a mismatch under strict
    validation.
    """
    item: ResponseItem
    if isinstance(data, bytes | bytearray | str):
        item = json_decoder(ResponseItem)(data)
    else:
        item = python_decoder(ResponseItem)(data)
    return item


class ResponseItemList(BaseModel):
    """A page of items from `responses.input_items.list`."""

    data: list[ResponseItem] = []
    first_id: str | None = None
    has_more: bool | None = None
    last_id: str | None = None
    object: str | None = None
