"""The web half of the README's first command (scripts/demo.sh runs scripts/demo_web.py after
the native demo): with no display it serves the demo, loads it in headless Chromium and
prints what the page streamed from the fake server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.timeout(300)


def test_demo_prints_the_url_and_what_the_page_streamed(bundle: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo_web.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert re.search(r"http://127\.0\.0\.1:\d+/web_demo/index\.html\?api=http", out)
    assert "no display: loading it in headless Chromium" in out
    match = re.search(r"streamed (\d+) deltas", out)
    assert match and int(match.group(1)) > 1
    assert "Tell me about WebAssembly in one paragraph." in out  # the fake echoes the input
    for step in ("runtime", "wheels", "import"):
        assert re.search(rf"{step} \d+\.\d\d s", out)
