"""The fake OpenAI server in a process of its own, for the benchmarks that must not share
a GIL with it."""

from __future__ import annotations

import subprocess
import sys

API_KEY = "bench-key-0000"  # not `sk-...`: a client in a page refuses a secret-shaped key


def start_server(keep_alive: float | None = None) -> tuple[subprocess.Popen[str], str]:
    """Start `python -m openai_oxide.testing` on a free port; return it and its base URL.
    `keep_alive`: the server's idle timeout in seconds (hypercorn's 5 s by default)."""
    cmd = [sys.executable, "-m", "openai_oxide.testing", "--port", "0", "--api-key", API_KEY]
    if keep_alive is not None:
        cmd += ["--keep-alive", str(keep_alive)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http"):
        proc.kill()
        sys.exit(f"fake server did not start: {line!r}")
    return proc, line
