"""scripts/generate.py: its output depends only on the spec and files committed here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "openapi.yaml"


def test_committed_surface_equals_a_fresh_run_without_the_official_package(tmp_path: Path) -> None:
    """`--check` regenerates types, resources and the sync client and diffs them against the
    committed files, with an `openai` that cannot be imported: the official names come
    from the committed tables."""
    pytest.importorskip("yaml", reason="pyyaml is needed to read the spec")
    if not SPEC.is_file():
        pytest.skip(f"spec not found at {SPEC}")
    (tmp_path / "openai.py").write_text("raise ImportError('the generator read openai')\n")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for part in ("types", "resources", "sync"):
        assert f"{part}: 0 changed" in done.stderr


def test_the_names_table_is_the_official_packages() -> None:
    """The table holds where the official package defines and exports each name."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen.naming import official_names, official_rows
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    rows = set(official_rows())
    assert ("responses", "ResponseReasoningItem") in rows  # exported by the package
    assert ("responses.response_reasoning_item", "ResponseReasoningItem") in rows  # defined
    assert ("chat", "ChatCompletionMessageParam") in rows
    assert ("responses", "ResponseStreamEvent") in rows
    assert "FileObject" in official_names() and "MCPListTools" not in official_names()
    assert len(rows) > 5000


@pytest.mark.parametrize("package", ["responses", "chat"])
def test_official_names_import_from_the_official_package_path(package: str) -> None:
    """`from openai_oxide.types.<package> import X` works for every name the official
    package exports there and one module of ours defines (the generated `__init__`), but
    for the beta Responses classes (`types.beta.responses.InputItemListParams` is the beta
    twin, not the official `types.responses` one)."""
    import ast
    import importlib

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen.naming import official_rows
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    types_dir = ROOT / "pkg" / "openai_oxide" / "types"
    defined: dict[str, int] = {}
    for path in types_dir.rglob("*.py"):
        if path.parent == types_dir / "beta" / "responses":
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef):
                defined[node.name] = defined.get(node.name, 0) + 1
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                defined[node.target.id] = defined.get(node.target.id, 0) + 1
    ours = importlib.import_module(f"openai_oxide.types.{package}")
    wanted = [n for m, n in official_rows() if m == package and defined.get(n) == 1]
    missing = [n for n in wanted if not hasattr(ours, n)]
    assert not missing, missing
    assert len(wanted) > (100 if package == "responses" else 30)
    for name in ("ResponseReasoningItem", "ResponseStreamEvent", "ChatCompletionMessageParam"):
        if name in wanted:
            assert name in ours.__all__
