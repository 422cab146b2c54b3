"""`_core.ratelimits`: the `x-ratelimit-*` headers of an answer, parsed leniently."""

from __future__ import annotations

import pytest

from openai_oxide._core.http import Headers
from openai_oxide._core.ratelimits import RateLimit, RateLimits, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1s", 1.0),
        ("6m0s", 360.0),
        ("20ms", 0.02),
        ("1h2m3.5s", 3723.5),
        ("0s", 0.0),
        ("1.5s", 1.5),
        (".5s", 0.5),
        ("250us", 250e-6),
        ("250µs", 250e-6),
        ("7ns", 7e-9),
        ("17", 17.0),  # a bare number: seconds
        (" 2m ", 120.0),
    ],
)
def test_go_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "s", "-1s", "1x", "1 s", "1s2", "abc", "1e3s", "1" * 80])
def test_malformed_durations_are_none(text: str) -> None:
    assert parse_duration(text) is None


def test_a_full_snapshot() -> None:
    headers = Headers(
        {
            "X-RateLimit-Limit-Requests": "10000",
            "x-ratelimit-limit-tokens": "2000000",
            "x-ratelimit-remaining-requests": "9999",
            "x-ratelimit-remaining-tokens": "1999990",
            "x-ratelimit-reset-requests": "6ms",
            "x-ratelimit-reset-tokens": "1m30s",
            "x-request-id": "req_1",
        }
    )
    limits = RateLimits.from_headers(headers)
    assert limits is not None
    assert limits.requests == RateLimit(10000, 9999, 0.006)
    assert limits.tokens == RateLimit(2000000, 1999990, 90.0)
    assert set(limits.buckets) == {"requests", "tokens"}


def test_malformed_fields_are_none_and_other_buckets_kept() -> None:
    limits = RateLimits.from_headers(
        [
            ("x-ratelimit-limit-requests", "many"),
            ("x-ratelimit-remaining-requests", "-3"),
            ("x-ratelimit-reset-requests", "soon"),
            ("x-ratelimit-remaining-project-tokens", "12"),
            ("x-ratelimit-remaining-project-tokens", "99"),  # the first one wins
            ("x-ratelimit-bogus-tokens", "1"),
            ("x-ratelimit-limit-", "1"),
        ]
    )
    assert limits is not None
    assert limits.requests == RateLimit(None, None, None)
    assert limits.buckets["project-tokens"] == RateLimit(None, 12, None)
    assert limits.tokens is None
    assert set(limits.buckets) == {"requests", "project-tokens"}


def test_no_rate_limit_headers_is_none() -> None:
    assert RateLimits.from_headers({"content-type": "application/json"}) is None
    assert RateLimits.from_headers([("x-ratelimit-limit-", "3")]) is None
