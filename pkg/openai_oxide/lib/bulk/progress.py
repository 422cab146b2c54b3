"""Counting a run: progress snapshots, the terminal bar, and the summary with its cost.

`prices` maps a model name (or its prefix: `gpt-4o-mini` covers `gpt-4o-mini-2024-07-18`)
to (input, output) US dollars per million tokens; the longest matching prefix wins.
`DEFAULT_PRICES` holds OpenAI's standard-tier list prices when this was written: pass your
own table for current prices or other tiers (the Batch API costs half).
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, Any

__all__ = ["DEFAULT_PRICES", "BulkSummary", "Progress", "ProgressBar", "Tally"]

DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "text-embedding-3-small": (0.02, 0.0),
    "text-embedding-3-large": (0.13, 0.0),
}


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run stands. `total` is None when the input's length is unknown."""

    total: int | None
    succeeded: int
    failed: int
    skipped: int
    rate_limited: int
    retried: int
    input_tokens: int
    output_tokens: int
    elapsed: float

    @property
    def done(self) -> int:
        return self.succeeded + self.failed

    @property
    def rate(self) -> float:
        """Requests finished per second."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, when the total is known."""
        if self.total is None or self.rate <= 0:
            return None
        return max(0, self.total - self.skipped - self.done) / self.rate


@dataclass(frozen=True, slots=True)
class BulkSummary(Progress):
    """The end of a run: `cost` in US dollars from the price table (None if no model of
    the run is in it)."""

    cost: float | None = None


def _price(model: str, prices: Mapping[str, tuple[float, float]]) -> tuple[float, float] | None:
    matches = [name for name in prices if model == name or model.startswith(name + "-")]
    return prices[max(matches, key=len)] if matches else None


@dataclass
class Tally:
    """The runner's counters; `usage` is (input, output) tokens per model."""

    total: int | None = None
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    rate_limited: int = 0
    retried: int = 0
    usage: dict[str, list[int]] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def count_usage(self, body: Mapping[str, Any] | None) -> None:
        """Add an answer's `usage` (chat, Responses and embeddings names alike)."""
        if not isinstance(body, dict) or not isinstance(body.get("usage"), dict):
            return
        usage: dict[str, Any] = body["usage"]
        spent = self.usage.setdefault(str(body.get("model") or ""), [0, 0])
        for slot, names in enumerate(
            (("prompt_tokens", "input_tokens"), ("completion_tokens", "output_tokens"))
        ):
            spent[slot] += next((usage[n] for n in names if isinstance(usage.get(n), int)), 0)

    def snapshot(self) -> Progress:
        return Progress(**self._fields())

    def summary(self, prices: Mapping[str, tuple[float, float]] | None) -> BulkSummary:
        table = DEFAULT_PRICES if prices is None else prices
        cost = None
        for model, (used_in, used_out) in self.usage.items():
            price = _price(model, table)
            if price is not None:
                cost = (cost or 0.0) + (used_in * price[0] + used_out * price[1]) / 1e6
        return BulkSummary(**self._fields(), cost=cost)

    def _fields(self) -> dict[str, Any]:
        tokens = [sum(u[i] for u in self.usage.values()) for i in (0, 1)]
        return {
            "total": self.total,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "skipped": self.skipped,
            "rate_limited": self.rate_limited,
            "retried": self.retried,
            "input_tokens": tokens[0],
            "output_tokens": tokens[1],
            "elapsed": time.monotonic() - self.started,
        }


def _clock(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "?"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


class ProgressBar:
    """Redraws one terminal line at most every `every` seconds (a callback for `run`)."""

    def __init__(self, stream: IO[str] | None = None, every: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.every = every
        self._drawn = -math.inf

    def __call__(self, p: Progress, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._drawn < self.every:
            return
        self._drawn = now
        todo = None if p.total is None else p.total - p.skipped
        share = 0.0 if not todo else min(1.0, p.done / todo)
        bar = "#" * int(share * 20)
        count = f"{p.done}/{todo}" if todo is not None else str(p.done)
        line = (
            f"\r[{bar:<20}] {count} {p.rate:.1f}/s tokens {p.input_tokens + p.output_tokens} "
            f"errors {p.failed} 429s {p.rate_limited} ETA {_clock(p.eta)}"
        )
        self.stream.write(line + ("\n" if final else ""))
        self.stream.flush()
