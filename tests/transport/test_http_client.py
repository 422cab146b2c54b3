"""`http_client=`: httpx2 clients (async and sync), the Default*HttpxClient helpers and a
user's httpx 0.28 client, with proxies, a custom CA and client certificates, on loopback."""

from __future__ import annotations

import asyncio
import importlib
import ssl
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx2
import pytest
import trustme

import openai_oxide
from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    OpenAI,
    OpenAIError,
)
from openai_oxide.testing import FakeOpenAI

API_KEY = "sk-test"


class Proxy:
    """A loopback forward proxy: CONNECT tunnels (https) and absolute-form requests
    (http). It records the request line of each connection it serves."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        method, target, version = head.split(b"\r\n", 1)[0].decode().split(" ")
        self.seen.append(f"{method} {target}")
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            up_reader, up_writer = await asyncio.open_connection(host, int(port))
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:  # http://host:port/path -> /path, sent on to host:port
            hostport, _, path = target.removeprefix("http://").partition("/")
            host, port = hostport.rsplit(":", 1)
            up_reader, up_writer = await asyncio.open_connection(host, int(port))
            rest = head.split(b"\r\n", 1)[1]
            up_writer.write(f"{method} /{path} {version}\r\n".encode() + rest)
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))

    async def aclose(self) -> None:
        assert self.server is not None
        self.server.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


@pytest.fixture
async def proxy() -> AsyncIterator[Proxy]:
    p = Proxy()
    await p.start()
    yield p
    await p.aclose()


@pytest.fixture
async def tls_fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(tls=True) as server:
        yield server


async def test_async_default_client_with_custom_ca_speaks_http2(tls_fake: FakeOpenAI) -> None:
    http = DefaultAsyncHttpxClient(verify=tls_fake.client_ssl_context())
    async with AsyncOpenAI(api_key=API_KEY, base_url=tls_fake.url, http_client=http) as c:
        assert (await c.responses.create(model="m", input="hi")).output_text
        stream = await c.responses.create(model="m", input="hi", stream=True)
        assert [e.type async for e in stream][-1] == "response.completed"
    assert [e.http_version for e in tls_fake.journal] == ["2", "2"]
    assert http.is_closed  # the SDK client closes the http_client it was given, as upstream


async def test_without_the_ca_the_tls_failure_is_ours(tls_fake: FakeOpenAI) -> None:
    async with AsyncOpenAI(
        api_key=API_KEY, base_url=tls_fake.url, http_client=httpx2.AsyncClient(), max_retries=0
    ) as c:
        with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
            await c.models.list()


def test_sync_default_client_replays_its_arguments(tls_fake_thread: FakeOpenAI) -> None:
    context = tls_fake_thread.client_ssl_context()
    http = DefaultHttpxClient(verify=context, headers={"x-team": "a"})
    with OpenAI(api_key=API_KEY, base_url=tls_fake_thread.url, http_client=http) as c:
        assert c.responses.create(model="m", input="hi").output_text
    entry = tls_fake_thread.journal[-1]
    assert entry.http_version == "2" and entry.headers.get("x-team") == "a"


def test_plain_sync_client_is_honoured_through_its_pool(tls_fake_thread: FakeOpenAI) -> None:
    """Any httpx2.Client: its TLS context (CA), HTTP versions and headers carry over."""
    http = httpx2.Client(verify=tls_fake_thread.client_ssl_context(), headers={"x-team": "b"})
    with OpenAI(api_key=API_KEY, base_url=tls_fake_thread.url, http_client=http) as c:
        assert c.models.list().data is not None
    entry = tls_fake_thread.journal[-1]
    assert entry.http_version == "1.1" and entry.headers.get("x-team") == "b"  # http2 off


@pytest.fixture
def tls_fake_thread() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(tls=True)
    with server.running_in_thread():
        yield server


async def test_http_proxy_for_plain_http(proxy: Proxy) -> None:
    async with FakeOpenAI() as fake:
        http = DefaultAsyncHttpxClient(proxy=proxy.url)
        async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, http_client=http) as c:
            assert (await c.responses.create(model="m", input="via proxy")).output_text
        assert proxy.seen == [f"POST {fake.url}/responses"]
        assert len(fake.journal) == 1


async def test_connect_proxy_for_https_with_custom_ca(proxy: Proxy, tls_fake: FakeOpenAI) -> None:
    http = DefaultAsyncHttpxClient(proxy=proxy.url, verify=tls_fake.client_ssl_context())
    async with AsyncOpenAI(api_key=API_KEY, base_url=tls_fake.url, http_client=http) as c:
        assert (await c.models.list()).data is not None
    assert proxy.seen == [f"CONNECT 127.0.0.1:{tls_fake.port}"]


def test_sync_client_proxy_carries_over(tls_fake_thread: FakeOpenAI) -> None:
    from openai_oxide._sync import run_sync

    p = Proxy()
    run_sync(p.start())  # on the sync client's loop, served while its calls run it
    http = httpx2.Client(proxy=p.url, verify=tls_fake_thread.client_ssl_context())
    try:
        with OpenAI(api_key=API_KEY, base_url=tls_fake_thread.url, http_client=http) as c:
            assert c.models.list().data is not None
        assert p.seen == [f"CONNECT 127.0.0.1:{tls_fake_thread.port}"]
    finally:
        run_sync(p.aclose())


async def test_client_certificate(tmp_path: Path) -> None:
    """A server that requires a client certificate: accepted with `cert=`, refused
    (as our APIConnectionError) without."""
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
    ca.configure_trust(server_ctx)
    server_ctx.verify_mode = ssl.CERT_REQUIRED
    peers: list[str] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            return
        peer = writer.get_extra_info("peercert")
        peers.append(dict(x[0] for x in peer["subject"]).get("commonName", "?") if peer else "")
        body = b'{"object": "list", "data": []}'
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ctx)
    url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1"
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    client_cert = ca.issue_cert("client.example", common_name="oxide-client")
    cert_file = tmp_path / "client.pem"
    client_cert.private_key_and_cert_chain_pem.write_to_path(str(cert_file))

    # httpx2 takes the client certificate in the SSLContext (its cert= is deprecated).
    with_cert = ssl.create_default_context(cafile=str(ca_file))
    with_cert.load_cert_chain(str(cert_file))
    http = DefaultAsyncHttpxClient(verify=with_cert)
    async with AsyncOpenAI(api_key=API_KEY, base_url=url, http_client=http) as c:
        assert (await c.models.list()).data == []
    assert peers == ["oxide-client"]

    no_cert = DefaultAsyncHttpxClient(verify=ssl.create_default_context(cafile=str(ca_file)))
    async with AsyncOpenAI(api_key=API_KEY, base_url=url, http_client=no_cert, max_retries=0) as c:
        with pytest.raises(APIConnectionError):
            await c.models.list()
    server.close()


async def test_httpx_0_28_async_client_still_works() -> None:
    import httpx

    async with FakeOpenAI() as fake:
        http = httpx.AsyncClient(headers={"x-team": "old"})
        async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, http_client=http) as c:
            assert (await c.responses.create(model="m", input="hi")).output_text
            stream = await c.responses.create(model="m", input="hi", stream=True)
            assert [e.type async for e in stream][-1] == "response.completed"
        assert fake.journal[0].headers.get("x-team") == "old"


async def test_with_options_takes_a_new_http_client() -> None:
    async with FakeOpenAI() as fake:
        base = AsyncOpenAI(api_key=API_KEY, base_url=fake.url)
        other = DefaultAsyncHttpxClient(headers={"x-team": "clone"})
        clone = base.with_options(http_client=other)
        await clone.models.list()
        await base.models.list()
        assert [e.headers.get("x-team") for e in fake.journal] == ["clone", None]
        await clone.close()
        assert other.is_closed
        await base.close()


def test_bad_http_client_arguments() -> None:
    with pytest.raises(TypeError, match=r"httpx2\.AsyncClient"):
        AsyncOpenAI(api_key=API_KEY, http_client=object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        AsyncOpenAI(
            api_key=API_KEY,
            http_client=httpx2.AsyncClient(),
            transport=openai_oxide.MockTransport(lambda r: None),  # type: ignore[arg-type,return-value]
        )


def test_under_pyodide_http_client_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    with pytest.raises(OpenAIError, match=r"js\.fetch"):
        AsyncOpenAI(api_key=API_KEY, http_client=httpx2.AsyncClient())
    module = importlib.import_module("openai_oxide._transport.httpx_clients")
    spec = module.__spec__
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)  # as it would load under Pyodide: no httpx2 import
    for name in ("DefaultHttpxClient", "DefaultAsyncHttpxClient"):
        with pytest.raises(OpenAIError, match="not available under Pyodide"):
            getattr(fresh, name)()


def test_pyodide_installs_do_not_pull_httpx2() -> None:
    """The SDK's runtime dependencies, with markers evaluated for Pyodide by the evaluator
    that writes the Pyodide lock: httpx2 (and the rest of the native stack) stay out."""
    import tomllib

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("make_lock", root / "wasm_bridge/make_lock.py")
    assert spec is not None and spec.loader is not None
    make_lock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_lock)
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {dep.split(";")[0].split("[")[0].split(">")[0].strip(): dep for dep in deps}
    assert "httpx2" in names and "httpx" not in names
    env = make_lock.pyodide_env("3.14.0")
    kept = [
        name
        for name, dep in names.items()
        if ";" not in dep or make_lock.evaluate_marker(dep.split(";", 1)[1], env)
    ]
    # idna: the browser toolset's origins match the official's only with IDNA 2008 rules
    assert sorted(kept) == ["idna", "pydantic"]
