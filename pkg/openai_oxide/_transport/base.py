"""The transport seam: a request goes in, a status, headers and a byte stream come out.

A transport:
- never retries, never parses JSON and owns no policy timeouts (read and total are the
  client's); it enforces at most the connect (and write) timeout it is given, where
  it can tell that phase apart (fetch cannot);
- always streams: the body is pulled with `aiter_bytes()`, and the caller must `aclose()`;
- maps every backend failure, in the call and during body iteration, to
  `APIConnectionError` / `APITimeoutError` with the cause chained;
- aborts the underlying request when the calling task is cancelled or on `aclose()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from .._core.http import Headers, Request
from .._core.timeout import Timeout

# How long a body its reader closed before the end (a chat stream at `[DONE]`) may run on to
# its end, so that its connection is kept: the official SDK drains an HTTP/1.1 stream as long.
DRAIN_WAIT = 0.1


def caller_gave_up() -> bool:
    """Whether the current task is being cancelled: a body closed then is dropped at once
    (never drained), so the server sees the request go away."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class TransportResponse(Protocol):
    status: int
    headers: Headers

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body as it arrives, in chunks of any size; empty chunks are never yielded."""
        ...

    async def aclose(self) -> None:
        """Release the connection; aborts the transfer if the body was not read to the end."""
        ...


class WebSocketConnection(Protocol):
    subprotocol: str | None

    async def send(self, message: str | bytes) -> None: ...

    async def recv(self) -> str | bytes:
        """The next message. Raises `APIConnectionError` once the connection is closed."""
        ...

    async def aclose(self, code: int = 1000, reason: str = "") -> None: ...


@runtime_checkable
class Transport(Protocol):
    async def send(self, request: Request, *, timeout: Timeout) -> TransportResponse:
        """Send `request` and return once the status and headers have arrived.

        Only `timeout.connect` (and natively `timeout.write`) apply here: the client bounds
        the wait for headers and for each chunk with `timeout.read` and `timeout.total`.
        """
        ...

    async def connect_ws(
        self,
        url: str,
        headers: Headers,
        subprotocols: Sequence[str] = (),
        *,
        connect_timeout: float | None,
        options: Mapping[str, Any] | None = None,
    ) -> WebSocketConnection:
        """Open a WebSocket. `options` are backend settings (natively `websockets`'
        `max_size`, `compression`, ...); a backend that cannot honour one warns."""
        ...

    async def aclose(self) -> None: ...
