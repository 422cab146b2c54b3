"""The client events of a Realtime connection as methods, under the official names:
`conn.session.update(session=...)`, `conn.response.create()`, `conn.input_audio_buffer.append
(audio=...)`, `conn.conversation.item.create(item=...)`, ... Each sends one event and returns
once it is sent; the server's answer arrives as events (`recv()`, `async for`). A parameter
left out (`omit`, the default) is not sent. The payloads are typed as the official's request
TypedDicts (`types.realtime.RealtimeSessionCreateRequestParam`, `ConversationItemParam`, ...);
at run time any mapping in the API's shape is sent as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..._core.request import NOT_GIVEN, Omit

if TYPE_CHECKING:
    from ...types.realtime import (
        ConversationItemParam,
        RealtimeResponseCreateParamsParam,
        RealtimeResponseCreateParamsWithReferencesParam,
        RealtimeSessionCreateRequestParam,
        RealtimeTranscriptionSessionCreateRequestParam,
    )

__all__ = [
    "AsyncRealtimeConversationItemResource",
    "AsyncRealtimeConversationResource",
    "AsyncRealtimeInputAudioBufferResource",
    "AsyncRealtimeOutputAudioBufferResource",
    "AsyncRealtimeResponseResource",
    "AsyncRealtimeSessionResource",
]


class _Sender(Protocol):
    async def send(self, event: Any) -> None: ...


async def send_event(connection: _Sender, kind: str, **fields: object) -> None:
    await connection.send(
        {"type": kind, **{k: v for k, v in fields.items() if not isinstance(v, Omit)}}
    )


class ClientEventResource:
    __slots__ = ("_connection",)

    def __init__(self, connection: _Sender) -> None:
        self._connection = connection


class AsyncRealtimeSessionResource(ClientEventResource):
    __slots__ = ()

    async def update(
        self,
        *,
        session: RealtimeSessionCreateRequestParam | RealtimeTranscriptionSessionCreateRequestParam,
        event_id: str | Omit = NOT_GIVEN,
    ) -> None:
        """Send `session.update`: only the fields given change; the server answers
        `session.updated` with the whole effective configuration. The connection keeps the
        configuration sent so far and sends it again after a reconnection."""
        await send_event(self._connection, "session.update", session=session, event_id=event_id)


class AsyncRealtimeResponseResource(ClientEventResource):
    __slots__ = ()

    async def create(
        self,
        *,
        event_id: str | Omit = NOT_GIVEN,
        response: RealtimeResponseCreateParamsParam
        | RealtimeResponseCreateParamsWithReferencesParam
        | Omit = NOT_GIVEN,
    ) -> None:
        """Send `response.create`: the model answers from the conversation (`response`
        overrides the session's settings for this response only; its `input` may refer to
        the session's items, `{"type": "item_reference", "id": ...}`)."""
        await send_event(self._connection, "response.create", event_id=event_id, response=response)

    async def cancel(
        self, *, event_id: str | Omit = NOT_GIVEN, response_id: str | Omit = NOT_GIVEN
    ) -> None:
        """Send `response.cancel`: the response in progress ends with status `cancelled`."""
        await send_event(
            self._connection, "response.cancel", event_id=event_id, response_id=response_id
        )


class AsyncRealtimeInputAudioBufferResource(ClientEventResource):
    __slots__ = ()

    async def append(self, *, audio: str, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `input_audio_buffer.append`: base64-encoded audio in the session's format."""
        await send_event(
            self._connection, "input_audio_buffer.append", audio=audio, event_id=event_id
        )

    async def commit(self, *, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `input_audio_buffer.commit`: the buffer becomes a user message (and is
        transcribed if the session asks for it)."""
        await send_event(self._connection, "input_audio_buffer.commit", event_id=event_id)

    async def clear(self, *, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `input_audio_buffer.clear`."""
        await send_event(self._connection, "input_audio_buffer.clear", event_id=event_id)


class AsyncRealtimeOutputAudioBufferResource(ClientEventResource):
    __slots__ = ()

    async def clear(self, *, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `output_audio_buffer.clear` (WebRTC and SIP connections)."""
        await send_event(self._connection, "output_audio_buffer.clear", event_id=event_id)


class AsyncRealtimeConversationItemResource(ClientEventResource):
    __slots__ = ()

    async def create(
        self,
        *,
        item: ConversationItemParam,
        event_id: str | Omit = NOT_GIVEN,
        previous_item_id: str | Omit = NOT_GIVEN,
    ) -> None:
        """Send `conversation.item.create`: a message, a function call or its output."""
        await send_event(
            self._connection,
            "conversation.item.create",
            item=item,
            event_id=event_id,
            previous_item_id=previous_item_id,
        )

    async def delete(self, *, item_id: str, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `conversation.item.delete`."""
        await send_event(
            self._connection, "conversation.item.delete", item_id=item_id, event_id=event_id
        )

    async def retrieve(self, *, item_id: str, event_id: str | Omit = NOT_GIVEN) -> None:
        """Send `conversation.item.retrieve`: the server answers `conversation.item.retrieved`."""
        await send_event(
            self._connection, "conversation.item.retrieve", item_id=item_id, event_id=event_id
        )

    async def truncate(
        self,
        *,
        audio_end_ms: int,
        content_index: int,
        item_id: str,
        event_id: str | Omit = NOT_GIVEN,
    ) -> None:
        """Send `conversation.item.truncate`: cut an assistant message's audio at
        `audio_end_ms` (what was played when the user interrupted)."""
        await send_event(
            self._connection,
            "conversation.item.truncate",
            audio_end_ms=audio_end_ms,
            content_index=content_index,
            item_id=item_id,
            event_id=event_id,
        )


class AsyncRealtimeConversationResource(ClientEventResource):
    __slots__ = ()

    @property
    def item(self) -> AsyncRealtimeConversationItemResource:
        return AsyncRealtimeConversationItemResource(self._connection)
