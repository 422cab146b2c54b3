"""Generate the API surface from openapi.yaml: `types/`, `resources/` and the sync client.

    .venv/bin/python scripts/generate.py          # diff against the committed files (exit 1)
    .venv/bin/python scripts/generate.py --write  # write them
    .venv/bin/python scripts/generate.py --spec newer.yaml --only types
    .venv/bin/python scripts/generate.py --tables --write  # after a new official `openai`

The parts run in order, each reading what the one before wrote: the types from the spec,
the resources from the spec and the types' `_spec_map.py`, the sync client from the async
classes (imported). `--tables` first takes the official names the generator follows from
the installed official package into the committed tables; otherwise output depends only on
the spec and files committed here, and goes through ruff, so the same input gives the same
bytes. See scripts/gen/__init__.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import paths, spec
from gen.output import apply, formatted

PARTS = ("types", "resources", "sync")


def tables(*, write: bool) -> int:
    """The committed tables of official names, from the installed official package."""
    from gen import official_table
    from gen.resources import take_official

    files = {
        paths.OFFICIAL_NAMES: official_table.render(),
        paths.OFFICIAL_GRAPH: official_table.render_graph(),
        paths.OFFICIAL_METHODS: formatted(take_official.render(), paths.OFFICIAL_METHODS),
    }
    return apply(files, write=write)


def run(part: str, spec_path: Path, *, write: bool) -> int:
    """Generate one part and write it or diff it; returns how many files differ."""
    # Each part is imported when it runs: `sync` imports the package the parts before it
    # wrote, and `tables` the official package, which nothing else may depend on.
    if part == "types":
        from gen import models

        files = models.generate(spec.load(spec_path))
        return apply(files, write=write, under=paths.TYPES, header=paths.HEADER)
    if part == "resources":
        from gen import resources

        files = resources.generate(spec.load(spec_path))
        return apply(files, write=write, under=paths.RESOURCES, header=paths.RESOURCES_HEADER)
    from gen import sync

    return apply(sync.generate(), write=write, under=paths.SYNC, header=paths.SYNC_HEADER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="print a diff, exit 1 if stale")
    mode.add_argument("--write", action="store_true", help="write the generated files")
    parser.add_argument("--spec", type=Path, default=paths.SPEC)
    parser.add_argument("--only", choices=PARTS, action="append", help="one part (repeatable)")
    parser.add_argument(
        "--tables", action="store_true", help="first the official names (needs `openai`)"
    )
    args = parser.parse_args(argv)
    stale = 0
    if args.tables:
        stale += tables(write=args.write)
        print(f"tables: {stale} changed", file=sys.stderr)
    for part in args.only or PARTS:
        changed = run(part, args.spec, write=args.write)
        print(f"{part}: {changed} changed", file=sys.stderr)
        stale += changed
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
