"""The journal: every API request the fake received, in arrival order (thread-safe).

CORS preflights and the `/__fake__/` control endpoints are not journaled.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

__all__ = ["Journal", "JournalEntry", "websocket_messages"]


@dataclass
class JournalEntry:
    """One request. `disconnected`/`completed`/`status` are updated while it is answered."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lowercased names; repeated headers joined with ", "
    body: bytes
    json: Any  # the decoded body, or None when it is empty or not JSON
    http_version: str  # "1.1" or "2"
    request_id: str  # the x-request-id we answered with
    disconnected: bool = False  # the client went away before we finished sending
    completed: bool = False  # the whole answer was sent
    status: int | None = None  # the status we answered with
    connection: str = ""  # the client's "host:port": equal for requests on one connection
    delay: float = 0.0  # seconds waited before the headers (latency model plus fault)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": self.headers,
            "body": self.body.decode("utf-8", "replace"),
            "json": self.json,
            "http_version": self.http_version,
            "request_id": self.request_id,
            "disconnected": self.disconnected,
            "completed": self.completed,
            "status": self.status,
            "connection": self.connection,
            "delay": self.delay,
        }


class Journal:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[JournalEntry] = []

    def append(self, entry: JournalEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def snapshot(self) -> list[JournalEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


async def websocket_messages(
    receive: Callable[[], Awaitable[dict[str, Any]]],
    journal: Journal,
    path: str,
    headers: dict[str, str],
    connection_id: str,
) -> AsyncIterator[JournalEntry]:
    """Each message of an accepted WebSocket, journaled (method "WS", `json` the decoded
    message or None, `request_id` the connection's id), until the client leaves."""
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        if message["type"] != "websocket.receive":
            continue
        raw = message.get("bytes") or (message.get("text") or "").encode()
        decoded: Any = None
        with contextlib.suppress(orjson.JSONDecodeError):
            decoded = orjson.loads(raw)
        entry = JournalEntry("WS", path, {}, headers, raw, decoded, "ws", connection_id)
        journal.append(entry)
        yield entry
