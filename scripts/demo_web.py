"""The web half of scripts/demo.sh: start the fake server and a static server for web_demo/,
print the demo's URL, then either keep serving (a display is there: open the URL) or, with
no display, load the page in headless Chromium and print what it streamed.

Usage: .venv/bin/python scripts/demo_web.py [--headless | --serve] [--timeout S]
Needs dist/pyodide (build_wheels.sh) and, for the headless run, /usr/bin/chromium
(OXIDE_CHROMIUM overrides).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any

from openai_oxide.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402


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
        print(f"   {static.origin}{page}")
        if not headless:
            print("   open it in a browser; Ctrl-C stops the servers")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                return 0
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
