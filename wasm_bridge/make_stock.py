"""Assemble a stock Pyodide distribution, as JupyterLite, PyScript or the Pyodide console
load it, for the micropip check (tests_browser/test_stock_pyodide.py).

Usage: python wasm_bridge/make_stock.py [OUT]   (default build/stock-pyodide/)

OUT gets the npm `pyodide` package's own files (pyodide.mjs, the wasm, the stdlib, its
unmodified 357-entry pyodide-lock.json) and no openai-oxide: a page then installs our wheel
with `micropip.install(URL)`, and micropip resolves pydantic & co. through that lock. One
change is forced by this machine: Pyodide's own wheels live on its CDN, so the entries of
the packages the check loads (micropip, pydantic, pydantic-core, typing-extensions,
annotated-types, typing-inspection, idna) point at the PyPI builds that build_wheels.sh put into
dist/pyodide/ (same names, their versions and hashes). Every other entry is Pyodide's.

Stdlib only; run after build_wheels.sh.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "node_modules" / "pyodide"
BUNDLE = ROOT / "dist" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOADED = (
    "micropip",
    "pydantic",
    "pydantic-core",
    "typing-extensions",
    "annotated-types",
    "typing-inspection",
    "idna",
)


def build(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copy2(CORE / name, out / name)
    lock = json.loads((CORE / "pyodide-lock.json").read_text())
    ours = json.loads((BUNDLE / "pyodide-lock.json").read_text())["packages"]
    for name in LOADED:
        if name not in ours:
            raise SystemExit(f"make_stock: {name} is not in {BUNDLE} (run build_wheels.sh)")
        entry = ours[name]
        shutil.copy2(BUNDLE / entry["file_name"], out / entry["file_name"])
        lock["packages"][name] = {**lock["packages"][name], **entry}
    if "openai-oxide" in lock["packages"]:
        raise SystemExit("make_stock: the stock lock already names openai-oxide")
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return out


if __name__ == "__main__":
    target = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "stock-pyodide")
    print(target)
