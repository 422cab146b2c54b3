"""lib/otel.py on WebSocket turns: each Responses turn over a session (and over the pool) is
one CLIENT span as over HTTP, ending with the turn; the handshake gets none."""

from __future__ import annotations

import pytest
from opentelemetry.trace import SpanKind, StatusCode

from openai_oxide import WebSocketSessionError
from openai_oxide.lib.ws_pool import WebSocketPool
from openai_oxide.testing import FakeOpenAI

from .test_otel import Telemetry, client_for, telemetry  # noqa: F401


async def test_each_websocket_turn_is_one_span_as_over_http(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    async with (
        client_for(fake, telemetry) as c,
        c.ws_session(defaults={"model": "gpt-5"}) as ws,
    ):
        first = await ws.send(input="one", max_output_tokens=64, temperature=0.2)
        assert len(telemetry.finished()) == 1  # ended with the turn
        events = [e async for e in ws.send_stream(input="two")]
        with pytest.raises(WebSocketSessionError):
            await ws.send(model=None, input="no model")
    done, streamed, failed = telemetry.finished()
    assert [s.name for s in (done, streamed)] == ["chat gpt-5", "chat gpt-5"]
    assert done.kind is SpanKind.CLIENT
    attrs = dict(done.attributes or {})
    assert first.usage is not None
    assert attrs["gen_ai.operation.name"] == "chat"
    assert attrs["gen_ai.provider.name"] == "openai"
    assert attrs["gen_ai.request.model"] == "gpt-5"
    assert attrs["gen_ai.request.max_tokens"] == 64
    assert attrs["gen_ai.request.temperature"] == 0.2
    assert attrs["gen_ai.response.id"] == first.id
    assert attrs["gen_ai.response.finish_reasons"] == ("completed",)
    assert attrs["gen_ai.usage.input_tokens"] == first.usage.input_tokens
    assert attrs["gen_ai.usage.output_tokens"] == first.usage.output_tokens
    assert attrs["server.address"] == "127.0.0.1"
    final = events[-1].response  # type: ignore[union-attr]
    assert dict(streamed.attributes or {})["gen_ai.response.id"] == final.id
    for span in (done, streamed):
        (chunk,) = [e for e in span.events if e.name == "gen_ai.first_chunk"]
        assert span.start_time is not None and span.end_time is not None
        assert span.start_time < chunk.timestamp <= span.end_time
    assert failed.status.status_code is StatusCode.ERROR
    assert dict(failed.attributes or {})["error.type"] == "WebSocketSessionError"
    metrics = telemetry.metrics()
    durations = metrics["gen_ai.client.operation.duration"].data.data_points
    assert sum(p.count for p in durations) == 3
    ttfc = metrics["gen_ai.client.operation.time_to_first_chunk"].data.data_points
    assert sum(p.count for p in ttfc) == 3  # the failed turn's first event is its error
    tokens = metrics["gen_ai.client.token.usage"].data.data_points
    assert {p.attributes["gen_ai.token.type"] for p in tokens} == {"input", "output"}


async def test_turns_over_the_pool_get_their_spans(
    fake: FakeOpenAI,
    telemetry: Telemetry,  # noqa: F811
) -> None:
    async with (
        client_for(fake, telemetry) as c,
        WebSocketPool(size=2, defaults={"model": "gpt-5"}) as pool,
    ):
        answers = [await pool.send(c, input=f"call {i}") for i in range(3)]
    spans = telemetry.finished()
    assert [s.name for s in spans] == ["chat gpt-5"] * 3
    assert [dict(s.attributes or {})["gen_ai.response.id"] for s in spans] == [
        a.id for a in answers
    ]
