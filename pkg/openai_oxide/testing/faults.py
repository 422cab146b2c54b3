"""Faults: what to break in an answer, and the pure byte transforms that break it.

A `Fault` is queued on the server (`FakeOpenAI.inject`, `POST /__fake__/faults`) or sent
with one request (`x-fake-fault: <JSON>`). Queued faults are consumed in FIFO order by the
first requests whose path contains `match`, each one `times` times. `quirks` (names) and
`profile` (a server's name) make a streamed answer depart from OpenAI's the way compatible
servers do (profiles.py); unknown names raise ValueError. Event indexes are
0-based: for the Responses API the event at index N has `sequence_number` N; for Chat
Completions the final `data: [DONE]` is an event too. `oversized_event_at` puts 17 MiB of
`data:` lines into that event; `drop_at_once` and `reset_before_headers`: see delivery.py;
`ws_close_code`: see ws.py. `batch_status` ("failed", or "expired" after `batch_lines`
lines) decides how the batch a `POST /v1/batches` creates ends: see batches.py.

The I/O side (delays, drops, stalls) lives in `app.py`; this module only computes bytes.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import profiles

__all__ = ["Fault", "FaultQueue", "split_events", "split_inside_utf8"]

_INVALID_UTF8 = b"\xff\xfe"
OVERSIZED_EVENT_BYTES = 17 * 1024 * 1024  # over the 16 MiB a client should accept
_FILLER_LINE = b"data: " + b"x" * (1024 * 1024 - 7) + b"\n"  # each line under 4 MiB


@dataclass
class Fault:
    """One way to break an answer. Every field is optional; see the module docstring."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    delay_before_headers: float = 0.0
    delay_between_events: float = 0.0
    drop_after_events: int | None = None
    drop_at_once: bool = False
    ws_close_code: int | None = None
    reset_before_headers: bool = False
    stall_after_events: int | None = None
    malformed_event_at: int | None = None
    invalid_utf8_at: int | None = None
    oversized_event_at: int | None = None
    split_utf8: bool = False
    replay: bytes | None = None
    quirks: list[str] = field(default_factory=list)
    profile: str | None = None
    match: str | None = None
    times: int = 1
    batch_status: str | None = None
    batch_lines: int = 0

    def __post_init__(self) -> None:
        self.quirk_names  # noqa: B018  (unknown names fail here, not at the request)
        if self.batch_status not in (None, "failed", "expired"):
            raise ValueError("batch_status is 'failed', 'expired' or null")

    @property
    def quirk_names(self) -> frozenset[str]:
        """The quirks of `profile` plus `quirks` (ValueError for unknown names)."""
        return profiles.resolve(self.profile, self.quirks)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Fault:
        """Build a Fault from JSON fields; `replay` may be a str (UTF-8 encoded).

        Raises ValueError for unknown fields or a non-object.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a fault must be a JSON object")
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        values = dict(data)
        replay = values.get("replay")
        if isinstance(replay, str):
            values["replay"] = replay.encode("utf-8")
        for name, empty in (("headers", {}), ("quirks", [])):
            if values.get(name) is None:
                values[name] = empty
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The fields as JSON-compatible values (`replay` decoded with replacement)."""
        out = dataclasses.asdict(self)
        if self.replay is not None:
            out["replay"] = self.replay.decode("utf-8", "replace")
        return out

    def matches(self, path: str) -> bool:
        return self.match is None or self.match in path


class FaultQueue:
    """Thread-safe FIFO of faults with a remaining-uses count."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[list[Any]] = []  # [fault, remaining]

    def push(self, fault: Fault) -> None:
        if fault.times < 1:
            return
        with self._lock:
            self._items.append([fault, fault.times])

    def take(self, path: str) -> Fault | None:
        """Consume one use of the first fault matching `path`, if any."""
        if not self._items:
            return None
        with self._lock:
            for i, item in enumerate(self._items):
                fault: Fault = item[0]
                if fault.matches(path):
                    item[1] -= 1
                    if item[1] <= 0:
                        del self._items[i]
                    return fault
        return None

    def pending(self) -> list[Fault]:
        with self._lock:
            return [item[0] for item in self._items]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def split_events(raw: bytes) -> list[bytes]:
    """Split a raw SSE body into events, each keeping its trailing blank line."""
    raw = raw.replace(b"\r\n", b"\n")
    events: list[bytes] = []
    start = 0
    while True:
        end = raw.find(b"\n\n", start)
        if end < 0:
            break
        events.append(raw[start : end + 2])
        start = end + 2
    if start < len(raw):
        events.append(raw[start:])
    return events


def malform_event(event: bytes) -> bytes:
    """Cut the data of an SSE event in half so it is no longer valid JSON."""
    pos = event.find(b"data: ")
    if pos < 0:
        return event[: len(event) // 2] + b"\n\n"
    data_start = pos + 6
    data_end = event.find(b"\n", data_start)
    data_end = len(event) if data_end < 0 else data_end
    cut = data_start + max(1, (data_end - data_start) // 2)
    return event[:cut] + event[data_end:]


def inject_invalid_utf8(event: bytes) -> bytes:
    """Insert bytes that are never valid UTF-8 into the data of an SSE event."""
    pos = event.find(b"data: ")
    at = (pos + 6 + 10) if pos >= 0 else len(event) // 2
    at = min(at, max(0, len(event) - 3))
    return event[:at] + _INVALID_UTF8 + event[at:]


def oversize_event(event: bytes) -> bytes:
    """Put OVERSIZED_EVENT_BYTES of `data:` lines (1 MiB each) before an event's own lines."""
    return _FILLER_LINE * (OVERSIZED_EVENT_BYTES // len(_FILLER_LINE) + 1) + event


def break_json_body(body: bytes, fault: Fault) -> bytes:
    """Apply `malformed_event_at` / `invalid_utf8_at` to a plain JSON body (any index)."""
    if fault.invalid_utf8_at is not None:
        mid = len(body) // 2
        body = body[:mid] + _INVALID_UTF8 + body[mid:]
    if fault.malformed_event_at is not None:
        body = body[: max(1, len(body) // 2)]
    return body


def split_inside_utf8(data: bytes, max_piece: int = 64) -> list[bytes]:
    """Cut `data` into small pieces, cutting inside every multi-byte UTF-8 character."""
    pieces: list[bytes] = []
    start = 0
    i = 0
    n = len(data)
    while i < n:
        byte = data[i]
        if byte >= 0xC0 and i + 1 < n:  # lead byte of a multi-byte character
            pieces.append(data[start : i + 1])
            start = i + 1
        elif i - start >= max_piece:
            pieces.append(data[start:i])
            start = i
        i += 1
    if start < n:
        pieces.append(data[start:])
    return [p for p in pieces if p]
