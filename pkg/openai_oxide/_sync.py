"""The sync runtime: what the generated sync classes (`openai_oxide.sync`, made by
scripts/generate.py from the async ones) run on.

Nothing is written twice: natively every call runs the async code on one event loop,
driven by the calling thread itself (`_Driver`), which also works from code that already
runs a loop (a notebook); under Pyodide it blocks through JSPI where the runtime has it.
`to_sync` turns what an async method returns into its sync counterpart: streams, pages,
stream managers, response views and the generated wrappers of resources and helpers
(`sync/_registry.py`).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import inspect
import sys
import threading
import weakref
from collections import deque
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


class _Driver:
    """Who runs the sync client's one event loop. The loop has no thread of its own: the
    thread that waits for a call runs the loop itself until the call is done (as
    `asyncio.run` would), so a small call pays no hand-over between threads. While one
    thread drives, calls from other threads join that loop and their threads wait; the
    driver hands the loop to the first of them when its own call is done. Tasks that must
    go on between calls (a WebSocket's keepalive) get a background thread to drive them."""

    lock = threading.Lock()
    loop: asyncio.AbstractEventLoop | None = None
    busy = False  # a thread is driving the loop
    queued: deque[_Call[Any]] = deque()  # calls whose threads wait on the driver, in order
    abandoned = 0  # calls whose waiting thread left (interrupted), still being cancelled
    keeper: _Keeper | None = None

    @classmethod
    def get_loop(cls) -> asyncio.AbstractEventLoop:
        loop = cls.loop
        if loop is not None:
            return loop
        with cls.lock:
            if cls.loop is None:
                cls.loop = asyncio.new_event_loop()
            return cls.loop


_EMSCRIPTEN = sys.platform == "emscripten"


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code: on the client's loop, or through JSPI."""
    if _EMSCRIPTEN:
        return _run_with_jspi(coro)
    return _Call(coro).result()


# A call's part in driving the loop (read and written under `_Driver.lock`).
_DRIVING, _WAITING, _LEFT, _FINISHED = range(4)


class _Call(Generic[T]):
    """One coroutine run as a task on the client's loop, driven by its own thread or, if
    another thread drives the loop already, by that one while this thread waits."""

    __slots__ = ("_coro", "_error", "_loop", "_result", "_role", "_task", "_wake")

    def __init__(self, coro: Coroutine[Any, Any, T]) -> None:
        self._coro = coro
        self._loop = _Driver.get_loop()
        self._task: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._role = _DRIVING
        self._wake: threading.Lock | None = None

    def result(self) -> T:
        loop = self._loop
        if asyncio._get_running_loop() is loop:
            self._coro.close()
            raise SyncUnavailableError(
                "A sync client call was made from code that the sync client itself runs "
                "(a sync callback or tool): it would wait on the loop it blocks. Use the "
                "async client there, or make the call from another thread."
            )
        with _Driver.lock:
            waiting = _Driver.busy
            if waiting:
                self._role = _WAITING
                self._wake = wake = threading.Lock()
                wake.acquire()
                _Driver.queued.append(self)
                loop.call_soon_threadsafe(self._start)
            else:
                _Driver.busy = True
        if waiting:
            try:
                wake.acquire()
            except BaseException:  # e.g. KeyboardInterrupt: stop the request too
                self._leave()
                raise
            if self._role == _FINISHED:
                return self._outcome()
        else:
            self._start()
        self._drive()
        return self._outcome()

    def _start(self) -> None:
        """On the loop (or before it runs, by its driver)."""
        self._task = self._loop.create_task(self._run())

    async def _run(self) -> None:
        try:
            self._result = await self._coro
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc
        finally:
            self._finished()

    def _finished(self) -> None:
        """The call's last step, so that a driver stops the loop in the same turn."""
        with _Driver.lock:
            role, self._role = self._role, _FINISHED
            if role == _WAITING:
                _Driver.queued.remove(self)
            elif role == _LEFT:
                _Driver.abandoned -= 1
        if role == _WAITING:
            assert self._wake is not None
            self._wake.release()
        else:  # the driver looks again: its call, or one it finishes for a thread that left
            self._loop.stop()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _outcome(self) -> T:
        if self._error is not None:
            raise self._error
        return self._result

    def _drive(self) -> None:
        """This thread holds the loop: run it until the call (and any call a thread left
        behind) is done, then hand it on."""
        outer = asyncio._get_running_loop()  # a notebook's loop, set aside meanwhile
        try:
            try:
                self._run_loop()
            except BaseException:  # e.g. KeyboardInterrupt: cancel the request, then leave
                self._loop.call_soon(self._cancel)
                self._run_loop()
                raise
        finally:
            _hand_over(self._loop)
            asyncio._set_running_loop(outer)

    def _run_loop(self) -> None:
        asyncio._set_running_loop(None)
        while True:
            with _Driver.lock:
                if self._role == _FINISHED and not _Driver.abandoned:
                    return
            self._loop.run_forever()  # until a task of ours stops it

    def _leave(self) -> None:
        """The waiting thread was interrupted: cancel the call, and drive the loop if it
        was handed here meanwhile."""
        with _Driver.lock:
            role = self._role
            if role == _WAITING:
                self._role = _LEFT
                _Driver.queued.remove(self)
                _Driver.abandoned += 1
                self._loop.call_soon_threadsafe(self._cancel)
        if role == _DRIVING:
            self._loop.call_soon(self._cancel)
            self._drive()


def _hand_over(loop: asyncio.AbstractEventLoop) -> None:
    """The driver is done: the loop goes to the first waiting call's thread, else to the
    keeper thread if tasks must go on between calls, else to whoever calls next."""
    with _Driver.lock:
        if _Driver.queued:
            call = _Driver.queued.popleft()
            call._role = _DRIVING
            assert call._wake is not None
            call._wake.release()
            return
        if not _background_tasks(loop):
            _Driver.busy = False
            return
        if _Driver.keeper is None:
            _Driver.keeper = _Keeper()
        _Driver.keeper.wake.release()


# Tasks that may wait while nobody drives the loop: a sync stream's pump holds still
# until its consumer asks for more.
_parked: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()


def _background_tasks(loop: asyncio.AbstractEventLoop) -> set[asyncio.Task[Any]]:
    tasks = asyncio.all_tasks(loop)
    return tasks.difference(_parked) if tasks else tasks


class _Keeper:
    """A daemon thread that drives the loop between calls while tasks must go on (a
    WebSocket's keepalive and pings), until they end; calls made meanwhile wait on it."""

    def __init__(self) -> None:
        self.wake = threading.Lock()
        self.wake.acquire()
        threading.Thread(target=self._run, name="openai-oxide-sync", daemon=True).start()

    def _run(self) -> None:
        while True:
            self.wake.acquire()  # handed the loop
            call = _Call(self._background())
            call._start()
            call._drive()

    @staticmethod
    async def _background() -> None:
        loop = asyncio.get_running_loop()
        me = asyncio.current_task()
        while tasks := _background_tasks(loop) - {me}:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)


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

    Natively, one task on the client's loop pumps the items into a deque, so a stream of
    many small events runs the loop once per batch the consumer waits for, not once per
    item; at most _READ_AHEAD items wait for a slow consumer. Leaving early (break,
    close, garbage collection) stops the pump and closes the source, which aborts its
    transfer.
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
    pump = _Pump(source)
    items = pump.items
    try:
        while True:
            while items:
                yield items.popleft()
            if pump.end is not None:
                if isinstance(pump.end, BaseException):
                    raise pump.end
                return
            run_sync(pump.more())
    finally:
        if pump.end is None:  # left early: stop the pump, which closes the source
            pump.stop()


class _Pump(Generic[T]):
    """A task on the client's loop that reads the source into `items` while the loop
    runs, at most _READ_AHEAD items ahead of the consumer; it is parked (no thread drives
    the loop for it) until the consumer, out of items, runs the loop again. `end` is
    _DONE or the source's error once the items before it are queued."""

    __slots__ = ("end", "items", "room", "source", "task", "waiter")

    def __init__(self, source: AsyncIterator[T]) -> None:
        self.source = source
        self.items: deque[T] = deque()
        self.end: BaseException | object | None = None
        self.task: asyncio.Task[None] | None = None
        self.waiter: asyncio.Future[None] | None = None  # the consumer's, while it waits
        self.room = asyncio.Event()

    async def more(self) -> None:
        """On the loop: start or wake the pump, and wait until it has queued something."""
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run())
            _parked.add(self.task)
        self.room.set()
        if not self.items and self.end is None:
            self.waiter = asyncio.get_running_loop().create_future()
            try:
                await self.waiter
            finally:
                self.waiter = None

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def _run(self) -> None:
        items = self.items
        try:
            async for item in self.source:
                items.append(item)
                if self.waiter is not None:
                    self._wake()
                if len(items) >= _READ_AHEAD:
                    self.room.clear()
                    await self.room.wait()
        except BaseException as exc:  # delivered to the consumer after the items
            self.end = exc
            if isinstance(exc, asyncio.CancelledError):
                raise
        else:
            self.end = _DONE
        finally:
            try:
                aclose = getattr(self.source, "aclose", None)
                if aclose is not None:
                    await aclose()
            finally:  # the consumer sees the end once the source is closed
                self._wake()

    def stop(self) -> None:
        task = self.task
        if task is None or task.done():
            return
        if asyncio._get_running_loop() is _Driver.loop:  # collected while the loop runs
            task.cancel()
        else:
            run_sync(_cancelled(task))


async def _cancelled(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


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
