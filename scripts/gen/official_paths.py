"""The official module paths: `from openai_oxide.types.responses.response_reasoning_item
import ResponseReasoningItem` imports what `openai.types...` does, the one class.

Our classes live mostly one module per group; the official package has one module per
class. For every official module path (the committed official_names.tsv) that we lack,
this writes a thin module that re-exports the official names it holds from the module of
ours that defines them, never a second class; a path that holds none of our classes is
left out (each file costs Pyodide's unpacking of the wheel). A group module of ours that
the official package has as a package (`types.audio`) is written as the package's
`__init__`, so that its official submodules sit below it.

Which of our classes is meant (`Placer`): the module's own class (`response_reasoning_item`
-> `ResponseReasoningItem`), defined by a module of ours whose class the official group
uses (the nearest to the official path if several; a TypedDict for a `*_param` path, a
model otherwise); the module's other names are those its class refers to, beside it or
imported there. An official inline class is then found from those by the structure both
sides share (official_match.py over the committed official_graph.tsv), and given at its
official path under its official short name as well (`computer_action.Click` is our
`ActionClick`). A name that cannot be placed so is left out rather than guessed; the tests
count what is present (tests/types/test_official_paths.py).
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from . import type_graph
from .naming import official_modules
from .official_aliases import place_second_names, place_variants
from .official_match import match
from .paths import HEADER, OFFICIAL_GRAPH, TYPES, relative
from .tables import MODULES, PACKAGES
from .type_graph import Key

# official name -> (our module defining the class, its name there)
Placed = dict[str, tuple[str, str]]


def names_in(source: str) -> tuple[dict[str, set[str]], set[str]]:
    """The public names a module defines itself (classes and type aliases), each with the
    names its definition refers to, and the names it imports from a module of ours."""
    defined: dict[str, set[str]] = {}
    imported: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            defined[node.name] = _refs(node)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined[node.target.id] = _refs(node.value)
        elif isinstance(node, ast.Assign):
            defined.update(
                (t.id, _refs(node.value)) for t in node.targets if isinstance(t, ast.Name)
            )
        elif isinstance(node, ast.ImportFrom) and node.level:
            imported.update(a.name for a in node.names if a.asname in (None, a.name))
            # `import GraderStringCheck as StringCheckGrader` gives a class its official name
            defined.update(
                (a.asname, {a.name}) for a in node.names if a.asname not in (None, a.name)
            )
    return {n: refs for n, refs in defined.items() if not n.startswith("_")}, imported


def _refs(node: ast.AST | None) -> set[str]:
    """The names a definition refers to (in annotations, and in quoted ones)."""
    return set(type_graph.annotation_names(node)) if node is not None else set()


def _nearest(candidates: list[str], module: str) -> str | None:
    """The candidate module sharing the longest dotted prefix with `module`, if one does."""

    def shared(candidate: str) -> int:
        n = 0
        for a, b in zip(candidate.split("."), module.split("."), strict=False):
            if a != b:
                break
            n += 1
        return n

    def rank(candidate: str) -> tuple[int, bool]:
        # at equal depth, a package above `module` is nearer than a sibling of it: the
        # organization's `UserListParams` for `admin.organization.user_list_params`, not
        # the one of `admin.organization.groups`
        return shared(candidate), module.startswith(candidate + ".")

    ranked = sorted(candidates, key=rank, reverse=True)
    if not ranked:
        return None
    if len(ranked) == 1 or rank(ranked[0]) > rank(ranked[1]):
        return ranked[0]
    # a root module of the official package (`completion_create_params`, the legacy
    # completions) is nearest to the one root module of ours (`completions`), if one is
    roots = [c for c in ranked if "." not in c]
    if "." not in module and shared(ranked[0]) == 0 and len(roots) == 1:
        return roots[0]
    return None


def group(module: str) -> str | None:
    """The endpoint group a module (ours or official, dotted) belongs to, if any."""
    groups = {g.split(".")[0] if g.split(".")[0] in PACKAGES else g for g in MODULES}
    found = max(
        (g for g in groups if module == g or module.startswith(g + ".")), key=len, default=None
    )
    top = module.split(".")[0]
    if found is None and top == "beta":  # the assistants and threads
        return "beta"
    if found is None and top not in ("", "shared", "shared_params") and "." in module:
        return top  # a package of its own (`graders`), or one the spec lacks (`live`)
    return found


def resource_of(module: str) -> str | None:
    """The top-level group a root official module is named after (`file_create_params` ->
    `files`, `vector_store_search_params` -> `vector_stores`), if one is."""
    for group in sorted(MODULES, key=len, reverse=True):
        singular = group[:-1] if group.endswith("s") else group
        if "." not in group and (module == group or module.startswith(singular + "_")):
            return group
    return None


class Placer:
    """Where each official name is defined among our modules.

    `users` maps a generated class (module, name), or a shared module (module, "*"), to the
    groups that use it: a class is placed at an official path only where the official group
    is one of them (`beta.file_search_tool` is the Assistants tool, not the Responses
    `FileSearchTool` of `shared.tool`)."""

    def __init__(
        self, sources: dict[str, str], users: dict[tuple[str, str], list[str]], packages: set[str]
    ) -> None:
        self.users = users
        self.packages = packages
        self.defs: dict[str, list[str]] = {}
        self.defined: dict[str, dict[str, set[str]]] = {}
        self.imported: dict[str, set[str]] = {}
        for module, text in sorted(sources.items()):
            self.defined[module], self.imported[module] = names_in(text)
            for name in self.defined[module]:
                self.defs.setdefault(name, []).append(module)

    def home(self, name: str, near: str) -> str | None:
        found = [m for m in self.defs.get(name, []) if self.serves(m, name, near)]
        # A request's `*_param` module holds TypedDicts, any other a model of that name.
        params = near.endswith(("_param", "_params"))
        kind = [m for m in found if ("TypedDict" in self.defined[m][name]) == params]
        nearest = _nearest(kind or found, near)
        if nearest is None and "." not in near and resource_of(near) in (kind or found):
            return resource_of(near)  # `file_create_params` is `files`', not `containers`'
        return nearest

    def reached(self, module: str, name: str) -> set[str]:
        """The names `name`'s definition in `module` refers to, through the module's own."""
        seen = {name}
        stack = [name]
        while stack:
            for ref in self.defined[module].get(stack.pop(), ()):
                if ref not in seen:
                    seen.add(ref)
                    if ref in self.defined[module]:
                        stack.append(ref)
        return seen

    def serves(self, module: str, name: str, official: str) -> bool:
        wanted = group(official)
        if (
            wanted is None
            and official in self.packages
            and official not in ("shared", "shared_params")
        ):
            wanted = official  # an official package of its own (`live`, which the spec lacks)
        users = self.users.get((module, name)) or self.users.get((module, "*")) or [module]
        return wanted is None or any((group(u) or u).startswith(wanted) for u in users)

    def module(self, official: str, names: list[str]) -> dict[str, str]:
        """Official name -> our module defining it, for one official (non-package) module."""
        leaf = official.rpartition(".")[2].replace("_", "")
        own = [n for n in names if n.lower() == leaf]
        if own:
            where = self.home(own[0], official)
            if where is None:
                return {}
            # Its other names are the classes its class refers to, in the same module of
            # ours or imported there (not any class of that name: `Content` is many things).
            reached = self.reached(where, own[0])
            found = {n: where for n in names if n in reached and n in self.defined[where]}
            for n in names:
                if n not in found and n in reached and n in self.imported[where]:
                    beside = self.home(n, where)
                    if beside is not None:
                        found[n] = beside
            # and one step further: the members of a union imported there (the annotations
            # of `response_output_text_annotation_added_event`)
            for ref in sorted(reached & self.imported[where]):
                there = self.home(ref, where)
                if there is not None:
                    further = self.reached(there, ref) & set(self.defined[there])
                    found.update({n: there for n in names if n not in found and n in further})
            return found
        homes = {n: self.home(n, official) for n in names}
        return {n: w for n, w in homes.items() if w is not None}


def placements(
    sources: dict[str, str], users: dict[tuple[str, str], list[str]]
) -> tuple[dict[str, Placed], Placer]:
    """For each official module, its names placed among our classes (`sources` maps every
    module of ours to its source, `users` a class to the groups that use it: `Placer`):
    those the placer finds by name, then the inline classes reached from them
    (official_match.py), which may have another name here (`ImageGenerationCall` is
    `ImageGenerationCallParam`); a package's, those of its submodules."""
    names, packages = official_modules()
    placer = Placer(sources, users, packages)
    placed: dict[str, Placed] = {}
    for module in sorted(names):
        if module and module not in packages:
            by_placer = placer.module(module, names[module])
            placed[module] = {n: (where, n) for n, where in by_placer.items()}
    ours = type_graph.build(sources, packages | {m.rpartition(".")[0] for m in sources})
    official = type_graph.parse(OFFICIAL_GRAPH.read_text())
    for module, found in placed.items():
        for n in [
            n
            for n, (where, _) in found.items()
            if _union_for_class(official, ours, (module, n), (where, n))
        ]:
            del found[n]
    anchors = {
        (module, n): (where, n)
        for module, found in placed.items()
        for n, (where, _) in found.items()
        if (where, n) in ours.edges
    }
    for (module, n), (where, ours_name) in sorted(match(official, ours, anchors).items()):
        if module not in placed or n not in names[module] or n in placed[module]:
            continue
        # A module's own class names a schema: under another name here it must add no field
        # (`RealtimeSessionCreateRequest` is not the response's session, where events hold it)
        own = n.lower() == module.rpartition(".")[2].replace("_", "")
        if own and ours_name != n and not _no_more(official, ours, (module, n), (where, ours_name)):
            continue
        placed[module][n] = (where, ours_name)
    _place_short_aliases(official, names, placed)
    place_second_names(official, placed, names)
    place_variants(placed, names, placer.defined)
    # A package's names are those of its submodules, or placed like a module's names.
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for module, found in placed.items():
        for name, at in found.items():
            by_name[(module.rpartition(".")[0], name)] = at
    for package in sorted(packages):
        in_package: Placed = {}
        for name in names.get(package, []):
            home = placer.home(name, package)
            if (package, name) in by_name:
                in_package[name] = by_name[(package, name)]
            elif home is not None:
                in_package[name] = (home, name)
        placed[package] = in_package
    return placed, placer


def _place_short_aliases(
    official: type_graph.Graph, names: dict[str, list[str]], placed: dict[str, Placed]
) -> None:
    """An official short alias of a placed class of its module (`ContextManagement =
    ResponseCreateContextManagement` in `responses_client_event_param`) is that class too."""
    for (module, n), edges in sorted(official.edges.items()):
        target = edges.get("is", ())
        found = placed.get(module, {})
        if n in found or n not in names.get(module, []) or len(target) != 1:
            continue
        if target[0][0] == module and target[0][1] in found:
            found[n] = found[target[0][1]]


def _union_for_class(
    official: type_graph.Graph, ours: type_graph.Graph, theirs: Key, mine: Key
) -> bool:
    """The official name is a union where ours of that name is one class: another thing
    (`conversations.message.Content`, the content parts, is not the reasoning text `Content`
    that the message's union of ours names); the matcher places it instead."""
    members = official.leaves(official.edges.get(theirs, {}).get("=", ()))
    tagged = len(members) > 1 and all(m in official.tags for m in members)
    return tagged and mine in ours.tags and "=" not in ours.edges.get(mine, {})


def _no_more(official: type_graph.Graph, ours: type_graph.Graph, theirs: Key, mine: Key) -> bool:
    """Our class has no field the official one lacks."""
    return set(ours.fields.get(mine, ())) <= set(official.fields.get(theirs, ()))


def reexports(placed: dict[str, Placed], placer: Placer, generated: set[str]) -> dict[str, Placed]:
    """For each `generated` module at an official (non-package) path: the official names of
    that path another module of ours defines -> that module. The path re-exports them, as a
    thin module would (`response_item`'s `McpListToolsTool`, a member's part); not in
    `shared_params`, whose official names are TypedDicts where ours may be models."""
    out: dict[str, Placed] = {}
    for module in sorted(generated & set(placed)):
        if module.startswith("shared_params."):  # TypedDicts: a model is no answer there
            continue
        # a name the module has already (its own class, or one it imports) is not replaced
        taken = set(placer.defined[module]) | placer.imported[module]
        elsewhere = {
            n: (w, src)
            for n, (w, src) in placed[module].items()
            if n not in placer.defined[module] and (src == n or n not in taken)
        }
        if module in placer.packages:
            # a package gives its submodules' inline classes that it defines itself, under
            # their official names, and those of modules outside it (`shared.tool.Mcp` is
            # `realtime.RealtimeResponseCreateMcpTool`, `conversations.InputTextContent` a
            # Responses class); never from a submodule, which imports from it
            elsewhere = {
                n: (w, src)
                for n, (w, src) in elsewhere.items()
                if w == module or not w.startswith(module + ".")
            }
        if elsewhere:
            out[module] = elsewhere
    return out


def thin_module(module: str, placed: Placed, package: bool) -> str:
    imports: dict[str, list[str]] = {}
    for name, (where, src) in sorted(placed.items()):
        imports.setdefault(where, []).append(name if src == name else f"{src} as {name}")
    homes = ", ".join(f"`types.{w}`" for w in sorted(imports)) or "the modules below"
    doc = f"The official path of the classes of {homes}."
    if any(src != name for name, (_, src) in placed.items()):
        doc += (
            " A name imported `as` another is the official short name of a class named after"
            " its parent there (a group module holds the inline classes of many parents, whose"
            " short names would clash): one class, two names."
        )
    doc = textwrap.fill(doc, 92)
    # the official short names of deep inline classes are longer than a line
    long = any(len(f"    {n},") > 100 for found in imports.values() for n in found)
    lines = [HEADER + ("# ruff: noqa: E501\n" if long else "")]
    lines.append(f'"""{doc}"""\n' if "\n" not in doc else f'"""{doc}\n"""\n')
    for where, found in sorted(imports.items(), key=lambda kv: relative(kv[0], module, package)):
        lines.append(f"from {relative(where, module, package)} import {', '.join(found)}")
    lines.append("\n__all__ = [" + ", ".join(f'"{n}"' for n in sorted(placed)) + "]\n")
    return "\n".join(lines)


def path_of(module: str, package: bool) -> Path:
    parts = module.split(".")
    return (
        TYPES.joinpath(*parts, "__init__.py")
        if package
        else TYPES.joinpath(*parts).with_suffix(".py")
    )


def thin_modules(placed: dict[str, Placed], packages: set[str], ours: set[str]) -> dict[Path, str]:
    """The thin modules for the official module paths (`placements`) not in `ours` (dotted
    module and package names under types); `packages` are the official packages."""
    # A path with no class of ours is not written (every file costs Pyodide's unpacking of
    # the wheel), except as the package above one that has.
    kept = {m for m, found in placed.items() if found}
    kept |= {".".join(m.split(".")[:i]) for m in kept for i in range(1, m.count(".") + 1)}
    files: dict[Path, str] = {}
    for module, found in sorted(placed.items()):
        if module in ours or module not in kept:
            continue
        is_package = module in packages
        files[path_of(module, is_package)] = thin_module(module, found, is_package)
    return files
