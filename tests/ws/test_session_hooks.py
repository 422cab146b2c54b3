"""Hooks on WebSocket turns: the handshake runs request/response (retry, error), each
turn ends with stream_end, a failed turn runs error first; the same order as over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, WebSocketSessionError
from openai_oxide.testing import FakeOpenAI
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
