"""`client.embeddings`: create, as floats (sent as base64 on the wire, decoded here, as the
official SDK does) or as base64 strings when the caller asks for them."""

from __future__ import annotations

import array
import base64
import sys
from typing import Any, Literal, Unpack

from .._core import codec
from .._core.request import NOT_GIVEN, Omit
from .._resource import (
    AsyncResponseView,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
)
from ..types._lenient import python_decoder
from ..types.embeddings import CreateEmbeddingResponse, Embedding
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncEmbeddings", "decode_base64_embedding"]


def decode_base64_embedding(data: str) -> list[float]:
    """Little-endian float32 values, base64-encoded, as a list of floats."""
    values = array.array("f")
    values.frombytes(base64.b64decode(data))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tolist()


class AsyncEmbeddings(Resource):
    """Get a vector representation of a given input."""

    __slots__ = ()

    async def create(
        self,
        *,
        input: str | list[str] | list[int] | list[list[int]],
        model: str,
        dimensions: int | Omit = NOT_GIVEN,
        encoding_format: Literal["float", "base64"] | Omit = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CreateEmbeddingResponse:
        """Creates an embedding vector representing the input text."""
        explicit = not isinstance(encoding_format, Omit)
        body: dict[str, Any] = {
            "input": input,
            "model": model,
            "dimensions": dimensions,
            "encoding_format": encoding_format if explicit else "base64",
            "user": user,
        }

        def parse(content: bytes) -> CreateEmbeddingResponse:
            raw = codec.loads(content)
            items = raw.get("data") if isinstance(raw, dict) else None
            if not isinstance(items, list):
                return python_decoder(CreateEmbeddingResponse)(raw)
            if explicit:
                # Keep what the caller asked for: base64 strings stay strings.
                response = python_decoder(CreateEmbeddingResponse)({**raw, "data": []})
                response.data = [Embedding.model_construct(**item) for item in items]
                return response
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("embedding"), str):
                    item["embedding"] = decode_base64_embedding(item["embedding"])
            return python_decoder(CreateEmbeddingResponse)(raw)

        opts = self._options(options)
        from .._base import without_omitted

        return await self._client.request(
            "POST", "/embeddings", parse=parse, body=without_omitted(body), options=opts
        )

    @property
    def with_raw_response(self) -> AsyncEmbeddingsWithRawResponse:
        return AsyncEmbeddingsWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncEmbeddingsWithStreamingResponse:
        return AsyncEmbeddingsWithStreamingResponse(self)


class AsyncEmbeddingsWithRawResponse(AsyncResponseView):
    """`AsyncEmbeddings` methods that return the answer with its body read."""

    def __init__(self, resource: AsyncEmbeddings) -> None:
        super().__init__(resource)
        self.create = async_to_raw_response_wrapper(resource.create)


class AsyncEmbeddingsWithStreamingResponse(AsyncResponseView):
    """`AsyncEmbeddings` methods that return the body read on demand."""

    def __init__(self, resource: AsyncEmbeddings) -> None:
        super().__init__(resource)
        self.create = async_to_streamed_response_wrapper(resource.create)
