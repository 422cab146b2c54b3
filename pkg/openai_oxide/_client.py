"""`AsyncOpenAI`: configuration, environment variables and the endpoint groups."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from ._browser_key import check_browser_key, in_page
from ._core.errors import OpenAIError
from ._core.request import NOT_GIVEN, Omit, platform_headers
from ._core.timeout import DEFAULT_TIMEOUT, Timeout
from ._custom_requests import CustomRequests
from ._hooks import Hooks, HooksArg
from ._resource import AsyncAPIResource
from ._transport import Transport, default_transport

if TYPE_CHECKING:
    from collections.abc import Sequence

    import httpx2

    from ._client_views import AsyncOpenAIWithRawResponse, AsyncOpenAIWithStreamingResponse
    from .lib.hedge import Hedger
    from .lib.ws_session import AsyncResponsesSession, Auth
    from .resources.admin import AsyncAdmin
    from .resources.audio import AsyncAudio
    from .resources.batches import AsyncBatches
    from .resources.beta import AsyncBeta
    from .resources.chat import AsyncChat
    from .resources.completions import AsyncCompletions
    from .resources.containers import AsyncContainers
    from .resources.content_provenance_checks import AsyncContentProvenanceChecks
    from .resources.conversations import AsyncConversations
    from .resources.embeddings import AsyncEmbeddings
    from .resources.evals import AsyncEvals
    from .resources.files import AsyncFiles
    from .resources.fine_tuning import AsyncFineTuning
    from .resources.images import AsyncImages
    from .resources.models import AsyncModels
    from .resources.moderations import AsyncModerations
    from .resources.realtime import AsyncRealtime
    from .resources.responses import AsyncResponses
    from .resources.skills import AsyncSkills
    from .resources.uploads import AsyncUploads
    from .resources.vector_stores import AsyncVectorStores
    from .resources.videos import AsyncVideos
    from .resources.webhooks import AsyncWebhooks

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.openai.com/v1"


def _transport_for(http_client: object) -> Transport:
    from ._transport.httpx_clients import transport_for

    return transport_for(http_client)


class AsyncOpenAI(CustomRequests):
    """The async client. Arguments and environment variables match the official SDK's.

    `strict_response_validation=True` (or `_strict_response_validation`) raises
    `APIResponseValidationError` for an answer that does not match its model, where the
    default builds it leniently. `transport=` plugs in another transport (e.g.
    `MockTransport`); by default it is chosen for the platform. `http_client=` takes an
    `httpx2.AsyncClient` or `httpx2.Client` (see `DefaultAsyncHttpxClient`) for proxies, a
    custom CA or client certificates, as in the official SDK; natively only. `hedge=` (a
    `Hedger`, or its delay in seconds or "adaptive") races copies of every read and every
    Responses, Chat, completion, embedding and moderation call (lib/hedge.py); other POSTs,
    which create objects, are never copied. `resume_attempts` bounds how many times in a
    row a background response's dropped stream is resumed (_resume.py; 0: never).
    In a browser a secret key is refused unless `dangerously_allow_browser=True`
    (_browser_key.py), as in openai-node. `hooks=` (a mapping from "request", "response",
    "retry", "error", "stream_end" to callables, as httpx's `event_hooks`) runs them on
    every call (_hooks.py, docs/hooks.md); `rate_limits` holds each model's last
    `x-ratelimit-*` snapshot. `admin_api_key` (else `OPENAI_ADMIN_KEY`) is the key the admin
    API (`client.admin`) sends instead of `api_key`; a client may have either or both.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: float | Timeout | Any = NOT_GIVEN,
        max_retries: int = 2,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        transport: Transport | None = None,
        webhook_secret: str | None = None,
        strict_response_validation: bool = False,
        _strict_response_validation: bool | None = None,
        http_client: httpx2.AsyncClient | httpx2.Client | None = None,
        hedge: Hedger | float | str | None = None,
        resume_attempts: int = 5,
        dangerously_allow_browser: bool = False,
        hooks: HooksArg = None,
    ) -> None:
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        self.admin_api_key = admin_api_key or os.environ.get("OPENAI_ADMIN_KEY")
        if not api_key and not self.admin_api_key:
            raise OpenAIError(
                "The api_key client option must be set either by passing api_key to the client "
                "or by setting the OPENAI_API_KEY environment variable (or, for the admin API, "
                "admin_api_key or OPENAI_ADMIN_KEY)"
            )
        for key in (api_key, self.admin_api_key):
            if key:
                check_browser_key(key, allowed=dangerously_allow_browser)
        # An admin-only client has no API key (""), as in the official client: only its
        # admin calls authenticate.
        self._api_key = api_key or ""
        self.organization: str | None = organization or os.environ.get("OPENAI_ORG_ID")
        self.project: str | None = project or os.environ.get("OPENAI_PROJECT_ID")
        self.webhook_secret: str | None = webhook_secret or os.environ.get("OPENAI_WEBHOOK_SECRET")
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self.timeout = DEFAULT_TIMEOUT if isinstance(timeout, Omit) else Timeout.coerce(timeout)
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.max_retries = max_retries
        self.default_headers: dict[str, str] = dict(default_headers or {})
        self.default_query = dict(default_query or {})
        # Lenient by default: an answer that does not match its model is built anyway
        # (types._lenient); strict raises APIResponseValidationError. Both names are the
        # official SDK's (it takes the underscored one).
        self._strict_response_validation = bool(
            strict_response_validation
            if _strict_response_validation is None
            else _strict_response_validation
        )
        if http_client is not None:
            if transport is not None:
                raise ValueError("pass either transport= or http_client=, not both")
            transport = _transport_for(http_client)
        self._owns_transport = transport is None or http_client is not None
        self._transport = transport or default_transport()
        self._in_page = in_page()
        self._auth_headers = self._build_auth_headers()
        if hedge is not None:
            self._hedge = _hedger(hedge)
        self.resume_attempts = resume_attempts
        self._hooks = Hooks.coerce(hooks)
        self._rate_limit_headers = {}

    @property
    def api_key(self) -> str:
        return self._api_key

    def _build_auth_headers(self) -> dict[str, str]:
        # In a page the platform headers (user-agent, x-stainless-*) would each need a
        # place in the server's CORS allow list: the SDK leaves them out there.
        headers = {} if self._in_page else platform_headers()
        headers.update(self._credential_headers())
        if self.organization:
            headers["openai-organization"] = self.organization
        if self.project:
            headers["openai-project"] = self.project
        headers.update({k.lower(): v for k, v in self.default_headers.items()})
        return headers

    def _credential_headers(self) -> dict[str, str]:
        """The credential sent with every request (Azure and Bedrock send their own)."""
        return {"authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    @property
    def with_raw_response(self) -> AsyncOpenAIWithRawResponse:
        """`client.with_raw_response.chat.completions.create(...)`, as on each group."""
        from ._client_views import AsyncOpenAIWithRawResponse

        return AsyncOpenAIWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncOpenAIWithStreamingResponse:
        from ._client_views import AsyncOpenAIWithStreamingResponse

        return AsyncOpenAIWithStreamingResponse(self)

    @cached_property
    def responses(self) -> AsyncResponses:
        from .resources.responses import AsyncResponses

        return AsyncResponses(self)

    @cached_property
    def chat(self) -> AsyncChat:
        from .resources.chat import AsyncChat

        return AsyncChat(self)

    @cached_property
    def models(self) -> AsyncModels:
        from .resources.models import AsyncModels

        return AsyncModels(self)

    @cached_property
    def completions(self) -> AsyncCompletions:
        from .resources.completions import AsyncCompletions

        return AsyncCompletions(self)

    @cached_property
    def embeddings(self) -> AsyncEmbeddings:
        from .resources.embeddings import AsyncEmbeddings

        return AsyncEmbeddings(self)

    @cached_property
    def images(self) -> AsyncImages:
        from .resources.images import AsyncImages

        return AsyncImages(self)

    @cached_property
    def audio(self) -> AsyncAudio:
        from .resources.audio import AsyncAudio

        return AsyncAudio(self)

    @cached_property
    def files(self) -> AsyncFiles:
        from .resources.files import AsyncFiles

        return AsyncFiles(self)

    @cached_property
    def uploads(self) -> AsyncUploads:
        from .resources.uploads import AsyncUploads

        return AsyncUploads(self)

    @cached_property
    def batches(self) -> AsyncBatches:
        from .resources.batches import AsyncBatches

        return AsyncBatches(self)

    @cached_property
    def fine_tuning(self) -> AsyncFineTuning:
        from .resources.fine_tuning import AsyncFineTuning

        return AsyncFineTuning(self)

    @cached_property
    def moderations(self) -> AsyncModerations:
        from .resources.moderations import AsyncModerations

        return AsyncModerations(self)

    @cached_property
    def vector_stores(self) -> AsyncVectorStores:
        from .resources.vector_stores import AsyncVectorStores

        return AsyncVectorStores(self)

    @cached_property
    def beta(self) -> AsyncBeta:
        from .resources.beta import AsyncBeta

        return AsyncBeta(self)

    @cached_property
    def realtime(self) -> AsyncRealtime:
        from .resources.realtime import AsyncRealtime

        return AsyncRealtime(self)

    @cached_property
    def videos(self) -> AsyncVideos:
        from .resources.videos import AsyncVideos

        return AsyncVideos(self)

    @cached_property
    def containers(self) -> AsyncContainers:
        from .resources.containers import AsyncContainers

        return AsyncContainers(self)

    @cached_property
    def evals(self) -> AsyncEvals:
        from .resources.evals import AsyncEvals

        return AsyncEvals(self)

    @cached_property
    def conversations(self) -> AsyncConversations:
        from .resources.conversations import AsyncConversations

        return AsyncConversations(self)

    @cached_property
    def webhooks(self) -> AsyncWebhooks:
        from .resources.webhooks import AsyncWebhooks

        return AsyncWebhooks(self)

    @cached_property
    def skills(self) -> AsyncSkills:
        from .resources.skills import AsyncSkills

        return AsyncSkills(self)

    @cached_property
    def content_provenance_checks(self) -> AsyncContentProvenanceChecks:
        from .resources.content_provenance_checks import AsyncContentProvenanceChecks

        return AsyncContentProvenanceChecks(self)

    @cached_property
    def admin(self) -> AsyncAdmin:
        from .resources.admin import AsyncAdmin

        return AsyncAdmin(self)

    def ws_session(
        self,
        *,
        chain: bool = True,
        defaults: Mapping[str, Any] | None = None,
        auth: Auth = "auto",
        client_secret: str | None = None,
        subprotocols: Sequence[str] = (),
        max_reconnects: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        fallback: bool = True,
    ) -> AsyncResponsesSession:
        """`async with client.ws_session() as ws:` a persistent Responses WebSocket that
        chains turns, queues them and reconnects (see `openai_oxide.lib.ws_session`). Where
        the server has no WebSocket endpoint it runs over HTTP streaming instead
        (`openai_oxide.lib.ws_fallback`); `fallback=False` raises the connection error."""
        from .lib.ws_session import AsyncResponsesSession

        return AsyncResponsesSession(
            self,
            chain=chain,
            defaults=defaults,
            auth=auth,
            client_secret=client_secret,
            subprotocols=subprotocols,
            max_reconnects=max_reconnects,
            extra_headers=extra_headers,
            extra_query=extra_query,
            fallback=fallback,
        )

    def with_options(
        self,
        *,
        api_key: str | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: float | Timeout | Any = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx2.AsyncClient | httpx2.Client | None = None,
        hedge: Hedger | float | str | None = None,
        resume_attempts: int | None = None,
        hooks: HooksArg = None,
    ) -> AsyncOpenAI:
        """A copy with some settings changed; it shares this client's connection pool
        unless given an `http_client`."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(
            {k: v for k, v in self.__dict__.items() if not isinstance(v, AsyncAPIResource)}
        )
        clone._api_key = api_key or self._api_key
        clone.admin_api_key = admin_api_key or self.admin_api_key
        clone.organization = organization or self.organization
        clone.project = project or self.project
        clone.base_url = base_url or self.base_url
        if not isinstance(timeout, Omit):
            clone.timeout = Timeout.coerce(timeout)
        if max_retries is not None:
            clone.max_retries = max_retries
        if default_headers is not None:
            clone.default_headers = {**self.default_headers, **default_headers}
        if default_query is not None:
            clone.default_query = {**self.default_query, **default_query}
        if hedge is not None:
            clone._hedge = _hedger(hedge)
        if resume_attempts is not None:
            clone.resume_attempts = resume_attempts
        if hooks is not None:  # replaces the hooks, as httpx's event_hooks does; {}: none
            clone._hooks = Hooks.coerce(hooks)
        clone._owns_transport = http_client is not None
        if http_client is not None:
            clone._transport = _transport_for(http_client)
        clone._auth_headers = clone._build_auth_headers()
        return clone

    copy = with_options

    async def close(self) -> None:
        if self._owns_transport:
            await self._transport.aclose()

    async def __aenter__(self: T) -> T:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self.base_url!r}>"


def _hedger(hedge: Hedger | float | str) -> Hedger:
    from .lib.hedge import Hedger

    return Hedger.coerce(hedge)  # type: ignore[arg-type]  # a bad string fails in Hedger


AsyncClient = AsyncOpenAI
