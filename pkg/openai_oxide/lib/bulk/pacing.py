"""When the next request may go: requests- and tokens-per-minute budgets, no I/O, no clock.

OpenAI enforces a minute's budget over shorter windows (60,000 a minute may be enforced
as 1,000 a second), so each budget is a token bucket holding one second's share, refilled
continuously: the runner never sends more than a second's share at once. It paces at
`MARGIN` of the limit and bursts at most `BURST` of a second's share, so the jitter
between sending and arriving (new connections, a busy loop) does not tip the server's
own bucket over. A request larger than a second's share waits for a full bucket
and leaves it in debt (as the server counts it).

A second view per budget follows the server's minute bucket: each answer's
`x-ratelimit-remaining-*` lowers it (less what was sent after that request left), and
`x-ratelimit-limit-*` gives a budget the caller did not give, or lowers one set too high.
That view refills at limit/60 a second, as OpenAI documents, unless the answer's
`x-ratelimit-reset-*` (when the bucket is full again) says sooner or later: then it
refills at the rate that fills it by then (remaining 0 with a reset of 20ms waits 20ms,
not a request's share of a minute), and at limit/60 again once full.
A 429 pauses every request until the server's Retry-After has passed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..._core.ratelimits import RateLimit, RateLimits

__all__ = ["BURST", "MARGIN", "Pacer", "Sent"]

MARGIN = 0.95
BURST = 0.8


@dataclass(frozen=True, slots=True)
class Sent:
    """Requests and estimated tokens sent since the pacer started."""

    requests: int = 0
    tokens: int = 0


class _Allowance:
    """One budget: a second's share at once, and the server's minute as last reported."""

    __slots__ = ("capacity", "level", "limit", "minute", "minute_rate", "rate", "updated")

    def __init__(self, per_minute: float, now: float) -> None:
        self.level = self.minute = math.inf
        self.resize(per_minute)
        self.updated = now

    def resize(self, per_minute: float) -> None:
        self.limit = per_minute
        self.rate = per_minute / 60 * MARGIN
        self.capacity = per_minute / 60 * BURST
        self.level = min(self.level, self.capacity)
        self.minute = min(self.minute, per_minute)
        self.minute_rate = per_minute / 60

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.level = min(self.capacity, self.level + elapsed * self.rate)
        self.minute = self.minute + elapsed * self.minute_rate
        if self.minute >= self.limit:  # full: a reset's rate has done its part
            self.minute, self.minute_rate = self.limit, self.limit / 60
        self.updated = now

    def wait(self, cost: float) -> float:
        short = min(cost, self.capacity) - self.level
        minute = min(cost, self.limit) - self.minute
        return max(0.0, short / self.rate, minute / self.minute_rate)

    def spend(self, cost: float) -> None:
        self.level -= cost
        self.minute -= cost

    def observe(self, seen: RateLimit, sent_after: int) -> None:
        if seen.remaining is not None:
            self.minute = min(self.minute, seen.remaining - sent_after)
        missing = self.limit - self.minute
        if seen.reset is not None and missing > 0:
            # full again in `reset` seconds, by the server's count (a floor of 1 ms)
            self.minute_rate = missing / max(seen.reset, 0.001)


class Pacer:
    """`take(now, tokens)` gives 0 and counts the request when it may go now, else the
    seconds to wait before asking again. `rpm`/`tpm` None: no budget until an answer
    reports one (times `share`, this shard's part)."""

    def __init__(
        self, rpm: float | None, tpm: float | None, *, now: float, share: float = 1.0
    ) -> None:
        self.share = share
        self._given = {"requests": rpm is not None, "tokens": tpm is not None}
        self._budgets: dict[str, _Allowance | None] = {
            "requests": None if rpm is None else _Allowance(rpm * share, now),
            "tokens": None if tpm is None else _Allowance(tpm * share, now),
        }
        self.paused_until = -math.inf
        self.sent = Sent()

    def take(self, now: float, tokens: int) -> float:
        if now < self.paused_until:
            return self.paused_until - now
        costs = {"requests": 1, "tokens": tokens}
        wait = 0.0
        for name, budget in self._budgets.items():
            if budget is not None:
                budget.refill(now)
                wait = max(wait, budget.wait(costs[name]))
        if wait > 0:
            return wait
        for name, budget in self._budgets.items():
            if budget is not None:
                budget.spend(costs[name])
        self.sent = Sent(self.sent.requests + 1, self.sent.tokens + tokens)
        return 0.0

    def pause(self, until: float) -> None:
        """Hold every request until `until` (a 429's Retry-After); the short buckets empty,
        since the server's are."""
        self.paused_until = max(self.paused_until, until)
        for budget in self._budgets.values():
            if budget is not None:
                budget.level = min(budget.level, 0.0)

    def observe(self, limits: RateLimits, now: float, since: Sent) -> None:
        """An answer's `x-ratelimit-*`; `since` is `sent` just after its request left."""
        after = {
            "requests": self.sent.requests - since.requests,
            "tokens": self.sent.tokens - since.tokens,
        }
        for name in ("requests", "tokens"):
            seen = limits.buckets.get(name)
            if seen is None:
                continue
            budget = self._budgets[name]
            if budget is None and not self._given[name] and seen.limit:
                budget = self._budgets[name] = _Allowance(seen.limit * self.share, now)
                budget.level = 0.0  # what was sent blind has spent the server's share
            if budget is not None:
                budget.refill(now)
                if seen.limit and seen.limit * self.share < budget.limit:
                    budget.resize(seen.limit * self.share)  # the server knows better
                budget.observe(seen, after[name])
