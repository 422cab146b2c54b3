"""Request building: URL joining, query encoding and the headers of one attempt.

Pure functions; the client calls them once per attempt. The idempotency key is made once
per call and passed in again for every retry, so the server can deduplicate.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from .http import Headers

VERSION = "0.1.0"
USER_AGENT = f"openai-oxide/{VERSION} python/{sys.version_info[0]}.{sys.version_info[1]}"


class Omit:
    """Marks a header or parameter to leave out, as the official `Omit`/`NotGiven` do."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = Omit()


def join_url(base_url: str, path: str, query: Mapping[str, Any] | None = None) -> str:
    """`base_url` + `path` with exactly one slash between them, plus the encoded query.

    An absolute `path` (with a scheme) is used as it is, as httpx does.
    """
    url = path if "://" in path else base_url.rstrip("/") + "/" + path.lstrip("/")
    qs = encode_query(query) if query else ""
    if not qs:
        return url
    return url + ("&" if "?" in url else "?") + qs


def encode_query(params: Mapping[str, Any]) -> str:
    """Encode like the official SDK: lists as `key[]=a&key[]=b`, bools as true/false,
    None and NOT_GIVEN left out."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None or isinstance(value, Omit):
            continue
        if isinstance(value, list | tuple):
            pairs.extend((f"{key}[]", _scalar(v)) for v in value)
        else:
            pairs.append((key, _scalar(value)))
    return urlencode(pairs, quote_via=quote)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def path_param(value: str) -> str:
    """Quote an id for use as one path segment, so a `/` in it cannot change the route."""
    if not value:
        raise ValueError("Expected a non-empty value for a path parameter")
    return quote(value, safe="")


def new_idempotency_key() -> str:
    """`oxide-retry-` and a random UUID (version 4), as `uuid.uuid4()` writes it: built
    from the hex of 16 random bytes, at 40% of `uuid.uuid4()`'s cost (its `UUID()` is Python)."""
    h = os.urandom(16).hex()
    variant = "89ab"[int(h[16], 16) & 3]
    return f"oxide-retry-{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


def platform_headers() -> dict[str, str]:
    """Static headers that describe this client, computed once per client."""
    return {
        "user-agent": USER_AGENT,
        "x-stainless-lang": "python",
        "x-stainless-package-version": VERSION,
        "x-stainless-runtime": platform.python_implementation(),
        "x-stainless-runtime-version": platform.python_version(),
        "x-stainless-os": "Emscripten" if sys.platform == "emscripten" else platform.system(),
    }


def build_headers(
    base: Mapping[str, str],
    extra: Mapping[str, str | Omit] | None,
    *,
    retry_count: int,
    idempotency_key: str | None,
    has_body: bool,
    stream: bool,
    page: bool = False,
) -> Headers:
    """Headers for one attempt: `base` (auth, org, project, defaults), then the per-call
    `extra` (an `Omit` value removes a header), then the per-attempt ones.

    `page`: the request leaves a browser page (or its Web Worker), where every header name
    outside the CORS safelist must be in the server's preflight allow list; so the
    per-attempt extras (cache-control, the retry count) are left out."""
    merged: dict[str, str] = {"accept": "text/event-stream" if stream else "application/json"}
    if stream and not page:  # no proxy or cache may hold back or replay an event stream
        merged["cache-control"] = "no-cache"
    if has_body:
        merged["content-type"] = "application/json"
    for name, value in base.items():
        merged[name.lower()] = value
    if idempotency_key is not None:  # a caller's own header wins, as in the official SDK
        merged.setdefault("idempotency-key", idempotency_key)
    if not page:
        merged["x-stainless-retry-count"] = str(retry_count)
    if extra:
        for k, v in extra.items():
            if isinstance(v, Omit):
                merged.pop(k.lower(), None)
            else:
                merged[k.lower()] = v
    return Headers.lowered(merged.items())
