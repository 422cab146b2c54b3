"""Stored chat completions: `client.chat.completions.list/retrieve/update/delete` and
`client.chat.completions.messages.list`."""

from __future__ import annotations

from typing import Any, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.chat.chat_completion import ChatCompletion
from ..types.chat.stored_completions import ChatCompletionDeleted, ChatCompletionStoreMessage
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncMessages", "AsyncStoredCompletions"]


class AsyncStoredCompletions(Resource):
    """Given a list of messages comprising a conversation, the model will return a response."""

    __slots__ = ()

    @property
    def messages(self) -> AsyncMessages:
        return AsyncMessages(self._client)

    async def retrieve(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> ChatCompletion:
        """Get a stored chat completion."""
        return await self._request(
            "GET", f"/chat/completions/{path_param(completion_id)}", ChatCompletion, options
        )

    async def update(
        self, completion_id: str, *, metadata: Any, **options: Unpack[RequestOptions]
    ) -> ChatCompletion:
        """Modify a stored chat completion."""
        return await self._request(
            "POST",
            f"/chat/completions/{path_param(completion_id)}",
            ChatCompletion,
            options,
            body={"metadata": metadata},
        )

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        metadata: Any | Omit = NOT_GIVEN,
        model: str | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ChatCompletion]:
        """List stored Chat Completions."""
        return self._list(
            "/chat/completions",
            ChatCompletion,
            options,
            query={
                "after": after,
                "limit": limit,
                "metadata": metadata,
                "model": model,
                "order": order,
            },
        )

    async def delete(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> ChatCompletionDeleted:
        """Delete a stored chat completion."""
        return await self._request(
            "DELETE",
            f"/chat/completions/{path_param(completion_id)}",
            ChatCompletionDeleted,
            options,
        )


class AsyncMessages(Resource):
    """Given a list of messages comprising a conversation, the model will return a response."""

    __slots__ = ()

    def list(
        self,
        completion_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ChatCompletionStoreMessage]:
        """Get the messages in a stored chat completion."""
        return self._list(
            f"/chat/completions/{path_param(completion_id)}/messages",
            ChatCompletionStoreMessage,
            options,
            query={"after": after, "limit": limit, "order": order},
        )
