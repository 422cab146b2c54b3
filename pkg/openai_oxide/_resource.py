"""Base of every endpoint group, and of the raw and streaming response views of its methods.

Each group's views are generated classes (`AsyncResponsesWithRawResponse`, ...), as in the
official package: their `__init__` wraps each method of the group with
`async_to_raw_response_wrapper` or `async_to_streamed_response_wrapper`, whose
`ParamSpec` typing keeps the method's parameters and `stream=` overloads, so
`await group.with_raw_response.create(...)` is a `LegacyAPIResponse[<the method's result>]`
to a type checker. The wrapped method runs unchanged under a capture (`_response.capture`).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

if TYPE_CHECKING:
    from ._base import BaseClient
    from ._response import AsyncAPIResponse, AsyncResponseContextManager, LegacyAPIResponse

P = ParamSpec("P")
R = TypeVar("R")
V = TypeVar("V")


class AsyncAPIResource:
    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client


class AsyncResponseView:
    """Base of the generated views: the group (or client) whose methods they wrap."""

    def __init__(self, resource: Any) -> None:
        self._resource = resource

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource!r}>"


class GroupView(Generic[V]):
    """A view's attribute that is a group of its resource, seen through the same kind of
    view (`kind`): `client.with_raw_response.chat` is `client.chat.with_raw_response`."""

    def __init__(self, kind: str) -> None:
        self._kind = kind
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, view: None, owner: type) -> GroupView[V]: ...
    @overload
    def __get__(self, view: AsyncResponseView, owner: type) -> V: ...
    def __get__(self, view: AsyncResponseView | None, owner: type) -> Any:
        if view is None:
            return self
        return getattr(getattr(view._resource, self._name), self._kind)


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[LegacyAPIResponse[R]]]:
    """`func` returning its answer with the body read: headers, status, request id,
    retries and `.parse()` for the value `func` returns."""

    @functools.wraps(func)
    async def call(*args: P.args, **kwargs: P.kwargs) -> LegacyAPIResponse[R]:
        from ._response import LegacyAPIResponse, capture

        exchange, value = await capture(func, args, kwargs, "raw")
        return LegacyAPIResponse(exchange, value)

    return call


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[AsyncAPIResponse[R]]]:
    """`func` as `async with ... as response:`, the body read on demand and the
    connection closed on leaving the block."""

    @functools.wraps(func)
    def call(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[AsyncAPIResponse[R]]:
        from ._response import AsyncAPIResponse, AsyncResponseContextManager, capture

        async def open_response() -> AsyncAPIResponse[R]:
            exchange, value = await capture(func, args, kwargs, "stream")
            return AsyncAPIResponse(exchange, value)

        return AsyncResponseContextManager(open_response)

    return call
