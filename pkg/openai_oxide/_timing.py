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
        left = self.remaining()
        if left is None:
            return self.read
        return left if self.read is None else min(self.read, left)

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
        stalled stream raises APITimeoutError.

        A stream has hundreds of chunks, so instead of a timer per chunk one watchdog timer
        per stream wakes up when the current wait could have expired, and re-arms itself
        while bytes keep coming. It cancels the task only while the task is suspended in
        this wait, so the cancellation always lands here and becomes APITimeoutError.
        """
        it = aiter(chunks)
        task = asyncio.current_task()
        if task is None or self.next_wait() is None:
            async for chunk in it:
                yield chunk
            return
        watch = _Watchdog(self._loop, task)
        try:
            while True:
                wait = self.next_wait()
                watch.start_wait(max(wait or 0.0, 0.0))
                try:
                    chunk = await anext(it)
                except StopAsyncIteration:
                    return
                except asyncio.CancelledError as exc:
                    if watch.expired():
                        raise APITimeoutError(request=request) from exc
                    raise
                finally:
                    watch.waiting = False
                yield chunk
        finally:
            watch.stop()


class _Watchdog:
    __slots__ = (
        "_armed_at",
        "_cancelling",
        "_fired",
        "_handle",
        "_loop",
        "_task",
        "expires",
        "waiting",
    )

    def __init__(self, loop: asyncio.AbstractEventLoop, task: asyncio.Task[object]) -> None:
        self._loop = loop
        self._task = task
        self._cancelling = task.cancelling()
        # Pyodide's WebLoop returns plain Handles without when(), so keep the time here.
        self._handle: asyncio.Handle | None = None
        self._armed_at = 0.0
        self._fired = False
        self.waiting = False
        self.expires = 0.0

    def start_wait(self, wait: float) -> None:
        self.expires = self._loop.time() + wait
        self.waiting = True
        if self._handle is not None and self._armed_at > self.expires:
            self._handle.cancel()  # the total deadline made this wait shorter
            self._handle = None
        if self._handle is None:
            self._arm()

    def _arm(self) -> None:
        self._armed_at = self.expires
        # call_later, not call_at: Pyodide's WebLoop refuses a time already past.
        delay = max(self.expires - self._loop.time(), 0.0)
        self._handle = self._loop.call_later(delay, self._check)

    def _check(self) -> None:
        self._handle = None
        if not self.waiting:
            return  # re-armed by the next wait
        if self._loop.time() < self.expires:
            self._arm()
            return
        self._fired = True
        self._task.cancel()

    def expired(self) -> bool:
        """After a CancelledError: was it ours (and no one else's)? Then swallow it."""
        if not self._fired:
            return False
        self._fired = False
        return self._task.uncancel() <= self._cancelling

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
