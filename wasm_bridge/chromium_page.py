"""Run a Python file in headless Chromium through index.html and return what the page
POSTs back ({"rc", "output", "timings"}). Stdlib only; used by tests_browser/test_targets.py
and bench/run_all.py.

A stdlib server in this process serves the repo root (index.html, the bundle, the script
and its siblings), `fixtures` under /__fixtures__/ and POST /__result. Everything started
here is stopped here.
"""

from __future__ import annotations

import functools
import json
import subprocess
import tempfile
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["HEADLESS_ARGS", "PageError", "PageServer", "run_page", "serve"]

# Debian's chromium, headless, quiet and offline-friendly (also Playwright's launch args).
HEADLESS_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


class PageError(RuntimeError):
    """No result from the page in time (the message holds Chromium's stderr tail)."""


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".py": "text/plain; charset=utf-8",
        ".json": "application/json",
    }
    fixtures: Path
    results: dict[str, Any]
    done: threading.Event

    def translate_path(self, path: str) -> str:
        prefix = "/__fixtures__/"
        if path.startswith(prefix):
            rel = urllib.parse.unquote(path[len(prefix) :].split("?", 1)[0])
            target = (self.fixtures / rel).resolve()
            if self.fixtures.resolve() in target.parents:
                return str(target)
            return str(self.fixtures / "__forbidden__")
        return super().translate_path(path)

    def do_POST(self) -> None:
        if self.path != "/__result":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.results.update(json.loads(body))
        self.send_response(204)
        self.end_headers()
        self.done.set()

    def log_message(self, fmt: str, *args: object) -> None:
        pass


class PageServer:
    """The running server: `origin`, and `fixtures_url` for the script's arguments."""

    def __init__(self, origin: str, handler: type[_Handler]) -> None:
        self.origin = origin
        self.fixtures_url = f"{origin}/__fixtures__"
        self._handler = handler

    def run(
        self,
        chromium: str,
        script: str,
        args: list[str],
        timeout: float,
        packages: list[str] | None = None,
    ) -> dict[str, Any]:
        """Open index.html running `script` (a path under the root) with `args`, after
        loading `packages` (default: index.html's, openai-oxide)."""
        query = urllib.parse.urlencode(
            [
                ("script", script),
                *(("arg", a) for a in args),
                *([("packages", ",".join(packages))] if packages is not None else []),
            ]
        )
        return self.open(chromium, f"/wasm_bridge/index.html?{query}", timeout)

    def open(self, chromium: str, page: str, timeout: float) -> dict[str, Any]:
        """Open `page` (a path and query under the root; `report=<POST URL>` is added) in
        headless Chromium and return what the page POSTs there."""
        sep = "&" if "?" in page else "?"
        url = f"{self.origin}{page}{sep}" + urllib.parse.urlencode(
            {"report": f"{self.origin}/__result"}
        )
        self._handler.done.clear()  # one server may run several pages, one at a time
        self._handler.results.clear()
        with tempfile.TemporaryDirectory(prefix="oxide-chromium-") as profile:
            proc = subprocess.Popen(
                [
                    chromium,
                    *HEADLESS_ARGS,
                    f"--user-data-dir={profile}",
                    "--remote-debugging-port=0",
                    url,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                ok = self._handler.done.wait(timeout)
                exited = proc.poll()
            finally:
                proc.terminate()
                try:
                    _, stderr = proc.communicate(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    _, stderr = proc.communicate()
        if not ok:
            tail = stderr.decode("utf-8", "replace")[-3000:]
            raise PageError(
                f"no result from the Chromium page within {timeout} s "
                f"(chromium exit status {exited}); chromium stderr:\n{tail}"
            )
        return dict(self._handler.results)


@contextmanager
def serve(root: Path, fixtures: Path) -> Iterator[PageServer]:
    handler: type[_Handler] = type(
        "Handler", (_Handler,), {"fixtures": fixtures, "results": {}, "done": threading.Event()}
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield PageServer(f"http://127.0.0.1:{httpd.server_address[1]}", handler)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def run_page(
    chromium: str,
    root: Path,
    fixtures: Path,
    script: str,
    args: Callable[[PageServer], list[str]],
    timeout: float,
) -> dict[str, Any]:
    """Serve, run one page, stop: the page's result. `args` gets the server (for its URLs)."""
    with serve(root, fixtures) as server:
        return server.run(chromium, script, args(server), timeout)
