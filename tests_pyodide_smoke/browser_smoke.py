"""Host side of the browser smoke check (stdlib only; no Playwright needed).

    python tests_pyodide_smoke/browser_smoke.py FAKE_BASE_URL [--chromium /usr/bin/chromium]

Serves the repo root (with .wasm -> application/wasm, .mjs -> text/javascript), opens
wasm_bridge/index.html?script=/tests_pyodide_smoke/smoke.py&arg=FAKE in headless Chromium and
waits for the page to POST its result to /__result. Prints the Python output; exits with its
status.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT: dict = {}
DONE = threading.Event()


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".py": "text/plain; charset=utf-8",
    }

    def do_POST(self) -> None:
        if self.path != "/__result":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        RESULT.update(json.loads(body))
        self.send_response(204)
        self.end_headers()
        DONE.set()

    def log_message(self, fmt: str, *args: object) -> None:
        pass


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("fake_url")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=90)
    args = ap.parse_args()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(ROOT)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    query = urllib.parse.urlencode(
        {
            "script": "/tests_pyodide_smoke/smoke.py",
            "arg": args.fake_url,
            "report": f"{origin}/__result",
        }
    )
    url = f"{origin}/wasm_bridge/index.html?{query}"
    with tempfile.TemporaryDirectory() as profile:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                args.chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ok = DONE.wait(args.timeout)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        elapsed = time.perf_counter() - t0
    httpd.shutdown()
    if not ok:
        print(f"browser_smoke: no result from the page within {args.timeout} s", file=sys.stderr)
        return 1
    print(RESULT.get("output", ""))
    print(
        f"browser_smoke: rc={RESULT.get('rc')} timings={json.dumps(RESULT.get('timings'))} "
        f"(chromium start to result: {elapsed:.1f} s)"
    )
    return int(RESULT.get("rc", 1))


if __name__ == "__main__":
    sys.exit(main())
