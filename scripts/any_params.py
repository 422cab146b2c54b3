"""List the resource method parameters still typed `Any` (or a bare `object`).

    .venv/bin/python scripts/any_params.py          # count, then one line per parameter
    .venv/bin/python scripts/any_params.py --sync   # the sync client too
    .venv/bin/python scripts/any_params.py --lib    # the hand-written helpers (`lib/`) too

Reads the source (never imports the package): every public method of every public class
under `resources/` (`sync/resources/`, `lib/` on request), each parameter (`*args` and
`**kwargs` too) annotated `Any` or `object` (alone, or with `| Omit` / `| None`), or not at
all. Issue 19's measure: what an editor cannot check because the annotation says nothing
(`Mapping[str, Any]`, a JSON object, says something and is not counted).
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections.abc import Iterator
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "pkg" / "openai_oxide"


def _untyped(annotation: ast.expr | None) -> bool:
    """No annotation, or one that says nothing: `Any`, `object`, with `| Omit` / `| None`."""
    if annotation is None:
        return True
    members: list[ast.expr] = []
    stack = [annotation]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            stack += [node.left, node.right]
        else:
            members.append(node)
    names = {ast.unparse(m) for m in members}
    return bool(names & {"Any", "object"}) and names <= {"Any", "object", "Omit", "None"}


def untyped_params(root: Path) -> Iterator[tuple[str, str, str]]:
    """(file, Class.method, parameter: annotation) for each parameter typed `Any`."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            if cls.name.startswith("_"):
                continue
            for fn in cls.body:
                if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                if fn.name.startswith("_") or any(
                    isinstance(d, ast.Name) and d.id == "overload" for d in fn.decorator_list
                ):
                    continue
                args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
                args += [a for a in (fn.args.vararg, fn.args.kwarg) if a is not None]
                for arg in args:
                    if arg.arg in ("self", "cls") or not _untyped(arg.annotation):
                        continue
                    shown = ast.unparse(arg.annotation) if arg.annotation else "(none)"
                    yield (
                        os.path.relpath(path, PKG),
                        f"{cls.name}.{fn.name}",
                        f"{arg.arg}: {shown}",
                    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sync", action="store_true", help="the sync client's too")
    parser.add_argument("--lib", action="store_true", help="the hand-written helpers too")
    args = parser.parse_args(argv)
    roots = [PKG / "resources"] + ([PKG / "sync" / "resources"] if args.sync else [])
    roots += [PKG / "lib"] if args.lib else []
    found = [row for root in roots for row in untyped_params(root)]
    print(f"{len(found)} parameters typed Any")
    for path, method, param in found:
        print(f"  {path}  {method}({param})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
