"""The function tool call of a message that `chat.completions.parse()` returns, with its
parsed arguments (written by hand: the spec has no schema for it, it is the SDK's). It
subclasses the generated call, so `isinstance(call, ChatCompletionMessageFunctionToolCall)`
holds; names and module are the official package's
(`openai.types.chat.parsed_function_tool_call`)."""

from __future__ import annotations

from .chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
    Function,
)

__all__ = ["ParsedFunction", "ParsedFunctionToolCall"]


class ParsedFunction(Function):
    parsed_arguments: object = None
    """The arguments as the tool's model instance (pydantic tools, `@function_tool`), or
    the decoded JSON (other strict tools); None for tools that are not strict."""


class ParsedFunctionToolCall(ChatCompletionMessageFunctionToolCall):
    function: ParsedFunction | None = None  # type: ignore[assignment]
