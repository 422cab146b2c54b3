"""Structured Outputs and function tools (loaded lazily, PEP 562).

- `schema`: `to_strict_json_schema`, `type_to_response_format`, `type_to_text_format`.
- `tools`: `pydantic_function_tool`, `pydantic_responses_function_tool`,
  `function_tool` / `FunctionTool`, `ToolRegistry` and the tool errors.
- `parsing`: `parse_chat_completion`, `parse_response`, `parse_partial_structured`.
- `parsed_types`: `ParsedChatCompletion`, `ParsedResponse` and the other ``Parsed*``.
- `hedge`: `hedged_request`, `hedged_request_n`, `speculative`, `fan_out`, `hedge_stats`.
- `agent`: `run_agent`, a convenience over the tool runner.
- `responses_tool_runner` (import the module): the official `ResponsesToolRunner` /
  `AsyncResponsesToolRunner`, with eager tool execution on our early parse and a ledger.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

if TYPE_CHECKING:
    from .agent import AgentResult, MaxTurnsExceeded, run_agent
    from .hedge import (
        HedgedStream,
        Hedger,
        fan_out,
        hedge_stats,
        hedged_request,
        hedged_request_n,
        speculative,
    )
    from .parsed_types import (
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
        ParsedChoice,
        ParsedContent,
        ParsedFunction,
        ParsedFunctionToolCall,
        ParsedResponse,
        ParsedResponseFunctionToolCall,
        ParsedResponseOutputItem,
        ParsedResponseOutputMessage,
        ParsedResponseOutputText,
    )
    from .parsing import (
        has_parseable_input,
        has_rich_format,
        parse_chat_completion,
        parse_content,
        parse_partial_structured,
        parse_response,
        tool_model,
        validate_input_tools,
    )
    from .schema import (
        StrictSchemaError,
        schema_name,
        to_strict_json_schema,
        type_to_response_format,
        type_to_text_format,
    )
    from .tools import (
        FunctionTool,
        PydanticFunctionTool,
        ResponsesPydanticFunctionTool,
        ToolArgumentsError,
        ToolError,
        ToolExecutionError,
        ToolRegistry,
        UnknownToolError,
        function_tool,
        parse_docstring,
        pydantic_function_tool,
        pydantic_responses_function_tool,
        to_chat_tool_param,
        to_responses_tool_param,
        tool_output_to_str,
    )

_MODULES: dict[str, tuple[str, ...]] = {
    "agent": ("AgentResult", "MaxTurnsExceeded", "run_agent"),
    "hedge": (
        "HedgedStream",
        "Hedger",
        "fan_out",
        "hedge_stats",
        "hedged_request",
        "hedged_request_n",
        "speculative",
    ),
    "parsed_types": (
        "ParsedChatCompletion",
        "ParsedChatCompletionMessage",
        "ParsedChoice",
        "ParsedContent",
        "ParsedFunction",
        "ParsedFunctionToolCall",
        "ParsedResponse",
        "ParsedResponseFunctionToolCall",
        "ParsedResponseOutputItem",
        "ParsedResponseOutputMessage",
        "ParsedResponseOutputText",
    ),
    "parsing": (
        "has_parseable_input",
        "has_rich_format",
        "parse_chat_completion",
        "parse_content",
        "parse_partial_structured",
        "parse_response",
        "tool_model",
        "validate_input_tools",
    ),
    "schema": (
        "StrictSchemaError",
        "schema_name",
        "to_strict_json_schema",
        "type_to_response_format",
        "type_to_text_format",
    ),
    "tools": (
        "FunctionTool",
        "PydanticFunctionTool",
        "ResponsesPydanticFunctionTool",
        "ToolArgumentsError",
        "ToolError",
        "ToolExecutionError",
        "ToolRegistry",
        "UnknownToolError",
        "function_tool",
        "parse_docstring",
        "pydantic_function_tool",
        "pydantic_responses_function_tool",
        "to_chat_tool_param",
        "to_responses_tool_param",
        "tool_output_to_str",
    ),
}
_NAME_TO_MODULE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AgentResult",
    "FunctionTool",
    "HedgedStream",
    "Hedger",
    "MaxTurnsExceeded",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedContent",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
    "PydanticFunctionTool",
    "ResponsesPydanticFunctionTool",
    "StrictSchemaError",
    "ToolArgumentsError",
    "ToolError",
    "ToolExecutionError",
    "ToolRegistry",
    "UnknownToolError",
    "fan_out",
    "function_tool",
    "has_parseable_input",
    "has_rich_format",
    "hedge_stats",
    "hedged_request",
    "hedged_request_n",
    "parse_chat_completion",
    "parse_content",
    "parse_docstring",
    "parse_partial_structured",
    "parse_response",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "run_agent",
    "schema_name",
    "speculative",
    "to_chat_tool_param",
    "to_responses_tool_param",
    "to_strict_json_schema",
    "tool_model",
    "tool_output_to_str",
    "type_to_response_format",
    "type_to_text_format",
    "validate_input_tools",
]


__getattr__ = lazy_getattr(__name__, _NAME_TO_MODULE, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
