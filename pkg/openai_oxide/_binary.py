"""Binary answers (audio, file and video content) read whole.

The official `HttpxBinaryResponseContent` (its name, so that type checkers show the same
type), without httpx; `BinaryResponseContent` is its earlier name here. Read as it arrives
through `with_streaming_response` instead (`_response.AsyncAPIResponse`).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

from ._core import codec
from ._core.http import ResponseHead

__all__ = ["BinaryResponseContent", "HttpxBinaryResponseContent"]


class HttpxBinaryResponseContent:
    """A binary answer read in full: `.content`, `.read()`, `.text`, `.write_to_file()`."""

    __slots__ = ("_content", "response")

    def __init__(self, content: bytes, response: ResponseHead | None = None) -> None:
        self._content = content
        self.response = response

    @property
    def content(self) -> bytes:
        return self._content

    @property
    def text(self) -> str:
        return self._content.decode("utf-8", "replace")

    def json(self) -> Any:
        return codec.loads(self._content)

    def read(self) -> bytes:
        return self._content

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return _chunks(self._content, chunk_size)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the content to `file` (native, or Pyodide's virtual file system)."""
        with open(file, "wb") as f:
            f.write(self._content)

    def __repr__(self) -> str:
        return f"<HttpxBinaryResponseContent {len(self._content)} bytes>"


BinaryResponseContent = HttpxBinaryResponseContent


async def _chunks(content: bytes, size: int | None) -> AsyncIterator[bytes]:
    step = size or len(content) or 1
    for i in range(0, len(content), step):
        yield content[i : i + step]
