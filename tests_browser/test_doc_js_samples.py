"""The `js` samples of the README and docs/ run in Node against the fake server.

The blocks of a page run in order as one ES module (build/doc_samples/<page>.mjs), with
`OPENAI_BASE_URL` / `OPENAI_API_KEY` set as for the Python samples; the samples import
`./wasm_bridge/oxide.mjs` as from the repository root. A block that cannot run in Node
carries a marker instead (tests/docs/markdown_samples.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from docs.markdown_samples import ROOT, RUN_IN_NODE, samples
from openai_oxide.testing import FakeOpenAI

pytestmark = pytest.mark.timeout(300)

NODE_SAMPLES = [b for b in samples() if b.lang in RUN_IN_NODE and b.marker is None]
PAGES = sorted({b.path for b in NODE_SAMPLES})


def module_for(page: Path) -> str:
    code = "\n".join(b.code for b in NODE_SAMPLES if b.path == page)
    return code.replace('"./wasm_bridge/', '"../../wasm_bridge/') + "\nprocess.exit(0);\n"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_js_samples_of_a_page_run_in_node(page: Path, bundle: Path) -> None:
    out = ROOT / "build" / "doc_samples"
    out.mkdir(parents=True, exist_ok=True)
    script = out / (str(page.relative_to(ROOT)).replace("/", "_").removesuffix(".md") + ".mjs")
    script.write_text(module_for(page), encoding="utf-8")
    server = FakeOpenAI()
    with server.running_in_thread():
        env = {**os.environ, "OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "test-key"}
        proc = subprocess.run(
            ["node", str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
        )
        journal = server.journal
    assert proc.returncode == 0, f"{script} failed:\n{proc.stdout}\n{proc.stderr[-4000:]}"
    assert journal, f"{page.name}: its samples never reached the fake server"


def test_the_js_samples_are_found() -> None:
    assert PAGES and len(NODE_SAMPLES) >= 4, "the extraction broke"
