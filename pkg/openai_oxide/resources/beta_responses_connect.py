"""`client.beta.responses.connect()`, written by hand and mixed into the generated
`AsyncBetaResponses`: the Responses WebSocket, as the official `beta.responses.connect()`
opens it (on `/responses`, without `?beta=true`).

Its events are parsed as the Responses WebSocket's (`types.responses`); the beta classes of
the spec's `BetaResponsesServerEvent` (`types.beta.BetaResponsesServerEvent`) are generated
but not yet what this connection yields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from ._common import Resource

if TYPE_CHECKING:
    from ..lib.ws_connect import AsyncResponsesConnectionManager
    from ..lib.ws_handshake import Auth
    from ..types.websocket_connection_options import WebSocketConnectionOptions
    from ..types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides

__all__ = ["BetaResponsesConnect"]


class BetaResponsesConnect(Resource):
    __slots__ = ()

    def connect(
        self,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        websocket_connection_options: WebSocketConnectionOptions | None = None,
        on_reconnecting: Callable[[ReconnectingEvent], ReconnectingOverrides | None] | None = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = 1_048_576,
        *,
        auth: Auth = "auto",
        client_secret: str | None = None,
        subprotocols: Sequence[str] = (),
        fallback: bool = True,
    ) -> AsyncResponsesConnectionManager:
        """The official SDK's raw WebSocket of the beta Responses API: `async with
        client.beta.responses.connect() as conn: ...`, as `client.responses.connect()` (which
        describes the arguments)."""
        from ..lib.ws_connect import AsyncResponsesConnectionManager

        return AsyncResponsesConnectionManager(
            self._client,
            extra_query=extra_query or {},
            extra_headers=extra_headers or {},
            auth=auth,
            client_secret=client_secret,
            subprotocols=subprotocols,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            fallback=fallback,
            websocket_connection_options=websocket_connection_options,
        )
