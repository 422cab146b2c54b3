"""`client.beta`: the namespace of the Assistants API (generated in `assistants` and
`threads`), the beta realtime sessions, ChatKit, and the official aliases `beta.chat` and
`beta.responses`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast

from ._common import Resource
from .assistants import AsyncAssistants
from .threads import AsyncThreads

if TYPE_CHECKING:
    from .._base import BaseClient
    from .chat import AsyncChat
    from .chatkit import AsyncChatKit
    from .realtime_sessions import AsyncSessions, AsyncTranscriptionSessions
    from .responses import AsyncResponses


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
