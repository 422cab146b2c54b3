"""Binary answers (audio, file and video content), read whole or streamed.

`HttpxBinaryResponseContent`-like objects, without httpx: `BinaryResponseContent` holds
bytes already read; `AsyncBinaryResponse` is an open answer read chunk by chunk with
`iter_bytes()` (the transfer is aborted by `close()` or leaving `async with`).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any

from ._core import codec
from ._core.http import ResponseHead
from ._timing import Deadline
from ._transport.base import TransportResponse

__all__ = ["AsyncBinaryResponse", "BinaryResponseContent"]


class BinaryResponseContent:
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
        return f"<BinaryResponseContent {len(self._content)} bytes>"


async def _chunks(content: bytes, size: int | None) -> AsyncIterator[bytes]:
    step = size or len(content) or 1
    for i in range(0, len(content), step):
        yield content[i : i + step]


class AsyncBinaryResponse:
    """An open binary answer: `async for chunk in r.iter_bytes()`, `await r.read()`,
    `await r.write_to_file(path)`. Use `async with` or `close()` to leave early."""

    def __init__(self, head: ResponseHead, response: TransportResponse, deadline: Deadline) -> None:
        self.response = head
        self._response = response
        self._deadline = deadline
        self._consumed = False

    @property
    def request_id(self) -> str | None:
        return self.response.request_id

    @property
    def content_type(self) -> str | None:
        return self.response.headers.get("content-type")

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body as it arrives (re-chunked to `chunk_size` when given); read once."""
        if self._consumed:
            raise RuntimeError("The response content has already been consumed")
        self._consumed = True
        buffer = b""
        try:
            chunks = self._deadline.iterate(self._response.aiter_bytes(), self.response.request)
            async for chunk in chunks:
                if chunk_size is None:
                    yield chunk
                    continue
                buffer += chunk
                while len(buffer) >= chunk_size:
                    yield buffer[:chunk_size]
                    buffer = buffer[chunk_size:]
            if buffer:
                yield buffer
        finally:
            await self._response.aclose()

    async def read(self) -> bytes:
        return b"".join([chunk async for chunk in self.iter_bytes()])

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Stream the body into `file` chunk by chunk."""
        with open(file, "wb") as f:
            async for chunk in self.iter_bytes():
                f.write(chunk)

    stream_to_file = write_to_file

    async def close(self) -> None:
        await self._response.aclose()

    aclose = close

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
