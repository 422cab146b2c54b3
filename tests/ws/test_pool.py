"""lib/ws_pool.py against the fake's WebSocket mode: concurrent turns over at most `size`
connections, reuse across calls, one key per slot, closed sessions replaced."""

from __future__ import annotations

import asyncio

import pytest

from openai_oxide import AsyncOpenAI, WebSocketDisconnectedError
from openai_oxide.lib.ws_pool import WebSocketPool
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

DEFAULTS = {"model": "gpt-5", "store": False}


def sockets(fake: FakeOpenAI) -> list[str]:
    """The socket each turn went over (the fake's request id of its handshake)."""
    return [e.request_id for e in fake.journal if e.method == "WS"]


async def test_concurrent_turns_share_at_most_size_connections(fake: FakeOpenAI) -> None:
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c,
        WebSocketPool(size=3, defaults=DEFAULTS) as pool,
    ):
        answers = await asyncio.gather(*(pool.send(c, input=f"q{i}") for i in range(12)))
        again = await pool.send(c, input="later")
        assert pool.opened == 3 and sum(pool.idle().values()) == 3
    assert [a.status for a in answers] == ["completed"] * 12 and again.status == "completed"
    assert all(f"q{i}" in a.output_text for i, a in enumerate(answers))
    used = sockets(fake)
    assert len(used) == 13 and len(set(used)) == 3
    assert all("previous_response_id" not in e.json for e in fake.journal if e.method == "WS")


async def test_one_turn_at_a_time_per_session(fake: FakeOpenAI) -> None:
    lent: list[int] = []
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c,
        WebSocketPool(size=2, defaults=DEFAULTS) as pool,
    ):

        async def two_turns(i: int) -> None:
            async with pool.session(c) as ws:
                lent.append(id(ws))
                await ws.send(input=f"a{i}")
                await ws.send(input=f"b{i}")
                lent.remove(id(ws))
                assert id(ws) not in lent  # nobody else held it meanwhile

        await asyncio.gather(*(two_turns(i) for i in range(6)))
    assert len(set(sockets(fake))) == 2


async def test_sessions_are_keyed_by_endpoint_and_key(fake: FakeOpenAI) -> None:
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as one,
        AsyncOpenAI(api_key=API_KEY + "-other", base_url=fake.url) as other,
        WebSocketPool(size=2, defaults=DEFAULTS) as pool,
    ):
        await pool.send(one, input="x")
        await pool.send(other, input="y")
        await pool.send(one.with_options(timeout=30), input="z")  # same endpoint and key
        keys = list(pool.idle())
    assert pool.opened == 2 and len(keys) == 2
    assert all(API_KEY not in url + print_ for url, print_ in keys)
    assert len(set(sockets(fake))) == 2


async def test_a_dropped_session_is_replaced(fake: FakeOpenAI) -> None:
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c,
        WebSocketPool(size=1, defaults=DEFAULTS) as pool,
    ):
        await pool.send(c, input="one")
        fake.inject(Fault(match="ws:", drop_after_events=2))
        with pytest.raises(WebSocketDisconnectedError):
            await pool.send(c, input="two")
        assert pool.idle() == {next(iter(pool.idle())): 0}  # closed, not kept
        assert (await pool.send(c, input="three")).status == "completed"
        assert pool.opened == 2
    first, second, third = sockets(fake)
    assert first == second != third


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        WebSocketPool(size=0)
