"""Hedged requests, speculative alternatives and fan-out: the asyncio driver.

    resp = await hedged_request(lambda: client.responses.create(model=M, input="hi"), delay=0.2)
    resp = await hedged_request_n(lambda: client.responses.create(...), n=3, delay="adaptive")
    resp = await speculative([lambda: client.responses.create(model="a", ...), ...])
    results = await fan_out([lambda: client.responses.create(...), ...], limit=10)

A copy starts when the previous one has run `delay` seconds without an answer (or at
once when it failed), with at most `n` in flight; the first success wins and the others
are cancelled, which aborts their HTTP requests on every target. If every copy fails, the
last error is raised with the others in its `hedge_errors` attribute (and one line each in
`__notes__`). A stream is hedged up to its first event; the winner's stream is returned
as a `HedgedStream` (every attribute the stream's) with that event still to come.
`delay="adaptive"` waits the observed p95 of the call's endpoint and model
(`_core.hedge.ADAPTIVE_DEFAULT_DELAY`, 1 s, until it has `ADAPTIVE_MIN_SAMPLES`, 20,
answers). The decisions live in `_core/hedge.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from .._core import codec
from .._core.hedge import (
    HEDGE_PROBE,
    Delay,
    HedgeBudget,
    HedgeKey,
    HedgeStats,
    LatencyTracker,
    resolve_delay,
)

__all__ = [
    "HedgedStream",
    "Hedger",
    "fan_out",
    "hedge_stats",
    "hedged_request",
    "hedged_request_n",
    "speculative",
]

T = TypeVar("T")
Factory = Callable[[], Awaitable[T]]
_UNKNOWN: HedgeKey = ("", None)


class HedgedStream(Generic[T]):
    """The winning stream, its first event (already read while racing) handed out first.
    Any other attribute is the underlying stream's."""

    def __init__(self, stream: Any, first: T) -> None:
        self._stream = stream
        self._first: list[T] = [first]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __aiter__(self) -> AsyncIterator[T]:
        return self

    async def __anext__(self) -> T:
        if self._first:
            return self._first.pop()
        item: T = await self._stream.__anext__()
        return item

    async def close(self) -> None:
        await self._stream.close()

    async def __aenter__(self) -> HedgedStream[T]:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class Hedger:
    """Shared state of hedged calls: the latency samples per endpoint+model (for
    "adaptive"), the extra-request budget (`max_extra`) and the statistics. The module
    functions use one default Hedger unless given another."""

    def __init__(
        self, max_extra: float | None = None, *, delay: Delay = "adaptive", n: int = 2
    ) -> None:
        """`delay` and `n` apply where a client hedges its calls (`AsyncOpenAI(hedge=...)`)."""
        if n < 1:
            raise ValueError("n must be >= 1")
        resolve_delay(delay, LatencyTracker(), _UNKNOWN)  # a bad delay fails here
        self.delay, self.n = delay, n
        self.tracker = LatencyTracker()
        self.budget = HedgeBudget(max_extra)
        self.stats = HedgeStats()

    @classmethod
    def coerce(cls, value: Hedger | Delay) -> Hedger:
        """A client's `hedge=` option: a Hedger, or its delay (seconds or "adaptive")."""
        return value if isinstance(value, Hedger) else cls(delay=value)

    async def send(self, factory: Factory[T]) -> T:
        """A client's call (its sent request and answer), raced `n` copies `delay` apart."""
        return await self.run([factory] * self.n, self.delay, discard=_discard_sent)

    async def run(
        self,
        factories: Sequence[Factory[T]],
        delay: Delay,
        *,
        budgeted: bool = True,
        discard: Callable[[Any, HedgeStats], Awaitable[None]] | None = None,
    ) -> T:
        """Race the factories in order (see the module docstring); `budgeted=False` starts
        every copy regardless of the budget (speculative alternatives). `discard` releases
        a losing copy's value and counts its usage."""
        discard = discard or _discard
        if not factories:
            raise ValueError("at least one call is needed")
        self.stats.calls += 1
        self.budget.on_call()
        pending: dict[asyncio.Task[tuple[T, float]], int] = {}
        errors: list[BaseException] = []
        probe: list[HedgeKey] = []
        started = 0
        winner: tuple[T, float, int] | None = None

        def start() -> None:
            nonlocal started
            token = HEDGE_PROBE.set(probe if started == 0 else None)
            try:
                task = asyncio.ensure_future(_first_answer(factories[started]))
            finally:
                HEDGE_PROBE.reset(token)
            pending[task] = started
            started += 1

        def may_start() -> bool:
            if started >= len(factories):
                return False
            if budgeted and not self.budget.try_spend():
                self.stats.denied_by_budget += 1
                return False
            self.stats.extra_requests += 1
            return True

        start()
        await asyncio.sleep(0)  # let the first copy build its request, so `probe` names it
        key = probe[0] if probe else _UNKNOWN
        wait = resolve_delay(delay, self.tracker, key)
        budget_open = True
        try:
            while pending and winner is None:
                timeout = wait if budget_open and started < len(factories) else None
                done, _ = await asyncio.wait(
                    pending, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
                )
                failed = False
                for task in done:
                    index = pending.pop(task)
                    if task.cancelled():
                        continue
                    exc = task.exception()
                    if exc is not None:
                        errors.append(exc)
                        self.stats.failed_copies += 1
                        failed = True
                    elif winner is None:
                        value, elapsed = task.result()
                        winner = (value, elapsed, index)
                    else:
                        await discard(task.result()[0], self.stats)
                if winner is None and (failed or not done) and budget_open:
                    if may_start():
                        start()
                    else:
                        budget_open = False
        finally:
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(BaseException):
                    await discard((await task)[0], self.stats)  # it finished first
                if task.cancelled():
                    self.stats.cancelled += 1
        if winner is None:
            raise _all_failed(errors)
        value, elapsed, index = winner
        self.tracker.observe(key, elapsed)
        if index > 0:
            self.stats.hedged_wins += 1
        return value


async def _first_answer(factory: Factory[T]) -> tuple[T, float]:
    """Run one copy until it answers: a stream until its first event. Returns the value
    and the seconds it took."""
    began = time.perf_counter()
    value: Any = await factory()
    if hasattr(value, "__anext__"):
        try:
            first = await value.__anext__()
        except BaseException:
            with contextlib.suppress(Exception):
                await value.close()
            raise
        value = HedgedStream(value, first)
    return value, time.perf_counter() - began


_TOKENS = ("input_tokens", "output_tokens", "prompt_tokens", "completion_tokens")


async def _discard(value: object, stats: HedgeStats) -> None:
    """A losing copy that finished anyway: count its usage, close it if it is a stream."""
    usage = getattr(value, "usage", None)
    if usage is not None:
        counts = {n: getattr(usage, n) for n in _TOKENS if isinstance(getattr(usage, n, None), int)}
        stats.add_loser_usage(counts)
    if isinstance(value, HedgedStream):
        await value.close()


async def _discard_sent(value: Any, stats: HedgeStats) -> None:
    """A losing client call: close its open answer, or count the usage in its body."""
    _, answer, deadline = value
    if not isinstance(answer, bytes):
        deadline.release()  # a stream's head timer, kept for reads that never come
        await answer.aclose()
        return
    with contextlib.suppress(ValueError):
        usage = codec.loads(answer).get("usage")
        if isinstance(usage, dict):
            stats.add_loser_usage({n: usage[n] for n in _TOKENS if isinstance(usage.get(n), int)})


def _all_failed(errors: list[BaseException]) -> BaseException:
    if not errors:  # every copy was cancelled from inside its own call
        return asyncio.CancelledError()
    last = errors[-1]
    others = errors[:-1]
    last.hedge_errors = others  # type: ignore[attr-defined]
    for other in others:
        last.add_note(f"an earlier hedged copy failed: {type(other).__name__}: {other}")
    return last


_DEFAULT = Hedger()


def hedge_stats(hedger: Hedger | None = None) -> HedgeStats:
    """The statistics of the default Hedger (or of `hedger`): calls, extra requests,
    wins by a later copy, cancelled copies and the usage of losers that finished."""
    return (hedger or _DEFAULT).stats


async def hedged_request(
    factory: Factory[T],
    *,
    delay: Delay = 0.2,
    max_extra: float | None = None,
    hedger: Hedger | None = None,
) -> T:
    """One call, plus a second copy if the first has not answered after `delay`."""
    return await hedged_request_n(factory, n=2, delay=delay, max_extra=max_extra, hedger=hedger)


async def hedged_request_n(
    factory: Factory[T],
    *,
    n: int = 2,
    delay: Delay = "adaptive",
    max_extra: float | None = None,
    hedger: Hedger | None = None,
) -> T:
    """Up to `n` copies of one call, each started `delay` after the previous one.
    `max_extra` sets the default Hedger's budget (extra copies per call, e.g. 0.1)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    chosen = hedger or _DEFAULT
    if max_extra is not None and chosen.budget.max_extra != max_extra:
        chosen.budget = HedgeBudget(max_extra)
    return await chosen.run([factory] * n, delay)


async def speculative(
    factories: Sequence[Factory[T]], *, delay: Delay = 0.0, hedger: Hedger | None = None
) -> T:
    """Different calls for the same need (other models, other providers), started `delay`
    apart (at once by default); the first success wins. The budget does not apply."""
    return await (hedger or _DEFAULT).run(list(factories), delay, budgeted=False)


async def fan_out(
    factories: Sequence[Factory[T]],
    *,
    limit: int | None = None,
    cancel_on_error: bool = False,
    return_exceptions: bool = False,
) -> list[Any]:
    """Run every call, at most `limit` at once, and return the results in input order.

    On a failure: with `return_exceptions` the error takes the call's place; otherwise
    the first failure (in input order) is raised once every call has ended, or at once,
    the other calls cancelled, with `cancel_on_error`. Natively, calls to one HTTP/2
    server share one connection."""
    if limit is not None and limit < 1:
        raise ValueError("limit must be >= 1 or None")
    gate = asyncio.Semaphore(limit or max(1, len(factories)))

    async def one(factory: Factory[T]) -> T:
        async with gate:
            return await factory()

    tasks = [asyncio.ensure_future(one(f)) for f in factories]
    try:
        if cancel_on_error and not return_exceptions:
            await asyncio.gather(*tasks)  # raises the first failure; `finally` cancels the rest
        elif tasks:
            await asyncio.wait(tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    results: list[Any] = []
    for task in tasks:
        exc = None if task.cancelled() else task.exception()
        if exc is not None and not return_exceptions:
            raise exc
        results.append(exc if exc is not None else task.result())
    return results
