"""The scenario suite, defined once and run on every target (native CPython, Pyodide in Node,
Pyodide in headless Chromium) against the fake OpenAI server on the host.

Plain module: no pytest, stdlib + openai_oxide + pydantic only, so it imports natively
and inside Pyodide (the models the structured-output scenarios use are defined here).
Each scenario is `async def name(base_url) -> dict` and returns a normalized transcript:

    events   what the client yielded (normalized dumps, or event types)
    final    the final object (normalized), or a summary of it
    error    the exception class name, or None
    error_request_id_present   the exception carried the server's x-request-id
    requests how many API requests the server saw for this scenario (its journal)
    ...      scenario-specific facts (statuses, disconnects, retry counts)

Generated ids become `<id1>`, `<id2>`, ... in order of first appearance (so "this event
belongs to that item" survives), timestamps become `<time>`, request ids are dropped.
Scenarios run one after the other; each resets the server state it depends on.

Data files (../shared/fixtures: the agent session, recorded Responses and Chat streams) come
through `set_fixtures(location)`: a directory
on this target's filesystem, or an http(s) URL that the host serves them from.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, Literal

# The control helpers live in fake_control (pydantic-free); the scenario modules import
# them from here.
from fake_control import (
    IN_PYODIDE,
    fault_header,
    journal,
    journal_settled,
    queue_faults,
    record_error,
    reset,
    transcript,
)
from fake_control import (
    _http as _http,
)
from fake_control import (
    _root as _root,
)
from pydantic import BaseModel

from openai_oxide import AsyncOpenAI, OpenAI, Timeout
from openai_oxide.lib import function_tool, pydantic_function_tool, run_agent

# Not `sk-...`: in the Chromium page a secret-looking key is refused without
# dangerously_allow_browser (docs/security.md); these scenarios talk to the fake only.
API_KEY = "test-key-scenarios"
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

WEATHER_TOOL_RESPONSES = {
    "type": "function",
    "name": "get_weather",
    "description": "Weather for a city",
    "parameters": {
        "type": "object",
        "properties": {"location": {"type": "string"}},
        "required": ["location"],
        "additionalProperties": False,
    },
    "strict": True,
}

# Recorded streams (../shared/fixtures) replayed by the stream-helper scenarios.
RESPONSES_TOOL_CALL = "responses-streams/issue-19493-gpt-5.1-tool-call.chunks.txt"
RESPONSES_WEB_SEARCH = "responses-streams/openai-web-search-tool.1.chunks.txt"
CHAT_PARALLEL_TOOLS = (
    "chat-streams/f82268f2fefd5cfbc7eeb59c297688be2f6ca0849a6e4f17851b517310841d9b.bin"
)
CHAT_REFUSAL_LOGPROBS = (
    "chat-streams/569c877e69429d4cbc1577d2cd6dd33878095c68badc6b6654a69769b391a1c1.bin"
)
CHAT_LENGTH = "chat-streams/4cc50a6135d254573a502310e6af1246f55edb6ad95fa24059f160996b68866d.bin"
AGENT_STREAM = "agent-session/chat-stream-114-chunks.json"


# -- models and tools of the structured-output and agent scenarios ------------------------


class Unit(StrEnum):
    celsius = "c"
    fahrenheit = "f"


class Place(BaseModel):
    city: str
    country: str | None  # optional: nullable, yet required in the strict schema


class Day(BaseModel):
    day: Literal["mon", "tue", "wed"]
    high: int
    rain: bool


class Forecast(BaseModel):
    """Nested models ($defs/$ref), a list, an enum, a Literal, a union, a nullable field."""

    place: Place
    unit: Unit
    days: list[Day]
    summary: str | int
    alert: str | None = None


class Person(BaseModel):
    name: str
    age: int
    tags: list[str]


class LookupWeather(BaseModel):
    """Look the weather up for a city."""

    city: str
    unit: Unit


TOOL_LOG: list[str] = []  # what the agent scenario's tools were called with


@function_tool
def get_weather(city: str, unit: Unit = Unit.celsius) -> dict[str, Any]:
    """Weather for a city.

    Args:
        city: The city name.
        unit: Celsius or Fahrenheit.
    """
    TOOL_LOG.append(f"get_weather({city!r}, {unit.value!r})")
    return {"city": city, "temp": 21, "unit": unit.value}


@function_tool
async def get_time(zone: str) -> str:
    """Current time in a time zone.

    Args:
        zone: An IANA time zone.
    """
    await asyncio.sleep(0.01)
    TOOL_LOG.append(f"get_time({zone!r})")
    return f"12:00 in {zone}"


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
_TIME_KEYS = frozenset({"created_at", "created", "completed_at", "expires_at"})
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


# -- stream helpers, early function-call parse, structured outputs, agent loop -------------


async def _responses_recording(relpath: str) -> tuple[str, list[dict[str, Any]]]:
    """A recorded Responses stream (one JSON event a line) as an SSE body, and its events."""
    text = (await read_fixture(relpath)).decode("utf-8")
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    body = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in events)
    return body, events


async def _agent_stream_sse() -> str:
    """The recorded 114-chunk agent answer (3 streamed tool calls) as a Chat SSE body."""
    recorded = json.loads(await read_fixture(AGENT_STREAM))
    body = "".join(f"data: {json.dumps(ch)}\n\n" for ch in recorded["streamed_data"])
    return body + "data: [DONE]\n\n"


def _recorded_chat(raw: str) -> dict[str, Any]:
    """Content, refusal, tool calls and finish reason per choice, straight from the bytes."""
    choices: dict[int, dict[str, Any]] = {}
    for line in raw.replace("\r\n", "\n").splitlines():
        if not line.startswith("data:") or line[5:].strip() == "[DONE]":
            continue
        for choice in json.loads(line[5:]).get("choices") or []:
            out = choices.setdefault(
                choice["index"],
                {"content": "", "refusal": "", "tool_calls": {}, "finish_reason": None},
            )
            delta = choice.get("delta") or {}
            out["content"] += delta.get("content") or ""
            out["refusal"] += delta.get("refusal") or ""
            out["finish_reason"] = choice.get("finish_reason") or out["finish_reason"]
            for tc in delta.get("tool_calls") or []:
                call = out["tool_calls"].setdefault(tc["index"], {"name": "", "arguments": ""})
                fn = tc.get("function") or {}
                call["name"] += fn.get("name") or ""
                call["arguments"] += fn.get("arguments") or ""
    return {
        str(i): {**c, "tool_calls": [c["tool_calls"][k] for k in sorted(c["tool_calls"])]}
        for i, c in sorted(choices.items())
    }


def _completion_summary(completion: Any) -> dict[str, Any]:
    """What a (parsed) chat completion says, per choice, in `_recorded_chat`'s shape."""
    return {
        str(choice.index): {
            "content": choice.message.content or "",
            "refusal": choice.message.refusal or "",
            "tool_calls": [
                {"name": tc.function.name, "arguments": tc.function.arguments}
                for tc in choice.message.tool_calls or []
            ],
            "finish_reason": choice.finish_reason,
        }
        for choice in completion.choices
    }


def _dump(value: Any) -> Any:
    """A parsed value (model, dict, None) as JSON-compatible data."""
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


async def responses_stream_helper(base_url: str) -> dict[str, Any]:
    """`responses.stream(...)`: typed events, text deltas carrying the snapshot so far,
    `current_snapshot()` in step, `get_final_response()` equal to the `response.completed`
    payload, `output_text`; then `text_deltas()` and `until_done()` on a second stream."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    snapshots: list[str] = []
    in_step: list[bool] = []
    completed: Any = None
    async with client(base_url) as c:
        async with c.responses.stream(model=MODEL, input="Stream me a greeting") as stream:
            before = stream.current_snapshot()
            async for event in stream:
                result["events"].append([event.type, type(event).__name__])
                if event.type == "response.output_text.delta":
                    snapshots.append(event.snapshot)  # type: ignore[union-attr]
                    current = stream.current_snapshot()
                    in_step.append(current is not None and current.output_text == snapshots[-1])
                elif event.type == "response.completed":
                    completed = event.response  # type: ignore[union-attr]
            final = await stream.get_final_response()
            result["output_text"] = stream.output_text
        async with c.responses.stream(model=MODEL, input="Only the text please") as stream:
            text = "".join([delta async for delta in stream.text_deltas()])
            await stream.until_done()
            second = await stream.get_final_response()
    result["snapshot_before_first_event"] = before is not None
    result["snapshots"] = snapshots
    result["snapshots_grow"] = all(b.startswith(a) for a, b in itertools.pairwise(snapshots))
    result["current_snapshot_in_step"] = in_step
    result["final"] = norm(final)
    result["final_type"] = type(final).__name__
    result["final_output_text"] = final.output_text
    result["final_equals_completed"] = completed is not None and final.model_dump(
        mode="json"
    ) == completed.model_dump(mode="json")
    result["text_deltas"] = text
    result["text_deltas_equal_final"] = text == second.output_text
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["completed"] = [e["completed"] for e in entries]
    result["sent_stream"] = [e["json"].get("stream") for e in entries]
    return result


async def responses_stream_recorded(base_url: str) -> dict[str, Any]:
    """The helper fed two recorded real streams (a gpt-5.1 tool call, a web search with
    annotations): the final response equals the recorded `response.completed` payload."""
    await reset(base_url)
    result = transcript()
    recordings = {}
    for relpath in (RESPONSES_TOOL_CALL, RESPONSES_WEB_SEARCH):
        body, events = await _responses_recording(relpath)
        recordings[relpath] = events
        await queue_faults(base_url, [{"replay": body, "match": "/responses"}])
    finals: dict[str, Any] = {}
    async with client(base_url) as c:
        for relpath, recorded in recordings.items():
            norm = Normalizer()
            name = relpath.rsplit("/", 1)[-1]
            async with c.responses.stream(model="gpt-5.1", input="recorded") as stream:
                types = [[e.type, type(e).__name__] async for e in stream]
                final = await stream.get_final_response()
            terminal = recorded[-1]["response"]
            result["events"].append({"recording": name, "types": types})
            finals[name] = {
                "equals_recorded_completed": final.model_dump(exclude_unset=True) == terminal,
                "recorded_events": len(recorded),
                "output_types": [item.type for item in final.output],
                "output_text": final.output_text,
                "status": final.status,
                "usage_total_tokens": final.usage.total_tokens if final.usage else None,
                "response": norm(final.model_dump(mode="json", exclude_unset=True)),
            }
    result["final"] = finals
    result["requests"] = len(await journal(base_url))
    return result


async def chat_stream_recorded(base_url: str) -> dict[str, Any]:
    """`chat.completions.stream(...)` on two recorded chat streams (2 parallel tool calls;
    a refusal with logprobs): the event type sequence, the assembled tool calls, refusal
    and logprobs events, and a final completion that says what the recording says."""
    await reset(base_url)
    result = transcript()
    raws = {}
    for relpath in (CHAT_PARALLEL_TOOLS, CHAT_REFUSAL_LOGPROBS):
        raws[relpath] = (await read_fixture(relpath)).decode("utf-8")
        await queue_faults(base_url, [{"replay": raws[relpath], "match": "/chat/completions"}])
    finals: dict[str, Any] = {}
    async with client(base_url) as c:
        for relpath, raw in raws.items():
            norm = Normalizer()
            name = relpath.rsplit("/", 1)[-1][:12]
            facts: dict[str, Any] = {"types": [], "tool_calls_done": [], "refusal_done": []}
            facts["logprobs_done"] = []
            async with c.chat.completions.stream(
                model=MODEL, messages=[{"role": "user", "content": "recorded"}]
            ) as stream:
                async for event in stream:
                    facts["types"].append(event.type)
                    if event.type == "tool_calls.function.arguments.done":
                        facts["tool_calls_done"].append(
                            {
                                "index": event.index,  # type: ignore[union-attr]
                                "name": event.name,  # type: ignore[union-attr]
                                "call_id": norm.ident(event.call_id or "none"),  # type: ignore[union-attr]
                                "parsed_arguments": event.parsed_arguments,  # type: ignore[union-attr]
                            }
                        )
                    elif event.type == "refusal.done":
                        facts["refusal_done"].append(event.refusal)  # type: ignore[union-attr]
                    elif event.type in ("logprobs.content.done", "logprobs.refusal.done"):
                        items = getattr(event, "content", None) or getattr(event, "refusal", [])
                        facts["logprobs_done"].append(
                            [event.type, [norm(item)["token"] for item in items]]
                        )
                snapshot = stream.current_completion_snapshot()
                completion = await stream.get_final_completion()
            result["events"].append({"recording": name, **facts})
            got = _completion_summary(completion)
            finals[name] = {
                "completion": got,
                "matches_recording": got == _recorded_chat(raw),
                "snapshot_matches_final": snapshot is not None
                and _completion_summary(snapshot) == got,
                "message_type": type(completion.choices[0].message).__name__,
                "usage_total_tokens": completion.usage.total_tokens if completion.usage else None,
            }
    result["final"] = finals
    result["requests"] = len(await journal(base_url))
    return result


# Every recording in ../shared/fixtures (Chromium cannot list a directory, hence the names).
RESPONSES_RECORDINGS = (
    "issue-19493-gpt-5.1-tool-call",
    "issue-20047-openai-responses",
    "openai-code-interpreter-tool.1",
    "openai-custom-tool.1",
    "openai-error.1",
    "openai-file-search-tool.2",
    "openai-image-generation-tool.1",
    "openai-mcp-tool.1",
    "openai-phase.1",
    "openai-reasoning-encrypted-content-gpt-5-4-split.1",
    "openai-reasoning-encrypted-content.1",
    "openai-response-failed-only.1",
    "openai-shell-tool.1",
    "openai-web-search-tool.1",
)
CHAT_RECORDINGS = (
    "173417d553406f034f643e5db3f8d591fb691ebac56f5ae39a22cc7d455c5353",
    "2018feb66ae13fcf5333d61b95849decc68d3f63bd38172889367e1afb1e04f7",
    "4cc50a6135d254573a502310e6af1246f55edb6ad95fa24059f160996b68866d",
    "569c877e69429d4cbc1577d2cd6dd33878095c68badc6b6654a69769b391a1c1",
    "7e5ea4d12e7cc064399b6631415e65923f182256b6e6b752950a3aaa2ad2320a",
    "83b060bae42eb41c4f1edbb7c1542b954b37d9dfd1910b964ddebc9677e6ae85",
    "a247c49c5fcd492bfb7a02a3306ad615ed8d8f649888ebfddfbc3ee151f44d46",
    "a491adda08c3d4fde95f5b2ee3f60f7f745f1a56d82e62f58031cc2add502380",
    "c6aa7e397b7123c3501f25df3a05d4daf7e8ad6d61ffa406ab5361fe36a8d5b1",
    "d615580118391ee13492193e3a8bb74642d23ac1ca13fe37cb6e889b66f759f6",
    "e2aad469b71d1d4894ff833ea147020a9d875eb7ce644a0ff355581690a4cbfd",
    "f82268f2fefd5cfbc7eeb59c297688be2f6ca0849a6e4f17851b517310841d9b",
)


async def responses_stream_every_recording(base_url: str) -> dict[str, Any]:
    """Every recorded Responses stream through `responses.stream(...)`: for each, how many
    events came out, and whether `get_final_response()` equals the last terminal payload
    (`response.completed` / `response.failed`) of the recording, or the error it raised."""
    await reset(base_url)
    result = transcript()
    recordings: dict[str, list[dict[str, Any]]] = {}
    for name in RESPONSES_RECORDINGS:
        body, recordings[name] = await _responses_recording(f"responses-streams/{name}.chunks.txt")
        await queue_faults(base_url, [{"replay": body, "match": "/responses"}])
    finals: dict[str, Any] = {}
    async with client(base_url) as c:
        for name, recorded in recordings.items():
            out: dict[str, Any] = {"recorded_events": len(recorded), "events": 0, "error": None}
            terminal = [
                e["response"]
                for e in recorded
                if e["type"] in ("response.completed", "response.failed", "response.incomplete")
            ]
            try:
                async with c.responses.stream(model="m", input="recorded") as stream:
                    async for _ in stream:
                        out["events"] += 1
                    final = await stream.get_final_response()
                out["status"] = final.status
                out["equals_recorded_terminal"] = bool(terminal) and (
                    final.model_dump(exclude_unset=True) == terminal[-1]
                )
            except Exception as exc:
                out["error"] = type(exc).__name__
                out["error_message"] = str(exc)[:200]
            finals[name] = out
    result["final"] = finals
    result["requests"] = len(await journal(base_url))
    return result


async def chat_stream_every_recording(base_url: str) -> dict[str, Any]:
    """Every recorded chat stream through `chat.completions.stream(...)`: the assembled
    completion (content, refusal, tool calls, finish reason per choice) equals what the
    recording's bytes say, and `get_final_completion()` gives it (the one cut by length
    too: nothing was to be parsed)."""
    await reset(base_url)
    result = transcript()
    raws: dict[str, str] = {}
    for name in CHAT_RECORDINGS:
        raws[name] = (await read_fixture(f"chat-streams/{name}.bin")).decode("utf-8")
        await queue_faults(base_url, [{"replay": raws[name], "match": "/chat/completions"}])
    finals: dict[str, Any] = {}
    async with client(base_url) as c:
        for name, raw in raws.items():
            out: dict[str, Any] = {"error": None}
            async with c.chat.completions.stream(
                model=MODEL, messages=[{"role": "user", "content": "recorded"}]
            ) as stream:
                types: dict[str, int] = {}
                async for event in stream:
                    types[event.type] = types.get(event.type, 0) + 1
                snapshot = stream.current_completion_snapshot()
                try:
                    await stream.get_final_completion()
                except Exception as exc:
                    out["error"] = type(exc).__name__
            out["event_counts"] = dict(sorted(types.items()))
            got = _completion_summary(snapshot) if snapshot is not None else None
            out["matches_recording"] = got == _recorded_chat(raw)
            out["choices"] = len(snapshot.choices) if snapshot is not None else 0
            finals[name[:12]] = out
    result["final"] = finals
    result["requests"] = len(await journal(base_url))
    return result


async def chat_stream_length_error(base_url: str) -> dict[str, Any]:
    """A recorded chat stream that ends with finish_reason "length": with nothing to parse
    it ends normally, and `get_final_completion()` gives the content so far with that
    finish_reason. The same recording streamed with `response_format=Person` (the
    truncated JSON cannot parse) is recorded under `structured`: LengthFinishReasonError,
    raised at the finish chunk as the official SDK does."""
    await reset(base_url)
    raw = (await read_fixture(CHAT_LENGTH)).decode("utf-8")
    await queue_faults(base_url, [{"replay": raw, "match": "/chat/completions", "times": 2}])
    messages = [{"role": "user", "content": "long"}]
    result = transcript()
    structured = transcript()
    async with client(base_url) as c:
        async with c.chat.completions.stream(model=MODEL, messages=messages) as stream:
            result["events"] = [e.type async for e in stream]
            try:
                result["final"] = _completion_summary(await stream.get_final_completion())
            except Exception as exc:
                record_error(result, exc)
        try:
            async with c.chat.completions.stream(
                model=MODEL, messages=messages, response_format=Person
            ) as stream:
                async for event in stream:
                    structured["events"].append(event.type)
                await stream.get_final_completion()
        except Exception as exc:
            record_error(structured, exc)
    result["recorded"] = _recorded_chat(raw)
    result["structured"] = structured
    result["requests"] = len(await journal(base_url))
    return result


async def responses_create_stream_fc_early(base_url: str) -> dict[str, Any]:
    """`responses.create_stream_fc(partial=True)` on the recorded gpt-5.1 tool call, the
    server holding each event back 0.25 s: the call is handed over (parsed arguments) while
    the server has not finished the answer (journal `completed` is False at that moment),
    after partial-argument updates; the final response still comes whole afterwards."""
    await reset(base_url)
    body, recorded = await _responses_recording(RESPONSES_TOOL_CALL)
    await queue_faults(
        base_url, [{"replay": body, "match": "/responses", "delay_between_events": 0.25}]
    )
    norm = Normalizer()
    result = transcript()
    completed_when_yielded: list[bool] = []
    async with client(base_url) as c:
        fc_stream = c.responses.create_stream_fc(
            model="gpt-5.1", input="weather?", tools=[WEATHER_TOOL_RESPONSES], partial=True
        )
        async for item in fc_stream:
            kind = type(item).__name__
            if kind == "FunctionCall":
                entries = await journal(base_url)
                completed_when_yielded.append(entries[-1]["completed"])
                result["events"].append(
                    {
                        "kind": kind,
                        "name": item.name,
                        "call_id": norm.ident(item.call_id or "none"),
                        "item_id": norm.ident(item.item_id or "none"),
                        "output_index": item.output_index,
                        "arguments": item.arguments,
                        "arguments_json": item.arguments_json,
                    }
                )
            else:
                result["events"].append(
                    {"kind": kind, "name": item.name, "partial": item.partial}  # type: ignore[union-attr]
                )
        final = await fc_stream.get_final_response()
    result["completed_when_yielded"] = completed_when_yielded
    result["final"] = {
        "output_types": [item.type for item in final.output],
        "equals_recorded_completed": final.model_dump(exclude_unset=True)
        == recorded[-1]["response"],
    }
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["completed"] = [e["completed"] for e in entries]
    return result


async def chat_create_stream_fc_early(base_url: str) -> dict[str, Any]:
    """`chat.completions.create_stream_fc(partial=True)` on the recorded 114-chunk agent
    answer (0.02 s between chunks): 3 tool calls with dict arguments; the first two are
    handed over while the server is still sending (their next index started, ~60 and ~30
    chunks before the end); partial arguments stream before each call."""
    await reset(base_url)
    await queue_faults(
        base_url,
        [
            {
                "replay": await _agent_stream_sse(),
                "match": "/chat/completions",
                "delay_between_events": 0.02,
            }
        ],
    )
    norm = Normalizer()
    result = transcript()
    completed_when_yielded: list[bool] = []
    partials: dict[int, list[Any]] = {}
    async with client(base_url) as c:
        fc_stream = c.chat.completions.create_stream_fc(
            model=MODEL, messages=[{"role": "user", "content": "read three files"}], partial=True
        )
        async for item in fc_stream:
            if type(item).__name__ == "FunctionCall":
                entries = await journal(base_url)
                completed_when_yielded.append(entries[-1]["completed"])
                result["events"].append(
                    {
                        "name": item.name,
                        "call_id": norm.ident(item.call_id or "none"),
                        "output_index": item.output_index,
                        "arguments": item.arguments,
                        "partial_updates_before": len(partials.get(item.output_index, [])),
                    }
                )
            else:
                partials.setdefault(item.index, []).append(item.parsed_arguments)  # type: ignore[union-attr]
        completion = await fc_stream.get_final_completion()
    # The last call is complete only at finish_reason, 3 chunks before the end: too close
    # to the end to assert on every target, so only the first two are recorded.
    result["completed_when_yielded"] = completed_when_yielded[:2]
    result["partials"] = {
        str(i): {"count": len(p), "first": p[0], "last": p[-1]} for i, p in sorted(partials.items())
    }
    result["partials_are_prefixes"] = all(
        bool(p) and isinstance(p[-1], dict) and p[-1].items() <= call["arguments"].items()
        for call in result["events"]
        for p in [partials.get(call["output_index"], [])]
    )
    result["final"] = _completion_summary(completion)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["completed"] = [e["completed"] for e in entries]
    return result


def _refusal_response() -> dict[str, Any]:
    """A Responses answer whose message is a refusal (served as the whole JSON body)."""
    return {
        "id": "resp_refusal_1",
        "object": "response",
        "created_at": 1767225600,
        "status": "completed",
        "model": MODEL,
        "output": [
            {
                "id": "msg_refusal_1",
                "type": "message",
                "role": "assistant",
                "status": "completed",
                "content": [{"type": "refusal", "refusal": "I can't help with that."}],
            }
        ],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
    }


def _chat_completion(message: dict[str, Any], finish_reason: str) -> dict[str, Any]:
    """A one-choice chat completion (served as the whole JSON body)."""
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1767225600,
        "model": MODEL,
        "choices": [
            {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}
        ],
    }


async def responses_parse_structured(base_url: str) -> dict[str, Any]:
    """`responses.parse(text_format=Forecast)`: `.output_parsed` is the model, the request
    carried the strict schema (nested $defs, enum, Literal, union, nullable); a refusal
    (scripted answer) gives `output_parsed` None and the refusal text."""
    await reset(base_url)
    result = transcript()
    async with client(base_url) as c:
        parsed = await c.responses.parse(model=MODEL, input="forecast", text_format=Forecast)
        await queue_faults(base_url, [{"body": _refusal_response(), "match": "/responses"}])
        refused = await c.responses.parse(model=MODEL, input="refuse", text_format=Forecast)
    output = parsed.output_parsed
    result["final"] = {
        "type": type(output).__name__,
        "output_parsed": _dump(output),
        "parsed_equals_text": output == Forecast.model_validate_json(parsed.output_text),
        "response_type": type(parsed).__name__,
    }
    result["refusal"] = {
        "output_parsed": _dump(refused.output_parsed),
        "parts": [
            [part.type, getattr(part, "refusal", None)]
            for item in refused.output
            for part in getattr(item, "content", [])
        ],
    }
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["sent_format"] = entries[0]["json"]["text"]["format"]
    return result


async def chat_parse_structured(base_url: str) -> dict[str, Any]:
    """`chat.completions.parse(response_format=Forecast)`: `.message.parsed`, the strict
    schema sent; a strict pydantic tool whose arguments parse into the model; a scripted
    refusal (`parsed` None, `.refusal` set); ContentFilterFinishReasonError."""
    await reset(base_url)
    messages = [{"role": "user", "content": "forecast"}]
    result = transcript()
    async with client(base_url) as c:
        completion = await c.chat.completions.parse(
            model=MODEL, messages=messages, response_format=Forecast
        )
        with_tool = await c.chat.completions.parse(
            model=MODEL, messages=messages, tools=[pydantic_function_tool(LookupWeather)]
        )
        await queue_faults(
            base_url,
            [
                {
                    "body": _chat_completion(
                        {"role": "assistant", "content": None, "refusal": "I can't do that."},
                        "stop",
                    ),
                    "match": "/chat/completions",
                },
                {
                    "body": _chat_completion(
                        {"role": "assistant", "content": "{}"}, "content_filter"
                    ),
                    "match": "/chat/completions",
                },
            ],
        )
        refused = await c.chat.completions.parse(
            model=MODEL, messages=messages, response_format=Forecast
        )
        try:
            await c.chat.completions.parse(model=MODEL, messages=messages, response_format=Forecast)
        except Exception as exc:
            record_error(result, exc)
            result["error_has_completion"] = getattr(exc, "completion", None) is not None
    message = completion.choices[0].message
    calls = with_tool.choices[0].message.tool_calls or []
    result["final"] = {
        "type": type(message.parsed).__name__,
        "parsed": _dump(message.parsed),
        "parsed_equals_content": message.parsed == Forecast.model_validate_json(message.content),
        "completion_type": type(completion).__name__,
    }
    result["tool_calls"] = [
        {
            "name": call.function.name,
            "parsed_type": type(call.function.parsed_arguments).__name__,
            "parsed_arguments": _dump(call.function.parsed_arguments),
        }
        for call in calls
    ]
    refusal = refused.choices[0].message
    result["refusal"] = {"parsed": _dump(refusal.parsed), "refusal": refusal.refusal}
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["sent_response_format"] = entries[0]["json"]["response_format"]
    result["sent_tools"] = entries[1]["json"]["tools"]
    return result


async def structured_stream_partials(base_url: str) -> dict[str, Any]:
    """Streamed structured output: `responses.stream(text_format=Person)` exposes the
    partial dict and the model (where it validates) at every text delta, the final parsed
    model equals the last one; `chat.completions.stream(response_format=Person)` likewise
    through `content.delta` / `content.done`."""
    await reset(base_url)
    result = transcript()
    responses_steps: list[Any] = []
    chat_steps: list[Any] = []
    async with client(base_url) as c:
        async with c.responses.stream(model=MODEL, input="a person", text_format=Person) as stream:
            async for event in stream:
                if event.type == "response.output_text.delta":
                    responses_steps.append(
                        [event.partial, _dump(event.parsed)]  # type: ignore[union-attr]
                    )
            final = await stream.get_final_response()
        async with c.chat.completions.stream(
            model=MODEL, messages=[{"role": "user", "content": "a person"}], response_format=Person
        ) as chat:
            done: Any = None
            async for chat_event in chat:
                if chat_event.type == "content.delta":
                    chat_steps.append(chat_event.parsed)  # type: ignore[union-attr]
                elif chat_event.type == "content.done":
                    done = chat_event.parsed  # type: ignore[union-attr]
            completion = await chat.get_final_completion()
    result["events"] = {"responses": responses_steps, "chat": chat_steps}
    result["final"] = {
        "responses_type": type(final.output_parsed).__name__,
        "responses_parsed": _dump(final.output_parsed),
        "responses_last_step_equals_final": bool(responses_steps)
        and responses_steps[-1][1] == _dump(final.output_parsed),
        "chat_done_type": type(done).__name__,
        "chat_done": _dump(done),
        "chat_final_parsed": _dump(completion.choices[0].message.parsed),
    }
    result["requests"] = len(await journal(base_url))
    return result


async def agent_run_tools(base_url: str) -> dict[str, Any]:
    """`run_agent` over HTTP with a sync and an async `@function_tool`: turn 1 calls both
    (run as early parse yields them), their outputs go back with previous_response_id,
    turn 2 answers in text. The tool schemas come from the signatures and docstrings."""
    await reset(base_url)
    TOOL_LOG.clear()
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        outcome = await run_agent(
            c.responses, model=MODEL, input="weather and time?", tools=[get_weather, get_time]
        )
        # previous_response_id must name turn 1, the response that made the calls.
        turn1_id = (await journal(base_url))[1]["json"].get("previous_response_id")
        turn1 = await c.responses.retrieve(turn1_id) if turn1_id else None
    result["events"] = [
        {
            "name": call.name,
            "call_id": norm.ident(call.call_id or "none"),
            "arguments": call.arguments,
        }
        for call in outcome.calls
    ]
    result["tool_log"] = sorted(TOOL_LOG)
    result["final"] = {
        "turns": outcome.turns,
        "output_text": outcome.output_text,
        "response_id": norm.ident(outcome.response.id),
    }
    result["turn1_calls"] = None
    if turn1 is not None:
        result["turn1_calls"] = [
            [item.type, norm.ident(getattr(item, "call_id", None) or "none")]
            for item in turn1.output
        ]
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["statuses"] = _statuses(entries)
    result["sent_tools"] = entries[0]["json"]["tools"] if entries else None
    if len(entries) > 1:
        second = entries[1]["json"]
        result["outputs_sent"] = norm(second["input"])
        result["previous_response_id"] = norm.ident(second.get("previous_response_id") or "none")
    return result


async def agent_unknown_tool(base_url: str) -> dict[str, Any]:
    """The model calls a tool that was not offered: `run_agent` raises UnknownToolError
    (naming it and the offered tools) and runs nothing."""
    await reset(base_url)
    TOOL_LOG.clear()
    created = {
        "type": "response.created",
        "response": {"id": "resp_1", "object": "response", "status": "in_progress", "output": []},
    }
    added = {
        "type": "response.output_item.added",
        "output_index": 0,
        "item": {
            "id": "fc_1",
            "type": "function_call",
            "name": "launch_rockets",
            "call_id": "call_1",
            "arguments": "",
        },
    }
    done = {
        "type": "response.function_call_arguments.done",
        "output_index": 0,
        "item_id": "fc_1",
        "arguments": "{}",
    }
    replay = "".join(f"data: {json.dumps(e)}\n\n" for e in (created, added, done))
    await queue_faults(base_url, [{"replay": replay, "match": "/responses"}])
    result = transcript()
    async with client(base_url) as c:
        try:
            await run_agent(c.responses, model=MODEL, input="x", tools=[get_weather, get_time])
        except Exception as exc:
            record_error(result, exc)
            result["error_tool"] = getattr(exc, "name", None)
            result["error_known"] = getattr(exc, "known", None)
            result["error_is_lookup_error"] = isinstance(exc, LookupError)
    result["tool_log"] = list(TOOL_LOG)
    result["requests"] = len(await journal(base_url))
    return result


async def one_timer_per_call(base_url: str) -> dict[str, Any]:
    """Each call arms one timer (headers and body) and leaves none armed: under Pyodide a
    JS timer, cleared at the end (the loop's own timers stay pending until they fire)."""
    from openai_oxide import _timing

    await reset(base_url)
    armed: list[Any] = []
    later = _timing._later

    def recording(loop: Any, delay: float, callback: Any) -> Any:
        armed.append(later(loop, delay, callback))
        return armed[-1]

    result = transcript()
    _timing._later = recording
    try:
        async with client(base_url) as c:
            for _ in range(3):
                await c.responses.create(model=MODEL, input="Say hello in two languages")
    finally:
        _timing._later = later
    result["timers"] = len(armed)
    result["left_armed"] = sum(not timer.cancelled() for timer in armed)
    result["requests"] = len(await journal(base_url))
    return result


# Official type paths of each shape the generator writes: a name from the parent package,
# names from two modules (one a class's own module), a class among its helpers. Files
# natively; one table made into modules in the Pyodide bundle (_official_finder).
OFFICIAL_PATHS = (
    "openai_oxide.types.conversations.conversation_update_params",
    "openai_oxide.types.conversations.message",
    "openai_oxide.types.responses.response_output_text",
    "openai_oxide.types.audio.transcription",
)


async def official_type_paths(base_url: str) -> dict[str, Any]:
    import importlib

    paths: dict[str, Any] = {}
    for name in OFFICIAL_PATHS:
        module = importlib.import_module(name)
        parent, _, leaf = name.rpartition(".")
        paths[name] = {
            "all": module.__all__,
            "names": {
                n: f"{v.__module__}.{v.__qualname__}"
                for n, v in vars(module).items()
                if n in module.__all__
            },
            "doc": module.__doc__,
            "bound_on_parent": getattr(sys.modules[parent], leaf) is module,
        }
    # a conversation message's reasoning text is the Responses one (officially
    # `conversations.message.ContentReasoningText`; its `Content` is the union of parts)
    from openai_oxide.types.conversations.message import ContentReasoningText
    from openai_oxide.types.responses.response_reasoning_item import Content as Same

    same = ContentReasoningText is Same
    return {"paths": paths, "same_object": same, "error": None, "requests": 0}


def platform_facts() -> dict[str, Any]:
    """What this target runs on (reported beside the transcripts, not compared)."""
    from openai_oxide._core import codec

    facts: dict[str, Any] = {
        "platform": sys.platform,
        "codec": codec.NAME,
        "httpx_loaded": "httpx" in sys.modules or "httpx2" in sys.modules,
        "orjson_loaded": "orjson" in sys.modules,
        "transport": type(AsyncOpenAI(api_key=API_KEY)._transport).__name__,
        # the bundle's official type paths come from one table (wasm_bridge/official_table.py)
        "official_paths": "table" if "openai_oxide._official_table" in sys.modules else "files",
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
        responses_stream_helper,
        responses_stream_recorded,
        chat_stream_recorded,
        responses_stream_every_recording,
        chat_stream_every_recording,
        chat_stream_length_error,
        responses_create_stream_fc_early,
        chat_create_stream_fc_early,
        responses_parse_structured,
        chat_parse_structured,
        structured_stream_partials,
        agent_run_tools,
        agent_unknown_tool,
        official_type_paths,
        one_timer_per_call,
    )
}

# The WebSocket-mode scenarios live beside these and join the same registry (ws_scenarios
# imports its helpers from this module, which is complete by now).
import ws_scenarios  # noqa: E402

SCENARIOS.update(ws_scenarios.SCENARIOS)

# The API-surface scenarios (uploads, downloads, pagination, one call per endpoint group).
import api_scenarios  # noqa: E402

SCENARIOS.update(api_scenarios.SCENARIOS)

# Every stream helper under every compatibility profile and quirk of the fake (generated).
import profile_scenarios  # noqa: E402

SCENARIOS.update(profile_scenarios.SCENARIOS)

# Answers that do not match the spec: lenient models, strict on request.
import lenient_scenarios  # noqa: E402

SCENARIOS.update(lenient_scenarios.SCENARIOS)

# Hedged requests and fan-out (lib/hedge.py) against the fake's latency model.
import hedge_scenarios  # noqa: E402

SCENARIOS.update(hedge_scenarios.SCENARIOS)

# The headers of an SSE request on every target.
import http_scenarios  # noqa: E402

SCENARIOS.update(http_scenarios.SCENARIOS)

# The agent toolkit: the tool runner, approvals, the computer toolset, the sync runner.
import agent_scenarios  # noqa: E402

SCENARIOS.update(agent_scenarios.SCENARIOS)

# The pydantic-free lite client (openai_oxide.lite).
import lite_scenarios  # noqa: E402

SCENARIOS.update(lite_scenarios.SCENARIOS)

# Background streams that resume by themselves, and the SDK's log records.
import reliability_scenarios  # noqa: E402

SCENARIOS.update(reliability_scenarios.SCENARIOS)

# The fault matrix (issue 14 item 1): its own rows, and which scenario shows each of the rest.
import fault_matrix  # noqa: E402

SCENARIOS.update(fault_matrix.SCENARIOS)

# The Realtime API over WebSocket (client.realtime.connect).
import realtime_scenarios  # noqa: E402

SCENARIOS.update(realtime_scenarios.SCENARIOS)

# Hooks: the sequence they record, the same on every target (issue 20 item 1).
import hook_scenarios  # noqa: E402

SCENARIOS.update(hook_scenarios.SCENARIOS)

# The bulk runner over records in memory and a results file (issue 20 item 4).
import bulk_scenarios  # noqa: E402

SCENARIOS.update(bulk_scenarios.SCENARIOS)

# The Batch API engine of the bulk runner (issue 20 item 4, mode="batch").
import batch_scenarios  # noqa: E402

SCENARIOS.update(batch_scenarios.SCENARIOS)
