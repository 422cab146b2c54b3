"""Native transport: httpx2 for HTTP (pooled keep-alive, HTTP/2 over TLS, gzip) and
`websockets` for WebSocket (it costs 2.6x less CPU per small message than httpx2's
wsproto-based client: bench/bench_ws_backend.py). Backend exceptions are mapped here, in
the call and during body iteration, so nothing from httpx2 reaches the user."""

from __future__ import annotations

import asyncio
import logging
import ssl
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._core.errors import APIConnectionError, APITimeoutError
from .._core.http import Headers, Request
from .._core.timeout import Timeout
from .base import DRAIN_WAIT, caller_gave_up

if TYPE_CHECKING:
    import httpx2
    from websockets.asyncio.client import ClientConnection

__all__ = ["NativeTransport"]

# The methods whose request httpx gives a `Content-Length` even without a body.
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "QUERY"})

# The official SDK's pool (openai._constants.DEFAULT_CONNECTION_LIMITS).
MAX_CONNECTIONS = 1000
MAX_KEEPALIVE_CONNECTIONS = 100


def _ws_options(options: Mapping[str, Any]) -> dict[str, Any]:
    chosen = {"max_size": None, **options}
    if chosen["max_size"] is None:
        chosen.setdefault("compression", None)
    return chosen


class NativeTransport:
    """`NativeTransport(verify=ssl_context)` trusts a private CA; `client=` adopts an
    existing `httpx2.AsyncClient` (or an `httpx` 0.28 one), whose configuration the
    caller then owns."""

    def __init__(
        self,
        *,
        client: httpx2.AsyncClient | Any | None = None,
        http2: bool = True,
        verify: ssl.SSLContext | str | bool = True,
        max_connections: int = MAX_CONNECTIONS,
        max_keepalive_connections: int = MAX_KEEPALIVE_CONNECTIONS,
    ) -> None:
        self._http2 = http2
        self._verify = verify
        self._limits = (max_connections, max_keepalive_connections)
        self._client: Any = None
        self._timeout_key: tuple[float | None, float | None] | None = None
        self._timeout: dict[str, float | None] = {}
        if client is not None:
            self._adopt(client)

    def _adopt(self, client: Any) -> None:
        # httpx2's and httpx 0.28's clients share one API but not their classes: take the
        # exception and Timeout types from the library the client comes from.
        root = next(
            (c.__module__ for c in type(client).__mro__ if c.__module__ in ("httpx2", "httpx")),
            None,
        )
        if root is None:
            raise TypeError(f"expected an httpx2.AsyncClient, got {type(client).__name__}")
        lib = sys.modules[root]
        logging.getLogger("hpack.hpack").addFilter(_HPACK_MASK)  # once: the same instance
        self._client = client
        self._lib = lib
        self._timeout_error: type[Exception] = lib.TimeoutException
        self._errors: tuple[type[Exception], ...] = (lib.RequestError, OSError)
        pool = getattr(getattr(client, "_transport", None), "_pool", None)
        context = getattr(pool, "_ssl_context", None)  # the client's CA and cert, for wss:
        if isinstance(context, ssl.SSLContext):
            self._verify = context

    def _httpx(self) -> Any:
        if self._client is None:
            import httpx2

            self._adopt(
                httpx2.AsyncClient(
                    http2=self._http2,
                    verify=self._verify,
                    timeout=None,
                    follow_redirects=True,  # as the official; credentials stay at their origin
                    limits=httpx2.Limits(
                        max_connections=self._limits[0],
                        max_keepalive_connections=self._limits[1],
                        keepalive_expiry=30.0,
                    ),
                )
            )
        return self._client

    async def send(self, request: Request, *, timeout: Timeout) -> _NativeResponse:
        client = self._httpx()
        req = self._build(client, request, timeout)
        try:
            resp = await client.send(req, stream=True, follow_redirects=False)
            # Redirects are followed here (unless the client says not to): httpx drops
            # Authorization across origins but would forward `api-key`.
            for _ in range(client.max_redirects if client.follow_redirects else 0):
                if resp.next_request is None:
                    break
                await resp.aclose()
                hop = _strip_credentials(req, resp.next_request)
                resp = await client.send(hop, stream=True, follow_redirects=False)
        except self._timeout_error as exc:
            raise APITimeoutError(request=request) from exc
        except self._errors as exc:
            raise APIConnectionError(_describe(exc), request) from exc
        return _NativeResponse(resp, request, self)

    def _build(self, client: Any, request: Request, timeout: Timeout) -> Any:
        """The httpx request: as `client.build_request` makes it, without re-normalising
        our headers (already lowercase; a call's dozen cost ~500 built-in calls there):
        the client's headers not overridden, then ours, encoded once, with `Host` and
        `Content-Length` set here. A client that adds anything else at build time
        (query params, cookies, its own `build_request`) goes through `build_request`."""
        lib = self._lib
        # read stays unbounded here: the client times reads the same way on every target.
        limits = (timeout.connect, timeout.write)
        if limits != self._timeout_key:
            self._timeout_key = limits
            self._timeout = lib.Timeout(
                connect=timeout.connect, read=None, write=timeout.write, pool=timeout.connect
            ).as_dict()
        if (
            type(client).build_request is not lib.AsyncClient.build_request
            or client.params
            or client.cookies
        ):
            return client.build_request(
                request.method,
                request.url,
                headers=list(request.headers.raw()),
                content=request.body,
                extensions={"timeout": self._timeout},
            )
        url = lib.URL(request.url)
        body = b"" if request.body is None else request.body
        ours = request.headers.raw()
        names = {k for k, _ in ours}
        pairs = [] if "host" in names else [(b"host", url.netloc)]
        pairs += [(k, v) for k, v in client.headers.raw if k.lower().decode("latin-1") not in names]
        pairs += [(k.encode("ascii"), v.encode("ascii")) for k, v in ours]
        if "content-length" not in names and (body or request.method in _BODY_METHODS):
            pairs.append((b"content-length", b"%d" % len(body)))
        req = lib.Request(
            request.method,
            url,
            headers=pairs,
            stream=lib.ByteStream(body),
            extensions={"timeout": self._timeout},
        )
        req.read()  # as `content=` leaves it: the body at hand, for event hooks
        return req

    async def connect_ws(
        self,
        url: str,
        headers: Headers,
        subprotocols: Sequence[str] = (),
        *,
        connect_timeout: float | None,
        options: Mapping[str, Any] | None = None,
    ) -> _NativeWebSocket:
        """`options` go to `websockets.connect` (the caller checked their names); as the
        official client, messages are unlimited and, then, uncompressed by default."""
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
                logger=_Redacting(_credentials(headers, subprotocols)),
                **_ws_options(options or {}),
            )
        except TimeoutError as exc:
            raise APITimeoutError("WebSocket connection timed out.") from exc
        except Exception as exc:
            raise APIConnectionError(f"WebSocket connection failed: {_describe(exc)}") from exc
        return _NativeWebSocket(conn)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


_CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "api-key", "x-api-key", "cookie"}
)


def _credentials(headers: Headers, subprotocols: Sequence[str]) -> tuple[str, ...]:
    """The secrets a handshake carries: credential header values, their bare tokens, and
    subprotocols with a payload after a dot (`openai-insecure-api-key.<key>`)."""
    found = [v for k, v in headers.raw() if k.lower() in _CREDENTIAL_HEADERS and v]
    found += [v.partition(" ")[2] for v in found if " " in v]
    found += [p.partition(".")[2] for p in subprotocols if "." in p]
    return tuple(sorted({v for v in found if len(v) >= 8}, key=len, reverse=True))


def _strip_credentials(first: Any, hop: Any) -> Any:
    """The redirected request without credentials when it leaves the first one's origin."""
    if hop.url.origin != first.url.origin:
        for name in _CREDENTIAL_HEADERS:
            hop.headers.pop(name, None)
    return hop


class _HpackMask(logging.Filter):
    """hpack, under HTTP/2, logs at DEBUG each header it adds to the table with its value,
    masked only where h2 marks the header sensitive: `authorization`, not Azure's
    `api-key`. Mask every credential header's value there."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if (
            isinstance(args, tuple)
            and len(args) >= 2
            and isinstance(args[0], bytes)
            and args[0].decode("latin-1").lower() in _CREDENTIAL_HEADERS
        ):
            record.args = (args[0], b"<masked>", *args[2:])
        return True


_HPACK_MASK = _HpackMask()


class _Redacting(logging.LoggerAdapter):  # type: ignore[type-arg]
    """The `websockets.client` logger with the handshake's secrets masked: at DEBUG it
    writes every request header, the key included (found by tests/security/test_canary.py)."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__(logging.getLogger("websockets.client"), {})
        self._secrets = secrets

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if self._secrets and self.isEnabledFor(level):
            args = tuple(self._mask(a) for a in args)
            msg = self._mask(msg)
        super().log(level, msg, *args, **kwargs)

    def _mask(self, value: object) -> object:
        if not isinstance(value, str | bytes):
            return value
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text


class _NativeResponse:
    """A body closed by its reader before its end (a chat stream at `[DONE]`, the end of
    the body one read away) is not dropped at once on HTTP/1.1: that would close the
    connection and the next call would open another. The next read decides: the end of
    the body returns the connection to the pool; more data, `DRAIN_WAIT` of silence, or
    a close while the caller's task is being cancelled drop it (the server must see the
    request go away)."""

    __slots__ = ("_chunks", "_request", "_resp", "_transport", "headers", "status")

    def __init__(self, resp: Any, request: Request, transport: NativeTransport) -> None:
        self._resp = resp
        self._request = request
        self._transport = transport
        self._chunks: AsyncIterator[bytes] | None = None  # httpx's body iterator, once read
        self.status: int = resp.status_code
        self.headers = Headers.lowered(resp.headers.multi_items())  # lowercase in httpx

    @property
    def http_version(self) -> str:
        return str(self._resp.http_version)

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        transport = self._transport
        self._chunks = chunks = self._resp.aiter_bytes()
        try:
            async for chunk in chunks:
                if chunk:
                    yield chunk
        except transport._timeout_error as exc:
            raise APITimeoutError(request=self._request) from exc
        except transport._errors as exc:
            raise APIConnectionError(_describe(exc), self._request) from exc

    async def aclose(self) -> None:
        resp = self._resp
        chunks = self._chunks
        if (
            chunks is not None
            and not resp.is_closed
            and resp.http_version == "HTTP/1.1"
            and not caller_gave_up()
        ):
            await self._drain(chunks)
        await resp.aclose()

    async def _drain(self, chunks: AsyncIterator[bytes]) -> None:
        transport = self._transport
        failures: tuple[type[Exception], ...] = (TimeoutError, transport._timeout_error)
        try:
            async with asyncio.timeout(DRAIN_WAIT):
                async for chunk in chunks:
                    if chunk:  # the body goes on: not worth reading
                        return
        except failures + transport._errors:
            pass  # closing must not turn a finished stream into an error


class _NativeWebSocket:
    __slots__ = ("_conn", "response_headers", "subprotocol")

    def __init__(self, conn: ClientConnection) -> None:
        self._conn = conn
        self.subprotocol: str | None = conn.subprotocol
        # The handshake's answer (the 101's headers: x-request-id, x-ratelimit-*), for hooks.
        answer = conn.response
        self.response_headers: Headers | None = (
            None if answer is None else Headers(answer.headers.raw_items())
        )

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
