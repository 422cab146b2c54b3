"""The official page classes and their cursors: a conversation cursor page goes on with its
`last_id` unless `has_more` is false (a page that leaves `has_more` out is followed while it
names a `last_id`), as the official `AsyncConversationCursorPage` does; a next-cursor page goes
on with its `next`; a cursor page stops unless `has_more` is true. Async and sync.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAI
from openai_oxide._core.http import Request
from openai_oxide._pagination import (
    AsyncConversationCursorPage,
    AsyncCursorPage,
    AsyncNextCursorPage,
    AsyncPage,
    page_parser,
)
from openai_oxide._sync import SyncConversationCursorPage
from support import API_KEY

ITEM = {"type": "message", "role": "user", "status": "completed", "content": []}
# The pages a server answers, by the `after` asked for: the first leaves `has_more` out.
PAGES: dict[str | None, dict[str, Any]] = {
    None: {"object": "list", "data": [{**ITEM, "id": "a"}], "last_id": "a"},
    "a": {"object": "list", "data": [{**ITEM, "id": "b"}], "has_more": True, "last_id": "b"},
    "b": {"object": "list", "data": [{**ITEM, "id": "c"}], "has_more": False, "last_id": "c"},
}


def _server(asked: list[str | None]) -> MockTransport:
    def handler(request: Request) -> MockResponse:
        after = parse_qs(urlsplit(request.url).query).get("after", [None])[0]
        asked.append(after)
        return MockResponse.json(PAGES[after])

    return MockTransport(handler)


async def test_conversation_items_follow_last_id_until_has_more_is_false() -> None:
    asked: list[str | None] = []
    async with AsyncOpenAI(api_key=API_KEY, transport=_server(asked), max_retries=0) as client:
        first = await client.conversations.items.list("conv_1")
        assert type(first) is AsyncConversationCursorPage
        assert first.has_next_page() and first.next_page_params() == {"after": "a"}
        ids = [item.id async for item in client.conversations.items.list("conv_1")]
    assert ids == ["a", "b", "c"]
    assert asked == [None, None, "a", "b"]


def test_the_sync_client_gives_conversation_cursor_pages_across_pages() -> None:
    asked: list[str | None] = []
    with OpenAI(api_key=API_KEY, transport=_server(asked), max_retries=0) as client:
        first = client.conversations.items.list("conv_1")
        assert type(first) is SyncConversationCursorPage
        assert [item.id for item in first] == ["a", "b", "c"]
        assert type(first.get_next_page()) is SyncConversationCursorPage
    assert asked == [None, "a", "b", "a"]


async def _fetch(query: Mapping[str, object]) -> AsyncPage[Any]:
    raise AssertionError("not fetched")


@pytest.mark.parametrize(
    ("page", "raw", "after"),
    [
        # a cursor page needs `has_more: true`; the others go on unless it is false
        (AsyncCursorPage, {"data": [{"id": "x"}], "last_id": "x"}, None),
        (AsyncCursorPage, {"data": [{"id": "x"}], "has_more": True}, "x"),
        (AsyncConversationCursorPage, {"data": [{"id": "x"}], "last_id": "x"}, "x"),
        (AsyncConversationCursorPage, {"data": [{"id": "x"}], "has_more": True}, None),
        (AsyncConversationCursorPage, {"data": [], "last_id": "x"}, None),
        (AsyncNextCursorPage, {"data": [{"id": "x"}], "next": "n2"}, "n2"),
        (AsyncNextCursorPage, {"data": [{"id": "x"}], "next": "n2", "has_more": False}, None),
        (AsyncNextCursorPage, {"data": [{"id": "x"}], "last_id": "x", "has_more": True}, None),
    ],
)
def test_each_page_class_takes_the_official_cursor(
    page: type[AsyncPage[Any]], raw: dict[str, Any], after: str | None
) -> None:
    parsed = page_parser(lambda x: SimpleNamespace(**x), {"limit": 1}, _fetch, page)(
        json.dumps(raw).encode()
    )
    assert type(parsed) is page
    assert parsed.has_next_page() is (after is not None)
    assert parsed.next_page_params() == (None if after is None else {"limit": 1, "after": after})
    if isinstance(parsed, AsyncNextCursorPage):
        assert parsed.next == raw.get("next")
