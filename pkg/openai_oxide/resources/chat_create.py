"""`client.chat.completions.stream`, `parse` and `create_stream_fc`, written by hand and
mixed into the generated `AsyncCompletions`: they take the hand-written
`CompletionCreateParams` and return the `lib/` stream and parse types. `decode_chunk` is
the fast path the generated `create` parses its chunks with
(`parse_chat_completion_chunk`'s decoder).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Required, Unpack

from .._core.sse import ServerSentEvent
from ..types._lenient import json_decoder
from ..types.chat import ChatCompletion, ChatCompletionChunk
from ._common import Resource
from ._options import RequestOptions, require

if TYPE_CHECKING:
    from .._streaming import AsyncStreamManager
    from ..lib.chat_stream import AsyncChatCompletionStream, AsyncChatFunctionCallStream
    from ..lib.parsed_types import ParsedChatCompletion

__all__ = ["ChatCompletionsCreate", "CompletionCreateParams", "decode_chunk"]


class CompletionCreateParams(RequestOptions, total=False):
    """The body of POST /chat/completions (see the API reference for each field)."""

    messages: Required[Iterable[Any]]
    model: Required[str]
    audio: Any
    frequency_penalty: float | None
    function_call: Any
    functions: Iterable[Any]
    logit_bias: dict[str, int] | None
    logprobs: bool | None
    max_completion_tokens: int | None
    max_tokens: int | None
    metadata: dict[str, str] | None
    modalities: list[str] | None
    n: int | None
    parallel_tool_calls: bool
    prediction: Any
    presence_penalty: float | None
    prompt_cache_key: str
    prompt_cache_retention: str | None
    reasoning_effort: str | None
    response_format: Any
    safety_identifier: str
    seed: int | None
    service_tier: str | None
    stop: str | list[str] | None
    store: bool | None
    stream_options: Any
    temperature: float | None
    tool_choice: Any
    tools: Iterable[Any]
    top_logprobs: int | None
    top_p: float | None
    user: str
    verbosity: str | None
    web_search_options: Any


# The spec's required body parameters: checked before anything is sent.
REQUIRED = ("messages", "model")


class ChatCompletionsCreate(Resource):
    __slots__ = ()

    def stream(
        self, **params: Unpack[CompletionCreateParams]
    ) -> AsyncStreamManager[AsyncChatCompletionStream[Any]]:
        """`async with client.chat.completions.stream(...) as stream`: chunk, content,
        refusal, tool-call argument and logprobs events; `get_final_completion()`."""
        from .._streaming import AsyncStreamManager
        from ..lib.chat_stream import AsyncChatCompletionStream, decode_pair
        from ..lib.helper_body import prepare_chat_body

        require("stream", params, REQUIRED)
        kwargs: dict[str, Any] = dict(params)
        response_format = kwargs.pop("response_format", None)
        body, options, tools = prepare_chat_body(kwargs, response_format)
        body["stream"] = True

        async def open_stream() -> AsyncChatCompletionStream[Any]:
            raw = await self._client.stream(
                "POST", "/chat/completions", decode=decode_pair, body=body, options=options
            )
            return AsyncChatCompletionStream(
                raw, response_format=response_format, input_tools=tools
            )

        return AsyncStreamManager(open_stream)

    def create_stream_fc(
        self, *, partial: bool = False, **params: Unpack[CompletionCreateParams]
    ) -> AsyncChatFunctionCallStream:
        """`async for call in client.chat.completions.create_stream_fc(...)`: each tool call
        the moment it is complete, before the stream ends."""
        from ..lib.chat_stream import AsyncChatFunctionCallStream

        return AsyncChatFunctionCallStream(self.stream(**params), partial=partial)

    async def parse(self, **params: Unpack[CompletionCreateParams]) -> ParsedChatCompletion[Any]:
        """`create`, then `.choices[i].message.parsed` and tool calls' `parsed_arguments`."""
        from ..lib.helper_body import prepare_chat_body
        from ..lib.parsing import parse_chat_completion, validate_input_tools

        require("parse", params, REQUIRED)
        validate_input_tools(params.get("tools"))
        kwargs: dict[str, Any] = dict(params)
        response_format = kwargs.pop("response_format", None)
        body, options, tools = prepare_chat_body(kwargs, response_format)
        completion = await self._client.request(
            "POST",
            "/chat/completions",
            parse=json_decoder(ChatCompletion),
            body=body,
            options=options,
        )
        return parse_chat_completion(completion, response_format=response_format, input_tools=tools)


def decode_chunk(sse: ServerSentEvent) -> ChatCompletionChunk:
    return _chunk_json()(sse.data)


@functools.cache
def _chunk_json() -> Callable[[str], ChatCompletionChunk]:
    """`parse_chat_completion_chunk`'s decoder, looked up once: every chunk of a stream goes
    through here, and each Python call on the way costs."""
    return json_decoder(ChatCompletionChunk)
