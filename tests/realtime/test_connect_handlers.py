"""The official connection's event-handler API against the fake: `on` (method and
decorator), `once`, `off`, the `"event"` wildcard, handlers registered on the manager before
the connection opens, `dispatch_events()` async and sync, unhandled `error` events and a
handler's own exception."""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, OpenAI, OpenAIError
from openai_oxide.lib.realtime.handlers import EventHandlerRegistry
from openai_oxide.testing import FakeOpenAI

MODEL = "gpt-realtime"
USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi there"}]}


def test_registry_order_once_off_and_wildcard() -> None:
    calls: list[str] = []
    registry = EventHandlerRegistry()

    def a(_: object) -> None:
        calls.append("a")

    registry.add("x", a)
    registry.add("x", a)  # twice: called twice, as the official registry
    registry.add("x", lambda _: calls.append("once"), once=True)
    registry.add("event", lambda _: calls.append("any"))
    event = type("E", (), {"type": "x"})()
    for handler in registry.for_event(event):
        handler(event)
    registry.remove("x", a)  # the first registration only
    for handler in registry.for_event(event):
        handler(event)
    assert calls == ["a", "a", "once", "any", "a", "any"]
    with pytest.raises(TypeError, match="callable"):
        registry.add("x", "not a function")  # type: ignore[arg-type]


async def test_dispatch_events_drives_a_turn(fake: FakeOpenAI) -> None:
    """Handlers registered on the manager (before it opens) and on the connection, as a
    method and as a decorator; an async handler sends the turn, another closes the
    connection, which ends `dispatch_events()`."""
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    seen: list[str] = []
    deltas: list[str] = []
    manager = client.realtime.connect(model=MODEL)

    async def start(event: Any) -> None:
        seen.append(f"start:{event.session.model}")
        await conn.conversation.item.create(item=USER)
        await conn.response.create()

    assert manager.on("session.created", start) is manager
    async with manager as conn:

        @conn.on("response.output_text.delta")
        def delta(event: Any) -> None:
            deltas.append(event.delta)

        def never(event: Any) -> None:
            seen.append("removed handler ran")

        conn.on("response.done", never).off("response.done", never)
        conn.once("event", lambda event: seen.append(f"first:{event.type}"))

        @conn.on("response.done")
        async def done(event: Any) -> None:
            seen.append(f"done:{event.response.status}")
            await conn.close()

        await conn.dispatch_events()
    assert seen == ["start:gpt-realtime", "first:session.created", "done:completed"]
    assert "Hi there" in "".join(deltas)
    assert delta.__name__ == "delta"  # the decorator gives the function back


async def test_an_unhandled_error_event_raises_and_a_handled_one_does_not(
    fake: FakeOpenAI,
) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.send({"type": "no.such.event"})
        with pytest.raises(OpenAIError, match=r"WebSocket error: .*no\.such\.event"):
            await conn.dispatch_events()
    errors: list[str] = []
    async with client.realtime.connect(model=MODEL) as conn:

        async def on_error(event: Any) -> None:
            errors.append(event.error.type)
            await conn.close()

        conn.on("error", on_error)
        await conn.send({"type": "no.such.event"})
        await conn.dispatch_events()
    assert errors == ["invalid_request_error"]


async def test_a_handler_exception_reaches_the_caller(fake: FakeOpenAI) -> None:
    class Boom(Exception):
        pass

    def boom(event: Any) -> None:
        raise Boom(event.type)

    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL).on("session.created", boom) as conn:
        with pytest.raises(Boom, match=r"session\.created"):
            await conn.dispatch_events()


def test_sync_dispatch_runs_handlers_on_the_calling_thread(fake: FakeOpenAI) -> None:
    """A sync handler uses the sync connection (it would deadlock on the client's loop)."""
    client = OpenAI(api_key="test-key", base_url=fake.url)
    seen: list[str] = []
    manager = client.realtime.connect(model=MODEL)

    @manager.on("session.created")
    def start(event: Any) -> None:
        conn.conversation.item.create(item=USER)
        conn.response.create()

    with manager as conn:

        async def async_handler(event: Any) -> None:  # run to completion by the sync client
            seen.append(f"async:{event.type}")

        conn.once("response.created", async_handler)
        conn.on("response.done", lambda event: (seen.append("done"), conn.close()))
        conn.dispatch_events()
    assert seen == ["async:response.created", "done"]
    sent = [e.json["type"] for e in fake.journal if e.path == "/v1/realtime"]
    assert sent == ["conversation.item.create", "response.create"]
