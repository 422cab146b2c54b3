"""The `__init__` of `openai_oxide.types`: the official root names (`from openai.types import
FileObject, AudioModel, ...`) and the subpackages, loaded lazily (PEP 562).

Each official root name is taken from a module of ours that exports it: the official module
of that name first (`audio_model` for `AudioModel`), then one of `shared`, then any other
official module holding it. A thin module that only re-exports the name is followed to the
module defining it, so that the first access imports one module, not a chain. A name no
module of ours exports is left out (the spec lacks it: tests/types/test_official_paths.py
counts what is present). `import openai_oxide.types` itself imports no group and no pydantic.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from .naming import official_modules, official_rows
from .official_paths import path_of, resource_of
from .paths import HEADER, TYPES
from .spec import snake
from .tables import MODULES

# Root names of ours that the official root lacks, kept for code that imports them so.
EXTRA: dict[str, str] = {
    "BaseModel": "_base",
    "ChatCompletion": "chat.chat_completion",
    "ChatCompletionChunk": "chat.chat_completion_chunk",
    "Response": "responses.response",
    "ResponseStreamEvent": "responses.events",
}

DOC = """Typed pydantic models, loaded lazily (PEP 562): nothing heavy is imported here.

Resource types live in one module per endpoint group (`openai_oxide.types.files`,
`openai_oxide.types.vector_stores`, `openai_oxide.types.beta.threads`, ...) and every official
module path (`openai_oxide.types.responses.response_reasoning_item`, ...) is a thin module
naming those same classes. The official package's root names (`FileObject`, `AudioModel`,
`VectorStore`, ...) resolve on first access, importing the one module that defines them.
"""


class _Modules:
    """The modules under `types` (dotted) as the run leaves them: generated or on disk."""

    def __init__(self, files: dict[Path, str]) -> None:
        self.files = files

    def text(self, module: str) -> str | None:
        for package in (False, True):
            path = path_of(module, package)
            if path in self.files:
                return self.files[path]
            if path.exists() and not path.read_text().startswith(HEADER):
                return path.read_text()  # hand-written (`types.models`)
        return None

    def is_package(self, module: str) -> bool:
        return path_of(module, True) in self.files or path_of(module, True).exists()

    def definer(self, module: str, name: str, hops: int = 4) -> str | None:
        """The module defining what `module` exports as `name`, following plain re-exports
        (`from .audio import AudioModel`); None if `module` does not export it."""
        text = self.text(module)
        if text is None:
            return None
        tree = ast.parse(text)
        exported: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
                "__all__"
            ]:
                exported = list(ast.literal_eval(node.value))
        if name not in exported:
            return None
        for node in tree.body:  # a lazy package's table (exports.py): name -> its submodule
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == (
                "_NAME_TO_MODULE"
            ):
                table = ast.literal_eval(node.value) if node.value else {}
                if name in table and hops:
                    relative = "." + table[name]
                    dots = len(relative) - len(relative.lstrip("."))
                    below = _absolute(module, True, dots, relative[dots:])
                    return self.definer(below, name, hops - 1) or module
        for node in tree.body:
            if not isinstance(node, ast.ImportFrom) or not node.level or hops == 0:
                continue
            if any(a.name == name and a.asname in (None, name) for a in node.names):
                target = _absolute(module, self.is_package(module), node.level, node.module)
                return self.definer(target, name, hops - 1) or module
        return module


def _absolute(module: str, package: bool, level: int, name: str | None) -> str:
    """The module (dotted, under types) a relative import in `module` names."""
    here = module.split(".") if package else module.split(".")[:-1]
    up = here[: len(here) - (level - 1)]
    return ".".join([*up, *(name.split(".") if name else [])])


def _candidates(name: str, homes: list[str]) -> list[str]:
    """The modules to take an official root name from, best first: as officially, a module
    at the root (`batch`) or `shared`; else the group module of ours whose resource the
    name's own module is named after (`file_create_params` -> `files`, not `containers`)."""
    own = snake(name)
    _, packages = official_modules()
    official = [m for m in homes if m.split(".")[0] == "shared" or m not in packages]
    official = sorted(
        (m for m in official if (m and "." not in m) or m.startswith("shared.")),
        key=lambda m: (m != own, m.startswith("shared"), m.count("."), m),
    )
    return official + [g for g in MODULES if g == resource_of(own)]


def root_names(files: dict[Path, str]) -> dict[str, str]:
    """Official root name (and ours of `EXTRA`) -> the module under `types` defining it."""
    modules = _Modules(files)
    homes: dict[str, list[str]] = {}
    for module, name in official_rows():
        homes.setdefault(name, []).append(module)
    where = dict(EXTRA)
    for module, name in official_rows():
        if module:
            continue
        for candidate in _candidates(name, homes[name]):
            found = modules.definer(candidate, name)
            if found is not None:
                where[name] = found
                break
    return where


def submodules(files: dict[Path, str]) -> list[str]:
    """The subpackages and group modules a user reaches as `openai_oxide.types.<name>`."""
    top = {m.split(".")[0] for m in MODULES}
    found = {p.parent.name for p in TYPES.glob("*/__init__.py")}
    found |= {p.relative_to(TYPES).parts[0] for p in files if p.name == "__init__.py"}
    found |= {m for m in top if path_of(m, False).exists() or path_of(m, False) in files}
    return sorted(n for n in found - {"__init__.py"} if not n.startswith("_"))


def render(files: dict[Path, str]) -> str:
    where = root_names(files)
    subs = submodules(files)
    imports: dict[str, list[str]] = {}
    for name, module in sorted(where.items()):
        imports.setdefault(module, []).append(name)
    lines = [HEADER, f'"""{DOC}"""\n']
    lines.append("import importlib\nfrom typing import TYPE_CHECKING, Any\n")
    lines.append("from .._lazy import lazy_getattr\n")
    lines.append("if TYPE_CHECKING:")
    lines.append(f"    from . import {', '.join(subs)}")
    for module, names in sorted(imports.items()):
        lines.append(f"    from .{module} import {', '.join(names)}")
    table = "\n".join(f'    "{n}": "{m}",' for n, m in sorted(where.items()))
    lines.append(f"\n_NAME_TO_MODULE: dict[str, str] = {{\n{table}\n}}\n")
    lines.append("_SUBMODULES = frozenset({" + ", ".join(f'"{s}"' for s in subs) + "})\n")
    lines.append("__all__ = [" + ", ".join(f'"{n}"' for n in sorted({*where, *subs})) + "]\n")
    lines.append("_lazy = lazy_getattr(__name__, _NAME_TO_MODULE, globals())\n")
    lines.append(
        textwrap.dedent(
            """
            def __getattr__(name: str) -> Any:
                if name in _SUBMODULES:  # `types.audio` without importing it first
                    return importlib.import_module(f"{__name__}.{name}")
                return _lazy(name)


            def __dir__() -> list[str]:
                return sorted(__all__)
            """
        )
    )
    return "\n".join(lines)
