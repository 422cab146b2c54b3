"""The outgoing queue of a Realtime connection, as the official client's: client events
sent before the connection opens (`manager.send(...)`) or while it reconnects wait here,
in order, and go out once it is open. Bounded by bytes (`max_queue_size`, 1 MiB by
default): an event that would not fit raises `WebSocketQueueFullError` and is not queued.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable

from ..._core.errors import WebSocketQueueFullError

__all__ = ["SendQueue"]


class SendQueue:
    __slots__ = ("_bytes", "_max_bytes", "_messages")

    def __init__(self, max_bytes: int) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_queue_size must be 0 or more, not {max_bytes}")
        self._messages: deque[tuple[str, int]] = deque()
        self._bytes = 0
        self._max_bytes = max_bytes

    def __bool__(self) -> bool:
        return bool(self._messages)

    def put(self, text: str) -> None:
        """Queue one encoded event. Raises WebSocketQueueFullError if the queue would then
        hold more than `max_queue_size` bytes."""
        size = len(text.encode())
        if self._bytes + size > self._max_bytes:
            raise WebSocketQueueFullError(
                f"send queue is full, message discarded ({size} bytes; {self._bytes} of "
                f"max_queue_size={self._max_bytes} already queued)"
            )
        self._messages.append((text, size))
        self._bytes += size

    async def flush(self, send: Callable[[str], Awaitable[None]]) -> None:
        """Send the queued events in order; each leaves the queue once sent, so after a
        failure the rest are still queued."""
        while self._messages:
            text, size = self._messages[0]
            await send(text)
            self._messages.popleft()
            self._bytes -= size

    def drain(self) -> list[str]:
        """Empty the queue and return what it held (the unsent events)."""
        messages = [text for text, _ in self._messages]
        self._messages.clear()
        self._bytes = 0
        return messages
