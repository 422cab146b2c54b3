"""The package's import graph has no cycles, and no module reaches into another's private names.

Read from the source with `ast`, so nothing is imported. Every import outside
`if TYPE_CHECKING:` is an edge, a module-level one or one inside a function: a lazy import
that closes a loop is still a loop, only hidden.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "pkg" / "openai_oxide"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST, type_only: bool = False) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (unless `type_only`)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if not type_only and isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _target(name: str) -> str | None:
    """The package module that importing `name` loads last (itself or its nearest parent)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, type_only: bool = False) -> set[str]:
    path = MODULES[module]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(), str(path)), type_only):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            target = _target(name)
            if target is not None and target != module:
                found.add(target)
    return found


def _ancestors(module: str) -> Iterator[str]:
    parts = module.split(".")
    for i in range(1, len(parts)):
        yield ".".join(parts[:i])


def import_graph(type_only: bool = False) -> dict[str, set[str]]:
    # Importing a submodule runs its parents' `__init__` first, but the parent does not depend
    # on its child for that: only explicit imports are edges.
    return {module: imports_of(module, type_only) for module in MODULES}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively; components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def test_resources_import_lib_only_inside_the_helpers_that_return_it() -> None:
    """`lib/` builds on `resources/`; a resource method may import the lib helper it returns
    (`responses.stream` -> `AsyncResponseStream`, as the official SDK's shape) inside the
    method, but no resource module depends on `lib` when it is imported."""
    found = []
    for module, path in MODULES.items():
        if not module.startswith("openai_oxide.resources"):
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and _resolve(module, path, node).startswith(
                "openai_oxide.lib"
            ):
                found.append(f"{module}:{node.lineno}")
    assert not found


def test_no_import_cycles() -> None:
    cycles = strongly_connected(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_cycles_even_through_type_only_imports() -> None:
    """A `TYPE_CHECKING` import that closes a loop is a design cycle (two modules that
    need each other's names), as `lib/ws_stream` <-> `lib/ws_session` and `testing/app` <->
    `testing/ws` were: they are typed by protocols or handed their parts instead."""
    cycles = strongly_connected(import_graph(type_only=True))
    assert not cycles, "type-level cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


# Underscore names of other libraries that are their public API (namedtuple's `_replace`,
# `_asdict`, `_fields`; `sys._getframe` is not used). Each is an attribute name, not an object.
# Underscored yet public: namedtuple's API, and the low-level loop functions asyncio.events
# lists in its `__all__` (the sync runtime drives the client's loop on the calling thread).
FOREIGN_PUBLIC = {
    "_replace",
    "_asdict",
    "_fields",
    "_make",
    "_get_running_loop",
    "_set_running_loop",
}

# Justified exceptions, as (module, attribute):
ALLOWED = {
    # The Azure client's `with_options` rebuilds the credential headers of its own clone
    # (an instance of its class) with the base client's protected hook, after setting the
    # Azure credential fields that hook reads.
    ("openai_oxide.lib.azure", "_build_auth_headers"),
    # The lite session drives the typed session's turns with its dict decoder; a public
    # method would join the typed (and generated sync) session's API for this one user.
    ("openai_oxide.lite._session", "_turn_stream"),
    # `http_client=` takes a sync `httpx2.Client`: its async twin is built from the pool's
    # settings, which httpx2 exposes no other way (a third-party object, not one of ours).
    *(
        ("openai_oxide._transport.httpx_clients", name)
        for name in (
            "_mounts",
            "_transport",
            "_proxy_headers",
            "_ssl_context",
            "_http1",
            "_http2",
            "_max_connections",
            "_max_keepalive_connections",
            "_keepalive_expiry",
        )
    ),
}


def _owned_names(tree: ast.AST) -> set[str]:
    """Underscore names this module defines: functions, classes, class attributes, and
    attributes it assigns on any object (`self._x = ...`)."""
    owned: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            owned.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            owned.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            owned.add(node.id)
        elif isinstance(node, ast.arg):
            owned.add(node.arg)
        elif isinstance(node, ast.alias) and node.asname:
            owned.add(node.asname)
    # __slots__ = ("_a", "_b") declares attributes too
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets
        ):
            owned.update(
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            )
    return owned


def private_reaches(module: str, source: str | None = None) -> list[str]:
    path = MODULES.get(module)
    tree = ast.parse(source if source is not None else path.read_text() if path else "")
    owned = _owned_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or name.startswith("__") or name in FOREIGN_PUBLIC:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"}:
            continue
        if name in owned or (module, name) in ALLOWED:
            continue
        found.append(f"{module}:{node.lineno}: .{name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").startswith("openai_oxide")
        ):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{module}:{node.lineno}: import {alias.name}")
    return found


def test_the_private_finder_sees_a_reach_in() -> None:
    source = (
        "from .responses import _prepare\n"
        "class A:\n"
        "    def __init__(self): self._mine = 1\n"
        "    def f(self, x, other: A): return x._client._send(), other._mine, self._other\n"
    )
    found = private_reaches("openai_oxide.probe", source)
    assert {line.split(": ", 1)[1] for line in found} == {"._send", "._client", "import _prepare"}


def test_no_module_reaches_into_another_modules_private_names() -> None:
    found = [line for module in MODULES for line in private_reaches(module)]
    assert not found, "private names used across modules:\n" + "\n".join(found)
