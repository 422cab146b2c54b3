"""The `Parsed*` models that `responses.parse()` returns (written by hand: the spec has no
schema for them, they are the SDK's). Each subclasses the generated class of its item, so
`isinstance(parsed, Response)` holds and every field and extra the API sent is kept; the
names, the generic parameter and the module are the official package's
(`openai.types.responses.parsed_response`).

The generic parameter is for type checkers only: instances are built from the
unparameterized classes (`ParsedResponse`, never `ParsedResponse[M]`), so no class is made
per call; `ParsedResponse[M]` still subscripts, as pydantic generics do.

`parsed` and `parsed_arguments` are `exclude=True`: a Responses output item is routinely sent
back as input, and the API refuses unknown keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Generic, TypeAlias, TypeVar, Union

from pydantic import Field

from .response import Response
from .response_function_tool_call import ResponseFunctionToolCall
from .response_output_item import ResponseOutputItem
from .response_output_message import ResponseOutputMessage, UnknownResponseOutputMessageContent
from .response_output_refusal import ResponseOutputRefusal
from .response_output_text import ResponseOutputText

__all__ = [
    "ParsedContent",
    "ParsedResponse",
    "ParsedResponseFunctionToolCall",
    "ParsedResponseOutputItem",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
]

ContentType = TypeVar("ContentType")


class ParsedResponseOutputText(ResponseOutputText, Generic[ContentType]):
    parsed: ContentType | None = Field(default=None, exclude=True)
    """The text parsed into the requested `text_format` type."""


if TYPE_CHECKING:
    ParsedContent: TypeAlias = Union[  # noqa: UP007
        ParsedResponseOutputText[ContentType],
        ResponseOutputRefusal,
        UnknownResponseOutputMessageContent,
    ]
else:  # pydantic generics cannot be re-parameterized through an alias at run time
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
        """The first `output_text` that parsed, as in the official SDK."""
        for item in self.output:
            if isinstance(item, ParsedResponseOutputMessage):
                for part in item.content:
                    if isinstance(part, ParsedResponseOutputText) and part.parsed is not None:
                        return part.parsed
        return None
