"""Calling application code of one flavor: a sync toolset's driver and callbacks must
not return awaitables, an async toolset's are awaited. The toolsets run one coroutine
core for both; a sync toolset's core never suspends, so `drive` runs it without a loop
(and so without a thread: the same under Pyodide)."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypedDict, TypeVar

T = TypeVar("T")


def invoke(fn: Callable[..., Any], *args: Any, cancelled: Callable[[], bool] | None) -> Any:
    """`fn(*args)`, passing `cancelled=` when `fn` takes it (as the official)."""
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return fn(*args)
    if "cancelled" in parameters:
        return fn(*args, cancelled=cancelled)
    return fn(*args)


def flavor(fn: Callable[..., Any]) -> bool | None:
    """True for a coroutine function, False for a plain one, None when unknown."""
    target = getattr(fn, "__func__", fn)
    if inspect.iscoroutinefunction(target):
        return True
    if inspect.isfunction(target) or inspect.ismethod(fn):
        return False
    return None


async def settle(value: Any, asynchronous: bool, what: str) -> Any:
    """The value of a callback's result: awaited for an async toolset; a sync toolset
    refuses an awaitable (it would never run)."""
    if not inspect.isawaitable(value):
        return value
    if asynchronous:
        return await value
    if inspect.iscoroutine(value):
        value.close()
    raise TypeError(f"{what} returned an awaitable; use the async toolset.")


def drive(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends to its result."""
    try:
        coro.send(None)
    except StopIteration as stop:
        result: T = stop.value
        return result
    coro.close()
    raise RuntimeError("A sync toolset's call suspended; use the async toolset.")


class CloseStatus(TypedDict):
    status: Literal["closed", "draining"]


class Lifecycle:
    """One call at a time, and none after `close()` (the official toolsets' and runners'
    admission). The lock is a no-op where there are no threads (Pyodide)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._active = False
        self._closed = False

    def enter(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError(f"{self._name} is closed.")
            if self._active:
                raise RuntimeError(f"{self._name} is busy with another call.")
            self._active = True

    def exit(self) -> None:
        with self._lock:
            self._active = False

    @contextmanager
    def admitted(self) -> Iterator[None]:
        self.enter()
        try:
            yield
        finally:
            self.exit()

    def close(self) -> CloseStatus:
        with self._lock:
            self._closed = True
            return {"status": "draining" if self._active else "closed"}
