"""Sends queued before the connection opens (`manager.send`) and while it reconnects, in
order, bounded by `max_queue_size` (`WebSocketQueueFullError`), unsent ones reported when
the connection ends for good; and `websocket_connection_options` honoured natively."""

from __future__ import annotations

import asyncio
import json

import pytest

from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    OpenAI,
    WebSocketConnectionClosedError,
    WebSocketQueueFullError,
)
from openai_oxide.lib.realtime.send_queue import SendQueue
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides

MODEL = "gpt-realtime"
USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi"}]}


def _sent(fake: FakeOpenAI) -> list[str]:
    return [e.json["type"] for e in fake.journal if e.path == "/v1/realtime"]


def test_queue_is_bounded_by_bytes() -> None:
    queue = SendQueue(max_bytes=10)
    queue.put("é" * 4)  # 8 bytes, not 4 characters
    with pytest.raises(WebSocketQueueFullError, match="max_queue_size=10"):
        queue.put("abc")
    queue.put("ab")  # exactly full
    assert queue.drain() == ["éééé", "ab"] and not queue
    with pytest.raises(ValueError):
        SendQueue(max_bytes=-1)


async def test_sends_before_opening_go_out_first_in_order(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    manager = client.realtime.connect(model=MODEL)
    manager.send({"type": "session.update", "session": {"type": "realtime", "instructions": "x"}})
    manager.send({"type": "conversation.item.create", "item": USER})
    with pytest.raises(TypeError, match="mapping or a model"):
        manager.send("response.create")
    async with manager as conn:
        await conn.response.create()
        kinds = []
        async for event in conn:
            kinds.append(event.type)
            if event.type == "response.done":
                break
    assert _sent(fake) == ["session.update", "conversation.item.create", "response.create"]
    assert kinds[:2] == ["session.created", "session.updated"]
    assert event.response.status == "completed"


def test_sync_manager_send_and_queue_limit(fake: FakeOpenAI) -> None:
    client = OpenAI(api_key="test-key", base_url=fake.url)
    manager = client.realtime.connect(model=MODEL, max_queue_size=130)
    manager.send({"type": "conversation.item.create", "item": USER})  # 121 bytes
    with pytest.raises(WebSocketQueueFullError):
        manager.send({"type": "response.create"})
    with manager as conn:
        assert conn.recv().type == "session.created"
        assert conn.recv().type == "conversation.item.added"
    assert _sent(fake) == ["conversation.item.create"]


async def test_sends_while_reconnecting_are_queued_then_sent(fake: FakeOpenAI) -> None:
    """A send made while the connection reconnects waits (without blocking the sender) and
    goes out on the new connection after the session configuration."""
    sends: list[asyncio.Task[None]] = []

    def on_reconnecting(event: ReconnectingEvent) -> ReconnectingOverrides | None:
        sends.append(asyncio.ensure_future(conn.conversation.item.create(item=USER)))
        return None

    fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=1, ws_close_code=1011))
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    manager = client.realtime.connect(
        model=MODEL, on_reconnecting=on_reconnecting, initial_delay=0.05, max_delay=0.05
    )
    async with manager as conn:
        await conn.session.update(session={"type": "realtime", "instructions": "be brief"})
        await conn.response.create()
        with pytest.raises(WebSocketConnectionClosedError, match="reconnected"):
            async for _ in conn:
                pass
        await asyncio.gather(*sends)
        assert sends[0].done()  # it returned while the reconnection went on
        kinds = [(await conn.recv()).type for _ in range(3)]
    assert kinds == ["session.created", "session.updated", "conversation.item.added"]
    assert _sent(fake) == [
        "session.update",
        "response.create",
        "session.update",  # the configuration, sent again
        "conversation.item.create",  # then the queue
    ]


async def test_unsent_messages_are_reported_when_reconnecting_fails() -> None:
    fake = FakeOpenAI(api_key="sk-server")
    sends: list[asyncio.Future[None]] = []
    with fake.running_in_thread():

        def on_reconnecting(event: ReconnectingEvent) -> ReconnectingOverrides:
            sends.append(asyncio.ensure_future(conn.send({"type": "response.create"})))
            return {"extra_headers": {"Authorization": "Bearer sk-revoked"}}  # refused: 401

        fake.inject(Fault(match="ws:/v1/realtime", drop_after_events=1, ws_close_code=1012))
        client = AsyncOpenAI(api_key="sk-server", base_url=fake.url)
        manager = client.realtime.connect(
            model=MODEL, on_reconnecting=on_reconnecting, max_retries=1, initial_delay=0.05
        )
        async with manager as conn:
            await conn.recv()
            await conn.response.create()
            with pytest.raises(WebSocketConnectionClosedError) as info:
                async for _ in conn:
                    pass
        await asyncio.gather(*sends)  # queued without error, then never sent
        await client.close()
    assert [json.loads(m)["type"] for m in info.value.unsent_messages] == ["response.create"]


async def test_websocket_connection_options_natively(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    with pytest.raises(TypeError, match=r"does not take \['ssl'\]"):
        client.realtime.connect(model=MODEL, websocket_connection_options={"ssl": None})
    # max_size: the session.created event is larger than 64 bytes, so the client fails
    # the connection (close 1009, message too big) instead of reading it.
    options = {"max_size": 64, "subprotocols": ["oxide-test"]}
    async with client.realtime.connect(model=MODEL, websocket_connection_options=options) as conn:
        assert conn._ws.subprotocol == "oxide-test"  # offered, so the fake could choose it
        with pytest.raises(APIConnectionError, match="1009"):
            await conn.recv()
    async with client.realtime.connect(model=MODEL) as conn:  # unlimited by default
        assert (await conn.recv()).type == "session.created"
