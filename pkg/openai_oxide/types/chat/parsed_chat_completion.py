"""The `Parsed*` models that `chat.completions.parse()` returns (written by hand: the spec
has no schema for them, they are the SDK's). Each subclasses the generated class, so
`isinstance(parsed, ChatCompletion)` holds and every field and extra the API sent is kept;
the names, the generic parameter and the module are the official package's
(`openai.types.chat.parsed_chat_completion`).

The generic parameter is for type checkers only: instances are built from the
unparameterized classes (`ParsedChatCompletion`, never `ParsedChatCompletion[M]`), so no
class is made per call.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from .chat_completion import ChatCompletion, Choice
from .chat_completion_message import ChatCompletionMessage
from .parsed_function_tool_call import ParsedFunctionToolCall

__all__ = ["ParsedChatCompletion", "ParsedChatCompletionMessage", "ParsedChoice"]

ContentType = TypeVar("ContentType")


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ContentType]):
    parsed: ContentType | None = None
    """The message content parsed into the requested `response_format` type."""

    tool_calls: list[ParsedFunctionToolCall] | None = None  # type: ignore[assignment]


class ParsedChoice(Choice, Generic[ContentType]):
    message: ParsedChatCompletionMessage[ContentType] | None = None  # type: ignore[assignment]


class ParsedChatCompletion(ChatCompletion, Generic[ContentType]):
    choices: list[ParsedChoice[ContentType]] = []  # type: ignore[assignment]
