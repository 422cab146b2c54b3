"""The fake's rate-limit budget: headers, 429s with Retry-After, short-window enforcement."""

from __future__ import annotations

import httpx
import pytest

from openai_oxide._core.ratelimits import RateLimits
from openai_oxide.testing import FakeOpenAI, RateBudget
from openai_oxide.testing.ratelimit_budget import go_duration, request_tokens
from testing.fake_helpers import AUTH

CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "x" * 36}]}
# 40 characters of text (role included): 10 tokens


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_tokens_are_the_prompt_over_four_plus_max_tokens_times_n() -> None:
    assert request_tokens(CHAT) == 10
    assert request_tokens({**CHAT, "max_tokens": 7, "n": 3}) == 10 + 21
    assert request_tokens({"input": "abcdefgh", "max_output_tokens": 5}) == 7
    assert request_tokens("not a body") == 0


def test_go_durations() -> None:
    assert [go_duration(s) for s in (0.02, 1.0, 1.5, 360.0)] == ["20ms", "1s", "1.5s", "6m0s"]


def test_a_minute_is_enforced_as_a_seconds_share() -> None:
    clock = Clock()
    budget = RateBudget(rpm=480, clock=clock)  # 8 a second
    outcomes = [budget.admit(CHAT)[0] for _ in range(10)]
    assert [o is None for o in outcomes] == [True] * 8 + [False] * 2
    refused = outcomes[-1]
    assert refused is not None and refused.status == 429
    headers = dict(refused.headers)
    assert headers[b"retry-after-ms"] == b"125" and headers[b"retry-after"] == b"1"
    assert b"requests per min (RPM): Limit 480" in refused.body
    clock.now += 0.125  # one request's worth refills
    assert budget.admit(CHAT)[0] is None
    assert budget.admit(CHAT)[0] is not None
    assert len(budget.admitted) == 9 and budget.refused == 3


def test_tokens_are_charged_and_reported() -> None:
    clock = Clock()
    budget = RateBudget(tpm=6_000, clock=clock)  # 100 tokens a second
    body = {**CHAT, "max_tokens": 40}  # 50 tokens
    assert budget.admit(body)[0] is None
    refused, heads = budget.admit({**body, "max_tokens": 90})  # 100 > 50 left
    assert refused is not None and b"(TPM)" in refused.body
    limits = RateLimits.from_headers([(k.decode(), v.decode()) for k, v in heads])
    assert limits is not None and limits.tokens is not None
    assert limits.tokens.limit == 6_000 and limits.tokens.remaining == 5_950
    assert limits.tokens.reset == pytest.approx(0.5)
    assert limits.requests is None


def test_a_request_larger_than_the_share_waits_for_a_full_bucket() -> None:
    clock = Clock()
    budget = RateBudget(tpm=600, clock=clock)  # 10 tokens a second
    big = {**CHAT, "max_tokens": 30}  # 40 tokens
    assert budget.admit(big)[0] is None  # the bucket was full: admitted into debt
    refused = budget.admit(CHAT)[0]
    assert refused is not None and dict(refused.headers)[b"retry-after-ms"] == b"4000"


def test_bad_budgets_are_refused() -> None:
    with pytest.raises(ValueError, match="rpm="):
        RateBudget()
    with pytest.raises(ValueError, match="positive"):
        RateBudget(rpm=0)


async def test_the_fake_serves_the_budget_over_http() -> None:
    budget = RateBudget(rpm=120, tpm=100_000)  # 2 requests a second
    async with (
        FakeOpenAI(rate_limits=budget) as fake,
        httpx.AsyncClient(base_url=fake.url, headers=AUTH, timeout=10) as http,
    ):
        answers = [await http.post("/chat/completions", json=CHAT) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        first, refused = answers[0], answers[2]
        assert first.headers["x-ratelimit-limit-requests"] == "120"
        assert first.headers["x-ratelimit-remaining-requests"] == "119"
        assert first.headers["x-ratelimit-limit-tokens"] == "100000"
        assert int(refused.headers["retry-after-ms"]) > 0
        assert refused.json()["error"]["code"] == "rate_limit_exceeded"
        assert "x-ratelimit-remaining-requests" in refused.headers
        assert budget.refused == 1 and len(budget.admitted) == 2
        fake.reset()
        assert budget.refused == 0 and (await http.post("/chat/completions", json=CHAT)).is_success
