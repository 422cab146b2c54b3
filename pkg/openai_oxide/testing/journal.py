"""The journal: every API request the fake received, in arrival order (thread-safe).

CORS preflights and the `/__fake__/` control endpoints are not journaled.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["Journal", "JournalEntry"]


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
