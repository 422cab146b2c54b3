"""A rate-limit budget for the fake: `x-ratelimit-*` headers and 429s, as OpenAI sends them.

    FakeOpenAI(rate_limits=RateBudget(rpm=600, tpm=100_000))

Each budget (requests, tokens) is two token buckets refilled at limit/60 per second: one
holding a minute's worth (what `x-ratelimit-remaining-*` and `-reset-*` report) and one
holding only `window` seconds' share, since OpenAI enforces a minute's budget over shorter
windows (60,000 a minute may be enforced as 1,000 a second). A request must fit both, or
it gets 429 with `retry-after-ms` and `retry-after` saying when it would fit. A request
larger than a window's share is admitted once the bucket is full, leaving it in debt.

A request's tokens are counted as OpenAI's limiter counts them before generating: the
prompt's characters / 4 plus `max_tokens` (or `max_completion_tokens`,
`max_output_tokens`) times `n`. Every admission is logged (`admitted`) so a test can count
requests per window; `refused` counts the 429s.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from .delivery import Answer
from .errors import error_body

__all__ = ["RateBudget", "request_tokens"]

_PROMPT_FIELDS = ("messages", "input", "prompt", "instructions")
_MAX_FIELDS = ("max_tokens", "max_completion_tokens", "max_output_tokens")


def _text_chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(_text_chars(v) for v in value)
    if isinstance(value, dict):
        return sum(_text_chars(v) for v in value.values())
    return 0


def request_tokens(body: Any) -> int:
    """The tokens a request is charged before it runs (see the module docstring)."""
    if not isinstance(body, dict):
        return 0
    prompt = sum(_text_chars(body.get(name)) for name in _PROMPT_FIELDS)
    n = body.get("n")
    most = next((body[k] for k in _MAX_FIELDS if isinstance(body.get(k), int)), 0)
    return math.ceil(prompt / 4) + most * (n if isinstance(n, int) and n > 1 else 1)


class _Bucket:
    __slots__ = ("capacity", "level", "rate", "updated")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity, self.rate, self.level, self.updated = capacity, rate, capacity, now

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self, cost: float) -> float:
        """Seconds until `cost` fits (0 when it does now)."""
        need = min(cost, self.capacity) - self.level
        return max(0.0, need / self.rate)


def go_duration(seconds: float) -> str:
    """`x-ratelimit-reset-*` as OpenAI writes it: `20ms`, `1.5s`, `6m0s`."""
    if seconds < 1:
        return f"{math.ceil(seconds * 1000)}ms"
    if seconds < 60:
        return f"{round(seconds, 3):g}s"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}m{round(rest, 3):g}s"


@dataclass(frozen=True, slots=True)
class Admission:
    """When a request was let through, and the tokens it was charged."""

    at: float
    tokens: int


class RateBudget:
    """Requests and tokens per minute, enforced over `window`-second shares."""

    def __init__(
        self,
        *,
        rpm: int | None = None,
        tpm: int | None = None,
        window: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rpm is None and tpm is None:
            raise ValueError("RateBudget needs rpm=, tpm= or both")
        if any(v is not None and v <= 0 for v in (rpm, tpm)) or window <= 0:
            raise ValueError("rpm, tpm and window must be positive")
        self.rpm, self.tpm, self.window = rpm, tpm, window
        self._clock = clock
        self._lock = threading.Lock()
        self.admitted: list[Admission] = []
        self.refused = 0
        self._buckets: dict[str, tuple[_Bucket, _Bucket]] = {}
        self._reset_buckets()

    def _reset_buckets(self) -> None:
        now = self._clock()
        self._buckets = {
            name: (
                _Bucket(limit, limit / 60, now),
                _Bucket(limit * self.window / 60, limit / 60, now),
            )
            for name, limit in (("requests", self.rpm), ("tokens", self.tpm))
            if limit is not None
        }

    def reset(self) -> None:
        """Full buckets and an empty log."""
        with self._lock:
            self.admitted.clear()
            self.refused = 0
            self._reset_buckets()

    def admit(self, body: Any) -> tuple[Answer | None, list[tuple[bytes, bytes]]]:
        """Charge one request: (None, headers) when admitted, else (the 429, headers)."""
        tokens = request_tokens(body)
        costs = {"requests": 1, "tokens": tokens}
        with self._lock:
            now = self._clock()
            waits: dict[str, float] = {}
            for name, pair in self._buckets.items():
                for bucket in pair:
                    bucket.refill(now)
                    waits[name] = max(waits.get(name, 0.0), bucket.wait(costs[name]))
            blocked = max(waits, key=lambda k: waits[k])
            if waits[blocked] > 0:
                self.refused += 1
                return self._refusal(body, blocked, costs[blocked], waits[blocked]), self._heads()
            for name, pair in self._buckets.items():
                for bucket in pair:
                    bucket.level -= costs[name]
            self.admitted.append(Admission(now, tokens))
            return None, self._heads()

    def headers(self) -> list[tuple[bytes, bytes]]:
        """The x-ratelimit-* headers of the budget as it stands, charging nothing (a
        WebSocket handshake's answer carries them)."""
        with self._lock:
            now = self._clock()
            for pair in self._buckets.values():
                for bucket in pair:
                    bucket.refill(now)
            return self._heads()

    def _heads(self) -> list[tuple[bytes, bytes]]:
        out: list[tuple[bytes, bytes]] = []
        for name, (minute, _) in self._buckets.items():
            reset = (minute.capacity - minute.level) / minute.rate
            out += [
                (f"x-ratelimit-limit-{name}".encode(), str(int(minute.capacity)).encode()),
                (
                    f"x-ratelimit-remaining-{name}".encode(),
                    str(max(0, math.floor(minute.level))).encode(),
                ),
                (f"x-ratelimit-reset-{name}".encode(), go_duration(reset).encode()),
            ]
        return out

    def _refusal(self, body: Any, name: str, cost: int, wait: float) -> Answer:
        minute, _ = self._buckets[name]
        model = body.get("model") if isinstance(body, dict) else None
        unit = "RPM" if name == "requests" else "TPM"
        used = max(0, math.ceil(minute.capacity - minute.level))
        message = (
            f"Rate limit reached for {model or 'default'} in organization org-fake on "
            f"{name} per min ({unit}): Limit {int(minute.capacity)}, Used {used}, Requested "
            f"{cost}. Please try again in {go_duration(wait)}. Visit "
            "https://platform.openai.com/account/rate-limits to learn more."
        )
        payload = error_body(message, type=name, code="rate_limit_exceeded")
        headers = [
            (b"retry-after-ms", str(math.ceil(wait * 1000)).encode()),
            (b"retry-after", str(math.ceil(wait)).encode()),
        ]
        return Answer(429, orjson.dumps(payload), headers=headers)
