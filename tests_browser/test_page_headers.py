"""CORS-safe by default (issue 14 item 5), in real Chromium: the SDK in a page, and in a
Web Worker of that page, calls a fake server on another origin whose preflight allows only
the headers a request needs (as many OpenAI-compatible servers do). A call, a stream, a
retry, a file upload and the JS API must all pass without a refused preflight, and each
request must carry exactly the documented names (docs/security.md, "CORS").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.journal import JournalEntry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.timeout(600)

# The short allow list: what the SDK needs from a page, nothing more.
ALLOWED = ("authorization", "content-type", "openai-organization", "openai-project")
# What Chromium adds by itself (never the SDK's choice).
BROWSER = {"host", "connection", "content-length", "origin", "referer", "user-agent",
           "accept-encoding", "accept-language", "sec-fetch-mode", "sec-fetch-site",
           "sec-fetch-dest", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform"}  # fmt: skip
BOOT_MS = 240_000

# Runs in Pyodide (the page's or the Web Worker's) with `BASE`, `MARK` and `MODEL` set: a
# call, a stream, a retry (the fake answers /models/MODEL 500 once) and an upload; returns
# a JSON summary.
SDK_CALLS = """
import json
from openai_oxide import AsyncOpenAI

async def _calls():
    out = {}
    async with AsyncOpenAI(api_key="ek_page_test", base_url=BASE, organization="org-1",
                           project="proj-1", max_retries=2) as client:
        response = await client.responses.create(model="gpt-4o", input="page call " + MARK)
        out["call"] = response.output_text
        stream = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "page stream " + MARK}],
            stream=True)
        out["stream"] = "".join([c.choices[0].delta.content or "" async for c in stream
                                 if c.choices])
        model = await client.models.with_raw_response.retrieve(MODEL)
        out["retries"] = model.retries_taken
        uploaded = await client.files.create(file=("notes.txt", b"hello " + MARK.encode()),
                                             purpose="assistants")
        out["upload"] = uploaded.filename
    return json.dumps(out)

await _calls()
"""

# In a module Web Worker: boot the SDK, run SDK_CALLS, post the summary (or the error).
WORKER = """
import { loadOxide } from "/wasm_bridge/oxide.mjs";
self.onmessage = async ({ data }) => {
  try {
    const oxide = await loadOxide({ bundleURL: data.bundle });
    oxide.pyodide.globals.set("BASE", data.base);
    oxide.pyodide.globals.set("MARK", "worker");
    oxide.pyodide.globals.set("MODEL", "gpt-4.1");
    self.postMessage({ ok: await oxide.pyodide.runPythonAsync(data.code) });
  } catch (err) {
    self.postMessage({ error: String(err && err.stack || err) });
  }
};
"""

PAGE = """
async ({ base, code, bundle }) => {
  const { loadOxide } = await import("/wasm_bridge/oxide.mjs");
  const oxide = await loadOxide({ bundleURL: bundle });
  oxide.pyodide.globals.set("BASE", base);
  oxide.pyodide.globals.set("MARK", "page");
  oxide.pyodide.globals.set("MODEL", "gpt-4o");
  const python = JSON.parse(await oxide.pyodide.runPythonAsync(code));
  const client = oxide.client({ baseURL: base });
  const text = await client.createText({ model: "gpt-4.1-mini", input: "js api call" });
  const types = [];
  for await (const event of client.stream({ model: "gpt-4.1-mini", input: "js api stream" })) {
    types.push(event.type);
  }
  const worker = new Worker("/__fixtures__/worker.mjs", { type: "module" });
  const inWorker = await new Promise((resolve) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (event) => resolve({ error: String(event.message) });
    worker.postMessage({ base, code, bundle });
  });
  worker.terminate();
  return { python, js: { text, last: types.at(-1) }, worker: inWorker };
}
"""


class Run:
    def __init__(self, out: dict[str, Any], fake: FakeOpenAI, console: list[str]) -> None:
        self.out = out
        self.fake = fake
        self.console = console

    def sent(self, marker: str) -> list[JournalEntry]:
        return [e for e in self.fake.journal if marker.encode() in e.body]


@pytest.fixture(scope="module")
def run(
    bundle: Path, launch_chromium: Callable[[Any], Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Run]:
    # The page and the worker come from the static server itself (as /__fixtures__/): a
    # document Playwright made up has no address space, and Chromium then refuses its calls
    # to a loopback server (Local Network Access).
    files = tmp_path_factory.mktemp("page")
    (files / "page.html").write_text("<!doctype html><title>page</title>")
    (files / "worker.mjs").write_text(WORKER)
    fake = FakeOpenAI(cors_allow_headers=ALLOWED)
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, files) as static,
        sync_api.sync_playwright() as pw,
    ):
        # The model lookup answers 500 once in the page and once in the worker: each retries.
        fake.inject(Fault(status=500, match="/v1/models/gpt-4o"))
        fake.inject(Fault(status=500, match="/v1/models/gpt-4.1"))
        browser = launch_chromium(pw)
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.on("requestfailed", lambda request: console.append(f"failed: {request.url}"))
        page.goto(f"{static.fixtures_url}/page.html")
        page.set_default_timeout(BOOT_MS)
        args = {"base": fake.url, "code": SDK_CALLS, "bundle": f"{static.origin}/dist/pyodide/"}
        try:
            out = page.evaluate(PAGE, args)
        except sync_api.Error as exc:  # say what the server was asked and what it refused
            pytest.fail(f"{exc.message[:2000]}\npreflights: {fake.preflights}\n{console}")
        finally:
            browser.close()
        yield Run(out, fake, console)


def test_every_call_passes_the_short_allow_list(run: Run) -> None:
    python = run.out["python"]
    assert "page call page" in python["call"]
    assert "page stream page" in python["stream"]
    assert python["retries"] == 1  # the 500 was retried
    assert python["upload"] == "notes.txt"
    assert "js api call" in run.out["js"]["text"]
    assert run.out["js"]["last"] == "response.completed"
    worker = run.out["worker"]
    assert "error" not in worker, worker["error"]
    assert json.loads(worker["ok"]) == {**python, "call": python["call"].replace(
        "page call page", "page call worker"), "stream": python["stream"].replace(
        "page stream page", "page stream worker")}  # fmt: skip


def test_no_preflight_was_refused(run: Run) -> None:
    assert run.fake.preflights, "every SDK request from a page is preflighted"
    refused = [p for p in run.fake.preflights if p.refused]
    assert not refused, refused
    assert not [m for m in run.console if "Access-Control" in m or m.startswith("failed:")]


def _names(entry: JournalEntry) -> set[str]:
    return set(entry.headers) - BROWSER


def test_each_request_carries_only_what_it_needs(run: Run) -> None:
    need = {"accept", "authorization", "openai-organization", "openai-project"}
    for mark in ("page", "worker"):
        (call,) = run.sent(f"page call {mark}")
        assert _names(call) == need | {"content-type"}
        (stream,) = run.sent(f"page stream {mark}")
        assert _names(stream) == need | {"content-type"}
        assert stream.headers["accept"] == "text/event-stream"
        (upload,) = run.sent(f"hello {mark}")
        assert _names(upload) == need | {"content-type"}
        assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    models = [e for e in run.fake.journal if e.path.startswith("/v1/models/")]
    assert [e.status for e in models] == [500, 200, 500, 200]
    assert all(_names(e) == need for e in models)
    for marker in ("js api call", "js api stream"):
        (entry,) = run.sent(marker)
        assert _names(entry) == {"accept", "authorization", "content-type"}


def test_the_documented_chromium_differences_are_in_the_security_doc() -> None:
    """No Chromium needed: every scenario that differs in a page by design is named where
    the page's headers are described."""
    sys.path.insert(0, str(HERE))
    __import__("scenarios")  # first: it imports http_scenarios, which imports it back
    import http_scenarios

    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for name, (why, differs) in http_scenarios.IN_A_PAGE.items():
        assert f"`{name}`" in doc and why and differs, name
