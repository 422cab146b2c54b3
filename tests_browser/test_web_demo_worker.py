"""The web demo's "via Worker" mode end to end, in Chromium: the page calls the real Worker
(worker/src in workerd 1.20240806.0, offline, staged by worker/workerd/stage.py), which
holds the key as a secret and calls the fake server. The key never reaches the page.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
sys.path.insert(0, str(ROOT / "scripts"))
import chromium_page  # noqa: E402
import demo_web  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api")

SECRET = "sk-worker-secret-for-the-demo-0123"

pytestmark = pytest.mark.timeout(600)


@contextmanager
def _worker(upstream: str, origin: str) -> Iterator[str]:
    """The Worker in workerd (skipped only where workerd is not made for the platform)."""
    try:
        with demo_web.worker_running(upstream, origin, SECRET) as url:
            yield url
    except demo_web.WorkerUnavailable as exc:
        pytest.skip(str(exc))


def test_demo_streams_and_runs_the_agent_through_the_worker(
    bundle: Path, launch_chromium: Callable[[Any], Any]
) -> None:
    fake = FakeOpenAI()
    sent: list[Any] = []
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, ROOT / "web_demo") as static,
        _worker(fake.url, static.origin) as worker,
        sync_api.sync_playwright() as pw,
    ):
        browser = launch_chromium(pw)
        page = browser.new_page()
        page.on("request", lambda request: sent.append(request))
        query = urllib.parse.urlencode({"mode": "worker", "worker": worker})
        page.goto(f"{static.origin}/web_demo/index.html?{query}")
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=180_000)
        page.fill("#chat-input", "Hello through the Worker")
        page.click("#chat-send")
        page.wait_for_function("document.body.dataset.chatDone === '1'", timeout=120_000)
        chat = page.inner_text("#chat-output")
        page.click("#agent-run")
        page.wait_for_function("document.body.dataset.agentDone === '1'", timeout=120_000)
        status = page.inner_text("#agent .status")
        log = [li.inner_text() for li in page.query_selector_all("#agent-log li")]
        tool_spans = page.locator("#agent-chart rect.span.tool").count()
        html = page.content()
        browser.close()
    assert "Hello through the Worker" in chat  # the fake echoes the input
    assert "before its stream ended (in the Worker, over" in status
    started = next(i for i, line in enumerate(log) if "tool started" in line)
    ended = next(i for i, line in enumerate(log) if "stream ended" in line)
    assert started < ended and tool_spans == 2
    # The Worker, not the page, held the key: the fake saw it, the page never did.
    # (workerd's WebSocket cannot set headers: there the key is the subprotocol, as in a page)
    upstream = [e for e in fake.journal if e.path == "/v1/responses"]
    assert {e.method for e in upstream} == {"POST", "WS"}
    for e in upstream:
        auth = e.headers.get("authorization") or e.headers.get("sec-websocket-protocol", "")
        assert auth in (f"Bearer {SECRET}", f"openai-insecure-api-key.{SECRET}")
    to_worker = [r for r in sent if r.url.startswith(worker)]
    assert {urllib.parse.urlsplit(r.url).path for r in to_worker} >= {"/v1/chat", "/v1/agent"}
    assert all("authorization" not in r.headers for r in to_worker)
    assert SECRET not in html
    assert not any(r.url.startswith(fake.url) for r in sent)  # the page never called the API
