"""The fake's voice: server voice detection over appended audio (speech started, stopped,
the buffer committed and a response, as the API does with `turn_detection` set), and spoken
answers (audio deltas with their transcript) for the `audio` output modality."""

from __future__ import annotations

import base64
import math
from array import array
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide.lib.realtime.connection import AsyncRealtimeConnection
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.realtime import CANNED_TRANSCRIPT
from openai_oxide.testing.realtime_audio import FRAME_BYTES, VoiceDetector, speech
from support import API_KEY

SERVER_VAD = {"type": "server_vad", "silence_duration_ms": 200, "prefix_padding_ms": 100}


def tone(ms: int, level: int) -> bytes:
    """PCM16 24 kHz: a sine at `level` (0 is silence)."""
    return array("h", (int(level * math.sin(i / 5)) for i in range(24 * ms))).tobytes()


# 300 ms of silence, 400 ms of speech, 400 ms of silence: one turn.
UTTERANCE = tone(300, 0) + tone(400, 8000) + tone(400, 0)


@pytest.mark.parametrize("size", [len(UTTERANCE), FRAME_BYTES, 7, 97, 4801])
def test_detection_does_not_depend_on_how_the_audio_is_split(size: int) -> None:
    detector = VoiceDetector()
    turns = []
    for start in range(0, len(UTTERANCE), size):
        turns += detector.feed(UTTERANCE[start : start + size], SERVER_VAD)
    # speech from 300 ms, reported 100 ms earlier (prefix padding); it ends at 700 ms and is
    # reported once 200 ms of silence have passed
    assert turns == [("started", 200), ("stopped", 900)]


def test_the_threshold_sets_how_loud_speech_is() -> None:
    def turns(level: int, threshold: float) -> list[str]:
        audio = tone(300, level) + tone(400, 0)
        return [t for t, _ in VoiceDetector().feed(audio, {**SERVER_VAD, "threshold": threshold})]

    # a sine's RMS is its peak / sqrt(2); speech is an RMS of threshold / 10 of full scale
    assert turns(2000, 0.5) == []  # 0.043 < 0.05
    assert turns(3000, 0.5) == ["started", "stopped"]  # 0.065
    assert turns(3000, 0.9) == []  # < 0.09
    assert turns(8000, 0.9) == ["started", "stopped"]  # 0.17


def test_semantic_vad_waits_by_eagerness() -> None:
    speech_then_silence = tone(300, 8000) + tone(600, 0)
    ends = {
        eagerness: VoiceDetector().feed(
            speech_then_silence, {"type": "semantic_vad", "eagerness": eagerness}
        )
        for eagerness in ("high", "medium", "low")
    }
    assert ends["high"] == [("started", 0), ("stopped", 550)]
    assert ends["medium"] == [("started", 0), ("stopped", 800)]
    assert ends["low"] == [("started", 0)]  # 1 s of silence not reached yet


async def _append(conn: AsyncRealtimeConnection, audio: bytes, chunk: int = 4800) -> None:
    for start in range(0, len(audio), chunk):
        await conn.input_audio_buffer.append(
            audio=base64.b64encode(audio[start : start + chunk]).decode()
        )


async def _until(conn: AsyncRealtimeConnection, kind: str) -> list[Any]:
    events = []
    async for event in conn:
        events.append(event)
        if event.type == kind:
            return events
    raise AssertionError(f"the connection ended before {kind}")


async def test_speech_is_detected_committed_and_answered_with_audio(fake: FakeOpenAI) -> None:
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client,
        client.realtime.connect(model="gpt-realtime") as conn,
    ):
        await conn.recv()
        await conn.session.update(
            session={
                "type": "realtime",
                "output_modalities": ["audio"],
                "audio": {"input": {"turn_detection": SERVER_VAD}},
            }
        )
        updated = await conn.recv()
        detection = updated.session.audio.input.turn_detection
        assert (detection.type, detection.threshold, detection.silence_duration_ms) == (
            "server_vad",
            0.5,  # the API's default, reported back
            200,
        )
        assert updated.session.audio.output.voice == "alloy"  # an update merges, as the API
        await _append(conn, UTTERANCE)
        events = await _until(conn, "response.done")
    kinds = [e.type for e in events]
    assert kinds[:5] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        "conversation.item.added",
        "conversation.item.done",
    ]
    started, stopped, committed, added = events[:4]
    assert (started.audio_start_ms, stopped.audio_end_ms) == (200, 900)
    assert started.item_id == stopped.item_id == committed.item_id == added.item.id
    transcribed = next(e for e in events if e.type.endswith("transcription.completed"))
    assert transcribed.transcript == CANNED_TRANSCRIPT
    assert kinds.index("response.created") > kinds.index(transcribed.type)
    # the spoken answer: per transcript delta its audio, then the done events
    deltas = [e.delta for e in events if e.type == "response.output_audio_transcript.delta"]
    audio = [e.delta for e in events if e.type == "response.output_audio.delta"]
    assert len(deltas) == len(audio) > 1
    assert [base64.b64decode(a) for a in audio] == [speech(d) for d in deltas]
    transcript = "".join(deltas)
    assert next(e for e in events if e.type.endswith("transcript.done")).transcript == transcript
    assert "output_audio.done" in " ".join(kinds) and "output_text" not in " ".join(kinds)
    done = events[-1].response
    assert done.output_modalities == ["audio"] and done.status == "completed"
    (part,) = done.output[0].content
    assert (part.type, part.transcript) == ("output_audio", transcript)
    assert CANNED_TRANSCRIPT in transcript  # answered what was heard
    details = done.usage.output_token_details
    audio_ms = sum(len(base64.b64decode(a)) for a in audio) // 48
    assert audio_ms == 10 * len(transcript) and details.audio_tokens == -(-audio_ms // 50)


async def test_without_create_response_only_the_turn_is_reported(fake: FakeOpenAI) -> None:
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client,
        client.realtime.connect(model="gpt-realtime") as conn,
    ):
        await conn.recv()
        detection = {**SERVER_VAD, "create_response": False}
        await conn.session.update(
            session={"type": "realtime", "audio": {"input": {"turn_detection": detection}}}
        )
        await conn.recv()
        await _append(conn, UTTERANCE)
        events = await _until(conn, "conversation.item.input_audio_transcription.completed")
        await conn.send({"type": "no.such.event"})  # what comes next is this error, no response
        after = await conn.recv()
    assert [e.type for e in events][:3] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
    ]
    assert after.type == "error"


async def test_speaking_during_a_response_cancels_it(fake: FakeOpenAI) -> None:
    fake.inject(Fault(match="ws:/v1/realtime", delay_between_events=0.05))  # a slow response
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client,
        client.realtime.connect(model="gpt-realtime") as conn,
    ):
        await conn.recv()
        await conn.session.update(
            session={"type": "realtime", "audio": {"input": {"turn_detection": SERVER_VAD}}}
        )
        await conn.recv()
        await _append(conn, UTTERANCE)
        await _until(conn, "response.created")
        await _append(conn, tone(100, 8000))  # the user speaks again
        events = await _until(conn, "input_audio_buffer.speech_started")
    cancelled = next(e for e in events if e.type == "response.done")
    assert cancelled.response.status == "cancelled"
    assert cancelled.response.status_details.reason == "turn_detected"
