"""The native transport on its own: gzip, keep-alive reuse, error mapping, WebSocket."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator

import pytest

from openai_oxide import APIConnectionError, NativeTransport
from openai_oxide._core.http import Headers, Request
from openai_oxide._core.timeout import Timeout


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
