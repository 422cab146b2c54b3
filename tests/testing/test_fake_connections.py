"""The fake's view of its connections (`open_connections`, `GET /__fake__/connections`),
and its shutdown with connections a client still holds."""

from __future__ import annotations

import asyncio
import time

import httpx
import orjson

from openai_oxide.testing import FakeOpenAI
from testing.fake_helpers import AUTH

STALL = orjson.dumps({"stall_after_events": 2}).decode()
BODY = {"model": "gpt-4o", "input": "hi", "stream": True}


async def _until_closed(fake: FakeOpenAI, peer: str, polls: int = 300) -> list[str]:
    """The open connections once `peer` is gone from them (at most ~15 s: a hang guard;
    hypercorn may hold a closed keep-alive connection up to 5 s, longer under load)."""
    for _ in range(polls):
        left = fake.open_connections()
        if peer not in left:
            return left
        await asyncio.sleep(0.05)
    return fake.open_connections()


async def test_a_stream_left_midway_closes_its_connection_on_the_server(
    fake: FakeOpenAI,
) -> None:
    root = fake.url.removesuffix("/v1")
    async with (
        httpx.AsyncClient(base_url=fake.url, headers=AUTH, timeout=10) as client,
        httpx.AsyncClient(timeout=10) as other,
    ):
        headers = {"x-fake-fault": STALL}
        async with client.stream("POST", "/responses", json=BODY, headers=headers) as resp:
            lines = resp.aiter_lines()
            assert (await anext(lines)).startswith("event: response.created")
            peer = fake.journal[-1].connection
            assert peer in fake.open_connections()
            # The control call lists the stream's connection, not its own.
            listed = (await other.get(f"{root}/__fake__/connections")).json()["open"]
            assert peer in listed and len(listed) == len(fake.open_connections()) - 1
        # Leaving the block mid-stream closes the connection; the server follows.
        assert peer not in await _until_closed(fake, peer)
        # The stalled handler marks its entry when it sees the disconnect, which may come
        # a moment after the connection left the list (CI caught the gap once).
        entry = fake.journal[-1]
        for _ in range(300):
            if entry.disconnected:
                break
            await asyncio.sleep(0.05)
        assert entry.disconnected and not entry.completed


def test_tls_stop_does_not_wait_for_an_idle_client_connection() -> None:
    """A kept-alive TLS connection used to hold the server thread for asyncio's 30 s
    close_notify wait, past `stop()`'s own 15 s join."""
    fake = FakeOpenAI(tls=True).start_in_thread()
    thread = fake._thread
    assert thread is not None
    with httpx.Client(
        base_url=fake.url, headers=AUTH, verify=fake.client_ssl_context(), http2=True
    ) as client:
        assert client.get("/models").status_code == 200
        assert len(fake.open_connections()) == 1  # idle in the client's pool
        started = time.monotonic()
        fake.stop()
        assert not thread.is_alive(), f"still serving {time.monotonic() - started:.0f} s on"


async def test_accepted_counts_every_connection_and_the_control_call_shows_it(
    fake: FakeOpenAI,
) -> None:
    root = fake.url.removesuffix("/v1")
    before = fake.accepted_connections()
    for _ in range(2):  # a client each: two connections, however many requests
        async with httpx.AsyncClient(base_url=fake.url, headers=AUTH, timeout=10) as client:
            for _ in range(3):
                assert (await client.get("/models")).status_code == 200
    assert fake.accepted_connections() - before == 2
    async with httpx.AsyncClient(timeout=10) as other:
        shown = (await other.get(f"{root}/__fake__/connections")).json()["accepted"]
    assert shown == before + 3  # the control call's own connection counts too


async def test_the_keep_alive_timeout_closes_an_idle_connection() -> None:
    # Far below hypercorn's 5 s default, so the setting shows within the hang guard.
    async with (
        FakeOpenAI(keep_alive_timeout=0.3) as fake,
        httpx.AsyncClient(base_url=fake.url, headers=AUTH, timeout=10) as client,
    ):
        assert (await client.get("/models")).status_code == 200
        peer = fake.journal[-1].connection
        assert peer not in await _until_closed(fake, peer, polls=80)  # ~4 s
