"""OpenTelemetry for the GenAI calls of a client, built on its hooks (`_hooks.py`).

    from openai_oxide.lib import otel
    otel.instrument(client)                     # adds the hooks to the client's own
    client = AsyncOpenAI(hooks=otel.hooks())    # or as a `hooks=` bundle

It follows the OpenTelemetry GenAI semantic conventions: one CLIENT span per chat,
Responses (over HTTP or a WebSocket turn), completion, embeddings, image or audio call
(`generate_content` with `gen_ai.output.type`), named `{gen_ai.operation.name}
{gen_ai.request.model}`, with `gen_ai.provider.name` "openai", the request's `gen_ai.request.*`
parameters, the answer's `gen_ai.response.*` and `gen_ai.usage.*`, `server.address` (and
`server.port`), and `error.type` and an ERROR status when the call fails. Each retry is a span
event; a streamed call's span ends when its stream ends, with a `gen_ai.first_chunk` event at
the first chunk. Metrics: `gen_ai.client.token.usage`, `gen_ai.client.operation.duration` and
(streams) `gen_ai.client.operation.time_to_first_chunk`, with the conventions' units and
bucket boundaries. Prompts and completions are recorded (`gen_ai.input.messages`,
`gen_ai.output.messages`) only with `capture_content=True`.

Moderations, a model call the conventions name no operation for, get an HTTP client span
(HTTP conventions, no GenAI metrics). Other calls (files, models, ...) get no span.
`instrument` twice instruments once; `uninstrument` removes the hooks it added.

Needs `opentelemetry-api` (the `otel` extra; pure Python, so it runs under Pyodide too).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from opentelemetry import metrics, trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from .._hooks import (
    HOOK_EVENTS,
    ErrorEvent,
    Hook,
    Hooks,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
    StreamEndEvent,
)

__all__ = ["hooks", "instrument", "uninstrument"]

log = logging.getLogger("openai_oxide")

_SCOPE = "openai_oxide"
# (gen_ai.operation.name, gen_ai.output.type) by endpoint (the path's end, after /v1).
# The conventions name no operation for images and audio: they are `generate_content`
# (multimodal generation) with the output type the conventions list (image, speech, text).
_OPERATIONS: dict[str, tuple[str, str | None]] = {
    "/chat/completions": ("chat", None),
    "/responses": ("chat", None),
    "/completions": ("text_completion", None),
    "/embeddings": ("embeddings", None),
    "/images/generations": ("generate_content", "image"),
    "/images/edits": ("generate_content", "image"),
    "/images/variations": ("generate_content", "image"),
    "/audio/speech": ("generate_content", "speech"),
    "/audio/transcriptions": ("generate_content", "text"),
    "/audio/translations": ("generate_content", "text"),
}
# Model calls the conventions give no GenAI operation and no output type: an HTTP client
# span (the HTTP semantic conventions), without GenAI metrics.
_HTTP_ONLY = ("/moderations",)
_MULTIPART_MODEL = re.compile(rb'name="model"\r\n\r\n([^\r\n]{1,200})\r\n')
# body key -> gen_ai.request.* attribute
_REQUEST = {
    "max_tokens": "gen_ai.request.max_tokens",
    "max_completion_tokens": "gen_ai.request.max_tokens",
    "max_output_tokens": "gen_ai.request.max_tokens",
    "temperature": "gen_ai.request.temperature",
    "top_p": "gen_ai.request.top_p",
    "seed": "gen_ai.request.seed",
    "frequency_penalty": "gen_ai.request.frequency_penalty",
    "presence_penalty": "gen_ai.request.presence_penalty",
}
# The conventions' advised bucket boundaries.
_TOKEN_BUCKETS = [4.0**i for i in range(14)]  # 1, 4, 16, ... 67108864
_DURATION_BUCKETS = [0.01 * 2**i for i in range(14)]  # 0.01, 0.02, ... 81.92 s


@dataclass(slots=True)
class _Call:
    span: Span
    started: float  # monotonic
    started_ns: int  # wall clock, for event timestamps
    attributes: dict[str, Any]  # those the metrics carry too
    ended: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    http_only: bool = False  # a span after the HTTP conventions (no GenAI metrics)


class _Instrumentation:
    def __init__(self, tracer_provider: Any, meter_provider: Any, capture_content: bool) -> None:
        self.tracer = trace.get_tracer(_SCOPE, tracer_provider=tracer_provider)
        meter = metrics.get_meter(_SCOPE, meter_provider=meter_provider)
        self.tokens = meter.create_histogram(
            "gen_ai.client.token.usage",
            unit="{token}",
            description="Number of input and output tokens used",
            explicit_bucket_boundaries_advisory=_TOKEN_BUCKETS,
        )
        self.duration = meter.create_histogram(
            "gen_ai.client.operation.duration",
            unit="s",
            description="GenAI operation duration",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.first_chunk = meter.create_histogram(
            "gen_ai.client.operation.time_to_first_chunk",
            unit="s",
            description="Time to receive the first chunk of a streamed answer",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.capture = capture_content
        # The call in progress in this task (request -> response/retry -> error); a stream
        # is found again by its request id when it ends, maybe in another task.
        self.current: contextvars.ContextVar[_Call | None] = contextvars.ContextVar(
            "openai_oxide_otel_call", default=None
        )
        self.streams: dict[str, _Call] = {}

    # -- hooks ----------------------------------------------------------------------------

    def request(self, event: RequestEvent) -> None:
        if event.attempt:
            return
        parts = urlsplit(event.url)
        if parts.scheme in ("ws", "wss"):  # a handshake: each turn gets its span at its end
            self.current.set(None)
            return
        if parts.path.endswith(_HTTP_ONLY):
            self.current.set(self._http_call(event.method, event.url))
            return
        self.current.set(self._start(event.url, event.content))

    def _start(self, url: str, content: bytes | None, elapsed: float = 0.0) -> _Call | None:
        """Open the span of a GenAI call to `url` with body `content`, `elapsed` seconds
        ago; None for an endpoint that is not a model call."""
        parts = urlsplit(url)
        path = parts.path
        found = next((op for p, op in _OPERATIONS.items() if path.endswith(p)), None)
        if found is None:
            return None
        operation, output_type = found
        body = _json(content)
        model = body.get("model") if isinstance(body, dict) else _multipart_model(content)
        attributes: dict[str, Any] = {
            "gen_ai.operation.name": operation,
            "gen_ai.provider.name": "openai",
        }
        if isinstance(model, str):
            attributes["gen_ai.request.model"] = model
        if parts.hostname:
            attributes["server.address"] = parts.hostname
        if parts.port is not None:
            attributes["server.port"] = parts.port
        span_attributes = dict(attributes)
        if output_type is not None:
            span_attributes["gen_ai.output.type"] = output_type
        if isinstance(body, dict):
            span_attributes.update(_request_attributes(body))
            if self.capture:
                prompt = body.get("messages", body.get("input"))
                span_attributes["gen_ai.input.messages"] = json.dumps(prompt, default=str)
        name = f"{operation} {model}" if isinstance(model, str) else operation
        started_ns = time.time_ns() - int(elapsed * 1e9)
        span = self.tracer.start_span(
            name, kind=SpanKind.CLIENT, attributes=span_attributes, start_time=started_ns
        )
        return _Call(span, time.monotonic() - elapsed, started_ns, attributes)

    def _http_call(self, method: str, url: str) -> _Call:
        parts = urlsplit(url)
        attributes: dict[str, Any] = {"http.request.method": method, "url.full": url}
        if parts.hostname:
            attributes["server.address"] = parts.hostname
        if parts.port is not None:
            attributes["server.port"] = parts.port
        span = self.tracer.start_span(method, kind=SpanKind.CLIENT, attributes=attributes)
        return _Call(span, time.monotonic(), time.time_ns(), attributes, http_only=True)

    def retry(self, event: RetryEvent) -> None:
        call = self.current.get()
        if call is not None and not call.ended:
            attributes: dict[str, Any] = {
                "retry.attempt": event.attempt,
                "retry.reason": event.reason,
            }
            attributes["retry.delay"] = event.delay
            if event.status is not None:
                attributes["http.response.status_code"] = event.status
            call.span.add_event("retry", attributes)

    def response(self, event: ResponseEvent) -> None:
        call = self.current.get()
        if call is None or call.ended:
            return
        if call.http_only:
            call.span.set_attribute("http.response.status_code", event.status)
            if event.status < 300:
                self._end(call, event.elapsed, None)
            return
        if event.status >= 300:
            return
        streamed = event.headers.get("content-type", "").startswith("text/event-stream")
        if event.content is None and streamed:  # it ends with stream_end
            call.extra["stream"] = True
            if event.request_id:
                self.streams[event.request_id] = call
            return
        # A body not read yet (binary audio, `with_streaming_response`) ends the call here.
        self._answered(call, _json(event.content))
        self._end(call, event.elapsed, None)

    def error(self, event: ErrorEvent) -> None:
        call = self.current.get()
        if call is not None and not call.ended and not call.extra.get("stream"):
            self._end(call, time.monotonic() - call.started, event.error)

    def stream_end(self, event: StreamEndEvent) -> None:
        if event.url.startswith(("ws:", "wss:")):  # a WebSocket turn: its span, started back
            call = self._start(event.url, event.content, event.elapsed)
        else:
            call = self.streams.pop(event.request_id, None) if event.request_id else None
            if call is None:
                call = self.current.get()
            if call is None or call.ended or not call.extra.get("stream"):
                return
        if call is None:
            return
        answer = _as_dict(event.last_event)
        answer = answer.get("response", answer) if isinstance(answer, dict) else {}
        if not isinstance(answer, dict):
            answer = {}
        if event.usage is not None:
            answer = {**answer, "usage": _as_dict(event.usage)}
        self._answered(call, answer, event.finish_reasons)
        if event.time_to_first_event is not None:
            ttfc = event.time_to_first_event
            call.span.add_event("gen_ai.first_chunk", timestamp=call.started_ns + int(ttfc * 1e9))
            self.first_chunk.record(ttfc, call.attributes)
        self._end(call, event.elapsed, event.error)

    # -- the end of a call ------------------------------------------------------------------

    def _answered(self, call: _Call, answer: Any, finish: tuple[str, ...] = ()) -> None:
        if not isinstance(answer, dict):
            return
        span = call.span
        if isinstance(answer.get("id"), str):
            span.set_attribute("gen_ai.response.id", answer["id"])
        if isinstance(answer.get("model"), str):
            call.attributes["gen_ai.response.model"] = answer["model"]
            span.set_attribute("gen_ai.response.model", answer["model"])
        choices = answer.get("choices")
        if not finish and isinstance(choices, list):
            finish = tuple(c["finish_reason"] for c in choices if _str_at(c, "finish_reason"))
        if not finish and isinstance(answer.get("status"), str):  # the Responses API
            finish = (answer["status"],)
        if finish:
            span.set_attribute("gen_ai.response.finish_reasons", list(finish))
        usage = answer.get("usage")
        if isinstance(usage, dict):
            for kind, keys in (
                ("input", ("prompt_tokens", "input_tokens")),
                ("output", ("completion_tokens", "output_tokens")),
            ):
                count = next((usage[k] for k in keys if isinstance(usage.get(k), int)), None)
                if count is not None:
                    span.set_attribute(f"gen_ai.usage.{kind}_tokens", count)
                    self.tokens.record(count, {**call.attributes, "gen_ai.token.type": kind})
        if self.capture:
            output = answer.get("output", choices)
            if output is not None:
                span.set_attribute("gen_ai.output.messages", json.dumps(output, default=str))

    def _end(self, call: _Call, elapsed: float, error: BaseException | None) -> None:
        call.ended = True
        attributes = call.attributes
        if error is not None:
            error_type = _error_type(error, call.http_only)
            attributes = {**attributes, "error.type": error_type}
            call.span.set_attribute("error.type", error_type)
            call.span.set_status(Status(StatusCode.ERROR, str(error)))
        if not call.http_only:
            self.duration.record(elapsed, attributes)
        call.span.end()

    def hooks(self) -> dict[str, Hook]:
        return {name: getattr(self, name) for name in HOOK_EVENTS}


def hooks(
    *,
    tracer_provider: Any = None,
    meter_provider: Any = None,
    capture_content: bool = False,
) -> dict[str, Hook]:
    """The hooks that instrument a client, for `AsyncOpenAI(hooks=...)` or `with_options`.
    The providers default to the global ones."""
    return _Instrumentation(tracer_provider, meter_provider, capture_content).hooks()


def instrument(
    client: Any,
    *,
    tracer_provider: Any = None,
    meter_provider: Any = None,
    capture_content: bool = False,
) -> Any:
    """Add the instrumentation's hooks after the client's own; returns the client. A client
    already instrumented (by `instrument` or `hooks()`) is left as it is, as OpenTelemetry's
    instrumentors do, with a warning: its calls are never recorded twice."""
    current: Hooks | None = client.hooks
    if current is not None and any(
        _ours(fn) for name in HOOK_EVENTS for fn in getattr(current, name)
    ):
        log.warning("This client is already instrumented (lib/otel.py): left as it is")
        return client
    ours = hooks(
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        capture_content=capture_content,
    )
    merged = {
        name: [*(getattr(current, name) if current is not None else ()), fn]
        for name, fn in ours.items()
    }
    client.hooks = merged
    return client


def uninstrument(client: Any) -> Any:
    """Remove the instrumentation's hooks (keeping the client's own); returns the client."""
    current: Hooks | None = client.hooks
    if current is not None:
        client.hooks = {
            name: [fn for fn in getattr(current, name) if not _ours(fn)] for name in HOOK_EVENTS
        }
    return client


def _ours(fn: Hook) -> bool:
    return isinstance(getattr(fn, "__self__", None), _Instrumentation)


def _error_type(error: BaseException, http_only: bool) -> str:
    """`error.type`, low-cardinality: the exception's class name as the GenAI conventions
    and OpenTelemetry's OpenAI instrumentation give it; on an HTTP span, the status code
    (as the HTTP conventions want) when the server answered one."""
    status = getattr(error, "status_code", None)
    if http_only and isinstance(status, int):
        return str(status)
    return type(error).__qualname__


def _multipart_model(content: bytes | None) -> str | None:
    """The `model` field of a multipart body (image edits, transcriptions), if any."""
    if not content or not content.startswith(b"--"):
        return None
    found = _MULTIPART_MODEL.search(content)
    return found.group(1).decode("utf-8", "replace") if found else None


def _request_attributes(body: dict[str, Any]) -> dict[str, Any]:
    attributes = {
        attr: body[key]
        for key, attr in _REQUEST.items()
        if isinstance(body.get(key), int | float) and not isinstance(body.get(key), bool)
    }
    stop = body.get("stop")
    if isinstance(stop, str):
        stop = [stop]
    if isinstance(stop, list) and all(isinstance(s, str) for s in stop):
        attributes["gen_ai.request.stop_sequences"] = stop
    n = body.get("n")
    if isinstance(n, int) and n != 1:
        attributes["gen_ai.request.choice.count"] = n
    return attributes


def _json(content: bytes | None) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:  # multipart, or a body that is not JSON
        return None


def _as_dict(value: Any) -> Any:
    """A typed model (pydantic) as a dict; dicts and None as they are."""
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else value


def _str_at(value: Any, key: str) -> bool:
    return isinstance(value, dict) and isinstance(value.get(key), str)
