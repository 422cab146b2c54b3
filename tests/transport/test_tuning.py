"""HTTP tuning of the native stack, each shown on a live connection: HTTP/2 when TLS offers
it, keep-alive, the official pool limits (and a user's), gzip for JSON and SSE answers,
TCP_NODELAY, and the headers of an SSE request."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2
import openai
import pytest

from openai_oxide import AsyncOpenAI, DefaultAsyncHttpxClient, NativeTransport
from openai_oxide._core.http import Headers, Request
from openai_oxide._core.timeout import Timeout
from openai_oxide.testing import FakeOpenAI, LatencyModel

API_KEY = "sk-test"


def _limits(client: Any) -> tuple[int, int]:
    """(max connections, max keep-alive) of an httpx2 client's connection pool."""
    pool = client._transport._pool
    return pool._max_connections, pool._max_keepalive_connections


@pytest.mark.parametrize(("tls", "version"), [(True, "2"), (False, "1.1")])
async def test_http2_when_tls_offers_it_and_one_connection_for_sequential_calls(
    tls: bool, version: str
) -> None:
    """The SDK's own client (no http_client=): HTTP/2 over TLS (ALPN), HTTP/1.1 over plain
    http; either way, five sequential calls and a stream ride one kept-alive connection."""
    async with FakeOpenAI(tls=tls) as fake:
        transport = NativeTransport(verify=fake.client_ssl_context()) if tls else None
        async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, transport=transport) as c:
            for _ in range(5):
                assert (await c.responses.create(model="m", input="hi")).output_text
            stream = await c.responses.create(model="m", input="hi", stream=True)
            assert [e.type async for e in stream][-1] == "response.completed"
        if transport is not None:
            await transport.aclose()  # a transport passed in stays the caller's to close
        assert [e.http_version for e in fake.journal] == [version] * 6
        assert len({e.connection for e in fake.journal}) == 1


def test_default_pool_limits_are_the_official_ones() -> None:
    official = openai.DEFAULT_CONNECTION_LIMITS
    expected = (official.max_connections, official.max_keepalive_connections)
    assert expected == (1000, 100)
    assert _limits(NativeTransport()._httpx()) == expected
    assert _limits(DefaultAsyncHttpxClient()) == expected


@pytest.mark.parametrize(
    "make",
    [
        lambda: NativeTransport(max_connections=2, max_keepalive_connections=2),
        lambda: DefaultAsyncHttpxClient(limits=httpx2.Limits(max_connections=2)),
    ],
    ids=["NativeTransport", "http_client"],
)
async def test_a_users_pool_limit_is_honoured(make: Callable[[], object]) -> None:
    """Six concurrent calls over HTTP/1.1 with a limit of two connections: the server
    sees two connections, and every call still succeeds (the others wait for the pool)."""
    async with FakeOpenAI(latency=LatencyModel(median=0.2)) as fake:
        given = make()
        kwargs: dict[str, object] = (
            {"transport": given} if isinstance(given, NativeTransport) else {"http_client": given}
        )
        async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, **kwargs) as c:  # type: ignore[arg-type]
            answers = await asyncio.gather(
                *(c.responses.create(model="m", input=str(i)) for i in range(6))
            )
        if isinstance(given, NativeTransport):
            await given.aclose()
        assert all(a.output_text for a in answers)
        assert len(fake.journal) == 6
        assert len({e.connection for e in fake.journal}) == 2


@pytest.fixture
async def gzip_server() -> AsyncIterator[tuple[str, list[bytes]]]:
    """A bare HTTP/1.1 server: `/models` answers a gzip JSON body, `/responses` a gzip
    event stream; it records each request's head."""
    heads: list[bytes] = []
    events = b"".join(
        f'event: response.output_text.delta\ndata: {{"type": "response.output_text.delta", '
        f'"sequence_number": {i}, "item_id": "m", "output_index": 0, "content_index": 0, '
        f'"delta": "w\\u00f6rd{i} "}}\n\n'.encode()
        for i in range(50)
    )
    bodies = {
        b"/models": (b"application/json", b'{"object": "list", "data": []}'),
        b"/responses": (b"text/event-stream", events),
    }

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                heads.append(head)
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in head.lower().split(b"\r\n")
                        if line.startswith(b"content-length:")
                    ),
                    0,
                )
                await reader.readexactly(length)
                path = head.split(b" ", 2)[1].split(b"?")[0]
                kind, raw = next(v for k, v in bodies.items() if path.endswith(k))
                body = gzip.compress(raw)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: " + kind + b"\r\n"
                    b"content-encoding: gzip\r\nx-request-id: req_gz\r\n"
                    + f"content-length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1", heads
    server.close()


async def test_gzip_json_and_sse_answers_are_decoded(
    gzip_server: tuple[str, list[bytes]],
) -> None:
    url, heads = gzip_server
    async with AsyncOpenAI(api_key=API_KEY, base_url=url) as c:
        assert (await c.models.list()).data == []
        stream = await c.responses.create(model="m", input="hi", stream=True)
        deltas = [event.delta async for event in stream]  # type: ignore[union-attr]
    assert deltas == [f"wörd{i} " for i in range(50)]
    assert len(heads) == 2
    for head in heads:
        encodings = _header(head, b"accept-encoding")
        assert encodings is not None and b"gzip" in encodings


def _header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


@pytest.mark.parametrize("tls", [False, True], ids=["http1.1", "http2-tls"])
async def test_tcp_nodelay_on_the_live_socket(tls: bool) -> None:
    """Nagle would hold a small request body back behind its headers for up to 40 ms."""
    async with FakeOpenAI(tls=tls) as fake:
        transport = NativeTransport(verify=fake.client_ssl_context()) if tls else NativeTransport()
        headers = Headers({"authorization": f"Bearer {API_KEY}"})
        response = await transport.send(
            Request("GET", fake.url + "/models", headers), timeout=Timeout()
        )
        stream = response._resp.extensions["network_stream"]
        sock = stream.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        await response.aclose()
        await transport.aclose()


async def test_tcp_nodelay_on_the_websocket() -> None:
    async with FakeOpenAI() as fake:
        transport = NativeTransport()
        ws_url = fake.url.replace("http", "ws", 1) + "/responses"
        ws = await transport.connect_ws(
            ws_url, Headers({"authorization": f"Bearer {API_KEY}"}), connect_timeout=10
        )
        sock = ws._conn.transport.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        await ws.aclose()
        await transport.aclose()


async def test_sse_requests_ask_for_an_uncached_event_stream() -> None:
    async with FakeOpenAI() as fake:
        async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
            stream = await c.responses.create(model="m", input="hi", stream=True)
            [_ async for _ in stream]
            await c.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}], stream=True
            )
            await c.responses.create(model="m", input="hi")
        seen = [(e.headers.get("accept"), e.headers.get("cache-control")) for e in fake.journal]
    assert seen == [("text/event-stream", "no-cache")] * 2 + [("application/json", None)]
