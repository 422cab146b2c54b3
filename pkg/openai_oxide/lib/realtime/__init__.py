"""The Realtime API over WebSocket on every target: `client.realtime.connect()` (also
`client.beta.realtime.connect()`), its connection and client-event resources, reconnection,
and function calls handed over as soon as their arguments are complete (`tools.py`)."""

from __future__ import annotations

from .connection import AsyncRealtimeConnection, AsyncRealtimeConnectionManager
from .tools import MaxRealtimeTurnsExceeded, RealtimeFunctionCalls, realtime_tool_params

__all__ = [
    "AsyncRealtimeConnection",
    "AsyncRealtimeConnectionManager",
    "MaxRealtimeTurnsExceeded",
    "RealtimeFunctionCalls",
    "realtime_tool_params",
]
