"""In a browser (Pyodide in a page), a secret key is refused unless
`dangerously_allow_browser=True`, as openai-node does; the message points to ephemeral keys
and the Worker proxy. Simulated here with a stand-in `js` module on an emscripten platform
(the web demo's Chromium test drives the JS side, tests_browser/test_web_demo.py)."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAIError
from openai_oxide._browser_key import in_browser
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


# What the SDK itself sends from a page (docs/security.md, "CORS"): the server's
# Access-Control-Allow-Headers must list these; nothing else is added behind the caller's back.
SDK_HEADERS = {"accept", "authorization", "cache-control", "content-type", "idempotency-key",
               "openai-organization", "openai-project", "user-agent"}  # fmt: skip


async def test_a_page_sends_only_the_documented_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    _platform(monkeypatch, "window", "document", "navigator")
    seen: list[set[str]] = []

    def answer(request: Any) -> MockResponse:
        seen.append({k for k, _ in request.headers.raw()})
        if request.headers.get("accept") == "text/event-stream":
            return MockResponse(200, {"content-type": "text/event-stream"}, b"data: [DONE]\n\n")
        return MockResponse.json({"object": "list", "data": []})

    client = AsyncOpenAI(
        api_key=SECRET, organization="org-1", project="proj-1", dangerously_allow_browser=True,
        transport=MockTransport(answer),
    )  # fmt: skip
    await client.models.list()
    async for _ in await client.chat.completions.create(model="m", messages=[], stream=True):
        pass
    assert len(seen) == 2
    for names in seen:
        extra = {n for n in names - SDK_HEADERS if not n.startswith("x-stainless-")}
        assert not extra, extra
