"""WebSocket mode for the Responses API: `client.ws_session()` and `client.responses.connect()`.

    async with client.ws_session(defaults={"model": "gpt-5", "store": False}) as ws:
        await ws.warmup(instructions="...", tools=tools)     # generate: false, no output
        first = await ws.send(input="Hello")                 # the typed Response
        async for event in ws.send_stream(input="And now?"): # the same typed events as HTTP
            ...
        async with ws.stream(input="Stream it") as s:        # snapshots, get_final_response()
            ...
        async for call in ws.create_stream_fc(input="..."):  # early-parsed function calls
            ...
        await run_agent(ws, tools=[...], input="...")       # the agent loop over the socket

One connection carries every turn (`wss://…/v1/responses`; `ws://` for an `http://`
base URL). The protocol state lives in `_core/ws.py`, pure and shared by every target;
this module is the I/O shell: one reader task per connection, a write lock, and per-turn
queues. What it guarantees:

- Chaining: with `chain=True` (the default) the session remembers the last response id of
  each lane and sends only the new input plus `previous_response_id`. When the server
  answers `previous_response_not_found` (a new connection, an evicted `store=false`
  response) the turn is resent once with the whole conversation, by itself.
- Order: turns on one lane run one at a time, in the order they were submitted;
  `stream_id="name"` (a parameter of any send) puts a turn on its own lane, which the
  server runs concurrently with the others, each lane with its own chain.
- Reliability: a dropped connection is re-opened with the client's retry backoff (at most
  `max_reconnects` retries, the client's `max_retries` by default). A turn that was in
  flight raises `WebSocketDisconnectedError` and is never resent (the server may have run
  it); queued turns go out on the new connection. `error` events raise
  `WebSocketSessionError` (after the error event has been yielded to a stream), the
  60-minute limit `ConnectionLimitReachedError` (the session reconnects for the next send).
- `close()` (or leaving `async with`) fails the unfinished turns, cancels and awaits every
  task of the session and closes the socket.
- Timeouts: the client's `timeout.read` bounds each wait for an event, `timeout.total` a turn.
- A server without WebSocket mode: the session runs over HTTP streaming instead, with the
  same events and chaining (`ws_fallback.py`; `fallback=False` raises the handshake error).

The handshake and its credentials are in `ws_handshake.py` (read it before shipping a key
to a browser), one turn's event stream in `ws_stream.py`, and `client.responses.connect()`
(the official SDK's raw connection, no chaining) in `ws_connect.py`.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import logging
import random
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Unpack

from .._base import CallOptions
from .._core import codec, retry
from .._core import ws as core
from .._core.accumulate import ResponsesAccumulator, StreamStateError
from .._core.errors import (
    APIConnectionError,
    ConnectionLimitReachedError,
    OpenAIError,
    PreviousResponseNotFoundError,
    StreamError,
    WebSocketDisconnectedError,
    WebSocketSessionError,
)
from .._core.http import Headers, Request, ResponseHead
from .._streaming import AsyncStreamManager, EventDecoder, StreamDecoder
from .._timing import Deadline
from .._transport.base import WebSocketConnection
from . import ws_fallback
from .ws_connect import AsyncResponsesConnection, AsyncResponsesConnectionManager
from .ws_handshake import CREDENTIAL_SUBPROTOCOL, Auth, handshake, websocket_url, ws_base_url
from .ws_stream import ParsedMessage, WebSocketStream, parse_response

if TYPE_CHECKING:
    from typing_extensions import TypeVar

    from .._base import BaseClient
    from ..types.responses import Response, ResponseStreamEvent
    from .responses_stream import AsyncFunctionCallStream, AsyncResponseStream
    from .ws_params import TurnParams
else:  # a Worker's session runs without pydantic, so without typing_extensions
    from typing import TypeVar

log = logging.getLogger("openai_oxide")

E = TypeVar("E")
if TYPE_CHECKING:
    # without `text_format` nothing is parsed: `stream()` is an `AsyncResponseStream[None]`,
    # as `client.responses.stream` (PEP 696 default)
    T = TypeVar("T", default=None)
else:
    T = TypeVar("T")

# The names of ws_handshake, ws_stream and ws_connect stay importable from here.
__all__ = [
    "CREDENTIAL_SUBPROTOCOL",
    "AsyncResponsesConnection",
    "AsyncResponsesConnectionManager",
    "AsyncResponsesSession",
    "Auth",
    "WebSocketStream",
    "websocket_url",
]


class AsyncResponsesSession:
    """A persistent Responses WebSocket with chaining, queueing and reconnection.

    Build it with `client.ws_session(...)`; see the module docstring. `defaults` are merged
    into every turn (e.g. `model`, `tools`, `store`). Every method that starts a turn takes
    the parameters of `client.responses.create`, plus `stream_id` (a lane); `timeout` and
    `extra_body` apply per turn, `stream` and `background` are not accepted.
    """

    def __init__(
        self,
        client: BaseClient,
        *,
        chain: bool = True,
        defaults: Mapping[str, Any] | None = None,
        auth: Auth = "auto",
        client_secret: str | None = None,
        subprotocols: Sequence[str] = (),
        max_reconnects: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        fallback: bool = True,
    ) -> None:
        self._client = client
        self.url: str = websocket_url(
            ws_base_url(client), {**client.default_query, **(extra_query or {})}
        )
        self._headers, self._subprotocols = handshake(
            client,
            auth=auth,
            client_secret=client_secret,
            subprotocols=subprotocols,
            extra_headers=extra_headers,
        )
        self._max_reconnects = client.max_retries if max_reconnects is None else max_reconnects
        self._core = core.ResponsesWebSocket(chain=chain, defaults=defaults)
        self._request = Request("GET", self.url)
        self._conn: WebSocketConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._sinks: dict[int, _Sink] = {}
        self._connect_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self._closed = False
        self.connections: int = 0  # how many connections were opened (1 + reconnects)
        # Where the server has no WebSocket endpoint: HTTP streaming (see ws_fallback).
        self._fallback = ws_fallback.http_options(
            extra_headers, extra_query, client_secret, fallback
        )
        self._http: ws_fallback.HttpResponsesEndpoint | None = None

    # -- the public surface -------------------------------------------------------------

    @property
    def subprotocol(self) -> str | None:
        """The subprotocol the server selected on the current connection."""
        return None if self._conn is None else self._conn.subprotocol

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def http_fallback(self) -> bool:
        """Whether the session runs over HTTP streaming: the server has no WebSocket mode."""
        return self._http is not None

    def last_response_id(self, stream_id: str | None = None) -> str | None:
        """The last completed response id of a lane (the default lane by default)."""
        return self._core.lane_state(stream_id)[0]

    def history(self, stream_id: str | None = None) -> list[Any] | None:
        """A lane's conversation (input and output items), None when it is not known."""
        return self._core.lane_state(stream_id)[1]

    def reset(self, stream_id: str | None = None) -> None:
        """Start a new conversation on a lane: the next turn is not chained."""
        self._core.reset_chain(stream_id)

    async def connect(self) -> AsyncResponsesSession:
        """Open the connection now (it is otherwise opened by the first turn)."""
        self._check_open()
        await self._ensure_connected()
        return self

    async def send(self, **params: Unpack[TurnParams]) -> Response:
        """One turn; returns the typed `Response` (completed, failed or incomplete).

        Raises `WebSocketSessionError` (and subclasses) for an `error` event,
        `WebSocketDisconnectedError` if the connection dropped meanwhile, and
        `APIConnectionError`/`APITimeoutError` if no connection could be opened or a wait ran out.
        """
        # Rebuilt from every event, as `responses.stream` does: a compatible server's final
        # payload may come with an empty `output`.
        acc = ResponsesAccumulator()
        turn, options, body = self._submit(params)
        head = ResponseHead(101, Headers(), self._request)
        try:
            async for message in self._turn_events(turn, options, body):
                event = message.json()
                try:
                    acc.feed(event)
                except StreamStateError as exc:  # as over HTTP (found by fuzzing)
                    raise StreamError(
                        head, event, message=f"Malformed stream event: {exc}"
                    ) from exc
        finally:
            self._release(turn)
        if acc.final is None:
            raise OpenAIError("The turn ended without a final response event.")
        return parse_response(head, acc.final, self._client.strict_response_validation)

    async def warmup(self, **params: Unpack[TurnParams]) -> Response:
        """Send a turn with `generate: false`: the server prepares the request state (model,
        instructions, tools, input) without generating output; later turns chain from it."""
        params["generate"] = False
        return await self.send(**params)

    def send_stream(self, **params: Unpack[TurnParams]) -> WebSocketStream[ResponseStreamEvent]:
        """`async for event in ws.send_stream(...)`: the typed events of one turn, as
        `client.responses.create(stream=True)` yields them. The turn is queued now."""
        from ..resources.responses_create import decode_event

        return self._turn_stream(params, decode_event)

    def stream(
        self, *, text_format: type[T] | None = None, **params: Unpack[TurnParams]
    ) -> AsyncStreamManager[AsyncResponseStream[T]]:
        """`async with ws.stream(...) as s`: the helper of `client.responses.stream`
        (snapshots, `get_final_response()`, partial structured output) over the session."""
        from .helper_body import prepare_responses_body
        from .responses_stream import AsyncResponseStream, decode_pair

        body, options, tools = prepare_responses_body(dict(params), text_format)
        body = _with_options(body, options)

        async def open_stream() -> AsyncResponseStream[T]:
            raw = self._turn_stream(body, decode_pair)
            await raw.start()
            return AsyncResponseStream(raw, text_format=text_format, input_tools=tools)

        return AsyncStreamManager(open_stream)

    def create_stream_fc(
        self, *, partial: bool = False, **params: Unpack[TurnParams]
    ) -> AsyncFunctionCallStream:
        """`async for call in ws.create_stream_fc(...)`: function calls the moment their
        arguments are complete, as `client.responses.create_stream_fc` over HTTP."""
        from .responses_stream import AsyncFunctionCallStream

        return AsyncFunctionCallStream(self.stream(**params), partial=partial)

    async def close(self) -> None:
        """Fail the unfinished turns, stop every task of the session and close the socket."""
        if self._closed:
            return
        self._closed = True
        self._core.close()
        self._dispatch()
        conn, self._conn = self._conn, None
        tasks = [t for t in (self._reader, *self._tasks) if t is not None]
        self._reader = None
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.aclose()

    async def __aenter__(self) -> AsyncResponsesSession:
        return await self.connect()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- turns ----------------------------------------------------------------------------

    def _turn_stream(
        self, params: Mapping[str, Any], decode: EventDecoder[E]
    ) -> WebSocketStream[E]:
        """Queue a turn now; its events as a `WebSocketStream` decoded by `decode` (the
        typed helpers' decoders, or the lite client's dict decoder)."""
        turn, options, body = self._submit(params)
        head = ResponseHead(101, Headers(), self._request)
        decoder = StreamDecoder(decode, head, strict=self._client.strict_response_validation)
        return WebSocketStream(
            self._turn_events(turn, options, body),
            decoder,
            start=self._pump,
            release=functools.partial(self._release, turn),
        )

    def _submit(self, params: Mapping[str, Any]) -> tuple[int, CallOptions, dict[str, Any]]:
        self._check_open()
        kwargs = dict(params)
        options = CallOptions.pop_from(kwargs)
        if options.extra_headers or options.extra_query:
            raise TypeError(
                "extra_headers/extra_query apply to the connection: pass them to ws_session(...)"
            )
        body = _with_options(kwargs, options)
        turn = self._core.submit(body)
        self._sinks[turn] = _Sink()
        return turn, options, body

    def _turn_events(
        self, turn: int, options: CallOptions, body: dict[str, Any]
    ) -> AsyncIterator[ParsedMessage]:
        """`_events`, watched by the client's hooks (error, stream_end) when it has any; the
        stream_end record carries the turn's parameters (`content`, JSON)."""
        events = self._events(turn, options)
        hooks = self._client.hooks
        if hooks is None:
            return events
        head = ResponseHead(101, Headers(), self._request)
        content = codec.dumps({**self._core.defaults, **body})
        return hooks.watch(events, head, _payload, content)

    async def _events(self, turn: int, options: CallOptions) -> AsyncIterator[ParsedMessage]:
        """Each event of `turn`, with the value the core parsed; raises the typed error if
        the turn fails.
        Each wait is bounded by the read and total timeouts, with one watchdog timer per
        turn (`Deadline.iterate`): under Pyodide every timer is a JS `setTimeout`."""
        timeout = options.timeout or self._client.timeout
        deadline = Deadline(timeout.read, timeout.total)
        sink = self._sinks[turn]
        await self._pump()
        async for item in deadline.iterate(sink, self._request):
            if isinstance(item, core.TurnFailed):
                raise self._error(item)
            yield ParsedMessage.of(item.data, item.payload)
            if item.terminal:
                return

    def _release(self, turn: int) -> None:
        """The consumer is done with `turn`: stop routing to it, drop it if unsent."""
        self._sinks.pop(turn, None)
        self._core.cancel(turn)
        if self._core.pending() and self._conn is not None and not self._closed:
            self._spawn(self._flush())

    def _error(self, failure: core.TurnFailed) -> OpenAIError:
        if failure.kind in (core.FailureKind.DISCONNECTED, core.FailureKind.CLOSED):
            return WebSocketDisconnectedError(
                failure.message, self._request, response_id=failure.response_id
            )
        if failure.kind is core.FailureKind.MALFORMED:
            # 101: the status line of a WebSocket exchange (there is no HTTP answer to cite).
            head = ResponseHead(101, Headers(), self._request)
            return StreamError(head, None, message=failure.message)
        payload = failure.payload or {}
        status = payload.get("status")
        # The HTTP fallback sets `request_id`; an error event may carry one (top or inner).
        inner = payload.get("error")
        request_id = payload.get("request_id") or (
            inner.get("request_id") if isinstance(inner, dict) else None
        )
        headers = Headers({"x-request-id": request_id} if isinstance(request_id, str) else {})
        head = ResponseHead(status if isinstance(status, int) else 400, headers, self._request)
        cls: type[WebSocketSessionError] = {
            core.FailureKind.CONNECTION_LIMIT: ConnectionLimitReachedError,
            core.FailureKind.PREVIOUS_RESPONSE_NOT_FOUND: PreviousResponseNotFoundError,
        }.get(failure.kind, WebSocketSessionError)
        return cls(f"WebSocket error event: {failure.message}", head, body=payload)

    # -- the connection -----------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise OpenAIError("This WebSocket session is closed.")

    async def _pump(self) -> None:
        if self._core.pending():
            await self._ensure_connected()
            await self._flush()

    async def _flush(self) -> None:
        async with self._write_lock:
            conn = self._conn
            if conn is None:
                return
            try:
                for text in self._core.messages_to_send():
                    await conn.send(text)
            except APIConnectionError as exc:
                await self._lost(conn, str(exc))

    async def _ensure_connected(self) -> None:
        async with self._connect_lock:
            self._check_open()
            if self._conn is not None:
                return
            conn = await self._open()
            if self._closed:
                await conn.aclose()
                self._check_open()
            self._conn = conn
            self.connections += 1
            listen = getattr(conn, "set_message_listener", None)
            if listen is not None:  # Pyodide: messages skip the reader task (see _on_message)
                listen(lambda data: self._on_message(conn, data))
            self._reader = asyncio.ensure_future(self._read(conn))

    async def _open(self) -> WebSocketConnection:
        if self._http is not None:
            return self._http.connect()
        attempt = 0
        timeout = self._client.timeout
        hooks = self._client.hooks
        started = time.monotonic()
        while True:
            request = Request("GET", self.url, self._headers)
            try:
                if hooks is not None:  # the handshake: request, response (101), retry, error
                    request = await hooks.on_request(request, attempt)
                conn = await self._client.transport.connect_ws(
                    self.url, request.headers, self._subprotocols, connect_timeout=timeout.connect
                )
                # The 101's headers where the transport exposes them (natively; not in Pyodide)
                answer: Headers = getattr(conn, "response_headers", None) or Headers()
                self._note_rate_limits(answer)
                if hooks is not None:
                    elapsed = time.monotonic() - started
                    head = ResponseHead(101, answer, request, attempt, elapsed)
                    await hooks.on_response(head, conn)
                return conn
            except APIConnectionError as exc:
                self._http = ws_fallback.fall_back(self._client, self.url, exc, self._fallback)
                if self._http is not None:
                    return self._http.connect()
                delay = retry.decide(
                    attempt,
                    self._max_reconnects,
                    status=ws_fallback.handshake_status(exc),
                    headers={},
                    now=time.time(),
                    random=random.random(),
                )
                if delay is None:
                    if hooks is not None:
                        await hooks.on_error(exc)
                    raise
                log.info("Reconnecting the WebSocket in %.2fs after %s", delay, exc)
                if hooks is not None:
                    await hooks.on_retry(request, attempt + 1, delay, exc)
            await asyncio.sleep(delay)
            attempt += 1

    def _note_rate_limits(self, answer: Headers) -> None:
        """Keep a handshake's `x-ratelimit-*` for `client.rate_limits`, under the session's
        default model (the handshake names none); an answer without them changes nothing."""
        model = self._core.defaults.get("model")
        if isinstance(model, str) and any(k.startswith("x-ratelimit-") for k in answer):
            self._client.note_rate_limits(model, answer)

    async def _read(self, conn: WebSocketConnection) -> None:
        try:
            while True:
                data = await conn.recv()
                self._core.receive_message(data)
                self._dispatch()
                if self._core.close_requested:
                    raise APIConnectionError(_TIME_LIMIT)
                if self._core.pending():
                    await self._flush()
        except APIConnectionError as exc:
            await self._lost(conn, str(exc))

    def _on_message(self, conn: WebSocketConnection, data: str | bytes) -> None:
        """A message handed over by a transport that delivers them synchronously (Pyodide's
        `_JsWebSocket`): the same steps as `_read`, without the reader task's wake-up. The
        reader task still waits on `recv()` for the end of the connection. It must not
        raise (it runs inside a JS event listener)."""
        if self._conn is not conn or self._core.close_requested:
            return  # a dropped connection, or one being closed for its time limit
        try:
            self._core.receive_message(data)
            self._dispatch()
        except Exception:  # a malformed message must not escape into JS
            log.exception("Could not handle a WebSocket message")
            return
        if self._core.close_requested:
            self._spawn(self._lost(conn, str(APIConnectionError(_TIME_LIMIT))))
        elif self._core.pending():
            self._spawn(self._flush())

    async def _lost(self, conn: WebSocketConnection, reason: str) -> None:
        if self._conn is not conn:
            return
        self._conn = None
        self._core.connection_lost(reason)
        self._dispatch()
        reader, self._reader = self._reader, None
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
            self._spawn(_await_quietly(reader))
        with contextlib.suppress(Exception):
            await conn.aclose()
        if self._core.pending() and not self._closed:
            self._spawn(self._reconnect())

    async def _reconnect(self) -> None:
        try:
            await self._pump()
        except APIConnectionError as exc:
            self._core.fail_unsent(f"No WebSocket connection could be opened: {exc}")
            self._dispatch()

    def _dispatch(self) -> None:
        for event in self._core.events_received():
            sink = self._sinks.get(event.turn)
            if sink is not None:
                sink.put(event)

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


_TIME_LIMIT = "the connection reached its time limit"


class _Sink:
    """The events of one turn, from the reader (or the transport's message listener) to the
    consumer. An asyncio.Queue costs its consumer two loop callbacks per wake-up under
    Pyodide (the task's, and the one WebLoop adds to every `create_future()` to count the
    futures in progress); this waiter is a plain Future, so one. Events that arrived
    together are taken without waiting."""

    __slots__ = ("_events", "_waiter")

    def __init__(self) -> None:
        self._events: collections.deque[core.Event] = collections.deque()
        self._waiter: asyncio.Future[None] | None = None

    def put(self, event: core.Event) -> None:
        self._events.append(event)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def __aiter__(self) -> _Sink:
        return self

    async def __anext__(self) -> core.Event:
        while not self._events:
            self._waiter = asyncio.Future(loop=asyncio.get_running_loop())
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._events.popleft()


def _payload(message: ParsedMessage) -> Any:
    """The event as the core parsed it (a dict), for the hooks' stream_end record."""
    return message.payload


async def _await_quietly(task: asyncio.Task[None]) -> None:
    with contextlib.suppress(BaseException):
        await task


def _with_options(body: dict[str, Any], options: CallOptions) -> dict[str, Any]:
    if "stream" in body and body["stream"] is not None:
        body = {k: v for k, v in body.items() if k != "stream"}
    return {**body, **options.extra_body} if options.extra_body else body
