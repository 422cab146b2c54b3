"""`client.beta.chatkit`: ChatKit sessions (create, cancel) and threads (retrieve, list,
delete, list_items)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal, Unpack

from .._core.request import NOT_GIVEN, Omit, path_param
from .._pagination import AsyncPaginator
from ..types.beta.chatkit import ChatKitThread, ChatSession, ThreadDeleteResponse, ThreadItem
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncChatKit", "AsyncChatKitSessions", "AsyncChatKitThreads"]

_BETA: Mapping[str, str] = {"OpenAI-Beta": "chatkit_beta=v1"}


class AsyncChatKit(Resource):
    __slots__ = ()

    @property
    def sessions(self) -> AsyncChatKitSessions:
        return AsyncChatKitSessions(self._client)

    @property
    def threads(self) -> AsyncChatKitThreads:
        return AsyncChatKitThreads(self._client)


class AsyncChatKitSessions(Resource):
    """ChatKit sessions: a client secret for a workflow, for one user."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = _BETA

    async def create(
        self,
        *,
        user: str,
        workflow: Any,
        chatkit_configuration: Any | Omit = NOT_GIVEN,
        expires_after: Any | Omit = NOT_GIVEN,
        rate_limits: Any | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ChatSession:
        """Create a ChatKit session."""
        body = {
            "user": user,
            "workflow": workflow,
            "chatkit_configuration": chatkit_configuration,
            "expires_after": expires_after,
            "rate_limits": rate_limits,
        }
        return await self._request("POST", "/chatkit/sessions", ChatSession, options, body=body)

    async def cancel(self, session_id: str, **options: Unpack[RequestOptions]) -> ChatSession:
        """Cancel an active ChatKit session."""
        path = f"/chatkit/sessions/{path_param(session_id)}/cancel"
        return await self._request("POST", path, ChatSession, options)


class AsyncChatKitThreads(Resource):
    """ChatKit threads and their items."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = _BETA

    async def retrieve(self, thread_id: str, **options: Unpack[RequestOptions]) -> ChatKitThread:
        """Retrieve a ChatKit thread."""
        path = f"/chatkit/threads/{path_param(thread_id)}"
        return await self._request("GET", path, ChatKitThread, options)

    def list(
        self,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        user: str | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ChatKitThread]:
        """List ChatKit threads."""
        query = {"after": after, "before": before, "limit": limit, "order": order, "user": user}
        return self._list("/chatkit/threads", ChatKitThread, options, query=query)

    async def delete(
        self, thread_id: str, **options: Unpack[RequestOptions]
    ) -> ThreadDeleteResponse:
        """Delete a ChatKit thread."""
        path = f"/chatkit/threads/{path_param(thread_id)}"
        return await self._request("DELETE", path, ThreadDeleteResponse, options)

    def list_items(
        self,
        thread_id: str,
        *,
        after: str | Omit = NOT_GIVEN,
        before: str | Omit = NOT_GIVEN,
        limit: int | Omit = NOT_GIVEN,
        order: Literal["asc", "desc"] | Omit = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[ThreadItem]:
        """List the items of a ChatKit thread."""
        path = f"/chatkit/threads/{path_param(thread_id)}/items"
        query = {"after": after, "before": before, "limit": limit, "order": order}
        return self._list(path, ThreadItem, options, query=query)
