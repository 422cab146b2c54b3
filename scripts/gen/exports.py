"""The `__init__` of a types package: its names, loaded lazily (PEP 562), where the official
package has them.

A package exports the public names (`__all__`) of its submodules, hand-written or generated,
and every name the official package exports from it (`from openai.types.responses import
ResponseInputItemParam`) that one module of ours defines, wherever that is (a shared module,
say). A name that two submodules define (the official `Choice` of `chat_completion` and of
`chat_completion_chunk`) is left to its submodules, as officially. Editors and mypy read the
`TYPE_CHECKING` imports; at run time a name imports its module on first access.
"""

from __future__ import annotations

import ast
import textwrap

from . import beta_responses
from .naming import official_rows
from .paths import HEADER


def _public(source: str) -> tuple[list[str], set[str]]:
    """A module's `__all__`, and the names it defines itself (not imports)."""
    tree = ast.parse(source)
    exported: list[str] = []
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            defined.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if names == ["__all__"]:
                exported = list(ast.literal_eval(node.value))
            else:
                defined.update(names)
    return exported, defined


def package_init(
    package: str,
    sources: dict[str, str],
    doc: str,
    official: bool = True,
    thin: dict[str, str] | None = None,
) -> str:
    """The `__init__` of `types.<package>`; `sources` maps every module under `types`
    (dotted) to its source. Without `official`, only its submodules' names, not the
    official names of the package that one module elsewhere defines. `thin` maps the
    names of the thin modules at official paths below the package to those modules: an
    official name of the package that none of ours gives is taken from there."""
    public = {name: _public(text) for name, text in sources.items()}
    thin_names = thin or {}
    own: dict[str, list[str]] = {}  # name -> the submodules of `package` exporting it
    for module, (exported, _) in sorted(public.items()):
        if module.rpartition(".")[0] == package:
            for name in exported:
                own.setdefault(name, []).append(module)
    where: dict[str, str] = {}
    for name, modules in own.items():
        defining = [m for m in modules if name in public[m][1]]
        if len(defining) <= 1:
            where[name] = (defining or modules)[0]
    definers: dict[str, list[str]] = {}
    for module, (_, defined) in public.items():
        for name in defined:
            definers.setdefault(name, []).append(module)
    for official_package, name in official_rows():
        if official_package != package:
            continue
        if (
            official
            and name not in own
            and len(definers.get(name, [])) == 1
            and beta_responses.serves(definers[name][0], package)
        ):
            where[name] = definers[name][0]
        elif name not in where and name in thin_names:  # placed for this package's path
            where[name] = thin_names[name]
    depth = package.count(".") + 1
    imports: dict[str, list[str]] = {}
    for name, module in sorted(where.items()):
        imports.setdefault(module, []).append(name)
    lines = [HEADER, f'"""{doc}"""\n', "from typing import TYPE_CHECKING\n"]
    lines.append("from " + "." * (depth + 2) + "_lazy import lazy_getattr\n")
    lines.append("if TYPE_CHECKING:")
    for module, names in sorted(imports.items(), key=lambda kv: _relative(kv[0], package)):
        lines.append(f"    from {_relative(module, package)} import {', '.join(names)}")
    table = "\n".join(
        f'    "{n}": "{_relative(m, package)[1:]}",' for n, m in sorted(where.items())
    )
    lines.append(f"\n_NAME_TO_MODULE: dict[str, str] = {{\n{table}\n}}\n")
    lines.append("__all__ = [" + ", ".join(f'"{n}"' for n in sorted(where)) + "]\n")
    lines.append("__getattr__ = lazy_getattr(__name__, _NAME_TO_MODULE, globals())\n")
    lines.append(
        textwrap.dedent(
            """
            def __dir__() -> list[str]:
                return sorted(__all__)
            """
        )
    )
    return "\n".join(lines)


def _relative(module: str, package: str) -> str:
    """`module` (under types) as a relative import from inside `types.<package>`."""
    if module.startswith(package + "."):
        return "." + module[len(package) + 1 :]
    return "." * (package.count(".") + 2) + module
