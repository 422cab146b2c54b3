"""The ``Parsed*`` models returned by ``.parse()``, under the names this module gave them.

They are defined at their official paths (``types/chat/parsed_chat_completion.py``,
``types/chat/parsed_function_tool_call.py``, ``types/responses/parsed_response.py``): this
module re-exports the one class of each for existing imports.
"""

from __future__ import annotations

from ..types.chat.parsed_chat_completion import (
    ContentType,
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
)
from ..types.chat.parsed_function_tool_call import ParsedFunction, ParsedFunctionToolCall
from ..types.responses.parsed_response import (
    ParsedContent,
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputItem,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)

__all__ = [
    "ContentType",
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
]
