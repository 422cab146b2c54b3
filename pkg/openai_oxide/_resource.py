"""Base of every endpoint group: a thin holder of the client that does the requests, with
the raw and streaming response views of every method (`_response`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._base import BaseClient
    from ._response import AsyncResponseContextManager, LegacyAPIResponse


class AsyncAPIResource:
    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> RawResponseView:
        """`await group.with_raw_response.method(...)`: a `LegacyAPIResponse` with the
        headers, status, request id, retries and `.parse()` for the method's value."""
        return RawResponseView(self)

    @property
    def with_streaming_response(self) -> StreamingResponseView:
        """`async with group.with_streaming_response.method(...) as response:` an
        `AsyncAPIResponse` whose body is read on demand; the connection closes on exit."""
        return StreamingResponseView(self)


class _ResponseView(AsyncAPIResource):
    """Every public method of `target` re-bound to return its response; sub-groups come
    back as views of the same kind."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        super().__init__(getattr(target, "_client", target))
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        attr = getattr(self._target, name)
        if isinstance(attr, AsyncAPIResource):
            return type(self)(attr)
        if not callable(attr):
            raise AttributeError(f"{name!r} is not a method, so it has no response view")
        return functools.wraps(attr)(self._bind(attr))

    def _bind(self, method: Callable[..., Any]) -> Callable[..., Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._target!r}>"


class RawResponseView(_ResponseView):
    __slots__ = ()

    def _bind(self, method: Callable[..., Any]) -> Callable[..., Any]:
        async def call(*args: Any, **kwargs: Any) -> LegacyAPIResponse[Any]:
            from ._response import LegacyAPIResponse, capture

            exchange, value = await capture(method, args, kwargs, "raw")
            return LegacyAPIResponse(exchange, value)

        return call


class StreamingResponseView(_ResponseView):
    __slots__ = ()

    def _bind(self, method: Callable[..., Any]) -> Callable[..., Any]:
        from ._response import AsyncAPIResponse, AsyncResponseContextManager, capture

        def call(*args: Any, **kwargs: Any) -> AsyncResponseContextManager[Any]:
            async def open_response() -> AsyncAPIResponse[Any]:
                exchange, value = await capture(method, args, kwargs, "stream")
                return AsyncAPIResponse(exchange, value)

            return AsyncResponseContextManager(open_response)

        return call
