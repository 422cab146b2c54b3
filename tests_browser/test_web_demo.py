"""The web demo (web_demo/) in real Chromium through Playwright, against the fake server.

One page (module fixture) loads from a local static server with every non-local request
blocked and recorded; the tests then drive it in file order (each leaves the page in the
fake-server mode). Screenshots at phone and desktop widths go to build/screenshots/ (test
artifacts; the README shows copies in web_demo/screenshots/) and must not be blank.
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHOTS = ROOT / "build" / "screenshots"  # test artifacts; web_demo/screenshots/ holds copies
WORKER = "http://127.0.0.1:8787"  # the page's default Worker URL; answered by a route below
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
BOOT_MS = 180_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Runs before the page's scripts: records every width the progress bar takes.
RECORD_PROGRESS = """
window.__progress = [];
new MutationObserver(() => {
  const bar = document.getElementById("progress-bar");
  if (bar && bar.style.width !== window.__progress.at(-1)) window.__progress.push(bar.style.width);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["style"] });
"""

sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.timeout(600)


class Demo:
    """The page plus what the network saw."""

    def __init__(self, page: Any, fake: FakeOpenAI, blocked: list[str], seen: list[str]) -> None:
        self.page = page
        self.fake = fake
        self.blocked = blocked
        self.seen = seen
        self.worker_requests: list[dict[str, Any]] = []


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS


def _worker_route(demo: Demo) -> Any:
    def handle(route: Any) -> None:
        request = route.request
        demo.worker_requests.append(
            {"url": request.url, "headers": request.headers, "body": request.post_data}
        )
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=_cors())
            return
        frames: list[tuple[str, Any]]
        if request.url.endswith("/v1/agent"):  # worker/src/agent.py's timeline
            call = {"turn": 1, "call_id": "call_1"}
            frames = [
                ("turn", {"turn": 1, "t": 1}),
                ("tool_call", {**call, "name": "get_weather", "arguments": "{}", "t": 40}),
                ("tool_start", {**call, "t": 41}),
                ("tool_done", {**call, "output": "{}", "t": 90}),
                ("stream_end", {"turn": 1, "t": 120}),
                ("done", {"output_text": "21 C", "turns": 2, "transport": "websocket", "t": 200}),
            ]
        else:  # /v1/chat: the Responses events
            kind = "response.output_text.delta"
            frames = [(kind, {"type": kind, "delta": d}) for d in ("Hello ", "from the ", "Worker")]
        body = "".join(f"event: {e}\ndata: {json.dumps(d)}\n\n" for e, d in frames)
        route.fulfill(
            status=200, headers={**_cors(), "content-type": "text/event-stream"}, body=body
        )

    return handle


def _cors() -> dict[str, str]:
    return {
        "access-control-allow-origin": "*",
        "access-control-allow-headers": "content-type",
        "access-control-allow-methods": "POST, OPTIONS",
    }


@pytest.fixture(scope="module")
def demo(bundle: Path, launch_chromium: Callable[[Any], Any]) -> Iterator[Demo]:
    fake = FakeOpenAI()
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, ROOT / "web_demo") as static,
        sync_api.sync_playwright() as pw,
    ):
        browser = launch_chromium(pw)
        context = browser.new_context(viewport=DESKTOP)
        blocked: list[str] = []
        seen: list[str] = []

        def offline(route: Any) -> None:
            url = route.request.url
            seen.append(url)
            if _is_local(url):
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        context.route("**/*", offline)
        context.add_init_script(RECORD_PROGRESS)
        page = context.new_page()
        result = Demo(page, fake, blocked, seen)
        page.route(f"{WORKER}/**", _worker_route(result))
        query = urllib.parse.urlencode({"api": fake.url})
        page.goto(f"{static.origin}/web_demo/index.html?{query}")
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=BOOT_MS)
        yield result
        context.close()
        browser.close()


def _text(demo: Demo, selector: str) -> str:
    return str(demo.page.inner_text(selector))


def _text_value(demo: Demo, selector: str) -> str:
    return str(demo.page.input_value(selector)).strip()


def test_page_loads_offline_from_the_bundle(demo: Demo) -> None:
    steps = _text(demo, "#progress-steps")
    for step in ("runtime", "wheels", "import"):
        assert f"{step}: " in steps  # each step's time is shown
    assert "Ready in" in _text(demo, "#progress-total")
    widths = [float(w.rstrip("%")) for w in demo.page.evaluate("window.__progress")]
    assert widths == sorted(widths) and widths[-1] == 100.0
    assert len([w for w in widths if 0 < w < 100]) >= 3  # it moved while loading
    assert demo.blocked == []
    assert any("/dist/pyodide/pyodide.asm.wasm" in u for u in demo.seen)
    assert any("openai_oxide-" in u and u.endswith(".whl") for u in demo.seen)


def test_worker_mode_streams_without_a_key(demo: Demo) -> None:
    page = demo.page
    page.check("input[name=mode][value=worker]")
    assert page.is_disabled("#ws-run") and page.is_disabled("#hedge-run")
    page.evaluate("delete document.body.dataset.chatDone")
    page.click("#chat-send")
    page.wait_for_function("document.body.dataset.chatDone === '1'", timeout=30_000)
    assert _text(demo, "#chat-output") == "Hello from the Worker"
    (request,) = [r for r in demo.worker_requests if r["body"]]  # one POST (plus preflight)
    assert request["url"] == f"{WORKER}/v1/chat"
    assert "authorization" not in request["headers"]
    assert json.loads(request["body"]) == {"input": _text_value(demo, "#chat-input")}
    page.evaluate("delete document.body.dataset.agentDone")
    page.click("#agent-run")
    page.wait_for_function("document.body.dataset.agentDone === '1'", timeout=30_000)
    assert "in the Worker, over websocket" in _text(demo, "#agent .status")
    assert "tool started: get_weather" in _text(demo, "#agent-log")
    assert page.locator("#agent-chart rect.span.tool").count() == 1
    assert _text(demo, "#agent-answer") == "21 C"
    assert demo.worker_requests[-1]["url"] == f"{WORKER}/v1/agent"
    page.check("input[name=mode][value=fake]")


def test_chat_streams(demo: Demo) -> None:
    page = demo.page
    page.evaluate(
        """() => {
        window.__chatLengths = [];
        const out = document.querySelector('#chat-output');
        new MutationObserver(() => window.__chatLengths.push(out.textContent.length))
          .observe(out, {childList: true, characterData: true, subtree: true});
    }"""
    )
    page.fill("#chat-input", "Stream this to the page")
    page.evaluate("delete document.body.dataset.chatDone")
    page.click("#chat-send")
    page.wait_for_function("document.body.dataset.chatDone === '1'", timeout=60_000)
    text = _text(demo, "#chat-output")
    assert "Stream this to the page" in text
    lengths = page.evaluate("window.__chatLengths")
    assert len([n for n in lengths if 0 < n < len(text)]) >= 3  # partial text was shown
    assert "deltas" in _text(demo, "#chat .status")


def test_agent_drives_the_in_page_browser(demo: Demo) -> None:
    page = demo.page
    before = page.evaluate("document.querySelector('.pb-url').textContent")
    page.check("#agent-browser")
    page.evaluate("delete document.body.dataset.agentDone")
    page.click("#agent-run")
    page.wait_for_function("document.body.dataset.agentDone === '1'", timeout=90_000)
    log = "\n".join(li.inner_text() for li in page.query_selector_all("#agent-log li"))
    assert "tool started: browser_navigate" in log and "approved browser navigate" in log
    after = page.evaluate("document.querySelector('.pb-url').textContent")
    # The fake model navigates to an address of its own: the page shows it (or "not found").
    navigate = next(
        e for e in demo.fake.journal if b"browser_navigate" in e.body and e.method == "POST"
    )
    names = {tool["name"] for tool in navigate.json["tools"]}
    assert {"get_weather", "browser_navigate", "browser_read_page", "browser_click"} <= names
    assert after != before or "Not found" in _text(demo, "#page-browser")
    page.uncheck("#agent-browser")


def test_agent_timeline_shows_a_tool_started_before_the_stream_ended(demo: Demo) -> None:
    page = demo.page
    page.evaluate("delete document.body.dataset.agentDone")
    page.click("#agent-run")
    page.wait_for_function("document.body.dataset.agentDone === '1'", timeout=90_000)
    log = [li.inner_text() for li in page.query_selector_all("#agent-log li")]
    started = [i for i, line in enumerate(log) if "tool started" in line]
    ended = [i for i, line in enumerate(log) if "stream ended" in line]
    assert started and ended and started[0] < ended[0]
    assert "before its stream ended" in _text(demo, "#agent .status")
    assert page.locator("#agent-chart rect.span.tool").count() >= 2
    assert page.locator("#agent-chart path.mark.parsed").count() >= 2
    assert _text(demo, "#agent-answer").strip()


def test_websocket_chart_renders_five_turns_each(demo: Demo) -> None:
    page = demo.page
    page.click("#ws-run")
    page.wait_for_function("document.body.dataset.wsDone === '1'", timeout=90_000)
    assert page.locator("#ws-chart rect.bar.http").count() == 5 + 1  # + the legend's
    assert page.locator("#ws-chart rect.bar.ws").count() == 5 + 1
    assert "5 turns: HTTP" in _text(demo, "#ws .status")
    ws_turns = [e for e in demo.fake.journal if b"WebSocket turn" in e.body]
    assert [e.method for e in ws_turns] == ["WS"] * 5  # never over HTTP


def test_hedging_chart_renders_p50_and_p99(demo: Demo) -> None:
    page = demo.page
    page.fill("#hedge-calls", "12")
    page.click("#hedge-run")
    page.wait_for_function("document.body.dataset.hedgeDone === '1'", timeout=120_000)
    assert page.locator("#hedge-chart rect.bar.plain").count() == 2 + 1
    assert page.locator("#hedge-chart rect.bar.hedged").count() == 2 + 1
    status = _text(demo, "#hedge .status")
    assert "p50" in status and "p99" in status and "extra requests" in status
    url = urllib.parse.urljoin(demo.fake.url + "/", "../__fake__/latency")
    with urllib.request.urlopen(url) as answer:
        assert json.load(answer)["tail_p"] == 0.0  # the page put the latency model back


def test_key_warning_appears_when_a_key_is_typed(demo: Demo) -> None:
    page = demo.page
    page.check("input[name=mode][value=key]")
    assert page.is_hidden("#key-warning")
    page.fill("#api-key", "sk-test-not-a-real-key-123")
    assert page.is_visible("#key-warning")
    assert "memory only" in _text(demo, "#key-warning")
    stored = page.evaluate(
        "JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + document.cookie"
    )
    assert "sk-test" not in stored
    refused = page.evaluate(
        """() => { try { window.oxideDemo.oxide.client({apiKey: 'sk-x'}); return null; }
                   catch (e) { return e.message; } }"""
    )
    assert refused is not None and "dangerouslyAllowBrowser" in refused
    assert "ephemeral key" in refused and "Worker" in refused
    # The Python client in the page refuses a secret key by itself too (docs/security.md).
    refused_py = page.evaluate(
        """() => { try { window.oxideDemo.oxide.pyodide.runPython(
                     "from openai_oxide import AsyncOpenAI\\nAsyncOpenAI(api_key='sk-x')");
                     return null; } catch (e) { return e.message; } }"""
    )
    assert refused_py is not None and "OpenAIError" in refused_py
    assert "ephemeral key" in refused_py and "dangerously_allow_browser=True" in refused_py
    # A chat in this mode goes to api.openai.com with the typed key, from the page itself
    # (answered here with a stream recorded from the fake).
    calls: list[dict[str, str]] = []
    page.route("https://api.openai.com/**", _openai_route(demo.fake.url, calls))
    page.fill("#chat-input", "Typed key")
    page.evaluate("delete document.body.dataset.chatDone")
    page.click("#chat-send")
    page.wait_for_function("document.body.dataset.chatDone === '1'", timeout=60_000)
    assert "Typed key" in _text(demo, "#chat-output")
    posts = [c for c in calls if c["method"] == "POST"]
    assert [c["url"] for c in posts] == ["https://api.openai.com/v1/responses"]
    assert posts[0]["authorization"] == "Bearer sk-test-not-a-real-key-123"
    page.click("#forget-key")
    assert page.is_hidden("#key-warning")
    page.check("input[name=mode][value=fake]")


def _openai_route(fake_url: str, calls: list[dict[str, str]]) -> Any:
    """Stands in for api.openai.com: the page's request is answered with the fake's own
    answer to the same body (CORS as OpenAI sends it)."""
    cors = {**_cors(), "access-control-allow-headers": "*"}

    def handle(route: Any) -> None:
        request = route.request
        calls.append(
            {
                "method": request.method,
                "url": request.url,
                "authorization": request.headers.get("authorization", ""),
            }
        )
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        forwarded = urllib.request.Request(
            f"{fake_url}/responses",
            data=(request.post_data or "").encode(),
            headers={
                "content-type": "application/json",
                "authorization": request.headers.get("authorization", ""),
            },
        )
        with urllib.request.urlopen(forwarded) as answer:
            headers = {**cors, "content-type": answer.headers["content-type"]}
            route.fulfill(status=answer.status, headers=headers, body=answer.read())

    return handle


def _variance(png: bytes) -> float:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L").resize((64, 64))
    return statistics.pvariance(image.tobytes())


@pytest.mark.parametrize("name,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_are_not_blank(demo: Demo, name: str, viewport: dict[str, int]) -> None:
    page = demo.page
    page.set_viewport_size(viewport)
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(full_page=True, path=str(SHOTS / f"{name}.png"))
    assert _variance(png) > 100.0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]  # nothing overflows sideways
    charts = page.query_selector_all("#ws-chart svg, #hedge-chart svg, #agent-chart svg")
    assert len(charts) == 3 and all(c.bounding_box()["width"] > 100 for c in charts)
