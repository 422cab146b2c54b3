"""The Realtime WebSocket's handshake (URL, credentials, subprotocols) and what a closed
connection tells the reconnection policy.

Credentials: natively the `Authorization` header. A browser cannot set WebSocket headers,
so in Pyodide the credential goes as OpenAI documents for browsers: the subprotocols
`realtime` and `openai-insecure-api-key.<secret>`. That secret is visible to the page and
to anything that logs the handshake, so it must be an ephemeral client secret
(`client.realtime.client_secrets.create(...)`, minted on a server or in a Worker that holds
the real key), passed as `client_secret=` or as the page client's `api_key`. A real
`sk-` key is refused in a page, as the HTTP client refuses it (`_browser_key.py`): as the
client's key when the client is built (unless `dangerously_allow_browser=True`), and always
as a `client_secret`.

On Azure (`AzureOpenAI`/`AsyncAzureOpenAI`) the URL, `api-version`, `deployment` and the
`api-key` or AD-token header are the official Azure client's (`_configure_realtime`).

A refused handshake raises what the same status raises over HTTP (`AuthenticationError`
for 401, `PermissionDeniedError` for 403, ...: `make_status_error`), with the API's error
message and the answer's request id where the platform shows them: natively all of it; on
Node (the `ws` polyfill) the status only; a page's WebSocket shows nothing of the answer,
so there it stays `APIConnectionError` ("WebSocket connection failed").

`websocket_connection_options` (the official's `WebSocketConnectionOptions`) go to the
transport natively (`websockets.connect`); `subprotocols` are offered after the
credential's on every target; in Pyodide the others are ignored with a warning (the JS
WebSocket API has no such settings). Any other name is refused with TypeError.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..._browser_key import check_browser_key
from ..._core import codec
from ..._core.errors import APIConnectionError, APIStatusError, OpenAIError, make_status_error
from ..._core.http import Headers, Request, ResponseHead
from ..ws_handshake import (
    CREDENTIAL_SUBPROTOCOL,
    Auth,
    connection_options,
    handshake,
    websocket_url,
    ws_base_url,
)

if TYPE_CHECKING:
    from ..._base import BaseClient
    from ..._transport.base import WebSocketConnection

__all__ = [
    "REALTIME_SUBPROTOCOL",
    "close_code",
    "connection_options",
    "is_recoverable_close",
    "opener",
    "realtime_handshake",
    "realtime_url",
    "refused",
]

REALTIME_SUBPROTOCOL = "realtime"
# RFC 6455 7.4.1: the closes worth reconnecting after (the official client's set).
_RECOVERABLE = frozenset({1001, 1005, 1006, 1011, 1012, 1013, 1015})
_CODE = re.compile(r"\bcode (\d{4})\b")
# Node's `ws` reports a refused upgrade only in its error message.
_NODE_STATUS = re.compile(r"Unexpected server response: (\d{3})\b")


def refused(exc: APIConnectionError, url: str) -> APIStatusError | None:
    """The HTTP error behind a refused handshake, when the platform shows its status."""
    answer: Any = getattr(exc.__cause__, "response", None)
    status = getattr(answer, "status_code", None)
    if isinstance(status, int):  # natively: `websockets`' InvalidStatus keeps the answer
        headers = Headers(list(getattr(answer.headers, "raw_items", list)()))
        raw = getattr(answer, "body", b"") or b""
        try:
            body: object = codec.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace") or None
        return make_status_error(ResponseHead(status, headers, Request("GET", url)), body)
    found = _NODE_STATUS.search(str(exc))
    if found:
        return make_status_error(
            ResponseHead(int(found.group(1)), Headers(), Request("GET", url)), None
        )
    return None


def realtime_url(client: BaseClient, query: Mapping[str, object], path: str = "/realtime") -> str:
    """`{websocket_base_url or base_url}{path}?...` with the scheme turned into ws/wss."""
    return websocket_url(ws_base_url(client), {**client.default_query, **query}, path)


def realtime_handshake(
    client: BaseClient,
    *,
    auth: Auth,
    client_secret: str | None,
    extra_headers: Mapping[str, str],
) -> tuple[Headers, list[str]]:
    """The handshake's headers and subprotocols. Raises OpenAIError for a secret key in a
    page (see the module docstring) and ValueError when there is no credential at all."""
    headers, protocols = handshake(
        client,
        auth=auth,
        client_secret=client_secret,
        subprotocols=(),
        extra_headers=extra_headers,
    )
    # The client's own key was checked when the client was built (and may be allowed there);
    # a `client_secret` stands for an ephemeral key, so a secret key passed as one is refused.
    check_browser_key(client_secret, allowed=False)
    if not any(p.startswith(CREDENTIAL_SUBPROTOCOL) for p in protocols):
        return headers, protocols
    return headers, [REALTIME_SUBPROTOCOL, *protocols]


def close_code(exc: APIConnectionError) -> int:
    """The close code behind a transport's "WebSocket closed" error: natively the
    `websockets` close frame received (chained as the cause), in Pyodide the code the
    transport put in its message; 1006 (abnormal closure) when no close frame came."""
    received = getattr(exc.__cause__, "rcvd", None)
    code = getattr(received, "code", None)
    if isinstance(code, int):
        return code
    found = _CODE.search(str(exc))
    return int(found.group(1)) if found else 1006


def is_recoverable_close(code: int) -> bool:
    """Whether a connection closed with `code` is worth reconnecting (server going away,
    restarting, overloaded, or a dropped network)."""
    return code in _RECOVERABLE


def opener(
    client: BaseClient,
    *,
    model: str | None,
    call_id: str | None,
    auth: Auth,
    client_secret: str | None,
    websocket_connection_options: Mapping[str, object] | None = None,
    path: str = "/realtime",
) -> Callable[[Mapping[str, object], Mapping[str, str]], Awaitable[WebSocketConnection]]:
    """Opens a Realtime WebSocket for `model` (or to join the call `call_id`) with the
    query parameters and headers of the moment (a reconnection handler may change them).
    Raises TypeError at once for an option it does not know (`connection_options`)."""
    extra_protocols, transport_options = connection_options(websocket_connection_options)

    async def open_ws(
        extra_query: Mapping[str, object], extra_headers: Mapping[str, str]
    ) -> WebSocketConnection:
        query: dict[str, object] = {"call_id": call_id} if call_id else {}
        # The official Azure target (lib/azure.py); translations use the generic one there.
        azure = getattr(client, "_configure_realtime", None) if path == "/realtime" else None
        if azure is not None:
            if not model:
                raise OpenAIError("`model` is required for Azure Realtime API")
            url, credential = await azure(model, {**query, **extra_query})
            extra_headers = {**credential, **extra_headers}
        else:
            url = realtime_url(
                client, {**({"model": model} if model else {}), **query, **extra_query}, path
            )
        headers, protocols = realtime_handshake(
            client, auth=auth, client_secret=client_secret, extra_headers=extra_headers
        )
        try:
            return await client.transport.connect_ws(
                url,
                headers,
                [*protocols, *extra_protocols],
                connect_timeout=client.timeout.connect,
                options=transport_options,
            )
        except APIConnectionError as exc:
            status_error = refused(exc, url)
            if status_error is None:
                raise
            raise status_error from exc

    return open_ws
