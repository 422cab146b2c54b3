"""Rewrite Pyodide's pyodide-lock.json so that it points at the wheels of an offline bundle.

Usage: python wasm_bridge/make_lock.py CORE_LOCK BUNDLE_DIR [OUT]

CORE_LOCK is the pyodide-lock.json shipped by the npm `pyodide` package (it names the CDN
wheels, none of which are reachable here). BUNDLE_DIR is dist/pyodide/, holding the wheels
that build_wheels.sh put there. OUT defaults to BUNDLE_DIR/pyodide-lock.json.

Every wheel in BUNDLE_DIR gets an entry: name, version, file_name, sha256, depends (from
Requires-Dist, markers evaluated for Pyodide: sys_platform emscripten, the lock's Python
version, no extras), imports (top-level modules), install_dir "site", package_type
"package". Entries of the core lock whose file is absent are pruned, so a load by name can
never fall back to the network. A dependency that is not in the bundle is an error.

Stdlib only; the output is deterministic (sorted keys), so a rebuild is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any


def canonical(name: str) -> str:
    """PEP 503 normalisation, which is also what Pyodide's loadPackage uses for lookups."""
    return re.sub(r"[-_.]+", "-", name).lower()


# --- PEP 508 markers: a tiny evaluator (enough for real-world Requires-Dist) ---------------

_TOKEN = re.compile(
    r"""\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<op>===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b)"""
    r"""|(?P<bool>and\b|or\b)|(?P<str>'[^']*'|"[^"]*")|(?P<var>[A-Za-z_][A-Za-z0-9_.]*))"""
)
_VERSION_VARS = {"python_version", "python_full_version", "implementation_version"}


def _tokens(marker: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    marker = marker.strip()
    while pos < len(marker):
        m = _TOKEN.match(marker, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot parse marker {marker!r} at {pos}")
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "op":
            value = re.sub(r"\s+", " ", value)
        out.append((kind, value))
        pos = m.end()
        while pos < len(marker) and marker[pos].isspace():
            pos += 1
    return out


def _version_key(v: str) -> tuple[int, ...]:
    parts = []
    for piece in v.split("."):
        digits = re.match(r"\d+", piece)
        parts.append(int(digits.group()) if digits else 0)
    return tuple(parts)


def _compare(left: str, op: str, right: str, versions: bool) -> bool:
    if op == "in":
        return left in right
    if op == "not in":
        return left not in right
    if versions and op not in ("===",):
        a, b = _version_key(left), _version_key(right)
        n = max(len(a), len(b))
        a, b = a + (0,) * (n - len(a)), b + (0,) * (n - len(b))
        if op == "~=":
            keep = max(len(_version_key(right)) - 1, 1)
            return a >= b and a[:keep] == b[:keep]
    else:
        a, b = left, right  # type: ignore[assignment]
    return {
        "==": a == b,
        "===": left == right,
        "!=": a != b,
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
    }[op]


def evaluate_marker(marker: str, env: dict[str, str]) -> bool:
    toks = _tokens(marker)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        tok = toks[pos]
        pos += 1
        return tok

    def value() -> tuple[str, bool]:
        kind, v = take()
        if kind == "str":
            return v[1:-1], False
        if kind == "var":
            if v == "extra":
                return env.get("extra", ""), False
            return env[v], v in _VERSION_VARS
        raise ValueError(f"unexpected {v!r} in marker {marker!r}")

    def atom() -> bool:
        tok = peek()
        if tok and tok[0] == "lp":
            take()
            result = expr()
            if take()[0] != "rp":
                raise ValueError(f"unbalanced marker {marker!r}")
            return result
        left, lv = value()
        kind, op = take()
        if kind != "op":
            raise ValueError(f"expected an operator in marker {marker!r}")
        right, rv = value()
        if "extra" in (toks[pos - 3][1], toks[pos - 1][1]):
            left, right = canonical(left), canonical(right)
        return _compare(left, op, right, lv or rv)

    def conj() -> bool:
        result = atom()
        while peek() == ("bool", "and"):
            take()
            rhs = atom()
            result = result and rhs
        return result

    def expr() -> bool:
        result = conj()
        while peek() == ("bool", "or"):
            take()
            rhs = conj()
            result = result or rhs
        return result

    result = expr()
    if pos != len(toks):
        raise ValueError(f"trailing tokens in marker {marker!r}")
    return result


def pyodide_env(python_full: str) -> dict[str, str]:
    major_minor = ".".join(python_full.split(".")[:2])
    return {
        "os_name": "posix",
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "platform_machine": "wasm32",
        "platform_release": "",
        "platform_version": "",
        "platform_python_implementation": "CPython",
        "implementation_name": "cpython",
        "implementation_version": python_full,
        "python_version": major_minor,
        "python_full_version": python_full,
        "extra": "",
    }


# --- wheels --------------------------------------------------------------------------------


def _requirement_name(req: str) -> str:
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
    if not m:
        raise ValueError(f"cannot parse requirement {req!r}")
    return m.group(1)


def wheel_entry(path: Path, env: dict[str, str]) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        dist_info = sorted(
            {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
        )
        if len(dist_info) != 1:
            raise ValueError(f"{path.name}: expected one .dist-info, found {dist_info}")
        meta = Parser().parsestr(zf.read(f"{dist_info[0]}/METADATA").decode())
        top_level_txt = f"{dist_info[0]}/top_level.txt"
        if top_level_txt in names:
            imports = [line.strip() for line in zf.read(top_level_txt).decode().splitlines()]
        else:
            imports = []
            for n in names:
                first = n.split("/")[0]
                if first.endswith((".dist-info", ".data")):
                    continue
                if "/" in n:
                    imports.append(first)
                elif n.endswith(".py"):
                    imports.append(n[:-3])
                elif n.endswith(".so"):
                    imports.append(n.split(".")[0])
    imports = sorted({i for i in imports if i})
    depends = set()
    for req in meta.get_all("Requires-Dist") or []:
        spec, _, marker = req.partition(";")
        if marker.strip() and not evaluate_marker(marker, env):
            continue
        depends.add(canonical(_requirement_name(spec)))
    name = canonical(meta["Name"])
    depends.discard(name)
    return {
        "name": name,
        "version": meta["Version"],
        "file_name": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "depends": sorted(depends),
        "imports": imports,
        "install_dir": "site",
        "package_type": "package",
        "unvendored_tests": False,
        "tool": {},
    }


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    core_lock = json.loads(Path(argv[0]).read_text())
    bundle = Path(argv[1])
    out = Path(argv[2]) if len(argv) == 3 else bundle / "pyodide-lock.json"
    env = pyodide_env(core_lock["info"]["python"])

    packages: dict[str, dict[str, Any]] = {}
    # Core entries survive only where their file is in the bundle (normally none: the npm
    # package has no wheels).
    for key, entry in core_lock["packages"].items():
        if (bundle / entry["file_name"]).is_file():
            packages[canonical(key)] = entry
    for wheel in sorted(bundle.glob("*.whl")):
        entry = wheel_entry(wheel, env)
        if entry["name"] in packages and packages[entry["name"]]["file_name"] != wheel.name:
            old = packages[entry["name"]]["file_name"]
            if (bundle / old).is_file() and old.endswith(".whl"):
                print(
                    f"make_lock: two wheels for {entry['name']}: {old}, {wheel.name}",
                    file=sys.stderr,
                )
                return 1
        packages[entry["name"]] = entry

    missing = {
        f"{key} -> {dep}"
        for key, entry in packages.items()
        for dep in entry["depends"]
        if canonical(dep) not in packages
    }
    if missing:
        print(
            "make_lock: dependencies not in the bundle: " + ", ".join(sorted(missing)),
            file=sys.stderr,
        )
        return 1

    lock = {
        "info": core_lock["info"],
        "packages": dict(sorted(packages.items())),
        "tool": core_lock.get("tool", {}),
    }
    text = json.dumps(lock, indent=1, sort_keys=True) + "\n"
    if not out.is_file() or out.read_text() != text:
        out.write_text(text)
    print(f"make_lock: {out} with {len(packages)} packages: {', '.join(sorted(packages))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
