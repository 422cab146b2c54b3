"""The scenario suite, defined once and run on every target (native CPython, Pyodide in Node,
Pyodide in headless Chromium) against the fake OpenAI server on the host.

Plain module: no pytest, stdlib + openai_oxide only, so it imports natively and inside
Pyodide. Each scenario is `async def name(base_url) -> dict` and returns a normalized
transcript:

    events   what the client yielded (normalized dumps, or event types)
    final    the final object (normalized), or a summary of it
    error    the exception class name, or None
    error_request_id_present   the exception carried the server's x-request-id
    requests how many API requests the server saw for this scenario (its journal)
    ...      scenario-specific facts (statuses, disconnects, retry counts)

Generated ids become `<id1>`, `<id2>`, ... in order of first appearance (so "this event
belongs to that item" survives), timestamps become `<time>`, request ids are dropped.
Scenarios run one after the other; each resets the server state it depends on.

Data files (the agent-session fixture) come through `set_fixtures(location)`: a directory
on this target's filesystem, or an http(s) URL that the host serves them from.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from openai_oxide import AsyncOpenAI, OpenAI, Timeout

API_KEY = "sk-test-scenarios"
IN_PYODIDE = sys.platform == "emscripten"
MODEL = "gpt-4o"

WEATHER_TOOL_CHAT = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["c", "f"]},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
    },
}

_HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else "."
_FIXTURES: str = os.path.normpath(os.path.join(_HERE, "..", "..", "shared", "fixtures"))


def set_fixtures(location: str) -> None:
    """Where `../shared/fixtures` is for this target: a directory or an http(s) URL."""
    global _FIXTURES
    _FIXTURES = location


# -- normalization -----------------------------------------------------------------------

_ID_KEYS = frozenset(
    {"id", "item_id", "call_id", "response_id", "previous_response_id", "system_fingerprint"}
)
_TIME_KEYS = frozenset({"created_at", "created", "completed_at"})
_DROP_KEYS = frozenset({"request_id", "x-request-id", "openai-processing-ms"})


class Normalizer:
    """Replaces generated ids by `<idN>` consistently within one scenario."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def ident(self, value: str) -> str:
        if value not in self._ids:
            self._ids[value] = f"<id{len(self._ids) + 1}>"
        return self._ids[value]

    def __call__(self, value: Any) -> Any:
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for k, v in value.items():
                if k in _DROP_KEYS:
                    continue
                if k in _ID_KEYS and isinstance(v, str) and v:
                    out[k] = self.ident(v)
                elif k in _TIME_KEYS and isinstance(v, int | float) and not isinstance(v, bool):
                    out[k] = "<time>"
                else:
                    out[k] = self(v)
            return out
        if isinstance(value, list | tuple):
            return [self(v) for v in value]
        return value


def transcript(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "events": [],
        "final": None,
        "error": None,
        "error_request_id_present": False,
        "requests": 0,
    }
    base.update(fields)
    return base


def record_error(result: dict[str, Any], exc: BaseException) -> None:
    result["error"] = type(exc).__name__
    result["error_request_id_present"] = bool(getattr(exc, "request_id", None))
    status = getattr(exc, "status_code", None)
    if status is not None:
        result["error_status"] = status


# -- the fake server's control endpoints (at the root, not under /v1) --------------------


def _root(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base[: -len("/v1")] if base.endswith("/v1") else base


async def _http(method: str, url: str, body: Any = None) -> Any:
    """A plain HTTP call, independent of the SDK (urllib natively, js.fetch in Pyodide)."""
    data = None if body is None else json.dumps(body).encode()
    if IN_PYODIDE:
        import js
        from pyodide.ffi import to_js

        init: dict[str, Any] = {"method": method}
        if data is not None:
            init["body"] = to_js(data)
        resp = await js.fetch(url, to_js(init, dict_converter=js.Object.fromEntries))
        text = str(await resp.text())
        if not resp.ok:
            raise RuntimeError(f"{method} {url} -> {resp.status}: {text[:200]}")
        return json.loads(text) if text else None

    import urllib.request

    def call() -> Any:
        req = urllib.request.Request(url, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    return await asyncio.to_thread(call)


async def reset(base_url: str) -> None:
    await _http("POST", _root(base_url) + "/__fake__/reset")


async def queue_faults(base_url: str, faults: list[dict[str, Any]]) -> None:
    await _http("POST", _root(base_url) + "/__fake__/faults", faults)


async def journal(base_url: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = await _http("GET", _root(base_url) + "/__fake__/journal")
    return entries


async def journal_settled(
    base_url: str, until: Callable[[list[dict[str, Any]]], bool], wait: float = 5.0
) -> list[dict[str, Any]]:
    """The journal once `until(entries)` holds, or after `wait` seconds (the last snapshot)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + wait
    while True:
        entries = await journal(base_url)
        if until(entries) or loop.time() >= end:
            return entries
        await asyncio.sleep(0.05)


async def read_fixture(relpath: str) -> bytes:
    location = _FIXTURES
    if location.startswith(("http://", "https://")):
        url = location.rstrip("/") + "/" + relpath
        if IN_PYODIDE:
            import js

            resp = await js.fetch(url)
            if not resp.ok:
                raise RuntimeError(f"GET {url} -> {resp.status}")
            return bytes((await resp.arrayBuffer()).to_bytes())
        import urllib.request

        def get() -> bytes:
            with urllib.request.urlopen(url, timeout=30) as resp:
                data: bytes = resp.read()
                return data

        return await asyncio.to_thread(get)
    with open(os.path.join(location, relpath), "rb") as f:
        return f.read()


def fault_header(**fault: Any) -> dict[str, str]:
    return {"x-fake-fault": json.dumps(fault)}


def client(base_url: str, **kwargs: Any) -> AsyncOpenAI:
    kwargs.setdefault("max_retries", 0)
    return AsyncOpenAI(api_key=API_KEY, base_url=base_url, **kwargs)


def _statuses(entries: list[dict[str, Any]]) -> list[Any]:
    return [e["status"] for e in entries]


# -- scenarios ---------------------------------------------------------------------------


async def responses_create(base_url: str) -> dict[str, Any]:
    """A plain Responses call: the whole typed Response, normalized."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        response = await c.responses.create(model=MODEL, input="Say hello in two languages")
        result["final"] = norm(response)
        result["output_text"] = response.output_text
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def responses_stream(base_url: str) -> dict[str, Any]:
    """The full event transcript of a streamed Responses call."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        stream = await c.responses.create(model=MODEL, input="Stream me a greeting", stream=True)
        events = [e async for e in stream]
    result["events"] = [norm(e) for e in events]
    result["types"] = [e.type for e in events]
    result["sequence_numbers"] = [e.sequence_number for e in events]
    result["deltas"] = [e.delta for e in events if e.type == "response.output_text.delta"]
    completed = events[-1]
    result["final"] = {
        "type": completed.type,
        "output_text": completed.response.output_text,  # type: ignore[union-attr]
    }
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["completed"] = [e["completed"] for e in entries]
    return result


async def chat_stream_tool_calls(base_url: str) -> dict[str, Any]:
    """A Chat stream with tool-call deltas and the usage chunk (include_usage)."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        stream = await c.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": "What's the weather in Zürich?"}],
            tools=[WEATHER_TOOL_CHAT],
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = [ch async for ch in stream]
    result["events"] = [norm(ch) for ch in chunks]
    calls: dict[int, dict[str, str]] = {}
    finish = None
    for ch in chunks:
        for choice in ch.choices:
            finish = choice.finish_reason or finish
            for tc in choice.delta.tool_calls or []:
                call = calls.setdefault(tc.index, {"name": "", "arguments": ""})
                if tc.function is not None:
                    call["name"] += tc.function.name or ""
                    call["arguments"] += tc.function.arguments or ""
    usage = chunks[-1].usage
    result["final"] = {
        "tool_calls": [
            {"name": call["name"], "arguments": json.loads(call["arguments"])}
            for _, call in sorted(calls.items())
        ],
        "finish_reason": finish,
        "usage_chunk_has_no_choices": chunks[-1].choices == [],
        "usage": None if usage is None else usage.model_dump(mode="json"),
    }
    result["requests"] = len(await journal(base_url))
    return result


async def retry_429_retry_after(base_url: str) -> dict[str, Any]:
    """429 with retry-after-ms: 200 -> waits at least that long, then succeeds."""
    await reset(base_url)
    await queue_faults(
        base_url, [{"status": 429, "headers": {"retry-after-ms": "200"}, "match": "/responses"}]
    )
    result = transcript()
    async with client(base_url, max_retries=2) as c:
        t0 = time.monotonic()
        response = await c.responses.create(model=MODEL, input="retry me")
        waited = time.monotonic() - t0
    result["final"] = {"output_text": response.output_text}
    result["waited_at_least_retry_after"] = waited >= 0.19
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    result["retry_count_headers"] = [e["headers"].get("x-stainless-retry-count") for e in entries]
    keys = {e["headers"].get("idempotency-key") for e in entries}
    result["same_idempotency_key"] = len(keys) == 1 and None not in keys
    return result


async def retry_500_then_success(base_url: str) -> dict[str, Any]:
    """One 500, then the retry (default backoff) succeeds."""
    await reset(base_url)
    await queue_faults(base_url, [{"status": 500, "match": "/responses"}])
    result = transcript()
    async with client(base_url, max_retries=2) as c:
        response = await c.responses.create(model=MODEL, input="retry after 500")
    result["final"] = {"output_text": response.output_text}
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def retry_500_exhausted(base_url: str) -> dict[str, Any]:
    """500 on every try: max_retries=1 means 2 requests, then InternalServerError."""
    await reset(base_url)
    await queue_faults(base_url, [{"status": 500, "match": "/responses", "times": 5}])
    result = transcript()
    async with client(base_url, max_retries=1) as c:
        try:
            await c.responses.create(model=MODEL, input="always 500")
        except Exception as exc:
            record_error(result, exc)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def no_retry_x_should_retry_false(base_url: str) -> dict[str, Any]:
    """A 429 that says `x-should-retry: false` is not retried, whatever max_retries is."""
    await reset(base_url)
    await queue_faults(
        base_url,
        [
            {
                "status": 429,
                "headers": {"x-should-retry": "false", "retry-after-ms": "10"},
                "match": "/responses",
                "times": 5,
            }
        ],
    )
    result = transcript()
    async with client(base_url, max_retries=3) as c:
        try:
            await c.responses.create(model=MODEL, input="do not retry")
        except Exception as exc:
            record_error(result, exc)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def delay_before_headers_beyond_connect(base_url: str) -> dict[str, Any]:
    """Headers after 1.5 s with connect=0.5, read=10: the connect timeout must not fire."""
    await reset(base_url)
    result = transcript()
    async with client(base_url, timeout=Timeout(connect=0.5, read=10.0)) as c:
        response = await c.responses.create(
            model=MODEL,
            input="slow headers",
            extra_headers=fault_header(delay_before_headers=1.5),
        )
    result["final"] = {"output_text": response.output_text}
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def slow_headers_default_timeouts(base_url: str) -> dict[str, Any]:
    """The issue's case: a non-streaming answer whose headers come after 6 s succeeds with
    the DEFAULT timeouts (the official SDK under Pyodide fails it: its 5 s connect timer)."""
    await reset(base_url)
    result = transcript()
    async with client(base_url) as c:  # default timeout
        response = await c.responses.create(
            model=MODEL,
            input="six seconds",
            extra_headers=fault_header(delay_before_headers=6.0),
        )
    result["final"] = {"output_text": response.output_text}
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


async def stalled_stream(base_url: str) -> dict[str, Any]:
    """The server stops sending after 3 events: APITimeoutError within read, and the
    client hangs up (the journal shows the disconnect)."""
    await reset(base_url)
    result = transcript()
    types: list[str] = []
    async with client(base_url, timeout=Timeout(connect=5.0, read=1.0)) as c:
        try:
            stream = await c.responses.create(
                model=MODEL,
                input="stall",
                stream=True,
                extra_headers=fault_header(stall_after_events=3),
            )
            async for event in stream:
                types.append(event.type)
        except Exception as exc:
            record_error(result, exc)
    result["events"] = types
    entries = await journal_settled(base_url, lambda es: bool(es) and es[-1]["disconnected"])
    result["requests"] = len(entries)
    result["disconnected"] = [e["disconnected"] for e in entries]
    result["completed"] = [e["completed"] for e in entries]
    return result


async def _dropped(base_url: str, *, pause: float, delay: float) -> dict[str, Any]:
    await reset(base_url)
    result = transcript()
    types: list[str] = []
    async with client(base_url, max_retries=2) as c:
        try:
            stream = await c.responses.create(
                model=MODEL,
                input="drop",
                stream=True,
                extra_headers=fault_header(drop_after_events=4, delay_between_events=delay),
            )
            await asyncio.sleep(pause)
            async for event in stream:
                types.append(event.type)
        except Exception as exc:
            record_error(result, exc)
    result["events"] = types
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["completed"] = [e["completed"] for e in entries]
    return result


async def dropped_mid_stream(base_url: str) -> dict[str, Any]:
    """The connection dies after 4 events (0.1 s apart, the client waiting for each): those
    4 arrive, then APIConnectionError; a stream that started is not retried."""
    return await _dropped(base_url, pause=0.0, delay=0.1)


async def dropped_before_the_consumer_reads(base_url: str) -> dict[str, Any]:
    """The same drop (4 events 0.1 s apart), but they and the drop all arrive while the app
    is busy elsewhere (0.8 s between getting the stream and iterating it). The bytes were
    received before the connection died, so they must still be yielded, then
    APIConnectionError. (A client that reads only on demand leaves them in the JS
    ReadableStream's queue, which the network error discards.)"""
    return await _dropped(base_url, pause=0.8, delay=0.1)


async def malformed_event(base_url: str) -> dict[str, Any]:
    """Event #2 has broken JSON: 2 events, then StreamError carrying the request id."""
    await reset(base_url)
    result = transcript()
    types: list[str] = []
    async with client(base_url, max_retries=2) as c:
        try:
            stream = await c.responses.create(
                model=MODEL,
                input="malformed",
                stream=True,
                extra_headers=fault_header(malformed_event_at=2),
            )
            async for event in stream:
                types.append(event.type)
        except Exception as exc:
            record_error(result, exc)
    result["events"] = types
    result["requests"] = len(await journal(base_url))
    return result


async def utf8_split_across_chunks(base_url: str) -> dict[str, Any]:
    """Every multi-byte character is cut between two chunks; the text comes out whole."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        stream = await c.responses.create(
            model=MODEL,
            input="Grüße, 世界 🌍",
            stream=True,
            extra_headers=fault_header(split_utf8=True),
        )
        events = [e async for e in stream]
    result["events"] = [norm(e) for e in events]
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    result["final"] = {
        "text": text,
        "matches_completed": text == events[-1].response.output_text,  # type: ignore[union-attr]
        "non_ascii": sorted({ch for ch in text if ord(ch) > 127}),
    }
    result["requests"] = len(await journal(base_url))
    return result


async def cancel_mid_stream(base_url: str) -> dict[str, Any]:
    """task.cancel() while waiting for event #3: CancelledError, and the server sees the
    client go away (the transfer is aborted, not left running)."""
    await reset(base_url)
    result = transcript()
    types: list[str] = []
    two = asyncio.Event()
    async with client(base_url) as c:
        stream = await c.responses.create(
            model=MODEL,
            input="cancel me",
            stream=True,
            extra_headers=fault_header(delay_between_events=0.4),
        )

        async def consume() -> None:
            async for event in stream:
                types.append(event.type)
                if len(types) == 2:
                    two.set()

        task = asyncio.ensure_future(consume())
        try:
            await asyncio.wait_for(two.wait(), 20)
            task.cancel()
            await task
        except asyncio.CancelledError:
            result["error"] = "CancelledError"
        except Exception as exc:
            record_error(result, exc)
        result["task_cancelled"] = task.cancelled()
    result["events"] = types
    entries = await journal_settled(base_url, lambda es: bool(es) and es[-1]["disconnected"])
    result["requests"] = len(entries)
    result["disconnected"] = [e["disconnected"] for e in entries]
    result["completed"] = [e["completed"] for e in entries]
    return result


async def agent_request_roundtrip(base_url: str) -> dict[str, Any]:
    """The recorded 699 KB coding-agent request (320 messages, 42 tools) goes out intact,
    and the recorded 114-chunk answer (3 streamed tool calls) comes back whole."""
    await reset(base_url)
    request = json.loads(await read_fixture("agent-session/request-320-messages.json"))
    recorded = json.loads(await read_fixture("agent-session/chat-stream-114-chunks.json"))
    replay = "".join(f"data: {json.dumps(ch)}\n\n" for ch in recorded["streamed_data"])
    replay += "data: [DONE]\n\n"
    await queue_faults(base_url, [{"replay": replay, "match": "/chat/completions"}])
    params = {k: v for k, v in request.items() if k != "stream"}
    result = transcript()
    async with client(base_url) as c:
        stream = await c.chat.completions.create(stream=True, **params)
        chunks = [ch async for ch in stream]
    calls: dict[int, dict[str, str]] = {}
    content = ""
    for ch in chunks:
        for choice in ch.choices:
            content += choice.delta.content or ""
            for tc in choice.delta.tool_calls or []:
                call = calls.setdefault(tc.index, {"id": "", "name": "", "arguments": ""})
                call["id"] += tc.id or ""
                if tc.function is not None:
                    call["name"] += tc.function.name or ""
                    call["arguments"] += tc.function.arguments or ""
    result["events"] = {"chunks": len(chunks)}
    result["final"] = {
        "content": content,
        "tool_calls": [
            {"name": call["name"], "arguments": json.loads(call["arguments"])}
            for _, call in sorted(calls.items())
        ],
        "usage": None if chunks[-1].usage is None else chunks[-1].usage.model_dump(mode="json"),
    }
    entries = await journal(base_url)
    result["requests"] = len(entries)
    sent = entries[0]["json"] if entries else None
    result["request_body_intact"] = sent == {**params, "stream": True}
    result["request_messages"] = len(sent["messages"]) if sent else 0
    result["request_tools"] = len(sent["tools"]) if sent else 0
    return result


def _sync_body(base_url: str) -> dict[str, Any]:
    """What the sync client does: a create retried after a 429, a streamed create, a 404."""
    from openai_oxide import NotFoundError

    out: dict[str, Any] = {}
    with OpenAI(api_key=API_KEY, base_url=base_url, max_retries=2) as c:
        out["output_text"] = c.responses.create(model=MODEL, input="sync hello").output_text
        events = list(c.responses.create(model=MODEL, input="sync stream", stream=True))
        out["stream_types"] = [e.type for e in events]
        out["stream_text"] = events[-1].response.output_text
        try:
            c.models.retrieve("no-such-model")
        except NotFoundError as exc:
            out["not_found"] = [type(exc).__name__, exc.status_code, bool(exc.request_id)]
    return out


async def sync_client(base_url: str) -> dict[str, Any]:
    """The sync `OpenAI` client: natively on its loop thread (called from a worker thread
    here, as an app without a loop would); under Pyodide it blocks through JSPI, or raises
    SyncUnavailableError where the runtime has no JSPI."""
    await reset(base_url)
    # The first create gets a 429 and is retried.
    await queue_faults(
        base_url, [{"status": 429, "headers": {"retry-after-ms": "50"}, "match": "/responses"}]
    )
    result = transcript()
    try:
        if IN_PYODIDE:
            result["final"] = _sync_body(base_url)  # blocks through JSPI
        else:
            result["final"] = await asyncio.to_thread(_sync_body, base_url)
    except Exception as exc:
        record_error(result, exc)
        if type(exc).__name__ == "SyncUnavailableError":
            result["error_says_use_async"] = "AsyncOpenAI" in str(exc)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    return result


def platform_facts() -> dict[str, Any]:
    """What this target runs on (reported beside the transcripts, not compared)."""
    from openai_oxide._core import codec

    facts: dict[str, Any] = {
        "platform": sys.platform,
        "codec": codec.NAME,
        "httpx_loaded": "httpx" in sys.modules,
        "orjson_loaded": "orjson" in sys.modules,
        "transport": type(AsyncOpenAI(api_key=API_KEY)._transport).__name__,
    }
    if IN_PYODIDE:
        from pyodide.ffi import can_run_sync

        facts["jspi"] = bool(can_run_sync())
    return facts


SCENARIOS: dict[str, Callable[[str], Awaitable[dict[str, Any]]]] = {
    f.__name__: f
    for f in (
        responses_create,
        responses_stream,
        chat_stream_tool_calls,
        retry_429_retry_after,
        retry_500_then_success,
        retry_500_exhausted,
        no_retry_x_should_retry_false,
        delay_before_headers_beyond_connect,
        slow_headers_default_timeouts,
        stalled_stream,
        dropped_mid_stream,
        dropped_before_the_consumer_reads,
        malformed_event,
        utf8_split_across_chunks,
        cancel_mid_stream,
        agent_request_roundtrip,
        sync_client,
    )
}
