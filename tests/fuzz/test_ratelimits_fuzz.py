"""`_core.ratelimits` against generated input: Go durations written any valid way parse to
their value; any text or header set gives a snapshot or None, never an exception."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from openai_oxide._core.ratelimits import RateLimit, RateLimits, parse_duration

_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}

parts = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.none() | st.integers(0, 999).map(lambda f: f"{f:03d}"),
        st.sampled_from(sorted(_UNITS)),
    ),
    min_size=1,
    max_size=4,
)


@given(parts)
def test_written_durations_parse_to_their_value(pieces: list[tuple[int, str | None, str]]) -> None:
    text = "".join(f"{n}{'' if f is None else '.' + f}{unit}" for n, f, unit in pieces)
    want = sum(float(f"{n}.{f or 0}") * _UNITS[unit] for n, f, unit in pieces)
    got = parse_duration(text)
    assert got is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)


_DURATION_TOKENS = st.sampled_from(["1", "0", ".", "5", "h", "m", "s", "ms", "µ", "us", "-", " "])
texts = st.text(max_size=30) | st.lists(_DURATION_TOKENS, max_size=12).map("".join)


@given(texts)
def test_any_text_is_a_duration_or_none(text: str) -> None:
    got = parse_duration(text)
    assert got is None or (isinstance(got, float) and got >= 0 and math.isfinite(got))


names = st.sampled_from(["limit", "remaining", "reset", "Limit", "bogus", ""]).flatmap(
    lambda kind: st.sampled_from(["requests", "tokens", "project-tokens", ""]).map(
        lambda bucket: f"x-ratelimit-{kind}-{bucket}"
    )
) | st.text(max_size=20)
headers = st.lists(st.tuples(names, texts), max_size=12)


@given(headers)
def test_any_headers_give_a_snapshot_or_none(pairs: list[tuple[str, str]]) -> None:
    limits = RateLimits.from_headers(pairs)
    if limits is None:
        return
    assert limits.buckets
    for bucket in limits.buckets.values():
        assert isinstance(bucket, RateLimit)
        for count in (bucket.limit, bucket.remaining):
            assert count is None or (isinstance(count, int) and count >= 0)
        assert bucket.reset is None or bucket.reset >= 0
