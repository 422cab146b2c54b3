"""Rate limits seen: `.rate_limits` on a raw response and `client.rate_limits` per model."""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, RateLimit, RateLimitError
from openai_oxide._core.http import Request
from support import API_KEY

EMBEDDING = {
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [0.5]}],
    "model": "m",
    "usage": {"prompt_tokens": 1, "total_tokens": 1},
}


def limits(remaining: str, reset: str = "1s") -> dict[str, str]:
    return {
        "x-ratelimit-limit-requests": "100",
        "x-ratelimit-remaining-requests": remaining,
        "x-ratelimit-reset-requests": reset,
        "x-ratelimit-limit-tokens": "1000",
        "x-ratelimit-remaining-tokens": "990",
        "x-ratelimit-reset-tokens": "6m0s",
    }


def client_with(*answers: MockResponse, **kwargs: Any) -> AsyncOpenAI:
    queue = list(answers)

    def handler(request: Request) -> MockResponse:
        return queue.pop(0)

    transport = MockTransport(handler)
    return AsyncOpenAI(api_key=API_KEY, base_url="http://fake/v1", transport=transport, **kwargs)


async def test_the_raw_response_carries_its_snapshot() -> None:
    client = client_with(MockResponse.json(EMBEDDING, headers=limits("99", "20ms")))
    raw = await client.embeddings.with_raw_response.create(model="text-a", input="x")
    assert raw.rate_limits is not None
    assert raw.rate_limits.requests == RateLimit(100, 99, 0.02)
    assert raw.rate_limits.tokens == RateLimit(1000, 990, 360.0)
    raw.parse()


async def test_the_client_keeps_the_last_snapshot_per_model() -> None:
    client = client_with(
        MockResponse.json(EMBEDDING, headers=limits("99")),
        MockResponse.json(EMBEDDING, headers=limits("42")),
        MockResponse.json(EMBEDDING, headers=limits("98")),
        MockResponse.json(EMBEDDING),  # a model whose answer reported none
    )
    assert client.rate_limits == {}
    await client.embeddings.create(model="text-a", input="x")
    await client.embeddings.create(model="text-b", input="x")
    await client.with_options(timeout=5).embeddings.create(model="text-a", input="x")
    await client.embeddings.create(model="text-c", input="x")
    seen = client.rate_limits
    assert set(seen) == {"text-a", "text-b"}
    assert seen["text-a"].requests is not None and seen["text-a"].requests.remaining == 98
    assert seen["text-b"].requests is not None and seen["text-b"].requests.remaining == 42


async def test_a_429_is_seen_too_and_malformed_values_never_raise() -> None:
    headers = {**limits("0", "1h2m3.5s"), "x-ratelimit-remaining-tokens": "lots"}
    client = client_with(
        MockResponse.json({"error": {"message": "slow down"}}, status=429, headers=headers),
        max_retries=0,
    )
    with pytest.raises(RateLimitError):
        await client.embeddings.create(model="text-a", input="x")
    snap = client.rate_limits["text-a"]
    assert snap.requests == RateLimit(100, 0, 3723.5)
    assert snap.tokens == RateLimit(1000, None, 360.0)
