"""The API key never appears in anything the SDK says: the suites that send a key run
in a child pytest with a canary key at OPENAI_LOG=debug, and everything captured is grepped
for it (see canary_plugin.py for what is captured)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
CANARY = "sk-proj-CANARY0x5e1f-" + "9" * 40  # shaped like a real project key
# Every suite where a key travels: requests, retries and errors, streams, raw responses,
# logging, every endpoint, the module client, the sync client, Azure and Bedrock, the
# WebSocket session and its HTTP fallback, the helpers and the tool runner, the lite client,
# both transports. Left out: the timing tests (their bounds do not hold with every logger at
# DEBUG), the mypy runs of test_sync_types and the Playwright driver (no key there).
SUITES = ["client", "endpoints", "providers", "ws", "lib", "lite", "transport"]
SKIP = ["client/test_timeouts.py", "client/test_timing.py", "client/test_sync_types.py",
        "lib/test_browser_playwright.py"]  # fmt: skip


@pytest.mark.timeout(900)
def test_no_path_says_the_key(tmp_path: Path) -> None:
    out = tmp_path / "said.txt"
    env = {
        **os.environ,
        "OPENAI_API_KEY": CANARY,
        "OPENAI_LOG": "debug",
        "OXIDE_CANARY_KEY": CANARY,
        "OXIDE_CANARY_OUT": str(out),
        "PYTHONPATH": str(Path(__file__).parent),
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", *[str(TESTS / s) for s in SUITES], "-p", "canary_plugin",
         *[f"--ignore={TESTS / s}" for s in SKIP],
         "-q", "-rA", "--showlocals", "-p", "no:cacheprovider"],
        env=env, capture_output=True, text=True, timeout=900, cwd=TESTS.parent,
    )  # fmt: skip
    said = out.read_text(encoding="utf-8") + run.stdout + run.stderr
    assert run.returncode == 0, run.stdout[-3000:]
    assert "passed" in run.stdout
    # The run did exercise the key: clients, errors and debug logs were captured.
    for marker in (" client ", " error ", "openai_oxide DEBUG"):
        assert marker in said
    leaks = [line for line in said.splitlines() if CANARY in line or CANARY[-20:] in line]
    assert not leaks, "\n".join(leaks[:20])
