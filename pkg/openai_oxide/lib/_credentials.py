"""Credentials made per request (token and key providers), for the Azure and Bedrock clients,
and the other settings their copies (`with_options`) take."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypedDict

from .._core.http import Headers, Request

if TYPE_CHECKING:
    import httpx2

    from .._core.timeout import Timeout
    from .._hooks import HooksArg
    from .hedge import Hedger


class CopyOptions(TypedDict, total=False):
    """`AsyncOpenAI.with_options`' keywords besides the credential, which the Azure and
    Bedrock clients take themselves (mypy checks that the base takes these)."""

    admin_api_key: str | None
    organization: str | None
    project: str | None
    base_url: str | None
    timeout: float | Timeout | Any
    max_retries: int | None
    default_headers: Mapping[str, str] | None
    default_query: Mapping[str, object] | None
    http_client: httpx2.AsyncClient | httpx2.Client | None
    hedge: Hedger | float | str | None
    resume_attempts: int | None
    hooks: HooksArg


async def call_provider(provider: Callable[[], object]) -> object:
    """A token provider's answer, awaited when it is an awaitable (sync or async providers)."""
    token = provider()
    if inspect.isawaitable(token):
        token = await token
    return token


def with_header(request: Request, name: str, value: str) -> Request:
    """`request` with one more header, e.g. `authorization: Bearer <token>`."""
    return replace(request, headers=Headers([*request.headers.raw(), (name, value)]))
