"""A pool of Responses WebSocket sessions, for concurrent turns.

    pool = WebSocketPool(size=10, defaults={"model": "gpt-5", "store": False})
    answers = await asyncio.gather(*(pool.send(client, input=q) for q in questions))
    async with pool.session(client) as ws:   # one connection, held for several turns
        ...
    await pool.close()

A WebSocket connection carries one response at a time, so concurrent turns need several.
The pool keeps up to `size` sessions open per endpoint and credential (the socket URL and
a fingerprint of the client's API key: the key itself is not kept), lends each to one
call at a time and takes it back after; a call that finds every session lent waits for
one. A session whose connection dropped or closed is closed and replaced by a new one at
the next call. A session keeps the options of the client that opened it (its timeout,
its hooks). Turns are not chained across calls (`chain=False`): each call is a
conversation of its own, or chains by an explicit `previous_response_id`.
Works on every target (the sessions are `client.ws_session()`'s).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Unpack

from .ws_handshake import websocket_url, ws_base_url
from .ws_session import AsyncResponsesSession

if TYPE_CHECKING:
    from .._client import AsyncOpenAI
    from ..types.responses import Response
    from .ws_params import TurnParams

__all__ = ["WebSocketPool"]


@dataclass(slots=True)
class _Slot:
    """The sessions of one endpoint and credential: idle ones, and how many may be lent."""

    limit: asyncio.Semaphore
    idle: list[AsyncResponsesSession] = field(default_factory=list)
    lent: set[AsyncResponsesSession] = field(default_factory=set)


class WebSocketPool:
    """Up to `size` WebSocket sessions per endpoint and key, reused across calls.
    `session_options` go to every `client.ws_session(...)` (e.g. `defaults`, `auth`)."""

    def __init__(self, size: int = 4, **session_options: Any) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, not {size}")
        self.size = size
        self._options: dict[str, Any] = {"chain": False, **session_options}
        self._slots: dict[tuple[str, str], _Slot] = {}
        self.opened = 0  # sessions made so far (replacements included)
        self._closed = False

    @contextlib.asynccontextmanager
    async def session(self, client: AsyncOpenAI) -> AsyncIterator[AsyncResponsesSession]:
        """Lend a session of `client`'s endpoint and key for the block; one block at a time
        per session."""
        slot = self._slot(client)
        async with slot.limit:
            ws = slot.idle.pop() if slot.idle else None
            if ws is None:
                ws = client.ws_session(**self._options)
                self.opened += 1
            slot.lent.add(ws)
            try:
                yield ws
            finally:
                slot.lent.discard(ws)
                # connections are opened by the first turn: one never used is still good
                if not self._closed and (ws.connected or ws.connections == 0):
                    slot.idle.append(ws)
                else:  # it dropped, or the pool closed: the next call gets a new one
                    await ws.close()

    async def send(self, client: AsyncOpenAI, **params: Unpack[TurnParams]) -> Response:
        """One turn (`ws_session().send`'s parameters) on a session of the pool."""
        async with self.session(client) as ws:
            return await ws.send(**params)

    async def close(self) -> None:
        """Close every idle session; lent ones close when their call gives them back."""
        self._closed = True
        slots, self._slots = self._slots, {}
        sessions = [ws for slot in slots.values() for ws in slot.idle]
        await asyncio.gather(*(ws.close() for ws in sessions), return_exceptions=True)

    async def __aenter__(self) -> WebSocketPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def idle(self) -> Mapping[tuple[str, str], int]:
        """How many sessions are idle, by (socket URL, key fingerprint)."""
        return {key: len(slot.idle) for key, slot in self._slots.items()}

    def _slot(self, client: AsyncOpenAI) -> _Slot:
        key = (_socket_url(client), _fingerprint(client.api_key))
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot(asyncio.Semaphore(self.size))
        return slot


def _socket_url(client: AsyncOpenAI) -> str:
    return websocket_url(ws_base_url(client), dict(client.default_query))


def _fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]
