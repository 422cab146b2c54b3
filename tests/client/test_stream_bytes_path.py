"""The bytes path of a stream (`JSONEvents`): an answer event's data bytes go straight to
pydantic-core. Whatever the bytes and however they are cut into chunks, a stream gives the
same items, the same errors at the same point, as the usual path (each event decoded from
its `ServerSentEvent` by the endpoint's decoder), and the usual path is taken only where the
bytes path cannot decide."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from openai_oxide import APIConnectionError, APIError
from openai_oxide._core.http import Headers, Request, ResponseHead
from openai_oxide._core.sse import ServerSentEvent
from openai_oxide._streaming import AsyncStream, FastPath, JSONEvents
from openai_oxide._timing import Deadline
from openai_oxide.resources.chat_create import decode_chunk
from openai_oxide.resources.responses_create import decode_event


class Body:
    """A transport response that sends `chunks`."""

    status = 200
    headers = Headers()

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk

    async def aclose(self) -> None:
        pass


Outcome = tuple[list[tuple[str, Any]], str | None]


async def run(
    chunks: list[bytes], decode: Callable[[ServerSentEvent], Any], strict: bool
) -> Outcome:
    """The items (class name and dump) and the error (class and message) of a stream."""
    head = ResponseHead(200, Headers(), Request("POST", "http://test/v1/responses"))
    stream = AsyncStream(head, Body(chunks), decode, Deadline(None, None), strict=strict)
    items: list[tuple[str, Any]] = []
    try:
        async for item in stream:
            items.append((type(item).__qualname__, item.model_dump(warnings=False)))
    except (APIError, APIConnectionError) as exc:
        return items, f"{type(exc).__name__}: {exc}"
    return items, None


def counting(decoder: JSONEvents[Any]) -> tuple[JSONEvents[Any], list[ServerSentEvent]]:
    """`decoder` with its usual path recorded: the events that did not take the bytes path."""
    parts = decoder.parts
    seen: list[ServerSentEvent] = []

    def decode(sse: ServerSentEvent) -> Any:
        seen.append(sse)
        return parts.decode(sse)

    return JSONEvents(lambda: FastPath(parts.validate, decode, parts.slow)), seen


def sse(data: Any, event: str | None = None) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return (f"event: {event}\n" if event else "").encode() + f"data: {text}\n\n".encode()


def delta(seq: int, text: str) -> bytes:
    body = {
        "type": "response.output_text.delta",
        "item_id": "msg_1",
        "output_index": 0,
        "content_index": 0,
        "delta": text,
        "logprobs": [],
        "sequence_number": seq,
    }
    return sse(body, "response.output_text.delta")


CREATED = sse(
    {
        "type": "response.created",
        "sequence_number": 0,
        "response": {"id": "resp_1", "object": "response", "status": "in_progress", "output": []},
    },
    "response.created",
)
UNKNOWN = sse({"type": "response.brand_new", "sequence_number": 9, "detail": "kept as sent"})
BROKEN = sse({"type": "response.output_text.delta", "output_index": "not a number!!"})
ERROR = sse(
    {"type": "error", "code": "server_error", "message": "went wrong", "sequence_number": 4},
    "error",
)
# Keep-alives the bytes path must not type: a ping-named event with JSON data, and a
# `{"type": "ping"}` object of 48+ bytes but fewer than 48 characters.
PING_NAMED = sse({"type": "response.output_text.delta", "sequence_number": 5}, "ping")
PING_SHORT = sse({"type": "ping", "n": "ééééééééééééé"})
DONE = b"data: [DONE]\n\n"

RESPONSES_STREAMS = {
    "non_ascii": [CREATED, delta(1, " 👋 “quoted” — ok"), delta(2, "é"), DONE],
    "one_chunk": [CREATED + delta(1, "a") + delta(2, "👋") + DONE + delta(3, "after the end")],
    "unknown_and_broken": [UNKNOWN + BROKEN + delta(3, "x")],
    "error_event_mid_chunk": [delta(1, "a") + ERROR + delta(5, "b")],
    "keepalives": [PING_NAMED + PING_SHORT + delta(6, "c") + b"data: {}\n\n"],
    "invalid_utf8": [
        delta(1, "a")
        + b'data: {"type":"response.output_text.delta","delta":"\xff\xfe"}\n\n'
        + delta(2, "b")
    ],
    "bom": [b"\xef\xbb\xbf" + CREATED + delta(1, "a")],
    "bom_cut": [b"\xef", b"\xbb", b"\xbf" + CREATED, delta(1, "a")],
    "crlf": [(CREATED + delta(1, "é")).replace(b"\n", b"\r\n")],
    "ids_and_comments": [
        b"id: 7\n" + delta(1, "a") + b": comment\n" + delta(2, "b") + b"retry: 5\n" + delta(3, "c")
    ],
    "cut_anywhere": [(chunk := CREATED + delta(1, "👋") + ERROR)[:37], chunk[37:301], chunk[301:]],
}


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("name", list(RESPONSES_STREAMS))
async def test_a_responses_stream_reads_the_same_from_bytes(name: str, strict: bool) -> None:
    chunks = RESPONSES_STREAMS[name]
    usual = await run(chunks, decode_event.parts.decode, strict)  # a plain function
    fast = await run(chunks, decode_event, strict)
    assert fast == usual
    assert usual[0] or usual[1]  # something came out


async def test_only_what_the_bytes_path_cannot_type_goes_the_usual_way() -> None:
    decoder, seen = counting(decode_event)
    chunks = [CREATED, delta(1, " 👋"), delta(2, "b") + ERROR + UNKNOWN + BROKEN + DONE]
    items, error = await run(chunks, decoder, strict=False)
    assert [kind for kind, _ in items] == [
        "ResponseCreatedEvent",
        "ResponseTextDeltaEvent",
        "ResponseTextDeltaEvent",
        "ResponseErrorEvent",
        "UnknownResponseStreamEvent",
        "ResponseTextDeltaEvent",
    ]
    assert error is not None and error.startswith("StreamEventError")  # once the events are out
    # The error event is decoded the usual way (to be raised at the end), and the rest of
    # its chunk with it; the first three events never were.
    assert [json.loads(e.data)["type"] for e in seen] == [
        "error",
        "response.brand_new",
        "response.output_text.delta",
    ]
    assert seen[0].event == "error"


async def test_a_lenient_event_is_built_as_before() -> None:
    items, error = await run([BROKEN], decode_event, strict=False)
    assert error is None
    assert items == [("ResponseTextDeltaEvent", items[0][1])]
    assert items[0][1]["output_index"] == "not a number!!"  # kept as sent
    items, error = await run([BROKEN], decode_event, strict=True)
    assert items == [] and error is not None and error.startswith("StreamError")


CHUNK = {
    "id": "chatcmpl-1",
    "object": "chat.completion.chunk",
    "created": 1,
    "model": "gpt-4.1-mini",
    "choices": [{"index": 0, "delta": {"content": "héllo 👋"}, "finish_reason": None}],
}


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
async def test_a_chat_stream_reads_the_same_from_bytes(strict: bool) -> None:
    broken = sse({**CHUNK, "created": "yesterday"})  # built leniently, or a StreamError
    chunks = [sse(CHUNK) + sse({**CHUNK, "choices": []}), broken + sse(CHUNK), DONE]
    usual = await run(chunks, decode_chunk.parts.decode, strict)
    decoder, seen = counting(decode_chunk)
    fast = await run(chunks, decoder, strict)
    assert fast == usual
    assert len(usual[0]) == (2 if strict else 4)
    assert (usual[1] or "").startswith("StreamError" if strict else "")
    assert [json.loads(e.data)["created"] for e in seen][:1] == ["yesterday"]


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
async def test_an_error_chunk_raises_its_error_on_either_path(strict: bool) -> None:
    # The official raises `APIError` at `{"error": ...}`; it was yielded as an empty chunk.
    error_chunk = sse({"error": {"message": "overloaded, try again later", "type": "server"}})
    chunks = [sse(CHUNK), error_chunk + sse(CHUNK), DONE]
    for decode in (decode_chunk.parts.decode, decode_chunk):
        items, error = await run(chunks, decode, strict)
        assert [name for name, _ in items] == ["ChatCompletionChunk"]
        assert error == (
            "StreamEventError: An error occurred during streaming: overloaded, try again later"
        )


async def test_an_error_event_with_a_null_error_says_its_message() -> None:
    event = {"type": "error", "code": "server_error", "message": "boom", "param": None}
    event |= {"sequence_number": 1, "error": None}
    items, error = await run([sse(event, "error"), DONE], decode_event, False)
    assert [name for name, _ in items] == ["ResponseErrorEvent"]
    assert error == "StreamEventError: An error occurred during streaming: boom"
