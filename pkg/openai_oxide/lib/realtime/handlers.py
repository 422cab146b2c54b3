"""The official connection's push-style API: `on(event_type, handler)` (also as a decorator),
`once`, `off` on the connection and on its manager (before it opens), and
`dispatch_events()`, which receives until the connection ends and calls, for each event, the
handlers of its type and then those of the wildcard type `"event"`.

As the official 3.57 client: handlers run in registration order, one at a time (an async
handler is awaited before the next event is read); a handler's exception ends
`dispatch_events` and reaches the caller unchanged; an `error` event that no `"error"` or
`"event"` handler takes raises `OpenAIError`. A `once` handler is removed when its event
arrives. In the sync client, `dispatch_events` iterates on the calling thread, so a handler
may use the sync connection (`conn.response.create()`); the async methods would deadlock
there. `SyncEventHandlers`/`SyncEventDispatch` are the hand-written sync counterparts the
sync generator maps these mixins to.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar, overload

from ..._core.errors import OpenAIError
from ..._sync import SyncWrapper, run_sync

if TYPE_CHECKING:
    from ...types._base import BaseModel

__all__ = [
    "EventDispatch",
    "EventHandlerRegistry",
    "EventHandlers",
    "SyncEventDispatch",
    "SyncEventHandlers",
]

EventHandler = Callable[..., Any]
H = TypeVar("H", bound=EventHandler)
WILDCARD = "event"


@dataclass(slots=True, eq=False)
class _Registration:
    handler: EventHandler
    once: bool


class EventHandlerRegistry:
    """The handlers per event type, in registration order. Adding a handler twice calls it
    twice, as the official registry does."""

    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: dict[str, list[_Registration]] = {}

    def add(self, event_type: str, handler: EventHandler, *, once: bool = False) -> None:
        if not callable(handler):
            raise TypeError(f"an event handler must be callable, not {type(handler).__name__}")
        self._handlers.setdefault(event_type, []).append(_Registration(handler, once))

    def remove(self, event_type: str, handler: EventHandler) -> None:
        """Removes the first registration of `handler` for `event_type`, if any."""
        registrations = self._handlers.get(event_type, [])
        for index, registration in enumerate(registrations):
            if registration.handler == handler:
                del registrations[index]
                return

    def take(self, event_type: str) -> list[EventHandler]:
        """The handlers to call for one event of `event_type`; `once` ones are removed."""
        registrations = self._handlers.get(event_type)
        if not registrations:
            return []
        self._handlers[event_type] = [r for r in registrations if not r.once]
        return [r.handler for r in registrations]

    def for_event(self, event: BaseModel) -> list[EventHandler]:
        """The handlers for `event`: its type's, then the wildcard's. Raises OpenAIError for
        an `error` event that nobody handles (it would otherwise pass unseen)."""
        kind = getattr(event, "type", None)
        handlers = [*self.take(kind), *self.take(WILDCARD)] if isinstance(kind, str) else []
        if kind == "error" and not handlers:
            raise OpenAIError(f"WebSocket error: {_describe(event)}")
        return handlers


def _describe(event: Any) -> str:
    error = getattr(event, "error", None)
    parts = [str(getattr(error, "message", None) or "no message")]
    for name in ("type", "code", "param", "event_id"):
        value = getattr(error, name, None)
        if value:
            parts.append(f"{name}={value}")
    return ", ".join(parts)


class EventHandlers:
    """`on`, `once` and `off`, on a connection and on its manager."""

    _handlers: EventHandlerRegistry

    @overload
    def on(self, event_type: str, handler: None = None) -> Callable[[H], H]: ...
    @overload
    def on(self, event_type: str, handler: EventHandler) -> Self: ...
    def on(self, event_type: str, handler: EventHandler | None = None) -> Any:
        """Calls `handler(event)` for every event of `event_type` (`"event"`: every event)
        that `dispatch_events()` receives. Returns the connection (for chaining), or, without
        a handler, a decorator: `@conn.on("response.done")`."""
        return _register(self, self._handlers, event_type, handler, once=False)

    @overload
    def once(self, event_type: str, handler: None = None) -> Callable[[H], H]: ...
    @overload
    def once(self, event_type: str, handler: EventHandler) -> Self: ...
    def once(self, event_type: str, handler: EventHandler | None = None) -> Any:
        """As `on`, for the next event of `event_type` only."""
        return _register(self, self._handlers, event_type, handler, once=True)

    def off(self, event_type: str, handler: EventHandler) -> Self:
        """Removes a handler added with `on` or `once` (nothing if it is not there)."""
        self._handlers.remove(event_type, handler)
        return self


def _register(
    owner: object,
    registry: EventHandlerRegistry,
    event_type: str,
    handler: EventHandler | None,
    *,
    once: bool,
) -> Any:
    if handler is not None:
        registry.add(event_type, handler, once=once)
        return owner

    def decorator(fn: H) -> H:
        registry.add(event_type, fn, once=once)
        return fn

    return decorator


class EventDispatch(EventHandlers):
    """`dispatch_events()` for an async connection (iterable with `async for`)."""

    async def dispatch_events(self) -> None:
        """Receives until the connection ends, calling the handlers of each event (module
        docstring). Raises what iterating raises, a handler's exception, and OpenAIError
        for an unhandled `error` event."""
        async for event in self:  # type: ignore[attr-defined]
            for handler in self._handlers.for_event(event):
                result = handler(event)
                if inspect.isawaitable(result):
                    await result


class SyncEventHandlers(SyncWrapper):
    """The sync `on`, `once` and `off`: the same registry as the async object's."""

    @overload
    def on(self, event_type: str, handler: None = None) -> Callable[[H], H]: ...
    @overload
    def on(self, event_type: str, handler: EventHandler) -> Self: ...
    def on(self, event_type: str, handler: EventHandler | None = None) -> Any:
        """Calls `handler(event)` for every event of `event_type` (`"event"`: every event)
        that `dispatch_events()` receives. Returns the connection (for chaining), or, without
        a handler, a decorator: `@conn.on("response.done")`."""
        return _register(self, self._async._handlers, event_type, handler, once=False)

    @overload
    def once(self, event_type: str, handler: None = None) -> Callable[[H], H]: ...
    @overload
    def once(self, event_type: str, handler: EventHandler) -> Self: ...
    def once(self, event_type: str, handler: EventHandler | None = None) -> Any:
        """As `on`, for the next event of `event_type` only."""
        return _register(self, self._async._handlers, event_type, handler, once=True)

    def off(self, event_type: str, handler: EventHandler) -> Self:
        """Removes a handler added with `on` or `once` (nothing if it is not there)."""
        self._async._handlers.remove(event_type, handler)
        return self


class SyncEventDispatch(SyncEventHandlers):
    """`dispatch_events()` for a sync connection: handlers run on the calling thread."""

    def dispatch_events(self) -> None:
        """Receives until the connection ends, calling the handlers of each event on this
        thread. Raises what iterating raises, a handler's exception, and OpenAIError for an
        unhandled `error` event."""
        events: Iterable[Any] = self  # type: ignore[assignment]
        for event in events:
            for handler in self._async._handlers.for_event(event):
                result = handler(event)
                if inspect.iscoroutine(result):  # an async handler given to the sync client
                    run_sync(result)
