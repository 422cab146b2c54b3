"""Hooks (`_hooks.py`): the order they run in, what they see, and how they fail a call."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest

from openai_oxide import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncOpenAI,
    BadRequestError,
    HookError,
    MockResponse,
    MockTransport,
)
from openai_oxide._core.http import Request
from openai_oxide._hooks import HOOK_EVENTS, Hooks
from support import API_KEY, scripted

OK = {"object": "list", "data": []}
CHUNK = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
USAGE = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}


def sse_chat(words: list[str], *, usage: bool = True) -> bytes:
    chunks = [
        {**CHUNK, "choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]}
        for w in words
    ]
    if usage:
        chunks.append({**CHUNK, "choices": [], "usage": USAGE})
    return b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in chunks) + (
        b"data: [DONE]\n\n"
    )


class Recorder:
    """Every hook event, in order; `async_for` lists the events whose hook is async."""

    def __init__(self, async_for: tuple[str, ...] = ()) -> None:
        self.events: list[tuple[str, Any]] = []
        self.hooks: dict[str, Callable[[Any], object]] = {}
        for name in HOOK_EVENTS:
            self.hooks[name] = self._async(name) if name in async_for else self._sync(name)

    def _sync(self, name: str) -> Callable[[Any], None]:
        def hook(event: Any) -> None:
            self.events.append((name, event))

        return hook

    def _async(self, name: str) -> Callable[[Any], Any]:
        async def hook(event: Any) -> None:
            self.events.append((name, event))

        return hook

    def names(self) -> list[str]:
        return [name for name, _ in self.events]


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_sleep(delay: float) -> None:
        pass

    monkeypatch.setattr("openai_oxide._base.asyncio.sleep", fake_sleep)


def client_for(transport: MockTransport, hooks: Any = None) -> AsyncOpenAI:
    return AsyncOpenAI(api_key=API_KEY, base_url="http://fake/v1", transport=transport, hooks=hooks)


@pytest.mark.parametrize("async_for", [(), HOOK_EVENTS, ("request", "retry")])
async def test_a_retried_call_runs_request_response_retry_in_order(
    async_for: tuple[str, ...], no_sleep: None
) -> None:
    rec = Recorder(async_for)
    transport = scripted(
        MockResponse.json({"error": {"message": "x"}}, status=500),
        MockResponse.json(OK, headers={"x-request-id": "req_2"}),
    )
    await client_for(transport, rec.hooks).models.list()
    assert rec.names() == ["request", "response", "retry", "request", "response"]
    first, answer500, retry, second, answer200 = (e for _, e in rec.events)
    assert (first.attempt, second.attempt) == (0, 1)
    assert first.method == "GET" and first.url == "http://fake/v1/models"
    assert (answer500.status, answer500.retries_taken) == (500, 0)
    assert (retry.attempt, retry.reason, retry.status) == (1, "status 500", 500)
    assert 0 < retry.delay <= 0.5
    assert (answer200.status, answer200.request_id, answer200.retries_taken) == (200, "req_2", 1)
    assert answer200.elapsed >= answer500.elapsed


async def test_a_connection_error_retry_names_the_error(no_sleep: None) -> None:
    rec = Recorder()
    transport = scripted(APIConnectionError("Connection error: refused"), MockResponse.json(OK))
    await client_for(transport, rec.hooks).models.list()
    assert rec.names() == ["request", "retry", "request", "response"]
    retry = rec.events[1][1]
    assert retry.status is None and "refused" in retry.reason


async def test_a_failed_call_runs_the_error_hook_with_the_raised_error() -> None:
    rec = Recorder()
    transport = scripted(MockResponse.json({"error": {"message": "bad"}}, status=400))
    with pytest.raises(BadRequestError) as info:
        await client_for(transport, rec.hooks).models.list()
    assert rec.names() == ["request", "response", "error"]
    assert rec.events[-1][1].error is info.value
    assert rec.events[-1][1].url == "http://fake/v1/models"


async def test_an_answer_that_fails_validation_after_a_200_runs_the_error_hook() -> None:
    rec = Recorder()
    transport = scripted(MockResponse(200, {"content-type": "application/json"}, b"{not json"))
    with pytest.raises(APIResponseValidationError) as info:
        await client_for(transport, rec.hooks).models.list()
    assert rec.names() == ["request", "response", "error"]
    assert rec.events[1][1].status == 200 and rec.events[-1][1].error is info.value


async def test_a_request_hook_adds_changes_and_removes_headers() -> None:
    def edit(event: Any) -> None:
        event.headers["x-trace"] = f"t{event.attempt}"
        event.headers["x-stainless-lang"] = "hooked"
        del event.headers["x-stainless-os"]

    transport = scripted(MockResponse.json(OK))
    await client_for(transport, {"request": edit}).models.list()
    sent = transport.requests[0].headers
    assert sent["x-trace"] == "t0" and sent["x-stainless-lang"] == "hooked"
    assert "x-stainless-os" not in sent
    assert sent["authorization"] == f"Bearer {API_KEY}"  # the masked value left alone


def _strings(value: Any, depth: int = 0) -> list[str]:
    """Every string reachable from a hook's event: fields, mappings, an error's request."""
    if depth > 6:
        return []
    if isinstance(value, str):
        return [value]
    found = [repr(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += _strings(getattr(value, f.name), depth + 1)
    elif isinstance(value, dict):
        for k, v in value.items():
            found += _strings(k, depth + 1) + _strings(v, depth + 1)
    elif isinstance(value, BaseException):
        found += [str(value)]
        for attr in ("request", "response", "body", "__cause__", "__context__"):
            found += _strings(getattr(value, attr, None), depth + 1)
    if hasattr(value, "headers") and hasattr(value.headers, "raw"):
        found += [v for _, v in value.headers.raw()]
    for attr in ("request",):
        inner = getattr(value, attr, None)
        if inner is not None and not isinstance(value, BaseException):
            found += _strings(inner, depth + 1)
    return found


async def test_no_hook_ever_sees_the_api_key(no_sleep: None) -> None:
    rec = Recorder()
    transport = scripted(
        APIConnectionError("Connection error"),
        MockResponse.json({"error": {"message": "busy"}}, status=500),
        MockResponse.json(OK),
        MockResponse.json({"error": {"message": "bad"}}, status=400),
        MockResponse(body=sse_chat(["a"]), headers={"content-type": "text/event-stream"}),
        MockResponse(body=b"data: {", headers={"content-type": "text/event-stream"}, drop=True),
    )
    client = client_for(transport, rec.hooks).with_options(
        default_headers={"x-api-key": "SECRET-gateway", "cookie": "SECRET-session"}
    )
    await client.models.list()
    with pytest.raises(BadRequestError):
        await client.models.list()
    for _ in range(2):
        try:
            stream = await client.chat.completions.create(model="m", messages=[], stream=True)
            async for _chunk in stream:
                pass
        except APIConnectionError:
            pass
    assert set(rec.names()) == set(HOOK_EVENTS)
    seen = [s for _, event in rec.events for s in _strings(event)]
    assert any("<redacted>" in s for s in seen)  # the walk reached the credential headers
    assert not [s for s in seen if API_KEY in s or "SECRET" in s]


@pytest.mark.parametrize("event", HOOK_EVENTS)
async def test_a_raising_hook_fails_the_call_with_its_exception_chained(
    event: str, no_sleep: None
) -> None:
    def boom(_: Any) -> None:
        raise RuntimeError(f"boom in {event}")

    answers = {
        "request": [MockResponse.json(OK)],
        "response": [MockResponse.json(OK)],
        "retry": [MockResponse.json({}, status=500), MockResponse.json(OK)],
        "error": [MockResponse.json({}, status=400)],
        "stream_end": [MockResponse(body=sse_chat(["a"]))],
    }[event]
    transport = scripted(*answers)
    client = client_for(transport, {event: boom})
    with pytest.raises(HookError) as info:
        if event == "stream_end":
            stream = await client.chat.completions.create(model="m", messages=[], stream=True)
            async for _ in stream:
                pass
        else:
            await client.models.list()
    assert isinstance(info.value.__cause__, RuntimeError)
    assert str(info.value.__cause__) == f"boom in {event}"
    assert info.value.event == event and event in str(info.value)
    # A failing request hook stops the send; a failing retry hook stops the retry.
    assert len(transport.requests) == (0 if event == "request" else 1)


async def test_a_failing_response_hook_closes_the_open_stream() -> None:
    opened: list[Any] = []
    transport = scripted(MockResponse(body=sse_chat(["a"])))
    send = transport.send

    async def spy(request: Request, **kw: Any) -> Any:
        response = await send(request, **kw)
        opened.append(response)
        return response

    transport.send = spy  # type: ignore[method-assign]

    def boom(_: Any) -> None:
        raise ValueError("no")

    with pytest.raises(HookError):
        await client_for(transport, {"response": boom}).chat.completions.create(
            model="m", messages=[], stream=True
        )
    assert opened and opened[0].closed


async def test_stream_end_reports_events_usage_and_time_to_first_event() -> None:
    rec = Recorder(("stream_end",))
    transport = scripted(MockResponse(body=sse_chat(["a", "b", "c"]), chunk_size=7))
    stream = await client_for(transport, rec.hooks).chat.completions.create(
        model="m", messages=[], stream=True, stream_options={"include_usage": True}
    )
    assert rec.names() == ["request", "response"]  # not ended yet
    texts = [c.choices[0].delta.content async for c in stream if c.choices]
    assert texts == ["a", "b", "c"]
    assert rec.names() == ["request", "response", "stream_end"]
    end = rec.events[-1][1]
    assert end.completed and end.error is None and end.events == 4
    assert end.usage.total_tokens == 5
    assert end.time_to_first_event is not None
    assert rec.events[1][1].elapsed <= end.time_to_first_event <= end.elapsed


async def test_closing_a_stream_early_still_ends_it() -> None:
    rec = Recorder()
    transport = scripted(MockResponse(body=sse_chat(["a", "b"])))
    stream = await client_for(transport, rec.hooks).chat.completions.create(
        model="m", messages=[], stream=True
    )
    async for _ in stream:
        break
    await stream.close()
    await stream.close()
    assert rec.names() == ["request", "response", "stream_end"]
    end = rec.events[-1][1]
    assert (end.completed, end.events, end.usage, end.error) == (False, 1, None, None)


async def test_a_stream_that_drops_runs_error_then_stream_end() -> None:
    rec = Recorder()
    body = sse_chat(["a"], usage=False).replace(b"data: [DONE]\n\n", b"")
    transport = scripted(MockResponse(body=body, drop=True))
    stream = await client_for(transport, rec.hooks).chat.completions.create(
        model="m", messages=[], stream=True
    )
    with pytest.raises(APIConnectionError) as info:
        async for _ in stream:
            pass
    assert rec.names() == ["request", "response", "error", "stream_end"]
    assert rec.events[2][1].error is info.value is rec.events[3][1].error
    assert rec.events[3][1].events == 1 and not rec.events[3][1].completed


async def test_with_options_replaces_the_hooks_for_the_calls_made_through_it() -> None:
    base, per_call = Recorder(), Recorder()
    transport = scripted(*(MockResponse.json(OK) for _ in range(3)))
    client = client_for(transport, base.hooks)
    await client.with_options(hooks=per_call.hooks).models.list()
    await client.with_options(hooks={}).models.list()
    await client.models.list()
    assert per_call.names() == ["request", "response"]
    assert base.names() == ["request", "response"]


def test_hooks_are_checked_when_the_client_is_made() -> None:
    with pytest.raises(ValueError, match="unknown hook event"):
        Hooks.coerce({"on_request": [print]})
    with pytest.raises(TypeError, match="must be callable"):
        Hooks.coerce({"request": [1]})  # type: ignore[list-item]
    assert Hooks.coerce({}) is None and Hooks.coerce({"request": []}) is None
    assert client_for(scripted())._hooks is None
    assert Hooks.coerce({"request": print}) is not None


def test_the_sync_client_runs_the_same_hooks_in_the_same_order(no_sleep: None) -> None:
    from openai_oxide import OpenAI

    rec = Recorder(("response",))
    transport = scripted(
        MockResponse.json({}, status=503),
        MockResponse(body=sse_chat(["a", "b"])),
    )
    client = OpenAI(
        api_key=API_KEY, base_url="http://fake/v1", transport=transport, hooks=rec.hooks
    )
    with client.chat.completions.create(model="m", messages=[], stream=True) as stream:
        assert len(list(stream)) == 3
    assert rec.names() == ["request", "response", "retry", "request", "response", "stream_end"]
    assert rec.events[-1][1].usage.total_tokens == 5
