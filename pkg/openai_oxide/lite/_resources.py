"""The lite endpoint groups: `responses` and `chat.completions`, returning dicts. The
requests go through the same `BaseClient.request`/`stream` as the typed groups (retries,
timeouts, hedging, strictness); only the decoding differs (`_decode`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Unpack, overload

from .._base import CallOptions, without_omitted
from .._core.request import Omit, path_param
from .._resource import AsyncAPIResource
from .._streaming import AsyncStream
from ._decode import decode_chunk, decode_event, json_object

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..resources.helper_kwargs import CompletionCreateKwargs, ResponseCreateKwargs

    class LiteCompletionKwargs(CompletionCreateKwargs, total=False):
        """The typed client's chat keyword arguments; `response_format` only as a dict."""

        response_format: Mapping[str, object]

    from ._early import FunctionCallStream
    from .types import ChatCompletion, ChatCompletionChunk, Response, ResponseStreamEvent

__all__ = ["Chat", "Completions", "Responses"]


def _split(params: dict[str, Any]) -> tuple[dict[str, Any], CallOptions]:
    kwargs = dict(params)
    options = CallOptions.pop_from(kwargs)
    return without_omitted(kwargs), options


class Responses(AsyncAPIResource):
    """`client.responses` of the lite client."""

    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] | Omit = ..., **params: Unpack[ResponseCreateKwargs]
    ) -> Response: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ResponseCreateKwargs]
    ) -> AsyncStream[ResponseStreamEvent]: ...

    async def create(
        self, *, stream: bool | Omit = False, **params: Unpack[ResponseCreateKwargs]
    ) -> Response | AsyncStream[ResponseStreamEvent]:
        body, options = _split(dict(params))
        if stream is True:
            body["stream"] = True
            return await self._client.stream(
                "POST", "/responses", decode=decode_event, body=body, options=options
            )
        return await self._client.request(
            "POST", "/responses", parse=json_object, body=body, options=options
        )

    async def retrieve(self, response_id: str, **params: Any) -> Response:
        query, options = _split(params)
        return await self._client.request(
            "GET",
            f"/responses/{path_param(response_id)}",
            parse=json_object,
            query=query,
            options=options,
        )

    def create_stream_fc(
        self, *, partial: bool = False, **params: Unpack[ResponseCreateKwargs]
    ) -> FunctionCallStream:
        """Each function call the moment its arguments are complete, before the stream ends
        (as the typed `responses.create_stream_fc`)."""
        from ._early import FunctionCallStream

        body, options = _split(dict(params))
        body["stream"] = True
        return FunctionCallStream(
            lambda: self._client.stream(
                "POST", "/responses", decode=decode_event, body=body, options=options
            ),
            partial=partial,
        )


class Completions(AsyncAPIResource):
    """`client.chat.completions` of the lite client."""

    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] | Omit = ..., **params: Unpack[LiteCompletionKwargs]
    ) -> ChatCompletion: ...
    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[LiteCompletionKwargs]
    ) -> AsyncStream[ChatCompletionChunk]: ...

    async def create(
        self, *, stream: bool | Omit = False, **params: Unpack[LiteCompletionKwargs]
    ) -> ChatCompletion | AsyncStream[ChatCompletionChunk]:
        body, options = _split(dict(params))
        if stream is True:
            body["stream"] = True
            return await self._client.stream(
                "POST", "/chat/completions", decode=decode_chunk, body=body, options=options
            )
        return await self._client.request(
            "POST", "/chat/completions", parse=json_object, body=body, options=options
        )

    def create_stream_fc(
        self, *, partial: bool = False, **params: Unpack[LiteCompletionKwargs]
    ) -> FunctionCallStream:
        """Each tool call the moment it is complete, before the stream ends."""
        from ._early import FunctionCallStream

        body, options = _split(dict(params))
        body["stream"] = True
        return FunctionCallStream(
            lambda: self._client.stream(
                "POST", "/chat/completions", decode=decode_chunk, body=body, options=options
            ),
            partial=partial,
            chat=True,
        )


class Chat(AsyncAPIResource):
    __slots__ = ()

    @property
    def completions(self) -> Completions:
        return Completions(self._client)
