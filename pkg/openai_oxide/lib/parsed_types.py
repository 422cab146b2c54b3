"""The ``Parsed*`` models returned by ``.parse()``: our types plus the parsed values.

Names and fields follow the official SDK (``openai.types.chat.ParsedChatCompletion``,
``openai.types.responses.ParsedResponse``...). Each is a subclass of the matching
openai-oxide type, so ``isinstance(parsed, ChatCompletion)`` holds and every field and
extra the API sent is kept.

The generic parameter is for type checkers only: instances are built from the
unparameterized classes (``ParsedChatCompletion``, never ``ParsedChatCompletion[M]``),
so no class is created per call.

In Responses, ``parsed`` and ``parsed_arguments`` are marked ``exclude=True``: a
Responses output item is routinely sent back as input, and the API refuses unknown keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Generic, TypeAlias, TypeVar, Union

from pydantic import Field

from ..types.chat.chat_completion import ChatCompletion, Choice
from ..types.chat.chat_completion_message import ChatCompletionMessage
from ..types.chat.chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
    Function,
)
from ..types.responses.output_items import ResponseOutputItem
from ..types.responses.output_message import (
    ResponseOutputMessage,
    ResponseOutputRefusal,
    ResponseOutputText,
    UnknownResponseOutputMessageContent,
)
from ..types.responses.response import Response
from ..types.responses.tool_calls import ResponseFunctionToolCall

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

ContentType = TypeVar("ContentType")


# ----------------------------------------------------------------------------- chat


class ParsedFunction(Function):
    parsed_arguments: object = None
    """The arguments as the tool's model instance (pydantic tools, `@function_tool`), or
    the decoded JSON (other strict tools); None for tools that are not strict."""


class ParsedFunctionToolCall(ChatCompletionMessageFunctionToolCall):
    function: ParsedFunction | None = None  # type: ignore[assignment]


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[ContentType]):
    parsed: ContentType | None = None
    """The message content parsed into the requested ``response_format`` type."""

    tool_calls: list[ParsedFunctionToolCall] | None = None  # type: ignore[assignment]


class ParsedChoice(Choice, Generic[ContentType]):
    message: ParsedChatCompletionMessage[ContentType] | None = None  # type: ignore[assignment]


class ParsedChatCompletion(ChatCompletion, Generic[ContentType]):
    choices: list[ParsedChoice[ContentType]] = []  # type: ignore[assignment]


# ------------------------------------------------------------------------ responses


class ParsedResponseOutputText(ResponseOutputText, Generic[ContentType]):
    parsed: ContentType | None = Field(default=None, exclude=True)
    """The text parsed into the requested ``text_format`` type."""


if TYPE_CHECKING:
    ParsedContent: TypeAlias = Union[  # noqa: UP007
        ParsedResponseOutputText[ContentType],
        ResponseOutputRefusal,
        UnknownResponseOutputMessageContent,
    ]
else:  # pydantic generics cannot be re-parameterized through an alias at runtime
    ParsedContent: TypeAlias = Annotated[
        ParsedResponseOutputText | ResponseOutputRefusal | UnknownResponseOutputMessageContent,
        Field(union_mode="left_to_right"),
    ]


class ParsedResponseOutputMessage(ResponseOutputMessage, Generic[ContentType]):
    if TYPE_CHECKING:
        content: list[ParsedContent[ContentType]]  # type: ignore[assignment]
    else:
        content: list[ParsedContent] = []


class ParsedResponseFunctionToolCall(ResponseFunctionToolCall):
    parsed_arguments: object = Field(default=None, exclude=True)
    """The arguments as the tool's model instance (pydantic tools, `@function_tool`), or
    the decoded JSON (other strict tools); None for tools that are not strict."""


if TYPE_CHECKING:
    ParsedResponseOutputItem: TypeAlias = Union[  # noqa: UP007
        ParsedResponseOutputMessage[ContentType],
        ParsedResponseFunctionToolCall,
        ResponseOutputItem,
    ]
else:
    ParsedResponseOutputItem: TypeAlias = Annotated[
        ParsedResponseOutputMessage | ParsedResponseFunctionToolCall | ResponseOutputItem,
        Field(union_mode="left_to_right"),
    ]


class ParsedResponse(Response, Generic[ContentType]):
    if TYPE_CHECKING:
        output: list[ParsedResponseOutputItem[ContentType]]  # type: ignore[assignment]
    else:
        output: list[ParsedResponseOutputItem] = []

    @property
    def output_parsed(self) -> ContentType | None:
        """The first ``output_text`` that parsed, as in the official SDK."""
        for item in self.output:
            if isinstance(item, ParsedResponseOutputMessage):
                for part in item.content:
                    if isinstance(part, ParsedResponseOutputText) and part.parsed is not None:
                        return part.parsed
        return None
