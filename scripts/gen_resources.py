"""Generate `resources/` (the endpoint groups) from openapi.yaml; see scripts/resgen/.

    .venv/bin/python scripts/gen_resources.py --check   # unified diff against the committed files
    .venv/bin/python scripts/gen_resources.py --write   # write them
    .venv/bin/python scripts/gen_resources.py --spec newer.yaml --check

Output is formatted and lint-fixed with ruff, so a re-run is byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from resgen import layout, spec
from resgen.emit import Module
from resgen.plan import Planner
from resgen.typemap import TYPES, TypeMap

RESOURCES = spec.ROOT / "pkg" / "openai_oxide" / "resources"
RUFF = spec.ROOT / ".venv" / "bin" / "ruff"


def ruff(text: str, path: Path) -> str:
    for args in (["check", "--fix", "--quiet", "--exit-zero"], ["format", "--quiet"]):
        done = subprocess.run(
            [str(RUFF), *args, "--stdin-filename", str(path), "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=spec.ROOT,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"ruff {args[0]} failed on {path}:\n{done.stderr}")
        text = done.stdout
    return text


def generate(spec_path: Path) -> dict[Path, str]:
    document = spec.load(spec_path)
    tags = {t["name"]: (t.get("description") or "").strip() for t in document.get("tags", ())}
    groups = Planner(document, TypeMap()).groups()
    files: dict[Path, str] = {}
    for name in layout.MODULES:
        members = [g for g in groups if g.spec.module == name and not g.spec.external]
        path = RESOURCES / f"{name}.py"
        files[path] = ruff(Module(name, members, TYPES, tags).render(), path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("--spec", type=Path, default=spec.SPEC)
    args = parser.parse_args()
    stale = 0
    for path, text in generate(args.spec).items():
        old = path.read_text() if path.exists() else ""
        if old == text:
            continue
        stale += 1
        if args.write:
            path.write_text(text)
        else:
            rel = str(path.relative_to(spec.ROOT))
            sys.stdout.writelines(
                difflib.unified_diff(old.splitlines(True), text.splitlines(True), rel, rel)
            )
    if stale and not args.write:
        print(
            f"{stale} resource module(s) differ from a fresh run: scripts/gen_resources.py --write"
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
