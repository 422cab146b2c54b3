"""Credentials made per request (token and key providers), for the Azure and Bedrock clients."""

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


def with_header(request: Request, name: str, value: str) -> Request:
    """`request` with one more header, e.g. `authorization: Bearer <token>`."""
    return replace(request, headers=Headers([*request.headers.raw(), (name, value)]))
