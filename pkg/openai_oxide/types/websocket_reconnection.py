"""The official WebSocket reconnection records: the event an `on_reconnecting(event)` handler
gets and the overrides it may return. Hand-written (not generated), as upstream. oxide's
`ws_session` reconnects by itself (`max_reconnects`) and takes no such handler yet."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TypedDict

from .._core.request import Omit

__all__ = ["ReconnectingEvent", "ReconnectingOverrides"]


@dataclasses.dataclass(frozen=True)
class ReconnectingEvent:
    """Information about a reconnection attempt."""

    attempt: int
    """Which retry attempt this is (1-based)."""
    max_attempts: int
    """Total attempts that will be made."""
    delay: float
    """Delay in seconds before this attempt connects."""
    close_code: int
    """The WebSocket close code that triggered reconnection."""
    extra_query: Mapping[str, object]
    """The current query parameters."""
    extra_headers: Mapping[str, str | Omit]
    """The current headers."""


class ReconnectingOverrides(TypedDict, total=False):
    """Optional overrides for the next reconnection attempt."""

    extra_query: Mapping[str, object]
    extra_headers: Mapping[str, str | Omit]
    abort: bool
    """`True` stops reconnecting."""
