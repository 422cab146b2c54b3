"""LatencyModel: how long the fake waits before the headers, a median plus a heavy tail.

"The Tail at Scale" (Dean & Barroso, 2013): most answers take about the median, a few take
far longer. A request's delay is drawn from its arrival index and the seed alone, so a
seed fixes which requests are slow however the requests race. That makes hedging testable
without timing: pick a seed whose first request is in the tail (see `samples`).
"""

from __future__ import annotations

import math
import random
import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["LatencyClock", "LatencyModel"]

_MIX = 1_000_003  # spreads (seed, index) pairs over the generator's seeds


@dataclass(frozen=True)
class LatencyModel:
    """`median` seconds with log-normal spread `sigma`, plus `tail` seconds with
    probability `tail_p`. ValueError for negative values or `tail_p` outside [0, 1]."""

    median: float = 0.0
    tail_p: float = 0.0
    tail: float = 0.0
    seed: int = 0
    sigma: float = 0.0

    def __post_init__(self) -> None:
        if min(self.median, self.tail, self.sigma) < 0:
            raise ValueError("median, tail and sigma must be >= 0")
        if not 0.0 <= self.tail_p <= 1.0:
            raise ValueError("tail_p must be between 0 and 1")

    def sample(self, index: int) -> float:
        """The delay of the request that arrived `index`-th (0-based) since the last reset."""
        rng = random.Random(self.seed * _MIX + index)
        base = (
            self.median * math.exp(self.sigma * rng.gauss(0.0, 1.0)) if self.sigma else self.median
        )
        in_tail = rng.random() < self.tail_p
        return base + (self.tail if in_tail else 0.0)

    def in_tail(self, index: int) -> bool:
        """Whether the `index`-th request gets the tail."""
        rng = random.Random(self.seed * _MIX + index)
        if self.sigma:
            rng.gauss(0.0, 1.0)
        return rng.random() < self.tail_p

    def samples(self, count: int) -> list[float]:
        return [self.sample(i) for i in range(count)]

    @classmethod
    def from_mapping(cls, data: Any) -> LatencyModel:
        """From JSON fields (ValueError for unknown fields or wrong types)."""
        if not isinstance(data, dict):
            raise ValueError("a latency model must be a JSON object")
        unknown = set(data) - {"median", "tail_p", "tail", "seed", "sigma"}
        if unknown:
            raise ValueError(f"unknown latency fields: {sorted(unknown)}")
        try:
            return cls(
                median=float(data.get("median", 0.0)),
                tail_p=float(data.get("tail_p", 0.0)),
                tail=float(data.get("tail", 0.0)),
                seed=int(data.get("seed", 0)),
                sigma=float(data.get("sigma", 0.0)),
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"invalid latency model: {exc}") from exc

    def to_json(self) -> dict[str, Any]:
        return {
            "median": self.median,
            "tail_p": self.tail_p,
            "tail": self.tail,
            "seed": self.seed,
            "sigma": self.sigma,
        }


class LatencyClock:
    """Hands each request its delay in arrival order (thread-safe); `reset` restarts it."""

    def __init__(self, model: LatencyModel | float = 0.0) -> None:
        self._lock = threading.Lock()
        self.model = model if isinstance(model, LatencyModel) else LatencyModel(median=model)
        self._next = 0

    def set(self, model: LatencyModel) -> None:
        with self._lock:
            self.model = model
            self._next = 0

    def next_delay(self) -> float:
        with self._lock:
            index, self._next = self._next, self._next + 1
            model = self.model
        return model.sample(index)
