"""Connect, read (between bytes) and total timeouts against the fake server, in real time."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from openai_oxide import APITimeoutError, AsyncOpenAI, Timeout
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY


def client(url: str, timeout: Timeout, max_retries: int = 0) -> AsyncOpenAI:
    return AsyncOpenAI(api_key=API_KEY, base_url=url, timeout=timeout, max_retries=max_retries)


async def test_late_headers_are_governed_by_read_not_connect(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_before_headers=1.2))
    async with client(fake.url, Timeout(connect=0.2, read=10)) as c:
        response = await c.responses.create(model="gpt-test", input="slow")
    assert response.output_text


async def test_late_headers_beyond_read_timeout_time_out(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_before_headers=3, times=2))
    async with client(fake.url, Timeout(connect=5, read=0.4), max_retries=1) as c:
        with pytest.raises(APITimeoutError):
            await c.responses.create(model="gpt-test", input="slow")
    assert len(fake.journal) == 2  # timeouts are retried like connection errors


async def test_stalled_stream_raises_within_read_timeout(fake: FakeOpenAI) -> None:
    fake.inject(Fault(stall_after_events=2))
    async with client(fake.url, Timeout(connect=5, read=0.5), max_retries=2) as c:
        stream = await c.responses.create(model="gpt-test", input="stall", stream=True)
        seen = []
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(APITimeoutError) as info:
            async for event in stream:
                seen.append(event)
        waited = loop.time() - started
    assert len(seen) == 2
    assert info.value.request_id == fake.journal[-1].request_id  # the stalled answer's
    assert waited < 5  # generous: it is the read timeout (0.5 s) that ended it, not a hang
    assert len(fake.journal) == 1  # the stream had started: not retried


async def test_slow_but_steady_stream_is_not_cut_by_read_timeout(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_between_events=0.15))
    async with client(fake.url, Timeout(connect=5, read=1.0)) as c:
        stream = await c.responses.create(model="gpt-test", input="a b c d e f", stream=True)
        events = [e async for e in stream]
    assert events[-1].type == "response.completed"


async def test_total_timeout_bounds_the_whole_call_with_retries(fake: FakeOpenAI) -> None:
    fake.inject(Fault(status=500, headers={"retry-after": "0.4"}, times=10))
    async with client(fake.url, Timeout(connect=5, read=10, total=1.0), max_retries=10) as c:
        with pytest.raises(Exception) as info:
            await c.responses.create(model="gpt-test", input="x")
    # Either the last 500 (no time left for another retry) or a timeout; never 10 retries.
    assert 1 <= len(fake.journal) <= 4
    assert info.type.__name__ in ("InternalServerError", "APITimeoutError")


async def test_total_timeout_cuts_a_slow_stream(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_between_events=0.3))
    async with client(fake.url, Timeout(connect=5, read=10, total=0.8)) as c:
        stream = await c.responses.create(
            model="gpt-test", input="one two three four five six", stream=True
        )
        with pytest.raises(APITimeoutError):
            async for _ in stream:
                pass


@pytest.fixture
async def black_hole() -> AsyncIterator[int]:
    """A TCP listener that accepts and then says nothing: a TLS handshake never finishes."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.setblocking(False)
    held: list[socket.socket] = []

    async def accept() -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, _ = await loop.sock_accept(sock)
            held.append(conn)

    task = asyncio.create_task(accept())
    yield sock.getsockname()[1]
    task.cancel()
    for conn in held:
        conn.close()
    sock.close()


async def test_connect_timeout(black_hole: int) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with client(f"https://127.0.0.1:{black_hole}/v1", Timeout(connect=0.3, read=30)) as c:
        with pytest.raises(APITimeoutError):
            await c.models.list()
    assert loop.time() - started < 10
