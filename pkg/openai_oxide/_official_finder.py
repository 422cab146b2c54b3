"""The official type paths of the Pyodide bundle, built at import from one table.

scripts/gen/official_paths.py writes some 470 thin modules that re-export our classes
under the official package's paths (`types.responses.response_reasoning_item`). Pyodide's
`loadPackage` unpacks a wheel file by file in wasm (~1 ms a file), so the bundle's wheel
ships them as one table instead (written by wasm_bridge/official_table.py into
`_official_table`), and this finder makes each module from it when it is imported: the
same names bound to the same objects, with the file's `__all__` and docstring. Every other
wheel keeps the files (type checkers read them) and never imports this module.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Mapping, Sequence
from types import ModuleType

# module -> (docstring, ((absolute module imported from, (names or `name as alias`, ...)),
# ...), __all__)
Entry = tuple[str, Sequence[tuple[str, Sequence[str]]], Sequence[str]]


class OfficialPaths(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and loads the modules of `table`; after the path finder, so a real file wins."""

    def __init__(self, table: Mapping[str, Entry]) -> None:
        self.table = table

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.table:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, origin="official path table")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        doc, imports, names = self.table[module.__name__]
        module.__doc__ = doc
        for source, imported in imports:
            origin = importlib.import_module(source)
            for entry in imported:
                name, _, alias = entry.partition(" as ")  # `A as B` binds our A as B
                try:
                    value = getattr(origin, name)
                except AttributeError:  # `from package import submodule`, as the file does
                    value = importlib.import_module(f"{source}.{name}")
                setattr(module, alias or name, value)
        setattr(module, "__all__", list(names))  # noqa: B010 (mypy: ModuleType has no __all__)


def install(table: Mapping[str, Entry]) -> None:
    """Add the finder of `table` to `sys.meta_path` (once)."""
    if not any(isinstance(f, OfficialPaths) for f in sys.meta_path):
        sys.meta_path.append(OfficialPaths(table))
