"""How the Pyodide transport ends a streamed fetch (`_transport/jsfetch.py`), in Pyodide on
Node against the fake server, with this checkout's package ahead of the bundle's.

A stream read to its end signal (`data: [DONE]`) is closed with the end of its body one
read away. Aborting it then cost 1-3 ms of client CPU a stream in Node (the abort's error
travels through fetch and the read-ahead task); the transport lets that read finish
instead, and still aborts a body that goes on (a stream left early) or that stays silent
past its drain wait (a server that never closes)."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import asyncio, json, sys
sys.path.insert(0, sys.argv[2])
from openai_oxide import AsyncOpenAI

def fault(**f):
    return {"extra_headers": {"x-fake-fault": json.dumps(f)}}

async def case(c, close_early=False, **kwargs):
    stream = await c.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True, **kwargs
    )
    chunks = 0
    async for _ in stream:
        chunks += 1
        if close_early:
            break
    await stream.close()
    response = stream._transport_response
    aborted_at_close = bool(response._controller.signal.aborted)
    await asyncio.sleep(0.5)  # past the drain wait
    return {"chunks": chunks, "aborted_at_close": aborted_at_close,
            "aborted": bool(response._controller.signal.aborted)}

async with AsyncOpenAI(api_key="test-key", base_url=sys.argv[1], max_retries=0) as c:
    out = {
        "to_the_end": await case(c),
        "left_early": await case(c, close_early=True, **fault(delay_between_events=0.05)),
        "never_closes": await case(c, **fault(stall_after_events=1000)),
    }
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    fake.start_in_thread()
    try:
        yield fake
    finally:
        fake.stop()


def _journal(server: FakeOpenAI) -> list[dict[str, Any]]:
    with urllib.request.urlopen(server.url.removesuffix("/v1") + "/__fake__/journal") as resp:
        entries: list[dict[str, Any]] = json.loads(resp.read())
    return entries


def test_a_stream_read_to_its_end_is_not_aborted_and_others_are(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    if shutil.which("node") is None or not (ROOT / "dist" / "pyodide").is_dir():
        pytest.fail("node and the Pyodide bundle are needed: run build_wheels.sh")
    script = tmp_path / "close.py"
    script.write_text(SCRIPT)
    args = [str(script), server.url, str(ROOT / "pkg")]
    proc = subprocess.run(
        ["node", "wasm_bridge/run_node.mjs", "--mount", str(tmp_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    end, early, silent = out["to_the_end"], out["left_early"], out["never_closes"]
    assert end["chunks"] > 1 and early["chunks"] == 1 and silent["chunks"] > 1
    # the body's end came with the read already pending: nothing to abort
    assert end == {**end, "aborted_at_close": False, "aborted": False}
    # left early: aborted once the next chunk shows the body goes on
    assert early["aborted"]
    # the end signal, then silence: not aborted at once, aborted after the drain wait
    assert silent == {**silent, "aborted_at_close": False, "aborted": True}
    entries = _journal(server)
    assert [(e["completed"], e["disconnected"]) for e in entries] == [
        (True, False),
        (False, True),
        (False, True),  # the fake never finishes that body
    ]
