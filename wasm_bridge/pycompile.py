"""Add CPython bytecode to the wheels and the stdlib zip of the Pyodide bundle; build_wheels.sh
runs it inside Pyodide, so the bytecode is the bundle's CPython 3.14's:

    node wasm_bridge/run_node.mjs --packages "" wasm_bridge/pycompile.py SRC DST [SRC DST ...]

A SRC ending in .whl is a wheel, any other the stdlib zip (python_stdlib.zip).

Pyodide installs a wheel as it is, and the npm core's python_stdlib.zip holds sources only, so
every module was compiled at its first import: 0.9 s of a 1.5 s first call on Node (the
official package, with its 2,077 modules, paid more). The bytecode is in unchecked-hash mode,
which the import system uses without comparing it to the source's mtime (an install keeps no
stable mtime). A wheel keeps its sources (tracebacks show the lines) and gains
`__pycache__/<name>.cpython-314.pyc` (RECORD lists it). The stdlib zip gets `<name>.pyc` in
place of `<name>.py` (where zipimport looks): its entries are listed at every
`importlib.metadata` scan of sys.path, which pydantic runs at the first model it builds
(0.35 s in cProfile with sources and bytecode side by side). Entries keep their order and
timestamps, so the same input gives the same output.

A wheel's modules under `SMALL` bytes keep their sources only: compiling one at import costs
less than unpacking one more file at every `loadPackage` (most of ours are re-export modules at
the official import paths, rarely imported). The stdlib zip trades source for bytecode, so
every module there is compiled.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import sys
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _pyc_name(source: str) -> str:
    folder, _, base = source.rpartition("/")
    pyc = f"__pycache__/{base[:-3]}.{sys.implementation.cache_tag}.pyc"
    return f"{folder}/{pyc}" if folder else pyc


SMALL = 1024


def add_bytecode(src: str, dst: str, small: int = SMALL) -> int:
    """Write `src` with bytecode added to `dst` (in a wheel, for the modules of at least
    `small` bytes); return how many modules were compiled."""
    wheel = src.endswith(".whl")
    compiled = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        infos = zin.infolist()
        record = next((i for i in infos if i.filename.endswith(".dist-info/RECORD")), None)
        added: list[str] = []
        for info in infos:
            if info is record:
                continue
            data = zin.read(info)
            top = info.filename.split("/", 1)[0]
            if (
                not info.filename.endswith(".py")
                or top.endswith((".dist-info", ".data"))
                or (wheel and info.file_size < small)
            ):
                zout.writestr(info, data)
                continue
            try:
                with warnings.catch_warnings():  # e.g. SyntaxWarning: shown at compile only
                    warnings.simplefilter("ignore")
                    code = compile(data, info.filename, "exec", dont_inherit=True)
            except SyntaxError:  # a template or test data shipped as .py: left as it is
                zout.writestr(info, data)
                continue
            if wheel:
                zout.writestr(info, data)
            pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), False))
            name = _pyc_name(info.filename) if wheel else info.filename[:-3] + ".pyc"
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            zout.writestr(entry, pyc)
            added.append(_record_line(name, pyc))
            compiled += 1
        if record is not None:
            lines = zin.read(record).decode().splitlines()
            zout.writestr(record, "\n".join([*lines, *added]) + "\n")
    return compiled


def main(argv: list[str]) -> None:
    if not argv or len(argv) % 2:
        raise SystemExit("usage: pycompile.py SRC DST [SRC DST ...]")
    for src, dst in zip(argv[::2], argv[1::2], strict=True):
        print(f"[pycompile] {src}: {add_bytecode(src, dst)} modules", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
