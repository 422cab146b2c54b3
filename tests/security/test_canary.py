"""The API key never appears in anything the SDK says: the client and lib test suites run
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
# Where keys travel: requests, retries and errors, streams, raw responses, logging, the
# WebSocket session and its HTTP fallback, the helpers, both transports (about 1 CPU-minute;
# the whole of tests/client and tests/ws took 5 on the shared VM, with timing tests flaking).
SUITES = ["client/test_secrets.py", "client/test_retries.py", "client/test_streams_e2e.py",
          "client/test_logging.py", "client/test_raw_responses.py", "client/test_config.py",
          "ws/test_session.py", "ws/test_fallback.py", "lib/test_responses_helpers.py",
          "transport"]  # fmt: skip


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
