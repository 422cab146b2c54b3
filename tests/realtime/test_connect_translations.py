"""`client.realtime.translations.connect(model)` (official 3.57) against the fake's
translation endpoint: the session resource, typed translation events, handlers, the
manager's queue, the sync client, and the URL and credential of the official client."""

from __future__ import annotations

import base64
from typing import Any

import openai
import pytest

from openai_oxide import AsyncOpenAI, OpenAI, OpenAIError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.realtime_translations import CANNED_SOURCE, CANNED_TRANSLATION
from recording_server import recording_server

MODEL = "gpt-realtime-translate"
AUDIO = base64.b64encode(b"\x01\x00" * 480).decode()


async def test_a_translation_session(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.translations.connect(MODEL) as conn:
        created = await conn.recv()
        assert type(created).__name__ == "RealtimeTranslationSessionCreatedEvent"
        assert created.session.model == MODEL and created.session.type == "translation"
        await conn.session.update(
            session={"audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}}}}
        )
        updated = await conn.recv()
        assert updated.type == "session.updated"
        for _ in range(len(CANNED_TRANSLATION.split())):
            await conn.session.input_audio_buffer.append(audio=AUDIO)
        await conn.session.close()
        events = [event async for event in conn]  # ends with the server's normal close
    kinds = [type(e).__name__ for e in events]
    assert kinds[:3] == [
        "RealtimeTranslationInputTranscriptDeltaEvent",
        "RealtimeTranslationOutputTranscriptDeltaEvent",
        "RealtimeTranslationOutputAudioDeltaEvent",
    ]
    assert kinds[-1] == "RealtimeTranslationSessionClosedEvent"
    source = "".join(e.delta for e in events if e.type == "session.input_transcript.delta")
    target = "".join(e.delta for e in events if e.type == "session.output_transcript.delta")
    assert target == CANNED_TRANSLATION and CANNED_SOURCE.startswith(source)
    audio = [e for e in events if e.type == "session.output_audio.delta"]
    assert audio[0].delta == AUDIO and audio[0].sample_rate == 24000
    sent = [e for e in fake.journal if e.path == "/v1/realtime/translations"]
    assert sent[0].json["type"] == "session.update"
    assert sent[1].json == {"type": "session.input_audio_buffer.append", "audio": AUDIO}
    assert sent[-1].json == {"type": "session.close"}
    assert sent[0].headers["authorization"] == "Bearer test-key"


async def test_handlers_queue_and_errors(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    manager = client.realtime.translations.connect(model=MODEL)
    manager.send({"type": "session.input_audio_buffer.append", "audio": AUDIO})
    deltas: list[str] = []
    manager.on("session.output_transcript.delta", lambda e: deltas.append(e.delta))

    @manager.on("session.output_audio.delta")
    async def close(event: Any) -> None:
        await conn.session.close()

    async with manager as conn:
        await conn.dispatch_events()  # until the server closes after session.closed
    assert deltas == [CANNED_TRANSLATION.split()[0]]
    async with client.realtime.translations.connect(MODEL) as conn:
        await conn.session.input_audio_buffer.append(audio="not base64!")
        with pytest.raises(OpenAIError, match="Invalid base64"):
            await conn.dispatch_events()


def test_sync_translations(fake: FakeOpenAI) -> None:
    client = OpenAI(api_key="test-key", base_url=fake.url)
    with client.realtime.translations.connect(MODEL) as conn:
        assert conn.recv().type == "session.created"
        conn.session.input_audio_buffer.append(audio=AUDIO)
        event = conn.recv()
        assert event.type == "session.output_transcript.delta"
        conn.session.close()
        assert [e.type for e in conn][-1] == "session.closed"


async def test_the_handshake_is_the_official_clients() -> None:
    with recording_server() as (origin, journal):
        for sdk in (openai, None):
            kwargs: dict[str, Any] = {"api_key": "k-1", "base_url": f"{origin}/v1"}
            client: Any = sdk.AsyncOpenAI(**kwargs) if sdk else AsyncOpenAI(**kwargs)
            with pytest.raises(Exception):  # noqa: B017 (each SDK's own handshake error)
                async with client.realtime.translations.connect(MODEL, extra_query={"q": "1"}):
                    pass
        official, ours = journal
    assert (ours.method, ours.target) == (official.method, official.target)
    assert official.target.startswith("/v1/realtime/translations?")
    assert ours.headers["authorization"] == official.headers["authorization"] == "Bearer k-1"
