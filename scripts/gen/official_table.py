"""The table of the official package's type names that the generator follows.

Written from the installed official `openai` (3.57.0 here) by `scripts/generate.py --tables`
when the pinned official version changes, then committed.

The generator reads only the table (`naming.py`), so its output does not depend on which
`openai` happens to be installed. Each line is ``module<TAB>name``: a class or type alias
defined in ``openai.types.<module>``, or re-exported by the package ``<module>`` (its
``__init__``), which is where ``from openai.types.<module> import <name>`` finds it; a
package with no names of its own has a line with an empty name.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
from pathlib import Path

from . import type_graph


def rows(types_dir: Path) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for path in sorted(types_dir.rglob("*.py")):
        parts = path.relative_to(types_dir).with_suffix("").parts
        package = path.name == "__init__.py"
        module = ".".join(parts[:-1] if package else parts)
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef):
                out.add((module, node.name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                out.add((module, node.target.id))
            elif isinstance(node, ast.Assign):
                out.update((module, t.id) for t in node.targets if isinstance(t, ast.Name))
            elif package and isinstance(node, ast.ImportFrom) and node.level == 1:
                out.update((module, a.asname or a.name) for a in node.names if a.name != "*")
    out = {(m, n) for m, n in out if not n.startswith("_") and n != "__all__"}
    # A package without names (`containers.files`) is a row of its own, with an empty name.
    packages = {
        ".".join(p.parent.relative_to(types_dir).parts) for p in types_dir.rglob("*/__init__.py")
    }
    named = {m for m, _ in out}
    out.update((m, "") for m in packages if m not in named)
    return {(m, n) for m, n in out if not any(p.startswith("_") for p in m.split("."))}


def _types_dir() -> Path:
    found = importlib.util.find_spec("openai")
    assert found and found.submodule_search_locations, "install the official openai first"
    return Path(next(iter(found.submodule_search_locations))) / "types"


def render_graph() -> str:
    """What each official class's fields and each union name (type_graph.py), read where
    it is defined: lets the generator find which of our classes an inline one is."""
    version = importlib.metadata.version("openai")
    header = (
        f"# openai {version}: [module], then name and `.field`, `=` (a union) or `is` (a bare"
        " name) with the module:name (or same-module name) keys it names, `@` its `type` tag,"
        " `:` its fields"
    )
    return type_graph.render(type_graph.read_dir(_types_dir()), header)


def render() -> str:
    types_dir = _types_dir()
    version = importlib.metadata.version("openai")
    lines = [f"# openai {version}: module under openai.types, then a name it defines or exports"]
    lines += [f"{m}\t{n}" for m, n in sorted(rows(types_dir))]
    return "\n".join(lines) + "\n"
