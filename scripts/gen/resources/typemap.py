"""Spec schemas to the classes the types generator made for them.

`types/_spec_map.py` lists (module, class, JSON pointer) for every generated class; the
request `*Params` TypedDicts there give each body and query parameter its annotation, read
from the committed module's source (never imported: the generator runs without the SDK).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..paths import TYPES


@dataclass(frozen=True)
class Field:
    name: str
    annotation: ast.expr  # as written in the TypedDict, without Required[...]
    required: bool
    module: str  # the types module whose namespace the annotation's names live in


def _literal(tree: ast.Module, name: str) -> Any:
    for node in tree.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and node.value is not None
        ):
            return ast.literal_eval(node.value)
    raise LookupError(f"_spec_map.py has no {name}")


class TypeMap:
    def __init__(self, types: Path = TYPES) -> None:
        self.types = types
        tree = ast.parse((types / "_spec_map.py").read_text())
        self.by_pointer: dict[str, list[tuple[str, str]]] = {}
        for module, cls, ptr in _literal(tree, "CLASSES"):
            self.by_pointer.setdefault(ptr, []).append((module, cls))
        self.module_of: dict[str, str] = {}
        for module, ops in _literal(tree, "GROUPS").items():
            for op in ops:
                self.module_of.setdefault(op, module)

    def alias(self, ptr: str, operation: str) -> tuple[str, str] | None:
        """A union schema has no class: the types generator names its alias after the
        schema, in the module of the operation that uses it."""
        module = self.module_of.get(operation)
        name = ptr.rsplit("/", 1)[1]
        if module is None:
            return None
        return (module, name) if self.defines(module, name) else None

    def model(self, ptr: str, method: str = "") -> tuple[str, str] | None:
        """The response-side class of a schema (not a `*Param`); of several names for one
        schema, the official one for `method` (`ContainerListResponse` for `list`)."""
        found = [
            (m, c) for m, c in self.by_pointer.get(ptr, ()) if not c.endswith(("Param", "Params"))
        ]
        suffix = f"{method.title().replace('_', '')}Response"
        named = [(m, c) for m, c in found if c.endswith(suffix)]
        if named or not found:
            return named[0] if named else None
        module, cls = found[0]
        return module, self._alias_of(module, cls, suffix) or cls

    def _alias_of(self, module: str, cls: str, suffix: str) -> str | None:
        """The official per-method alias of a class (`ContainerListResponse =
        ContainerCreateResponse`), when the types generator made one."""
        for node in _module(self.types, module).body:
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id.endswith(suffix)
                and isinstance(node.value, ast.Name)
                and node.value.id == cls
            ):
                return node.target.id
        return None

    def defines(self, module: str, name: str) -> bool:
        for node in _module(self.types, module).body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return True
            target = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(target, ast.Name) and target.id == name:
                return True
        return False

    def param(self, ptr: str) -> tuple[str, str] | None:
        """The request-side class of a schema (a `*Param` TypedDict or union alias)."""
        for module, cls in self.by_pointer.get(ptr, ()):
            if cls.endswith("Param"):
                return module, cls
        return None

    def named_param(self, ptr: str, operation: str) -> tuple[str, str] | None:
        """A request-side alias the map does not list (a union schema's), by the types
        generator's naming: the schema's name plus `Param`, seen from the operation's module."""
        module = self.module_of.get(operation)
        if module is None:
            return None
        name = ptr.rsplit("/", 1)[1] + "Param"
        try:
            origin(self.types, module, name)
        except LookupError:
            return None
        return module, name

    def params(self, ptr: str) -> tuple[str, str] | None:
        """The request TypedDict of a body schema or of an operation's query parameters."""
        for module, cls in self.by_pointer.get(ptr, ()):
            if cls.endswith("Params") and self._typed_dict(module, cls) is not None:
                return module, cls
        return None

    def fields(self, module: str, cls: str) -> list[Field]:
        node = self._typed_dict(module, cls)
        assert node is not None, (module, cls)
        return list(self._fields(module, node))

    def _fields(self, module: str, node: ast.ClassDef) -> Iterator[Field]:
        for base in node.bases:  # a TypedDict that extends another
            if isinstance(base, ast.Name) and base.id != "TypedDict":
                parent = self._typed_dict(module, base.id)
                if parent is not None:
                    yield from self._fields(module, parent)
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                annotation, required = stmt.annotation, False
                if (
                    isinstance(annotation, ast.Subscript)
                    and isinstance(annotation.value, ast.Name)
                    and annotation.value.id == "Required"
                ):
                    annotation, required = annotation.slice, True
                yield Field(stmt.target.id, annotation, required, module)

    def _typed_dict(self, module: str, cls: str) -> ast.ClassDef | None:
        for node in _module(self.types, module).body:
            if isinstance(node, ast.ClassDef) and node.name == cls:
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                return node if "TypedDict" in bases or bases - {"BaseModel"} else None
        return None


@cache
def _module(types: Path, module: str) -> ast.Module:
    path = types.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return ast.parse(path.read_text())


def origin(types: Path, module: str, name: str) -> str:
    """The module (dotted, under `openai_oxide`) that defines `name` as seen from the types
    module `module`: imports are followed, since mypy wants names from where they live."""
    for node in _module(types, module).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return f"types.{module}"
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return f"types.{module}"
        if isinstance(node, ast.ImportFrom) and any(
            (a.asname or a.name) == name for a in node.names
        ):
            package = module.split(".")
            if not (types / Path(*package)).is_dir():
                package = package[:-1]  # a module, not a package's __init__
            base = package[: len(package) - (node.level - 1)] if node.level else []
            if node.level and node.level - 1 > len(package):
                raise LookupError(f"{name} is imported from outside types/ in {module}")
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            return origin(types, target, name)
    raise LookupError(f"types.{module} has no {name}")
