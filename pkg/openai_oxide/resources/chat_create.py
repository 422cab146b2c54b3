"""`client.chat.completions.stream`, `parse` and `create_stream_fc`, written by hand and
mixed into the generated `AsyncCompletions`: they take `create`'s keyword arguments (the
generated `CompletionCreateKwargs`) and return the `lib/` stream and parse types.
`decode_chunk` is the fast path the generated `create` parses its chunks with
(`parse_chat_completion_chunk`'s decoder).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from typing_extensions import TypeVar

from .._core.request import NOT_GIVEN, Omit
from .._core.sse import ServerSentEvent
from .._streaming import FastPath, JSONEvents
from ..types._lenient import json_decoder, json_validator
from ..types.chat import ChatCompletion, ChatCompletionChunk
from ._common import Resource
from ._options import require

if TYPE_CHECKING:
    from .._streaming import AsyncStreamManager
    from ..lib.chat_stream import AsyncChatCompletionStream, AsyncChatFunctionCallStream
    from ..types.chat.parsed_chat_completion import ParsedChatCompletion
    from ..types.shared_params.function_object import ResponseFormatJsonSchemaParam
    from ..types.shared_params.response_format_text import (
        ResponseFormatJsonObjectParam,
        ResponseFormatTextParam,
    )
    from .helper_kwargs import CompletionCreateKwargs

    # `response_format` as the API takes it (a dict); a class instead is parsed into.
    FormatParam = (
        ResponseFormatTextParam | ResponseFormatJsonSchemaParam | ResponseFormatJsonObjectParam
    )

# Without a class as `response_format` nothing is parsed: `[None]`, as the official types it
# (PEP 696 default; typing_extensions is loaded with pydantic here).
T = TypeVar("T", default=None)

__all__ = ["ChatCompletionsCreate", "decode_chunk"]


# The spec's required body parameters: checked before anything is sent.
REQUIRED = ("messages", "model")


class ChatCompletionsCreate(Resource):
    __slots__ = ()

    def stream(
        self,
        *,
        response_format: type[T] | FormatParam | Omit = NOT_GIVEN,
        **params: Unpack[CompletionCreateKwargs],
    ) -> AsyncStreamManager[AsyncChatCompletionStream[T]]:
        """`async with client.chat.completions.stream(...) as stream`: chunk, content,
        refusal, tool-call argument and logprobs events; `get_final_completion()`."""
        from .._streaming import AsyncStreamManager
        from ..lib.chat_stream import AsyncChatCompletionStream, decode_pair
        from ..lib.helper_body import prepare_chat_body

        require("stream", params, REQUIRED)
        body, options, tools = prepare_chat_body(dict(params), response_format)
        body["stream"] = True

        async def open_stream() -> AsyncChatCompletionStream[T]:
            raw = await self._client.stream(
                "POST", "/chat/completions", decode=decode_pair, body=body, options=options
            )
            return AsyncChatCompletionStream(
                raw, response_format=response_format, input_tools=tools
            )

        return AsyncStreamManager(open_stream)

    def create_stream_fc(
        self,
        *,
        partial: bool = False,
        response_format: type | FormatParam | Omit = NOT_GIVEN,
        **params: Unpack[CompletionCreateKwargs],
    ) -> AsyncChatFunctionCallStream:
        """`async for call in client.chat.completions.create_stream_fc(...)`: each tool call
        the moment it is complete, before the stream ends."""
        from ..lib.chat_stream import AsyncChatFunctionCallStream

        stream = self.stream(response_format=response_format, **params)
        return AsyncChatFunctionCallStream(stream, partial=partial)

    async def parse(
        self,
        *,
        response_format: type[T] | FormatParam | Omit = NOT_GIVEN,
        **params: Unpack[CompletionCreateKwargs],
    ) -> ParsedChatCompletion[T]:
        """`create`, then `.choices[i].message.parsed` and tool calls' `parsed_arguments`."""
        from ..lib.helper_body import listed, prepare_chat_body
        from ..lib.parsing import parse_chat_completion, validate_input_tools

        require("parse", params, REQUIRED)
        kwargs = listed(params, "tools")  # read twice: validated, then sent
        validate_input_tools(kwargs.get("tools"))
        body, options, tools = prepare_chat_body(kwargs, response_format)
        completion = await self._client.request(
            "POST",
            "/chat/completions",
            parse=json_decoder(ChatCompletion),
            body=body,
            options=options,
        )
        return parse_chat_completion(completion, response_format=response_format, input_tools=tools)


def _decode_chunk(sse: ServerSentEvent) -> ChatCompletionChunk:
    return _no_error(_chunk_json()(sse.data))


def _no_error(chunk: ChatCompletionChunk) -> ChatCompletionChunk:
    """A chunk; one that is `{"error": ...}` (a server failing mid-stream) is refused, so the
    stream raises that error, as the official's does, instead of yielding an empty chunk."""
    if chunk.id is None and (extra := chunk.__pydantic_extra__) and extra.get("error"):
        raise ValueError("an error chunk")
    return chunk


@functools.cache
def _chunk_json() -> Callable[[str], ChatCompletionChunk]:
    """`parse_chat_completion_chunk`'s decoder, looked up once."""
    return json_decoder(ChatCompletionChunk)


def _fast_path() -> FastPath[ChatCompletionChunk]:
    validate = json_validator(ChatCompletionChunk)
    return FastPath(lambda data: _no_error(validate(data)), _decode_chunk)


# A chat stream's decoder: chunks read from their bytes (`JSONEvents`).
decode_chunk: JSONEvents[ChatCompletionChunk] = JSONEvents(_fast_path)
