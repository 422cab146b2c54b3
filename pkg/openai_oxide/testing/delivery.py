"""Sending an answer over ASGI with a Fault applied: delays, drops, stalls, broken bytes.

How each fault is realized on the wire:
- delay_before_headers / latency: `asyncio.sleep` before `http.response.start`.
- delay_between_events: a sleep between two ASGI body messages (one per SSE event, or
  four pieces of a JSON body), so the client sees separate chunks/frames.
- drop_after_events: on HTTP/1.1 the app returns without the final body message; hypercorn
  then closes the connection, so the chunked body (or Content-Length) is incomplete. On
  HTTP/2 the accepted socket is shut down (found by the peer address through
  `SocketRegistry`), so the client sees the connection die mid-stream. The drop waits
  0.1 s after the last write, so that the bytes written before it reach the client ahead
  of the end: Chromium's fetch throws away every byte it has received but not yet handed
  to the page when the connection then fails, which no page code can prevent (issue 14).
  `drop_at_once` drops right after the last write: the bytes and the end arrive together.
- reset_before_headers: the socket is shut down before anything is sent.
- stall_after_events: wait, sending nothing, until the client disconnects or the server stops.
- malformed_event_at / invalid_utf8_at / oversized_event_at / split_utf8 / replay: byte
  transforms from faults.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .faults import (
    Fault,
    break_json_body,
    inject_invalid_utf8,
    malform_event,
    oversize_event,
    split_inside_utf8,
)
from .journal import JournalEntry

__all__ = ["Answer", "Exchange", "SocketRegistry", "TrackingSocket", "deliver"]

Send = Callable[[dict[str, Any]], Awaitable[None]]
_JSON_PIECES = 4
_DROP_GRACE = 0.1


@dataclass
class Answer:
    """What to send: a JSON body, or SSE events when `events` is not None."""

    status: int
    body: bytes = b""
    events: list[bytes] | None = None
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)


class SocketRegistry:
    """Accepted sockets by peer address, so an HTTP/2 drop can kill its connection."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakValueDictionary[tuple[Any, ...], socket.socket] = (
            weakref.WeakValueDictionary()
        )
        self._lock = threading.Lock()  # `open_peers` may run on another thread
        # Every connection accepted since start: a benchmark reads it before and after a
        # run to see how many connections a client opened (reconnects under load).
        self.accepted = 0

    def add(self, address: Any, sock: socket.socket) -> None:
        with self._lock:
            self.accepted += 1
            if isinstance(address, tuple):
                self._sockets[tuple(address[:2])] = sock

    def shutdown_all(self) -> None:
        """Shut down every accepted connection still open."""
        with self._lock:
            accepted = list(self._sockets.values())
        for sock in accepted:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def open_peers(self) -> list[str]:
        """The "host:port" of every accepted connection the server has not closed yet."""
        with self._lock:
            accepted = list(self._sockets.items())
        return sorted(f"{a[0]}:{a[1]}" for a, sock in accepted if sock.fileno() != -1)

    def shutdown(self, address: Any) -> bool:
        """Shut down the connection of the peer at `address`; False if it is unknown."""
        if not isinstance(address, (tuple, list)):
            return False
        sock = self._sockets.get(tuple(address[:2]))
        if sock is None:
            return False
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return True


class TrackingSocket(socket.socket):
    """A listening socket that records every accepted connection in a SocketRegistry."""

    registry: SocketRegistry | None = None

    def accept(self) -> tuple[socket.socket, Any]:
        conn, address = super().accept()
        # asyncio only sets TCP_NODELAY when proto == IPPROTO_TCP; without it Nagle plus
        # delayed ACKs add ~40 ms to every answer written in several pieces.
        with contextlib.suppress(OSError):
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.registry is not None:
            self.registry.add(address, conn)
        return conn, address


class Exchange:
    """One request being answered: its send channel, journal entry and disconnect state."""

    def __init__(
        self,
        send: Send,
        entry: JournalEntry | None,
        http_version: str,
        client: Any,
        closing: asyncio.Event,
    ) -> None:
        self.send = send
        self.entry = entry
        self.http_version = http_version
        self.client = client
        self.closing = closing
        self.gone = asyncio.Event()

    def mark_gone(self) -> None:
        self.gone.set()
        if self.entry is not None:
            self.entry.disconnected = True

    async def watch(self, receive: Callable[[], Awaitable[dict[str, Any]]]) -> None:
        """Run as a task after the body is read: flags the client leaving."""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.mark_gone()
                return

    async def write(self, data: bytes, split_utf8: bool, last: bool = False) -> bool:
        """Send body bytes (`last` ends the body); False when the client is gone.

        The journal entry is marked completed before the last write, so a client that
        has read the whole answer always sees `completed=True`.
        """
        if self.gone.is_set():
            return False
        pieces = split_inside_utf8(data) if split_utf8 else [data]
        if last and self.entry is not None:
            self.entry.completed = True
        try:
            for i, piece in enumerate(pieces, 1):
                more = not (last and i == len(pieces))
                await self.send({"type": "http.response.body", "body": piece, "more_body": more})
        except Exception:
            self.mark_gone()
        if self.gone.is_set():
            if self.entry is not None:
                self.entry.completed = False
            return False
        return True

    async def stall(self) -> None:
        gone = asyncio.ensure_future(self.gone.wait())
        closing = asyncio.ensure_future(self.closing.wait())
        try:
            await asyncio.wait({gone, closing}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            closing.cancel()

    async def drop(self, registry: SocketRegistry, at_once: bool) -> None:
        if not at_once or self.http_version != "1.1":
            # HTTP/2: this also lets hypercorn flush the stream buffer. Not asyncio.sleep,
            # which tests replace to record the SDK's backoff.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.gone.wait(), _DROP_GRACE)
        if self.http_version != "1.1":
            registry.shutdown(self.client)
        # HTTP/1.1: returning without the final body message makes hypercorn close.


def _sse_events(events: list[bytes], fault: Fault | None) -> list[bytes]:
    if fault is None:
        return events
    if fault.malformed_event_at is not None and 0 <= fault.malformed_event_at < len(events):
        events = list(events)
        events[fault.malformed_event_at] = malform_event(events[fault.malformed_event_at])
    if fault.invalid_utf8_at is not None and 0 <= fault.invalid_utf8_at < len(events):
        events = list(events)
        events[fault.invalid_utf8_at] = inject_invalid_utf8(events[fault.invalid_utf8_at])
    if fault.oversized_event_at is not None and 0 <= fault.oversized_event_at < len(events):
        events = list(events)
        events[fault.oversized_event_at] = oversize_event(events[fault.oversized_event_at])
    return events


def _json_pieces(body: bytes, fault: Fault | None) -> tuple[list[bytes], int]:
    """The pieces of a JSON body to send, and the Content-Length to announce."""
    if fault is None:
        return [body], len(body)
    body = break_json_body(body, fault)
    if fault.drop_after_events is not None or fault.stall_after_events is not None:
        return [body[: len(body) // 2]], len(body)
    if fault.delay_between_events > 0 and len(body) >= _JSON_PIECES:
        size = -(-len(body) // _JSON_PIECES)
        return [body[i : i + size] for i in range(0, len(body), size)], len(body)
    return [body], len(body)


async def deliver(
    ex: Exchange,
    answer: Answer,
    headers: list[tuple[bytes, bytes]],
    fault: Fault | None,
    registry: SocketRegistry,
) -> None:
    """Send `answer` (headers already built) with `fault` applied; updates the journal."""
    if fault is not None and fault.reset_before_headers:
        registry.shutdown(ex.client)
        return
    if ex.entry is not None:
        ex.entry.status = answer.status
    if answer.events is not None:
        units = _sse_events(answer.events, fault)
        stop_at = None
        if fault is not None:
            stop_at = fault.drop_after_events
            if stop_at is None:
                stop_at = fault.stall_after_events
        headers = [
            *headers,
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-cache"),
        ]
    else:
        units, length = _json_pieces(answer.body, fault)
        stop_at = len(units) if fault and fault.stall_after_events is not None else None
        if fault is not None and fault.drop_after_events is not None:
            stop_at = len(units)
        typed = any(name == b"content-type" for name, _ in headers)  # binary answers
        headers = [
            *headers,
            *([] if typed else [(b"content-type", b"application/json")]),
            (b"content-length", str(length).encode()),
        ]
    await ex.send({"type": "http.response.start", "status": answer.status, "headers": headers})
    split = bool(fault and fault.split_utf8)
    delay = fault.delay_between_events if fault else 0.0
    if stop_at is None:
        units = units or [b""]
    for index, unit in enumerate(units):
        if stop_at is not None and index >= stop_at:
            break
        if delay and index:
            await asyncio.sleep(delay)
        last = stop_at is None and index == len(units) - 1
        if not await ex.write(unit, split, last):
            return
    if fault is not None and stop_at is not None:
        if fault.drop_after_events is not None:
            await ex.drop(registry, fault.drop_at_once)
        else:
            await ex.stall()
