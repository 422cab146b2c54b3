"""The Worker's pydantic-free path in real workerd 1.20240806.0, offline, against the fake.

worker/workerd/stage.py stages `worker/src` (main module `entry_workerd.py`) and the lite
parts of `openai_oxide` with a raw config; workerd (npm `@cloudflare/workerd-linux-64`,
pinned in package.json, installed by `npm ci`) serves it on loopback. That runtime has
Python 3.12 (Pyodide 0.26) and no pydantic, so every route below runs through
`openai_oxide.lite`. Skipped, with the reason, only where the binary cannot run (not
linux-x64, or it fails to start); under CI a binary that cannot run fails instead.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, AuthenticationError
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types.realtime import ResponseDoneEvent, ResponseTextDeltaEvent

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "worker" / "workerd"))

import stage  # noqa: E402

BINARY = ROOT / "node_modules" / "@cloudflare" / "workerd-linux-64" / "bin" / "workerd"
KEY = "sk-workerd-secret-0123"
ORIGIN = "http://demo.example:8000"
PLAIN = {"content-type": "text/plain"}
EVIL = "https://evil.example"
START_TIMEOUT = 120.0  # a loaded 2-core machine; first response measured 4 to 7 s idle

pytestmark = pytest.mark.timeout(600)


def _runnable() -> Path:
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip(f"workerd is pinned for linux-x64; this is {sys.platform}/{platform.machine()}")
    if not BINARY.is_file():
        pytest.fail(f"{BINARY} is missing: run `npm ci` (build_wheels.sh does)")
    proc = subprocess.run([BINARY, "--version"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        reason = f"the workerd binary cannot run here: {proc.stderr.strip()[:300]}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return BINARY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI(api_key=KEY)  # checks keys: a page's minted secret must pass too
    with server.running_in_thread():
        yield server


@pytest.fixture(scope="module")
def worker(fake: FakeOpenAI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _runnable()
    out = tmp_path_factory.mktemp("workerd")
    port = _free_port()
    bindings = {
        "OPENAI_API_KEY": KEY,
        "OPENAI_BASE_URL": fake.url,
        "OPENAI_MODEL": "gpt-4.1-mini",
        "DEMO_ORIGIN": ORIGIN,
        "MAX_BODY_BYTES": "4096",
    }
    config = stage.stage(out, port, bindings)
    log = (out / "workerd.log").open("w")
    proc = subprocess.Popen(
        [binary, "serve", config.name, "--experimental"], cwd=out, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                _request("GET", url + "/nope")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() - started > START_TIMEOUT:
                    pytest.fail(f"workerd did not start:\n{(out / 'workerd.log').read_text()}")
                time.sleep(0.25)
        print(f"\nworkerd answered {time.monotonic() - started:.1f} s after start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _request(
    method: str, url: str, body: Any = None, headers: dict[str, str | None] | None = None
) -> tuple[int, dict[str, str], str]:
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    merged = {"content-type": "application/json", "origin": ORIGIN, **(headers or {})}
    all_headers = {k: v for k, v in merged.items() if v is not None}  # None: leave it out
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return (
                resp.status,
                {k.lower(): v for k, v in resp.headers.items()},
                resp.read().decode(),
            )
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read().decode()


def _sse(text: str) -> list[tuple[str, Any]]:
    out = []
    for block in filter(None, text.split("\n\n")):
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        out.append((fields["event"], json.loads(fields["data"])))
    return out


def test_chat_streams_responses_events_with_cors(worker: str, fake: FakeOpenAI) -> None:
    fake.reset()
    status, headers, text = _request("POST", worker + "/v1/chat", {"input": "Hello workerd"})
    assert status == 200 and headers["content-type"].startswith("text/event-stream")
    assert headers["access-control-allow-origin"] == ORIGIN
    events = _sse(text)
    assert events[0][0] == "response.created" and events[-1][0] == "response.completed"
    deltas = "".join(d["delta"] for e, d in events if e == "response.output_text.delta")
    completed = events[-1][1]["response"]["output"][0]["content"][0]["text"]
    assert deltas == completed and "Hello workerd" in deltas
    [entry] = fake.journal
    assert entry.headers["authorization"] == f"Bearer {KEY}" and KEY not in text
    # A Cloudflare Worker is no page (no CORS): the SDK's full header set goes upstream.
    assert entry.headers["x-stainless-retry-count"] == "0" and "x-stainless-lang" in entry.headers


@pytest.mark.parametrize("transport", ["websocket", "http"])
def test_agent_starts_tools_before_the_stream_ends(
    worker: str, fake: FakeOpenAI, transport: str
) -> None:
    fake.reset()
    # Spaced events: workerd's clock moves only across I/O, so the gap must be real waits.
    fake.inject(Fault(delay_between_events=0.03, match="ws:" if transport == "websocket" else None))
    status, _, text = _request(
        "POST", worker + "/v1/agent", {"input": "Weather?", "transport": transport}
    )
    assert status == 200
    events = _sse(text)
    kind, done = events[-1]
    assert kind == "done", events[-1]
    assert done["transport"] == transport and done["turns"] == 2 and done["output_text"]
    first = [d for e, d in events if d.get("turn") == 1]
    calls = sorted(d["name"] for e, d in events if e == "tool_call")
    starts = [d["t"] for e, d in events if e == "tool_start" and d["turn"] == 1]
    end = next(d["t"] for e, d in events if e == "stream_end" and d["turn"] == 1)
    assert calls == ["get_time", "get_weather"] and len(starts) == 2 and first
    assert min(starts) < end, (starts, end)
    if transport == "websocket":
        turns = [e for e in fake.journal if e.method == "WS"]
        assert len(turns) == 2 and len({e.request_id for e in turns}) == 1
        assert turns[1].json["previous_response_id"]
    else:
        posts = [e for e in fake.journal if e.method == "POST"]
        assert len(posts) == 2 and posts[1].json["previous_response_id"].startswith("resp_")


def test_guards_answer_4xx_without_calling_upstream(worker: str, fake: FakeOpenAI) -> None:
    fake.reset()
    cases = [
        ("POST", "/v1/chat", b"{nope", {}, 400, "invalid_json"),
        ("POST", "/v1/chat", {"input": "x" * 5000}, {}, 413, "body_too_large"),
        ("GET", "/v1/chat", None, {}, 405, "method_not_allowed"),
        ("POST", "/v2/anything", {"input": "hi"}, {}, 404, "not_found"),
        ("POST", "/v1/chat", {"input": "hi", "model": "x"}, {}, 400, "invalid_request"),
        (
            "POST",
            "/v1/chat",
            b"input=hi",
            {"content-type": "text/plain"},
            415,
            "unsupported_media_type",
        ),
        (
            "POST",
            "/v1/chat",
            {"input": "hi"},
            {"origin": "https://evil.example"},
            403,
            "origin_not_allowed",
        ),
        ("POST", "/v1/chat", {"input": "hi"}, {"origin": None}, 403, "origin_required"),
    ]
    for method, path, body, headers, status, kind in cases:
        got, answer_headers, text = _request(method, worker + path, body, headers)
        assert (got, json.loads(text)["error"]["type"]) == (status, kind), text
        assert KEY not in text
        if status == 405:
            assert answer_headers["allow"] == "POST"
    status, headers, _ = _request("OPTIONS", worker + "/v1/agent")
    assert status == 204 and headers["access-control-allow-origin"] == ORIGIN
    assert fake.journal == []


def test_upstream_errors_keep_the_key_out(worker: str, fake: FakeOpenAI) -> None:
    fake.reset()
    quoting = {"error": {"message": f"Incorrect API key provided: {KEY}", "type": "x", "code": "c"}}
    fake.inject(Fault(status=401, body=quoting))
    status, _, text = _request("POST", worker + "/v1/chat", {"input": "hi"})
    assert status == 502 and KEY not in text
    assert json.loads(text)["error"]["type"] == "AuthenticationError"
    fake.inject(Fault(status=500, headers={"x-should-retry": "false"}))
    status, headers, text = _request(
        "POST", worker + "/?mode=json", b"hi", {"content-type": "text/plain"}
    )
    assert status == 502 and headers["x-upstream-request-id"] == fake.journal[-1].request_id


async def _page_turn(fake: FakeOpenAI, secret: str, text: str) -> str:
    """What a page does with the minted secret (it cannot set headers): connect with the
    subprotocol credential and run one text turn."""
    page = AsyncOpenAI(api_key=secret, base_url=fake.url)
    async with page.realtime.connect(
        model="gpt-realtime", auth="subprotocol", client_secret=secret
    ) as conn:
        await conn.conversation.item.create(
            item={
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": text}],
            }
        )
        await conn.response.create()
        deltas: list[str] = []
        async for event in conn:
            if isinstance(event, ResponseTextDeltaEvent):
                deltas.append(event.delta)
            if event.type in ("response.done", "error"):
                assert isinstance(event, ResponseDoneEvent), event
                return "".join(deltas)
    raise AssertionError("the connection ended before response.done")


async def test_realtime_secret_is_minted_for_a_page(worker: str, fake: FakeOpenAI) -> None:
    fake.reset()
    status, headers, text = _request(
        "POST", worker + "/v1/realtime/client_secret", {"session": {"instructions": "Be brief."}}
    )
    assert status == 200 and headers["access-control-allow-origin"] == ORIGIN, text
    assert headers["cache-control"] == "no-store" and KEY not in text
    secret = json.loads(text)
    assert sorted(secret) == ["expires_at", "value"] and secret["value"].startswith("ek_")
    assert secret["expires_at"] > time.time()
    [minted] = fake.journal
    assert minted.path == "/v1/realtime/client_secrets"
    assert minted.headers["authorization"] == f"Bearer {KEY}"
    assert minted.json["session"] == {
        "instructions": "Be brief.",
        "type": "realtime",
        "model": "gpt-realtime",
    }
    reply = await _page_turn(fake, secret["value"], "Hello from the page")
    assert "Hello from the page" in reply
    sockets = [e for e in fake.journal if e.path == "/v1/realtime"]
    assert sockets and all("authorization" not in e.headers for e in sockets)
    # The fake checks keys: a secret it never minted is refused at the handshake, with the
    # HTTP status's error and the answer's request id.
    with pytest.raises(AuthenticationError, match="401") as info:
        await _page_turn(fake, "ek_forged", "hi")
    assert info.value.request_id is not None


def test_realtime_secret_needs_the_origin_and_allowed_fields(worker: str, fake: FakeOpenAI) -> None:
    fake.reset()
    path = worker + "/v1/realtime/client_secret"
    cases: list[tuple[Any, dict[str, str | None], int, str]] = [
        ({}, {"origin": None}, 403, "origin_required"),
        ({}, {"origin": EVIL}, 403, "origin_not_allowed"),
        ({"session": {"model": "gpt-realtime-large"}}, {}, 400, "invalid_request"),
        ({"session": {}, "extra": 1}, {}, 400, "invalid_request"),
    ]
    for body, headers, status, kind in cases:
        got, _, text = _request("POST", path, body, headers)
        assert (got, json.loads(text)["error"]["type"]) == (status, kind), text
    assert fake.journal == []
