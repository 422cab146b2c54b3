"""The only layer that does I/O. See `base.Transport` for the contract."""

from __future__ import annotations

import sys

from .base import Transport, TransportResponse, WebSocketConnection

__all__ = ["Transport", "TransportResponse", "WebSocketConnection", "default_transport"]


def default_transport() -> Transport:
    """httpx + websockets natively; js.fetch + js.WebSocket under Pyodide."""
    if sys.platform == "emscripten":
        from .jsfetch import JsFetchTransport

        return JsFetchTransport()
    from .native import NativeTransport

    return NativeTransport()
