"""In a browser (Pyodide in a page), a secret key is refused unless
`dangerously_allow_browser=True`, as openai-node does; the message points to ephemeral keys
and the Worker proxy. Simulated here with a stand-in `js` module on an emscripten platform
(the web demo's Chromium test drives the JS side, tests_browser/test_web_demo.py)."""

from __future__ import annotations

import platform
import sys
import types
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAIError
from openai_oxide._browser_key import in_browser, in_page
from support import API_KEY

SECRET = "sk-proj-" + "x" * 40


def _platform(monkeypatch: pytest.MonkeyPatch, *globals_: str) -> None:
    """An emscripten platform whose JS global object has `globals_`."""
    js = types.ModuleType("js")
    for name in globals_:
        setattr(js, name, object())
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setitem(sys.modules, "js", js)


def _client(key: str, **kwargs: bool) -> AsyncOpenAI:
    return AsyncOpenAI(api_key=key, transport=MockTransport(lambda r: MockResponse()), **kwargs)


def test_a_page_refuses_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    _platform(monkeypatch, "window", "document", "navigator")
    assert in_browser()
    for key in (SECRET, API_KEY, "sk-svcacct-abc", "sk-admin-abc"):
        with pytest.raises(OpenAIError) as info:
            _client(key)
        message = str(info.value)
        assert "ephemeral key" in message and "Worker" in message
        assert "dangerously_allow_browser=True" in message
        assert key not in message


def test_allowed_ephemeral_and_keyless_calls_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    _platform(monkeypatch, "window", "document", "navigator")
    assert _client(SECRET, dangerously_allow_browser=True).api_key == SECRET
    assert _client("ek_68af2b3c").api_key == "ek_68af2b3c"  # an ephemeral key
    assert _client("no-key").api_key == "no-key"  # a proxy that holds the key


@pytest.mark.parametrize("globals_", [(), ("navigator",), ("window", "navigator")])
def test_node_workers_and_native_are_not_browsers(
    monkeypatch: pytest.MonkeyPatch, globals_: tuple[str, ...]
) -> None:
    _platform(monkeypatch, *globals_)  # Pyodide in Node, in workerd, in a Web Worker
    assert not in_browser()
    assert _client(SECRET).api_key == SECRET


# What the SDK itself sends from a page or its Web Worker (docs/security.md, "CORS"): only
# what a request needs, so that a server whose preflight allows just these passes; the
# caller's own headers go as given. Elsewhere (native, Node, a Cloudflare Worker) the
# platform headers, the retry count, an idempotency key and `cache-control` on streams.
PAGE_HEADERS = {"accept", "authorization", "content-type", "openai-organization", "openai-project"}
NATIVE_HEADERS = PAGE_HEADERS | {"cache-control", "idempotency-key", "user-agent",
    "x-stainless-lang", "x-stainless-os", "x-stainless-package-version",
    "x-stainless-retry-count", "x-stainless-runtime", "x-stainless-runtime-version"}  # fmt: skip
MAIN_THREAD = ("window", "document", "navigator")
WEB_WORKER = ("WorkerGlobalScope", "navigator")


async def _sent_headers(**client_options: Any) -> list[dict[str, str]]:
    """The headers of a listing (answered 500 once, so retried), a JSON POST, a stream and an
    upload, each as sent."""
    seen: list[dict[str, str]] = []

    def answer(request: Any) -> MockResponse:
        seen.append(dict(request.headers.raw()))
        if len(seen) == 1:
            return MockResponse(500, {"content-type": "application/json"}, b"{}")
        if request.headers.get("accept") == "text/event-stream":
            return MockResponse(200, {"content-type": "text/event-stream"}, b"data: [DONE]\n\n")
        if request.url.endswith("/files"):
            return MockResponse.json({"id": "file-1", "object": "file", "filename": "a.txt"})
        return MockResponse.json({"object": "list", "data": []})

    client = AsyncOpenAI(
        api_key=SECRET, organization="org-1", project="proj-1", dangerously_allow_browser=True,
        transport=MockTransport(answer), **client_options,
    )  # fmt: skip
    await client.models.list()
    await client.embeddings.create(model="m", input="hi")
    async for _ in await client.chat.completions.create(model="m", messages=[], stream=True):
        pass
    await client.files.create(file=("a.txt", b"hi"), purpose="assistants")
    assert len(seen) == 5
    return seen


@pytest.mark.parametrize("globals_", [MAIN_THREAD, WEB_WORKER], ids=["page", "web_worker"])
async def test_a_page_sends_only_the_documented_headers(
    monkeypatch: pytest.MonkeyPatch, globals_: tuple[str, ...]
) -> None:
    _platform(monkeypatch, *globals_)
    assert in_page()
    for headers in await _sent_headers():
        assert set(headers) <= PAGE_HEADERS, set(headers) - PAGE_HEADERS
        assert {"accept", "authorization", "openai-organization", "openai-project"} <= set(headers)


async def test_a_page_sends_the_callers_own_headers_as_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _platform(monkeypatch, *MAIN_THREAD)
    seen: list[dict[str, str]] = []

    def answer(request: Any) -> MockResponse:
        seen.append(dict(request.headers.raw()))
        return MockResponse.json({"object": "list", "data": []})

    client = AsyncOpenAI(
        api_key=SECRET, dangerously_allow_browser=True, default_headers={"X-Team": "a"},
        transport=MockTransport(answer),
    )  # fmt: skip
    await client.embeddings.create(
        model="m", input="hi", extra_headers={"x-call": "b"}, idempotency_key="mine"
    )
    (headers,) = seen
    assert headers["x-team"] == "a" and headers["x-call"] == "b"
    assert headers["idempotency-key"] == "mine"  # the caller's own key still goes


@pytest.mark.parametrize(
    ("globals_", "user_agent"),
    [(None, None), ((), None), (("navigator",), "Node.js/22"),
     (("WorkerGlobalScope", "navigator"), "Cloudflare-Workers")],
    ids=["native", "node_20", "node_22", "cloudflare_worker"],
)  # fmt: skip
async def test_node_workers_and_native_send_the_full_set(
    monkeypatch: pytest.MonkeyPatch, globals_: tuple[str, ...] | None, user_agent: str | None
) -> None:
    if globals_ is not None:  # Pyodide, with these JS globals
        _platform(monkeypatch, *globals_)
        if user_agent is not None:
            monkeypatch.setattr(
                sys.modules["js"], "navigator", types.SimpleNamespace(userAgent=user_agent)
            )
    assert not in_page()
    sent = await _sent_headers()
    assert set().union(*sent) == NATIVE_HEADERS
    assert [h["x-stainless-retry-count"] for h in sent] == ["0", "1", "0", "0", "0"]
    assert sent[3]["cache-control"] == "no-cache"  # the stream
    assert all(h["user-agent"].startswith("openai-oxide/") for h in sent)


async def test_native_sends_the_official_platform_headers() -> None:
    """Natively the names are the official SDK's (it also sends x-stainless-arch, -async
    and -read-timeout; it sends no idempotency key and no cache-control)."""
    sent = await _sent_headers()
    official = {"x-stainless-lang": "python", "x-stainless-os": platform.system(),
                "x-stainless-runtime": platform.python_implementation(),
                "x-stainless-runtime-version": platform.python_version()}  # fmt: skip
    for headers in sent:
        assert {k: headers[k] for k in official} == official


def test_a_page_sends_no_polling_helper_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai_oxide.resources._polling import poll_headers

    assert poll_headers(250) == {
        "X-Stainless-Poll-Helper": "true",
        "X-Stainless-Custom-Poll-Interval": "250",
    }
    _platform(monkeypatch, *MAIN_THREAD)
    assert poll_headers(250) == {}
