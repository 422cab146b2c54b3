"""Reconnection as the official client does it (`on_reconnecting`, backoff, recoverable close
codes only), plus the session configuration sent again on the new connection; a drop while a
response is in progress is a typed error, never a silent end."""

from __future__ import annotations

import pytest

from openai_oxide import AsyncOpenAI, WebSocketDisconnectedError
from openai_oxide._core.errors import APIConnectionError
from openai_oxide._core.retry import backoff_delay
from openai_oxide.lib.realtime.handshake import close_code, is_recoverable_close
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides

MODEL = "gpt-realtime"
USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi"}]}
SESSION = {"type": "realtime", "instructions": "be brief", "audio": {"output": {"voice": "ash"}}}


def _client(fake: FakeOpenAI) -> AsyncOpenAI:
    return AsyncOpenAI(api_key="test-key", base_url=fake.url)


def test_backoff_bounds() -> None:
    assert backoff_delay(0, 0.5, 8.0, 0.0) == 0.5
    assert backoff_delay(0, 0.5, 8.0, 0.999) == pytest.approx(0.375, abs=1e-3)
    assert backoff_delay(10, 0.5, 8.0, 0.0) == 8.0
    with pytest.raises(ValueError):
        backoff_delay(0, 0.5, 8.0, 1.0)


def test_close_codes() -> None:
    assert close_code(APIConnectionError("WebSocket closed: code 1011 (boom)")) == 1011
    assert close_code(APIConnectionError("WebSocket closed: connection error")) == 1006
    assert [c for c in (1000, 1001, 1006, 1008, 1011, 4000) if is_recoverable_close(c)] == [
        1001,
        1006,
        1011,
    ]


async def test_drop_mid_response_without_handler_is_typed(fake: FakeOpenAI) -> None:
    fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=4))
    async with _client(fake).realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.conversation.item.create(item=USER)
        await conn.recv(), await conn.recv()  # the item added and done
        await conn.response.create()
        created = await conn.recv()
        with pytest.raises(WebSocketDisconnectedError) as info:
            async for _ in conn:
                pass
    assert info.value.response_id == created.response.id
    assert "1006" in str(info.value)


async def test_reconnects_and_sends_the_session_again(fake: FakeOpenAI) -> None:
    seen: list[ReconnectingEvent] = []

    def on_reconnecting(event: ReconnectingEvent) -> ReconnectingOverrides | None:
        seen.append(event)
        return {"extra_headers": {"x-attempt": str(event.attempt)}}

    fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=2, ws_close_code=1011))
    manager = _client(fake).realtime.connect(
        model=MODEL, on_reconnecting=on_reconnecting, initial_delay=0.01, max_delay=0.02
    )
    async with manager as conn:
        await conn.recv()
        await conn.session.update(session=SESSION)
        await conn.session.update(
            session={"type": "realtime", "audio": {"input": {"turn_detection": None}}}
        )
        await conn.recv(), await conn.recv()
        await conn.response.create()
        with pytest.raises(WebSocketDisconnectedError, match="reconnected"):
            while True:
                await conn.recv()
        # the new connection: a new session, configured again as the old one was
        assert (await conn.recv()).type == "session.created"
        updated = await conn.recv()
        assert updated.type == "session.updated"
        assert updated.session.instructions == "be brief"
        assert updated.session.audio.output.voice == "ash"
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        async for event in conn:
            if event.type == "response.done":
                break
        assert event.response.status == "completed"
    assert [(e.attempt, e.close_code, e.max_attempts) for e in seen] == [(1, 1011, 5)]
    assert 0.0075 <= seen[0].delay <= 0.01
    resent = [e for e in fake.journal if e.path == "/v1/realtime"][3]
    assert resent.json["session"]["audio"] == {
        "output": {"voice": "ash"},
        "input": {"turn_detection": None},
    }
    assert resent.headers["x-attempt"] == "1"


async def test_abort_and_clean_close_are_not_retried(fake: FakeOpenAI) -> None:
    calls: list[int] = []

    def abort(event: ReconnectingEvent) -> ReconnectingOverrides:
        calls.append(event.close_code)
        return {"abort": True}

    fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=0, ws_close_code=1001))
    async with _client(fake).realtime.connect(model=MODEL, on_reconnecting=abort) as conn:
        await conn.recv()
        await conn.response.create()
        with pytest.raises(APIConnectionError):
            await conn.recv()
    assert calls == [1001]

    calls.clear()
    fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=0, ws_close_code=1000))
    async with _client(fake).realtime.connect(model=MODEL, on_reconnecting=abort) as conn:
        await conn.recv()
        await conn.response.create()
        assert [e.type async for e in conn] == []  # a normal close ends the iteration
    assert calls == []
