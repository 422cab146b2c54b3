from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
import threading
import time

import httpx
import orjson
import pytest

from openai_oxide.testing import FakeOpenAI, Fault
from testing.fake_helpers import AUTH

EXPOSED = {
    "x-request-id",
    "retry-after",
    "retry-after-ms",
    "x-should-retry",
    "openai-processing-ms",
}


async def test_models(http: httpx.AsyncClient) -> None:
    listing = (await http.get("/models")).json()
    assert listing["object"] == "list" and {m["object"] for m in listing["data"]} == {"model"}
    one = await http.get("/models/gpt-4o")
    assert one.json()["id"] == "gpt-4o"
    unknown = await http.get("/models/nope")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "model_not_found"


async def test_unknown_path_and_headers(http: httpx.AsyncClient) -> None:
    r = await http.post("/nothing/here", json={})
    assert r.status_code == 404
    assert set(r.json()["error"]) == {"message", "type", "param", "code"}
    assert r.headers["x-request-id"].startswith("req_")
    assert int(r.headers["openai-processing-ms"]) >= 0
    other = await http.get("/models")
    assert other.headers["x-request-id"] != r.headers["x-request-id"]


async def test_auth() -> None:
    async with (
        FakeOpenAI(api_key="sk-right") as server,
        httpx.AsyncClient(base_url=server.url) as client,
    ):
        missing = await client.get("/models")
        assert missing.status_code == 401 and "API key" in missing.json()["error"]["message"]
        wrong = await client.get("/models", headers={"authorization": "Bearer sk-wrong"})
        assert wrong.json()["error"]["code"] == "invalid_api_key"
        ok = await client.get("/models", headers={"authorization": "Bearer sk-right"})
        assert ok.status_code == 200
    async with FakeOpenAI(latency=0.1) as server, httpx.AsyncClient(base_url=server.url) as client:
        started = time.perf_counter()
        basic = await client.get("/models", headers={"authorization": "Basic abc"})
        assert basic.status_code == 401
        bearer = await client.get("/models", headers={"authorization": "Bearer a"})
        assert bearer.status_code == 200
        assert time.perf_counter() - started >= 0.2  # the latency comes before every answer


async def test_cors_and_preflight(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    pre = await http.options(
        "/responses",
        headers={
            "origin": "https://demo.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type, x-fake-fault",
        },
    )
    assert pre.status_code == 204 and pre.headers["x-request-id"].startswith("req_")
    assert "openai-processing-ms" in pre.headers
    assert pre.headers["access-control-allow-origin"] == "https://demo.example"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "x-fake-fault" in pre.headers["access-control-allow-headers"]
    r = await http.get("/models", headers={"origin": "https://demo.example"})
    assert r.headers["access-control-allow-origin"] == "https://demo.example"
    exposed = {h.strip() for h in r.headers["access-control-expose-headers"].split(",")}
    assert exposed >= EXPOSED
    bare = await http.get("/models")
    assert bare.headers["access-control-allow-origin"] == "*"
    error = await http.get("/models/nope")
    assert error.headers["access-control-allow-origin"] == "*"
    assert [e.method for e in fake.journal] == ["GET", "GET", "GET"]  # no preflight


async def test_a_short_cors_allow_list_answers_only_its_names() -> None:
    """`cors_allow_headers`: the preflight allows those names only and records what a
    browser would then refuse; the default reflects what was asked."""
    preflight = {"origin": "https://demo.example", "access-control-request-method": "POST"}
    async with FakeOpenAI(cors_allow_headers=("Authorization", "content-type")) as short:
        async with httpx.AsyncClient(base_url=short.url) as http:
            pre = await http.options(
                "/responses",
                headers={**preflight, "access-control-request-headers": "authorization, x-a"},
            )
            ok = await http.options(
                "/models", headers={**preflight, "access-control-request-headers": "authorization"}
            )
        assert pre.headers["access-control-allow-headers"] == "authorization, content-type"
        assert ok.status_code == pre.status_code == 204
        assert [(p.path, p.requested, p.refused) for p in short.preflights] == [
            ("/v1/responses", ("authorization", "x-a"), ("x-a",)),
            ("/v1/models", ("authorization",), ()),
        ]
        assert short.journal == []  # preflights are not requests
        short.reset()
        assert short.preflights == []


async def test_journal(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    r = await http.post(
        "/responses?x=1", json={"model": "m", "input": "ü"}, headers={"X-Custom": "a"}
    )
    (entry,) = fake.journal
    assert (entry.method, entry.path, entry.query) == ("POST", "/v1/responses", {"x": "1"})
    assert (
        entry.headers["x-custom"] == "a" and entry.headers["authorization"] == AUTH["authorization"]
    )
    assert entry.json == {"model": "m", "input": "ü"} and orjson.loads(entry.body) == entry.json
    assert entry.http_version == "1.1" and entry.request_id == r.headers["x-request-id"]
    assert entry.completed and not entry.disconnected and entry.status == 200


async def test_control_endpoints(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    root = http.base_url.copy_with(path="/__fake__/")
    await http.get("/models")
    journal = (await http.get(root.join("journal"))).json()
    assert [e["path"] for e in journal] == ["/v1/models"]
    assert journal[0]["completed"] is True
    queued = await http.post(
        root.join("faults"), json={"status": 503, "match": "/models", "times": 2}
    )
    assert queued.json() == {"queued": 1}
    assert (await http.get("/models")).status_code == 503
    assert (await http.post(root.join("faults"), json={"bogus": 1})).status_code == 400
    assert (await http.post(root.join("reset"))).status_code == 200
    assert fake.journal == []
    assert (await http.get("/models")).status_code == 200  # the second use was cleared


async def test_http2_over_tls(fake_tls: FakeOpenAI, h2: httpx.AsyncClient) -> None:
    assert fake_tls.url.startswith("https://") and fake_tls.ca_cert_pem.startswith(b"-----BEGIN")
    body = {"model": "m", "input": "ü", "stream": True}
    responses = await asyncio.gather(*(h2.post("/responses", json=body) for _ in range(5)))
    assert {r.http_version for r in responses} == {"HTTP/2"}
    assert all(r.text.count("event: response.completed") == 1 for r in responses)
    assert {e.http_version for e in fake_tls.journal} == {"2"}
    async with httpx.AsyncClient(
        base_url=fake_tls.url, headers=AUTH, verify=fake_tls.client_ssl_context()
    ) as h1:
        assert (await h1.get("/models")).http_version == "HTTP/1.1"


def test_thread_mode_is_thread_safe() -> None:
    with FakeOpenAI() as server:
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                with httpx.Client(base_url=server.url, headers=AUTH) as client:
                    for _ in range(10):
                        server.inject(Fault(match="/nothing-matches"))
                        assert client.get("/models").status_code == 200
                        _ = server.journal
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(server.journal) == 40
        server.reset()
        assert server.journal == []
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/models", headers=AUTH)


def test_cli() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "openai_oxide.testing", "--port", "0", "--tls"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url, ca_path = proc.stdout.readline().split()
        assert url.startswith("https://127.0.0.1:") and url.endswith("/v1")
        r = httpx.get(
            url + "/models", headers=AUTH, verify=ssl.create_default_context(cafile=ca_path)
        )
        assert r.status_code == 200
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
