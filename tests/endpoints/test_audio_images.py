"""Audio (speech bytes and stream, transcriptions with events, translations), images
(generate, edit, variation, streamed partial images), embeddings and moderations."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from endpoints.helpers import last_request, received_file, received_form
from openai_oxide import AsyncOpenAI
from openai_oxide.resources.embedding_decoding import decode_base64_embedding
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.audio import Transcription, TranscriptionTextDoneEvent, Translation
from openai_oxide.types.embeddings import CreateEmbeddingResponse
from openai_oxide.types.images import (
    ImageGenCompletedEvent,
    ImageGenPartialImageEvent,
    ImagesResponse,
)
from openai_oxide.types.moderations import ModerationCreateResponse

AUDIO = b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(range(200))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(100)


async def test_speech_bytes_and_stream(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    speech = await client.audio.speech.create(
        model="gpt-4o-mini-tts", voice="alloy", input="Grüß Gott", response_format="wav"
    )
    assert len(speech.content) == 40_000
    entry = last_request(fake, "POST", "/audio/speech")
    assert entry.json == {
        "model": "gpt-4o-mini-tts",
        "voice": "alloy",
        "input": "Grüß Gott",
        "response_format": "wav",
    }
    assert entry.headers["accept"] == "application/octet-stream"
    async with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="alloy", input="Grüß Gott", response_format="wav"
    ) as response:
        assert response.content_type == "audio/wav"
        streamed = b"".join([chunk async for chunk in response.iter_bytes()])
    assert streamed == speech.content
    async with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="x"
    ) as response:
        await response.write_to_file(tmp_path / "speech.mp3")
    assert (tmp_path / "speech.mp3").stat().st_size == 40_000


async def test_transcription_json_text_and_events(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    result = await client.audio.transcriptions.create(
        file=("speech.wav", AUDIO, "audio/wav"),
        model="gpt-4o-transcribe",
        temperature=0.2,
        timestamp_granularities=["word", "segment"],
        chunking_strategy={"type": "server_vad", "threshold": 0.5},
    )
    assert isinstance(result, Transcription)
    sent = received_form(fake, "/audio/transcriptions")
    assert sent["timestamp_granularities"] == ["word", "segment"]
    assert sent["chunking_strategy"] == {"type": "server_vad", "threshold": "0.5"}
    assert received_file(fake, "/audio/transcriptions").content == AUDIO
    text = await client.audio.transcriptions.create(
        file=AUDIO, model="whisper-1", response_format="text"
    )
    assert isinstance(text, str)
    stream = await client.audio.transcriptions.create(
        file=AUDIO, model="gpt-4o-transcribe", stream=True
    )
    events = [event async for event in stream]
    assert received_form(fake, "/audio/transcriptions")["stream"] == "true"
    assert any(isinstance(e, TranscriptionTextDoneEvent) for e in events)


async def test_translation(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    result = await client.audio.translations.create(file=AUDIO, model="whisper-1")
    assert isinstance(result, Translation)
    assert received_form(fake, "/audio/translations")["model"] == "whisper-1"


async def test_images(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    generated = await client.images.generate(prompt="a cat", model="gpt-image-1", n=1)
    assert isinstance(generated, ImagesResponse) and generated.data
    edited = await client.images.edit(
        image=[PNG, ("b.png", PNG, "image/png")], prompt="add a hat", model="gpt-image-1"
    )
    assert isinstance(edited, ImagesResponse)
    form = received_form(fake, "/images/edits")
    images = form["image"]
    assert [f.filename for f in images] == ["upload", "b.png"]
    variation = await client.images.create_variation(image=PNG, n=2)
    assert isinstance(variation, ImagesResponse)
    assert received_form(fake, "/images/variations")["n"] == "2"


async def test_image_stream(client: AsyncOpenAI) -> None:
    stream = await client.images.generate(
        prompt="a cat", model="gpt-image-1", stream=True, partial_images=1
    )
    events = [event async for event in stream]
    assert isinstance(events[0], ImageGenPartialImageEvent)
    assert isinstance(events[-1], ImageGenCompletedEvent)


async def test_embeddings_base64_decoded(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    floats = [0.25, -1.5, 3.0]
    packed = base64.b64encode(struct.pack("<3f", *floats)).decode()
    assert decode_base64_embedding(packed) == floats
    result = await client.embeddings.create(model="text-embedding-3-small", input="héllo")
    assert isinstance(result, CreateEmbeddingResponse)
    assert last_request(fake, "POST", "/embeddings").json["encoding_format"] == "base64"
    vector = result.data[0].embedding
    assert len(vector) == 16 and all(isinstance(x, float) for x in vector)


async def test_embeddings_explicit_formats(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    result = await client.embeddings.create(
        model="text-embedding-3-small", input=["a", "b"], encoding_format="float", dimensions=8
    )
    assert last_request(fake, "POST", "/embeddings").json["encoding_format"] == "float"
    assert [len(d.embedding) for d in result.data] == [8, 8]
    decoded = await client.embeddings.create(
        model="text-embedding-3-small", input=["a", "b"], dimensions=8
    )
    # float32 on the wire: equal to the float answer up to float32 precision
    assert decoded.data[0].embedding == pytest.approx(result.data[0].embedding, abs=1e-6)
    raw = await client.embeddings.create(
        model="text-embedding-3-small", input="a", encoding_format="base64", dimensions=8
    )
    assert isinstance(raw.data[0].embedding, str)
    assert decode_base64_embedding(raw.data[0].embedding) == decoded.data[0].embedding


async def test_moderation(client: AsyncOpenAI) -> None:
    result = await client.moderations.create(input="hello", model="omni-moderation-latest")
    assert isinstance(result, ModerationCreateResponse) and result.results


async def test_image_edit_stream(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    stream = await client.images.edit(image=PNG, prompt="hat", stream=True, partial_images=2)
    events = [event async for event in stream]
    assert events[-1].type == "image_edit.completed"
    assert received_form(fake, "/images/edits")["partial_images"] == "2"
