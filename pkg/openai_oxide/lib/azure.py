"""`AzureOpenAI` / `AsyncAzureOpenAI`: the official Azure clients' arguments, environment
variables, URLs and credentials, on top of `AsyncOpenAI`.

- Deployment-scoped endpoints (`_DEPLOYMENT_ENDPOINTS`, as in the official `lib/azure.py`)
  go to `{endpoint}/openai/deployments/{model}/...` unless the base URL already names a
  deployment; with `azure_deployment`, every other endpoint goes to `{endpoint}/openai/...`.
- Every request carries `api-version`. The credential is `api-key: <key>`, or
  `Authorization: Bearer <token>` from `azure_ad_token` or from `azure_ad_token_provider`,
  which is called (and awaited when it returns an awaitable) for every attempt.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Unpack
from urllib.parse import urlsplit

from .._client import AsyncOpenAI
from .._core.errors import OpenAIError
from .._core.http import Headers, Request
from .._core.request import NOT_GIVEN, join_url, path_param
from .._core.timeout import Timeout
from .._transport import Transport
from ._credentials import CopyOptions, call_provider, with_header

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "AsyncAzureADTokenProvider",
    "AsyncAzureOpenAI",
    "AzureADTokenProvider",
    "MutuallyExclusiveAuthError",
]

AzureADTokenProvider = Callable[[], str]
AsyncAzureADTokenProvider = Callable[[], "str | Awaitable[str]"]
ApiKeyProvider = Callable[[], "str | Awaitable[str]"]  # a key refreshed for every request

_DEPLOYMENT_ENDPOINTS = frozenset(
    {
        "/completions",
        "/chat/completions",
        "/embeddings",
        "/audio/transcriptions",
        "/audio/translations",
        "/audio/speech",
        "/images/generations",
        "/images/edits",
    }
)

# The official client's stand-in `api_key` when the credential is an AD token.
API_KEY_SENTINEL = "<missing API key>"


class MutuallyExclusiveAuthError(OpenAIError):
    def __init__(self) -> None:
        super().__init__(
            "The `api_key`, `azure_ad_token` and `azure_ad_token_provider` arguments are "
            "mutually exclusive; Only one can be passed at a time"
        )


class AsyncAzureOpenAI(AsyncOpenAI):
    """The async Azure OpenAI client; arguments and environment variables as the official:
    `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_AD_TOKEN`, `OPENAI_API_VERSION`,
    `AZURE_OPENAI_ENDPOINT`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`."""

    def __init__(
        self,
        *,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_version: str | None = None,
        api_key: str | ApiKeyProvider | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | None = None,
        websocket_base_url: str | None = None,
        timeout: float | Timeout | Any = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx2.AsyncClient | httpx2.Client | None = None,
        transport: Transport | None = None,
    ) -> None:
        if sum(x is not None for x in (api_key, azure_ad_token, azure_ad_token_provider)) > 1:
            raise MutuallyExclusiveAuthError()
        if api_key is None and azure_ad_token is None and azure_ad_token_provider is None:
            # Only an unconfigured client reads the environment; the AD token wins.
            azure_ad_token = os.environ.get("AZURE_OPENAI_AD_TOKEN")
            if azure_ad_token is None:
                api_key = os.environ.get("AZURE_OPENAI_API_KEY")
        if api_key is None and azure_ad_token is None and azure_ad_token_provider is None:
            raise OpenAIError(
                "Missing credentials. Please pass one of `api_key`, `azure_ad_token`, "
                "`azure_ad_token_provider`, or the `AZURE_OPENAI_API_KEY` or "
                "`AZURE_OPENAI_AD_TOKEN` environment variables."
            )
        api_version = api_version or os.environ.get("OPENAI_API_VERSION")
        if api_version is None:
            raise ValueError(
                "Must provide either the `api_version` argument or the `OPENAI_API_VERSION` "
                "environment variable"
            )
        if base_url is None:
            azure_endpoint = azure_endpoint or os.environ.get("AZURE_OPENAI_ENDPOINT")
            if azure_endpoint is None:
                raise ValueError(
                    "Must provide one of the `base_url` or `azure_endpoint` arguments, or the "
                    "`AZURE_OPENAI_ENDPOINT` environment variable"
                )
            base_url = f"{azure_endpoint.rstrip('/')}/openai"
            if azure_deployment is not None:
                base_url += f"/deployments/{azure_deployment}"
        elif azure_endpoint is not None:
            raise ValueError("base_url and azure_endpoint are mutually exclusive")
        self._api_version = api_version
        self._api_key_provider = api_key if callable(api_key) else None
        self._azure_ad_token = azure_ad_token
        self._azure_ad_token_provider = azure_ad_token_provider
        self._azure_endpoint = azure_endpoint
        self._azure_deployment = azure_deployment if azure_endpoint else None
        self.websocket_base_url = websocket_base_url
        super().__init__(
            api_key=api_key if isinstance(api_key, str) and api_key else API_KEY_SENTINEL,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query={**(default_query or {}), "api-version": api_version},
            http_client=http_client,
            transport=transport,
            webhook_secret=webhook_secret,
        )

    def _credential_headers(self) -> dict[str, str]:
        if self._azure_ad_token is not None:
            return {"authorization": f"Bearer {self._azure_ad_token}"}
        if self._azure_ad_token_provider or self._api_key_provider:
            return {}  # made per attempt by `_authorize`
        return {} if self._api_key == API_KEY_SENTINEL else {"api-key": self._api_key}

    def _route(self, path: str, body: object | None) -> str:
        if path in _DEPLOYMENT_ENDPOINTS:
            model = body.get("model") if isinstance(body, Mapping) else None
            if model is not None and "/deployments" not in urlsplit(self.base_url).path:
                return f"/deployments/{path_param(str(model))}{path}"
            return path
        if self._azure_deployment and self._azure_endpoint and "://" not in path:
            return f"{self._azure_endpoint.rstrip('/')}/openai/{path.lstrip('/')}"
        return path

    async def _authorize(self, request: Request) -> Request:
        if self._azure_ad_token_provider is not None:
            if "authorization" in request.headers:
                return request
            token = await call_provider(self._azure_ad_token_provider)
            if not isinstance(token, str) or not token:
                raise ValueError(
                    "Expected `azure_ad_token_provider` argument to return a non-empty string."
                )
            return with_header(request, "authorization", f"Bearer {token}")
        if self._api_key_provider is None or "api-key" in request.headers:
            return request
        key = await call_provider(self._api_key_provider)
        if not isinstance(key, str) or not key:
            raise ValueError("Expected the `api_key` provider to return a non-empty string.")
        self._api_key = key  # the official client keeps the last key, too
        return with_header(request, "api-key", key)

    async def _configure_realtime(
        self, model: str, extra_query: Mapping[str, object]
    ) -> tuple[str, dict[str, str]]:
        """The Realtime WebSocket's URL and credential, as the official Azure client's:
        `{websocket_base_url}/realtime`, else the `/realtime` endpoint with the scheme `wss`,
        with `api-version` and `deployment` (`azure_deployment`, else `model`) and no
        `model`; `api-key`, or an AD token as a bearer (a provider is called each time)."""
        query = {
            **self.default_query,
            **extra_query,
            "api-version": self._api_version,
            "deployment": self._azure_deployment or model,
        }
        if self.websocket_base_url is not None:
            url = join_url(self.websocket_base_url, "/realtime", query)
        else:
            url = join_url(self.base_url, self._route("/realtime", None), query)
            url = "wss:" + url.partition(":")[2]
        # The per-request credential `_authorize` adds, made once for this handshake.
        request = await self._authorize(Request("GET", url, Headers(self._credential_headers())))
        return url, {k: v for k, v in request.headers.items() if k in ("api-key", "authorization")}

    def with_options(  # type: ignore[override]
        self,
        *,
        api_key: str | ApiKeyProvider | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None = None,
        api_version: str | None = None,
        **options: Unpack[CopyOptions],
    ) -> AsyncAzureOpenAI:
        """A copy with some settings changed; a new credential replaces the old one."""
        if sum(x is not None for x in (api_key, azure_ad_token, azure_ad_token_provider)) > 1:
            raise MutuallyExclusiveAuthError()
        clone = super().with_options(**options)
        assert isinstance(clone, AsyncAzureOpenAI)
        if api_key is not None or azure_ad_token is not None or azure_ad_token_provider:
            clone._api_key = api_key if isinstance(api_key, str) else API_KEY_SENTINEL
            clone._api_key_provider = api_key if callable(api_key) else None
            clone._azure_ad_token = azure_ad_token
            clone._azure_ad_token_provider = azure_ad_token_provider
        if api_version is not None:
            clone._api_version = api_version
            clone.default_query = {**clone.default_query, "api-version": api_version}
        clone._auth_headers = clone._build_auth_headers()
        return clone

    copy = with_options
