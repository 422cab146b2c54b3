"""The `html` samples of the README and docs/ run as pages in headless Chromium.

Each sample is served from the repository root (build/doc_samples/), so its
`/wasm_bridge/...` and `/dist/pyodide/` URLs resolve to the offline bundle; the placeholder
proxy URL `https://your-proxy.example/v1` is replaced by the fake server's, and nothing
else. A page sample shows its result in `#out`: the test waits for it, and fails on any
page error or a request that leaves the machine. A sample that cannot run so carries a
marker (tests/docs/markdown_samples.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from docs.markdown_samples import ROOT, RUN_IN_PAGE, samples
from openai_oxide.testing import FakeOpenAI

sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.timeout(600)

PROXY = "https://your-proxy.example/v1"
BOOT_MS = 180_000
PAGE_SAMPLES = [b for b in samples() if b.lang in RUN_IN_PAGE and b.marker is None]


@pytest.mark.parametrize("block", PAGE_SAMPLES, ids=lambda b: b.where)
def test_a_page_sample_runs_in_chromium(
    block: Any, bundle: Path, launch_chromium: Callable[[Any], Any]
) -> None:
    assert PROXY in block.code, f"{block.where}: a page sample calls {PROXY}"
    out = ROOT / "build" / "doc_samples"
    out.mkdir(parents=True, exist_ok=True)
    name = block.where.replace("/", "_").replace(":", "_") + ".html"
    fake = FakeOpenAI()
    errors: list[str] = []
    remote: list[str] = []
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, out) as static,
        sync_api.sync_playwright() as pw,
    ):
        (out / name).write_text(block.code.replace(PROXY, fake.url), encoding="utf-8")
        browser = launch_chromium(pw)
        page = browser.new_page()

        def local_only(route: Any) -> None:
            if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
                route.continue_()
            else:
                remote.append(route.request.url)
                route.abort()

        page.route("**/*", local_only)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{static.origin}/build/doc_samples/{name}")
        try:
            page.wait_for_function(
                "document.getElementById('out')?.textContent.length > 0", timeout=BOOT_MS
            )
        finally:
            shown = page.evaluate("document.getElementById('out')?.textContent ?? ''")
            browser.close()
        journal = fake.journal
    assert not errors and not remote, f"{block.where}: {errors} {remote}"
    assert shown.strip() and journal, f"{block.where}: nothing reached the fake or the page"


def test_the_page_samples_are_found() -> None:
    assert len(PAGE_SAMPLES) >= 2, "the extraction broke"
