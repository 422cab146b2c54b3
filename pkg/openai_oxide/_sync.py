"""`OpenAI`: the sync client, a façade that drives `AsyncOpenAI` on a private event loop.

Nothing is written twice: natively every call runs the async code on one background loop
thread, so it also works from code that already runs a loop (a notebook); under Pyodide
it blocks through JSPI where the runtime has it. Coroutines are run to
completion; streams, pages and endpoint groups come back wrapped in `SyncProxy`, which
turns `async for` into `for` and `async with` into `with`.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
import threading
from collections.abc import Coroutine, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._core.errors import SyncUnavailableError
from ._pagination import AsyncPaginator
from ._resource import AsyncAPIResource
from ._response import AsyncResponseContextManager, LegacyAPIResponse, ResponseContextManager
from ._streaming import EventStream

if TYPE_CHECKING:
    from ._client import AsyncOpenAI

T = TypeVar("T")


class _LoopThread:
    """One daemon thread running an event loop, started on first use."""

    _lock = threading.Lock()
    _loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def run(cls, coro: Coroutine[Any, Any, T]) -> T:
        if sys.platform == "emscripten":
            return _run_with_jspi(coro)
        loop = cls._get_loop()
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # e.g. KeyboardInterrupt: stop the request too
            raise

    @classmethod
    def _get_loop(cls) -> asyncio.AbstractEventLoop:
        with cls._lock:
            if cls._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name="openai-oxide-sync", daemon=True
                )
                thread.start()
                cls._loop = loop
            return cls._loop


def _run_with_jspi(coro: Coroutine[Any, Any, T]) -> T:
    """Pyodide has no threads; JSPI lets sync code block on the browser's event loop."""
    from pyodide.ffi import can_run_sync, run_sync

    if not can_run_sync():
        coro.close()
        raise SyncUnavailableError(
            "The sync OpenAI client needs JSPI (WebAssembly stack switching), which this "
            "runtime does not offer here: use AsyncOpenAI and await its calls. Chromium has "
            "JSPI; Node needs --experimental-wasm-stack-switching."
        )
    result: T = run_sync(coro)
    return result


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    return _LoopThread.run(coro)


def wrap(value: Any) -> Any:
    """Make one async result usable from sync code."""
    if inspect.iscoroutine(value):
        value = run_sync(value)
    if isinstance(value, AsyncPaginator):
        value = run_sync(_await(value))
    if isinstance(value, EventStream):
        return Stream(value)
    if isinstance(value, LegacyAPIResponse):
        return value.for_sync(wrap)
    if isinstance(value, AsyncResponseContextManager):
        return ResponseContextManager(value, run_sync, wrap)
    if isinstance(value, AsyncAPIResource) or hasattr(value, "__aiter__"):
        return SyncProxy(value)
    if hasattr(value, "__aenter__"):
        return SyncProxy(value)
    return value


async def _await(awaitable: Any) -> Any:
    return await awaitable


class SyncProxy:
    """Sync view of an async object: methods block, async iteration becomes iteration."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if callable(attr):
            return lambda *args, **kwargs: wrap(attr(*args, **kwargs))
        return wrap(attr)

    def __iter__(self) -> Iterator[Any]:
        iterator = aiter(self._target)
        try:
            while True:
                try:
                    yield run_sync(_anext(iterator))
                except StopAsyncIteration:
                    return
        finally:
            aclose = getattr(iterator, "aclose", None)
            if aclose is not None:
                run_sync(aclose())

    def __enter__(self) -> Any:
        enter = getattr(self._target, "__aenter__", None)
        if enter is None:
            return self
        entered = run_sync(enter())
        return self if entered is self._target else wrap(entered)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        exit_ = getattr(self._target, "__aexit__", None)
        if exit_ is not None:
            run_sync(exit_(exc_type, exc, tb))
        else:
            close = getattr(self._target, "close", None)
            if close is not None:
                wrap(close())

    def __repr__(self) -> str:
        return f"<sync {self._target!r}>"


class Stream(SyncProxy, Generic[T]):
    """The sync view of an `AsyncStream[T]` (or a WebSocket turn's `WebSocketStream[T]`):
    `for event in stream`, `with stream`."""

    __slots__ = ()


async def _anext(iterator: Any) -> Any:
    return await anext(iterator)


class OpenAI:
    """The sync client: `OpenAI(**same arguments as AsyncOpenAI)`."""

    def __init__(self, **kwargs: Any) -> None:
        self._async = kwargs.pop("_async", None) or self._make_async(**kwargs)

    @staticmethod
    def _make_async(**kwargs: Any) -> AsyncOpenAI:
        """The async client this façade drives (Azure and Bedrock make their own)."""
        from ._client import AsyncOpenAI

        return AsyncOpenAI(**kwargs)

    @property
    def api_key(self) -> str:
        return str(self._async.api_key)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return wrap(getattr(self._async, name))

    def get(self, path: str, **kwargs: Any) -> Any:
        return run_sync(self._async.get(path, **kwargs))

    def post(self, path: str, **kwargs: Any) -> Any:
        return run_sync(self._async.post(path, **kwargs))

    def delete(self, path: str, **kwargs: Any) -> Any:
        return run_sync(self._async.delete(path, **kwargs))

    def with_options(self, **kwargs: Any) -> Self:
        return type(self)(_async=self._async.with_options(**kwargs))

    copy = with_options

    def close(self) -> None:
        run_sync(self._async.close())

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._async.base_url!r}>"


Client = OpenAI
