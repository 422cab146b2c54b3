"""The Responses API helpers written by hand and mixed into the generated `AsyncResponses`:
`stream`, `parse` and `create_stream_fc` and the WebSocket `connect`; `decode_event`, the
fast path the generated `create` and `retrieve` parse their stream events with
(`parse_response_stream_event`'s decoder).

The helpers take `create`'s keyword arguments, typed by the generated `ResponseCreateKwargs`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Unpack

from typing_extensions import TypeVar

from .._core.request import path_param
from .._core.sse import ServerSentEvent
from .._resume import resuming_stream
from .._streaming import FastPath, JSONEvents, RaiseAtEnd
from ..types._lenient import json_decoder, json_validator
from ._common import Resource
from ._options import RequestOptions

if TYPE_CHECKING:
    from .._streaming import AsyncStreamManager
    from ..lib.responses_stream import AsyncFunctionCallStream, AsyncResponseStream
    from ..lib.ws_connect import AsyncResponsesConnectionManager
    from ..lib.ws_handshake import Auth
    from ..types.responses import ResponseStreamEvent
    from ..types.responses.parsed_response import ParsedResponse
    from ..types.websocket_connection_options import WebSocketConnectionOptions
    from ..types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides
    from .helper_kwargs import ResponseCreateKwargs

# Without `text_format` nothing is parsed: `stream()` is an `AsyncResponseStream[None]`, as
# the official types it (PEP 696 default; typing_extensions is loaded with pydantic here).
T = TypeVar("T", default=None)

__all__ = ["ResponsesCreate", "decode_event"]


class RetrieveParams(RequestOptions, total=False):
    include: list[str]
    include_obfuscation: bool
    starting_after: int


class ResponsesCreate(Resource):
    __slots__ = ()

    def stream(
        self,
        *,
        text_format: type[T] | None = None,
        response_id: str | None = None,
        starting_after: int | None = None,
        **params: Unpack[ResponseCreateKwargs],
    ) -> AsyncStreamManager[AsyncResponseStream[T]]:
        """`async with client.responses.stream(...) as stream`: typed events with snapshots,
        `get_final_response()`, and partial structured output when `text_format` is given.

        With `response_id=` it resumes the stream of an existing (background) response,
        from the event after `starting_after`, as the official SDK does."""
        from .._streaming import AsyncStreamManager
        from ..lib.helper_body import prepare_responses_body
        from ..lib.responses_stream import AsyncResponseStream, decode_pair

        body, options, tools = prepare_responses_body(dict(params), text_format)
        body["stream"] = True
        if response_id is not None and set(body) - {"stream", "tools"}:
            raise TypeError("responses.stream(response_id=...) takes no create parameters")

        async def open_stream() -> AsyncResponseStream[T]:
            if response_id is None:
                raw = await resuming_stream(
                    self._client,
                    "POST",
                    "/responses",
                    decode=decode_pair,
                    body=body,
                    options=options,
                )
            else:
                query: dict[str, object] = {"stream": True, "starting_after": starting_after}
                path = f"/responses/{path_param(response_id)}"
                raw = await resuming_stream(
                    self._client, "GET", path, decode=decode_pair, query=query, options=options
                )
            return AsyncResponseStream(
                raw, text_format=text_format, input_tools=tools, resumed=response_id is not None
            )

        return AsyncStreamManager(open_stream)

    def create_stream_fc(
        self, *, partial: bool = False, **params: Unpack[ResponseCreateKwargs]
    ) -> AsyncFunctionCallStream:
        """`async for call in client.responses.create_stream_fc(...)`: each function call the
        moment its arguments are complete, before the stream ends (openai-oxide's name)."""
        from ..lib.responses_stream import AsyncFunctionCallStream

        return AsyncFunctionCallStream(self.stream(**params), partial=partial)

    async def parse(
        self, *, text_format: type[T] | None = None, **params: Unpack[ResponseCreateKwargs]
    ) -> ParsedResponse[T]:
        """`create`, then `.output_parsed` (and `parsed_arguments` for strict tools)."""
        from ..lib.helper_body import prepare_responses_body
        from ..lib.parsing import parse_response
        from ..types.responses.response import Response

        body, options, tools = prepare_responses_body(dict(params), text_format)
        response = await self._client.request(
            "POST", "/responses", parse=json_decoder(Response), body=body, options=options
        )
        return parse_response(response, text_format=text_format, input_tools=tools)

    def connect(
        self,
        extra_query: Mapping[str, object] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        websocket_connection_options: WebSocketConnectionOptions | None = None,
        on_reconnecting: Callable[[ReconnectingEvent], ReconnectingOverrides | None] | None = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = 1_048_576,
        *,
        auth: Auth = "auto",
        client_secret: str | None = None,
        subprotocols: Sequence[str] = (),
        fallback: bool = True,
    ) -> AsyncResponsesConnectionManager:
        """The official SDK's raw WebSocket: `async with client.responses.connect() as conn:
        await conn.response.create(model=..., input=...); async for event in conn: ...`.

        Opening is retried `max_retries` times with `min(initial_delay * 2**n, max_delay)`
        (less up to 25% jitter) between tries, unless the handshake got a status that is
        not retried (401, 404, ...). This raw connection does not reconnect once open, so
        `on_reconnecting` never fires; `max_queue_size` is accepted for compatibility and
        unused; `websocket_connection_options` go to the transport natively, as the
        Realtime connection's (`openai_oxide.lib.ws_handshake.connection_options`). For
        chaining, queueing and reconnection use `client.ws_session()`, which also describes
        `auth`/`client_secret`. Where the server has no WebSocket endpoint the connection
        runs over HTTP streaming with the same events (`openai_oxide.lib.ws_fallback`);
        `fallback=False` raises the handshake's `APIConnectionError` instead.
        """
        from ..lib.ws_connect import AsyncResponsesConnectionManager

        return AsyncResponsesConnectionManager(
            self._client,
            extra_query=extra_query or {},
            extra_headers=extra_headers or {},
            auth=auth,
            client_secret=client_secret,
            subprotocols=subprotocols,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            fallback=fallback,
            websocket_connection_options=websocket_connection_options,
        )


def _decode_event(sse: ServerSentEvent) -> ResponseStreamEvent | RaiseAtEnd[ResponseStreamEvent]:
    """One Responses SSE event, typed; an `error` event is yielded and raised at the end."""
    event = _event_json()(sse.data)
    if event.type == "error":
        return RaiseAtEnd(event, event.model_dump())
    return event


@functools.cache
def _event_json() -> Callable[[str], ResponseStreamEvent]:
    """`parse_response_stream_event`'s decoder, looked up once: every event of a stream
    goes through here, and each Python call on the way costs. The 58 event classes are
    imported here, by the first stream, not with `client.responses`."""
    from ..types.responses.events import ResponseStreamEvent

    return json_decoder(ResponseStreamEvent)


def _fast_path() -> FastPath[ResponseStreamEvent]:
    from ..types.responses.events import ResponseStreamEvent
    from ..types.responses.response_stream_event import ResponseErrorEvent

    return FastPath(json_validator(ResponseStreamEvent), _decode_event, (ResponseErrorEvent,))


# A Responses stream's decoder: events read from their bytes (`JSONEvents`); an `error`
# event is decoded by `_decode_event`, to be raised once the events are out.
decode_event: JSONEvents[ResponseStreamEvent] = JSONEvents(_fast_path)
