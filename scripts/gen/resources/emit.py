"""The text of one generated resources module (formatted by ruff afterwards)."""

from __future__ import annotations

import ast
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..paths import RESOURCES_HEADER as HEADER
from . import layout, views
from .plan import Group, Method, Param
from .typemap import origin

TYPING = {"Literal", "Any", "Annotated", "Union", "Optional", "TypeAlias"}
ABC = {"Sequence", "Mapping", "Iterable"}
BUILTINS = {"str", "int", "float", "bool", "bytes", "object", "None"}
LINE = 100
# Inside a class `list` is the method; an array parameter is an `Iterable`, as the official
# types it, so a generator or a tuple will do (the codec sends it as a JSON array).
RENAMED = {"list": "Iterable", "dict": "Mapping"}


class Imports:
    """The module's imports; a name only annotations use is imported for type checkers
    only, so that loading a group does not load every types module its parameters name
    (`chat` would load `types.responses` for `ChatModel`). The models a method parses into
    are imported by the method itself (`Module.model`)."""

    def __init__(self) -> None:
        self.names: dict[str, set[str]] = defaultdict(set)
        self.typed: dict[str, set[str]] = defaultdict(set)
        self.plain: set[str] = set()
        self.seen: dict[str, str] = {}

    def add(self, module: str, name: str, *, typing_only: bool = False) -> None:
        if self.seen.setdefault(name, module) != module:
            raise SystemExit(f"{name} comes from both {self.seen[name]} and {module}")
        (self.typed if typing_only else self.names)[module].add(name)

    def render(self) -> str:
        lines = [f"import {m}" for m in sorted(self.plain)]
        typed = {m: names - self.names.get(m, set()) for m, names in self.typed.items()}
        typed = {m: names for m, names in typed.items() if names}
        if typed:
            self.names["typing"].add("TYPE_CHECKING")
        for module, names in sorted(self.names.items()):
            lines.append(f"from {module} import {', '.join(sorted(names))}")
        if typed:
            lines.append("\nif TYPE_CHECKING:")
            for module, names in sorted(typed.items()):
                lines.append(f"    from {module} import {', '.join(sorted(names))}")
        return "\n".join(lines)


class Module:
    def __init__(self, name: str, groups: list[Group], types: Path, tags: dict[str, str]):
        self.name = name
        self.groups = groups
        self.types = types
        self.tags = tags
        self.imports = Imports()
        self.local = {g.spec.cls for g in groups}
        self.runtime: dict[str, set[str]] = defaultdict(set)  # the method's model imports

    def render(self) -> str:
        self.imports.add("typing", "Unpack")
        self.imports.add("._options", "RequestOptions")
        classes = "\n\n".join(self.group(g) for g in self.groups)
        names = ", ".join(f'"{g.spec.cls}"' for g in sorted(self.groups, key=lambda g: g.spec.cls))
        return (
            f"{HEADER}{docstring(layout.MODULES[self.name], '')}\n"
            "from __future__ import annotations\n\n"
            f"{self.imports.render()}\n\n__all__ = [{names}]\n\n\n{classes}\n"
        )

    def group(self, group: Group) -> str:
        g = group.spec
        for module, cls in g.bases:
            self.imports.add(f".{module}", cls)
        base = ", ".join(cls for _, cls in g.bases)
        if not base:
            base = "Resource"
            self.imports.add("._common", "Resource")
        doc = self.tag_doc(group)
        out = [f"class {g.cls}({base}):"]
        if doc:
            out.append(docstring(doc, "    "))
        out.append("    __slots__ = ()")
        if g.headers:
            self.imports.add("typing", "ClassVar")
            self.imports.add("collections.abc", "Mapping")
            out.append(f"    _headers: ClassVar[Mapping[str, str]] = {dict(g.headers)!r}")
        for child in group.children:
            name = child.dotted.rpartition(".")[2]
            if child.cls not in self.local:
                self.imports.add(f".{child.module}", child.cls)
            out.append(
                f"\n    @property\n    def {name}(self) -> {child.cls}:\n"
                f"        return {child.cls}(self._client)"
            )
        for method in group.methods:
            out.append("\n" + self.method(method))
        out.append(views.properties(g.cls))
        return "\n".join(out) + "\n\n" + self.views(group)

    def views(self, group: Group) -> str:
        g = group.spec
        self.imports.add(".._resource", "AsyncResponseView")
        for _, _, wrapper in views.KINDS:
            self.imports.add(".._resource", wrapper)
        methods = [m.name for m in group.methods]
        methods += [m for m in views.helper_methods(g.bases) if m not in methods]
        children = []
        for child in group.children:
            children.append((child.dotted.rpartition(".")[2], child.cls))
            self.imports.add("functools", "cached_property")
            if child.cls not in self.local:
                for _, suffix, _ in views.KINDS:
                    self.imports.add(f".{child.module}", views.view_name(child.cls, suffix))
        for _, module, cls in g.aliases:
            self.imports.add("functools", "cached_property")
            for _, suffix, _ in views.KINDS:
                name = views.view_name(cls, suffix)
                self.imports.add(f".{module}", name, typing_only=True)
        return views.classes(g.cls, methods, children, g.aliases)

    def tag_doc(self, group: Group) -> str:
        for method in group.methods:
            return self.tags.get(method.tag, "")
        return ""

    def method(self, m: Method) -> str:
        streams = m.event is not None and any(p.name == "stream" for p in m.params)
        params = [p for p in m.params if not (streams and p.name == "stream")]
        returns, head = self.result(m)
        prelude, sent = self.payloads(m, params, local=streams or m.override.parse_by is not None)
        if m.override.accept:
            sent.append(f"accept={m.override.accept!r}")
        if m.files is not None:
            sent.append(f"files={[list(f) for f in m.files]!r}")
        doc = docstring(m.doc, "        ") if m.doc else ""
        if streams:
            return self.streaming(m, params, returns, head, prelude, sent, doc)
        signature = self.signature(params)
        if m.override.parse_by is not None:  # the body, then the parser it calls for
            module, function = m.override.parse_by
            self.imports.add(f".{module}", function)
            body = next(a for a in sent if a.startswith("body=")).partition("=")[2]
            head = [*head[:2], f"{function}({body})", *head[3:]]
        call = ", ".join(head + sent)
        lines = self.body(prelude)
        if m.result.kind == "page":
            return (
                f"    def {m.name}({signature}) -> {returns}:\n{doc}{lines}"
                f"        return self._list({call})"
            )
        helper = "_binary" if m.result.kind == "binary" else "_request"
        call = f"await self.{helper}({call})"
        body = call if m.result.kind == "none" else f"return {self.cast(m, returns, call)}"
        return f"    async def {m.name}({signature}) -> {returns}:\n{doc}{lines}        {body}"

    def payloads(
        self, m: Method, params: list[Param], *, local: bool
    ) -> tuple[list[str], list[str]]:
        """The statements that build the body and the query, and the helper's arguments
        that send them. Only the arguments given go in: an optional one is added when it
        is not NOT_GIVEN, which costs less per call than a literal of every parameter
        filtered afterwards (chat.completions.create has 35 optional ones). A payload
        without optional parameters is a literal in the call, unless `local` asks for a
        variable (a stream's, or one a parser reads)."""
        prelude: list[str] = []
        sent: list[str] = []
        taken = {p.name for p in m.params}
        for where in ("body", "query"):
            these = [p for p in params if p.where == where]
            if not these and not (where == "body" and m.result.kind == "page" and m.verb != "GET"):
                continue
            literal = "{" + ", ".join(f'"{p.name}": {p.name}' for p in these if p.required) + "}"
            optional = [p for p in these if not p.required]
            if not optional and not local:
                sent.append(f"{where}={literal}")
                continue
            var = where if where not in taken else f"{where}_"
            prelude.append(f"{var}: dict[str, object] = {literal}")
            for p in optional:
                prelude.append(
                    f"if {p.name} is not NOT_GIVEN:\n            {var}[{p.name!r}] = {p.name}"
                )
            sent.append(f"{where}={var}")
        for p in params:
            if p.where == "header":
                self.imports.add("._options", "with_header")
                prelude.append(f"options = with_header(options, {p.wire!r}, {p.name})")
        return prelude, sent

    def result(self, m: Method) -> tuple[str, list[str]]:
        """The return annotation, and the helper call's arguments before the parameters."""
        kind, path = m.result.kind, self.path(m)
        if kind == "page":
            # The official page class of the list (`AsyncConversationCursorPage`, ...)
            page = m.result.page or "AsyncPage"
            self.imports.add(".._pagination", "AsyncPaginator")
            self.imports.add(".._pagination", page)
            item = self.model(m.result.cls, runtime=True)
            args = [path, item, "options"]
            args += [f"method={m.verb!r}"] if m.verb != "GET" else []
            args += [f"page={page}"] if page != "AsyncPage" else []
            return f"AsyncPaginator[{item}, {page}[{item}]]", args
        if kind == "binary":
            self.imports.add(".._binary", "BinaryResponseContent")
            return "BinaryResponseContent", [repr(m.verb), path, "options"]
        if kind == "none":
            self.imports.add("types", "NoneType")
            return "None", [repr(m.verb), path, "NoneType", "options"]
        if kind == "text":
            return "str", [repr(m.verb), path, "str", "options"]
        returns = parse = self.model(m.result.cls, runtime=m.override.result_by is None)
        if m.override.result_by is not None:
            module, function = m.override.result_by
            self.imports.add(f".{module}", function)
            returns, parse = f"{returns} | str", f"{function}(response_format)"
        return returns, [repr(m.verb), path, parse, "options"]

    def streaming(
        self,
        m: Method,
        params: list[Param],
        returns: str,
        head: list[str],
        prelude: list[str],
        sent: list[str],
        doc: str,
    ) -> str:
        """`stream=` typed by overloads: `Literal[True]` gives the event stream, leaving it
        out (or False) the result, a `bool` either."""
        self.imports.add("typing", "overload")
        self.imports.add("typing", "Literal")
        self.imports.add(".._streaming", "AsyncStream")
        stream = f"AsyncStream[{self.model(m.event)}]"
        either = f"{returns} | {stream}"
        variants = [
            ("stream: Literal[False] | Omit | None = NOT_GIVEN", returns),
            ("stream: Literal[True]", stream),
            ("stream: bool", either),
        ]
        out = [
            f"    @overload\n    async def {m.name}({self.signature(params, extra)}) -> {r}: ..."
            for extra, r in variants
        ]
        implementation = self.signature(params, "stream: bool | Omit | None = NOT_GIVEN")
        event = self.model(m.event, runtime=m.override.decoder is None)
        if m.override.enveloped:
            self.imports.add("._common", "Enveloped")
            event = f"Enveloped({event})"
        if m.override.decoder is not None:
            module, event = m.override.decoder
            self.imports.add(f".{module}", event)
        # `_stream` adds `stream: true` to the body, or to the query of a GET.
        rest = ", ".join(sent)
        lines = self.body(prelude)
        request = f"await self._request({', '.join(head)}, {rest})"
        if m.override.resumes:
            rest += ", resume=True"
        stream_call = f"await self._stream({', '.join(head[:2])}, {event}, options, {rest})"
        out.append(
            f"    async def {m.name}({implementation}) -> {either}:\n{doc}{lines}"
            f"        if stream is True:\n"
            f"            return {stream_call}\n"
            f"        return {self.cast(m, returns, request)}"
        )
        return "\n\n".join(out)

    def cast(self, m: Method, returns: str, call: str) -> str:
        """`call`, cast to `returns` where the parse target is chosen at run time."""
        if not (m.result.union or m.override.result_by is not None):
            return call
        self.imports.add("typing", "cast")
        return f"cast({returns!r}, {call})"  # a string: the models may not be imported

    def signature(self, params: list[Param], stream: str = "") -> str:
        """`self`, the positional path parameters, then keyword-only: the required ones
        (and `stream` when it is required), then the optional ones."""
        positional = [p for p in params if p.positional]
        keyword = sorted(
            (p for p in params if not p.positional),
            key=lambda p: (not p.required, p.where != "path", p.name),
        )
        args = ["self"] + [f"{p.name}: {self.annotation(p)}" for p in positional]
        if keyword or stream:
            args.append("*")
        required = [f"{p.name}: {self.annotation(p)}" for p in keyword if p.required]
        optional = []
        for p in keyword:
            if not p.required:
                self.imports.add(".._core.request", "NOT_GIVEN")
                self.imports.add(".._core.request", "Omit")
                optional.append(f"{p.name}: {self.annotation(p)} | Omit = NOT_GIVEN")
        if stream and "=" in stream:
            optional.append(stream)
        elif stream:
            required.append(stream)
        args += required + optional + ["**options: Unpack[RequestOptions]"]
        return ", ".join(args)

    def path(self, m: Method) -> str:
        if "{" not in m.path:
            return repr(m.path)
        self.imports.add(".._core.request", "path_param")
        return "f" + repr(m.path.replace("{", "{path_param(").replace("}", ")}"))

    def model(self, cls: tuple[str, str] | None, *, runtime: bool = False) -> str:
        """A model's name; imported for type checkers only, and by the method that parses
        into it (`runtime`) when it runs: loading a group then builds no model class
        (`client.responses` built 263, with the 58 stream events; its first `create` needs
        only `Response`'s), and a method's first call builds the ones it needs."""
        assert cls is not None
        module, name = cls
        module = f"..{origin(self.types, module, name)}"
        self.imports.add(module, name, typing_only=True)
        if runtime:
            self.runtime[module].add(name)
        return name

    def body(self, prelude: list[str]) -> str:
        """The method's first statements: its model imports, then `prelude`."""
        runtime = sorted(self.runtime.items())
        imports = [f"from {module} import {', '.join(sorted(names))}" for module, names in runtime]
        self.runtime.clear()
        return "".join(f"        {line}\n" for line in imports + prelude)

    def annotation(self, p: Param) -> str:
        tree = _dedupe(_Rename().visit(_copy(p.annotation)))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                self.imports.plain.add(node.value.id)
            elif isinstance(node, ast.Name) and not _is_attribute_base(tree, node):
                name = node.id
                if name in TYPING:
                    self.imports.add("typing", name)
                elif name in ABC:
                    self.imports.add("collections.abc", name)
                elif name not in BUILTINS:
                    module = f"..{origin(self.types, p.module, name)}"
                    self.imports.add(module, name, typing_only=True)
        return ast.unparse(tree)


class KwargsModule(Module):
    """`helper_kwargs`: for each method the layout names a `kwargs` TypedDict for, its
    keyword arguments (path parameters and `stream` left out), as the hand-written helpers
    that call it (`responses.stream`, `runs.create_and_stream`, ...) take them as `**params`.
    A module of its own, so that a helper imports it without importing its group."""

    def render(self) -> str:
        self.imports.add("._options", "RequestOptions")
        self.imports.add("typing", "Required")
        methods = [m for g in self.groups for m in g.methods if m.override.kwargs]
        classes = "\n\n".join(map(self.kwargs, methods))
        names = ", ".join(f'"{m.override.kwargs}"' for m in methods)
        return (
            f"{HEADER}{docstring(layout.KWARGS_DOC, '')}\n"
            "from __future__ import annotations\n\n"
            f"{self.imports.render()}\n\n__all__ = [{names}]\n\n\n{classes}\n"
        )

    def kwargs(self, m: Method) -> str:
        fields = []
        for p in sorted(m.params, key=lambda p: p.name):
            if p.where == "path" or p.name == "stream" or p.name in m.override.explicit:
                continue
            annotation = self.annotation(p)
            for name, module, typed in m.override.helper_types:
                if name == p.name:
                    annotation = self.helper_annotation(module, typed)
            annotation = f"Required[{annotation}]" if p.required else annotation
            fields.append(f"    {p.name}: {annotation}")
        left = ", ".join(f"`{name}`" for name in ("stream", *m.override.explicit))
        doc = docstring(f"The keyword arguments of `{m.path}` ({m.verb}) but {left}.", "    ")
        return f"class {m.override.kwargs}(RequestOptions, total=False):\n{doc}\n" + (
            "\n".join(fields) + "\n"
        )

    def helper_annotation(self, module: str, annotation: str) -> str:
        """An `Override.helper_types` annotation, its names imported (for type checking)."""
        for node in ast.walk(ast.parse(annotation, mode="eval")):
            if isinstance(node, ast.Name):
                if node.id in ABC:
                    self.imports.add("collections.abc", node.id)
                else:
                    where = f"..{origin(self.types, module, node.id)}"
                    self.imports.add(where, node.id, typing_only=True)
        return annotation


class _Rename(ast.NodeTransformer):
    def visit_Name(self, node: ast.Name) -> Any:
        return ast.Name(RENAMED.get(node.id, node.id), ast.Load())


def _dedupe(tree: ast.expr) -> ast.expr:
    """A union's members once each (`str | Literal[...] | str` -> `str | Literal[...]`)."""
    members: list[ast.expr] = []

    def flatten(node: ast.expr) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            flatten(node.left)
            flatten(node.right)
        elif ast.unparse(node) not in {ast.unparse(m) for m in members}:
            members.append(node)

    flatten(tree)
    out = members[0]
    for member in members[1:]:
        out = ast.BinOp(out, ast.BitOr(), member)
    return out


def _copy(node: ast.expr) -> ast.expr:
    return ast.parse(ast.unparse(node), mode="eval").body


def _is_attribute_base(tree: ast.expr, name: ast.Name) -> bool:
    return any(isinstance(n, ast.Attribute) and n.value is name for n in ast.walk(tree))


def docstring(text: str, indent: str) -> str:
    """`text` as a docstring at `indent`, its paragraphs wrapped to the line length."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    width = LINE - len(indent) - 6  # room for the quotes on either side
    if "\n" not in text and len(text) <= width:
        return f'{indent}"""{text}"""\n'
    paragraphs = [
        textwrap.fill(" ".join(p.split()), width) for p in text.split("\n\n") if p.strip()
    ]
    body = textwrap.indent("\n\n".join(paragraphs), indent).lstrip()
    return f'{indent}"""{body}\n{indent}"""\n'
