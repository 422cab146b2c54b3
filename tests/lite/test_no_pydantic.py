"""The lite client without pydantic: the lite scenarios run in a process where pydantic
cannot be imported and tell the same story as in this one (where pydantic is loaded)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from openai_oxide.testing import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests_browser"))

import lite_scenarios  # noqa: E402


def _in_process(base_url: str) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        return {name: await f(base_url) for name, f in lite_scenarios.SCENARIOS.items()}

    return asyncio.run(run())


def test_lite_scenarios_without_pydantic_match_the_in_process_run(
    fake: FakeOpenAI,
) -> None:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("no_pydantic_run.py")), fake.url],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pydantic_modules"] == [] and out["typed_modules"] == []
    assert out["codec"] != "pydantic-core"
    isolated = out["transcripts"]
    assert set(isolated) == set(lite_scenarios.SCENARIOS)
    for name, t in isolated.items():
        assert "unexpected" not in t, (name, t)
    # What the scenarios found without pydantic is what they find with it.
    assert isolated == _in_process(fake.url)
    early = isolated["lite_early_parse"]["events"]
    assert [call[3] for call in early] == [False, False]  # handed over before the end
    assert isolated["lite_retries_and_errors"]["statuses"] == [500, 200]
    assert isolated["lite_timeouts"]["error"] == "APITimeoutError"
    assert isolated["lite_ws_session"]["final"]["chained"] is True
    assert isolated["lite_hedging"]["hedged"] == [[False, False, True], [True, True, False]]
