"""`micropip.install(<our wheel URL>)` into a stock Pyodide of the same version (issue 13
item 7), in Chromium: the page (wasm_bridge/stock_micropip.html) loads only Pyodide's own
distribution (wasm_bridge/make_stock.py: the npm package's files and lock) plus our wheel,
then calls the fake server through the SDK.
"""

from __future__ import annotations

import json
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402
import make_stock  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.timeout(300)


def test_micropip_installs_our_wheel_into_stock_pyodide(
    bundle: Path, launch_chromium: Callable[[Any], Any]
) -> None:
    stock = make_stock.build(ROOT / "build" / "stock-pyodide")
    wheel = next((ROOT / "dist").glob("openai_oxide-*.whl"))
    requests: list[str] = []
    fake = FakeOpenAI()
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, ROOT / "web_demo") as static,
        sync_api.sync_playwright() as pw,
    ):
        browser = launch_chromium(pw)
        page = browser.new_page()

        def record(route: Any) -> None:
            requests.append(route.request.url)
            host = urllib.parse.urlsplit(route.request.url).hostname
            route.continue_() if host == "127.0.0.1" else route.abort()

        page.route("**/*", record)
        query = urllib.parse.urlencode(
            {
                "index": f"/{stock.relative_to(ROOT)}/",
                "wheel": f"/dist/{wheel.name}",
                "api": fake.url,
            }
        )
        page.goto(f"{static.origin}/wasm_bridge/stock_micropip.html?{query}")
        page.wait_for_function("document.body.dataset.done", timeout=240_000)
        text = page.inner_text("#out")
        done = page.evaluate("document.body.dataset.done")
        browser.close()
    assert done == "ok", text
    result = json.loads(text)
    assert "stock Pyodide" in result["text"] and result["python"].startswith("3.14")
    installed = {name.replace("_", "-").lower() for name in result["installed"]}
    assert {"openai-oxide", "pydantic", "pydantic-core", "micropip"} <= installed
    paths = [urllib.parse.urlsplit(u).path for u in requests]
    assert all(urllib.parse.urlsplit(u).hostname == "127.0.0.1" for u in requests)
    assert not any(p.startswith("/dist/pyodide/") for p in paths)  # not our bundle
    assert f"/dist/{wheel.name}" in paths
    assert any(p.startswith("/build/stock-pyodide/pydantic_core-") for p in paths)
    assert [e.path for e in fake.journal] == ["/v1/responses"]
