"""Hooks: the user's callables, run at fixed points of every HTTP call.

Shaped after httpx's `event_hooks` (a mapping from an event name to a list of callables,
replaced as a whole by `with_options(hooks=...)`), with one event per point the issue
names, in this order for one call:

    request (attempt 0) -> response -> [retry -> request (attempt 1) -> response ...]
        -> error (the call failed) | stream_end (a stream finished, failed or was closed)

A hook takes one event record and returns None or an awaitable (so `def` and `async def`
both work, on every target). A hook that raises fails the call with `HookError`, whose
`__cause__` is the hook's exception. Credentials never reach a hook: every header mapping
it sees has `authorization`, `api-key`, `x-amz-security-token` (...) as `"<redacted>"`,
and an error it is given carries a request whose headers are masked the same way. A
request hook may add, change or remove headers in `event.headers`; a masked value left as
it was keeps the real credential.

When a client has no hooks the request loop pays one `is not None` test per attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeAlias

from ._core.errors import APIError, OpenAIError
from ._core.http import SECRET_HEADERS, Headers, Request, ResponseHead
from ._core.ratelimits import RateLimits
from ._logs import safe_url

if TYPE_CHECKING:
    from ._streaming import EventStream

__all__ = [
    "HOOK_EVENTS",
    "ErrorEvent",
    "HookError",
    "Hooks",
    "RequestEvent",
    "ResponseEvent",
    "RetryEvent",
    "StreamEndEvent",
]

HOOK_EVENTS = ("request", "response", "retry", "error", "stream_end")
log = logging.getLogger("openai_oxide")
REDACTED = "<redacted>"
# The credential headers (_core.http) plus those other clients send: Bedrock's SigV4
# session token, a proxy's or gateway's key, cookies.
_MASKED = SECRET_HEADERS | {"x-api-key", "x-amz-security-token", "cookie"}

Hook = Callable[[Any], object]
# What `hooks=` accepts: event name -> a callable or a list of them.
HooksArg: TypeAlias = "Hooks | Mapping[str, Hook | Sequence[Hook]] | None"


class HookError(OpenAIError):
    """A hook raised; the call failed with this error, and `__cause__` is what it raised."""

    def __init__(self, event: str, hook: Hook) -> None:
        name = getattr(hook, "__qualname__", None) or repr(hook)
        super().__init__(f"The {event!r} hook {name} raised (see the chained exception)")
        self.event = event
        self.hook = hook


@dataclass(slots=True)
class RequestEvent:
    """Before an attempt is sent. Edit `headers` to change what goes out."""

    method: str
    url: str
    headers: dict[str, str]
    attempt: int  # 0 for the first send, n for the n-th retry
    content: bytes | None = None  # the encoded body (JSON, or multipart with files)


@dataclass(frozen=True, slots=True)
class ResponseEvent:
    """An answer's head arrived (a non-stream answer's body is read by then)."""

    method: str
    url: str
    status: int
    headers: Mapping[str, str]
    request_id: str | None
    elapsed: float  # seconds since the call started
    retries_taken: int
    content: bytes | None = None  # a 2xx non-stream answer's body (a stream's: None)

    @property
    def rate_limits(self) -> RateLimits | None:
        return RateLimits.from_headers(self.headers)


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """Before sleeping `delay` seconds and sending attempt `attempt` again."""

    method: str
    url: str
    attempt: int
    reason: str  # "status 429", or the connection error's message
    delay: float
    status: int | None


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """The call failed with `error` (retries exhausted, a status error, or mid-stream)."""

    method: str
    url: str
    error: BaseException


@dataclass(frozen=True, slots=True)
class StreamEndEvent:
    """A stream finished (`completed`), failed (`error`) or was closed early."""

    method: str
    url: str
    request_id: str | None
    events: int
    time_to_first_event: float | None  # seconds since the call started
    elapsed: float
    usage: Any
    completed: bool
    error: BaseException | None
    last_event: Any = None  # e.g. `response.completed`, or a chat stream's usage chunk
    finish_reasons: tuple[str, ...] = ()  # a chat stream's, by choice as they arrived
    content: bytes | None = None  # a WebSocket turn's parameters (JSON; an HTTP stream: None)


class Hooks:
    """The hooks of one client, by event. Build with `Hooks.coerce(mapping)`."""

    __slots__ = HOOK_EVENTS
    request: tuple[Hook, ...]
    response: tuple[Hook, ...]
    retry: tuple[Hook, ...]
    error: tuple[Hook, ...]
    stream_end: tuple[Hook, ...]

    def __init__(self, hooks: Mapping[str, Hook | Sequence[Hook]]) -> None:
        unknown = set(hooks) - set(HOOK_EVENTS)
        if unknown:
            raise ValueError(
                f"unknown hook event(s) {sorted(unknown)}; expected some of {list(HOOK_EVENTS)}"
            )
        for event in HOOK_EVENTS:
            given = hooks.get(event, ())
            fns = (given,) if callable(given) else tuple(given)
            for fn in fns:
                if not callable(fn):
                    raise TypeError(f"a {event!r} hook must be callable, not {type(fn).__name__}")
            setattr(self, event, fns)

    @classmethod
    def coerce(cls, hooks: HooksArg) -> Hooks | None:
        """None for no hooks at all, so the request loop can skip them with one test."""
        if hooks is None or isinstance(hooks, Hooks):
            return hooks
        built = cls(hooks)
        return built if any(getattr(built, e) for e in HOOK_EVENTS) else None

    async def _run(self, event: str, record: object) -> None:
        for fn in getattr(self, event):
            try:
                result = fn(record)
                if isinstance(result, Awaitable):
                    await result
            except Exception as exc:
                raise HookError(event, fn) from exc

    async def on_request(self, request: Request, attempt: int) -> Request:
        """Run the request hooks; the request to send, with their header edits."""
        before = _masked(request.headers)
        url = safe_url(request.url)
        record = RequestEvent(request.method, url, dict(before), attempt, request.body)
        await self._run("request", record)
        view = record.headers
        if view == before:
            return request
        real = dict(request.headers.raw())
        edited = {
            k.lower(): real.get(k.lower(), v) if v == REDACTED else v for k, v in view.items()
        }
        return Request(request.method, request.url, Headers(edited), request.body)

    async def on_response(self, head: ResponseHead, response: Any, answer: object = None) -> None:
        """Run the response hooks; if one fails, close the answer (`response`) first.
        `answer` is the body when it was read (bytes)."""
        request = head.request
        record = ResponseEvent(
            request.method,
            safe_url(request.url),
            head.status,
            _masked(head.headers),
            head.request_id,
            head.elapsed,
            head.retries_taken,
            answer if isinstance(answer, bytes) else None,
        )
        try:
            await self._run("response", record)
        except HookError:
            await response.aclose()
            raise

    async def on_retry(
        self, request: Request, attempt: int, delay: float, reason: ResponseHead | Exception
    ) -> None:
        status = reason.status if isinstance(reason, ResponseHead) else None
        text = f"status {status}" if status is not None else str(reason)
        url = safe_url(request.url)
        await self._run("retry", RetryEvent(request.method, url, attempt, text, delay, status))

    async def on_error(self, error: BaseException) -> None:
        if getattr(error, "_hooks_saw", False):  # e.g. a failed handshake, then its turn
            return
        with contextlib.suppress(AttributeError):
            error._hooks_saw = True  # type: ignore[attr-defined]
        request = _mask_error(error)
        method, url = ("", "") if request is None else (request.method, safe_url(request.url))
        await self._run("error", ErrorEvent(method, url, error))

    def watch_stream(self, stream: EventStream[Any]) -> None:
        """Count `stream`'s events and run the stream_end hooks when it ends, also when it
        is closed, or garbage-collected, before its first event was asked for."""
        unstarted = _Unstarted(self, stream.response)
        watched = self.watch(stream._iterator, stream.response, started=unstarted)
        stream._iterator = _Watched(watched, unstarted)
        weakref.finalize(stream, unstarted.collected)

    async def watch(
        self,
        inner: AsyncIterator[Any],
        head: ResponseHead,
        view: Callable[[Any], Any] | None = None,
        content: bytes | None = None,
        started: _Unstarted | None = None,
    ) -> AsyncGenerator[Any, None]:
        """`inner`'s items; runs the error hooks if it fails with an `APIError`, and the
        stream_end hooks when it ends. `head.elapsed` is the time the call took before
        the first item was asked for; `view(item)` is the event the record shows (e.g. a
        WebSocket message's parsed dict); `content` is what the record's `content` says;
        `started` learns that the stream started."""
        if started is not None:
            started.done = True
        began = time.monotonic() - head.elapsed  # when the call started
        count = 0
        first: float | None = None
        usage: Any = None
        last: Any = None
        finish: list[str] = []
        error: BaseException | None = None
        completed = False
        try:
            async for item in inner:
                if first is None:
                    first = time.monotonic() - began
                count += 1
                value = item if view is None else view(item)
                usage = _usage_of(value) or usage
                _finish_reasons(value, finish)
                last = value
                yield item
            completed = True
        except Exception as exc:
            error = exc
            if isinstance(exc, APIError) and self.error:
                await self.on_error(exc)
            raise
        finally:
            await inner.aclose()  # type: ignore[attr-defined]
            request = head.request
            await self._run(
                "stream_end",
                StreamEndEvent(
                    request.method,
                    safe_url(request.url),
                    head.request_id,
                    count,
                    first,
                    time.monotonic() - began,
                    usage,
                    completed,
                    error,
                    last,
                    tuple(finish),
                    content,
                ),
            )


class _Unstarted:
    """The stream_end a watched stream owes if it ends before its first event was asked for
    (the watching generator's body, and so its `finally`, never ran). It holds no reference
    to the stream, so that it can run when the stream is collected."""

    __slots__ = ("created", "done", "head", "hooks")

    def __init__(self, hooks: Hooks, head: ResponseHead) -> None:
        self.hooks = hooks
        self.head = head
        self.created = time.monotonic()
        self.done = False

    def record(self) -> StreamEndEvent:
        self.done = True
        request = self.head.request
        elapsed = time.monotonic() - self.created + self.head.elapsed
        url = safe_url(request.url)
        return StreamEndEvent(
            request.method, url, self.head.request_id, 0, None, elapsed, None, False, None
        )

    async def closed(self) -> None:
        if not self.done:
            await self.hooks._run("stream_end", self.record())

    def collected(self) -> None:
        """The stream was garbage-collected: run the hooks now (an async one as a task of
        the running loop; with no loop it is dropped). Nothing can fail a call here, so a
        hook's exception is logged."""
        if self.done:
            return
        record = self.record()
        for fn in self.hooks.stream_end:
            try:
                result = fn(record)
                if isinstance(result, Coroutine):
                    _schedule(result)
            except Exception:
                log.exception("A stream_end hook failed for a stream collected unread")


def _schedule(coro: Coroutine[Any, Any, Any]) -> None:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        coro.close()
        return
    task = loop.create_task(coro)
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


_PENDING: set[asyncio.Task[Any]] = set()  # collected streams' hooks, until they finish


class _Watched:
    """A watched stream's iterator: the watching generator, and on `aclose()` before the
    first event, the stream_end it owes."""

    __slots__ = ("_gen", "_unstarted")

    def __init__(self, gen: AsyncGenerator[Any, None], unstarted: _Unstarted) -> None:
        self._gen = gen
        self._unstarted = unstarted

    def __aiter__(self) -> _Watched:
        return self

    def __anext__(self) -> Awaitable[Any]:
        return self._gen.__anext__()

    async def aclose(self) -> None:
        await self._gen.aclose()
        await self._unstarted.closed()


def _masked(headers: Headers) -> dict[str, str]:
    return {k: REDACTED if k in _MASKED else v for k, v in headers.raw()}


def _masked_request(request: Request) -> Request:
    return Request(request.method, request.url, Headers(_masked(request.headers)), request.body)


def _mask_error(error: BaseException) -> Request | None:
    """Mask the credentials of the request `error` carries (and of its answer's head)
    before a hook sees it; the request, or None."""
    request = getattr(error, "request", None)
    if not isinstance(request, Request):
        return None
    masked = _masked_request(request)
    error.request = masked  # type: ignore[attr-defined]
    head = getattr(error, "response", None)
    if isinstance(head, ResponseHead):
        error.response = replace(head, request=masked)  # type: ignore[attr-defined]
    return masked


def _finish_reasons(item: Any, into: list[str]) -> None:
    """Add the finish reasons a chat chunk (typed or a dict) carries to `into`."""
    choices = item.get("choices") if isinstance(item, Mapping) else getattr(item, "choices", None)
    for choice in choices or ():
        reason = (
            choice.get("finish_reason")
            if isinstance(choice, Mapping)
            else getattr(choice, "finish_reason", None)
        )
        if isinstance(reason, str):
            into.append(reason)


def _usage_of(item: Any) -> Any:
    """The usage an event reports: a chat chunk's `usage`, or the `response.usage` of a
    Responses `response.completed`; typed models or dicts."""
    if isinstance(item, Mapping):
        response = item.get("response")
        inner = response.get("usage") if isinstance(response, Mapping) else None
        return item.get("usage") or inner
    usage = getattr(item, "usage", None)
    if usage is None:
        usage = getattr(getattr(item, "response", None), "usage", None)
    return usage
