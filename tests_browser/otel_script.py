"""lib/otel.py's spans and metrics for a chat call, a stream, a refused call, a WebSocket
turn and an image generation, read back
with the OpenTelemetry SDK's in-memory exporters; prints them as JSON (the last line).
Run natively and in Pyodide by tests_browser/test_otel_node.py: the two must be equal."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import otel

# Values that differ per run (ids, port, timings) are reported by kind, not value.
VARYING = {"gen_ai.response.id", "server.port"}


async def main(base_url: str) -> dict[str, Any]:
    spans = InMemorySpanExporter()
    # A Resource of our own: the default one runs its detectors on a thread pool, and
    # Pyodide has no threads.
    tracer_provider = TracerProvider(resource=Resource({}))
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    client = AsyncOpenAI(api_key="sk-otel-test", base_url=base_url, max_retries=0)
    meter_provider = MeterProvider(metric_readers=[reader], resource=Resource({}))
    otel.instrument(client, tracer_provider=tracer_provider, meter_provider=meter_provider)
    messages = [{"role": "user", "content": "hello"}]
    async with client as c:
        await c.chat.completions.create(model="gpt-4o", messages=messages, max_tokens=20, seed=3)
        stream = await c.responses.create(model="gpt-4o", input="hello", stream=True)
        _ = [event async for event in stream]
        try:
            await c.chat.completions.create(model="gpt-4o", messages=[])
        except Exception as exc:
            refused = type(exc).__name__
        async with c.ws_session(defaults={"model": "gpt-4o"}) as ws:
            await ws.send(input="hello", max_output_tokens=20)
        await c.images.generate(model="gpt-image-1", prompt="a cat")
    data = reader.get_metrics_data()
    assert data is not None
    metrics = {
        m.name: [m.unit, sorted(sorted(p.attributes.items()) for p in m.data.data_points)]
        for rm in data.resource_metrics
        for sm in rm.scope_metrics
        for m in sm.metrics
    }
    return {
        "refused": refused,
        "spans": [
            {
                "name": s.name,
                "kind": s.kind.name,
                "status": s.status.status_code.name,
                "attributes": {
                    k: (type(v).__name__ if k in VARYING else v)
                    for k, v in sorted((s.attributes or {}).items())
                },
                "events": [e.name for e in s.events],
            }
            for s in spans.get_finished_spans()
        ],
        "metrics": metrics,
    }


if __name__ == "__main__":  # natively; Pyodide awaits main() (test_otel_node.RUN)
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
