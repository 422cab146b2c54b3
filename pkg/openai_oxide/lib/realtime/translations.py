"""`client.realtime.translations.connect(model)`: a Realtime translation session, as the
official 3.57 client's `AsyncTranslationsConnection`: `conn.session.update(session=...)`,
`conn.session.input_audio_buffer.append(audio=...)`, `conn.session.close()`, `send`,
`recv` / `async for` with the events typed as `RealtimeTranslationServerEvent` (an unknown
one kept whole), `recv_bytes`, `parse_event`, the event handlers and `dispatch_events()`,
and the send queue and reconnection of `client.realtime.connect()` (`connection.py`).
It opens `{websocket_base_url or base_url}/realtime/translations?model=...` with the
client's credential, on every target.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import cached_property
from typing import TYPE_CHECKING, cast

from ..._core.http import ResponseHead
from ..._core.request import NOT_GIVEN, Omit
from .connection import Outbox, RealtimeSocket, RealtimeSocketManager, Reconnect
from .resources import ClientEventResource, send_event

if TYPE_CHECKING:
    from ..._transport.base import WebSocketConnection
    from ...types.realtime import (
        RealtimeTranslationClientEvent,
        RealtimeTranslationClientEventParam,
        RealtimeTranslationServerEvent,
        RealtimeTranslationSessionUpdateRequestParam,
    )

__all__ = [
    "AsyncTranslationsConnection",
    "AsyncTranslationsConnectionManager",
    "AsyncTranslationsSessionInputAudioBufferResource",
    "AsyncTranslationsSessionResource",
]


class AsyncTranslationsSessionInputAudioBufferResource(ClientEventResource):
    __slots__ = ()

    async def append(self, *, audio: str, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `session.input_audio_buffer.append`: base64 24 kHz PCM16 mono audio, best
        in 200 ms chunks; keep appending (silence too) while the session is active."""
        await send_event(
            self._connection, "session.input_audio_buffer.append", audio=audio, event_id=event_id
        )


class AsyncTranslationsSessionResource(ClientEventResource):
    __slots__ = ("__dict__",)

    @cached_property
    def input_audio_buffer(self) -> AsyncTranslationsSessionInputAudioBufferResource:
        return AsyncTranslationsSessionInputAudioBufferResource(self._connection)

    async def close(self, *, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `session.close`: the server flushes the pending audio, sends what remains
        translated, answers `session.closed` and closes the connection."""
        await send_event(self._connection, "session.close", event_id=event_id)

    async def update(
        self,
        *,
        session: RealtimeTranslationSessionUpdateRequestParam,
        event_id: str | Omit = NOT_GIVEN,
    ) -> None:
        """Send `session.update` (`audio.output.language`, `audio.input.transcription`,
        `audio.input.noise_reduction`); the server answers `session.updated`. Sent again
        after a reconnection, as for `client.realtime.connect()`."""
        await send_event(self._connection, "session.update", session=session, event_id=event_id)


class AsyncTranslationsConnection(RealtimeSocket):
    """A live Realtime translation connection (the official `AsyncTranslationsConnection`)."""

    session: AsyncTranslationsSessionResource
    _union = "RealtimeTranslationServerEvent"

    def __init__(
        self,
        ws: WebSocketConnection,
        head: ResponseHead,
        strict: bool,
        reconnect: Reconnect,
        outbox: Outbox,
    ) -> None:
        super().__init__(ws, head, strict, reconnect, outbox)
        self.session = AsyncTranslationsSessionResource(self)

    def __aiter__(self) -> AsyncIterator[RealtimeTranslationServerEvent]:
        return self._iter_events()

    async def recv(self) -> RealtimeTranslationServerEvent:
        """The next server event, typed. Raises `APIConnectionError` once the connection
        has ended (after `session.closed`, the iteration simply stops)."""
        return cast("RealtimeTranslationServerEvent", await self._recv_event())

    def parse_event(self, data: str | bytes) -> RealtimeTranslationServerEvent:
        """The event typed from its bytes: leniently, unless the client is strict (then
        StreamError)."""
        return cast("RealtimeTranslationServerEvent", self._parse(data))

    async def send(
        self, event: RealtimeTranslationClientEvent | RealtimeTranslationClientEventParam
    ) -> None:
        """Send any translation client event (its TypedDict or model); queued while a
        reconnection is under way. Raises as `AsyncRealtimeConnection.send`."""
        await self._send(event)


class AsyncTranslationsConnectionManager(RealtimeSocketManager):
    """What `client.realtime.translations.connect()` returns: `async with` opens the
    connection and closes it on exit; `await manager.enter()` opens it without a block.
    Before that, `send(event)` queues client events and `on`/`once`/`off` register
    handlers, as for `client.realtime.connect()`."""

    def send(
        self, event: RealtimeTranslationClientEvent | RealtimeTranslationClientEventParam
    ) -> None:
        """Queue a client event to be sent as soon as the connection opens. Raises
        `WebSocketQueueFullError` past `max_queue_size` bytes."""
        self._outbox.queue.put(self._outbox.encode(event))

    async def __aenter__(self) -> AsyncTranslationsConnection:
        return await self._open_socket(AsyncTranslationsConnection)

    enter = __aenter__
