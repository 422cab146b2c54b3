"""Raw and streaming responses: what `with_raw_response` and `with_streaming_response` give.

The official package's shapes. `with_raw_response.method(...)` returns a
`LegacyAPIResponse`: the head, the body already read, and `.parse()` (sync) for the value
the plain method returns. `with_streaming_response.method(...)` is a context manager of an
`AsyncAPIResponse` (sync: `APIResponse`) whose body is read only on demand (`read()`,
`iter_bytes()`, `iter_lines()`, `parse()`) and whose connection closes on exit.

Both run the unchanged endpoint method under a `Capture` (see `_base`): the request loop
records the call's `Exchange` there, and in streaming mode leaves the body open.
"""

from __future__ import annotations

import codecs
import datetime
import inspect
import os
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from types import TracebackType
from typing import Any, Generic, Literal, TypeVar, cast

from ._base import CAPTURE, Capture, Exchange, ResponseOpened
from ._core import codec
from ._core.errors import APIResponseValidationError
from ._core.http import Headers, Request
from ._core.ratelimits import RateLimits
from ._streaming import AsyncStreamManager

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "LegacyAPIResponse",
    "ResponseContextManager",
    "capture",
]

T = TypeVar("T")
# The response a streaming view opens (async, sync), as the official types name it.
AR = TypeVar("AR", bound="AsyncAPIResponse[Any]")
SR = TypeVar("SR", bound="APIResponse[Any]")

# The value of a call stopped by `ResponseOpened`: it is parsed from the body on demand.
_UNREAD: Any = object()

Run = Callable[[Coroutine[Any, Any, Any]], Any]


def _same(value: Any) -> Any:
    return value


async def capture(
    method: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    mode: Literal["raw", "stream"],
) -> tuple[Exchange, Any]:
    """Call an endpoint method under a capture: its exchange, and its value (`_UNREAD`
    when the body was left open)."""
    state = Capture(mode)
    token = CAPTURE.set(state)
    try:
        value = method(*args, **kwargs)
        if inspect.isawaitable(value):  # a coroutine, or a paginator (its first page)
            try:
                value = await value
            except ResponseOpened:
                value = _UNREAD
    finally:
        CAPTURE.reset(token)
    if state.exchange is None:
        name = getattr(method, "__qualname__", repr(method))
        raise TypeError(
            f"{name}() sent no request of its own, so it has no raw or streaming response; "
            "call it directly"
        )
    return state.exchange, value


class _Head:
    """What both forms share: the status line, headers and request of the answer."""

    __slots__ = ("_exchange",)

    def __init__(self, exchange: Exchange) -> None:
        self._exchange = exchange

    @property
    def headers(self) -> Headers:
        return self._exchange.head.headers

    @property
    def status_code(self) -> int:
        return self._exchange.head.status

    @property
    def request_id(self) -> str | None:
        return self._exchange.head.request_id

    @property
    def http_request(self) -> Request:
        """The request as last sent (`.method`, `.url`, `.headers`; secrets redacted in
        its repr)."""
        return self._exchange.head.request

    @property
    def url(self) -> str:
        return self._exchange.head.request.url

    @property
    def method(self) -> str:
        return self._exchange.head.request.method

    @property
    def rate_limits(self) -> RateLimits | None:
        """The answer's `x-ratelimit-*` headers, parsed (None when it sent none)."""
        return RateLimits.from_headers(self._exchange.head.headers)

    @property
    def retries_taken(self) -> int:
        """The number of retries made before this answer (0 when none)."""
        return self._exchange.head.retries_taken

    @property
    def elapsed(self) -> datetime.timedelta:
        """From the call's start until the body was read (or, for an answer left open,
        until its headers arrived)."""
        return datetime.timedelta(seconds=self._exchange.head.elapsed)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def __repr__(self) -> str:
        head = self._exchange.head
        return f"<{type(self).__name__} [{head.status}] {head.request.method} {head.request.url}>"


class LegacyAPIResponse(_Head, Generic[T]):
    """`with_raw_response`: the answer with its body read (except a `stream=True` call's,
    which `.parse()` returns as the stream)."""

    __slots__ = ("_convert", "_value")

    def __init__(self, exchange: Exchange, value: T, convert: Callable[[Any], Any] = _same) -> None:
        super().__init__(exchange)
        self._value = value
        self._convert = convert

    def parse(self) -> T:
        """The value the plain method returns for this call."""
        value: T = self._convert(self._value)
        return value

    def for_sync(self, convert: Callable[[Any], Any]) -> LegacyAPIResponse[T]:
        """The same answer for the sync client, whose `parse()` gives sync streams and pages."""
        return LegacyAPIResponse(self._exchange, self._value, convert)

    @property
    def is_closed(self) -> bool:
        return self._exchange.body is not None

    @property
    def content(self) -> bytes:
        body = self._exchange.body
        if body is None:
            raise RuntimeError(
                "This is a stream: read it through .parse(), or open the call with "
                "with_streaming_response to read its raw body"
            )
        return body

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return codec.loads(self.content)

    def read(self) -> bytes:
        return self.content

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return _chunks(self.content, chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        yield from _Text().feed_all(self.iter_bytes(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        yield from _Lines().feed_all(self.iter_text())


class AsyncAPIResponse(_Head, Generic[T]):
    """`with_streaming_response` (async): the body is read only when asked for, once."""

    __slots__ = ("_body", "_consumed", "_value")

    def __init__(self, exchange: Exchange, value: Any) -> None:
        super().__init__(exchange)
        self._value = value
        self._body = exchange.body
        self._consumed = False

    async def parse(self) -> T:
        """The value the plain method returns: parsed from the body (read now), or for a
        `stream=True` call the stream itself."""
        if self._value is _UNREAD:
            parse = self._exchange.parse
            assert parse is not None  # set by every call left open
            try:
                self._value = parse(await self.read())
            except APIResponseValidationError as exc:  # as a plain call's, after its 200
                hooks = self._exchange.hooks
                if hooks is not None:
                    await hooks.on_error(exc)
                raise
        value: T = self._value
        return value

    @property
    def is_closed(self) -> bool:
        return self._body is not None or self._consumed

    async def read(self) -> bytes:
        if self._body is None:
            self._body = b"".join([chunk async for chunk in self.iter_bytes()])
        return self._body

    async def text(self) -> str:
        return (await self.read()).decode("utf-8", "replace")

    async def json(self) -> Any:
        return codec.loads(await self.read())

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body as it arrives (re-chunked to `chunk_size` when given)."""
        if self._body is not None:
            for chunk in _chunks(self._body, chunk_size):
                yield chunk
            return
        response = self._exchange.response
        if response is None or self._consumed:
            raise RuntimeError("The response content has already been consumed")
        self._consumed = True
        buffer = b""
        try:
            chunks = self._exchange.deadline.iterate(
                response.aiter_bytes(), self._exchange.head.request
            )
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
            await response.aclose()

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        decoder = _Text()
        async for chunk in self.iter_bytes(chunk_size):
            if text := decoder.feed(chunk):
                yield text
        if text := decoder.flush():
            yield text

    async def iter_lines(self) -> AsyncIterator[str]:
        """The body's lines without their line endings (an SSE stream's `data: ...` and
        blank separator lines)."""
        lines = _Lines()
        async for text in self.iter_text():
            for line in lines.feed(text):
                yield line
        for line in lines.flush():
            yield line

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Stream the body into `file` chunk by chunk."""
        with open(file, "wb") as f:
            async for chunk in self.iter_bytes():
                f.write(chunk)

    stream_to_file = write_to_file

    async def close(self) -> None:
        """Abort the transfer if the body is still open (nothing raises)."""
        response = self._exchange.response
        if response is not None:
            self._consumed = True
            await response.aclose()


class AsyncResponseContextManager(AsyncStreamManager[AR]):
    """`async with group.with_streaming_response.method(...) as response:` (an
    `AsyncAPIResponse`); leaving the block closes the connection."""


class APIResponse(_Head, Generic[T]):
    """`with_streaming_response` (sync): `AsyncAPIResponse` driven by the sync client's loop."""

    __slots__ = ("_async", "_convert", "_run")

    def __init__(self, response: AsyncAPIResponse[T], run: Run, convert: Callable[[Any], Any]):
        super().__init__(response._exchange)
        self._async = response
        self._run = run
        self._convert = convert

    def parse(self) -> T:
        value: T = self._convert(self._run(self._async.parse()))
        return value

    @property
    def is_closed(self) -> bool:
        return self._async.is_closed

    def read(self) -> bytes:
        body: bytes = self._run(self._async.read())
        return body

    def text(self) -> str:
        return self.read().decode("utf-8", "replace")

    def json(self) -> Any:
        return codec.loads(self.read())

    # `convert` (the sync client's `wrap`) turns an async iterator into a sync one.
    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        chunks: Iterator[bytes] = iter(self._convert(self._async.iter_bytes(chunk_size)))
        return chunks

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        texts: Iterator[str] = iter(self._convert(self._async.iter_text(chunk_size)))
        return texts

    def iter_lines(self) -> Iterator[str]:
        lines: Iterator[str] = iter(self._convert(self._async.iter_lines()))
        return lines

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        self._run(self._async.write_to_file(file))

    stream_to_file = write_to_file

    def close(self) -> None:
        self._run(self._async.close())


class ResponseContextManager(Generic[SR]):
    """`with group.with_streaming_response.method(...) as response:` (sync client; the
    response is an `APIResponse`)."""

    __slots__ = ("_convert", "_manager", "_run")

    def __init__(
        self,
        manager: AsyncResponseContextManager[AsyncAPIResponse[Any]],
        run: Run,
        convert: Callable[[Any], Any],
    ) -> None:
        self._manager = manager
        self._run = run
        self._convert = convert

    def __enter__(self) -> SR:
        opened: AsyncAPIResponse[Any] = self._run(self._manager.__aenter__())
        return cast("SR", APIResponse(opened, self._run, self._convert))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._run(self._manager.__aexit__(exc_type, exc, tb))


def _chunks(content: bytes, size: int | None) -> Iterator[bytes]:
    step = size or len(content) or 1
    for i in range(0, len(content), step):
        yield content[i : i + step]


class _Text:
    """Incremental UTF-8 decoding (a character may straddle two chunks)."""

    __slots__ = ("_decoder",)

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, chunk: bytes) -> str:
        return self._decoder.decode(chunk)

    def flush(self) -> str:
        return self._decoder.decode(b"", final=True)

    def feed_all(self, chunks: Iterator[bytes]) -> Iterator[str]:
        for chunk in chunks:
            if text := self.feed(chunk):
                yield text
        if text := self.flush():
            yield text


class _Lines:
    """Incremental line splitting on `\\n`, `\\r\\n` or `\\r` (as httpx's `iter_lines`)."""

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, text: str) -> list[str]:
        self._buffer += text
        lines = self._buffer.splitlines(keepends=True)
        # The last piece waits for more: it has no line ending yet, or its `\r` may be
        # the first half of a `\r\n`.
        if lines and (not lines[-1].endswith(("\n", "\r")) or lines[-1].endswith("\r")):
            self._buffer = lines.pop()
        else:
            self._buffer = ""
        return [line.rstrip("\r\n") for line in lines]

    def flush(self) -> list[str]:
        rest, self._buffer = self._buffer, ""
        return [line.rstrip("\r\n") for line in rest.splitlines()] if rest else []

    def feed_all(self, texts: Iterator[str]) -> Iterator[str]:
        for text in texts:
            yield from self.feed(text)
        yield from self.flush()
