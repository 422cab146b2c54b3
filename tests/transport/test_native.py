"""The native transport on its own: gzip, keep-alive reuse, error mapping, WebSocket."""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
from collections.abc import AsyncIterator

import httpx2
import pytest

from openai_oxide import APIConnectionError, APITimeoutError, AsyncOpenAI, NativeTransport
from openai_oxide._core.http import Headers, Request
from openai_oxide._core.timeout import Timeout
from openai_oxide.testing import FakeOpenAI


@pytest.fixture
async def gzip_server() -> AsyncIterator[tuple[str, list[int]]]:
    """A bare HTTP/1.1 server that answers every request with a gzip body, keep-alive."""
    body = gzip.compress(b'{"hello": "w\xc3\xb6rld"}' * 100)
    connections: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        while await reader.readuntil(b"\r\n\r\n"):
            head = (
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
                f"content-length: {len(body)}\r\nx-request-id: req_gz\r\n\r\n"
            )
            writer.write(head.encode() + body)
            await writer.drain()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/", connections
    server.close()


async def test_gzip_is_decoded_and_connections_are_reused(
    gzip_server: tuple[str, list[int]],
) -> None:
    url, connections = gzip_server
    transport = NativeTransport()
    for _ in range(3):
        response = await transport.send(Request("GET", url, Headers()), timeout=Timeout())
        body = b"".join([chunk async for chunk in response.aiter_bytes()])
        await response.aclose()
        assert body == b'{"hello": "w\xc3\xb6rld"}' * 100
        assert response.headers["x-request-id"] == "req_gz"
    assert len(connections) == 1  # keep-alive: one TCP connection for three requests
    await transport.aclose()


async def test_refused_connection_maps_to_api_connection_error() -> None:
    transport = NativeTransport()
    with pytest.raises(APIConnectionError) as info:
        await transport.send(Request("GET", "http://127.0.0.1:9/", Headers()), timeout=Timeout())
    assert info.value.__cause__ is not None
    await transport.aclose()


async def test_websocket_round_trip_with_headers_and_subprotocol() -> None:
    from websockets.asyncio.server import ServerConnection, serve

    seen_headers: list[str | None] = []

    async def echo(conn: ServerConnection) -> None:
        seen_headers.append(conn.request.headers.get("authorization") if conn.request else None)
        async for message in conn:
            await conn.send(message)

    async with serve(echo, "127.0.0.1", 0, subprotocols=["oxide.v1"]) as server:  # type: ignore[list-item]
        port = server.sockets[0].getsockname()[1]
        transport = NativeTransport()
        ws = await transport.connect_ws(
            f"ws://127.0.0.1:{port}/v1/responses",
            Headers({"authorization": "Bearer sk-ws"}),
            ["oxide.v1"],
            connect_timeout=5,
        )
        assert ws.subprotocol == "oxide.v1"
        await ws.send('{"type": "ping"}')
        assert await ws.recv() == '{"type": "ping"}'
        await ws.send(b"\x00\x01")
        assert await ws.recv() == b"\x00\x01"
        await ws.aclose()
        with pytest.raises(APIConnectionError):
            await ws.recv()
    assert seen_headers == ["Bearer sk-ws"]


async def test_websocket_refused_is_a_connection_error() -> None:
    with pytest.raises(APIConnectionError):
        await NativeTransport().connect_ws("ws://127.0.0.1:9/", Headers(), connect_timeout=2)


# --- Every httpx2 failure leaves the seam as our typed error, the request attached ------


async def _raw_server(answer: bytes, *, reset: bool = False) -> asyncio.Server:
    """Reads one request head, writes `answer`, then resets (RST) or stalls."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        if reset:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return
        await asyncio.sleep(30)

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def _url(server: asyncio.Server) -> str:
    return f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1/"


PARTIAL = b'HTTP/1.1 200 OK\r\ncontent-length: 1000\r\nx-request-id: req_part\r\n\r\n{"id":'


async def test_refused_is_a_connection_error_with_the_request() -> None:
    transport = NativeTransport()
    request = Request("GET", "http://127.0.0.1:9/", Headers())
    with pytest.raises(APIConnectionError) as info:
        await transport.send(request, timeout=Timeout())
    assert type(info.value) is APIConnectionError and info.value.request is request
    assert isinstance(info.value.__cause__, httpx2.ConnectError)
    await transport.aclose()


async def test_reset_mid_body_is_a_connection_error() -> None:
    server = await _raw_server(PARTIAL, reset=True)
    transport = NativeTransport()
    request = Request("GET", _url(server), Headers())
    response = await transport.send(request, timeout=Timeout())
    assert response.headers["x-request-id"] == "req_part"
    with pytest.raises(APIConnectionError) as info:
        async for _ in response.aiter_bytes():
            pass
    assert type(info.value) is APIConnectionError and info.value.request is request
    assert isinstance(info.value.__cause__, httpx2.TransportError)
    await response.aclose()
    await transport.aclose()
    server.close()


async def test_connect_timeout_is_a_timeout_error() -> None:
    # The kernel completes the TCP handshake for the backlog, but nothing ever accepts,
    # so the TLS handshake (part of connecting) never finishes.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    transport = NativeTransport()
    port = listener.getsockname()[1]
    request = Request("GET", f"https://127.0.0.1:{port}/", Headers())
    with pytest.raises(APITimeoutError) as info:
        await transport.send(request, timeout=Timeout(connect=0.3, read=30))
    assert info.value.request is request
    assert isinstance(info.value.__cause__, httpx2.ConnectTimeout)
    await transport.aclose()
    listener.close()


@pytest.mark.parametrize(
    ("answer", "where"),
    [(b"", "before the headers"), (PARTIAL, "mid-body")],
)
async def test_read_timeouts_are_timeout_errors(answer: bytes, where: str) -> None:
    """The transport leaves reads unbounded; the client's deadline cuts them, above it."""
    server = await _raw_server(answer)
    c = AsyncOpenAI(
        api_key="sk-test", base_url=_url(server), timeout=Timeout(read=0.3), max_retries=0
    )
    with pytest.raises(APITimeoutError) as info:
        await c.models.retrieve("m")
    assert info.value.request is not None, where
    assert info.value.request.url.endswith("/v1/models/m")
    await c.close()
    server.close()


async def test_tls_failure_is_a_connection_error() -> None:
    async with FakeOpenAI(tls=True) as server:
        transport = NativeTransport()  # the system CAs do not know the fake's CA
        request = Request("GET", server.url + "/models", Headers())
        with pytest.raises(APIConnectionError) as info:
            await transport.send(request, timeout=Timeout())
        assert type(info.value) is APIConnectionError and info.value.request is request
        assert "CERTIFICATE_VERIFY_FAILED" in info.value.message
        await transport.aclose()


async def test_an_httpx_0_28_client_maps_its_own_exceptions() -> None:
    import httpx

    transport = NativeTransport(client=httpx.AsyncClient())
    with pytest.raises(APIConnectionError) as info:
        await transport.send(Request("GET", "http://127.0.0.1:9/", Headers()), timeout=Timeout())
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    await transport.aclose()
