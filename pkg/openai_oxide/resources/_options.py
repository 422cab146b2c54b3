"""Per-call options every endpoint method accepts, as in the official SDK."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from .._core.request import Omit


class RequestOptions(TypedDict, total=False):
    extra_headers: Mapping[str, str | Omit] | None
    extra_query: Mapping[str, object] | None
    extra_body: Mapping[str, object] | None
    timeout: Any  # float | Timeout | httpx.Timeout | None
    idempotency_key: str
