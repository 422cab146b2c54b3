"""Generate the typed sync client (`pkg/openai_oxide/sync/`) from the async classes.

As httpcore makes its sync code with unasync, the sync classes are derived from the async
ones, which stay the one source of truth: every method keeps its signature, overloads and
docstring, `async def` becomes `def`, and the async names in annotations become their sync
counterparts (`AsyncStream` -> `Stream`, `AsyncPaginator`/`AsyncPage` -> `SyncPage`,
`AsyncResponses` -> `Responses`, ...). A generated method runs the async method on the sync
runtime's private loop (`openai_oxide._sync`) and converts what comes back.

The classes to generate are found by walking from the client classes (`ROOTS`): every
`Async*` class of the package that a public member's annotation names is generated too
(resources, sub-resources and the lib helpers they return: stream helpers, WebSocket
connections, sessions). The source is read with `ast` (signatures, overloads, docstrings,
imports) and the class hierarchy with `inspect`, so the async code is never edited for it.
It runs last: it imports the package, whose resources the other parts have just written.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .output import formatted
from .paths import PKG as PKG_DIR
from .paths import ROOT, SYNC, relative
from .paths import SYNC_HEADER as HEADER

PKG = "openai_oxide"
OUT = "openai_oxide.sync"
sys.path.insert(0, str(ROOT / "pkg"))

# The clients: everything else is reached from their members.
ROOTS = [
    "openai_oxide._client.AsyncOpenAI",
    "openai_oxide.lib.azure.AsyncAzureOpenAI",
    "openai_oxide.lib.bedrock.AsyncBedrockOpenAI",
]
RUNTIME = "openai_oxide._sync"
PAGE = (RUNTIME, "SyncPage")
CURSOR_PAGE = (RUNTIME, "SyncCursorPage")  # a list that takes `after`, as the official
# The sync twins of the official page classes, which `to_sync` is told to make of a first page.
PAGES = (CURSOR_PAGE, (RUNTIME, "SyncConversationCursorPage"), (RUNTIME, "SyncNextCursorPage"))
# Async names with a hand-written sync counterpart: (module, name) -> (module, name).
FIXED: dict[tuple[str, str], tuple[str, str]] = {
    ("openai_oxide._resource", "AsyncAPIResource"): (RUNTIME, "SyncAPIResource"),
    ("openai_oxide._base", "BaseClient"): (RUNTIME, "SyncClient"),
    ("openai_oxide._streaming", "EventStream"): (RUNTIME, "Stream"),
    ("openai_oxide._streaming", "AsyncStream"): (RUNTIME, "Stream"),
    ("openai_oxide._streaming", "HelperStream"): (RUNTIME, "Stream"),
    ("openai_oxide.lib.ws_stream", "WebSocketStream"): (RUNTIME, "Stream"),
    ("openai_oxide._streaming", "AsyncStreamManager"): (RUNTIME, "StreamManager"),
    ("openai_oxide._pagination", "AsyncPaginator"): (RUNTIME, "SyncPage"),
    ("openai_oxide._pagination", "AsyncPage"): (RUNTIME, "SyncPage"),
    ("openai_oxide._pagination", "AsyncCursorPage"): (RUNTIME, "SyncCursorPage"),
    ("openai_oxide._pagination", "AsyncConversationCursorPage"): (
        RUNTIME,
        "SyncConversationCursorPage",
    ),
    ("openai_oxide._pagination", "AsyncNextCursorPage"): (RUNTIME, "SyncNextCursorPage"),
    ("openai_oxide._response", "AsyncAPIResponse"): ("openai_oxide._response", "APIResponse"),
    ("openai_oxide._response", "AsyncResponseContextManager"): (
        "openai_oxide._response",
        "ResponseContextManager",
    ),
    # Handlers run on the calling thread in the sync client (lib/realtime/handlers.py).
    ("openai_oxide.lib.realtime.handlers", "EventHandlers"): (
        "openai_oxide.lib.realtime.handlers",
        "SyncEventHandlers",
    ),
    ("openai_oxide.lib.realtime.handlers", "EventDispatch"): (
        "openai_oxide.lib.realtime.handlers",
        "SyncEventDispatch",
    ),
    ("collections.abc", "AsyncIterator"): ("collections.abc", "Iterator"),
    ("collections.abc", "AsyncIterable"): ("collections.abc", "Iterable"),
    ("typing", "AsyncIterator"): ("collections.abc", "Iterator"),
    ("typing", "AsyncIterable"): ("collections.abc", "Iterable"),
}
# Base classes whose members are internal plumbing: only their attributes and properties
# are forwarded (the request loop itself is not a public method of the sync client).
ATTRIBUTES_ONLY = {("openai_oxide._base", "BaseClient")}
VIEWS = {"with_raw_response", "with_streaming_response"}
DUNDERS = {"__aiter__": "__iter__", "__aenter__": "__enter__", "__aexit__": "__exit__"}
# What docstrings say of the async form, said of the sync one.
UNASYNC_TEXT = (
    ("async with ", "with "),
    ("async for ", "for "),
    ("await ", ""),
    ("The async client", "The sync client"),
)


def out_module(module: str) -> str:
    """Where the sync classes of an async module go."""
    return OUT + module.removeprefix(PKG)


def out_path(module: str) -> Path:
    return ROOT / "pkg" / (module.replace(".", "/") + ".py")


@dataclass
class Source:
    """One async module's AST: what its names refer to."""

    name: str
    tree: ast.Module
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    aliases: dict[str, ast.expr] = field(default_factory=dict)
    typevars: dict[str, ast.Call] = field(default_factory=dict)
    defined: set[str] = field(default_factory=set)


_sources: dict[str, Source] = {}


def source(module: str) -> Source:
    if module in _sources:
        return _sources[module]
    path = inspect.getsourcefile(importlib.import_module(module))
    assert path is not None
    src = Source(module, ast.parse(Path(path).read_text()))
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    for node in _top_level(src.tree.body):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                src.imports[a.asname or a.name] = (base, a.name)
        elif isinstance(node, ast.Import):
            for a in node.names:
                src.imports[a.asname or a.name.partition(".")[0]] = (a.name, None)
        elif isinstance(node, ast.ClassDef):
            src.classes[node.name] = node
            src.defined.add(node.name)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            src.defined.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            src.defined.add(name)
            value = node.value
            if isinstance(value, ast.Call) and _dotted(value.func).endswith("TypeVar"):
                src.typevars[name] = value
            else:
                src.aliases[name] = value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            src.defined.add(node.target.id)
    _sources[module] = src
    return src


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for node in body:
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks
            yield from _top_level(node.body)
        else:
            yield node


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def origin(src: Source, name: str) -> tuple[str, str] | None:
    """The (module, name) a name of `src` refers to; None for builtins."""
    if name in src.imports:
        module, attr = src.imports[name]
        return (module, attr) if attr is not None else (module, "")
    if name in src.defined:
        return (src.name, name)
    return None


def runtime_object(where: tuple[str, str]) -> object:
    module = importlib.import_module(where[0])
    return getattr(module, where[1]) if where[1] else module


def is_generated(where: tuple[str, str]) -> bool:
    """An `Async*` class of the package that gets a generated sync class."""
    if where in FIXED or not where[0].startswith(PKG) or not where[1].startswith("Async"):
        return False
    return inspect.isclass(runtime_object(where))


def sync_of(where: tuple[str, str]) -> tuple[str, str]:
    if where in FIXED:
        return FIXED[where]
    return out_module(where[0]), where[1].removeprefix("Async")


class Module:
    """One generated module: its imports (runtime or for type checking) and its code."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.runtime: dict[str, tuple[str, str]] = {}
        self.typing: dict[str, tuple[str, str]] = {}
        self.typevars: dict[str, str] = {}
        self.chunks: list[str] = []
        self.groups: dict[str, tuple[str, str]] = {}  # sub-resource property -> sync class

    def need(self, local: str, where: tuple[str, str], *, runtime: bool) -> None:
        if where[0] == self.name:
            return
        table = self.runtime if runtime else self.typing
        known = self.runtime.get(local) or self.typing.get(local)
        if known is not None and known != where:
            if runtime_object(known) is runtime_object(where):
                return
            raise SystemExit(f"{self.name}: {local} means both {known} and {where}")
        table[local] = where

    def render(self) -> str:
        lines = [HEADER, f'"""Sync classes generated from `{self._source_name()}`."""\n']
        lines.append("from __future__ import annotations\n")
        for name in sorted(self.runtime):
            self.typing.pop(name, None)
        lines.extend(self._imports(self.runtime, ""))
        if self.typing:
            lines.append("from typing import TYPE_CHECKING\n")
            lines.append("if TYPE_CHECKING:")
            lines.extend(self._imports(self.typing, "    "))
        lines.extend(f"{name} = {expr}" for name, expr in sorted(self.typevars.items()))
        lines.extend(self.chunks)
        return "\n".join(lines) + "\n"

    def _source_name(self) -> str:
        return PKG + self.name.removeprefix(OUT)

    def _imports(self, table: dict[str, tuple[str, str]], indent: str) -> list[str]:
        by_module: dict[str, list[str]] = {}
        lines = []
        for local, (module, attr) in table.items():
            if not attr:
                lines.append(f"{indent}import {module}")
                continue
            by_module.setdefault(module, []).append(attr if attr == local else f"{attr} as {local}")
        for module, names in by_module.items():
            lines.append(f"{indent}from {self._relative(module)} import {', '.join(names)}")
        return lines

    def _relative(self, module: str) -> str:
        if not module.startswith(PKG + ".") and module != PKG:
            return module
        return relative(module, self.name, package=False)


class Rewriter(ast.NodeTransformer):
    """Maps the names of an annotation (or default) from the async module to the sync one,
    recording the imports the generated module needs."""

    def __init__(
        self,
        src: Source,
        out: Module,
        *,
        runtime: bool,
        todo: list[tuple[str, str]],
        cursor: bool = False,
    ):
        self.src = src
        self.out = out
        self.runtime = runtime
        self.todo = todo
        self.cursor = cursor  # pages of this list are cursor pages (`SyncCursorPage`)
        self.changed = False

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        # `AsyncPaginator[T, AsyncCursorPage[T]]`: a sync list returns its first page.
        if isinstance(node.slice, ast.Tuple) and (
            origin(self.src, _dotted(node.value)) == ("openai_oxide._pagination", "AsyncPaginator")
        ):
            page: ast.AST = self.visit(node.slice.elts[1])
            return page
        node.value = self.visit(node.value)
        if _dotted(node.value).rpartition(".")[2] != "Literal":  # Literal["a"] holds values
            node.slice = self.visit(node.slice)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str) and not self.runtime:  # a string annotation
            try:
                inner = ast.parse(node.value, mode="eval").body
            except SyntaxError:
                return node
            visited: ast.AST = self.visit(inner)
            return visited
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        base = _dotted(node)
        if base.startswith(("typing.", "t.")):
            return node
        return self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        name = node.id
        if name in self.src.aliases and name not in self.src.imports:
            self.changed = True
            aliased: ast.AST = self.visit(_copy(self.src.aliases[name]))
            return aliased
        where = origin(self.src, name)
        if where is None:
            if not hasattr(builtins, name):
                raise SystemExit(f"{self.src.name}: cannot resolve {name!r}")
            return node
        if name in self.src.typevars and where[0] == self.src.name:
            self._typevar(name)
            return node
        if where in FIXED or is_generated(where):
            target = sync_of(where)
            if self.cursor and target == PAGE:
                target = CURSOR_PAGE
            if is_generated(where) and where not in self.todo:
                self.todo.append(where)
            self.changed = True
            self.out.need(target[1], target, runtime=self.runtime)
            return ast.copy_location(ast.Name(target[1], ast.Load()), node)
        self.out.need(name, where, runtime=self.runtime)
        return node

    def _typevar(self, name: str) -> None:
        call = _copy(self.src.typevars[name])
        assert isinstance(call, ast.Call)
        inner = Rewriter(self.src, self.out, runtime=False, todo=self.todo)
        # A class as `bound` or `default` is named by a string: it is imported for type
        # checkers only.
        call.keywords = [
            ast.keyword(k.arg, _as_string(inner.visit(k.value)))
            if k.arg == "bound" or (k.arg == "default" and not _is_none(k.value))
            else k
            for k in call.keywords
        ]
        # From where the source takes it (`typing_extensions` for a PEP 696 default).
        module = self.src.imports.get(_dotted(call.func), ("typing", "TypeVar"))[0]
        self.out.need("TypeVar", (module, "TypeVar"), runtime=True)
        self.out.typevars[name] = ast.unparse(call)


def _copy(node: ast.expr) -> ast.expr:
    return ast.parse(ast.unparse(node), mode="eval").body


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _as_string(node: ast.AST) -> ast.expr:
    return ast.Constant(ast.unparse(node))


@dataclass
class Member:
    name: str
    defs: list[ast.FunctionDef | ast.AsyncFunctionDef]
    src: Source
    attribute: ast.expr | None = None  # a class-level annotation: forwarded as a property
    owner: type | None = None  # the class that defines it


def _instance_attributes(node: ast.ClassDef, klass: type) -> Iterator[tuple[str, ast.expr]]:
    """The public attributes `__init__` sets, with their types: the assignment's
    annotation, the annotation of the parameter assigned as is, or the class called."""
    init = next(
        (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None:
        return
    params = {a.arg: a.annotation for a in [*init.args.args, *init.args.kwonlyargs] if a.annotation}
    found: dict[str, ast.expr | None] = {}
    targets: list[ast.expr]
    annotation: ast.expr | None
    for statement in ast.walk(init):
        if isinstance(statement, ast.AnnAssign):
            targets, annotation = [statement.target], statement.annotation
        elif isinstance(statement, ast.Assign):
            value = statement.value
            annotation = None
            if isinstance(value, ast.Name):  # a parameter kept as is
                annotation = params.get(value.id)
            elif isinstance(value, ast.Call) and _dotted(value.func)[:1].isupper():
                annotation = value.func  # an instance of a class: its type
            targets = statement.targets
        else:
            continue
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and _dotted(target.value) == "self"
                and not target.attr.startswith("_")
            ):
                found[target.attr] = found.get(target.attr) or annotation
    declared = {name for k in klass.__mro__ for name in vars(k).get("__annotations__", {})}
    for name, annotation in found.items():
        if name in declared:
            continue  # forwarded from the class-level declaration
        if annotation is None:
            raise SystemExit(
                f"{klass.__module__}.{klass.__qualname__}.__init__ sets self.{name} without "
                "a type: annotate it there, so that the sync class can forward it"
            )
        yield name, annotation


def _takes_cursor(fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> bool:
    """Whether a method takes `after`, itself or in its `**params: Unpack[...]`."""
    args = fn.args
    if any(a.arg == "after" for a in [*args.args, *args.kwonlyargs]):
        return True
    annotation = args.kwarg.annotation if args.kwarg else None
    if isinstance(annotation, ast.Subscript) and _dotted(annotation.value).endswith("Unpack"):
        where = origin(src, _dotted(annotation.slice))
        params = runtime_object(where) if where else None
        return "after" in getattr(params, "__annotations__", {})
    return False


def _page_argument(returns: str, out: Module) -> str:
    """The page class `to_sync` makes of a cursor list's first page."""
    for page in PAGES:
        if re.search(rf"\b{page[1]}\[", returns):
            out.need(page[1], page, runtime=True)
            return f", {page[1]}"
    return ""


def _decorators(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {_dotted(d).rpartition(".")[2] for d in fn.decorator_list}


class ClassGen:
    """Generates the sync class (and its response views) for one async class."""

    def __init__(self, where: tuple[str, str], todo: list[tuple[str, str]]) -> None:
        self.where = where
        cls = runtime_object(where)
        assert inspect.isclass(cls)
        self.cls: type = cls
        self.todo = todo
        self.src = source(where[0])
        self.sync_name = sync_of(where)[1]

    def _chain(self) -> tuple[list[type], tuple[str, str] | None]:
        """The classes whose members are copied, and the base that ends the walk."""
        chain: list[type] = []
        for klass in self.cls.__mro__:
            key = (klass.__module__, klass.__name__)
            if klass is not self.cls and (key in FIXED or is_generated(key)):
                return chain, key
            if klass is not object and key[0].startswith(PKG):
                chain.append(klass)
        return chain, None

    def members(self) -> tuple[dict[str, Member], dict[str, str]]:
        """The public members to generate (first definition in the MRO wins), and the
        class-level aliases (`copy = with_options`)."""
        chain, stop = self._chain()
        members: dict[str, Member] = {}
        aliases: dict[str, str] = {}
        for klass in [*chain, *([runtime_object(stop)] if stop in ATTRIBUTES_ONLY else [])]:
            assert isinstance(klass, type)
            src = source(klass.__module__)
            node = src.classes[klass.__name__]
            attributes_only = (klass.__module__, klass.__name__) in ATTRIBUTES_ONLY
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    name = item.target.id
                    if not name.startswith("_") and name not in members:
                        members[name] = Member(name, [], src, item.annotation, klass)
                    continue
                if isinstance(item, ast.Assign) and isinstance(item.value, ast.Name):
                    for target in item.targets:
                        if isinstance(target, ast.Name) and not target.id.startswith("_"):
                            self._assigned(klass, target.id, item.value.id, members, aliases)
                    continue
                if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                name = item.name
                wanted = name in DUNDERS or (name == "__init__" and klass is self.cls)
                if (name.startswith("_") and not wanted) or name in VIEWS:
                    continue
                if attributes_only and not {"property", "setter"} & _decorators(item):
                    continue
                member = members.setdefault(name, Member(name, [], src, owner=klass))
                if member.owner is klass:  # else overridden lower in the chain
                    member.defs.append(item)
            for name, annotation in _instance_attributes(node, klass):
                members.setdefault(name, Member(name, [], src, annotation, klass))
        if not _subclass(self.cls, CLIENT):  # only a client is built from its arguments
            members.pop("__init__", None)
        return members, aliases

    @staticmethod
    def _assigned(
        klass: type, name: str, value: str, members: dict[str, Member], aliases: dict[str, str]
    ) -> None:
        """`name = value` in a class body: an alias of one of its methods, or a function
        defined elsewhere and hung on the class (then generated from its own source)."""
        function = vars(klass).get(name)
        if not inspect.isfunction(function) or name in members:
            return
        if function.__qualname__.startswith(klass.__qualname__ + "."):
            aliases.setdefault(name, value)
            return
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        node = tree.body[0]
        assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        node.name = name
        members[name] = Member(name, [node], source(function.__module__), owner=klass)

    def generate(self, out: Module) -> None:
        members, aliases = self.members()
        node = self.src.classes[self.where[1]]
        bases = self._bases(node, self._chain()[1], out)
        doc = ast.get_docstring(node, clean=False)
        lines = [f"class {self.sync_name}({', '.join(bases)}):"]
        if doc:
            lines.append(f"    {_docstring(doc)}")
        lines.append("")
        for member in members.values():
            lines.extend(self._member(member, out))
        for alias, target in aliases.items():
            if target in members:
                lines.append(f"    {alias} = {DUNDERS.get(target, target)}\n")
        has_views = _subclass(self.cls, RESOURCE) or "with_raw_response" in vars(self.cls)
        if has_views:
            lines.extend(self._view_properties(out))
        out.chunks.append("\n" + "\n".join(lines) + "\n")
        if has_views:
            for kind in ("raw", "streaming"):
                out.chunks.append(self._view_class(members, kind, out))

    def _bases(self, node: ast.ClassDef, stop: tuple[str, str] | None, out: Module) -> list[str]:
        """The class's own bases that have a sync counterpart (and `Generic[...]`), mapped;
        without one, the counterpart of the class that ended the MRO walk, or `SyncWrapper`."""
        rewriter = Rewriter(self.src, out, runtime=True, todo=self.todo)
        bases: list[str] = []
        mapped = False
        for base in node.bases:
            head = base.value if isinstance(base, ast.Subscript) else base
            where = origin(self.src, _dotted(head))
            if where is None:
                continue
            if where in FIXED or is_generated(where):
                mapped = True
            elif where[1] != "Generic":
                continue
            bases.append(ast.unparse(rewriter.visit(_copy(base))))
        if not mapped:
            target = sync_of(stop) if stop is not None else (RUNTIME, "SyncWrapper")
            out.need(target[1], target, runtime=True)
            bases.insert(0, target[1])
        return bases

    def _member(self, member: Member, out: Module) -> list[str]:
        if member.attribute is not None:
            ann, changed = self._annotation(member.attribute, member.src, out)
            value = f"self._async.{member.name}"
            if changed:
                out.need("to_sync", (RUNTIME, "to_sync"), runtime=True)
                value = f"to_sync({value})"
            return [
                "    @property",
                f"    def {member.name}(self) -> {ann}:",
                f"        return {value}\n",
            ]
        defs = member.defs
        if member.name == "__init__":
            return self._init(defs[-1], member.src, out)
        lines: list[str] = []
        setters = [d for d in defs if "setter" in _decorators(d)]
        defs = [d for d in defs if d not in setters]
        impl = defs[-1]
        decorators = _decorators(impl)
        overloads = [d for d in defs if "overload" in _decorators(d)]
        if overloads and len(overloads) == len(defs):
            return []  # overloads without an implementation: not a method here
        for fn in overloads:
            lines.extend(self._function(fn, member.src, out, body=None))
        if "property" in decorators or "cached_property" in decorators:
            lines += self._property(impl, member.src, out)
            return lines + [self._setter(d, member.src, out) for d in setters]
        lines.extend(self._function(impl, member.src, out, body=impl))
        return lines

    def _setter(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source, out: Module) -> str:
        """A property's setter: assigns through to the async object, which keeps the state."""
        ann, _ = self._annotation(fn.args.args[1].annotation, src, out)
        return (
            f"    @{fn.name}.setter\n"
            f"    def {fn.name}(self, value: {ann}) -> None:\n"
            f"        self._async.{fn.name} = value\n"
        )

    def _annotation(
        self, node: ast.expr | None, src: Source, out: Module, *, cursor: bool = False
    ) -> tuple[str, bool]:
        if node is None:
            return "None", False
        rewriter = Rewriter(src, out, runtime=False, todo=self.todo, cursor=cursor)
        mapped = rewriter.visit(_copy(node))
        return ast.unparse(mapped), rewriter.changed

    def _property(
        self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source, out: Module
    ) -> list[str]:
        ann, changed = self._annotation(fn.returns, src, out)
        # A sub-resource is made once; any other property is read through every time.
        sub = self._returns_generated(fn, src)
        decorator = (
            "cached_property" if sub and _subclass(runtime_object(sub), RESOURCE) else "property"
        )
        body = f"to_sync(self._async.{fn.name})" if changed else f"self._async.{fn.name}"
        if decorator == "cached_property":
            assert sub is not None
            out.need("cached_property", ("functools", "cached_property"), runtime=True)
            out.groups[fn.name] = sync_of(sub)
        if changed:
            out.need("to_sync", (RUNTIME, "to_sync"), runtime=True)
        doc = ast.get_docstring(fn, clean=False)
        lines = [f"    @{decorator}", f"    def {fn.name}(self) -> {ann}:"]
        if doc:
            lines.append(f"        {_docstring(doc)}")
        lines.append(f"        return {body}\n")
        return lines

    def _signature(
        self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source, out: Module
    ) -> tuple[str, list[str], str, bool]:
        """The sync parameter list, the forwarded arguments, the return annotation and
        whether it differs from the async one."""
        args = fn.args
        params: list[str] = []
        forward: list[str] = []
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(
            args.defaults
        )
        self_type = None
        for i, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
            if i == 0:
                self_type = ast.unparse(arg.annotation) if arg.annotation else None
                params.append("self")
                continue
            params.append(self._param(arg, default, src, out))
            forward.append(arg.arg if i < len(args.posonlyargs) else f"{arg.arg}={arg.arg}")
            if args.posonlyargs and i == len(args.posonlyargs) - 1:
                params.append("/")
        if args.vararg:
            params.append("*" + self._param(args.vararg, None, src, out))
            forward.append(f"*{args.vararg.arg}")
        elif args.kwonlyargs:
            params.append("*")
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            params.append(self._param(arg, default, src, out))
            forward.append(f"{arg.arg}={arg.arg}")
        if args.kwarg:
            params.append("**" + self._param(args.kwarg, None, src, out))
            forward.append(f"**{args.kwarg.arg}")
        if fn.returns is not None and ast.unparse(fn.returns) == self_type:
            out.need("Self", ("typing", "Self"), runtime=False)
            returns, changed = "Self", False  # `def f(self: T) -> T`
        else:
            cursor = _takes_cursor(fn, src)
            returns, changed = self._annotation(fn.returns, src, out, cursor=cursor)
        return ", ".join(params), forward, returns, changed

    def _param(self, arg: ast.arg, default: ast.expr | None, src: Source, out: Module) -> str:
        text = arg.arg
        if arg.annotation is not None:
            text += f": {self._annotation(arg.annotation, src, out)[0]}"
        if default is not None:
            rewriter = Rewriter(src, out, runtime=True, todo=self.todo)
            value = ast.unparse(rewriter.visit(_copy(default)))
            text += f" = {value}" if arg.annotation is not None else f"={value}"
        return text

    def _function(
        self,
        fn: ast.FunctionDef | ast.AsyncFunctionDef,
        src: Source,
        out: Module,
        *,
        body: ast.AST | None,
    ) -> list[str]:
        name = DUNDERS.get(fn.name, fn.name)
        params, forward, returns, changed = self._signature(fn, src, out)
        lines = []
        if body is None:
            out.need("overload", ("typing", "overload"), runtime=True)
            lines.append("    @overload")
            lines.append(f"    def {name}({params}) -> {returns}: ...")
            return lines
        lines.append(f"    def {name}({params}) -> {returns}:")
        doc = ast.get_docstring(fn, clean=False)
        if doc:
            lines.append(f"        {_docstring(doc)}")
        call = f"self._async.{fn.name}({', '.join(forward)})"
        is_async = isinstance(fn, ast.AsyncFunctionDef)
        generator = is_async and any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(fn))
        if fn.name == "__aenter__" and returns == "Self":
            out.need("run_sync", (RUNTIME, "run_sync"), runtime=True)
            lines.append(f"        run_sync({call})\n        return self\n")
        elif returns == "None" and is_async and not generator:
            out.need("run_sync", (RUNTIME, "run_sync"), runtime=True)
            lines.append(f"        run_sync({call})\n")
        elif changed or generator:
            out.need("to_sync", (RUNTIME, "to_sync"), runtime=True)
            lines.append(f"        return to_sync({call}{_page_argument(returns, out)})\n")
        elif is_async:
            out.need("run_sync", (RUNTIME, "run_sync"), runtime=True)
            lines.append(f"        return run_sync({call})\n")
        else:
            lines.append(f"        return {call}\n")
        return lines

    def _init(
        self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source, out: Module
    ) -> list[str]:
        params, forward, _, _ = self._signature(fn, src, out)
        out.need(self.where[1], self.where, runtime=True)
        doc = f'        """The sync `{self.where[1]}`: the same arguments."""'
        return [
            f"    def __init__({params}) -> None:",
            doc,
            f"        self._async = {self.where[1]}({', '.join(forward)})\n",
        ]

    # Response views: `.with_raw_response` / `.with_streaming_response`.
    def _view_properties(self, out: Module) -> list[str]:
        out.need("cached_property", ("functools", "cached_property"), runtime=True)
        lines = []
        for kind, suffix in (("raw", "WithRawResponse"), ("streaming", "WithStreamingResponse")):
            lines += [
                "    @cached_property",
                f"    def with_{kind}_response(self) -> {self.sync_name}{suffix}:",
                f"        return {self.sync_name}{suffix}(self)\n",
            ]
        return lines

    def _view_class(self, members: dict[str, Member], kind: str, out: Module) -> str:
        suffix = "WithRawResponse" if kind == "raw" else "WithStreamingResponse"
        wrapper = (
            ("openai_oxide._response", "LegacyAPIResponse")
            if kind == "raw"
            else ("openai_oxide._response", "ResponseContextManager")
        )
        out.need(wrapper[1], wrapper, runtime=False)
        if kind == "streaming":
            out.need("APIResponse", ("openai_oxide._response", "APIResponse"), runtime=False)
        base = "RawResponseView" if kind == "raw" else "StreamingResponseView"
        parent = self._chain()[1]
        if parent is not None and is_generated(parent):
            module, name = sync_of(parent)
            base = f"{name}{suffix}"
            out.need(base, (module, base), runtime=True)
        else:
            out.need(base, (RUNTIME, base), runtime=True)
        what = "the answer with its body read" if kind == "raw" else "its body read on demand"
        lines = [
            f"class {self.sync_name}{suffix}({base}):",
            f'    """`{self.sync_name}` methods that return {what}."""\n',
        ]
        for member in members.values():
            if member.attribute is not None or member.name.startswith("_"):
                continue
            impl = member.defs[-1]
            decorators = _decorators(impl)
            if "property" in decorators or "cached_property" in decorators:
                where = self._returns_generated(impl, member.src)
                if where is None or not _subclass(runtime_object(where), RESOURCE):
                    continue
                sub_module, sub_name = sync_of(where)
                view = f"{sub_name}{suffix}"
                lines += [
                    "    @property",
                    f"    def {member.name}(self) -> {view}:",
                    f"        from {out._relative(sub_module)} import {view}\n"
                    if sub_module != out.name
                    else "",
                    f"        return {view}(self._resource.{member.name})\n",
                ]
                out.need(view, (sub_module, view), runtime=False)
                continue
            if not self._sends_request(impl, member.src) or member.name == "close":
                continue  # `close` ends the client: not a request with an answer
            overloaded = len(member.defs) > 1
            for fn in member.defs:
                params, forward, returns, _ = self._signature(fn, member.src, out)
                if overloaded and "overload" not in _decorators(fn):
                    returns = "Any"  # the view's type parameter is invariant
                    out.need("Any", ("typing", "Any"), runtime=False)
                # As the official types it: `ResponseContextManager[APIResponse[R]]`.
                wrapped = (
                    f"{wrapper[1]}[{returns}]"
                    if kind == "raw"
                    else f"{wrapper[1]}[APIResponse[{returns}]]"
                )
                if "overload" in _decorators(fn):
                    lines += ["    @overload", f"    def {fn.name}({params}) -> {wrapped}: ..."]
                else:
                    out.need("to_sync", (RUNTIME, "to_sync"), runtime=True)
                    call = f"self._async.{fn.name}({', '.join(forward)})"
                    page = _page_argument(returns, out)
                    lines += [
                        f"    def {fn.name}({params}) -> {wrapped}:",
                        f"        return to_sync({call}{page})\n",
                    ]
        return "\n\n" + "\n".join(line for line in lines if line) + "\n"

    def _returns_generated(
        self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source
    ) -> tuple[str, str] | None:
        if not isinstance(fn.returns, ast.Name | ast.Constant):
            return None
        name = fn.returns.id if isinstance(fn.returns, ast.Name) else str(fn.returns.value)
        where = origin(src, name)
        return where if where is not None and is_generated(where) else None

    def _sends_request(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, src: Source) -> bool:
        if isinstance(fn, ast.AsyncFunctionDef):
            return not any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(fn))
        returns = fn.returns
        head = returns.value if isinstance(returns, ast.Subscript) else returns
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            head = ast.parse(head.value, mode="eval").body
            head = head.value if isinstance(head, ast.Subscript) else head
        return head is not None and origin(src, _dotted(head)) == (
            "openai_oxide._pagination",
            "AsyncPaginator",
        )


CLIENT = ("openai_oxide._base", "BaseClient")
RESOURCE = ("openai_oxide._resource", "AsyncAPIResource")


def _subclass(cls: object, where: tuple[str, str]) -> bool:
    base = runtime_object(where)
    return isinstance(cls, type) and isinstance(base, type) and issubclass(cls, base)


def _docstring(doc: str) -> str:
    """The docstring's source, said of the sync form."""
    for old, new in UNASYNC_TEXT:
        doc = doc.replace(old, new)
    text = doc.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    return f'"""{text}"""'


def generate() -> dict[Path, str]:
    todo: list[tuple[str, str]] = []
    for root in ROOTS:
        module, _, name = root.rpartition(".")
        todo.append((module, name))
    modules: dict[str, Module] = {}
    done: list[tuple[str, str]] = []
    while len(done) < len(todo):
        where = todo[len(done)]
        done.append(where)
        target = out_module(where[0])
        out = modules.setdefault(target, Module(target))
        ClassGen(where, todo).generate(out)
    for name, out in modules.items():  # `AsyncClient = AsyncOpenAI` -> `Client = OpenAI`
        src = source(PKG + name.removeprefix(OUT))
        for alias, value in src.aliases.items():
            target = _dotted(value)
            if alias.startswith("Async") and (src.name, target) in done:
                out.chunks.append(
                    f"\n{alias.removeprefix('Async')} = {sync_of((src.name, target))[1]}\n"
                )
    files = {out_path(name): module.render() for name, module in modules.items()}
    files[INIT] = module_client_block(modules)
    registry = ["", "# async class (module.qualname) -> its generated sync class (module, name)"]
    registry.append("SYNC_CLASSES: dict[str, tuple[str, str]] = {")
    for where in sorted(done):
        registry.append(
            f'    "{where[0]}.{where[1]}": ("{out_module(where[0])}", "{sync_of(where)[1]}"),'
        )
    registry.append("}")
    files[out_path(OUT + "._registry")] = (
        HEADER
        + '"""Which sync class wraps each async class (read by `to_sync`)."""\n'
        + "\n".join(registry)
        + "\n"
    )
    packages = {p.parent for p in files}
    for package in packages:
        init = package / "__init__.py"
        if init not in files:
            files[init] = HEADER
    files[SYNC / "__init__.py"] = (
        HEADER + '"""The sync client, generated from the async one (scripts/generate.py)."""\n'
    )
    return {path: formatted(text, path) for path, text in sorted(files.items())}


INIT = PKG_DIR / "__init__.py"
BEGIN = "    # BEGIN gen_sync:"
END = "    # END gen_sync"


def module_client_block(modules: dict[str, Module]) -> str:
    """`openai_oxide.chat` (the module-level client's groups) typed as the sync client's,
    written between the markers of the package's `__init__.py`."""
    import openai_oxide

    client = out_module(ROOTS[0].rpartition(".")[0])
    groups = modules[client].groups
    text = INIT.read_text()
    head, _, rest = text.partition(BEGIN)
    comment, _, rest = rest.partition("\n")
    _, _, tail = rest.partition(END)
    lines = []
    for name in sorted(openai_oxide._MODULE_RESOURCES):
        module, cls = groups[name]
        lines.append(f"    from .{module.removeprefix(PKG + '.')} import {cls} as _{cls}")
    lines += [f"    {name}: _{groups[name][1]}" for name in sorted(openai_oxide._MODULE_RESOURCES)]
    return head + BEGIN + comment + "\n" + "\n".join(lines) + "\n" + END + tail
