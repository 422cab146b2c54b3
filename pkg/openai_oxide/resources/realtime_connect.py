"""`client.realtime.connect()`, `client.beta.realtime.connect()` and
`client.realtime.translations.connect()`, written by hand and mixed into the generated
`AsyncRealtime`, `AsyncBetaRealtime` and `AsyncTranslations` (`openai_oxide.lib.realtime`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from .._core.request import NOT_GIVEN, Omit
from ._common import Resource

if TYPE_CHECKING:
    from .._base import BaseClient
    from ..lib.realtime.connection import AsyncRealtimeConnectionManager, RealtimeSocketManager
    from ..lib.realtime.translations import AsyncTranslationsConnectionManager
    from ..lib.ws_handshake import Auth
    from ..types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides

__all__ = ["RealtimeConnect", "TranslationsConnect"]


class RealtimeConnect(Resource):
    __slots__ = ()

    def connect(
        self,
        *,
        call_id: str | Omit = NOT_GIVEN,
        model: str | Omit = NOT_GIVEN,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        websocket_connection_options: Mapping[str, object] | None = None,
        on_reconnecting: Callable[[ReconnectingEvent], ReconnectingOverrides | None] | None = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = 1_048_576,
        auth: Auth = "auto",
        client_secret: str | None = None,
    ) -> AsyncRealtimeConnectionManager:
        """A Realtime session over WebSocket, as the official client opens it:
        `async with client.realtime.connect(model=...) as conn: await conn.session.update(
        session={...}); await conn.response.create(); async for event in conn: ...`.

        It runs natively and under Pyodide (Node, a page, a Worker). Credentials: natively
        the `Authorization` header; in Pyodide (`auth="auto"`) the subprotocols `realtime`
        and `openai-insecure-api-key.<secret>`, where the secret must be an ephemeral client
        secret (`client_secret=`, or the page client's key) minted by
        `client.realtime.client_secrets.create` where the real key lives (see
        `openai_oxide.lib.realtime.handshake`). Reconnection with `on_reconnecting`, as the
        official client, plus the session configuration sent again; sends queued before
        the connection opens (`manager.send`) and while it reconnects, up to
        `max_queue_size` bytes (see `openai_oxide.lib.realtime.connection`);
        `websocket_connection_options` as the official's natively (see
        `openai_oxide.lib.realtime.handshake` for Pyodide). A refused handshake raises the
        HTTP status's error (`AuthenticationError`, ...)."""
        from ..lib.realtime.connection import AsyncRealtimeConnectionManager

        return _manager(
            self._client,
            AsyncRealtimeConnectionManager,
            "/realtime",
            model=None if isinstance(model, Omit) else model,
            call_id=None if isinstance(call_id, Omit) else call_id,
            auth=auth,
            client_secret=client_secret,
            options=websocket_connection_options,
            reconnect=(on_reconnecting, max_retries, initial_delay, max_delay),
            extra_query=extra_query,
            extra_headers=extra_headers,
            max_queue_size=max_queue_size,
        )


class TranslationsConnect(Resource):
    __slots__ = ()

    def connect(
        self,
        model: str,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        websocket_connection_options: Mapping[str, object] | None = None,
        on_reconnecting: Callable[[ReconnectingEvent], ReconnectingOverrides | None] | None = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = 1_048_576,
        *,
        auth: Auth = "auto",
        client_secret: str | None = None,
    ) -> AsyncTranslationsConnectionManager:
        """A Realtime translation session over WebSocket, as the official client opens it
        (`{base}/realtime/translations?model=...`): `async with client.realtime.translations
        .connect(model=...) as conn: await conn.session.update(session={...}); await conn.
        session.input_audio_buffer.append(audio=...); async for event in conn: ...`. The
        credentials, options, queue and reconnection are those of `client.realtime.connect`
        (see `openai_oxide.lib.realtime.translations`)."""
        from ..lib.realtime.translations import AsyncTranslationsConnectionManager

        return _manager(
            self._client,
            AsyncTranslationsConnectionManager,
            "/realtime/translations",
            model=model,
            call_id=None,
            auth=auth,
            client_secret=client_secret,
            options=websocket_connection_options,
            reconnect=(on_reconnecting, max_retries, initial_delay, max_delay),
            extra_query=extra_query,
            extra_headers=extra_headers,
            max_queue_size=max_queue_size,
        )


M = TypeVar("M", bound="RealtimeSocketManager")


def _manager(
    client: BaseClient,
    kind: type[M],
    path: str,
    *,
    model: str | None,
    call_id: str | None,
    auth: Auth,
    client_secret: str | None,
    options: Mapping[str, object] | None,
    reconnect: tuple[
        Callable[[ReconnectingEvent], ReconnectingOverrides | None] | None, int, float, float
    ],
    extra_query: Mapping[str, object] | None,
    extra_headers: Mapping[str, str] | None,
    max_queue_size: int,
) -> M:
    from ..lib.realtime.connection import Reconnect
    from ..lib.realtime.handshake import opener, realtime_url

    open_ws = opener(
        client,
        model=model,
        call_id=call_id,
        auth=auth,
        client_secret=client_secret,
        websocket_connection_options=options,
        path=path,
    )
    on_reconnecting, max_retries, initial_delay, max_delay = reconnect
    policy = Reconnect(
        open=open_ws,
        on_reconnecting=on_reconnecting,
        max_retries=max_retries,
        initial_delay=initial_delay,
        max_delay=max_delay,
        extra_query=dict(extra_query or {}),
        extra_headers=dict(extra_headers or {}),
    )
    return kind(
        open_ws,
        policy,
        url=realtime_url(client, {"model": model} if model else {}, path),
        strict=client.strict_response_validation,
        max_queue_size=max_queue_size,
    )
