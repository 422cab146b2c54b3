"""The fuzzing tools are test dependencies only: pinned, in the test/fuzz extras, never in
the package's requirements and never imported by the package."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("hypothesis", "python_multipart", "atheris")  # import names


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9_.\-]+", requirement)
    assert match is not None
    return match.group().lower()


def test_fuzz_tools_are_pinned_test_extras_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    required = {_name(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    pins = {
        _name(line): line
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    homes = {"hypothesis": "test", "python-multipart": "test", "atheris": "fuzz"}
    for dist, extra in homes.items():
        assert dist not in required
        assert dist in {_name(r) for r in extras[extra]}
        assert "==" in pins[dist], f"{dist} is not pinned in constraints.txt"
    assert "fuzz" not in " ".join(extras["dev"])  # atheris is opt-in (scripts/fuzz.sh)


def test_the_package_never_imports_them() -> None:
    for path in (ROOT / "pkg" / "openai_oxide").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in TOOLS, f"{path} imports {name}"
