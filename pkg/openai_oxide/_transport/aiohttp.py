"""`DefaultAioHttpClient`: the official aiohttp-backed HTTP client, which oxide does not
offer (it uses httpx natively and fetch under Pyodide)."""

from __future__ import annotations

from typing import Any

from .._core.errors import OpenAIError


class DefaultAioHttpClient:
    def __init__(self, **_kwargs: Any) -> None:
        raise OpenAIError(
            "aiohttp is not supported by openai_oxide: it sends requests with httpx natively "
            "and with fetch under Pyodide. Drop `DefaultAioHttpClient()`; to plug in another "
            "transport, pass `transport=` to the client."
        )
