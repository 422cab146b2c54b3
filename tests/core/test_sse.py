from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_oxide._core.sse import (
    DEFAULT_MAX_EVENT_BYTES,
    DEFAULT_MAX_LINE_BYTES,
    ServerSentEvent,
    SSEDecodeError,
    SSEDecoder,
    SSEError,
    SSELimitError,
    signal_of,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CHAT_STREAMS = sorted((SHARED / "fixtures" / "chat-streams").glob("*.bin"))
RESPONSES_STREAMS = sorted((SHARED / "fixtures" / "responses-streams").glob("**/*.chunks.txt"))

E = ServerSentEvent


def chunks(data: bytes, size: int | None) -> Iterable[bytes]:
    if size is None:
        yield data
        return
    for i in range(0, len(data), size):
        yield data[i : i + size]


def decode(parts: Iterable[bytes], **limits: int) -> list[ServerSentEvent]:
    decoder = SSEDecoder(**limits)
    events: list[ServerSentEvent] = []
    for part in parts:
        events += decoder.feed(part)
    events += decoder.feed_eof()
    return events


def decode_at(data: bytes, cuts: Iterable[int]) -> list[ServerSentEvent]:
    bounds = [0, *sorted(cuts), len(data)]
    return decode(data[a:b] for a, b in itertools.pairwise(bounds))


_EOL = re.compile(r"\r\n|\r|\n")


def reference(data: bytes) -> list[ServerSentEvent]:
    """The spec's algorithm written the obvious way, on the whole stream at once."""
    text = data.decode("utf-8")
    text = text.removeprefix("\ufeff")
    lines = _EOL.split(text)
    lines.pop()  # the unterminated rest: an event it belongs to is never dispatched
    events: list[ServerSentEvent] = []
    data_lines: list[str] = []
    event_type, last_id, retry = "", None, None
    for line in lines:
        if line == "":
            if data_lines:
                events.append(E(event_type or None, "\n".join(data_lines), last_id, retry))
            data_lines, event_type, retry = [], "", None
            continue
        if line.startswith(":"):
            continue
        if ":" in line:
            name, value = line.split(":", 1)
            value = value[1:] if value.startswith(" ") else value
        else:
            name, value = line, ""
        if name == "data":
            data_lines.append(value)
        elif name == "event":
            event_type = value
        elif name == "id" and "\0" not in value:
            last_id = value
        elif name == "retry" and re.fullmatch(r"[0-9]+", value):
            retry = int(value)
    return events


SPLITS = [None, 1, 7, 97]
CASES: list[tuple[str, bytes, list[ServerSentEvent]]] = [
    ("lf", b"data: a\n\n", [E(None, "a")]),
    ("crlf", b"data: a\r\n\r\n", [E(None, "a")]),
    ("cr", b"data: a\r\rdata: b\r\r", [E(None, "a"), E(None, "b")]),
    ("mixed", b"data: a\r\ndata: b\rdata: c\n\r\n", [E(None, "a\nb\nc")]),
    ("cr cr lf", b"data: a\r\r\n", [E(None, "a")]),
    ("lf cr", b"data: a\n\rdata: b\n\n", [E(None, "a"), E(None, "b")]),
    ("two events", b"data: a\n\ndata: b\n\n", [E(None, "a"), E(None, "b")]),
    ("multi-line data", b"data: a\ndata: b\ndata:\n\n", [E(None, "a\nb\n")]),
    ("comment", b": keepalive\ndata: a\n:\n\n", [E(None, "a")]),
    ("no colon", b"data\n\n", [E(None, "")]),
    ("no space", b"data:a\n\n", [E(None, "a")]),
    ("one space dropped", b"data:  a \n\n", [E(None, " a ")]),
    ("colon in value", b"data: a: b\n\n", [E(None, "a: b")]),
    ("tab kept", b"data:\ta\n\n", [E(None, "\ta")]),
    ("empty data dispatches", b"data:\n\n", [E(None, "")]),
    ("event name", b"event: delta\ndata: x\n\n", [E("delta", "x")]),
    ("event name reset", b"event: a\ndata: 1\n\ndata: 2\n\n", [E("a", "1"), E(None, "2")]),
    ("empty event name", b"event:\ndata: x\n\n", [E(None, "x")]),
    ("last event name wins", b"event: a\nevent: b\ndata: x\n\n", [E("b", "x")]),
    ("no data no dispatch", b"event: ping\nid: 1\nretry: 5\n\n", []),
    ("no data resets type", b"event: ping\n\ndata: x\n\n", [E(None, "x")]),
    ("blank lines only", b"\n\n\r\n\r\r", []),
    ("id persists", b"id: 1\ndata: a\n\ndata: b\n\n", [E(None, "a", "1"), E(None, "b", "1")]),
    (
        "id reset to empty",
        b"id: 1\ndata: a\n\nid\ndata: b\n\n",
        [E(None, "a", "1"), E(None, "b", "")],
    ),
    (
        "id with NUL ignored",
        b"id: 1\ndata: a\n\nid: 2\x00\ndata: b\n\n",
        [E(None, "a", "1"), E(None, "b", "1")],
    ),
    ("id after data", b"data: a\nid: 7\n\n", [E(None, "a", "7")]),
    ("retry", b"retry: 1500\ndata: a\n\ndata: b\n\n", [E(None, "a", None, 1500), E(None, "b")]),
    (
        "retry not digits",
        b"retry: 1.5\nretry: -1\nretry: +2\nretry: 1 \nretry:\ndata: a\n\n",
        [E(None, "a")],
    ),
    ("retry non-ascii digits", "retry: \u0661\u0662\ndata: a\n\n".encode(), [E(None, "a")]),
    ("unknown field", b"foo: bar\nData: x\n data: y\ndata: a\n\n", [E(None, "a")]),
    ("bom stripped", b"\xef\xbb\xbfdata: a\n\n", [E(None, "a")]),
    ("second bom kept", b"\xef\xbb\xbf\xef\xbb\xbfdata: a\n\ndata: b\n\n", [E(None, "b")]),
    ("bom later kept", b"data: \xef\xbb\xbfa\n\n", [E(None, "\ufeffa")]),
    (
        "unicode",
        "data: h\u00e9llo \u2603 \U0001f600\n\n".encode(),
        [E(None, "h\u00e9llo \u2603 \U0001f600")],
    ),
    ("u2028 is not a line break", "data: a\u2028b\x85c\n\n".encode(), [E(None, "a\u2028b\x85c")]),
    ("eof discards event", b"data: a\n\ndata: b\n", [E(None, "a")]),
    ("eof discards line", b"data: a\n\ndata: b", [E(None, "a")]),
    ("eof after cr", b"data: a\r\r", [E(None, "a")]),
    ("empty stream", b"", []),
    ("short bom-like start", b"\xef\xbb\xbf", []),
]


@pytest.mark.parametrize("size", SPLITS)
@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(name: str, data: bytes, expected: list[ServerSentEvent], size: int | None) -> None:
    assert decode(chunks(data, size)) == expected
    assert reference(data) == expected


@pytest.mark.parametrize("size", SPLITS)
def test_decoder_state(size: int | None) -> None:
    decoder = SSEDecoder()
    assert decoder.last_event_id is None and decoder.retry is None
    for part in chunks(b"id: 5\nretry: 300\ndata: a\n\nretry: x\n\nid: 6\n", size):
        decoder.feed(part)
    # The id of an event that never ended is not committed (spec: dispatch step 1).
    assert decoder.last_event_id == "5"
    assert decoder.retry == 300
    decoder.feed(b"\n")
    assert decoder.last_event_id == "6"


def test_crlf_split_across_chunks_is_one_break() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\ndata: b\r") == []
    assert decoder.feed(b"\n\r") == [E(None, "a\nb")]
    assert decoder.feed(b"\n") == []  # this LF ends the CR above: no extra blank line
    assert decoder.feed(b"data: c\r") == []
    assert decoder.feed(b"\r") == [E(None, "c")]  # CR CR is two breaks


def test_cr_then_empty_chunk_then_lf() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == [E(None, "a")]


def test_bom_cut_at_stream_start() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"\xef") == []
    assert decoder.feed(b"\xbb") == []
    assert decoder.feed(b"\xbfdata: a\n\n") == [E(None, "a")]


def test_accepts_bytearray_and_memoryview() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(bytearray(b"data: a\n")) == []
    assert decoder.feed(memoryview(b"\n")) == [E(None, "a")]


@pytest.mark.parametrize(
    "char", ["\u00e9", "\u20ac", "\U0001f600", "\ufeff"], ids=["2B", "3B", "4B", "bom-char"]
)
def test_utf8_char_split_at_every_offset(char: str) -> None:
    data = f"data: {char}x{char}\ndata: {char}\n\n".encode()
    expected = [E(None, f"{char}x{char}\n{char}")]
    for cut in range(len(data) + 1):
        assert decode_at(data, [cut]) == expected, cut
    assert decode(chunks(data, 1)) == expected


def test_json() -> None:
    assert E(None, '{"a": [1, "\u00e9"]}').json() == {"a": [1, "\u00e9"]}
    with pytest.raises(ValueError):
        E(None, "[DONE]").json()


def test_event_is_frozen() -> None:
    event = E("a", "b")
    with pytest.raises(AttributeError):
        event.data = "c"  # type: ignore[misc]


# --- errors -----------------------------------------------------------------------------


def assert_terminal(decoder: SSEDecoder) -> None:
    with pytest.raises(SSEError, match="failed earlier") as info:
        decoder.feed(b"data: ok\n\n")
    assert isinstance(info.value.__cause__, SSEError)
    assert info.value.events == []
    with pytest.raises(SSEError):
        decoder.feed_eof()


@pytest.mark.parametrize("size", SPLITS)
@pytest.mark.parametrize(
    "data",
    [
        b"data: \xff\n\n",
        b"\xc3(\n",
        b": comment \xed\xa0\x80\n",
        b"data: \xe2\x82\n",
        b"\xef\xbb\n",
    ],
    ids=["ff", "bad-continuation", "surrogate-in-comment", "truncated", "cut-bom"],
)
def test_invalid_utf8(data: bytes, size: int | None) -> None:
    decoder = SSEDecoder()
    with pytest.raises(SSEDecodeError, match="not valid UTF-8") as info:
        for part in chunks(data, size):
            decoder.feed(part)
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    assert isinstance(info.value, ValueError)
    assert_terminal(decoder)


@pytest.mark.parametrize("data", [b"data: \xff", b"\xef\xbb", b"\xef"])
def test_invalid_utf8_in_last_unterminated_line(data: bytes) -> None:
    decoder = SSEDecoder()
    assert decoder.feed(data) == []
    with pytest.raises(SSEDecodeError):
        decoder.feed_eof()
    assert_terminal(decoder)


def test_error_carries_events_of_the_same_call() -> None:
    decoder = SSEDecoder()
    with pytest.raises(SSEDecodeError) as info:
        decoder.feed(b"data: a\n\ndata: b\n\ndata: \xff\n\n")
    assert info.value.events == [E(None, "a"), E(None, "b")]


def test_events_before_an_error_do_not_depend_on_the_split() -> None:
    data = b"data: a\n\nid: 1\ndata: b\n\ndata: \xff\n\ndata: c\n\n"
    for size in (1, 3, 7, len(data)):
        decoder, seen = SSEDecoder(), []
        with pytest.raises(SSEError) as info:
            for part in chunks(data, size):
                seen += decoder.feed(part)
        assert seen + info.value.events == [E(None, "a"), E(None, "b", "1")]


@pytest.mark.parametrize("size", SPLITS)
def test_line_limit(size: int | None) -> None:
    ok = b"data: " + b"x" * 10 + b"\n\n"  # the data line is 16 bytes
    assert decode(chunks(ok, size), max_line_bytes=16) == [E(None, "x" * 10)]
    decoder = SSEDecoder(max_line_bytes=15)
    with pytest.raises(SSELimitError, match="max_line_bytes=15"):
        for part in chunks(ok, size):
            decoder.feed(part)
    assert_terminal(decoder)


def test_line_limit_hits_before_the_line_ends() -> None:
    decoder = SSEDecoder(max_line_bytes=100)
    decoder.feed(b"data: " + b"x" * 90)
    with pytest.raises(SSELimitError):
        decoder.feed(b"x" * 10)  # 106 bytes and still no line break


def test_line_limit_checks_the_unterminated_final_line() -> None:
    decoder = SSEDecoder(max_line_bytes=8)
    with pytest.raises(SSELimitError):
        decoder.feed(b"data: a\n\n: 123456789")
    assert_terminal(decoder)


@pytest.mark.parametrize("size", SPLITS)
def test_event_limit(size: int | None) -> None:
    ok = b"data: abcd\n" * 4 + b"\n"  # 4 data lines of 10 bytes
    assert (
        decode(chunks(ok * 3, size), max_event_bytes=40) == [E(None, "\n".join(["abcd"] * 4))] * 3
    )
    decoder = SSEDecoder(max_event_bytes=39)
    with pytest.raises(SSELimitError, match="max_event_bytes=39"):
        for part in chunks(ok, size):
            decoder.feed(part)
    assert_terminal(decoder)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SSEDecoder(max_line_bytes=0)
    with pytest.raises(ValueError):
        SSEDecoder(max_event_bytes=0)
    assert DEFAULT_MAX_LINE_BYTES == 4 * 1024 * 1024
    assert DEFAULT_MAX_EVENT_BYTES == 16 * 1024 * 1024


def test_feed_after_eof_is_misuse() -> None:
    decoder = SSEDecoder()
    assert decoder.feed_eof() == []
    assert decoder.feed_eof() == []
    with pytest.raises(ValueError, match="after feed_eof") as info:
        decoder.feed(b"data: a\n\n")
    assert not isinstance(info.value, SSEError)


# --- recorded streams ---------------------------------------------------------------------


def test_fixtures_present() -> None:
    assert len(CHAT_STREAMS) >= 10 and len(RESPONSES_STREAMS) >= 10


@pytest.mark.parametrize("path", CHAT_STREAMS, ids=lambda p: p.name[:8])
def test_chat_stream_recordings(path: Path) -> None:
    data = path.read_bytes()
    whole = decode([data])
    assert whole == reference(data)
    assert whole and whole[-1].data == "[DONE]"
    for event in whole[:-1]:
        assert event.json()["object"] == "chat.completion.chunk"
    for size in (1, 7, 97):
        assert decode(chunks(data, size)) == whole
    step = max(1, len(data) // 400)  # two-chunk splits, a few hundred per file
    for cut in range(0, len(data) + 1, step):
        assert decode_at(data, [cut]) == whole, cut


@settings(deadline=None, max_examples=150)
@given(st.data())
def test_any_split_of_a_recording_gives_the_same_events(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(CHAT_STREAMS), label="stream")
    raw = path.read_bytes()
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=40), label="cuts")
    assert decode_at(raw, cuts) == decode([raw]) == reference(raw)


def event_name(payload: dict[str, str]) -> str:
    return payload.get("type") or payload["object"]  # chat/ holds chat.completion.chunk


def responses_sse(lines: list[str], eol: str) -> bytes:
    return "".join(
        f"event: {event_name(json.loads(line))}{eol}data: {line}{eol}{eol}" for line in lines
    ).encode()


@pytest.mark.parametrize("path", RESPONSES_STREAMS, ids=lambda p: p.name.split(".")[0][:32])
def test_responses_recordings_round_trip(path: Path) -> None:
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    for eol in ("\n", "\r\n"):
        data = responses_sse(lines, eol)
        for size in (None, 7, 97):
            events = decode(chunks(data, size))
            assert [e.data for e in events] == lines
            for event, line in zip(events, lines, strict=True):
                payload = event.json()
                assert payload == json.loads(line)
                assert event.event == (event_name(payload) or None)  # "" is the default type


# --- generated streams against the reference ----------------------------------------------

_PIECES = [
    "data", "data:", "data: ", "event: ", "id: ", "id:\0", "retry: ", "12", "x", ":", " ",
    "\n", "\r", "\r\n", "\n\n", "\u00e9", "\U0001f600", "\ufeff",
]  # fmt: skip


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.data())
def test_generated_streams_match_reference(pieces: list[str], data: st.DataObject) -> None:
    raw = "".join(pieces).encode()
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=12), label="cuts")
    expected = reference(raw)
    assert decode_at(raw, cuts) == expected
    assert decode(chunks(raw, 1)) == expected


@pytest.mark.parametrize(
    ("event", "data", "signal"),
    [
        (None, "[DONE]", "end"),
        ("done", "{}", "end"),
        ("done", "", "end"),
        ("done", "[DONE]", "end"),
        ("ping", "{}", "keepalive"),
        ("heartbeat", "", "keepalive"),
        (None, "", "keepalive"),
        (None, "  ", "keepalive"),
        (None, "{}", "keepalive"),
        (None, '{"type":"ping"}', "keepalive"),
        (None, '{"type": "ping", "t": 1}', "keepalive"),
        (None, '{"type":"pong"}', None),
        (None, '{"type":"ping"', None),  # not JSON: the decoder reports it
        (None, '{"type":"response.created","response":{"id":"ping"}}', None),
        ("message", '{"choices":[]}', None),
        ("response.completed", '{"type":"response.completed"}', None),
    ],
)
def test_signal_of_end_and_keepalive(event: str | None, data: str, signal: str | None) -> None:
    assert signal_of(ServerSentEvent(event, data)) == signal


# --- whole events in one chunk, and events begun in an earlier one -----------------------

_BLOCKS = [
    "data: {}\n\n", "data:x\n\n", "data:\n\n", "data:  two spaces\n\n", "event: a\ndata: 1\n\n",
    "event:b\ndata:2\n\n", "event:\ndata: 3\n\n", "event: a\n\n", "event: a\ndata: 1\ndata: 2\n\n",
    "data: 1\nevent: late\n\n", "id: 7\n", "retry: 9\n", ": c\n", "\n", "data: \u00e9\n\n",
    "data: 1\r\n\r\n", "event: r\rdata: 4\r\r", "data: x", "event: y", "data", "\n\n",
]  # fmt: skip


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(_BLOCKS), max_size=12), st.data())
def test_whole_event_chunks_match_reference(blocks: list[str], data: st.DataObject) -> None:
    """API-shaped blocks mixed with everything else, fed whole, one block per chunk, at
    random cuts and byte by byte: always the reference's events."""
    raw = "".join(blocks).encode()
    expected = reference(raw)
    assert decode([raw]) == expected
    assert decode(block.encode() for block in blocks) == expected
    cuts = data.draw(st.lists(st.integers(0, len(raw)), max_size=6), label="cuts")
    assert decode_at(raw, cuts) == expected
    assert decode(chunks(raw, 1)) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([b"event: a\n", b"data: x\n\ndata: y\n\n"], [E("a", "x"), E(None, "y")]),
        ([b"data: x\n", b"\ndata: y\n\n"], [E(None, "x"), E(None, "y")]),
        ([b"data: x", b"\n\nevent: e\ndata: y\n\n"], [E(None, "x"), E("e", "y")]),
        ([b"retry: 5\n", b"data: x\n\ndata: y\n\n"], [E(None, "x", None, 5), E(None, "y")]),
        ([b"id: 3\n", b"data: x\n\n"], [E(None, "x", "3")]),
        ([b"event: a\ndata: x\n\ndata: y"], [E("a", "x")]),  # no final blank line
    ],
)
def test_an_event_begun_in_an_earlier_chunk(
    parts: list[bytes], expected: list[ServerSentEvent]
) -> None:
    assert decode(parts) == expected
    assert reference(b"".join(parts)) == expected


@pytest.mark.parametrize("bad", [b"data: \xff", b"event: \xff\ndata: x"])
def test_invalid_utf8_in_a_whole_event(bad: bytes) -> None:
    decoder = SSEDecoder()
    with pytest.raises(SSEDecodeError) as info:
        decoder.feed(b"event: a\ndata: 1\n\n" + bad + b"\n\ndata: 2\n\n")
    assert info.value.events == [E("a", "1")]
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    assert_terminal(decoder)


def test_whole_event_over_a_limit() -> None:
    block = b"event: a\ndata: " + b"x" * 20 + b"\n\n"  # lines of 8 and 26 bytes
    assert decode([block], max_line_bytes=26, max_event_bytes=26) == [E("a", "x" * 20)]
    with pytest.raises(SSELimitError, match="max_line_bytes=25"):
        SSEDecoder(max_line_bytes=25).feed(block)
    with pytest.raises(SSELimitError, match="max_event_bytes=25"):
        SSEDecoder(max_event_bytes=25).feed(block)


# --- mid-stream: after the first event, whole-event chunks take the decoder's fast path ---


def primed(**limits: int) -> SSEDecoder:
    """A decoder past its first event (the first chunk always goes line by line)."""
    decoder = SSEDecoder(**limits)
    assert decoder.feed(b"data: 0\n\n") == [E(None, "0")]
    return decoder


@pytest.mark.parametrize("bad", [b"data: \xff", b"event: \xff\ndata: x", b"event: a\ndata: \xff"])
def test_invalid_utf8_in_a_whole_event_mid_stream(bad: bytes) -> None:
    decoder = primed()
    with pytest.raises(SSEDecodeError) as info:
        decoder.feed(b"event: a\ndata: 1\n\n" + bad + b"\n\ndata: 2\n\n")
    assert info.value.events == [E("a", "1")]
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    assert_terminal(decoder)


def test_whole_event_over_a_limit_mid_stream() -> None:
    block = b"event: a\ndata: " + b"x" * 20 + b"\n\n"  # lines of 8 and 26 bytes
    assert primed(max_line_bytes=26, max_event_bytes=26).feed(block) == [E("a", "x" * 20)]
    with pytest.raises(SSELimitError, match="max_line_bytes=25"):
        primed(max_line_bytes=25).feed(block)
    with pytest.raises(SSELimitError, match="max_event_bytes=25"):
        primed(max_event_bytes=25).feed(block)
    two = b"data: " + b"x" * 10 + b"\n\n"  # two events of 16-byte lines in a 36-byte chunk
    assert primed(max_line_bytes=16, max_event_bytes=16).feed(two + two) == [E(None, "x" * 10)] * 2


def test_event_id_mid_stream() -> None:
    decoder = primed()
    assert decoder.feed(b"id: 5\n") == []
    assert decoder.last_event_id is None  # committed at the next blank line
    got = decoder.feed(b"data: x\n\nevent: e\ndata: y\n\n")
    assert got == [E(None, "x", "5"), E("e", "y", "5")]
    assert decoder.last_event_id == "5"
    assert decoder.feed(b"id: 6\ndata: z\n\ndata: w\n\n") == [E(None, "z", "6"), E(None, "w", "6")]
    assert decoder.last_event_id == "6"


@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        (b"data: 1\n\n\n", [E(None, "1")]),  # an extra blank line
        (b"\n\n", []),
        (b"data: 1\n\n: comment\n\ndata: 2\n\n", [E(None, "1"), E(None, "2")]),
        (b"event: a\nevent: b\ndata: 1\n\n", [E("b", "1")]),
        (b"data: 1\ndata: 2\n\n", [E(None, "1\n2")]),
        (b"event: \ndata: 1\n\n", [E(None, "1")]),  # an empty type is the default one
        (b"event:a\ndata:1\n\n", [E("a", "1")]),
        (b"data: 1\nretry: 7\n\ndata: 2\n\n", [E(None, "1", None, 7), E(None, "2")]),
    ],
)
def test_unusual_events_in_a_whole_chunk_mid_stream(
    chunk: bytes, expected: list[ServerSentEvent]
) -> None:
    assert primed().feed(chunk) == expected
    assert reference(b"data: 0\n\n" + chunk)[1:] == expected
