"""How `embeddings.create` asks for its vectors and reads them, as the official SDK does:
sent as base64 on the wire (a quarter of the JSON to parse) and decoded here to floats,
unless the caller named an `encoding_format` (then base64 strings stay strings)."""

from __future__ import annotations

import array
import base64
import sys
from collections.abc import Callable
from typing import Any

from .._core import codec
from .._core.request import NOT_GIVEN, Omit
from ..types._lenient import python_decoder
from ..types.embeddings import CreateEmbeddingResponse, Embedding

__all__ = ["decode_base64_embedding", "embeddings_parser"]


def decode_base64_embedding(data: str) -> list[float]:
    """Little-endian float32 values, base64-encoded, as a list of floats."""
    values = array.array("f")
    values.frombytes(base64.b64decode(data))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tolist()


def embeddings_parser(body: dict[str, Any]) -> Callable[[bytes], CreateEmbeddingResponse]:
    """Ask for base64 in `body` when the caller named no encoding; the parser of the answer."""
    explicit = not isinstance(body.get("encoding_format", NOT_GIVEN), Omit)
    if not explicit:
        body["encoding_format"] = "base64"

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

    return parse
