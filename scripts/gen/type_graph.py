"""What each class and type alias of a `types` package refers to, read from its source.

The same reading serves the official package (`official_table.py` writes it to the committed
official_graph.tsv) and our generated modules (`official_match.py`), so an official inline
class (`response_input_item_param.ImageGenerationCall`) can be matched with the one class of
ours that sits at the same place under a class both sides name alike.

A key is ``(module under types, name)``, resolved through imports to where it is defined.
For each key: the keys each field's annotation names (`.field`), the members of a type
alias (`=`; `is` for a bare other name), the `type` tag of a class, and its field names.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

Key = tuple[str, str]


@dataclass
class Graph:
    edges: dict[Key, dict[str, tuple[Key, ...]]] = field(default_factory=dict)
    tags: dict[Key, str] = field(default_factory=dict)
    fields: dict[Key, tuple[str, ...]] = field(default_factory=dict)

    def leaves(self, refs: tuple[Key, ...]) -> list[Key]:
        """The classes `refs` name, aliases expanded into their members."""
        out: list[Key] = []
        stack, seen = list(reversed(refs)), set()
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            edges = self.edges.get(key, {})
            members = edges.get("=", edges.get("is"))
            if members is None:
                out.append(key)
            else:
                stack.extend(reversed(members))
        return out


@dataclass
class _Module:
    defined: dict[str, ast.AST] = field(default_factory=dict)
    imported: dict[str, Key] = field(default_factory=dict)


def _target(module: str, package: bool, level: int, name: str | None) -> str | None:
    """The dotted module a relative import names, or None outside the package."""
    parts = module.split(".") if module else []
    base = parts if package else parts[:-1]
    if level - 1 > len(base):
        return None
    base = base[: len(base) - (level - 1)]
    return ".".join(base + (name.split(".") if name else []))


def _read(module: str, source: str, package: bool) -> _Module:
    out = _Module()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            out.defined[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is not None:
                out.defined[node.target.id] = node.value
        elif isinstance(node, ast.Assign):
            out.defined.update((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom) and node.level:
            where = _target(module, package, node.level, node.module)
            if where is not None:
                out.imported.update((a.asname or a.name, (where, a.name)) for a in node.names)
    out.defined = {n: v for n, v in out.defined.items() if not n.startswith("_")}
    return out


def annotation_names(node: ast.AST) -> list[str]:
    """The names an annotation (or any definition) refers to, quoted ones too, in order."""
    out: list[str] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.append(sub.id)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            out.extend(re.findall(r"[A-Za-z_]\w*", sub.value))
    return list(dict.fromkeys(out))


def _literal(node: ast.AST) -> str | None:
    """The one string of a `Literal["..."]` in an annotation."""
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == "Literal"
            and isinstance(sub.slice, ast.Constant)
            and isinstance(sub.slice.value, str)
        ):
            return sub.slice.value
    return None


def build(sources: dict[str, str], packages: set[str]) -> Graph:
    """The graph of `sources` (dotted module under types -> source); `packages` are the
    modules that are a package's `__init__`."""
    modules = {m: _read(m, text, m in packages) for m, text in sources.items()}

    def resolve(key: Key, depth: int = 0) -> Key | None:
        module, name = key
        found = modules.get(module)
        if found is None or depth > 8:
            return None
        if name in found.defined:
            return key
        if name in found.imported:
            return resolve(found.imported[name], depth + 1)
        return None

    def refs(node: ast.AST, module: str) -> tuple[Key, ...]:
        keys = (resolve((module, n)) for n in annotation_names(node))
        return tuple(dict.fromkeys(k for k in keys if k is not None))

    graph = Graph()

    def add_class(key: Key, node: ast.ClassDef) -> None:
        # a class has the fields of its bases of the package too (the official
        # `ThreadCreateAndRunParamsNonStreaming(ThreadCreateAndRunParamsBase)`)
        edges: dict[str, tuple[Key, ...]] = {}
        names: list[str] = []
        for base in refs(ast.Tuple(elts=node.bases), key[0]):
            base_node = modules[base[0]].defined[base[1]]
            if base not in graph.fields and isinstance(base_node, ast.ClassDef):
                add_class(base, base_node)
            edges.update(graph.edges.get(base, {}))
            names += graph.fields.get(base, ())
            if base in graph.tags:
                graph.tags[key] = graph.tags[base]
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names.append(stmt.target.id)
                field_refs = refs(stmt.annotation, key[0])
                edges["." + stmt.target.id] = tuple(k for k in field_refs if k != key)
                tag = _literal(stmt.annotation) if stmt.target.id == "type" else None
                if tag is not None:
                    graph.tags[key] = tag
        graph.edges[key] = {f: r for f, r in edges.items() if r}
        graph.fields[key] = tuple(dict.fromkeys(names))

    for module, found in sorted(modules.items()):
        for name, node in found.defined.items():
            key = (module, name)
            if isinstance(node, ast.ClassDef):
                if key not in graph.fields:
                    add_class(key, node)
            else:
                # `is`: another name for one class (`RunRetrieveResponse = RunCreateResponse`)
                graph.edges[key] = {"is" if isinstance(node, ast.Name) else "=": refs(node, module)}
    return graph


def read_dir(types_dir: Path) -> Graph:
    """The graph of a `types` directory (the official package's)."""
    sources: dict[str, str] = {}
    packages: set[str] = set()
    for path in sorted(types_dir.rglob("*.py")):
        parts = path.relative_to(types_dir).with_suffix("").parts
        if path.name == "__init__.py":
            parts = parts[:-1]
            packages.add(".".join(parts))
        sources[".".join(parts)] = path.read_text()
    return build(sources, packages)


def render(graph: Graph, header: str) -> str:
    """One `[module]` line, then a line per fact of a name defined there."""
    lines: list[str] = []
    module = None
    for k in sorted(graph.edges):
        if k[0] != module:
            module = k[0]
            lines.append(f"[{module}]")
        for f, refs in sorted(graph.edges[k].items()):
            # a key in the same module is its bare name
            named = " ".join(r[1] if r[0] == k[0] else f"{r[0]}:{r[1]}" for r in refs)
            lines.append(f"{k[1]}\t{f}\t{named}")
        if k in graph.tags:
            lines.append(f"{k[1]}\t@\t{graph.tags[k]}")
        if k in graph.fields:
            lines.append(f"{k[1]}\t:\t{' '.join(graph.fields[k])}")
    return header + "\n" + "\n".join(lines) + "\n"


def parse(text: str) -> Graph:
    graph = Graph()
    module = ""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            module = line[1:-1]
            continue
        name, what, value = line.split("\t")
        k = (module, name)
        if what == "@":
            graph.tags[k] = value
        elif what == ":":
            graph.fields[k] = tuple(value.split())
        else:
            refs = tuple(
                (r.partition(":")[0], r.partition(":")[2]) if ":" in r else (module, r)
                for r in value.split()
            )
            graph.edges.setdefault(k, {})[what] = refs
    for k in graph.fields:
        graph.edges.setdefault(k, {})
    return graph
