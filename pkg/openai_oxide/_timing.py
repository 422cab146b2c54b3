"""Read and total timeouts, applied above the transport so every target measures alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import TypeVar

from ._core.errors import APITimeoutError
from ._core.http import Request

T = TypeVar("T")


class Deadline:
    """The budget of one call: `read` bounds each wait for bytes, `total` the whole call."""

    __slots__ = ("_loop", "at", "read")

    def __init__(self, read: float | None, total: float | None) -> None:
        self._loop = asyncio.get_running_loop()
        self.read = read
        self.at = None if total is None else self._loop.time() + total

    def remaining(self) -> float | None:
        return None if self.at is None else self.at - self._loop.time()

    def next_wait(self) -> float | None:
        """The longest the next wait for bytes may take."""
        now = self._loop.time()
        ends = self.wait_ends(now)
        return None if ends is None else ends - now

    def wait_ends(self, now: float) -> float | None:
        """When a wait for bytes begun at `now` must end (None: never); may be past."""
        if self.read is None:
            return self.at
        ends = now + self.read
        return ends if self.at is None or ends < self.at else self.at

    async def run(self, awaitable: Awaitable[T], request: Request | None) -> T:
        """Await `awaitable` within `next_wait()`; raise `APITimeoutError` when it runs out."""
        wait = self.next_wait()
        if wait is None:
            return await awaitable
        try:
            async with asyncio.timeout(max(wait, 0.0)):
                return await awaitable
        except TimeoutError as exc:
            raise APITimeoutError(request=request) from exc

    async def iterate(self, chunks: AsyncIterator[T], request: Request | None) -> AsyncIterator[T]:
        """Yield `chunks` (bytes, or a session's events), each within `next_wait()`: a
        stalled stream raises APITimeoutError."""
        watch = self.watch(request)
        it = aiter(chunks)
        try:
            while True:
                watch.start()
                try:
                    chunk = await anext(it)
                except StopAsyncIteration:
                    return
                except asyncio.CancelledError as exc:
                    watch.raise_if_expired(exc)
                    raise
                finally:
                    watch.waiting = False
                yield chunk
        finally:
            watch.stop()

    def watch(self, request: Request | None) -> Watch:
        """The timer of a read loop, for a loop that cannot spare a generator layer per
        chunk (a stream's): around each read, `start()`, then `waiting = False`; on a
        CancelledError, `raise_if_expired(exc)`; at the end, `stop()`. `iterate` is the
        reference use. Create and use it in the task that reads."""
        return Watch(self, request)


class Watch:
    """Bounds each read of a loop by the deadline's `next_wait()`.

    A stream has hundreds of chunks, so instead of a timer per chunk one watchdog timer
    per stream wakes up when the current wait could have expired, and re-arms itself
    while chunks keep coming. It cancels the task only while the task waits in a read
    (`waiting`), so the cancellation always lands there and becomes APITimeoutError.
    """

    __slots__ = (
        "_armed_at",
        "_cancelling",
        "_deadline",
        "_expires",
        "_fired",
        "_handle",
        "_loop",
        "_request",
        "_task",
        "waiting",
    )

    def __init__(self, deadline: Deadline, request: Request | None) -> None:
        self._deadline = deadline
        self._request = request
        self._loop = deadline._loop
        task = asyncio.current_task()
        # No task (a foreign loop) or no bound at all: plain reads, no timer.
        self._task = task if deadline.read is not None or deadline.at is not None else None
        self._cancelling = task.cancelling() if task is not None else 0
        # Pyodide's WebLoop returns plain Handles without when(), so keep the time here.
        self._handle: asyncio.Handle | None = None
        self._armed_at = 0.0
        self._fired = False
        self._expires = 0.0
        self.waiting = False

    def start(self) -> None:
        """A read begins: it may take until `Deadline.next_wait()` runs out."""
        if self._task is None:
            return
        expires = self._deadline.wait_ends(self._loop.time())
        assert expires is not None  # a task is kept only when there is a bound
        self._expires = expires
        self.waiting = True
        if self._handle is not None and self._armed_at > expires:
            self._handle.cancel()  # the total deadline made this wait shorter
            self._handle = None
        if self._handle is None:
            self._arm()

    def raise_if_expired(self, exc: asyncio.CancelledError) -> None:
        """After a CancelledError in a read: if it was this timer's (and no one else's),
        raise APITimeoutError instead."""
        if not self._fired:
            return
        self._fired = False
        assert self._task is not None
        if self._task.uncancel() <= self._cancelling:
            raise APITimeoutError(request=self._request) from exc

    def _arm(self) -> None:
        self._armed_at = self._expires
        # call_later, not call_at: Pyodide's WebLoop refuses a time already past.
        delay = max(self._expires - self._loop.time(), 0.0)
        self._handle = self._loop.call_later(delay, self._check)

    def _check(self) -> None:
        self._handle = None
        if not self.waiting:
            return  # re-armed by the next wait
        if self._loop.time() < self._expires:
            self._arm()
            return
        self._fired = True
        assert self._task is not None
        self._task.cancel()

    def stop(self) -> None:
        """Cancel the timer (the stream ended or was left)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
