"""The Playwright browser driver against a local page served by the test, through the
async browser toolset, with the system Chromium (no browser download). Skipped only
where playwright or a Chromium is missing."""

from __future__ import annotations

import base64
import json
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from openai_oxide.lib.browser import AsyncBrowserToolset

pytest.importorskip("playwright.async_api", reason="the playwright extra is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine", allow_module_level=True)

from openai_oxide.lib.browser_playwright import PlaywrightBrowser  # noqa: E402

PAGE = b"""<!doctype html><title>Counter</title>
<h1>Counter</h1><p id="count">count: 0</p>
<button onclick="let p=document.getElementById('count');
  p.textContent='count: '+(Number(p.textContent.split(' ')[1])+1)">Add one</button>
<input aria-label="Name" oninput="document.getElementById('hello').textContent='hi '+this.value">
<p id="hello"></p>"""


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: Any) -> None:  # keep pytest output quiet
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/counter?token=secret"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
async def browser() -> AsyncIterator[AsyncBrowserToolset]:
    async def confirm(context: Any) -> bool:
        return True

    async def url_policy(context: Any, url: str) -> bool:
        return url.startswith("http://127.0.0.1:")

    async with PlaywrightBrowser.launch(executable_path=CHROMIUM, args=["--no-sandbox"]) as driver:
        yield AsyncBrowserToolset(driver, confirm=confirm, url_policy=url_policy)


async def step(browser: AsyncBrowserToolset, member: str, **arguments: Any) -> dict[str, Any]:
    call = {
        "type": "function_call",
        "call_id": f"call_{member}",
        "name": f"browser_{member}",
        "arguments": json.dumps(arguments),
    }
    output = await browser.execute(call)  # type: ignore[arg-type]
    report: dict[str, Any] = json.loads(output["output"][0]["text"])
    report["blocks"] = output["output"][1:]
    return report


async def test_a_real_page_through_the_toolset(browser: AsyncBrowserToolset, site: str) -> None:
    opened = await step(browser, "navigate", url=site, tab_id=None)
    assert opened["ok"], opened
    origin = site.split("/counter")[0]
    assert opened["state"]["tabs"] == [
        {"id": "tab1", "title": "Counter", "url": origin, "active": True}
    ]  # the path and its token never reach the model
    read = await step(browser, "read_page", tab_id=None, filter="interactive")
    refs = dict(reversed(line[1:].split("] ", 1)) for line in read["result"].splitlines())
    assert set(refs) == {'button "Add one"', 'input "Name"'}
    for _ in range(2):
        assert (await step(browser, "click", target=refs['button "Add one"'], tab_id=None))["ok"]
    typed = await step(browser, "type", text="Ada", target=refs['input "Name"'], tab_id=None)
    assert typed["ok"]
    text = (await step(browser, "get_page_text", tab_id=None))["result"]
    assert "count: 2" in text and "hi Ada" in text
    shot = await step(browser, "screenshot", tab_id=None)
    (image,) = shot["blocks"]
    png = base64.b64decode(image["image_url"].removeprefix("data:image/png;base64,"))
    assert image["type"] == "input_image" and png.startswith(b"\x89PNG")
    # A selector instead of a ref and a refused URL are errors the model sees.
    bad = await step(browser, "click", target="#count", tab_id=None)
    assert bad["error"] == "Targets are refs from a read (e1, e2, ...)."
    refused = await step(browser, "navigate", url="https://example.com/", tab_id=None)
    assert refused["error"] == "Browser navigation was not approved."
    assert (await step(browser, "new_tab", url=None))["state"]["tabs"][1]["active"]
