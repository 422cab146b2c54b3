"""The pydantic-sensitive tests again, under the lowest pydantic that pyproject allows.

Stock Pyodide 314 ships pydantic 2.12.5 with pydantic-core 2.41.5, and `micropip.install`
of our wheel there keeps them; the venv has a newer pair. `scripts/setup.sh` installs the
floor pair into `build/pydantic-<floor>`, and a child pytest runs with it first on the path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHILD = ["-m", "pytest", "tests/types", "tests/lib", "-q", "-x"]
CHILD += ["-p", "no:randomly", "-p", "no:cacheprovider"]

pytestmark = pytest.mark.timeout(600)


def _floor() -> str:
    """`2.12` from pyproject's `pydantic>=2.12,<3`."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    found = [m for d in deps if (m := re.fullmatch(r"pydantic>=(\d+\.\d+)(?:\.\d+)?,<3", d))]
    assert len(found) == 1, f"no single `pydantic>=X.Y,<3` in {deps}"
    return found[0].group(1)


def _env(path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    return env


def test_pydantic_sensitive_tests_pass_on_the_lowest_pydantic_allowed() -> None:
    floor = _floor()
    path = ROOT / "build" / f"pydantic-{floor}"
    if not (path / "pydantic").is_dir():
        reason = f"{path} is missing: run `bash scripts/setup.sh dev`"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    probe = subprocess.run(
        [sys.executable, "-c", "import pydantic; print(pydantic.__file__, pydantic.VERSION)"],
        env=_env(path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    where, version = probe.stdout.split()
    assert Path(where).is_relative_to(path), f"the child imported pydantic from {where}"
    assert version.startswith(f"{floor}."), f"{path} holds pydantic {version}, not {floor}.x"

    child = subprocess.run(
        [sys.executable, *CHILD],
        env=_env(path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 0, (
        f"under pydantic {version}:\n{child.stdout[-6000:]}\n{child.stderr[-2000:]}"
    )
