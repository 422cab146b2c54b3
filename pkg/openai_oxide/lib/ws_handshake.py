"""The handshake of a Responses WebSocket: its URL, headers and subprotocols.

Credentials and their security trade-off
----------------------------------------
`auth="header"` sends `Authorization: Bearer <key>` on the handshake (native default).
Browsers, Pyodide and Workers cannot set headers on a WebSocket, so `auth="subprotocol"`
(the default there) offers the key as the subprotocol `openai-insecure-api-key.<key>`,
the form the Realtime API accepts, plus any `subprotocols=` you list (the guide names no
base subprotocol for the Responses mode, so none is offered by default). The name says it:
the key then sits in the `Sec-WebSocket-Protocol` header, where proxies, server logs and
browser developer tools can see it, and any key shipped to a browser belongs to every user
of the page. Never put a long-lived API key in a page. Mint a short-lived ephemeral client
secret on your server (the Realtime API's `POST /v1/realtime/client_secrets`; check the
API's current support for the Responses endpoint) and pass it as `client_secret=`; it
replaces the API key for this session in either form, so a leak is bounded by its expiry.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from .._core.http import Headers
from .._core.request import join_url

if TYPE_CHECKING:
    from .._base import BaseClient

__all__ = [
    "CREDENTIAL_SUBPROTOCOL",
    "Auth",
    "connection_options",
    "handshake",
    "websocket_url",
    "ws_base_url",
]

CREDENTIAL_SUBPROTOCOL = "openai-insecure-api-key."
Auth = Literal["auto", "header", "subprotocol"]


def websocket_url(
    base_url: str, query: Mapping[str, object] | None = None, path: str = "/responses"
) -> str:
    """`{base_url}{path}` (the Responses endpoint by default) with the scheme turned into
    ws/wss."""
    url = join_url(base_url, path, query or None)
    if url.startswith("https:"):
        return "wss:" + url[6:]
    if url.startswith("http:"):
        return "ws:" + url[5:]
    return url


def ws_base_url(client: BaseClient) -> str:
    """The client's `websocket_base_url` (Azure, Bedrock) if set, else its `base_url`."""
    base: str | None = getattr(client, "websocket_base_url", None)
    return base or client.base_url


def handshake(
    client: BaseClient,
    *,
    auth: Auth,
    client_secret: str | None,
    subprotocols: Sequence[str],
    extra_headers: Mapping[str, str] | None,
) -> tuple[Headers, list[str]]:
    """The handshake headers and subprotocols for the chosen way of passing credentials."""
    if auth == "auto":
        auth = "subprotocol" if sys.platform == "emscripten" else "header"
    if auth not in ("header", "subprotocol"):
        raise ValueError(f"auth must be 'auto', 'header' or 'subprotocol', not {auth!r}")
    headers = {**client.auth_headers, **{k.lower(): v for k, v in (extra_headers or {}).items()}}
    bearer = headers.get("authorization", "")
    secret = client_secret or (bearer[7:] if bearer[:7].lower() == "bearer " else "")
    if not secret and not (auth == "header" and "api-key" in headers):  # Azure's key header
        raise ValueError("no credential: the client has no API key and no client_secret was given")
    protocols = list(subprotocols)
    if auth == "header":
        if secret:
            headers["authorization"] = f"Bearer {secret}"
    else:
        headers.pop("authorization", None)
        protocols.append(CREDENTIAL_SUBPROTOCOL + secret)
    return Headers(headers), protocols


# The official `WebSocketConnectionOptions` (and its sync variant), minus `subprotocols`: what
# `client.responses.connect()` and `client.realtime.connect()` hand to the transport.
_TRANSPORT_OPTIONS = frozenset(
    {"extensions", "compression", "max_size", "max_queue", "write_limit"}
)


def connection_options(
    options: Mapping[str, object] | None,
) -> tuple[list[str], dict[str, object]]:
    """The subprotocols to offer and the transport's options, from the official
    `websocket_connection_options`. TypeError for a name it does not have."""
    options = dict(options or {})
    unknown = sorted(set(options) - _TRANSPORT_OPTIONS - {"subprotocols"})
    if unknown:
        raise TypeError(
            f"websocket_connection_options does not take {unknown}: it takes "
            f"{sorted(_TRANSPORT_OPTIONS | {'subprotocols'})} (headers go in extra_headers, "
            "TLS settings on the client's transport)"
        )
    protocols = options.pop("subprotocols", None) or []
    if not isinstance(protocols, list | tuple) or not all(isinstance(p, str) for p in protocols):
        raise TypeError("websocket_connection_options['subprotocols'] must be a list of str")
    return [str(p) for p in protocols], options
