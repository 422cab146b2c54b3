"""OpenTelemetry (lib/otel.py) against the fake, read back with the SDK's in-memory span
exporter and metric reader: the GenAI semantic conventions' names, attributes and metrics."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from openai_oxide import AsyncOpenAI, BadRequestError
from openai_oxide.lib import otel
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

MESSAGES = [{"role": "user", "content": "a secret prompt"}]


class Telemetry:
    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def metrics(self) -> dict[str, Any]:
        data = self.reader.get_metrics_data()
        assert data is not None
        return {
            m.name: m for rm in data.resource_metrics for sm in rm.scope_metrics for m in sm.metrics
        }


@pytest.fixture
def telemetry() -> Telemetry:
    return Telemetry()


def client_for(fake: FakeOpenAI, telemetry: Telemetry, **kwargs: Any) -> AsyncOpenAI:
    client = AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=1)
    return otel.instrument(
        client,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
        **kwargs,
    )


async def test_a_chat_call_is_one_client_span_with_the_conventions_attributes(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    async with client_for(fake, telemetry) as c:
        answer = await c.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, max_tokens=50, temperature=0.5, top_p=0.9, seed=7
        )
        await c.models.list()  # not a GenAI operation: no span
    (span,) = telemetry.finished()
    assert span.name == "chat gpt-4o" and span.kind is SpanKind.CLIENT
    attrs = dict(span.attributes or {})
    assert answer.usage is not None
    assert attrs == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.request.max_tokens": 50,
        "gen_ai.request.temperature": 0.5,
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.seed": 7,
        "server.address": "127.0.0.1",
        "server.port": int(fake.url.split(":")[2].split("/")[0]),
        "gen_ai.response.id": answer.id,
        "gen_ai.response.model": answer.model,
        "gen_ai.response.finish_reasons": ("stop",),
        "gen_ai.usage.input_tokens": answer.usage.prompt_tokens,
        "gen_ai.usage.output_tokens": answer.usage.completion_tokens,
    }
    assert "a secret prompt" not in repr(span.to_json())  # no content unless opted in
    metrics = telemetry.metrics()
    tokens = metrics["gen_ai.client.token.usage"]
    assert tokens.unit == "{token}"
    points = {p.attributes["gen_ai.token.type"]: p for p in tokens.data.data_points}
    assert points["input"].sum == answer.usage.prompt_tokens
    assert points["output"].sum == answer.usage.completion_tokens
    assert list(points["input"].explicit_bounds[:3]) == [1, 4, 16]
    assert points["input"].attributes["gen_ai.response.model"] == answer.model
    duration = metrics["gen_ai.client.operation.duration"]
    assert duration.unit == "s"
    (point,) = duration.data.data_points
    assert point.count == 1 and list(point.explicit_bounds[:3]) == [0.01, 0.02, 0.04]
    assert "error.type" not in point.attributes


async def test_a_streamed_call_ends_its_span_with_the_stream(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    async with client_for(fake, telemetry) as c:
        stream = await c.responses.create(model="gpt-4o", input="hi", stream=True)
        assert telemetry.finished() == []  # open while the stream is
        events = [e async for e in stream]
    (span,) = telemetry.finished()
    final = events[-1].response  # type: ignore[union-attr]
    attrs = dict(span.attributes or {})
    assert span.name == "chat gpt-4o"
    assert attrs["gen_ai.response.id"] == final.id
    assert attrs["gen_ai.response.finish_reasons"] == ("completed",)
    assert attrs["gen_ai.usage.output_tokens"] == final.usage.output_tokens
    (first,) = [e for e in span.events if e.name == "gen_ai.first_chunk"]
    assert span.start_time is not None and span.end_time is not None
    assert first.timestamp <= span.end_time
    ttfc = telemetry.metrics()["gen_ai.client.operation.time_to_first_chunk"]
    assert ttfc.unit == "s" and ttfc.data.data_points[0].count == 1


async def test_a_chat_stream_reports_its_finish_reasons_and_usage(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    async with client_for(fake, telemetry) as c:
        stream = await c.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
        chunks = [chunk async for chunk in stream]
    (span,) = telemetry.finished()
    attrs = dict(span.attributes or {})
    assert attrs["gen_ai.response.finish_reasons"] == ("stop",)
    assert chunks[-1].usage is not None
    assert attrs["gen_ai.usage.input_tokens"] == chunks[-1].usage.prompt_tokens
    assert attrs["gen_ai.response.id"] == chunks[-1].id


async def test_retries_are_span_events_and_a_failure_sets_error_type(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    fake.inject(Fault(status=500, match="/chat/completions"))
    async with client_for(fake, telemetry) as c:
        await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        fake.inject(Fault(status=400, match="/chat/completions"))
        with pytest.raises(BadRequestError):
            await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    retried, failed = telemetry.finished()
    (retry,) = retried.events
    assert retry.name == "retry" and dict(retry.attributes or {})["retry.attempt"] == 1
    assert dict(retry.attributes or {})["http.response.status_code"] == 500
    assert retried.status.status_code is StatusCode.UNSET
    assert dict(failed.attributes or {})["error.type"] == "BadRequestError"
    assert failed.status.status_code is StatusCode.ERROR
    points = telemetry.metrics()["gen_ai.client.operation.duration"].data.data_points
    assert sorted(p.attributes.get("error.type", "") for p in points) == ["", "BadRequestError"]


async def test_content_is_recorded_only_when_opted_in(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    async with client_for(fake, telemetry, capture_content=True) as c:
        await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    (span,) = telemetry.finished()
    attrs = dict(span.attributes or {})
    assert "a secret prompt" in str(attrs["gen_ai.input.messages"])
    assert "assistant" in str(attrs["gen_ai.output.messages"])


async def test_instrument_keeps_the_clients_own_hooks(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    seen: list[str] = []
    client = AsyncOpenAI(
        api_key=API_KEY, base_url=fake.url, hooks={"response": lambda e: seen.append("mine")}
    )
    otel.instrument(client, tracer_provider=telemetry.tracer_provider)
    async with client as c:
        await c.embeddings.create(model="text-embedding-3-small", input="x")
    (span,) = telemetry.finished()
    assert seen == ["mine"] and span.name == "embeddings text-embedding-3-small"


def test_the_sync_client_is_instrumented_like_the_async_one(
    fake: FakeOpenAI, telemetry: Telemetry
) -> None:
    """`instrument` assigns the merged hooks through the sync client's `hooks` setter (the
    generated sync client had a read-only property: assigning raised AttributeError)."""
    from openai_oxide import OpenAI

    own: list[str] = []
    client = OpenAI(
        api_key=API_KEY, base_url=fake.url, hooks={"request": lambda r: own.append(r.method)}
    )
    with otel.instrument(
        client,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    ) as c:
        answer = c.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    (span,) = telemetry.finished()
    assert span.name == "chat gpt-4o"
    assert dict(span.attributes or {})["gen_ai.response.id"] == answer.id
    assert own == ["POST"]  # the client's own hook still runs, before the instrumentation's
