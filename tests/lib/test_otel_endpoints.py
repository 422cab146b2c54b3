"""lib/otel.py beyond chat and embeddings: images and audio as `generate_content` spans with
their output type, moderations as an HTTP client span, a binary answer ends its span at its
head; `instrument` is idempotent and `uninstrument` removes only its own hooks."""

from __future__ import annotations

import gc
import logging

import pytest
from opentelemetry.trace import SpanKind, StatusCode

from openai_oxide import AsyncOpenAI, BadRequestError
from openai_oxide.lib import otel
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

from .test_otel import MESSAGES, Telemetry, client_for, telemetry  # noqa: F401


async def test_images_and_audio_are_generate_content_spans_with_their_output_type(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    async with client_for(fake, telemetry) as c:
        await c.images.generate(model="gpt-image-1", prompt="a cat", n=2)
        speech = await c.audio.speech.create(model="tts-1", voice="alloy", input="hello")
        assert telemetry.finished()[-1].name == "generate_content tts-1"  # ended at its head
        await speech.aread()
        await c.audio.transcriptions.create(model="whisper-1", file=("a.wav", b"RIFF...."))
    image, audio, transcription = telemetry.finished()
    attrs = [dict(s.attributes or {}) for s in (image, audio, transcription)]
    assert [s.name for s in (image, audio, transcription)] == [
        "generate_content gpt-image-1",
        "generate_content tts-1",
        "generate_content whisper-1",  # the model read from the multipart body
    ]
    assert [a["gen_ai.output.type"] for a in attrs] == ["image", "speech", "text"]
    assert {a["gen_ai.operation.name"] for a in attrs} == {"generate_content"}
    assert attrs[0]["gen_ai.request.choice.count"] == 2
    assert all(s.kind is SpanKind.CLIENT for s in (image, audio, transcription))
    points = telemetry.metrics()["gen_ai.client.operation.duration"].data.data_points
    assert sorted(p.attributes["gen_ai.request.model"] for p in points) == [
        "gpt-image-1",
        "tts-1",
        "whisper-1",
    ]


async def test_moderations_get_an_http_client_span_and_a_status_code_error_type(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    async with client_for(fake, telemetry) as c:
        await c.moderations.create(model="omni-moderation-latest", input="hi")
        fake.inject(Fault(status=400, match="/moderations"))
        with pytest.raises(BadRequestError):
            await c.moderations.create(model="omni-moderation-latest", input="hi")
    ok, failed = telemetry.finished()
    assert ok.name == "POST" and ok.kind is SpanKind.CLIENT
    attrs = dict(ok.attributes or {})
    assert attrs["http.request.method"] == "POST"
    assert attrs["http.response.status_code"] == 200
    assert str(attrs["url.full"]).endswith("/moderations")
    assert not any(k.startswith("gen_ai.") for k in attrs)
    failed_attrs = dict(failed.attributes or {})
    assert failed_attrs["error.type"] == "400"  # the HTTP conventions: the status code
    assert failed_attrs["http.response.status_code"] == 400
    assert failed.status.status_code is StatusCode.ERROR
    assert telemetry.reader.get_metrics_data() is None  # no GenAI metric recorded


async def test_instrument_twice_records_once_and_uninstrument_keeps_the_clients_hooks(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[int] = []
    client = AsyncOpenAI(
        api_key=API_KEY, base_url=fake.url, hooks={"response": lambda e: seen.append(e.status)}
    )
    otel.instrument(client, tracer_provider=telemetry.tracer_provider)
    with caplog.at_level(logging.WARNING, logger="openai_oxide"):
        otel.instrument(client, tracer_provider=telemetry.tracer_provider)
    assert "already instrumented" in caplog.text
    async with client as c:
        await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        assert len(telemetry.finished()) == 1
        otel.uninstrument(c)
        await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        assert len(telemetry.finished()) == 1
        assert seen == [200, 200]  # the client's own hook stays
        otel.instrument(c, tracer_provider=telemetry.tracer_provider)  # again after removal
        await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert len(telemetry.finished()) == 2


async def test_a_client_built_with_the_hooks_bundle_is_not_instrumented_again(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    client = AsyncOpenAI(
        api_key=API_KEY,
        base_url=fake.url,
        hooks=otel.hooks(tracer_provider=telemetry.tracer_provider),
    )
    otel.instrument(client, tracer_provider=telemetry.tracer_provider)
    async with client as c:
        await c.embeddings.create(model="text-embedding-3-small", input="x")
    assert len(telemetry.finished()) == 1


async def test_a_stream_closed_or_dropped_before_iterating_ends_its_span(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    async with client_for(fake, telemetry) as c:
        stream = await c.responses.create(model="gpt-4o", input="hi", stream=True)
        assert telemetry.finished() == []
        await stream.close()
        assert [s.name for s in telemetry.finished()] == ["chat gpt-4o"]
        dropped = await c.responses.create(model="gpt-4o", input="hi", stream=True)
        del dropped
        gc.collect()
        assert len(telemetry.finished()) == 2
    closed = telemetry.finished()[0]
    assert closed.status.status_code is StatusCode.UNSET
    assert not any(e.name == "gen_ai.first_chunk" for e in closed.events)
    assert "gen_ai.usage.output_tokens" not in dict(closed.attributes or {})
