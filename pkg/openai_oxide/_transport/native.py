"""Native transport: httpx for HTTP (pooled keep-alive, HTTP/2 over TLS, gzip) and
`websockets` for WebSocket. Backend exceptions are mapped here, in the call and during
body iteration, so nothing from httpx reaches the user."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from .._core.errors import APIConnectionError, APITimeoutError
from .._core.http import Headers, Request
from .._core.timeout import Timeout

if TYPE_CHECKING:
    import httpx
    from websockets.asyncio.client import ClientConnection

__all__ = ["NativeTransport"]


class NativeTransport:
    """`NativeTransport(verify=ssl_context)` trusts a private CA; `client=` adopts an
    existing `httpx.AsyncClient` (the caller then owns its configuration)."""

    def __init__(
        self,
        *,
        client: httpx.AsyncClient | None = None,
        http2: bool = True,
        verify: ssl.SSLContext | str | bool = True,
        max_connections: int = 1000,
        max_keepalive_connections: int = 100,
    ) -> None:
        self._client = client
        self._http2 = http2
        self._verify = verify
        self._limits = (max_connections, max_keepalive_connections)

    def _httpx(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(
                http2=self._http2,
                verify=self._verify,
                timeout=None,
                follow_redirects=False,
                limits=httpx.Limits(
                    max_connections=self._limits[0],
                    max_keepalive_connections=self._limits[1],
                    keepalive_expiry=30.0,
                ),
            )
        return self._client

    async def send(self, request: Request, *, timeout: Timeout) -> _NativeResponse:
        import httpx

        client = self._httpx()
        req = client.build_request(
            request.method,
            request.url,
            headers=list(request.headers.raw()),
            content=request.body,
            # read stays unbounded here: the client times reads the same way on every target.
            timeout=httpx.Timeout(
                connect=timeout.connect, read=None, write=timeout.write, pool=timeout.connect
            ),
        )
        try:
            resp = await client.send(req, stream=True)
        except httpx.TimeoutException as exc:
            raise APITimeoutError(request=request) from exc
        except (httpx.TransportError, OSError) as exc:
            raise APIConnectionError(_describe(exc), request) from exc
        return _NativeResponse(resp, request)

    async def connect_ws(
        self,
        url: str,
        headers: Headers,
        subprotocols: Sequence[str] = (),
        *,
        connect_timeout: float | None,
    ) -> _NativeWebSocket:
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        ssl_arg: Any = None
        if url.startswith("wss:"):
            ssl_arg = self._verify if isinstance(self._verify, ssl.SSLContext) else True
        try:
            conn = await connect(
                url,
                additional_headers=list(headers.raw()),
                subprotocols=[Subprotocol(p) for p in subprotocols] or None,
                open_timeout=connect_timeout,
                ssl=ssl_arg,
                max_size=None,
            )
        except TimeoutError as exc:
            raise APITimeoutError("WebSocket connection timed out.") from exc
        except Exception as exc:
            raise APIConnectionError(f"WebSocket connection failed: {_describe(exc)}") from exc
        return _NativeWebSocket(conn)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


class _NativeResponse:
    __slots__ = ("_request", "_resp", "headers", "status")

    def __init__(self, resp: httpx.Response, request: Request) -> None:
        self._resp = resp
        self._request = request
        self.status = resp.status_code
        self.headers = Headers(resp.headers.multi_items())

    @property
    def http_version(self) -> str:
        return self._resp.http_version

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        import httpx

        try:
            async for chunk in self._resp.aiter_bytes():
                if chunk:
                    yield chunk
        except httpx.TimeoutException as exc:
            raise APITimeoutError(request=self._request) from exc
        except (httpx.TransportError, httpx.DecodingError, OSError) as exc:
            raise APIConnectionError(_describe(exc), self._request) from exc

    async def aclose(self) -> None:
        await self._resp.aclose()


class _NativeWebSocket:
    __slots__ = ("_conn", "subprotocol")

    def __init__(self, conn: ClientConnection) -> None:
        self._conn = conn
        self.subprotocol: str | None = conn.subprotocol

    async def send(self, message: str | bytes) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            await self._conn.send(message)
        except ConnectionClosed as exc:
            raise APIConnectionError(f"WebSocket closed: {exc}") from exc

    async def recv(self) -> str | bytes:
        from websockets.exceptions import ConnectionClosed

        try:
            return await self._conn.recv()
        except ConnectionClosed as exc:
            raise APIConnectionError(f"WebSocket closed: {exc}") from exc

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        await self._conn.close(code, reason)


def _describe(exc: BaseException) -> str:
    """A message a user can act on, without URL credentials or headers."""
    text = str(exc) or type(exc).__name__
    return f"Connection error: {text}"
