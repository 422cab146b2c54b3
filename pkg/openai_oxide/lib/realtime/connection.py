"""`client.realtime.connect()`: the Realtime API over the transport's WebSocket, so the same
code runs natively, in Pyodide on Node and in a page, async and sync.

Reconnection follows the official client: only with an `on_reconnecting` handler, only after
a close worth retrying (1001, 1005, 1006, 1011, 1012, 1013, 1015), at most `max_retries`
times with `min(initial_delay * 2**(n-1), max_delay)` less up to 25% jitter between tries;
the handler sees each `ReconnectingEvent` and may change the query or headers, or abort.
The attempt count starts again once a non-error event arrives. Beyond the official client,
the session configuration sent so far (every `session.update`, merged) is sent again on the
new connection, since a new connection is a new session. A drop while a response is in
progress is never silent: the next `recv()` (and `async for`) raises
`WebSocketDisconnectedError` with the response's id, after reconnecting if it could; the
conversation itself is not restored (the server keeps none across connections).

Sends wait in a byte-bounded queue (`send_queue.py`) before the connection opens
(`manager.send`) and while it reconnects, and go out in order once it is open; if the
connection ends for good with events still queued, receiving raises
`WebSocketConnectionClosedError` with them as `unsent_messages`. Event handlers and
`dispatch_events()`: `handlers.py`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from ..._core import codec
from ..._core.errors import (
    APIConnectionError,
    APIStatusError,
    StreamError,
    WebSocketConnectionClosedError,
    WebSocketDisconnectedError,
)
from ..._core.http import Headers, Request, ResponseHead
from ..._core.retry import backoff_delay
from ..._core.strictness import checked, validation_message
from .handlers import EventDispatch, EventHandlerRegistry, EventHandlers
from .handshake import close_code, is_recoverable_close
from .resources import (
    AsyncRealtimeConversationResource,
    AsyncRealtimeInputAudioBufferResource,
    AsyncRealtimeOutputAudioBufferResource,
    AsyncRealtimeResponseResource,
    AsyncRealtimeSessionResource,
)
from .send_queue import SendQueue

if TYPE_CHECKING:
    from ..._transport.base import WebSocketConnection
    from ...types._base import BaseModel
    from ...types.realtime import (
        RealtimeClientEvent,
        RealtimeClientEventParam,
        RealtimeServerEvent,
        ResponseCreateEventWithReferencesParam,
    )
    from ...types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides
    from ..tools import FunctionTool

__all__ = ["AsyncRealtimeConnection", "Opener", "Reconnect"]

# Opens a new WebSocket with these query parameters and headers (the manager's handshake).
Opener = Callable[[Mapping[str, object], Mapping[str, str]], Awaitable["WebSocketConnection"]]
OnReconnecting = Callable[["ReconnectingEvent"], "ReconnectingOverrides | None"]


@dataclass(slots=True)
class Reconnect:
    """The reconnection settings of one connection, and its attempts so far."""

    open: Opener
    on_reconnecting: OnReconnecting | None
    max_retries: int
    initial_delay: float
    max_delay: float
    extra_query: Mapping[str, object]
    extra_headers: Mapping[str, str]
    attempt: int = 0


@dataclass(slots=True)
class Outbox:
    """What a manager hands its connection: the send queue, the handlers and the session
    configuration sent so far (events queued before opening count too)."""

    queue: SendQueue
    handlers: EventHandlerRegistry
    session_config: dict[str, Any]

    def encode(self, event: Mapping[str, Any] | BaseModel) -> str:
        """The event as sent. TypeError for anything but a mapping or a model."""
        # Typed as the official's by the callers; at run time any mapping in the API's
        # shape is sent.
        payload: Any = event.to_dict() if hasattr(event, "to_dict") else event
        if not isinstance(payload, Mapping):
            raise TypeError(
                f"send() takes a client event as a mapping or a model, not {type(payload).__name__}"
            )
        if payload.get("type") == "session.update" and isinstance(payload.get("session"), Mapping):
            _merge(self.session_config, payload["session"])
        return codec.dumps(payload).decode()


class RealtimeSocket(EventDispatch):
    """What a Realtime connection and a translation connection share: the socket, the send
    queue, reconnection, receiving and closing. `_union` names the server-event union of
    `types.realtime` that `parse_event` types with."""

    _union: ClassVar[str]

    def __init__(
        self,
        ws: WebSocketConnection,
        head: ResponseHead,
        strict: bool,
        reconnect: Reconnect,
        outbox: Outbox,
    ) -> None:
        self._ws = ws
        self._head = head
        self._strict = strict
        self._reconnect = reconnect
        self._outbox = outbox
        self._handlers = outbox.handlers
        self._response_id: str | None = None  # the response in progress, if any
        self._closed = False  # closed by the caller
        self._clean_end = False  # the server closed normally (1000)
        self._ready = asyncio.Event()  # cleared while reconnecting
        self._ready.set()

    async def _iter_events(self) -> AsyncIterator[Any]:
        """Every event until the connection ends: normally (closed by either side with
        1000) the iteration stops; otherwise the connection error is raised."""
        while True:
            try:
                event = await self._recv_event()
            except APIConnectionError as exc:
                if isinstance(exc, WebSocketDisconnectedError) or not (
                    self._closed or self._clean_end
                ):
                    raise
                return
            yield event

    async def _recv_event(self) -> Any:
        event = self._parse(await self._next())
        # Not getattr: on the 21 of 23 events of a turn without the field, pydantic's
        # __getattr__ raises and catches (about a fifth of a turn's client CPU in Node).
        response = event.__dict__.get("response")
        self._track(event.type, getattr(response, "id", None))
        return event

    def _parse(self, data: str | bytes) -> Any:
        from ...types import realtime
        from ...types._lenient import json_decoder

        try:
            return checked(json_decoder(getattr(realtime, self._union)), data, self._strict)
        except ValueError as exc:
            text = data if isinstance(data, str) else data.decode("utf-8", "replace")
            raise StreamError(self._head, text, message=validation_message(exc)) from exc

    async def _send(self, event: Mapping[str, Any] | BaseModel) -> None:
        text = self._outbox.encode(event)
        if not self._ready.is_set():
            self._outbox.queue.put(text)
            return
        await self._ws.send(text)

    async def recv_bytes(self) -> bytes:
        """The next server event as the bytes sent (`parse_event` types it)."""
        data = await self._next()
        try:
            decoded = codec.loads(data)
        except ValueError:
            decoded = None
        if isinstance(decoded, dict):
            response = decoded.get("response")
            self._track(
                decoded.get("type"),
                (response or {}).get("id") if isinstance(response, dict) else None,
            )
        return data.encode() if isinstance(data, str) else data

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        self._closed = True
        await self._ws.aclose(code, reason)

    # -- receiving ------------------------------------------------------------------------
    async def _next(self) -> str | bytes:
        while True:
            try:
                return await self._ws.recv()
            except APIConnectionError as exc:
                await self._dropped(exc)

    def _track(self, kind: object, response_id: object) -> None:
        if kind != "error":
            self._reconnect.attempt = 0  # a working connection: the budget starts again
        if kind == "response.created":
            self._response_id = response_id if isinstance(response_id, str) else ""
        elif kind == "response.done":
            self._response_id = None

    async def _dropped(self, exc: APIConnectionError) -> None:
        """The connection ended under `_next`: reconnect if the policy allows, and raise
        unless the caller can simply go on receiving."""
        if self._closed:
            raise exc
        code = close_code(exc)
        self._clean_end = code == 1000
        lost, self._response_id = self._response_id, None
        reconnected = is_recoverable_close(code) and await self._reconnect_now(code)
        unsent = [] if reconnected else self._outbox.queue.drain()
        if lost is not None:
            state = "reconnected; " if reconnected else ""
            lost_error = WebSocketDisconnectedError(
                f"The Realtime connection closed (code {code}) while response {lost or '?'} "
                f"was in progress ({state}that response is lost: request it again)",
                self._head.request,
                response_id=lost or None,
            )
            lost_error.unsent_messages = unsent
            raise lost_error from exc
        if unsent:
            raise WebSocketConnectionClosedError(
                f"WebSocket connection closed (code {code}) with {len(unsent)} unsent "
                "messages (in `unsent_messages`)",
                unsent_messages=unsent,
            ) from exc
        if not reconnected:
            raise exc

    async def _reconnect_now(self, code: int) -> bool:
        """The official reconnection loop (module docstring); True once reconnected and
        the session configuration sent again."""
        from ...types.websocket_reconnection import ReconnectingEvent

        policy = self._reconnect
        if policy.on_reconnecting is None:
            return False
        self._ready.clear()
        try:
            for attempt in range(policy.attempt + 1, policy.max_retries + 1):
                policy.attempt = attempt
                delay = backoff_delay(
                    attempt - 1, policy.initial_delay, policy.max_delay, random.random()
                )
                event = ReconnectingEvent(
                    attempt=attempt,
                    max_attempts=policy.max_retries,
                    delay=delay,
                    close_code=code,
                    extra_query=policy.extra_query,
                    extra_headers=policy.extra_headers,
                )
                try:
                    overrides = policy.on_reconnecting(event)
                except Exception:
                    return False  # as the official: a failing handler stops reconnecting
                if overrides:
                    if overrides.get("abort"):
                        return False
                    policy.extra_query = overrides.get("extra_query", policy.extra_query)
                    headers = overrides.get("extra_headers", policy.extra_headers)
                    policy.extra_headers = {k: v for k, v in headers.items() if isinstance(v, str)}
                await asyncio.sleep(delay)
                if self._closed:
                    return False
                try:
                    self._ws = await policy.open(policy.extra_query, policy.extra_headers)
                    config = self._outbox.session_config
                    if config:
                        update = {"type": "session.update", "session": config}
                        await self._ws.send(codec.dumps(update).decode())
                    await self._outbox.queue.flush(self._ws.send)
                except (APIConnectionError, APIStatusError):
                    continue  # a refused or failed attempt uses up one try, as the official
                self._clean_end = False
                return True
            return False
        finally:
            self._ready.set()


class AsyncRealtimeConnection(RealtimeSocket):
    """A live Realtime connection (the official `AsyncRealtimeConnection`): the client
    events as methods (`session`, `response`, `input_audio_buffer`, `conversation.item`,
    `output_audio_buffer`), `send(event)` for any event, `recv()` / `async for` for the
    server's events, typed (an unknown event is kept as `UnknownRealtimeServerEvent`),
    `recv_bytes()` and `parse_event()`, `on`/`once`/`off` and `dispatch_events()`, and
    `close()`. An `error` event is an event, not an exception, as in the official client
    (`dispatch_events` raises it when no handler takes it)."""

    session: AsyncRealtimeSessionResource
    response: AsyncRealtimeResponseResource
    input_audio_buffer: AsyncRealtimeInputAudioBufferResource
    conversation: AsyncRealtimeConversationResource
    output_audio_buffer: AsyncRealtimeOutputAudioBufferResource
    _union = "RealtimeServerEvent"

    def __init__(
        self,
        ws: WebSocketConnection,
        head: ResponseHead,
        strict: bool,
        reconnect: Reconnect,
        outbox: Outbox,
    ) -> None:
        super().__init__(ws, head, strict, reconnect, outbox)
        self.session = AsyncRealtimeSessionResource(self)
        self.response = AsyncRealtimeResponseResource(self)
        self.input_audio_buffer = AsyncRealtimeInputAudioBufferResource(self)
        self.conversation = AsyncRealtimeConversationResource(self)
        self.output_audio_buffer = AsyncRealtimeOutputAudioBufferResource(self)

    def __aiter__(self) -> AsyncIterator[RealtimeServerEvent]:
        return self._iter_events()

    async def recv(self) -> RealtimeServerEvent:
        """The next server event, typed. Raises `APIConnectionError` once the connection
        has ended, and `WebSocketDisconnectedError` for a drop mid-response."""
        return cast("RealtimeServerEvent", await self._recv_event())

    def parse_event(self, data: str | bytes) -> RealtimeServerEvent:
        """The event typed from its bytes: leniently, unless the client is strict (then
        StreamError)."""
        return cast("RealtimeServerEvent", self._parse(data))

    async def send(
        self,
        event: RealtimeClientEvent
        | RealtimeClientEventParam
        | ResponseCreateEventWithReferencesParam,
    ) -> None:
        """Send any client event (a mapping or a `types.realtime` client event model).
        While a reconnection is under way it is queued, up to `max_queue_size` bytes. Raises
        `APIConnectionError` if the connection is gone, `WebSocketQueueFullError` if the
        queue is full, TypeError for anything but a mapping or a model."""
        await self._send(event)

    def run_tools(
        self,
        tools: Iterable[FunctionTool[Any, Any] | Callable[..., Any]],
        *,
        max_turns: int = 10,
    ) -> AsyncIterator[RealtimeServerEvent]:
        """The agent loop, after your `response.create`: every event is yielded; each
        function call's tool starts as soon as its arguments are done, and once the
        response is done the outputs go back (`function_call_output` items) with a new
        `response.create`, until a response calls no tool. Declare the tools in the
        session first (`realtime_tool_params(tools)`). Raises the tool errors of
        `openai_oxide.lib.tools` (`UnknownToolError`, `ToolArgumentsError`,
        `ToolExecutionError`) and `MaxRealtimeTurnsExceeded`."""
        from ..tools import ToolRegistry
        from .tools import run_tools

        return run_tools(self, self.send, ToolRegistry(tools), max_turns=max_turns, head=self._head)


def _merge(into: dict[str, Any], update: Mapping[str, Any]) -> None:
    """`update` merged into `into`, nested objects field by field (as the server applies a
    partial `session.update`)."""
    for key, value in update.items():
        current = into.get(key)
        if isinstance(value, Mapping) and isinstance(current, dict):
            _merge(current, value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value


S = TypeVar("S", bound=RealtimeSocket)


class RealtimeSocketManager(EventHandlers):
    """What the connection managers share: the opener, the send queue and the handlers
    given before the connection opens, and closing it on exit."""

    def __init__(
        self,
        open: Opener,
        reconnect: Reconnect,
        *,
        url: str,
        strict: bool,
        max_queue_size: int,
    ) -> None:
        self._open = open
        self._reconnect = reconnect
        self._url = url
        self._strict = strict
        self._outbox = Outbox(SendQueue(max_queue_size), EventHandlerRegistry(), {})
        self._handlers = self._outbox.handlers
        self._connection: RealtimeSocket | None = None

    async def _open_socket(self, kind: type[S]) -> S:
        """Open the WebSocket, send what was queued, and wrap it as `kind`."""
        policy = self._reconnect
        ws = await self._open(policy.extra_query, policy.extra_headers)
        try:
            await self._outbox.queue.flush(ws.send)
        except BaseException:
            await ws.aclose()
            raise
        head = ResponseHead(101, Headers(), Request("GET", self._url))
        connection = kind(ws, head, self._strict, policy, self._outbox)
        self._connection = connection
        return connection

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            await self._connection.close()


class AsyncRealtimeConnectionManager(RealtimeSocketManager):
    """What `client.realtime.connect()` returns: `async with` opens the connection and
    closes it on exit; `await manager.enter()` opens it without a block (then `close()` it).
    Before that, `send(event)` queues client events to go out first once it opens, and
    `on`/`once`/`off` register handlers for the connection's `dispatch_events()`.
    """

    def send(
        self,
        event: RealtimeClientEvent
        | RealtimeClientEventParam
        | ResponseCreateEventWithReferencesParam,
    ) -> None:
        """Queue a client event to be sent as soon as the connection opens (before
        `enter` returns). Raises `WebSocketQueueFullError` past `max_queue_size` bytes and
        TypeError for anything but a mapping or a model."""
        self._outbox.queue.put(self._outbox.encode(event))

    async def __aenter__(self) -> AsyncRealtimeConnection:
        return await self._open_socket(AsyncRealtimeConnection)

    enter = __aenter__
