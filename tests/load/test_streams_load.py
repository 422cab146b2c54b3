"""Many concurrent streams, half of them cancelled midway, then nothing leaked (issue 14,
item 4). The scenario and its checks are bench/bench_streams_load.py's (the benchmark
reports its figures); here it runs small enough for CI, 200 streams natively and 50 in
Pyodide on Node, without its timed phase, and every check is asserted. No timing is.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import bench_streams_load as load  # noqa: E402
from fake_server import start_server  # noqa: E402
from suite import BEGIN, END  # noqa: E402


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    """The fake in a process of its own: this process's descriptors are the client's."""
    proc, url = start_server()
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def _assert_held(result: dict[str, Any], streams: int) -> None:
    checks = result["checks"]
    assert result["streams"] == streams
    assert result["events_per_stream"] > load.STALL_AT  # cancelled ones stop midway
    assert checks["cancelled"] == streams // 2
    # Every check by name, so that a failure says which one.
    for name, value in checks.items():
        if isinstance(value, list):
            assert value == [], f"{name}: {value[:5]}"
    assert load.failures(result) == []


# A loaded CI machine serves 200 streams slowly; the Pyodide run may rebuild its bundle.
@pytest.mark.timeout(300)
def test_native_200_streams_half_cancelled_leave_nothing_open(fake_url: str) -> None:
    result = asyncio.run(load.measure("ours", fake_url, 200, timed=False))
    _assert_held(result, 200)
    assert result["checks"]["fds_after"] <= result["checks"]["fds_before"]


def test_a_stream_left_open_is_caught(fake_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks bite: streams whose `async with` never closes them (the context manager
    only opens) leave active connections in the pool and on the server."""

    class Leaky(load.SDK):
        def open(self, headers: dict[str, str]) -> Any:  # type: ignore[override]
            client = self.client

            class Opened:
                async def __aenter__(self) -> Any:
                    stream = await client.responses.create(**load.BODY, extra_headers=headers)
                    return ((e.type, getattr(e, "delta", None) or "") async for e in stream)

                async def __aexit__(self, *exc: object) -> None:
                    pass

            return Opened()

    def leaky(*args: Any) -> Leaky:
        sdk = made(*args)
        return Leaky(sdk.client, sdk.pool)

    made = load.make_client
    monkeypatch.setattr(load, "make_client", leaky)
    result = asyncio.run(load.measure("ours", fake_url, 4, timed=False, settle=0.5))
    checks = result["checks"]
    assert len(checks["pool_active_after_run"]) == 2
    assert len(checks["cancelled_connections_open_on_server"]) == 2
    assert "cancelled_connections_open_on_server" in load.failures(result)


@pytest.fixture(scope="module")
def bundle() -> Path:
    """dist/pyodide holding the current SDK wheel (~0.5 s when it is current)."""
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the Pyodide run needs Node >= 20")
    proc = subprocess.run(
        ["bash", "build_wheels.sh"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, f"build_wheels.sh failed:\n{proc.stdout}\n{proc.stderr}"
    return ROOT / "dist" / "pyodide"


@pytest.mark.timeout(600)
def test_pyodide_node_50_streams_half_cancelled_leave_nothing_open(
    fake_url: str, bundle: Path
) -> None:
    cmd = ["node", "wasm_bridge/run_node.mjs", "bench/pyodide_main.py", "bench_streams_load"]
    cmd += [fake_url, "--streams", "50", "--clients", "ours", "--timed", "0"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.split(BEGIN, 1)[1].split(END, 1)[0])
    result = out["levels"]["50"]["ours"]
    _assert_held(result, 50)
    assert result["failed"] == []
