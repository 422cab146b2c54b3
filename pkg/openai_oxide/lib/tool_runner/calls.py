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
    """`fn(*args)`, passing `cancelled=` when `fn` takes it by keyword and `args` leave it
    unbound (as the official)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return fn(*args)
    parameter = signature.parameters.get("cancelled")
    if (
        parameter is not None
        and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        and "cancelled" not in signature.bind_partial(*args).arguments
    ):
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


async def settle(value: Any, asynchronous: bool, refusal: Exception | None) -> Any:
    """The value of a callback's result: awaited for an async toolset. A sync toolset
    never runs an awaitable: a driver's raises `refusal`; an approval's (`refusal` None)
    is None, so not approved (as the official, which tests the result `is True`)."""
    if not inspect.isawaitable(value):
        return value
    if asynchronous:
        return await value
    if inspect.iscoroutine(value):
        value.close()
    if refusal is not None:
        raise refusal
    return None


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
