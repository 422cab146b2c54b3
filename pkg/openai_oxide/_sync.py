"""The sync runtime: what the generated sync classes (`openai_oxide.sync`, made by
scripts/generate.py from the async ones) run on.

Nothing is written twice: natively every call runs the async code on one background loop
thread, so it also works from code that already runs a loop (a notebook); under Pyodide
it blocks through JSPI where the runtime has it. `to_sync` turns what an async method
returns into its sync counterpart: streams, pages, stream managers, response views and
the generated wrappers of resources and helpers (`sync/_registry.py`).
"""

from __future__ import annotations

import asyncio
import builtins
import inspect
import queue
import sys
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from importlib import import_module
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._core.errors import SyncUnavailableError

if TYPE_CHECKING:
    from ._core.http import ResponseHead
    from ._pagination import AsyncNextCursorPage, AsyncPage

T = TypeVar("T")
S = TypeVar("S")

__all__ = [
    "RawResponseView",
    "Stream",
    "StreamManager",
    "StreamingResponseView",
    "SyncAPIResource",
    "SyncClient",
    "SyncConversationCursorPage",
    "SyncCursorPage",
    "SyncNextCursorPage",
    "SyncPage",
    "SyncWrapper",
    "run_sync",
    "to_sync",
]


class _LoopThread:
    """One daemon thread running an event loop, started on first use."""

    _lock = threading.Lock()
    loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def _get_loop(cls) -> asyncio.AbstractEventLoop:
        loop = cls.loop
        if loop is not None:
            return loop
        with cls._lock:
            if cls.loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=loop.run_forever, name="openai-oxide-sync", daemon=True
                )
                thread.start()
                cls.loop = loop
            return cls.loop


_EMSCRIPTEN = sys.platform == "emscripten"


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code: on the loop thread, or through JSPI."""
    if _EMSCRIPTEN:
        return _run_with_jspi(coro)
    return _Call(coro).result()


class _Call(Generic[T]):
    """One coroutine run on the loop thread while the calling thread waits on a lock.
    Lighter than `run_coroutine_threadsafe` (no concurrent Future, its Condition and the
    extra loop turn of a done-callback), which matters for a sync client's small calls."""

    __slots__ = ("_coro", "_done", "_error", "_loop", "_result", "_task")

    def __init__(self, coro: Coroutine[Any, Any, T]) -> None:
        self._coro = coro
        self._task: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._done = threading.Lock()
        self._done.acquire()
        self._loop = _LoopThread._get_loop()
        self._loop.call_soon_threadsafe(self._start)

    def _start(self) -> None:
        self._task = self._loop.create_task(self._run())

    async def _run(self) -> None:
        try:
            self._result = await self._coro
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc
        finally:
            self._done.release()

    def result(self) -> T:
        try:
            self._done.acquire()
        except BaseException:  # e.g. KeyboardInterrupt: stop the request too
            self._loop.call_soon_threadsafe(self._stop)
            raise
        if self._error is not None:
            raise self._error
        return self._result

    def _stop(self) -> None:
        assert self._task is not None  # `_start` was scheduled first
        self._task.cancel()


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


_DONE = object()
# Items the pump may hold that the consumer has not taken: a slow reader pauses the
# transfer (and so the server, through TCP), instead of buffering the whole stream.
_READ_AHEAD = 256


def iterate(source: AsyncIterator[T]) -> Iterator[T]:
    """A sync iterator over an async one.

    Natively, one task on the loop thread pumps the items into a queue, so a stream of
    many small events costs one hand-over between threads per batch the consumer waits
    for, not one per item; at most _READ_AHEAD items wait for a slow consumer. Leaving
    early (break, close, garbage collection) stops the pump and closes the source, which
    aborts its transfer.
    """
    if _EMSCRIPTEN:
        return _iterate_jspi(source)
    return _iterate_pumped(source)


def _iterate_jspi(source: AsyncIterator[T]) -> Iterator[T]:
    try:
        while True:
            try:
                yield run_sync(_anext(source))
            except StopAsyncIteration:
                return
    finally:
        aclose = getattr(source, "aclose", None)
        if aclose is not None:
            run_sync(aclose())


def _iterate_pumped(source: AsyncIterator[T]) -> Iterator[T]:
    items: queue.SimpleQueue[Any] = queue.SimpleQueue()
    loop = _LoopThread._get_loop()
    pumped = threading.Event()  # set once the pump has closed the source
    tasks: list[asyncio.Task[None]] = []
    flow = _Flow(loop)

    async def pump() -> None:
        try:
            async for item in source:
                items.put(item)
                await flow.sent()
        except BaseException as exc:  # delivered to the consumer, in order
            items.put(_Raised(exc))
            if isinstance(exc, asyncio.CancelledError):
                raise
        else:
            items.put(_DONE)
        finally:
            aclose = getattr(source, "aclose", None)
            if aclose is not None:
                await aclose()

    def start() -> None:
        task = loop.create_task(pump())
        task.add_done_callback(lambda _: pumped.set())
        tasks.append(task)

    loop.call_soon_threadsafe(start)
    finished = False
    try:
        while True:
            item = items.get()
            if item is _DONE:
                finished = True
                return
            if isinstance(item, _Raised):
                finished = True
                raise item.exc
            flow.took()
            yield item
    finally:
        if not finished:  # left early: stop the pump (runs after `start`, FIFO)
            loop.call_soon_threadsafe(lambda: tasks[0].cancel())
        pumped.wait()  # the source is closed before anything else touches it


class _Flow:
    """The pump's window over the consumer: the pump waits once _READ_AHEAD items are
    untaken, and the consumer wakes it (one hand-over) when half of them are taken. Each
    count is written by one thread only; the pump re-checks after flagging that it waits,
    so a take that raced the flag is never missed."""

    __slots__ = ("loop", "put", "room", "taken", "waiting")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.put = self.taken = 0
        self.waiting = False
        self.room = asyncio.Event()

    async def sent(self) -> None:
        """On the loop thread, after each item is queued."""
        self.put += 1
        while self.put - self.taken >= _READ_AHEAD:
            self.room.clear()
            self.waiting = True
            if self.put - self.taken < _READ_AHEAD:
                self.waiting = False
                return
            await self.room.wait()

    def took(self) -> None:
        """On the consumer's thread, for each item it takes."""
        self.taken += 1
        if self.waiting and self.put - self.taken <= _READ_AHEAD // 2:
            self.waiting = False
            self.loop.call_soon_threadsafe(self.room.set)


class _Raised:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


async def _anext(iterator: AsyncIterator[T]) -> T:
    return await anext(iterator)


class SyncWrapper:
    """Base of every generated sync class: it holds the async object it drives."""

    _async: Any

    def __init__(self, target: Any) -> None:
        self._async = target

    @classmethod
    def _wrap(cls, target: Any) -> Self:
        wrapper = cls.__new__(cls)
        SyncWrapper.__init__(wrapper, target)
        return wrapper

    def __repr__(self) -> str:
        return f"<sync {self._async!r}>"


class SyncAPIResource(SyncWrapper):
    """Base of the generated sync endpoint groups."""


class SyncClient(SyncWrapper):
    """Base of the generated sync clients (`OpenAI`, `AzureOpenAI`, `BedrockOpenAI`)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._async.base_url!r}>"


class _ResponseView:
    """A sync resource's `.with_raw_response` / `.with_streaming_response`: the generated
    subclasses forward each method to the async resource's view of the same kind."""

    _kind = ""
    _resource: Any  # the generated sync resource (or client) the view belongs to

    def __init__(self, resource: SyncWrapper) -> None:
        self._resource = resource
        self._async = getattr(resource._async, self._kind)


class RawResponseView(_ResponseView):
    _kind = "with_raw_response"


class StreamingResponseView(_ResponseView):
    _kind = "with_streaming_response"


class Stream(SyncWrapper, Generic[T]):
    """The sync `AsyncStream[T]` (or WebSocket turn, or helper stream):
    `for event in stream`, `with stream`, `close()`."""

    _iterator: Iterator[T] | None = None

    @property
    def response(self) -> ResponseHead:
        head: ResponseHead = self._async.response
        return head

    @property
    def request_id(self) -> str | None:
        return self.response.request_id

    def __iter__(self) -> Iterator[T]:
        if self._iterator is None:
            self._iterator = iterate(aiter(self._async))
        return self._iterator

    def __next__(self) -> T:
        return next(iter(self))

    def until_done(self) -> Self:
        for _ in self:
            pass
        return self

    def close(self) -> None:
        """Stop reading and abort the transfer."""
        if self._iterator is not None:
            close = getattr(self._iterator, "close", None)
            if close is not None:
                close()
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


class StreamManager(SyncWrapper, Generic[S]):
    """What the sync `stream(...)` helpers return: `with` sends the request on entry and
    closes the stream on exit, however the block ends."""

    def __enter__(self) -> S:
        stream: S = to_sync(run_sync(self._async.__aenter__()))
        return stream

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        run_sync(self._async.__aexit__(exc_type, exc, tb))


class SyncPage(SyncWrapper, Generic[T]):
    """One page of a list (`data`, `has_more`, ...); iterating it goes on across pages."""

    _async: AsyncPage[T]

    @property
    def data(self) -> list[T]:
        return self._async.data

    @property
    def object(self) -> str:
        return self._async.object

    @property
    def has_more(self) -> bool:
        return self._async.has_more

    @property
    def first_id(self) -> str | None:
        return self._async.first_id

    @property
    def last_id(self) -> str | None:
        return self._async.last_id

    def has_next_page(self) -> bool:
        return self._async.has_next_page()

    def next_page_params(self) -> dict[str, builtins.object] | None:
        return self._async.next_page_params()

    def get_next_page(self) -> Self:
        return self._wrap(run_sync(self._async.get_next_page()))

    def iter_pages(self) -> Iterator[Self]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} has_more={self.has_more}>"


class SyncCursorPage(SyncPage[T]):
    """A page of a cursor-paginated list (`after`): the official name."""


class SyncConversationCursorPage(SyncPage[T]):
    """A page whose `last_id` is the next page's `after` (conversation items, ChatKit, videos):
    the official name."""


class SyncNextCursorPage(SyncPage[T]):
    """A page whose `next` is the next page's `after`: the official name."""

    _async: AsyncNextCursorPage[T]

    @property
    def next(self) -> str | None:
        return self._async.next


def to_sync(value: Any, page: type[SyncPage[Any]] | None = None) -> Any:
    """The sync counterpart of what an async method returned (a coroutine is run first).
    A list's pages become `page` (`SyncPage`, or the sync twin of the list's official page
    class: `SyncCursorPage`, `SyncConversationCursorPage`, `SyncNextCursorPage`)."""
    if inspect.iscoroutine(value):
        value = run_sync(value)
    convert = _converter(type(value))
    return value if convert is None else convert(value, page or SyncPage)


Converter = Callable[[Any, "type[SyncPage[Any]]"], Any]
_converters: dict[type, Converter | None] = {}


def _converter(cls: type) -> Converter | None:
    try:
        return _converters[cls]
    except KeyError:
        pass
    from .sync._registry import SYNC_CLASSES

    found: Converter | None = None
    for klass in cls.__mro__:
        generated = SYNC_CLASSES.get(f"{klass.__module__}.{klass.__qualname__}")
        if generated is not None:
            wrap = getattr(import_module(generated[0]), generated[1])._wrap
            found = lambda value, _, wrap=wrap: wrap(value)  # noqa: E731
            break
        found = _fixed(klass)
        if found is not None:
            break
    if found is None and hasattr(cls, "__aiter__"):
        found = lambda value, _: iterate(value)  # noqa: E731
    _converters[cls] = found
    return found


def _fixed(cls: type) -> Converter | None:
    """The hand-written counterparts."""
    from ._pagination import AsyncCursorPage, AsyncPage, AsyncPaginator
    from ._response import (
        AsyncResponseContextManager,
        LegacyAPIResponse,
        ResponseContextManager,
    )
    from ._streaming import AsyncStreamManager, EventStream

    if cls is AsyncPaginator:
        return lambda paginator, page: page._wrap(run_sync(_await(paginator)))
    if cls is AsyncPage or cls is AsyncCursorPage:
        return lambda first, page: page._wrap(first)
    if cls is EventStream:
        return lambda stream, _: Stream._wrap(stream)
    if cls is LegacyAPIResponse:
        return lambda response, page: response.for_sync(lambda value: to_sync(value, page))
    if cls is AsyncResponseContextManager:
        return lambda manager, page: ResponseContextManager(
            manager, run_sync, lambda value: to_sync(value, page)
        )
    if cls is AsyncStreamManager:
        return lambda manager, _: StreamManager._wrap(manager)
    return None


async def _await(awaitable: Any) -> Any:
    return await awaitable
