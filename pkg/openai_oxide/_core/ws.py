"""The Responses API WebSocket mode as a sans-I/O state machine: no socket, no clock, no asyncio.

Strategy. A connection carries `response.create` messages out and `response.*` / `error`
events in (spec: `ResponsesClientEventResponseCreate`, `ResponsesServerEvent`,
`ResponseWsError`). Responses on one lane run one at a time, FIFO; a request that names a
`stream_id` runs on that lane and its events echo it. So each lane here is a queue of turns
whose head is the only one sent; the next head is built (and chained) only when the one
before it ends, because it needs that response's id. The shell drives it:

    proto = ResponsesWebSocket(chain=True)
    turn = proto.submit(params, lane=None)           # queue a response.create
    while connected:
        for text in proto.messages_to_send(): await ws.send(text)   # heads ready to go
        proto.receive_message(await ws.recv())
        for event in proto.events_received(): ...    # TurnMessage / TurnFailed by turn id
        if proto.close_requested: close the socket   # the 60-minute limit was reached
    proto.connection_lost(reason)                    # the heads in flight fail; queued wait

Chaining (one conversation per lane). With `chain=True` the lane remembers the last
completed response id and the whole conversation (every input item and every output item);
a turn that gives no `previous_response_id` sends only its new input plus that id. A turn
whose `previous_response_id` equals the lane's last id is chained the same way. On
`previous_response_not_found` (the per-connection cache lost it: a new connection, or
`store=false` with an evicted entry) the turn is resent once, by itself, with the whole
conversation as input and no `previous_response_id`; only if that is impossible (an id the
lane does not know, `chain=False`) does the turn fail.

Failure rules. A turn that was handed to `messages_to_send()` is "in flight" and is never
resent after a disconnect: the server may have run it (`TurnFailed(DISCONNECTED)`). A turn not
yet sent waits for the next connection. A message that is not a JSON object names no lane,
so it fails every turn in flight (MALFORMED). An `error` event ends the head turn of its lane
(the error event itself is delivered first, then `TurnFailed`); an `error` that names no
lane when the default lane is idle concerns the connection and fails every head in flight.
`websocket_connection_limit_reached` also sets `close_requested`. If an error ends a turn
after its `response.created`, later events carrying that response id are dropped, so they
cannot be taken for the next turn's.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import codec

__all__ = [
    "TERMINAL",
    "FailureKind",
    "ResponsesWebSocket",
    "TurnFailed",
    "TurnMessage",
    "build_create",
    "classify_error",
    "input_items",
]

TERMINAL = frozenset({"response.completed", "response.failed", "response.incomplete"})
_CHAINABLE = frozenset({"response.completed", "response.incomplete"})
Lane = str | None


class FailureKind(enum.Enum):
    DISCONNECTED = "disconnected"  # the connection dropped with the turn in flight
    SERVER_ERROR = "server_error"  # an `error` event
    CONNECTION_LIMIT = "websocket_connection_limit_reached"
    PREVIOUS_RESPONSE_NOT_FOUND = "previous_response_not_found"
    CLOSED = "closed"  # the session was closed before the turn ended
    MALFORMED = "malformed"  # a message that is not a JSON object: the turn's stream is broken


@dataclass(frozen=True, slots=True)
class TurnMessage:
    """A server event for `turn`: `data` is the JSON text as received, `payload` its dict."""

    turn: int
    data: str
    payload: dict[str, Any]
    terminal: bool


@dataclass(frozen=True, slots=True)
class TurnFailed:
    """`turn` ended without a terminal event. `payload` is the `error` event, if any."""

    turn: int
    kind: FailureKind
    message: str
    payload: dict[str, Any] | None = None
    response_id: str | None = None


Event = TurnMessage | TurnFailed


def classify_error(payload: Mapping[str, Any]) -> FailureKind:
    """The kind of an `error` event, from its `error.code`."""
    err = payload.get("error")
    code = err.get("code") if isinstance(err, Mapping) else payload.get("code")
    if code == FailureKind.CONNECTION_LIMIT.value:
        return FailureKind.CONNECTION_LIMIT
    if code == FailureKind.PREVIOUS_RESPONSE_NOT_FOUND.value:
        return FailureKind.PREVIOUS_RESPONSE_NOT_FOUND
    return FailureKind.SERVER_ERROR


def input_items(value: Any) -> list[Any]:
    """`input` as a list of items: a string becomes one user message."""
    if value is None:
        return []
    if isinstance(value, str):
        return [{"type": "message", "role": "user", "content": value}]
    return list(value)


def build_create(params: Mapping[str, Any], lane: Lane) -> dict[str, Any]:
    """The `response.create` message for the given create parameters.

    `stream` is implicit over WebSocket and dropped. Raises ValueError for `background=True`
    (not supported over WebSocket) and for a `stream_id` that differs from `lane`.
    """
    if params.get("background"):
        raise ValueError("background responses are not supported over WebSocket")
    message: dict[str, Any] = {"type": "response.create"}
    for key, value in params.items():
        if key in ("stream", "background", "type", "stream_id"):
            continue
        message[key] = list(value) if key == "input" and not isinstance(value, str) else value
    given = params.get("stream_id")
    if given is not None and given != lane:
        raise ValueError(f"stream_id {given!r} does not match the lane {lane!r}")
    if lane is not None:
        message["stream_id"] = lane
    return message


@dataclass(slots=True)
class _Turn:
    id: int
    lane: Lane
    params: dict[str, Any]
    sent: bool = False
    ready: bool = False  # its message is in the outbox
    resent: bool = False
    abandoned: bool = False
    started: bool = False  # its response.created arrived
    response_id: str | None = None
    new_items: list[Any] = field(default_factory=list)
    base: list[Any] | None = None  # the conversation before this turn, when known
    chained_from: str | None = None


@dataclass(slots=True)
class _Lane:
    queue: deque[_Turn] = field(default_factory=deque)
    last_response_id: str | None = None
    history: list[Any] | None = field(default_factory=list)  # None: not known
    stale: set[str] = field(default_factory=set)


class ResponsesWebSocket:
    """Turns queued per lane, their messages, their events and the chaining state."""

    def __init__(self, *, chain: bool = True, defaults: Mapping[str, Any] | None = None) -> None:
        self.chain = chain
        self.defaults = dict(defaults or {})
        self.close_requested = False
        self._lanes: dict[Lane, _Lane] = {}
        self._turns: dict[int, _Turn] = {}
        self._outbox: list[tuple[int, dict[str, Any]]] = []
        self._events: list[Event] = []
        self._next_id = 1

    # -- input from the caller --------------------------------------------------------------

    def submit(self, params: Mapping[str, Any], *, lane: Lane = None) -> int:
        """Queue one `response.create`; returns the turn id. Raises ValueError for bad params."""
        merged = {**self.defaults, **params}
        lane = lane if lane is not None else merged.get("stream_id")
        build_create(merged, lane)  # validate now, not when the turn reaches the head
        turn = _Turn(self._next_id, lane, merged)
        self._next_id += 1
        self._turns[turn.id] = turn
        state = self._lanes.setdefault(lane, _Lane())
        state.queue.append(turn)
        if len(state.queue) == 1:
            self._start(state)
        return turn.id

    def cancel(self, turn_id: int) -> None:
        """The caller lost interest. A turn not yet sent is dropped; one in flight keeps its
        lane busy until its response ends, and its events are still emitted."""
        turn = self._turns.get(turn_id)
        if turn is None:
            return
        turn.abandoned = True
        if turn.sent:
            return
        state = self._lanes[turn.lane]
        state.queue.remove(turn)
        self._outbox = [(t, m) for t, m in self._outbox if t != turn_id]
        del self._turns[turn_id]
        if state.queue and not state.queue[0].ready:
            self._start(state)

    def lane_state(self, lane: Lane = None) -> tuple[str | None, list[Any] | None]:
        """(last response id, conversation items) of a lane; the list is a copy."""
        state = self._lanes.get(lane)
        if state is None:
            return None, []
        return state.last_response_id, None if state.history is None else list(state.history)

    def reset_chain(self, lane: Lane = None) -> None:
        """Forget the lane's conversation: the next turn starts a new one."""
        state = self._lanes.setdefault(lane, _Lane())
        state.last_response_id = None
        state.history = []

    # -- the wire ---------------------------------------------------------------------------

    def messages_to_send(self) -> list[str]:
        """The messages to write now, in order; their turns count as in flight from here on.
        Call only while connected, and after every other call."""
        out = []
        for turn_id, message in self._outbox:
            self._turns[turn_id].sent = True
            out.append(codec.dumps(message).decode())
        self._outbox.clear()
        return out

    def pending(self) -> bool:
        """Whether a turn waits to be sent (the shell should connect)."""
        return bool(self._outbox)

    def busy(self) -> bool:
        return bool(self._turns)

    def receive_message(self, data: str | bytes) -> None:
        """Feed one received message. One that is not a JSON object cannot be routed to a
        lane, so it fails every turn in flight (MALFORMED) rather than vanish."""
        try:
            payload = codec.loads(data)
        except ValueError as exc:
            self._malformed(data, f"not JSON ({exc})")
            return
        if not isinstance(payload, dict):
            self._malformed(data, "not a JSON object")
            return
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        lane = payload.get("stream_id")
        kind = payload.get("type")
        # Ids that are not strings name no lane or response of ours (and are not hashable).
        state = self._lanes.get(lane) if lane is None or isinstance(lane, str) else None
        head = state.queue[0] if state is not None and state.queue else None
        if head is not None and not head.sent:
            head = None
        response = payload.get("response")
        response_id = response.get("id") if isinstance(response, dict) else None
        if not isinstance(response_id, str):
            response_id = None
        if state is not None and response_id in state.stale:
            return
        if kind == "error":
            self._error(payload, text, state, head)
            return
        if head is None or state is None:
            return
        if kind == "response.created":
            head.started = True
        if response_id is not None:
            head.response_id = response_id
        terminal = kind in TERMINAL
        self._events.append(TurnMessage(head.id, text, payload, terminal))
        if terminal:
            if kind in _CHAINABLE and isinstance(response, dict):
                self._chain(state, head, response)
            self._finish(state)

    def connection_lost(self, reason: str) -> None:
        """The connection is gone: every turn in flight fails (it is not resent)."""
        for state in self._lanes.values():
            state.stale.clear()
            head = state.queue[0] if state.queue else None
            if head is not None and head.sent:
                message = (
                    f"The WebSocket connection dropped while this response was in flight "
                    f"({reason}). It was not resent, since the server may have run it; "
                    "send it again if that is safe. The session reconnects for the next send."
                )
                self._fail(state, FailureKind.DISCONNECTED, message, None)
        self.close_requested = False

    def fail_unsent(self, message: str) -> None:
        """No connection can be opened: every turn not yet sent fails (DISCONNECTED)."""
        for state in self._lanes.values():
            while state.queue and not state.queue[0].sent:
                turn = state.queue.popleft()
                self._turns.pop(turn.id, None)
                self._events.append(TurnFailed(turn.id, FailureKind.DISCONNECTED, message))
        self._outbox.clear()

    def close(self) -> None:
        """The session is closing: every turn fails with CLOSED."""
        for state in self._lanes.values():
            while state.queue:
                turn = state.queue.popleft()
                self._turns.pop(turn.id, None)
                self._events.append(
                    TurnFailed(turn.id, FailureKind.CLOSED, "The session was closed.", None)
                )
        self._outbox.clear()

    def events_received(self) -> list[Event]:
        """The events produced since the last call, in order (the list is handed over)."""
        events, self._events = self._events, []
        return events

    # -- internals --------------------------------------------------------------------------

    def _start(self, state: _Lane) -> None:
        turn = state.queue[0]
        params = dict(turn.params)
        turn.new_items = input_items(params.get("input"))
        explicit = "previous_response_id" in params
        previous = params.get("previous_response_id")
        if explicit and previous is None:
            params.pop("previous_response_id")
            turn.base = [] if self.chain else None
        elif not self.chain:
            turn.base = None
        elif explicit and previous != state.last_response_id:
            turn.base = None  # chained to a response this lane did not see
        elif state.last_response_id is not None:
            params["previous_response_id"] = state.last_response_id
            turn.base = state.history
        else:
            turn.base = []
        turn.chained_from = params.get("previous_response_id")
        turn.params = params
        turn.ready = True
        self._outbox.append((turn.id, build_create(params, turn.lane)))

    def _chain(self, state: _Lane, turn: _Turn, response: dict[str, Any]) -> None:
        if not self.chain or not isinstance(response.get("id"), str):
            return
        state.last_response_id = response["id"]
        output = response.get("output")
        if turn.base is None or not isinstance(output, list):
            state.history = None
        else:
            state.history = [*turn.base, *turn.new_items, *output]

    def _finish(self, state: _Lane) -> None:
        turn = state.queue.popleft()
        self._turns.pop(turn.id, None)
        if state.queue:
            self._start(state)

    def _malformed(self, data: str | bytes, why: str) -> None:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        preview = text if len(text) <= 200 else text[:200] + "…"
        message = f"The server sent a WebSocket message that is {why}: {preview!r}"
        for state in self._lanes.values():
            if state.queue and state.queue[0].sent:
                self._fail(state, FailureKind.MALFORMED, message, None)

    def _fail(
        self, state: _Lane, kind: FailureKind, message: str, payload: dict[str, Any] | None
    ) -> None:
        head = state.queue[0]
        if head.started and head.response_id is not None:
            state.stale.add(head.response_id)
        self._events.append(TurnFailed(head.id, kind, message, payload, head.response_id))
        self._finish(state)

    def _error(
        self, payload: dict[str, Any], text: str, state: _Lane | None, head: _Turn | None
    ) -> None:
        kind = classify_error(payload)
        if kind is FailureKind.CONNECTION_LIMIT:
            self.close_requested = True
        if head is None or state is None:
            if "stream_id" in payload and kind is not FailureKind.CONNECTION_LIMIT:
                return  # a lane we know nothing about
            for other in self._lanes.values():
                if other.queue and other.queue[0].sent:
                    self._events.append(TurnMessage(other.queue[0].id, text, payload, False))
                    self._fail(other, kind, _describe(payload, kind), payload)
            return
        if (
            kind is FailureKind.PREVIOUS_RESPONSE_NOT_FOUND
            and not head.started
            and not head.resent
            and head.base is not None
            and head.chained_from is not None
        ):
            head.resent = True
            head.sent = False
            params = {k: v for k, v in head.params.items() if k != "previous_response_id"}
            params["input"] = [*head.base, *head.new_items]
            head.chained_from = None
            self._outbox.append((head.id, build_create(params, head.lane)))
            return
        self._events.append(TurnMessage(head.id, text, payload, False))
        self._fail(state, kind, _describe(payload, kind), payload)


def _describe(payload: Mapping[str, Any], kind: FailureKind) -> str:
    err = payload.get("error")
    detail = err.get("message") if isinstance(err, Mapping) else payload.get("message")
    text = str(detail or "the server reported an error")
    if kind is FailureKind.CONNECTION_LIMIT:
        return (
            f"{text} A WebSocket connection lives at most 60 minutes; this turn did not run. "
            "The session opens a new connection for the next send (a chained turn then resends "
            "its context if the new connection does not know the previous response)."
        )
    if kind is FailureKind.PREVIOUS_RESPONSE_NOT_FOUND:
        return (
            f"{text} The connection's cache no longer holds that response and the session "
            "cannot resend the full context (the id is not this session's last response, or "
            "chaining is off). Send the whole conversation as input without "
            "previous_response_id, or use store=True."
        )
    return text
