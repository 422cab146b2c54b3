"""`client.beta`: the namespace of the Assistants API (generated in `assistants` and
`threads`), the beta realtime sessions, ChatKit, and the official aliases `beta.chat` and
`beta.responses`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast

from .._resource import AsyncResponseView, GroupView
from ._common import Resource
from .assistants import AsyncAssistants
from .threads import AsyncThreads

if TYPE_CHECKING:
    from .._base import BaseClient
    from .assistants import AsyncAssistantsWithRawResponse, AsyncAssistantsWithStreamingResponse
    from .chat import AsyncChat, AsyncChatWithRawResponse, AsyncChatWithStreamingResponse
    from .chatkit import (
        AsyncChatKit,
        AsyncChatKitWithRawResponse,
        AsyncChatKitWithStreamingResponse,
    )
    from .realtime_sessions import (
        AsyncSessions,
        AsyncSessionsWithRawResponse,
        AsyncSessionsWithStreamingResponse,
        AsyncTranscriptionSessions,
        AsyncTranscriptionSessionsWithRawResponse,
        AsyncTranscriptionSessionsWithStreamingResponse,
    )
    from .responses import (
        AsyncResponses,
        AsyncResponsesWithRawResponse,
        AsyncResponsesWithStreamingResponse,
    )
    from .threads import AsyncThreadsWithRawResponse, AsyncThreadsWithStreamingResponse


class _Reconfigurable(Protocol):
    """A client that copies itself with other settings (`AsyncOpenAI` is one): typed by
    what is used, so this group does not depend on the client module that imports it."""

    def with_options(self, *, default_query: Mapping[str, object] | None = None) -> BaseClient: ...


__all__ = ["AsyncBeta", "AsyncBetaRealtime"]


class AsyncBeta(Resource):
    """`client.beta`: the Assistants API (assistants, threads), beta realtime sessions,
    ChatKit, and the official aliases `beta.chat` and `beta.responses`."""

    __slots__ = ()

    @property
    def assistants(self) -> AsyncAssistants:
        return AsyncAssistants(self._client)

    @property
    def threads(self) -> AsyncThreads:
        return AsyncThreads(self._client)

    @property
    def realtime(self) -> AsyncBetaRealtime:
        return AsyncBetaRealtime(self._client)

    @property
    def chatkit(self) -> AsyncChatKit:
        from .chatkit import AsyncChatKit

        return AsyncChatKit(self._client)

    @property
    def chat(self) -> AsyncChat:
        """The same group as `client.chat` (the official `beta.chat` is an alias)."""
        from .chat import AsyncChat

        return AsyncChat(self._client)

    @property
    def responses(self) -> AsyncResponses:
        """The Responses API with `?beta=true` on every call, as the official `beta.responses`
        sends it (the answers are parsed as `Response`)."""
        from .responses import AsyncResponses

        client = cast("_Reconfigurable", self._client)
        return AsyncResponses(client.with_options(default_query={"beta": "true"}))

    @property
    def with_raw_response(self) -> AsyncBetaWithRawResponse:
        return AsyncBetaWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncBetaWithStreamingResponse:
        return AsyncBetaWithStreamingResponse(self)


class AsyncBetaRealtime(Resource):
    """`client.beta.realtime`: the beta session endpoints (also on `client.realtime`)."""

    __slots__ = ()

    @property
    def sessions(self) -> AsyncSessions:
        from .realtime_sessions import AsyncSessions

        return AsyncSessions(self._client)

    @property
    def transcription_sessions(self) -> AsyncTranscriptionSessions:
        from .realtime_sessions import AsyncTranscriptionSessions

        return AsyncTranscriptionSessions(self._client)

    @property
    def with_raw_response(self) -> AsyncBetaRealtimeWithRawResponse:
        return AsyncBetaRealtimeWithRawResponse(self)

    @property
    def with_streaming_response(self) -> AsyncBetaRealtimeWithStreamingResponse:
        return AsyncBetaRealtimeWithStreamingResponse(self)


# The views of the namespace: each sub-group by its own view (`beta` sends no request).
_RAW = "with_raw_response"
_STREAMING = "with_streaming_response"


class AsyncBetaWithRawResponse(AsyncResponseView):
    """`AsyncBeta`'s groups, each returning the answer with its body read."""

    assistants: GroupView[AsyncAssistantsWithRawResponse] = GroupView(_RAW)
    threads: GroupView[AsyncThreadsWithRawResponse] = GroupView(_RAW)
    realtime: GroupView[AsyncBetaRealtimeWithRawResponse] = GroupView(_RAW)
    chatkit: GroupView[AsyncChatKitWithRawResponse] = GroupView(_RAW)
    chat: GroupView[AsyncChatWithRawResponse] = GroupView(_RAW)
    responses: GroupView[AsyncResponsesWithRawResponse] = GroupView(_RAW)


class AsyncBetaWithStreamingResponse(AsyncResponseView):
    """`AsyncBeta`'s groups, each returning the body read on demand."""

    assistants: GroupView[AsyncAssistantsWithStreamingResponse] = GroupView(_STREAMING)
    threads: GroupView[AsyncThreadsWithStreamingResponse] = GroupView(_STREAMING)
    realtime: GroupView[AsyncBetaRealtimeWithStreamingResponse] = GroupView(_STREAMING)
    chatkit: GroupView[AsyncChatKitWithStreamingResponse] = GroupView(_STREAMING)
    chat: GroupView[AsyncChatWithStreamingResponse] = GroupView(_STREAMING)
    responses: GroupView[AsyncResponsesWithStreamingResponse] = GroupView(_STREAMING)


class AsyncBetaRealtimeWithRawResponse(AsyncResponseView):
    """`AsyncBetaRealtime`'s groups, each returning the answer with its body read."""

    sessions: GroupView[AsyncSessionsWithRawResponse] = GroupView(_RAW)
    transcription_sessions: GroupView[AsyncTranscriptionSessionsWithRawResponse] = GroupView(_RAW)


class AsyncBetaRealtimeWithStreamingResponse(AsyncResponseView):
    """`AsyncBetaRealtime`'s groups, each returning the body read on demand."""

    sessions: GroupView[AsyncSessionsWithStreamingResponse] = GroupView(_STREAMING)
    transcription_sessions: GroupView[AsyncTranscriptionSessionsWithStreamingResponse] = GroupView(
        _STREAMING
    )
