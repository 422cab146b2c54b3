"""The web half of scripts/demo.sh: start the fake server and a static server for web_demo/,
print the demo's URL, then either keep serving (a display is there: open the URL) or, with
no display, load the page in headless Chromium and print what it streamed.

While serving it also runs the demo's Worker (worker/src in workerd 1.20240806.0, from
`npm ci`, when it can run here) in front of the fake, holding a made-up key as its secret,
so the page's "via Worker" mode works too.

Usage: .venv/bin/python scripts/demo_web.py [--headless | --serve] [--timeout S]
Needs dist/pyodide (build_wheels.sh) and, for the headless run, /usr/bin/chromium
(OXIDE_CHROMIUM overrides).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openai_oxide.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
sys.path.insert(0, str(ROOT / "worker" / "workerd"))
import chromium_page  # noqa: E402
import stage  # noqa: E402

WORKERD = ROOT / "node_modules" / "@cloudflare" / "workerd-linux-64" / "bin" / "workerd"


class WorkerUnavailable(RuntimeError):
    """workerd is not made for this platform (its npm package is linux-x64 only)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def worker_running(upstream: str, origin: str, key: str, timeout: float = 120.0) -> Iterator[str]:
    """The Worker in workerd on a free port, calling `upstream` with `key` as its secret
    and answering CORS for `origin`; yields its URL once it answers."""
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        raise WorkerUnavailable(f"workerd is pinned for linux-x64, not {platform.machine()}")
    if not WORKERD.is_file():
        raise FileNotFoundError(f"{WORKERD} is missing (npm ci installs it)")
    port = _free_port()
    bindings = {"OPENAI_API_KEY": key, "OPENAI_BASE_URL": upstream, "DEMO_ORIGIN": origin}
    with tempfile.TemporaryDirectory(prefix="oxide-workerd-") as tmp:
        config = stage.stage(Path(tmp), port, bindings)
        with (Path(tmp) / "workerd.log").open("w") as log:
            proc = subprocess.Popen(
                [WORKERD, "serve", config.name, "--experimental"],
                cwd=tmp,
                stdout=log,
                stderr=log,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                started = time.monotonic()
                while True:
                    try:
                        urllib.request.urlopen(url + "/nope", timeout=30)
                    except urllib.error.HTTPError:
                        break  # it answered (404)
                    except OSError:
                        if proc.poll() is not None or time.monotonic() - started > timeout:
                            text = (Path(tmp) / "workerd.log").read_text()
                            raise RuntimeError(f"workerd did not start:\n{text}") from None
                        time.sleep(0.25)
                yield url
            finally:
                proc.terminate()
                proc.wait(timeout=30)


def _chromium() -> str | None:
    found = os.environ.get("OXIDE_CHROMIUM") or shutil.which("chromium")
    return found or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _print_run(result: dict[str, Any]) -> int:
    steps = ", ".join(f"{k} {v / 1000:.2f} s" for k, v in result.get("steps", {}).items())
    print(f"   loaded in the page: {steps}")
    deltas = result.get("deltas") or []
    if result.get("error") or not deltas:
        print(f"   the page did not stream: {result.get('error') or 'no text'}")
        return 1
    print(f"   streamed {len(deltas)} deltas, the first {deltas[0]['at']:.0f} ms after sending:")
    print("   " + "".join(d["delta"] for d in deltas))
    return 0


def _serve(fake: FakeOpenAI, origin: str, page: str) -> int:
    """Serve until Ctrl-C, with the Worker in front of the fake when workerd can run."""
    with contextlib.ExitStack() as stack:
        try:
            worker = stack.enter_context(worker_running(fake.url, origin, "sk-demo-worker-key"))
            page += "&" + urllib.parse.urlencode({"worker": worker})
            print(f"   the demo's Worker (workerd, in front of the fake): {worker}")
        except (WorkerUnavailable, FileNotFoundError, RuntimeError) as exc:
            print(f"   (no Worker for the 'via Worker' mode: {str(exc).splitlines()[0]})")
        print(f"   open {origin}{page}\n   Ctrl-C stops the servers")
        # SIGTERM too leaves through the ExitStack, so workerd is stopped with us.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/demo_web.py")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--headless", action="store_true", help="load the page in headless Chromium")
    mode.add_argument("--serve", action="store_true", help="serve until Ctrl-C")
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args()
    display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    headless = args.headless or not (args.serve or display)

    fake = FakeOpenAI()
    with fake.running_in_thread(), chromium_page.serve(ROOT, ROOT / "web_demo") as static:
        page = "/web_demo/index.html?" + urllib.parse.urlencode({"api": fake.url})
        print("\n3. The web demo (Pyodide and the SDK from dist/pyodide, no CDN):")
        if not headless:
            return _serve(fake, static.origin, page)
        print(f"   {static.origin}{page}")
        chromium = _chromium()
        if chromium is None:
            print("   no display and no chromium: install it to see the page run headless")
            return 0
        print("   no display: loading it in headless Chromium…")
        try:
            result = static.open(chromium, f"{page}&autorun=chat", args.timeout)
        except chromium_page.PageError as exc:
            print(f"   {exc}")
            return 1
        return _print_run(result)


if __name__ == "__main__":
    sys.exit(main())
