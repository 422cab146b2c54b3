"""Runs the Workers-shaped check (bash worker/test.sh, ~10-15 s) from pytest.

worker/test.sh hosts worker/src/entry.py under Pyodide 314 in Node with the vendored
workers-runtime-sdk and checks it against the fake server; see worker/README.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(300)  # boots Pyodide, may refresh dist/pyodide; ~10-15 s when warm
def test_worker_module_under_pyodide_in_node() -> None:
    env = {**os.environ, "PYTHON": sys.executable}
    proc = subprocess.run(
        ["bash", str(ROOT / "worker" / "test.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = proc.stdout.strip().splitlines()
    summary = lines[-1] if lines else "(no output)"
    assert proc.returncode == 0 and summary.endswith(" 0 failed"), (
        f"worker/test.sh exited {proc.returncode}: {summary}\n"
        f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr[-4000:]}"
    )
