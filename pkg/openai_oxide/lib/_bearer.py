"""Per-request bearer tokens, shared by the Azure and Bedrock clients."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace

from .._core.http import Headers, Request


async def call_provider(provider: Callable[[], object]) -> object:
    """A token provider's answer, awaited when it is an awaitable (sync or async providers)."""
    token = provider()
    if inspect.isawaitable(token):
        token = await token
    return token


def with_bearer(request: Request, token: str) -> Request:
    """`request` with `Authorization: Bearer <token>` added."""
    headers = Headers([*request.headers.raw(), ("authorization", f"Bearer {token}")])
    return replace(request, headers=headers)
