"""lib/otel.py under Pyodide in Node: the OpenTelemetry API and SDK install from the offline
bundle (pure wheels), and the spans and metrics of the same calls equal native's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_oxide.testing import FakeOpenAI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGES = "openai-oxide,opentelemetry-api,opentelemetry-sdk,opentelemetry-semantic-conventions"
# Pyodide runs a file with top-level await (run_node.mjs); the script's own __main__
# block uses asyncio.run, which Pyodide's loop does not support.
RUN = f"""
import json, sys
sys.path.insert(0, {str(HERE)!r})
from otel_script import main
print(json.dumps(await main(sys.argv[1])))
"""


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    server = FakeOpenAI()
    with server.running_in_thread():
        yield server.url


def _last_json(stdout: str) -> object:
    return json.loads(stdout.strip().splitlines()[-1])


def test_otel_in_node_equals_native(bundle: Path, fake_url: str, tmp_path: Path) -> None:
    native = subprocess.run(
        [sys.executable, str(HERE / "otel_script.py"), fake_url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert native.returncode == 0, native.stderr
    script = tmp_path / "run_otel.py"
    script.write_text(RUN)
    cmd = ["node", str(ROOT / "wasm_bridge" / "run_node.mjs"), "--packages", PACKAGES]
    cmd += ["--mount", str(tmp_path), str(script), fake_url]
    node = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert node.returncode == 0, node.stderr[-5000:]
    ours, theirs = _last_json(native.stdout), _last_json(node.stdout)
    assert theirs == ours
    assert isinstance(ours, dict) and ours["refused"] == "BadRequestError"
    chat, stream, failed, turn, image = ours["spans"]
    assert chat["name"] == "chat gpt-4o" and chat["kind"] == "CLIENT"
    assert chat["attributes"]["gen_ai.request.max_tokens"] == 20
    assert chat["attributes"]["gen_ai.usage.output_tokens"] > 0
    assert stream["events"] == ["gen_ai.first_chunk"]
    assert stream["attributes"]["gen_ai.response.finish_reasons"] == ["completed"]
    assert failed["status"] == "ERROR"
    assert failed["attributes"]["error.type"] == "BadRequestError"
    assert turn["name"] == "chat gpt-4o" and turn["events"] == ["gen_ai.first_chunk"]
    assert turn["attributes"]["gen_ai.request.max_tokens"] == 20
    assert turn["attributes"]["gen_ai.response.finish_reasons"] == ["completed"]
    assert turn["attributes"]["gen_ai.usage.output_tokens"] > 0
    assert image["name"] == "generate_content gpt-image-1"
    assert image["attributes"]["gen_ai.output.type"] == "image"
    assert set(ours["metrics"]) == {
        "gen_ai.client.token.usage",
        "gen_ai.client.operation.duration",
        "gen_ai.client.operation.time_to_first_chunk",
    }
