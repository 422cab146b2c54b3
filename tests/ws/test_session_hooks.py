"""Hooks on WebSocket turns: the handshake runs request/response (retry, error), each
turn ends with stream_end, a failed turn runs error first; the same order as over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, WebSocketSessionError
from openai_oxide.testing import FakeOpenAI, Fault, RateBudget
from support import API_KEY

from ..client.test_hooks import Recorder


async def test_a_session_runs_the_handshake_hooks_then_one_stream_end_per_turn(
    fake: FakeOpenAI,
) -> None:
    rec = Recorder(async_for=("response", "stream_end"))

    def edit(event: Any) -> None:
        event.headers["x-traced"] = "yes"

    hooks = {**rec.hooks, "request": [rec.hooks["request"], edit]}
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url, hooks=hooks) as c,
        c.ws_session(defaults={"model": "gpt-5"}) as ws,
    ):
        sent = await ws.send(input="one")
        with pytest.raises(WebSocketSessionError) as info:
            async for _ in ws.send_stream(model=None, input="no model"):
                pass
    assert rec.names() == ["request", "response", "stream_end", "error", "stream_end"]
    request, response, done, error, failed = (event for _, event in rec.events)
    assert request.method == "GET" and request.url.startswith("ws://") and request.attempt == 0
    assert request.headers["authorization"] == "<redacted>"
    assert fake.journal[0].headers["x-traced"] == "yes"  # the edit reached the handshake
    assert response.status == 101 and response.retries_taken == 0
    assert done.completed and done.error is None and done.events > 2
    assert done.usage["total_tokens"] == sent.usage.total_tokens  # type: ignore[union-attr]
    assert 0 < done.time_to_first_event <= done.elapsed
    assert error.error is info.value
    assert failed.completed is False and failed.error is info.value and failed.usage is None


async def test_a_refused_handshake_runs_retry_then_error_once() -> None:
    rec = Recorder()
    async with AsyncOpenAI(
        api_key=API_KEY, base_url="http://127.0.0.1:9/v1", max_retries=1, hooks=rec.hooks
    ) as c:
        ws = c.ws_session(fallback=False)
        with pytest.raises(APIConnectionError) as info:
            await ws.send(model="gpt-5", input="nobody there")
        await ws.close()
    assert rec.names() == ["request", "retry", "request", "error", "stream_end"]
    assert [e.attempt for n, e in rec.events if n == "request"] == [0, 1]
    assert rec.events[3][1].error is info.value


async def test_the_handshake_answer_reaches_the_response_hook_with_its_request_id(
    fake: FakeOpenAI,
) -> None:
    rec = Recorder()
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url, hooks=rec.hooks) as c,
        c.ws_session(defaults={"model": "gpt-5"}) as ws,
    ):
        await ws.send(input="one")
    response = next(event for name, event in rec.events if name == "response")
    assert response.status == 101
    assert response.request_id is not None and response.request_id.startswith("wsconn_")
    assert response.request_id == fake.journal[0].request_id  # the connection's id
    assert response.headers["x-request-id"] == response.request_id
    assert response.rate_limits is None  # no budget: no x-ratelimit-* on the 101
    assert c.rate_limits == {}


async def test_a_handshake_with_rate_limit_headers_feeds_client_rate_limits() -> None:
    budget = RateBudget(rpm=600, tpm=60_000)
    rec = Recorder()
    async with (
        FakeOpenAI(rate_limits=budget) as fake,
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url, hooks=rec.hooks) as c,
        c.ws_session(defaults={"model": "gpt-5"}) as ws,
    ):
        await ws.connect()
        response = next(event for name, event in rec.events if name == "response")
        limits = response.rate_limits
        assert limits is not None and limits.requests is not None
        assert limits.requests.limit == 600 and limits.tokens is not None
        assert limits.tokens.limit == 60_000
        assert c.rate_limits["gpt-5"] == limits


async def test_a_failed_turn_carries_the_request_id_its_error_event_gives(
    fake: FakeOpenAI,
) -> None:
    error = {"message": "Boom", "type": "server_error", "request_id": "req_turn_7"}
    fake.inject(Fault(match="ws:/v1/responses", status=500, body={"error": error}))
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c,
        c.ws_session(defaults={"model": "gpt-5"}) as ws,
    ):
        with pytest.raises(WebSocketSessionError) as info:
            await ws.send(input="one")
        assert info.value.request_id == "req_turn_7"
        assert info.value.status_code == 500
        fake.inject(Fault(match="ws:/v1/responses", status=500, body={"error": {"message": "B"}}))
        with pytest.raises(WebSocketSessionError) as plain:
            await ws.send(input="two")
        assert plain.value.request_id is None  # the event gave none
