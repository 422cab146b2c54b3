"""In-memory transport for unit tests: a handler turns each `Request` into a `MockResponse`.

The body can be given as chunks, or split at a fixed size, to exercise stream framing.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._core import codec
from .._core.errors import APIConnectionError
from .._core.http import Headers, Request
from .._core.timeout import Timeout

__all__ = ["MockResponse", "MockTransport"]


@dataclass
class MockResponse:
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    chunk_size: int | None = None
    # Raise APIConnectionError after the body's chunks, as a dropped connection would.
    drop: bool = False

    @classmethod
    def json(
        cls, data: Any, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> MockResponse:
        hdrs = {"content-type": "application/json", **(headers or {})}
        return cls(status=status, headers=hdrs, body=codec.dumps(data))


Handler = Callable[[Request], MockResponse | Awaitable[MockResponse]]


class MockTransport:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[Request] = []

    async def send(self, request: Request, *, timeout: Timeout) -> _MockStream:
        self.requests.append(request)
        result = self.handler(request)
        if inspect.isawaitable(result):
            result = await result
        return _MockStream(result, request)

    async def connect_ws(
        self,
        url: str,
        headers: Headers,
        subprotocols: Sequence[str] = (),
        *,
        connect_timeout: float | None,
        options: Mapping[str, Any] | None = None,
    ) -> Any:
        raise APIConnectionError("MockTransport does not speak WebSocket")

    async def aclose(self) -> None:
        pass


class _MockStream:
    def __init__(self, response: MockResponse, request: Request) -> None:
        self._response = response
        self._request = request
        self.status = response.status
        self.headers = Headers(response.headers)
        self.closed = False

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        body = self._response.body
        chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body
        size = self._response.chunk_size
        for chunk in chunks:
            pieces = [chunk[i : i + size] for i in range(0, len(chunk), size)] if size else [chunk]
            for piece in pieces:
                if piece:
                    yield piece
        if self._response.drop:
            raise APIConnectionError("Connection error: peer closed connection", self._request)

    async def aclose(self) -> None:
        self.closed = True
