"""Read and total timeouts, applied above the transport so every target measures alike."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from ._core.errors import APITimeoutError
from ._core.http import Request

T = TypeVar("T")


class Deadline:
    """The budget of one call: `read` bounds each wait for bytes, `total` the whole call."""

    __slots__ = ("_kept", "_loop", "at", "read")

    def __init__(self, read: float | None, total: float | None) -> None:
        self._loop = asyncio.get_running_loop()
        self.read = read
        self.at = None if total is None else self._loop.time() + total
        self._kept: Watch | None = None

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

    async def iterate(
        self, chunks: AsyncIterator[T], request: Request | None, watch: Watch | None = None
    ) -> AsyncIterator[T]:
        """Yield `chunks` (bytes, or a session's events), each within `next_wait()`: a
        stalled stream raises APITimeoutError. `watch`: one already started for the same
        request (its timer is reused; the caller stops it)."""
        own = watch is None
        watch = self.watch(request) if watch is None else watch
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
            if own:
                watch.stop()

    def watch(self, request: Request | None) -> Watch:
        """The timer of a read loop, for a loop that cannot spare a generator layer per
        chunk (a stream's): around each read, `start()`, then `waiting = False`; on a
        CancelledError, `raise_if_expired(exc)` (`wait()` does all three for one await);
        at the end, `stop()`. `iterate` is the reference use. Create and use it in the
        task that reads. A watch `keep()`-ed for the same request is taken over when this
        task is the one it watches: its timer goes on, no second one is armed."""
        kept = self._kept
        if kept is not None:
            self._kept = None
            if kept._task is None or kept._task is asyncio.current_task():
                return kept
            kept.stop()
        return Watch(self, request)

    def keep(self, watch: Watch) -> None:
        """Leave `watch` (the head's) running for the reads of the body, the next `watch()`."""
        self._kept = watch

    def release(self) -> None:
        """Stop a kept watch that no read loop took (a stream closed before its first read)."""
        kept, self._kept = self._kept, None
        if kept is not None:
            kept.stop()


def _later(loop: asyncio.AbstractEventLoop, delay: float, callback: Callable[[], None]) -> Any:
    """Run `callback` on `loop` after `delay` s; the result has `cancel()`. Pyodide's loop
    never clears the JS timer of a cancelled `call_later` (it stays pending, holding its
    callback, until it fires: 600 s for a default read timeout, keeping Node alive), so
    there the timer is a JS one that `cancel()` clears."""
    if sys.platform == "emscripten" and type(loop).__module__ == "pyodide.webloop":
        return _JsTimer(loop, delay, callback)
    return loop.call_later(delay, callback)


class _JsTimer:
    __slots__ = ("_id", "_proxy")

    def __init__(
        self, loop: asyncio.AbstractEventLoop, delay: float, callback: Callable[[], None]
    ) -> None:
        import js
        from pyodide.ffi import create_once_callable

        self._proxy: Any = None

        def fire() -> None:
            self._proxy = None  # a once-callable destroys itself
            loop.call_soon(callback)  # in the loop, as its own timers run

        self._proxy = create_once_callable(fire)
        # setTimeout's longest delay is a 32-bit int of ms
        self._id = js.setTimeout(self._proxy, min(delay * 1000, 2**31 - 1))

    def cancelled(self) -> bool:
        """Cleared, or fired: no JS timer is left."""
        return self._proxy is None

    def cancel(self) -> None:
        if self._proxy is not None:
            import js

            js.clearTimeout(self._id)
            self._proxy.destroy()
            self._proxy = None


class Watch:
    """Bounds each read of a loop by the deadline's `next_wait()`.

    A stream has hundreds of chunks, so instead of a timer per chunk one watchdog timer
    per stream wakes up when the current wait could have expired, and re-arms itself
    while chunks keep coming. It cancels the task only while the task waits in a read
    (`waiting`), so the cancellation always lands there and becomes APITimeoutError.
    """

    __slots__ = (
        "_began",
        "_cancelling",
        "_deadline",
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
        self._handle: Any = None  # asyncio.TimerHandle, or _JsTimer under Pyodide
        self._began = 0.0  # when the current read began
        self._fired = False
        self.waiting = False

    def start(self) -> None:
        """A read begins: it may take until `Deadline.next_wait()` runs out. Only its
        start is noted here: the timer, once armed, works out the bound when it wakes
        (a later read's bound is never earlier than an earlier one's)."""
        if self._task is None:
            return
        self._began = self._loop.time()
        self.waiting = True
        if self._handle is None:
            self._arm(self._began)

    async def wait(self, awaitable: Awaitable[T]) -> T:
        """Await `awaitable` as one read: APITimeoutError if it outlasts its bound."""
        self.start()
        try:
            return await awaitable
        except asyncio.CancelledError as exc:
            self.raise_if_expired(exc)
            raise
        finally:
            self.waiting = False

    def raise_if_expired(self, exc: asyncio.CancelledError) -> None:
        """After a CancelledError in a read: if it was this timer's (and no one else's),
        raise APITimeoutError instead."""
        if not self._fired:
            return
        self._fired = False
        assert self._task is not None
        if self._task.uncancel() <= self._cancelling:
            raise APITimeoutError(request=self._request) from exc

    def _ends(self) -> float:
        ends = self._deadline.wait_ends(self._began)
        assert ends is not None  # a task is kept only when there is a bound
        return ends

    def _arm(self, now: float) -> None:
        # call_later, not call_at: Pyodide's WebLoop refuses a time already past.
        self._handle = _later(self._loop, max(self._ends() - now, 0.0), self._check)

    def _check(self) -> None:
        self._handle = None
        if not self.waiting:
            return  # re-armed by the next read
        now = self._loop.time()
        if now < self._ends():
            self._arm(now)
            return
        self._fired = True
        assert self._task is not None
        self._task.cancel()

    def stop(self) -> None:
        """Cancel the timer (the stream ended or was left)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
