"""wasm_bridge/pycompile.py, which adds bytecode to the Pyodide bundle (build_wheels.sh runs it
inside Pyodide; here it runs on this interpreter, whose cache tag it then uses)."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAG = sys.implementation.cache_tag


def _pycompile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pycompile", ROOT / "wasm_bridge/pycompile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _zip(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)


def _import_from(folder: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)


def test_a_wheel_keeps_its_sources_and_gains_unchecked_bytecode(tmp_path: Path) -> None:
    src, dst = tmp_path / "demo-1.0-py3-none-any.whl", tmp_path / "out.whl"
    _zip(
        src,
        {
            "oxdemo_w/__init__.py": "VALUE = 'compiled'\n",
            "oxdemo_w/broken.py": "def (:\n",  # shipped but not Python: left alone
            "oxdemo_w-1.0.dist-info/RECORD": "oxdemo_w/__init__.py,,\n",
        },
    )
    assert _pycompile().add_bytecode(str(src), str(dst), small=0) == 1
    with zipfile.ZipFile(dst) as zf:
        names = zf.namelist()
        pyc = f"oxdemo_w/__pycache__/__init__.{TAG}.pyc"
        assert names[-1] == "oxdemo_w-1.0.dist-info/RECORD"  # still last
        assert {"oxdemo_w/__init__.py", "oxdemo_w/broken.py", pyc} <= set(names)
        assert not any("broken" in n and n.endswith(".pyc") for n in names)
        data = zf.read(pyc)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert f"{pyc},sha256={digest},{len(data)}" in zf.read(names[-1]).decode().splitlines()
        zf.extractall(tmp_path / "site")
    # Unchecked hash: the bytecode is used even when the source no longer matches it.
    (tmp_path / "site/oxdemo_w/__init__.py").write_text("VALUE = 'source'\n")
    assert _import_from(tmp_path / "site", "oxdemo_w").VALUE == "compiled"


def test_a_wheels_small_modules_keep_sources_only(tmp_path: Path) -> None:
    src, dst = tmp_path / "demo-1.0-py3-none-any.whl", tmp_path / "out.whl"
    big = "VALUE = 1\n" + "# padding\n" * 200
    _zip(src, {"oxdemo_s/__init__.py": big, "oxdemo_s/tiny.py": "from . import VALUE\n"})
    assert _pycompile().add_bytecode(str(src), str(dst)) == 1
    with zipfile.ZipFile(dst) as zf:
        pycs = [n for n in zf.namelist() if n.endswith(".pyc")]
    assert pycs == [f"oxdemo_s/__pycache__/__init__.{TAG}.pyc"]


def test_the_stdlib_zip_gets_bytecode_in_place_of_sources(tmp_path: Path) -> None:
    src, dst = tmp_path / "python_stdlib.zip", tmp_path / "out.zip"
    _zip(src, {"oxdemo_z.py": "VALUE = 2\n", "oxdemo_pkg/__init__.py": "", "README.txt": "x"})
    assert _pycompile().add_bytecode(str(src), str(dst)) == 2
    with zipfile.ZipFile(dst) as zf:
        assert sorted(zf.namelist()) == ["README.txt", "oxdemo_pkg/__init__.pyc", "oxdemo_z.pyc"]
    assert _import_from(dst, "oxdemo_z").VALUE == 2  # zipimport reads the bytecode


def test_usage_needs_pairs() -> None:
    with pytest.raises(SystemExit):
        _pycompile().main(["only-one"])
