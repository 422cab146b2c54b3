"""The bundle's wheel and the JS API report the package's version, and the JS API refuses a
bundle of another version (a stale dist/pyodide) instead of running old code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import openai_oxide

ROOT = Path(__file__).resolve().parents[1]
VERSION = openai_oxide.__version__

pytestmark = pytest.mark.timeout(300)

# Loads the real oxide.mjs, then a copy whose VERSION was changed, against one bundle.
CHECK = """
const [real, changed, bundleURL] = process.argv.slice(2);
const out = {};
const api = await import(real);
const oxide = await api.loadOxide({ bundleURL });
out.js = api.VERSION;
out.python = oxide.pyodide.runPython("import openai_oxide; openai_oxide.__version__");
const other = await import(changed);
try {
  await other.loadOxide({ bundleURL });
  out.refused = null;
} catch (err) {
  out.refused = { message: err.message, isOxideError: err instanceof other.OxideError };
}
console.log(JSON.stringify(out));
process.exit(0);
"""


def test_the_bundle_holds_this_versions_wheel(bundle: Path) -> None:
    entry = json.loads((bundle / "pyodide-lock.json").read_text())["packages"]["openai-oxide"]
    assert entry["version"] == VERSION
    assert entry["file_name"] == f"openai_oxide-{VERSION}-py3-none-any.whl"


def test_the_js_api_reports_it_and_refuses_another(bundle: Path) -> None:
    work = ROOT / "build" / "version_check"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("oxide.mjs", "boot.mjs", "oxide_bridge.py"):
        shutil.copy(ROOT / "wasm_bridge" / name, work / name)
    changed = work / "oxide.mjs"
    source = changed.read_text()
    assert f'export const VERSION = "{VERSION}";' in source
    changed.write_text(source.replace(f'VERSION = "{VERSION}"', 'VERSION = "0.0.0-other"'))
    (work / "check.mjs").write_text(CHECK)
    proc = subprocess.run(
        [
            "node",
            str(work / "check.mjs"),
            str(ROOT / "wasm_bridge" / "oxide.mjs"),
            str(changed),
            str(bundle) + "/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr[-4000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["js"] == out["python"] == VERSION
    refused = out["refused"]
    assert refused and refused["isOxideError"], out
    assert f"holds openai-oxide {VERSION}" in refused["message"]
    assert "0.0.0-other" in refused["message"] and "build_wheels.sh" in refused["message"]
