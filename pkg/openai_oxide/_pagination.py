"""Cursor pagination shared by every list endpoint.

`client.x.list()` returns an `AsyncPaginator`: `await` it for the first page, or
`async for` over it for every item of every page. A page fetches the next one with the
`after` cursor while `has_more` is true. As in the official package, the paginator's second
type parameter is its page class, the official one of each list: `AsyncCursorPage` (most
lists that take `after`), `AsyncConversationCursorPage` (conversation items, ChatKit, videos:
`after` is the page's `last_id`, followed unless `has_more` is false), `AsyncNextCursorPage`
(`after` is the page's `next`), `AsyncPage` for a list without a cursor.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from typing import Any, Generic, TypeVar

from ._core import codec
from ._core.strictness import is_strict

T = TypeVar("T")
P = TypeVar("P", bound="AsyncPage[Any]")

# Fetches one page for the given query; bound to the client, path and item model.
PageFetcher = Callable[[Mapping[str, object]], Awaitable["AsyncPage[T]"]]


class AsyncPage(Generic[T]):
    """One page: `data`, plus the cursor fields the API sent (`has_more`, `first_id`, ...)."""

    def __init__(
        self,
        data: list[T],
        raw: Mapping[str, Any],
        query: Mapping[str, object],
        fetch: PageFetcher[T],
    ) -> None:
        self.data = data
        self.object: str = raw.get("object", "list")
        self._has_more: object = raw.get("has_more")
        self.has_more: bool = self._has_more is True
        self.first_id: str | None = raw.get("first_id")
        self.last_id: str | None = raw.get("last_id")
        self._query = query
        self._fetch = fetch

    def _cursor(self) -> str | None:
        if self.last_id:
            return self.last_id
        last = self.data[-1] if self.data else None
        return getattr(last, "id", None)

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.data) and self._cursor() is not None

    def next_page_params(self) -> dict[str, object] | None:
        if not self.has_next_page():
            return None
        return {**self._query, "after": self._cursor()}

    async def get_next_page(self) -> AsyncPage[T]:
        params = self.next_page_params()
        if params is None:
            raise RuntimeError("No more pages; check has_next_page() first.")
        return await self._fetch(params)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} has_more={self.has_more}>"


class AsyncCursorPage(AsyncPage[T]):
    """A page of a list that takes the `after` cursor (the official name)."""


class AsyncConversationCursorPage(AsyncPage[T]):
    """A page whose `last_id` is the next page's `after`, as the official pages of conversation
    items, ChatKit threads and videos: followed unless `has_more` is false (a server that
    leaves `has_more` out is followed while it sends a `last_id`)."""

    def _cursor(self) -> str | None:
        return self.last_id

    def has_next_page(self) -> bool:
        return self._has_more is not False and bool(self.data) and bool(self.last_id)


class AsyncNextCursorPage(AsyncPage[T]):
    """A page whose `next` is the next page's `after` (the official `AsyncNextCursorPage`):
    followed unless `has_more` is false."""

    def __init__(
        self,
        data: list[T],
        raw: Mapping[str, Any],
        query: Mapping[str, object],
        fetch: PageFetcher[T],
    ) -> None:
        super().__init__(data, raw, query, fetch)
        self.next: str | None = raw.get("next")

    def _cursor(self) -> str | None:
        return self.next

    def has_next_page(self) -> bool:
        return self._has_more is not False and bool(self.data) and bool(self.next)


class AsyncPaginator(Generic[T, P]):
    """What `list()` returns: awaitable (first page, a `P`) and async-iterable (all items)."""

    def __init__(
        self, fetch: Callable[[Mapping[str, object]], Awaitable[P]], query: Mapping[str, object]
    ) -> None:
        self._fetch = fetch
        self._query = query

    def __await__(self) -> Generator[Any, None, P]:
        return self._fetch(self._query).__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._fetch(self._query)
        async for item in page:
            yield item


def page_parser(
    item: Callable[[Any], T],
    query: Mapping[str, object],
    fetch: PageFetcher[T],
    page: type[AsyncPage[Any]] = AsyncPage,
) -> Callable[[bytes], AsyncPage[T]]:
    """Parse a list envelope's bytes into a page of `item(...)` values. Leniently, a
    missing or null `data` is an empty page; `has_more` is only followed when it is true."""

    def parse(content: bytes) -> AsyncPage[T]:
        raw = codec.loads(content)
        if not isinstance(raw, dict):
            raise ValueError("expected a list object")
        data = raw.get("data")
        if not isinstance(data, list):
            # A server that leaves out `data` (or sends null) has nothing to list.
            if is_strict() or data is not None:
                raise ValueError("expected a list object with a 'data' array")
            data = []
        return page([item(x) for x in data], raw, query, fetch)

    return parse
