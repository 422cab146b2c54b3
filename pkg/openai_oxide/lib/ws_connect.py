"""`client.responses.connect()`: the official SDK's raw Responses WebSocket (no chaining,
queueing or reconnection: `client.ws_session()` has those). Where the server has no
WebSocket endpoint it runs over HTTP streaming (`ws_fallback.py`)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Unpack

from .._core import retry
from .._core.errors import APIConnectionError
from .._core.http import Headers, Request, ResponseHead
from .._transport.base import WebSocketConnection
from . import ws_fallback
from .ws_handshake import Auth, connection_options, handshake, websocket_url, ws_base_url
from .ws_stream import parse_event

if TYPE_CHECKING:
    from .._base import BaseClient
    from ..types.responses import (
        ResponsesClientEvent,
        ResponsesClientEventParam,
        ResponsesServerEvent,
    )
    from ..types.websocket_connection_options import WebSocketConnectionOptions
    from .ws_params import CreateEventParams


__all__ = [
    "AsyncResponsesConnection",
    "AsyncResponsesConnectionManager",
    "AsyncResponsesResponseResource",
]


class AsyncResponsesConnection:
    """A raw Responses WebSocket, as the official `client.responses.connect()` gives it:
    `await connection.response.create(...)`, `async for event in connection`, `recv()`,
    `recv_bytes()`, `send(event)`, `parse_event(data)`, `close()`. No chaining or queueing:
    use `client.ws_session()` for those."""

    def __init__(self, conn: WebSocketConnection, head: ResponseHead, strict: bool) -> None:
        self._connection = conn
        self._head = head
        self._strict = strict
        self.response = AsyncResponsesResponseResource(self)

    def __aiter__(self) -> AsyncIterator[ResponsesServerEvent]:
        return self._iter_events()

    async def _iter_events(self) -> AsyncIterator[ResponsesServerEvent]:
        while True:
            try:
                data = await self._connection.recv()
            except APIConnectionError:
                return
            yield self.parse_event(data)

    async def recv(self) -> ResponsesServerEvent:
        """The next server event, typed (`ResponseTextWsDelta` is a `ResponseTextDeltaEvent`
        with its `stream_id`). Raises `APIConnectionError` once closed."""
        return self.parse_event(await self._connection.recv())

    async def recv_bytes(self) -> bytes:
        data = await self._connection.recv()
        return data.encode() if isinstance(data, str) else data

    async def send(self, event: ResponsesClientEvent | ResponsesClientEventParam) -> None:
        """Send a client event: a `response.create` dict, or the event's model."""
        await self._send(event)

    async def _send(self, event: object) -> None:
        from .._core import codec

        await self._connection.send(codec.dumps(event).decode())

    def parse_event(self, data: str | bytes) -> ResponsesServerEvent:
        """The event typed (leniently, unless the client is strict: then StreamError)."""
        return parse_event(self._head, data, self._strict)

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        await self._connection.aclose(code, reason)


class AsyncResponsesResponseResource:
    """`connection.response` (the official name)."""

    def __init__(self, connection: AsyncResponsesConnection) -> None:
        self._connection = connection

    async def create(self, **params: Unpack[CreateEventParams]) -> None:
        """Send `response.create` with these parameters (no waiting for the answer)."""
        event = {"type": "response.create", **{k: v for k, v in params.items() if v is not None}}
        await self._connection._send(event)  # built from `params`, typed by them


class AsyncResponsesConnectionManager:
    """What `client.responses.connect()` returns: `async with` opens the connection and
    closes it on exit; `await manager.enter()` opens it without a block. Where the server
    has no WebSocket endpoint the connection runs over HTTP streaming (`ws_fallback`),
    unless `fallback=False`. `websocket_connection_options` go to the transport as the
    Realtime connection's do (`ws_handshake.connection_options`): TypeError at once for a name
    they do not have."""

    def __init__(
        self,
        client: BaseClient,
        *,
        extra_query: Mapping[str, object],
        extra_headers: Mapping[str, str],
        auth: Auth = "auto",
        client_secret: str | None = None,
        subprotocols: Sequence[str] = (),
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        fallback: bool = True,
        websocket_connection_options: WebSocketConnectionOptions | None = None,
    ) -> None:
        self._client = client
        self._retry = (max_retries, initial_delay, max_delay)
        self._url = websocket_url(ws_base_url(client), {**client.default_query, **extra_query})
        self._headers, self._subprotocols = handshake(
            client,
            auth=auth,
            client_secret=client_secret,
            subprotocols=subprotocols,
            extra_headers=extra_headers,
        )
        extra_protocols, self._options = connection_options(websocket_connection_options)
        self._subprotocols = [*self._subprotocols, *extra_protocols]
        self._fallback = ws_fallback.http_options(
            extra_headers, extra_query, client_secret, fallback
        )
        self._connection: AsyncResponsesConnection | None = None

    async def __aenter__(self) -> AsyncResponsesConnection:
        max_retries, initial_delay, max_delay = self._retry
        attempt = 0
        while True:
            try:
                conn: WebSocketConnection = await self._client.transport.connect_ws(
                    self._url,
                    self._headers,
                    self._subprotocols,
                    connect_timeout=self._client.timeout.connect,
                    options=self._options,
                )
                break
            except APIConnectionError as exc:
                http = ws_fallback.fall_back(self._client, self._url, exc, self._fallback)
                if http is not None:
                    conn = http.connect()
                    break
                # A status the policy does not retry (a bad key, no such endpoint) stays.
                status = ws_fallback.handshake_status(exc)
                final = status is not None and not retry.should_retry_status(
                    status, {}, now=time.time()
                )
                if attempt >= max_retries or final:
                    raise
                backoff = min(initial_delay * 2**attempt, max_delay)
                await asyncio.sleep(backoff * (1.0 - 0.25 * random.random()))  # as _core.retry
                attempt += 1
        head = ResponseHead(101, Headers(), Request("GET", self._url))
        self._connection = AsyncResponsesConnection(
            conn, head, self._client.strict_response_validation
        )
        return self._connection

    enter = __aenter__

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            await self._connection.close()
