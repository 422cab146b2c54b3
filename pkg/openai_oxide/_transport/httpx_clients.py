"""`http_client=` and `DefaultHttpxClient` / `DefaultAsyncHttpxClient`: the official SDK's
way to configure the native HTTP stack (proxies, custom CA, client certificates, pool
limits), on httpx2.

Every request runs on an async client (the sync `OpenAI` drives the async code on a
private loop), so a sync `httpx2.Client` is honoured through an `httpx2.AsyncClient`
with the same configuration: `DefaultHttpxClient(...)` remembers its arguments and they
are replayed; any other `httpx2.Client` gives its headers, auth, cookies, trust_env and,
from its pools, its TLS context (CA and client certificate), limits, HTTP versions and
proxies. Sync event hooks and custom sync transports cannot run there.
"""

from __future__ import annotations

import sys
from typing import Any

from .._core.errors import OpenAIError
from .native import MAX_CONNECTIONS, MAX_KEEPALIVE_CONNECTIONS, NativeTransport

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DefaultAsyncHttpx2Client",
    "DefaultAsyncHttpxClient",
    "DefaultHttpx2Client",
    "DefaultHttpxClient",
    "ProxiesTypes",
    "Transport",
    "transport_for",
]

PYODIDE_MESSAGE = (
    "{} is not available under Pyodide: requests go through the browser's fetch "
    "(js.fetch), which has its own proxy and certificate settings."
)


def transport_for(http_client: object) -> NativeTransport:
    """The transport for a user's `http_client=`; closing the SDK client closes it."""
    if sys.platform == "emscripten":
        raise OpenAIError(PYODIDE_MESSAGE.format("http_client="))
    import httpx2

    if isinstance(http_client, httpx2.Client):
        return NativeTransport(client=async_twin(http_client))
    if not hasattr(http_client, "aclose"):
        raise TypeError(
            f"http_client= takes an httpx2.AsyncClient or httpx2.Client, "
            f"got {type(http_client).__name__}"
        )
    return NativeTransport(client=http_client)


if sys.platform == "emscripten":

    class DefaultAsyncHttpxClient:
        def __init__(self, **kwargs: Any) -> None:
            raise OpenAIError(PYODIDE_MESSAGE.format(type(self).__name__))

    class DefaultHttpxClient(DefaultAsyncHttpxClient):
        pass

    DefaultAsyncHttpx2Client = DefaultAsyncHttpxClient
    DefaultHttpx2Client = DefaultHttpxClient

else:
    import httpx2

    def _with_defaults(kwargs: dict[str, Any]) -> dict[str, Any]:
        """The SDK's own settings, as `NativeTransport` builds its client."""
        kwargs.setdefault("http2", True)
        kwargs.setdefault("follow_redirects", True)
        kwargs.setdefault(
            "limits",
            httpx2.Limits(
                max_connections=MAX_CONNECTIONS,
                max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS,
                keepalive_expiry=30.0,
            ),
        )
        return kwargs

    class DefaultAsyncHttpxClient(httpx2.AsyncClient):
        """An `httpx2.AsyncClient` with the SDK's defaults (HTTP/2, the official's pool
        limits); pass proxy=, verify=, cert= and the rest as to httpx2."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**_with_defaults(kwargs))

    class DefaultHttpxClient(httpx2.Client):
        """An `httpx2.Client` with the SDK's defaults, for `OpenAI(http_client=...)`; the
        SDK runs its requests on an async client built from the same arguments."""

        def __init__(self, **kwargs: Any) -> None:
            self._oxide_kwargs = _with_defaults(kwargs)
            super().__init__(**self._oxide_kwargs)

    # The official 3.x names of the same clients, and its httpx2-typed constants.
    DefaultAsyncHttpx2Client = DefaultAsyncHttpxClient
    DefaultHttpx2Client = DefaultHttpxClient
    Transport = httpx2.BaseTransport
    ProxiesTypes = str | httpx2.Proxy | dict[str, str | httpx2.URL | httpx2.Proxy | None]
    DEFAULT_CONNECTION_LIMITS = httpx2.Limits(
        max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS
    )

    def async_twin(client: httpx2.Client) -> httpx2.AsyncClient:
        """An `httpx2.AsyncClient` configured like the sync `client`."""
        kwargs = getattr(client, "_oxide_kwargs", None)
        if kwargs is not None:
            return httpx2.AsyncClient(**kwargs)
        mounts = {
            pattern.pattern: _async_transport(transport)
            for pattern, transport in client._mounts.items()
            if transport is not None
        }
        return httpx2.AsyncClient(
            auth=client.auth,
            headers=client.headers,
            cookies=client.cookies,
            timeout=client.timeout,
            follow_redirects=client.follow_redirects,
            base_url=client.base_url,
            trust_env=False,  # the sync client already resolved its proxies from the env
            transport=_async_transport(client._transport),
            mounts=mounts,
        )

    def _async_transport(transport: httpx2.BaseTransport) -> httpx2.AsyncHTTPTransport:
        pool: Any = getattr(transport, "_pool", None)
        if pool is None:
            raise TypeError(
                f"http_client= has a custom sync transport ({type(transport).__name__}) that "
                "the SDK's async requests cannot use: pass an httpx2.AsyncClient instead"
            )
        proxy_url = getattr(pool, "_proxy_url", None)
        proxy = None
        if proxy_url is not None:
            # Proxy auth is already folded into the proxy headers by httpcore2.
            headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in pool._proxy_headers]
            proxy = httpx2.Proxy(url=bytes(proxy_url).decode("ascii"), headers=headers)
        return httpx2.AsyncHTTPTransport(
            verify=pool._ssl_context,  # holds the CA and the client certificate
            http1=pool._http1,
            http2=pool._http2,
            limits=httpx2.Limits(
                max_connections=pool._max_connections,
                max_keepalive_connections=pool._max_keepalive_connections,
                keepalive_expiry=pool._keepalive_expiry,
            ),
            proxy=proxy,
            retries=getattr(pool, "_retries", 0),
        )
