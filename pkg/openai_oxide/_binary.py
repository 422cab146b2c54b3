"""Binary answers (audio, file and video content) read whole.

The official `HttpxBinaryResponseContent` (its name, so that type checkers show the same
type), without httpx; `BinaryResponseContent` is its earlier name here. Read as it arrives
through `with_streaming_response` instead (`_response.AsyncAPIResponse`).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

from ._core import codec
from ._core.http import ResponseHead

__all__ = ["BinaryResponseContent", "HttpxBinaryResponseContent"]

T = TypeVar("T")


class HttpxBinaryResponseContent:
    """A binary answer read in full, with the official class's methods: `.content`,
    `.text`, `.json()`, `.read()`, `.iter_*()` (sync) and `.aiter_*()` (async, awaited
    first as in the official), `.write_to_file()`; nothing is left open, so `close()` and
    `aclose()` have nothing to do."""

    __slots__ = ("_content", "response")

    def __init__(self, content: bytes, response: ResponseHead | None = None) -> None:
        self._content = content
        self.response = response

    @property
    def content(self) -> bytes:
        return self._content

    @property
    def charset_encoding(self) -> str | None:
        """The `charset` of the answer's content type, if it names one."""
        kind = self.response.headers.get("content-type", "") if self.response else ""
        for param in kind.split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None

    @property
    def encoding(self) -> str | None:
        return self.charset_encoding or "utf-8"

    @property
    def text(self) -> str:
        return self._content.decode(self.encoding or "utf-8", "replace")

    def json(self, **kwargs: Any) -> Any:
        return json.loads(self._content, **kwargs) if kwargs else codec.loads(self._content)

    def read(self) -> bytes:
        return self._content

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        step = chunk_size or len(self._content) or 1
        return (self._content[i : i + step] for i in range(0, len(self._content), step))

    iter_raw = iter_bytes

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        text = self.text
        step = chunk_size or len(text) or 1
        return (text[i : i + step] for i in range(0, len(text), step))

    def iter_lines(self) -> Iterator[str]:
        """Lines without their ends, split at \\n, \\r\\n and \\r (as httpx splits them)."""
        lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines[-1] == "":
            lines.pop()
        return iter(lines)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the content to `file` (native, or Pyodide's virtual file system)."""
        with open(file, "wb") as f:
            f.write(self._content)

    def stream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Deprecated in the official package (it never streamed): `write_to_file`."""
        self.write_to_file(file)

    def close(self) -> None:
        pass

    async def aread(self) -> bytes:
        return self._content

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return _aiter(self.iter_bytes(chunk_size))

    async def aiter_raw(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return _aiter(self.iter_bytes(chunk_size))

    async def aiter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return _aiter(self.iter_text(chunk_size))

    async def aiter_lines(self) -> AsyncIterator[str]:
        return _aiter(self.iter_lines())

    async def astream_to_file(
        self, file: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Deprecated in the official package (it never streamed): `write_to_file`."""
        self.write_to_file(file)

    async def aclose(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<HttpxBinaryResponseContent {len(self._content)} bytes>"


BinaryResponseContent = HttpxBinaryResponseContent


async def _aiter(items: Iterator[T]) -> AsyncIterator[T]:
    for item in items:
        yield item
