"""The output items under the names this module had when they were written here.

The classes are generated from the spec at their official paths (scripts/gen/overrides.py,
`GENERATED`); this module defines none and re-exports them for existing imports.
"""

from .mcp_tool_call_error import (
    HTTPError,
    McpProtocolError,
    McpToolCallError,
    McpToolExecutionError,
    UnknownMcpToolCallError,
)
from .response_apply_patch_tool_call import (
    OperationCreateFile,
    OperationDeleteFile,
    OperationUpdateFile,
    ResponseApplyPatchToolCall,
    ResponseApplyPatchToolCallOperation,
    UnknownResponseApplyPatchToolCallOperation,
)
from .response_apply_patch_tool_call_output import ResponseApplyPatchToolCallOutput
from .response_code_interpreter_tool_call import (
    OutputImage,
    OutputLogs,
    ResponseCodeInterpreterToolCall,
    ResponseCodeInterpreterToolCallOutputs,
    UnknownResponseCodeInterpreterToolCallOutputs,
)
from .response_compaction_item import ResponseCompactionItem
from .response_container_reference import ResponseContainerReference
from .response_custom_tool_call import ResponseCustomToolCall
from .response_custom_tool_call_output_item import ResponseCustomToolCallOutputItem
from .response_function_shell_tool_call import (
    Action,
    ResponseFunctionShellToolCall,
    ResponseFunctionShellToolCallEnvironment,
)
from .response_function_shell_tool_call_output import (
    Output,
    OutputOutcome,
    OutputOutcomeExit,
    OutputOutcomeTimeout,
    ResponseFunctionShellToolCallOutput,
    UnknownOutputOutcome,
)
from .response_local_environment import ResponseLocalEnvironment
from .response_output_item import (
    AdditionalTools,
    ImageGenerationCall,
    ImageGenerationCallError,
    ImageGenerationCallErrorModerationDetails,
    ImageGenerationCallSvgUsage,
    LocalShellCall,
    LocalShellCallAction,
    LocalShellCallOutput,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListTools,
    McpListToolsTool,
    Program,
    ProgramOutput,
    ResponseOutputItem,
    UnknownResponseOutputItem,
)
from .response_reasoning_item import Content, ResponseReasoningItem, Summary
from .response_tool_search_call import ResponseToolSearchCall
from .response_tool_search_output_item import ResponseToolSearchOutputItem

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

McpCallError = McpToolCallError
UnknownMcpCallError = UnknownMcpToolCallError
