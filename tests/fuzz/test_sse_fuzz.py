"""The SSE decoder against arbitrary bytes: any split of a stream gives the same events and
the same error as one whole read, and nothing but SSEError escapes; through the client,
nothing but an OpenAIError.

The whole read is also checked against a reference written from the WHATWG text, line by
line, with no attention to speed."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAIError, StreamError
from openai_oxide._core.sse import (
    ServerSentEvent,
    SSEDecodeError,
    SSEDecoder,
    SSEError,
    signal_of,
)
from support import API_KEY

# Bytes that mean something to the decoder, so random streams reach every branch; plus any
# byte at all (invalid UTF-8, NUL, the BOM's pieces).
_TOKENS = [
    b"data:", b"data: ", b"event:", b"event: ", b"id:", b"id: ", b"retry:", b"retry: ", b":",
    b"\n", b"\r", b"\r\n", b"\n\n", b" ", b"x", b"[DONE]", b"{}", b'{"type":"ping"}', b"ping",
    b"12", b"\x00", b"\xef\xbb\xbf", b"\xef", b"\xbb", b"\xc3", b"\xa9", b"\xff", "é€😀".encode(),
]  # fmt: skip
streams = st.lists(st.sampled_from(_TOKENS) | st.binary(max_size=6), max_size=60).map(b"".join)
LIMITS = {"max_line_bytes": 24, "max_event_bytes": 40}

Outcome = tuple[list[ServerSentEvent], type[SSEError] | None]


def run(chunks: Sequence[bytes], **limits: int) -> Outcome:
    """Every event delivered (the error's own events included) and the error's class."""
    decoder = SSEDecoder(**limits)
    events: list[ServerSentEvent] = []
    try:
        for chunk in chunks:
            events += decoder.feed(chunk)
        events += decoder.feed_eof()
    except SSEError as exc:
        events += exc.events
        return events, type(exc)
    return events, None


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


@given(streams, st.lists(st.integers(0, 400), max_size=12), st.sampled_from([{}, LIMITS]))
@example(b"\xef\xbb", [1], {})  # a BOM cut short at the start, then the end of the body
@example(b"data: a\r", [8], {})  # CR at a chunk's end, then nothing
@example(b"data: x\r\n\n", [8], {})  # CR LF cut in two
@example(b"data:" + b"y" * 30 + b"\n\n", [10, 20], LIMITS)  # the line limit, crossed mid-line
def test_any_split_gives_the_whole_reads_outcome(
    data: bytes, cuts: list[int], limits: dict[str, int]
) -> None:
    whole = run([data], **limits)
    assert run(split(data, cuts), **limits) == whole
    assert run([data[i : i + 1] for i in range(len(data))], **limits) == whole


@given(streams)
def test_whole_read_matches_the_spec_reference(data: bytes) -> None:
    assert run([data]) == reference(data)


@given(streams, st.lists(st.integers(0, 400), max_size=6))
def test_feed_takes_every_bytes_like_type(data: bytes, cuts: list[int]) -> None:
    parts = split(data, cuts)
    mixed = [bytearray(p) if i % 3 == 1 else memoryview(p) if i % 3 == 2 else p
             for i, p in enumerate(parts)]  # fmt: skip
    assert run(mixed) == run(parts)


@given(st.none() | st.text(max_size=8), st.text(max_size=60))
def test_signal_of_any_event_is_a_known_signal(event: str | None, data: str) -> None:
    signal = signal_of(ServerSentEvent(event, data))
    assert signal in (None, "end", "keepalive")
    if data.startswith("[DONE]"):
        assert signal == "end"


def reference(data: bytes) -> Outcome:
    """WHATWG "interpret an event stream", strict UTF-8 per line, one line at a time."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    *lines, last = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    events: list[ServerSentEvent] = []
    buffer: list[str] = []
    kind, id_buffer, retry = "", None, None
    for number, raw in enumerate([*lines, last]):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            return events, SSEDecodeError
        if number == len(lines):
            break  # the unfinished last line: checked, then discarded with its event
        if not line:
            if buffer:
                events.append(ServerSentEvent(kind or None, "\n".join(buffer), id_buffer, retry))
            buffer, kind, retry = [], "", None
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            buffer.append(value)
        elif name == "event":
            kind = value
        elif name == "id" and "\0" not in value:
            id_buffer = value
        elif name == "retry" and value.isascii() and value.isdigit():
            retry = int(value)
    return events, None


# Through the client: whatever bytes a stream carries, cut anywhere, a Responses or Chat
# stream yields typed events and ends, or raises an OpenAIError (StreamError with the request
# id for a malformed stream), never a raw error.
_EVENTS = [b'data: {"type":"response.output_text.delta","delta":"hi","output_index":0}\n\n',
           b'data: {"type":"response.completed","response":{"id":"r","output":[]}}\n\n',
           b'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n', b"data: [DONE]\n\n",
           b"event: error\ndata: {}\n\n", b'data: {"type":"error","message":"x"}\n\n', b"data: {",
           b'data: {"choices":7}\n\n', b"data: []\n\n", b": ping\n\n"]  # fmt: skip
bodies = st.lists(st.sampled_from(_EVENTS) | streams, max_size=8).map(b"".join)


@given(bodies, st.integers(1, 64), st.sampled_from(["responses", "chat"]))
def test_a_client_stream_ends_or_raises_a_typed_error(body: bytes, size: int, api: str) -> None:
    outcome = asyncio.run(_consume(body, size, api))
    if isinstance(outcome, StreamError):
        assert outcome.request_id == "req_fuzz"


async def _consume(body: bytes, size: int, api: str) -> object:
    headers = {"content-type": "text/event-stream", "x-request-id": "req_fuzz"}
    transport = MockTransport(lambda r: MockResponse(200, headers, body, chunk_size=size))
    async with AsyncOpenAI(api_key=API_KEY, transport=transport, max_retries=0) as client:
        try:
            if api == "responses":
                stream: Any = await client.responses.create(model="m", input="x", stream=True)
            else:
                stream = await client.chat.completions.create(model="m", messages=[], stream=True)
            return [event async for event in stream]
        except OpenAIError as exc:  # documented: every failure of a stream is one
            return exc
