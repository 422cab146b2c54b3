"""Voice in the fake's Realtime sessions: server voice activity detection over the appended
audio, and spoken answers (audio with its transcript).

Detection (`audio.input.turn_detection` of type `server_vad`; `semantic_vad` is treated alike,
its `eagerness` setting the silence that ends a turn): the input is read as PCM16 mono at
24 kHz (the session default) in 10 ms frames. A frame is speech when its RMS level, as a
fraction of full scale, is at least `threshold / 10` (0.05 at the default 0.5, about
-26 dBFS). Speech starts at the first speech frame (`audio_start_ms` moved back by
`prefix_padding_ms`, as the API reports it) and stops after `silence_duration_ms` of frames
below it (`audio_end_ms` includes that silence). Frames are counted across appends, so the
same bytes give the same events however they are split.

Speaking: 10 ms of a square wave per character of each transcript delta, its pitch and level
taken from the character, so every target receives the same bytes.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections.abc import Mapping
from typing import Any

__all__ = ["VoiceDetector", "audio_content_events", "speech", "turn_detection_defaults"]

RATE = 24_000  # samples per second of the session's default `audio/pcm` format
FRAME_MS = 10
FRAME_BYTES = RATE // 1000 * FRAME_MS * 2
SEMANTIC_SILENCE_MS = {"low": 1000, "medium": 500, "auto": 500, "high": 250}


def turn_detection_defaults(detection: Mapping[str, Any]) -> dict[str, Any]:
    """The turn detection the server reports back (`session.updated`): the given fields over
    the API's defaults."""
    if detection.get("type") == "semantic_vad":
        base: dict[str, Any] = {"type": "semantic_vad", "eagerness": "auto"}
    else:
        base = {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300}
        base["silence_duration_ms"] = 500
    base |= {"create_response": True, "interrupt_response": True}
    return base | dict(detection)


def _level(frame: bytes) -> float:
    """The RMS level of a PCM16 little-endian frame, as a fraction of full scale."""
    samples = array("h", frame)
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768


class VoiceDetector:
    """Speech start and stop over a session's appended audio (see the module docstring)."""

    def __init__(self) -> None:
        self._pending = b""
        self._position_ms = 0
        self._speaking = False
        self._silence_ms = 0

    def feed(self, audio: bytes, detection: Mapping[str, Any]) -> list[tuple[str, int]]:
        """Read `audio` (appended after what came before); returns the turns it completes:
        `("started", audio_start_ms)` and `("stopped", audio_end_ms)`, in order."""
        threshold = float(detection.get("threshold") or 0.5) / 10
        prefix_ms = int(detection.get("prefix_padding_ms") or 0)
        if detection.get("type") == "semantic_vad":
            silence_ms = SEMANTIC_SILENCE_MS.get(str(detection.get("eagerness")), 500)
        else:
            silence_ms = int(detection.get("silence_duration_ms") or 500)
        data = self._pending + audio
        whole = len(data) - len(data) % FRAME_BYTES
        self._pending = data[whole:]
        turns: list[tuple[str, int]] = []
        for start in range(0, whole, FRAME_BYTES):
            loud = _level(data[start : start + FRAME_BYTES]) >= threshold
            self._position_ms += FRAME_MS
            if loud:
                self._silence_ms = 0
                if not self._speaking:
                    self._speaking = True
                    turns.append(("started", max(0, self._position_ms - FRAME_MS - prefix_ms)))
            elif self._speaking:
                self._silence_ms += FRAME_MS
                if self._silence_ms >= silence_ms:
                    self._speaking, self._silence_ms = False, 0
                    turns.append(("stopped", self._position_ms))
        return turns


def speech(text: str) -> bytes:
    """`text` spoken: PCM16 mono 24 kHz, 10 ms per character."""
    samples = array("h")
    for char in text:
        level = 2000 + ord(char) % 32 * 500
        half = 6 + ord(char) % 24  # half a period, in samples
        samples.extend(
            level if i // half % 2 == 0 else -level for i in range(RATE // 1000 * FRAME_MS)
        )
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def audio_content_events(
    where: Mapping[str, Any], deltas: list[str], transcript: str
) -> tuple[list[dict[str, Any]], int]:
    """The events of a spoken content part (`where`: response, item, output and content
    index): per transcript delta its `response.output_audio_transcript.delta`, then the
    audio of it; then the `.done` events. Returns them and how many audio bytes they carry."""
    part = {"type": "audio", "transcript": ""}
    events: list[dict[str, Any]] = [{"type": "response.content_part.added", **where, "part": part}]
    size = 0
    for delta in deltas:
        audio = speech(delta)
        size += len(audio)
        events.append({"type": "response.output_audio_transcript.delta", **where, "delta": delta})
        events.append(
            {
                "type": "response.output_audio.delta",
                **where,
                "delta": base64.b64encode(audio).decode(),
            }
        )
    events += [
        {"type": "response.output_audio.done", **where},
        {"type": "response.output_audio_transcript.done", **where, "transcript": transcript},
        {
            "type": "response.content_part.done",
            **where,
            "part": {"type": "audio", "transcript": transcript},
        },
    ]
    return events, size
