"""`client.conversations`: conversations and their items."""

from __future__ import annotations

from typing import Any, Literal, Unpack, cast

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.conversations import (
    Conversation,
    ConversationDeletedResource,
    ConversationItem,
    ConversationItemList,
)
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncConversations", "AsyncItems"]


class AsyncConversations(Resource):
    """Manage conversations and conversation items."""

    __slots__ = ()

    @property
    def items(self) -> AsyncItems:
        return AsyncItems(self._client)

    async def create(
        self,
        *,
        items: Any | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Create a conversation."""
        return await self._request(
            "POST",
            "/conversations",
            Conversation,
            options,
            body={"items": items, "metadata": metadata},
        )

    async def retrieve(
        self, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Get a conversation"""
        return await self._request(
            "GET", f"/conversations/{path_param(conversation_id)}", Conversation, options
        )

    async def update(
        self, conversation_id: str, *, metadata: Any, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Update a conversation"""
        return await self._request(
            "POST",
            f"/conversations/{path_param(conversation_id)}",
            Conversation,
            options,
            body={"metadata": metadata},
        )

    async def delete(
        self, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> ConversationDeletedResource:
        """Delete a conversation."""
        return await self._request(
            "DELETE",
            f"/conversations/{path_param(conversation_id)}",
            ConversationDeletedResource,
            options,
        )


class AsyncItems(Resource):
    """Manage conversations and conversation items."""

    __slots__ = ()

    async def create(
        self,
        conversation_id: str,
        *,
        items: Any,
        include: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ConversationItemList:
        """Create items in a conversation with the given ID."""
        return await self._request(
            "POST",
            f"/conversations/{path_param(conversation_id)}/items",
            ConversationItemList,
            options,
            body={"items": items},
            query={"include": include},
        )

    async def retrieve(
        self,
        item_id: str,
        *,
        conversation_id: str,
        include: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ConversationItem:
        """Get a single item from a conversation with the given IDs."""
        return cast(
            "ConversationItem",
            await self._request(
                "GET",
                f"/conversations/{path_param(conversation_id)}/items/{path_param(item_id)}",
                ConversationItem,
                options,
                query={"include": include},
            ),
        )

    def list(
        self,
        conversation_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        include: Any | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ConversationItem]:
        """List all items for a conversation with the given ID."""
        return self._list(
            f"/conversations/{path_param(conversation_id)}/items",
            ConversationItem,
            options,
            query={"after": after, "include": include, "limit": limit, "order": order},
        )

    async def delete(
        self, item_id: str, *, conversation_id: str, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Delete an item from a conversation with the given IDs."""
        return await self._request(
            "DELETE",
            f"/conversations/{path_param(conversation_id)}/items/{path_param(item_id)}",
            Conversation,
            options,
        )
