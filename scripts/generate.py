"""Generate the API surface from openapi.yaml: `types/`, `resources/` and the sync client.

    .venv/bin/python scripts/generate.py          # diff against the committed files (exit 1)
    .venv/bin/python scripts/generate.py --write  # write them
    .venv/bin/python scripts/generate.py --spec newer.yaml --only types

The parts run in order, each reading what the one before wrote: the types from the spec,
the resources from the spec and the types' `_spec_map.py`, the sync client from the async
classes (imported). Output depends only on the spec and files committed here, and goes
through ruff, so the same input gives the same bytes. See scripts/gen/__init__.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import paths, spec
from gen.output import apply

PARTS = ("types", "resources", "sync")


def run(part: str, spec_path: Path, *, write: bool) -> int:
    """Generate one part and write it or diff it; returns how many files differ."""
    if part == "types":
        from gen import models

        return apply(models.generate(spec.load(spec_path)), paths.TYPES, paths.HEADER, write=write)
    if part == "resources":
        from gen import resources

        files = resources.generate(spec.load(spec_path))
        return apply(files, paths.RESOURCES, paths.RESOURCES_HEADER, write=write)
    from gen import sync

    return apply(sync.generate(), paths.SYNC, paths.SYNC_HEADER, write=write)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="print a diff, exit 1 if stale")
    mode.add_argument("--write", action="store_true", help="write the generated files")
    parser.add_argument("--spec", type=Path, default=paths.SPEC)
    parser.add_argument("--only", choices=PARTS, action="append", help="one part (repeatable)")
    args = parser.parse_args(argv)
    stale = 0
    for part in args.only or PARTS:
        changed = run(part, args.spec, write=args.write)
        print(f"{part}: {changed} changed", file=sys.stderr)
        stale += changed
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
