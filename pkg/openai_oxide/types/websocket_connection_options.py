"""The official WebSocket connection options: what `websocket_connection_options=` of
`client.responses.connect()` and `client.realtime.connect()` takes. Hand-written (no schema
describes them), as upstream, where they are `websockets.connect`'s settings.

Natively they go to `websockets` (`openai_oxide._transport`); under Pyodide, whose JS
WebSocket has no such settings, `subprotocols` are still offered and the others are ignored
with a warning. `headers` are not here: they go in `extra_headers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias, TypedDict

if TYPE_CHECKING:  # `websockets` is not installed under Pyodide
    from websockets import Subprotocol
    from websockets.extensions import ClientExtensionFactory

__all__ = [
    "SyncWebSocketConnectionOptions",
    "WebSocketConnectionOptions",
    "WebsocketConnectionOptions",
]


class SyncWebSocketConnectionOptions(TypedDict, total=False):
    """Native options of a sync WebSocket connection (`websockets.sync.client.connect`)."""

    extensions: Sequence[ClientExtensionFactory] | None
    """The extensions to negotiate, in order."""

    subprotocols: Sequence[Subprotocol] | None
    """Subprotocols to offer after the SDK's own, in order of preference."""

    compression: str | None
    """`"deflate"` or None (no compression unless `extensions` negotiate it)."""

    max_size: int | None
    """The largest incoming message in bytes; None: no limit (the SDK's default)."""

    max_queue: int | tuple[int | None, int | None] | None
    """The high-water mark of the received frames buffer, or (high, low); None: no flow
    control."""


class WebSocketConnectionOptions(SyncWebSocketConnectionOptions, total=False):
    """Native options of an async WebSocket connection (`websockets.asyncio.client.connect`)."""

    write_limit: int | tuple[int, int | None]
    """The high-water mark of the write buffer in bytes, or (high, low)."""


# the official name before its rename, still importable there
WebsocketConnectionOptions: TypeAlias = WebSocketConnectionOptions
