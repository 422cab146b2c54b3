"""Hedging decisions, sans-I/O: when the next copy may start, and whether the budget allows it.

"The Tail at Scale" (Dean & Barroso, CACM 2013): send a second copy of a request once the
first has taken longer than the 95th percentile of its kind, and cap the extra load.
This module holds the numbers only (delays, per-key latency samples, the extra-request
budget, the statistics); `lib/hedge.py` runs the copies with asyncio, so every target
shares these decisions.
"""

from __future__ import annotations

import math
from collections import deque
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ADAPTIVE_DEFAULT_DELAY",
    "ADAPTIVE_MIN_SAMPLES",
    "HEDGE_PROBE",
    "Delay",
    "HedgeBudget",
    "HedgeKey",
    "HedgeStats",
    "LatencyTracker",
    "may_hedge",
    "resolve_delay",
]

# Before a key has ADAPTIVE_MIN_SAMPLES answers, "adaptive" waits this long: slower than
# most small calls, so a cold start sends few extra requests.
ADAPTIVE_DEFAULT_DELAY = 1.0
ADAPTIVE_MIN_SAMPLES = 20
_WINDOW = 1000  # the latest answers per key that the percentile is taken over

# (HTTP path, model): the endpoint and model a latency belongs to; ("", None) when unknown.
HedgeKey = tuple[str, str | None]
Delay = float | Literal["adaptive"]


class LatencyTracker:
    """Observed latencies per key; `percentile` answers once a key has enough of them."""

    def __init__(self, window: int = _WINDOW, min_samples: int = ADAPTIVE_MIN_SAMPLES) -> None:
        self._window = window
        self._min_samples = min_samples
        self._samples: dict[HedgeKey, deque[float]] = {}

    def observe(self, key: HedgeKey, seconds: float) -> None:
        samples = self._samples.get(key)
        if samples is None:
            samples = self._samples[key] = deque(maxlen=self._window)
        samples.append(seconds)

    def count(self, key: HedgeKey) -> int:
        return len(self._samples.get(key, ()))

    def percentile(self, key: HedgeKey, q: float = 0.95) -> float | None:
        """The nearest-rank `q` percentile of `key`'s latencies; None below the minimum."""
        samples = self._samples.get(key)
        if samples is None or len(samples) < self._min_samples:
            return None
        ordered = sorted(samples)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# Calls a client-level hedge copies: reads, and the POSTs that only compute an answer.
# Other POSTs create or change objects, and a second copy would do it twice.
_COMPUTE_PATHS = frozenset(
    {"/responses", "/chat/completions", "/completions", "/embeddings", "/moderations"}
)


def may_hedge(method: str, path: str) -> bool:
    """Whether a client-level hedge may send a second copy of this call."""
    return method == "GET" or (method == "POST" and path in _COMPUTE_PATHS)


def resolve_delay(delay: Delay, tracker: LatencyTracker, key: HedgeKey) -> float:
    """Seconds to wait before the next copy: `delay` itself, or for "adaptive" the key's
    p95, or ADAPTIVE_DEFAULT_DELAY while the key has too few samples.

    Raises ValueError for a negative delay or an unknown string."""
    if delay == "adaptive":
        p95 = tracker.percentile(key)
        return ADAPTIVE_DEFAULT_DELAY if p95 is None else p95
    if isinstance(delay, str) or delay < 0:
        raise ValueError(f'delay must be seconds >= 0 or "adaptive", not {delay!r}')
    return float(delay)


class HedgeBudget:
    """Caps extra copies at a fraction of calls: each call earns `max_extra` credit and each
    extra copy spends 1, so `max_extra=0.1` allows one extra copy per ten calls (none
    before the tenth). `max_extra=None` allows every copy."""

    def __init__(self, max_extra: float | None = None) -> None:
        if max_extra is not None and max_extra < 0:
            raise ValueError("max_extra must be >= 0 or None")
        self.max_extra = max_extra
        self._credit = 0.0

    def on_call(self) -> None:
        if self.max_extra is not None:
            self._credit += self.max_extra

    def try_spend(self) -> bool:
        """True (and one credit spent) when one more copy may start."""
        if self.max_extra is None:
            return True
        if self._credit + 1e-9 < 1.0:
            return False
        self._credit -= 1.0
        return True


@dataclass
class HedgeStats:
    """What hedging cost. `loser_usage` sums the token counts of losing copies that finished
    before they could be cancelled; a cancelled copy's usage is unknown to the client (the
    server may bill its input), so those are counted in `cancelled`."""

    calls: int = 0
    extra_requests: int = 0
    hedged_wins: int = 0  # calls won by a copy other than the first
    cancelled: int = 0
    failed_copies: int = 0
    denied_by_budget: int = 0
    loser_usage: dict[str, int] = field(default_factory=dict)

    @property
    def extra_rate(self) -> float:
        return self.extra_requests / self.calls if self.calls else 0.0

    def add_loser_usage(self, usage: dict[str, int]) -> None:
        for name, value in usage.items():
            self.loser_usage[name] = self.loser_usage.get(name, 0) + value


# Set by the hedging driver around its first copy: the request path records its
# (path, model) here, so "adaptive" knows which latencies to use.
HEDGE_PROBE: ContextVar[list[HedgeKey] | None] = ContextVar(
    "openai_oxide_hedge_probe", default=None
)
