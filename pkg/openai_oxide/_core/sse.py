"""Incremental Server-Sent Events decoder: bytes in, events out.

Spec: WHATWG HTML, "9.2.6 Interpreting an event stream"
https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

Strategy: a chunk is split into lines with C-speed bytes operations, never a per-byte
Python loop. CR LF and lone CR are rewritten to LF (only when the chunk holds a CR at all)
and the chunk is split on LF. The last piece is an unfinished line, kept as bytes until a
later chunk ends it, so a UTF-8 character cut by a chunk boundary is harmless: only whole
lines are decoded, strictly. A CR that ends one chunk sets a flag that drops an LF opening
the next, so CR LF cut in two is one line break. Feeding any split of a stream therefore
yields the same events as feeding it whole.

Fast path: what the API sends, chunks of whole events, each one `data: ` line after one
`event: ` line or not, is framed one event at a time (split on the blank lines), not line
by line, when nothing is pending from earlier chunks; the first event that is anything
else sends the rest of the chunk line by line. Byte membership is tested with an int
(`0x0A in chunk`): a bytes needle makes Python 3.11 format and drop a TypeError first.

Limits guard memory: an unfinished line may not exceed `max_line_bytes`, and the data lines
of one event may not exceed `max_event_bytes`. Invalid UTF-8 (the spec would substitute
U+FFFD; an API stream never carries it, so it means corruption) and oversize input raise
SSEError, and the decoder is then terminal. The error carries the events completed earlier
in the same `feed()` call, so the events seen do not depend on where the chunks were cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple, NoReturn

from . import codec

__all__ = [
    "DEFAULT_MAX_EVENT_BYTES",
    "DEFAULT_MAX_LINE_BYTES",
    "SIGNAL_EVENT_LINES",
    "SSEDecodeError",
    "SSEDecoder",
    "SSEError",
    "SSELimitError",
    "ServerSentEvent",
    "StreamSignal",
    "signal_of",
]

DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


class ServerSentEvent(NamedTuple):
    """One dispatched event (immutable).

    `event` is None for the default type ("message"); `id` is the last event ID in force when
    the event was dispatched (it persists across events); `retry` is the reconnection time
    in ms set by a `retry:` field of this event, if any. A named tuple: one is made per
    event, and it is built several times faster than a frozen dataclass.
    """

    event: str | None = None
    data: str = ""
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        """`data` decoded as JSON. Raises ValueError if it is not JSON."""
        return codec.loads(self.data)


# The tuple constructor itself: a NamedTuple's generated `__new__` is a Python function,
# and one event is made per dispatch.
_new_event = tuple.__new__

StreamSignal = Literal["end", "keepalive"]
_KEEPALIVE_EVENTS = frozenset({"ping", "keepalive", "keep-alive", "heartbeat"})
_NAMED = _KEEPALIVE_EVENTS | {"done"}  # event names that decide whatever the data
# The `event:` lines of those names, for framing on bytes (`whole_events`' callers).
SIGNAL_EVENT_LINES = frozenset(b"event: " + name.encode() for name in _NAMED)


def signal_of(sse: ServerSentEvent) -> StreamSignal | None:
    """What an event says about the stream rather than the answer, decided once for every
    endpoint: "end" (`data: [DONE]`, or an event named `done` whatever its data, as
    Assistants streams and some compatible servers end), "keepalive" (a `ping`-like event
    name, empty data, `{}`, or `{"type": "ping"}`: yield nothing), or None (an answer event).
    Comment lines never become events (the decoder drops them)."""
    data = sse.data
    if data[-1:] == "}" and data[:1] == "{" and len(data) >= 48 and sse.event not in _NAMED:
        return None  # an answer's JSON object: the common case, decided at once
    if data.startswith("[DONE]") or sse.event == "done":
        return "end"
    if sse.event in _KEEPALIVE_EVENTS:
        return "keepalive"
    text = data.strip()
    if not text or text == "{}":
        return "keepalive"
    if len(text) < 48 and text[0] == "{" and "ping" in text:
        try:
            value = codec.loads(text)
        except ValueError:
            return None
        if isinstance(value, dict) and value.get("type") == "ping":
            return "keepalive"
    return None


class SSEError(ValueError):
    """The bytes are not a usable event stream. The decoder that raised it is terminal.

    `events` holds the events completed before the fault within the same `feed()` call:
    deliver them, then handle the error. It carries no request details; the client wraps it.
    """

    def __init__(self, message: str, events: Sequence[ServerSentEvent] = ()) -> None:
        super().__init__(message)
        self.events: list[ServerSentEvent] = list(events)


class SSEDecodeError(SSEError):
    """A line is not valid UTF-8. `__cause__` is the UnicodeDecodeError."""


class SSELimitError(SSEError):
    """A line or an event exceeded the decoder's size limit."""


class SSEDecoder:
    """Feed bytes as they arrive; get the events each chunk completes.

    Call `feed(chunk)` for every chunk, then `feed_eof()` once the body has ended.
    Both raise SSEError on a malformed stream, after which every call raises SSEError.
    """

    __slots__ = (
        "_closed",
        "_data",
        "_data_bytes",
        "_error",
        "_event",
        "_fast_max",
        "_head",
        "_id_buffer",
        "_last_event_id",
        "_max_event",
        "_max_line",
        "_partial",
        "_reconnection_time",
        "_retry",
        "_skip_lf",
        "_started",
        "_usual",
    )

    def __init__(
        self,
        *,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
        max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        if max_line_bytes < 1 or max_event_bytes < 1:
            raise ValueError("max_line_bytes and max_event_bytes must be positive")
        self._max_line = max_line_bytes
        self._max_event = max_event_bytes
        self._partial = bytearray()  # an unfinished line
        self._skip_lf = False  # the last chunk ended in CR: drop one LF opening the next
        self._started = False  # the start-of-stream BOM check is done
        self._head = b""  # the first bytes, while they could still be a cut BOM
        self._data: list[str] = []  # the data buffer, one entry per data line
        self._data_bytes = 0
        self._event = ""  # the event type buffer
        self._retry: int | None = None  # a retry field of the event being built
        self._id_buffer: str | None = None  # the last event ID buffer
        self._last_event_id: str | None = None  # committed at each blank line
        self._reconnection_time: int | None = None
        self._error: SSEError | None = None
        self._closed = False
        # At an event's start with nothing pending (no unfinished line, no field of an event
        # under way, no CR to pair): a chunk of whole usual events can take the fast path.
        self._usual = False
        self._fast_max = min(max_line_bytes, max_event_bytes)

    @property
    def last_event_id(self) -> str | None:
        """The ID to send as Last-Event-ID when reconnecting (None if never set)."""
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """The stream's reconnection time in ms, from the latest valid `retry:` field."""
        return self._reconnection_time

    def whole_events(self, data: bytes | bytearray | memoryview) -> list[bytes] | None:
        """`data` cut into its events' blocks (an event's lines, its blank line removed)
        when it is a chunk of whole events with nothing pending from earlier chunks and no
        CR (the fast path: what the API sends), else None. A caller that frames some blocks
        itself must hand `feed` the rest (from the first it did not frame, each followed by
        its blank line); the decoder's state is then as if `feed` had read them all, but for
        `last_event_id` (the blocks framed outside are not counted as dispatched)."""
        if not self._started and data[:1] not in (b"", _BOM[:1]) and self._fresh():
            self._started = self._usual = True  # the first chunk, which cannot hold a BOM
        if (
            self._usual
            and data[-2:] == b"\n\n"
            and type(data) is bytes
            and len(data) <= self._fast_max
            and 0x0D not in data
        ):
            return data[:-2].split(b"\n\n")
        return None

    def feed(self, data: bytes | bytearray | memoryview) -> list[ServerSentEvent]:
        """Take the next chunk; return the events it completes, in order (often none)."""
        events: list[ServerSentEvent] = []
        blocks = self.whole_events(data)
        if blocks is not None:
            # Whole events, each `data: ...`, after `event: ...` or not.
            done = self._feed_usual(blocks, events)
            if done:
                self._last_event_id = self._id_buffer  # committed at each blank line
            if done == len(blocks):
                return events
            data = b"\n\n".join(blocks[done:]) + b"\n\n"  # from the first unusual one
        if self._error is not None or self._closed:  # one test per chunk on the usual path
            self._check_usable()
            raise ValueError("SSEDecoder.feed() called after feed_eof()")
        chunk = data if isinstance(data, bytes) else bytes(data)
        if not self._started:
            chunk = self._strip_bom(chunk)
        if not chunk:
            return events
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == 0x0A:
                chunk = chunk[1:]
        if 0x0D in chunk:
            # A line ends at CR LF, a lone LF or a lone CR (spec: "end-of-line").
            self._skip_lf = chunk[-1] == 0x0D
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = chunk.split(b"\n")
        tail = lines.pop()
        if lines:
            if self._partial:
                self._partial += lines[0]
                lines[0] = bytes(self._partial)
                self._partial.clear()
            self._process(lines, events)
        if tail:
            self._partial += tail
            if len(self._partial) > self._max_line:
                self._fail(SSELimitError(self._line_limit_message(), events))
        self._usual = self._started and not (
            self._partial or self._data or self._event or self._retry is not None or self._skip_lf
        )
        return events

    def _feed_usual(self, blocks: list[bytes], events: list[ServerSentEvent]) -> int:
        """Dispatch the events of `blocks` (each the lines of one event, the blank line
        removed) while they are usual; return how many were. Usual is what the line-by-line
        path reads the same way: one `data: ` line, after one `event: ` line or not. Invalid
        UTF-8 is not usual: the line-by-line path reports it."""
        event_id = self._id_buffer
        append = events.append
        done = 0
        for block in blocks:
            try:
                if block[:6] == b"data: " and 0x0A not in block:
                    append(_new_event(ServerSentEvent, (None, block[6:].decode(), event_id, None)))
                elif block[:7] == b"event: ":
                    name, found, value = block.partition(b"\ndata: ")
                    if not found or 0x0A in value or 0x0A in name:
                        return done
                    event = name[7:].decode() or None
                    append(_new_event(ServerSentEvent, (event, value.decode(), event_id, None)))
                else:
                    return done
            except UnicodeDecodeError:
                return done
            done += 1
        return done

    def _fresh(self) -> bool:
        """Nothing read yet (no part of a BOM either) and the decoder usable."""
        return not self._head and self._error is None and not self._closed

    def feed_eof(self) -> list[ServerSentEvent]:
        """Signal the end of the body. Returns [] (spec: an unfinished event is discarded).

        A final line without a line break is still checked, so it can raise SSEError.
        Calling it again returns [].
        """
        self._check_usable()
        if self._closed:
            return []
        self._closed = True
        self._usual = False
        pending = self._head + bytes(self._partial)
        self._head = b""
        self._partial.clear()
        if pending:
            self._process([pending], [])
        self._reset_event()
        return []

    def _check_usable(self) -> None:
        if self._error is not None:
            raise SSEError(f"SSE decoder failed earlier: {self._error}") from self._error

    def _fail(self, exc: SSEError) -> NoReturn:
        self._error = exc
        self._usual = False
        self._partial = bytearray()
        self._reset_event()
        raise exc

    def _line_limit_message(self) -> str:
        return f"SSE line longer than max_line_bytes={self._max_line}"

    def _strip_bom(self, chunk: bytes) -> bytes:
        # Spec: "One leading U+FEFF BYTE ORDER MARK character must be ignored if any are present."
        head = self._head + chunk
        if len(head) < len(_BOM) and _BOM.startswith(head):
            self._head = head
            return b""
        self._started = True
        self._head = b""
        return head[len(_BOM) :] if head.startswith(_BOM) else head

    def _reset_event(self) -> None:
        self._data = []
        self._data_bytes = 0
        self._event = ""
        self._retry = None

    def _process(self, lines: list[bytes], events: list[ServerSentEvent]) -> None:
        """Interpret whole lines (terminators removed), appending dispatched events."""
        max_line = self._max_line
        data = self._data
        for raw in lines:
            if not raw:
                # Blank line: dispatch. Spec: commit the last event ID; an empty data
                # buffer dispatches nothing; the type and data buffers are reset either way.
                self._last_event_id = self._id_buffer
                if data:
                    events.append(
                        _new_event(
                            ServerSentEvent,
                            (self._event or None, "\n".join(data), self._id_buffer, self._retry),
                        )
                    )
                    data = self._data = []
                    self._data_bytes = 0
                self._event = ""
                self._retry = None
                continue
            if len(raw) > max_line:
                self._fail(SSELimitError(self._line_limit_message(), events))
            try:
                # Spec: split at the first colon; no colon means the whole line is the field
                # name and the value is empty; one space after the colon is dropped. The two
                # lines of a usual event are told apart on the bytes, and only their values
                # are decoded.
                if raw[:5] == b"data:":
                    value = raw[6:].decode() if raw[5:6] == b" " else raw[5:].decode()
                    name = "data"
                elif raw[:7] == b"event: ":
                    self._event = raw[7:].decode()
                    continue
                else:
                    line = raw.decode()
                    if line[0] == ":":  # a comment
                        continue
                    name, _, value = line.partition(":")
                    if value[:1] == " ":
                        value = value[1:]
            except UnicodeDecodeError as exc:
                err = SSEDecodeError(f"SSE line is not valid UTF-8: {exc.reason}", events)
                err.__cause__ = exc
                self._fail(err)
            if name == "data":
                self._data_bytes += len(raw)
                if self._data_bytes > self._max_event:
                    self._fail(
                        SSELimitError(
                            f"SSE event data longer than max_event_bytes={self._max_event}", events
                        )
                    )
                data.append(value)
            elif name == "event":
                self._event = value
            elif name == "id":
                if "\0" not in value:  # spec: an id containing NULL is ignored
                    self._id_buffer = value
            elif name == "retry" and value.isascii() and value.isdigit():
                # Spec: only ASCII digits set the reconnection time; else ignored.
                self._retry = self._reconnection_time = int(value)
            # Spec: any other field name is ignored.
