"""Pyodide transport: `js.fetch` (streamed body, AbortController) and `js.WebSocket`.

It uses only globals that browsers, Node 20+ and Cloudflare Workers share (fetch, Headers,
AbortController, WebSocket) and never eval or `new Function`, which Workers forbid. `js`
and `pyodide.ffi` are imported inside the methods, so this module imports anywhere.

Timeouts. fetch shows no connect phase: its promise settles when the headers arrive, which
for a non-streaming answer is when the model has finished. A connect timer around that wait
(httpx2-jsfetch's, hence the official SDK's under Pyodide) kills every answer slower than
`timeout.connect`. So this transport runs no timer at all:
- the client's `Deadline` bounds the wait for the headers and for each chunk with `read` and
  `total`, as it does natively (read includes the wait for the headers); its timeout
  cancels our task, and cancellation aborts the fetch (see below);
- `timeout.connect` is NOT enforced here. An unreachable host fails through the runtime's own
  connect error (browser "Failed to fetch", undici's 10 s connect timeout), mapped to
  `APIConnectionError`. Using connect as a bound only when it exceeds read would add
  nothing, since read already bounds the same wait more tightly;
- `timeout.write` does not apply: fetch takes the body whole.

Cancellation. A cancelled task does not stop a fetch (PLATFORM.md), so every await on a JS
promise is guarded: cancellation, a failure, or `aclose()` before the end of the body calls
`AbortController.abort()`. No `JsException` leaves this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

from .._core.errors import APIConnectionError, APITimeoutError
from .._core.http import Headers, Request
from .._core.timeout import Timeout
from .base import DRAIN_WAIT, caller_gave_up

__all__ = ["JsFetchTransport"]

_WS_OPEN, _WS_CLOSING = 1, 2
# How long `aclose()` waits for the closing handshake (the `websockets` default close_timeout).
_WS_CLOSE_WAIT = 10.0


class JsFetchTransport:
    """The default transport when `sys.platform == "emscripten"`. fetch keeps no pool of
    its own to configure or close, so the transport holds no state."""

    async def send(self, request: Request, *, timeout: Timeout) -> _FetchResponse:
        """Return once the headers are in. `timeout` is not used: see the module docstring."""
        import js
        from pyodide.ffi import JsException, to_js

        controller = js.AbortController.new()
        try:
            # One conversion each (pairs become a JS array of [name, value] arrays, a valid
            # HeadersInit): a call per header costs more than the whole list.
            init: dict[str, Any] = {
                "method": request.method,
                "headers": to_js(request.headers.raw()),
            }
            if request.body is not None:
                init["body"] = to_js(request.body)  # bytes -> a Uint8Array copy
            # Keyword arguments reach JS as one options object.
            response = await js.fetch(request.url, signal=controller.signal, **init)
        except JsException as exc:
            raise _map_error(exc, request) from exc
        except BaseException:
            controller.abort()  # cancelled (a client timeout or the caller): stop the request
            raise
        return _FetchResponse(response, controller, request)

    async def connect_ws(
        self,
        url: str,
        headers: Headers,
        subprotocols: Sequence[str] = (),
        *,
        connect_timeout: float | None,
        options: Mapping[str, Any] | None = None,
    ) -> _JsWebSocket:
        """Open `url`. `headers` are ignored: the WebSocket API cannot set any header on the
        handshake (browsers, Workers), so credentials must travel some other way, such as a
        subprotocol. `options` cannot be honoured either (the API has no such settings):
        each one given is ignored with a warning."""
        import js
        from pyodide.ffi import JsException, to_js

        if options:
            warnings.warn(
                f"WebSocket options {sorted(options)} are ignored in Pyodide: the JavaScript "
                "WebSocket API has no such settings",
                RuntimeWarning,
                stacklevel=3,
            )
        try:
            conn = _JsWebSocket(js.WebSocket.new(url, to_js(list(subprotocols))))
        except JsException as exc:  # SyntaxError: a bad URL or subprotocol
            raise APIConnectionError(f"WebSocket connection failed: {_describe(exc)}") from exc
        try:
            async with asyncio.timeout(connect_timeout):
                await conn.opened()
        except TimeoutError as exc:
            conn.discard()
            raise APITimeoutError("WebSocket connection timed out.") from exc
        except BaseException:
            conn.discard()
            raise
        return conn

    async def aclose(self) -> None:
        pass


class _FetchResponse:
    """A JSON answer (`application/json`; not JSON Lines, which may be a long download) is
    read whole with `arrayBuffer()`: it is parsed only once complete, and one await costs a
    fraction of a read loop's (every await of a JS promise is a JS-to-Python hand-off plus
    an event-loop turn under Pyodide).

    Any other body (SSE, files) is read ahead from the moment the headers arrive: a read is
    always pending and chunks wait on our side. Chunks left in the JS stream's own queue
    would be thrown away if the connection then failed (WHATWG Streams), losing events the
    server did send; natively the kernel keeps them. Chunks that piled up while the consumer
    was busy are handed over joined, one wake-up for all of them.

    A stream closed with nothing left unread here (typically at its end signal, `[DONE]`,
    with the end of the body one read away) is not aborted at once: the abort's error then
    travels through fetch, its body stream and the read-ahead task, 1-3 ms of CPU in Node
    on a 114-chunk stream. The pending read decides: the end of the body needs no abort,
    more data is aborted, and so is silence past `DRAIN_WAIT`. A close while the caller's
    task is being cancelled aborts at once: the server must see the request go away."""

    __slots__ = (
        "_chunks",
        "_closed",
        "_controller",
        "_done",
        "_drain",
        "_eof",
        "_js",
        "_pump",
        "_request",
        "_waiter",
        "_whole",
        "headers",
        "status",
    )

    def __init__(self, response: Any, controller: Any, request: Request) -> None:
        import js

        self._js = response
        self._controller = controller
        self._request = request
        self._done = False  # the consumer saw the end of the body: nothing left to abort
        self._eof = False  # the body was received to its end (it may still wait here)
        self._closed = False
        self._drain: asyncio.TimerHandle | None = None
        self.status = int(response.status)
        # Every pair, as received, in one conversion. fetch itself joins a repeated header
        # with ", " (apart from set-cookie), and a browser shows only the headers CORS exposes.
        self.headers = Headers(js.Array.from_(response.headers).to_py())
        self._chunks: deque[bytes | BaseException | None] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._pump: asyncio.Future[None] | None = None
        body = response.body
        media_type = self.headers.get("content-type", "").partition(";")[0].strip().lower()
        self._whole = body is not None and media_type == "application/json"
        if body is None:  # a null body: 204, 304, HEAD
            self._eof = True
            self._chunks.append(None)
        elif not self._whole:
            self._pump = asyncio.ensure_future(self._read_ahead(body))

    def _put(self, item: bytes | BaseException | None) -> None:
        self._chunks.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _read_ahead(self, body: Any) -> None:
        from pyodide.ffi import JsException

        try:
            reader = body.getReader()
            while True:
                result = await reader.read()
                if result.done:
                    self._eof = True
                    self._put(None)
                    if self._drain is not None:
                        self._drain.cancel()
                    return
                if self._closed:  # closed by its reader, and the body goes on
                    self._stop()
                    return
                chunk: bytes = result.value.to_bytes()
                if chunk:
                    self._put(chunk)
        except JsException as exc:
            error = _map_error(exc, self._request, closed=self._closed)
            error.__cause__ = exc
            self._put(error)

    async def _read_whole(self) -> bytes:
        from pyodide.ffi import JsException

        try:
            data: bytes = (await self._js.arrayBuffer()).to_bytes()
        except JsException as exc:
            raise _map_error(exc, self._request, closed=self._closed) from exc
        self._eof = True
        return data

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        try:
            if self._whole:
                data = await self._read_whole()
                self._done = True
                if data:
                    yield data
                return
            chunks = self._chunks
            while True:
                if not chunks:
                    self._waiter = asyncio.get_running_loop().create_future()
                    try:
                        await self._waiter
                    finally:
                        self._waiter = None
                item = chunks.popleft()
                if isinstance(item, bytes) and chunks and isinstance(chunks[0], bytes):
                    parts = [item]
                    while chunks and isinstance(following := chunks[0], bytes):
                        chunks.popleft()
                        parts.append(following)
                    item = b"".join(parts)
                if item is None:
                    self._done = True
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            if not self._done:
                # Cancelled (the client's read timeout, the caller), failed, or abandoned
                # by the consumer: the fetch would otherwise keep downloading.
                self._abort()

    async def aclose(self) -> None:
        if not self._done:
            self._done = self._closed = True
            pump = self._pump
            if caller_gave_up() or self._eof or self._chunks or pump is None or pump.done():
                self._abort()
            else:  # see the class docstring
                self._drain = asyncio.get_running_loop().call_later(DRAIN_WAIT, self._abort)

    def _stop(self) -> None:
        if not self._eof:  # aborting a finished fetch costs ~1 ms in Node and changes nothing
            self._controller.abort()
        if self._drain is not None:
            self._drain.cancel()

    def _abort(self) -> None:
        self._stop()
        if self._pump is not None:
            self._pump.cancel()


class _JsWebSocket:
    """Listeners (pyodide `create_proxy`) feed an asyncio queue with ("open", None),
    ("message", str | bytes), ("error", None) and ("close", (code, reason)) items.

    `set_message_listener(fn)` (used by the Responses session) hands each message to `fn`
    synchronously, inside the JS event, instead of queueing it for `recv()`: every asyncio
    wake-up is a JS macrotask under Pyodide, and a message read through `recv()` costs one
    more hop (the reader task) before it reaches the task that waits for it. `recv()` then
    still reports the end of the connection."""

    __slots__ = (
        "_closed",
        "_listener",
        "_proxies",
        "_queue",
        "_ws",
        "response_headers",
        "subprotocol",
    )

    def __init__(self, ws: Any) -> None:
        from pyodide.ffi import create_proxy

        self._ws = ws
        self._queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self._closed: str | None = None  # why the connection ended, once it has
        self.subprotocol: str | None = None
        # The handshake's answer headers: only Node's `ws` package (what Node 20 runs, see
        # wasm_bridge/boot.mjs) tells them, by its `upgrade` event; the WebSocket API of
        # browsers, Workers and Node 22's undici exposes none.
        self.response_headers: Headers | None = None
        self._listener: Callable[[str | bytes], None] | None = None
        ws.binaryType = "arraybuffer"  # binary frames arrive as ArrayBuffer, not Blob
        self._proxies: list[tuple[str, Any]] = []
        for kind in ("open", "message", "error", "close"):
            proxy = create_proxy(getattr(self, f"_on_{kind}"))
            ws.addEventListener(kind, proxy)
            self._proxies.append((kind, proxy))
        if hasattr(ws, "on"):  # an EventEmitter: Node's `ws`
            proxy = create_proxy(self._on_upgrade)
            ws.on("upgrade", proxy)
            self._proxies.append(("upgrade", proxy))

    # Listeners run inside a JS callback: take what is needed from the event right away,
    # since the event proxy is borrowed for the duration of the call only.
    def _on_open(self, event: Any) -> None:
        self._queue.put_nowait(("open", None))

    def _on_upgrade(self, answer: Any) -> None:
        # An http.IncomingMessage: lowercase names, a list for a repeated header.
        pairs = answer.headers.to_py().items()
        self.response_headers = Headers.lowered(
            (k, v if isinstance(v, str) else ", ".join(v)) for k, v in pairs
        )

    def _on_message(self, event: Any) -> None:
        data = event.data
        message: str | bytes = data if isinstance(data, str) else data.to_bytes()
        if self._listener is not None:
            self._listener(message)
        else:
            self._queue.put_nowait(("message", message))

    def set_message_listener(self, listener: Callable[[str | bytes], None] | None) -> None:
        """Deliver every message to `listener` (it must not raise), the ones already queued
        first; None queues them for `recv()` again."""
        self._listener = listener
        if listener is None:
            return
        held = []
        while not self._queue.empty():
            held.append(self._queue.get_nowait())
        for kind, value in held:
            if kind == "message":
                listener(value)
            else:
                self._queue.put_nowait((kind, value))

    def _on_error(self, event: Any) -> None:
        # A browser's error event says nothing; Node's `ws` gives a message (for a refused
        # handshake "Unexpected server response: 401", which the Realtime client maps).
        message = getattr(event, "message", None)
        self._queue.put_nowait(("error", str(message) if message else None))

    def _on_close(self, event: Any) -> None:
        self._queue.put_nowait(("close", (int(event.code), str(event.reason))))

    async def opened(self) -> None:
        kind, value = await self._queue.get()
        if kind != "open":
            self._end(kind, value)
            raise APIConnectionError(f"WebSocket connection failed: {self._closed}")
        self.subprotocol = str(self._ws.protocol) or None

    async def send(self, message: str | bytes) -> None:
        from pyodide.ffi import JsException, to_js

        if self._closed is not None or self._ws.readyState != _WS_OPEN:
            raise APIConnectionError(f"WebSocket closed: {self._closed or 'closing'}")
        try:
            self._ws.send(message if isinstance(message, str) else to_js(message))
        except JsException as exc:
            raise APIConnectionError(f"WebSocket send failed: {_describe(exc)}") from exc

    async def recv(self) -> str | bytes:
        if self._closed is None:
            kind, value = await self._queue.get()
            if kind == "message":
                message: str | bytes = value
                return message
            self._end(kind, value)
        raise APIConnectionError(f"WebSocket closed: {self._closed}")

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        from pyodide.ffi import JsException

        if self._closed is None:
            if self._ws.readyState < _WS_CLOSING:
                try:
                    self._ws.close(code, reason)
                except JsException:  # browsers accept only 1000 and 3000-4999
                    self._ws.close()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(_WS_CLOSE_WAIT):
                    while (item := await self._queue.get())[0] == "message":
                        pass
                    self._end(*item)
            self._closed = self._closed or "closed by the client"
        self._release()

    def discard(self) -> None:
        """Drop a connection that never opened (failed, timed out or cancelled)."""
        if self._ws.readyState < _WS_CLOSING:
            self._ws.close()
        self._closed = self._closed or "never opened"
        self._release()

    def _end(self, kind: str, value: Any) -> None:
        """Record why the connection ended; no event can follow, so drop the listeners."""
        if kind == "close":
            code, reason = value
            self._closed = f"code {code}" + (f" ({reason})" if reason else "")
        else:  # the close that follows an error event is not awaited
            self._closed = f"connection error ({value})" if value else "connection error"
        self._release()

    def _release(self) -> None:
        self._listener = None
        for kind, proxy in self._proxies:
            if kind == "upgrade":
                self._ws.removeListener(kind, proxy)
            else:
                self._ws.removeEventListener(kind, proxy)
            proxy.destroy()
        self._proxies.clear()


def _map_error(
    exc: Exception, request: Request | None, *, closed: bool = False
) -> APIConnectionError:
    """fetch rejects with a TypeError for every network failure ("Failed to fetch" in
    browsers, "fetch failed" or "terminated" in Node); an AbortError/TimeoutError that we did
    not cause by `aclose()` comes from a runtime-imposed deadline."""
    name = str(getattr(exc, "name", ""))
    if name in ("AbortError", "TimeoutError") and not closed:
        return APITimeoutError(request=request)
    return APIConnectionError(_describe(exc), request)


def _describe(exc: Exception) -> str:
    """The JS error's name and message, plus its cause (undici puts the socket error there)."""
    text = f"{getattr(exc, 'name', None) or type(exc).__name__}: {getattr(exc, 'message', exc)}"
    cause = getattr(exc, "cause", None)
    if cause is not None:
        text += f" ({getattr(cause, 'message', None) or cause})"
    return f"Connection error: {text}"
