"""The sans-I/O hedging decisions: delays, per-key percentiles, the budget, the stats."""

from __future__ import annotations

import sys

import pytest

from openai_oxide._core.hedge import (
    ADAPTIVE_DEFAULT_DELAY,
    ADAPTIVE_MIN_SAMPLES,
    HedgeBudget,
    HedgeStats,
    LatencyTracker,
    resolve_delay,
)

KEY = ("/responses", "gpt-test")


def test_the_core_imports_no_asyncio_or_pydantic() -> None:
    import subprocess

    code = (
        "import sys, openai_oxide._core.hedge;"
        "print(any(m in sys.modules for m in ('asyncio', 'pydantic', 'httpx')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_p95_needs_enough_samples_then_is_the_nearest_rank() -> None:
    tracker = LatencyTracker()
    for i in range(ADAPTIVE_MIN_SAMPLES - 1):
        tracker.observe(KEY, i / 100)
    assert tracker.percentile(KEY) is None
    assert resolve_delay("adaptive", tracker, KEY) == ADAPTIVE_DEFAULT_DELAY
    for i in range(ADAPTIVE_MIN_SAMPLES - 1, 100):
        tracker.observe(KEY, i / 100)
    assert tracker.percentile(KEY) == 0.94  # the 95th of 0.00 .. 0.99
    assert resolve_delay("adaptive", tracker, KEY) == 0.94
    assert resolve_delay("adaptive", tracker, ("/responses", "other")) == ADAPTIVE_DEFAULT_DELAY


def test_the_window_keeps_the_latest_samples() -> None:
    tracker = LatencyTracker(window=30, min_samples=1)
    for _ in range(30):
        tracker.observe(KEY, 5.0)
    for _ in range(30):
        tracker.observe(KEY, 0.1)
    assert tracker.count(KEY) == 30 and tracker.percentile(KEY) == 0.1


@pytest.mark.parametrize("bad", [-0.1, "soon"])
def test_bad_delays_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        resolve_delay(bad, LatencyTracker(), KEY)  # type: ignore[arg-type]


def test_the_budget_allows_one_extra_per_tenth_of_the_calls() -> None:
    budget = HedgeBudget(0.1)
    granted = 0
    for _ in range(100):
        budget.on_call()
        granted += budget.try_spend()
    assert granted == 10
    unlimited = HedgeBudget(None)
    assert all(unlimited.try_spend() for _ in range(5))
    with pytest.raises(ValueError):
        HedgeBudget(-1)


def test_stats_sum_the_losers_usage() -> None:
    stats = HedgeStats(calls=4, extra_requests=1)
    stats.add_loser_usage({"input_tokens": 3, "output_tokens": 5})
    stats.add_loser_usage({"input_tokens": 2})
    assert stats.loser_usage == {"input_tokens": 5, "output_tokens": 5}
    assert stats.extra_rate == 0.25 and HedgeStats().extra_rate == 0.0
