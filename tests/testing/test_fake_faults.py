from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import httpx
import openai
import orjson
import pytest

from openai_oxide.testing import FakeOpenAI, Fault
from testing.fake_helpers import AUTH, parse_sse

CHAT_STREAMS = Path(__file__).resolve().parents[3] / "shared/fixtures/chat-streams"
STREAM = {"model": "m", "input": "Grüße 👋 aus Köln", "stream": True}
JSON = {"model": "m", "input": "Grüße 👋 aus Köln"}


async def _collect(
    client: httpx.AsyncClient, body: dict[str, object]
) -> tuple[bytes, BaseException | None]:
    """Stream the body; return the bytes received and the error that ended it, if any."""
    received = bytearray()
    try:
        async with client.stream("POST", "/responses", json=body) as r:
            async for chunk in r.aiter_raw():
                received += chunk
    except httpx.HTTPError as exc:
        return bytes(received), exc
    return bytes(received), None


async def test_status_with_headers_and_body(http: httpx.AsyncClient) -> None:
    fake_headers = {"retry-after": "1", "x-should-retry": "false"}
    r = await http.post(
        "/responses",
        json=JSON,
        headers={"x-fake-fault": orjson.dumps({"status": 429, "headers": fake_headers}).decode()},
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "1"
    assert r.headers["x-should-retry"] == "false"
    assert r.json()["error"]["code"] == "rate_limit_exceeded"
    custom = Fault(status=418, body={"custom": True}).to_json()
    r = await http.get("/models", headers={"x-fake-fault": orjson.dumps(custom).decode()})
    assert r.status_code == 418 and r.json() == {"custom": True}
    bad = await http.get("/models", headers={"x-fake-fault": "{nope"})
    assert bad.status_code == 400


async def test_fifo_match_and_times(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(status=500, match="/chat/", times=2))
    fake.inject(Fault(status=502))
    fake.inject(Fault(status=503))
    assert (await http.get("/models")).status_code == 502  # skips the non-matching one
    codes = [(await http.post("/chat/completions", json={})).status_code for _ in range(3)]
    assert codes == [500, 500, 503]
    assert (await http.get("/models")).status_code == 200


async def test_official_client_sees_errors(fake: FakeOpenAI) -> None:
    fake.inject(Fault(status=429, headers={"retry-after-ms": "10"}))
    async with openai.AsyncOpenAI(api_key="sk-x", base_url=fake.url, max_retries=1) as client:
        response = await client.responses.create(model="m", input="retry me")
        assert response.status == "completed"
        fake.inject(Fault(status=500, headers={"x-should-retry": "false"}))
        with pytest.raises(openai.InternalServerError) as info:
            await client.responses.create(model="m", input="x")
        assert info.value.request_id == fake.journal[-1].request_id
    assert len(fake.journal) == 3


async def test_delay_before_headers(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(delay_before_headers=0.3))
    started = time.perf_counter()
    await http.get("/models")
    assert time.perf_counter() - started >= 0.3


async def test_delay_between_events_arrive_separately(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    fake.inject(Fault(delay_between_events=0.02))
    arrivals: list[float] = []
    received = bytearray()
    async with http.stream("POST", "/responses", json=STREAM) as r:
        async for chunk in r.aiter_raw():
            arrivals.append(time.perf_counter())
            received += chunk
    events = parse_sse(bytes(received))
    assert len(arrivals) >= len(events) // 2  # not one burst
    assert arrivals[-1] - arrivals[0] >= 0.02 * (len(events) - 2)
    fake.inject(Fault(delay_between_events=0.1))
    started = time.perf_counter()
    r = await http.post("/responses", json=JSON)
    assert r.json()["status"] == "completed" and time.perf_counter() - started >= 0.3


@pytest.mark.parametrize("tls", [False, True], ids=["http1", "http2"])
async def test_drop_after_events(tls: bool, request: pytest.FixtureRequest) -> None:
    server: FakeOpenAI = request.getfixturevalue("fake_tls" if tls else "fake")
    verify = server.client_ssl_context() if tls else True
    async with httpx.AsyncClient(
        base_url=server.url, headers=AUTH, http2=tls, verify=verify, timeout=10
    ) as client:
        server.inject(Fault(drop_after_events=3))
        received, error = await _collect(client, STREAM)
        assert isinstance(error, httpx.RemoteProtocolError)
        assert [d["sequence_number"] for _, d in parse_sse(received)] == [0, 1, 2]
    async with httpx.AsyncClient(
        base_url=server.url, headers=AUTH, http2=tls, verify=verify, timeout=10
    ) as client:
        server.inject(Fault(drop_after_events=0))
        received, error = await _collect(client, {**STREAM, "stream": False})
        assert isinstance(error, httpx.RemoteProtocolError)
        assert len(received) > 0 and not received.endswith(b"}")
    await asyncio.sleep(0.05)
    assert [e.completed for e in server.journal] == [False, False]
    assert {e.http_version for e in server.journal} == {"2" if tls else "1.1"}


async def test_stall_keeps_socket_open(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(stall_after_events=2))
    received = bytearray()
    with pytest.raises(httpx.ReadTimeout):
        async with http.stream("POST", "/responses", json=STREAM, timeout=0.4) as r:
            async for chunk in r.aiter_raw():
                received += chunk
    assert len(parse_sse(bytes(received))) == 2
    for _ in range(100):
        if fake.journal[-1].disconnected:
            break
        await asyncio.sleep(0.01)
    assert fake.journal[-1].disconnected and not fake.journal[-1].completed


async def test_malformed_and_invalid_utf8(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(malformed_event_at=2))
    raw = (await http.post("/responses", json=STREAM)).content
    blocks = [b for b in raw.split(b"\n\n") if b]
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(blocks[2].split(b"data: ", 1)[1])
    assert orjson.loads(blocks[3].split(b"data: ", 1)[1])["sequence_number"] == 3
    fake.inject(Fault(invalid_utf8_at=1))
    raw = (await http.post("/responses", json=STREAM)).content
    blocks = [b for b in raw.split(b"\n\n") if b]
    assert b"\xff\xfe" in blocks[1] and b"\xff\xfe" not in blocks[0] + blocks[2]
    fake.inject(Fault(malformed_event_at=0))
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads((await http.post("/responses", json=JSON)).content)


def _chunked_payloads(port: int, body: bytes, fault: Fault) -> list[bytes]:
    """POST over a raw socket and return the HTTP/1.1 chunk payloads as framed."""
    head = (
        f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer k\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n"
        f"x-fake-fault: {orjson.dumps(fault.to_json()).decode()}\r\nconnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head.encode() + body)
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    rest = raw.split(b"\r\n\r\n", 1)[1]
    payloads: list[bytes] = []
    while True:
        size_line, rest = rest.split(b"\r\n", 1)
        size = int(size_line, 16)
        if size == 0:
            return payloads
        payloads.append(rest[:size])
        rest = rest[size + 2 :]


def test_split_utf8(fake: FakeOpenAI) -> None:
    body = orjson.dumps(
        {"model": "m", "messages": [{"role": "user", "content": "ü"}], "stream": True}
    )
    payloads = _chunked_payloads(fake.port, body, Fault(split_utf8=True))
    joined = b"".join(payloads)
    assert joined.endswith(b"data: [DONE]\n\n")
    assert "👋" in joined.decode() and "ö" in joined.decode()
    cut = 0
    for piece in payloads:
        try:
            piece.decode()
        except UnicodeDecodeError:
            cut += 1
    assert cut >= 4


async def test_replay(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fixture = sorted(CHAT_STREAMS.glob("*.bin"))[0].read_bytes()
    fake.inject(Fault(replay=fixture, match="/chat/completions"))
    r = await http.post("/chat/completions", json={"model": "m", "messages": [], "stream": True})
    assert r.status_code == 200 and r.content == fixture
    fake.inject(Fault(replay=fixture, drop_after_events=2))
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("/chat/completions", json={"stream": True})
    await http.post(
        http.base_url.join("/__fake__/faults"),
        json={"replay": fixture.decode(), "malformed_event_at": 1},
    )
    raw = (await http.post("/chat/completions", json={})).content
    assert raw != fixture and len(raw) < len(fixture)


@pytest.mark.parametrize("tls", [False, True], ids=["http1", "http2"])
async def test_drop_at_once_and_reset_before_headers(
    tls: bool, request: pytest.FixtureRequest
) -> None:
    server: FakeOpenAI = request.getfixturevalue("fake_tls" if tls else "fake")
    verify = server.client_ssl_context() if tls else True
    async with httpx.AsyncClient(
        base_url=server.url, headers=AUTH, http2=tls, verify=verify, timeout=10
    ) as client:
        server.inject(Fault(drop_after_events=2, drop_at_once=True))
        received, error = await _collect(client, STREAM)
        assert isinstance(error, httpx.RemoteProtocolError)  # the written events still arrive
        assert [d["sequence_number"] for _, d in parse_sse(received)] == [0, 1]
        server.inject(Fault(reset_before_headers=True))
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post("/responses", json=JSON)
    assert [e.status for e in server.journal] == [200, None]


async def test_oversized_event(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    fake.inject(Fault(oversized_event_at=1))
    raw = (await http.post("/responses", json=STREAM, timeout=30)).content
    first, second = raw.split(b"\n\n")[:2]
    assert b"response.created" in first and len(first) < 10_000
    assert len(second) > 17 * 1024 * 1024 and max(map(len, second.split(b"\n"))) < 4 * 1024**2
    assert second.endswith(b"}") and b"response.in_progress" in second


async def test_refusing_port(http: httpx.AsyncClient) -> None:
    root = str(http.base_url).removesuffix("/v1/")
    port = (await http.get(f"{root}/__fake__/refusing_port")).json()["port"]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
