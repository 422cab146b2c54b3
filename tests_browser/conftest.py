"""Fixtures shared by the Pyodide-hosted tests (the scenario suite, the JS API, the web demo)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("OXIDE_CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402


@pytest.fixture(scope="session")
def bundle() -> Path:
    """dist/pyodide, rebuilt so that it holds the current SDK wheel (~0.5 s when current)."""
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the Pyodide targets need Node >= 20")
    proc = subprocess.run(
        ["bash", str(ROOT / "build_wheels.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0:
        pytest.fail(f"build_wheels.sh failed:\n{proc.stdout}\n{proc.stderr}")
    lock = ROOT / "dist" / "pyodide" / "pyodide-lock.json"
    assert lock.is_file(), "build_wheels.sh did not produce dist/pyodide/pyodide-lock.json"
    return lock.parent


@pytest.fixture(scope="session")
def launch_chromium() -> Callable[[Any], Any]:
    """`launch_chromium(playwright)`: Debian's chromium through Playwright (whose own
    `playwright install` cannot download here), with the flags chromium_page uses."""

    def launch(pw: Any) -> Any:
        return pw.chromium.launch(executable_path=CHROMIUM, args=list(chromium_page.HEADLESS_ARGS))

    return launch
