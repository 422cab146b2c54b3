"""Timeout settings, measured the same way on every target.

- connect: opening the connection (TCP + TLS). Under fetch this phase cannot be seen apart
  from the wait for headers, so that transport uses it only where it can tell them apart.
- read: the longest wait for the next bytes, which includes the wait for the headers and
  the idle time between stream events.
- write: sending the request body (native only).
- total: the whole call, all retries and backoff included. None means unbounded.

The client enforces read and total above the transport; the transport enforces connect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_CONNECT = 5.0
DEFAULT_READ = 600.0


@dataclass(frozen=True, slots=True)
class Timeout:
    connect: float | None = DEFAULT_CONNECT
    read: float | None = DEFAULT_READ
    write: float | None = DEFAULT_READ
    total: float | None = None

    @classmethod
    def coerce(cls, value: Any) -> Timeout:
        """Accept what the official SDK accepts: a number, None, or an httpx-like object.

        A number sets connect, read and write alike, as `httpx.Timeout(n)` does.
        """
        if isinstance(value, Timeout):
            return value
        if value is None:
            return cls(connect=None, read=None, write=None, total=None)
        if isinstance(value, int | float):
            return cls(connect=float(value), read=float(value), write=float(value))
        if hasattr(value, "read") and hasattr(value, "connect"):
            return cls(
                connect=value.connect,
                read=value.read,
                write=getattr(value, "write", value.read),
                total=getattr(value, "total", None),
            )
        raise TypeError(f"timeout must be a number, None or a Timeout, not {type(value).__name__}")


DEFAULT_TIMEOUT = Timeout()
