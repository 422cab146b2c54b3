"""One `Method` per official method of a generated group: what its signature and body say.

Parameters come from the spec operation the official method calls (matched by HTTP verb and
path): path parameters (positional as in the official client), then the body's and the
query's, typed by the generated `*Params` TypedDicts where the types generator made one and
by `schema_type` otherwise.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..spec import pointer, resolve
from . import layout
from .official import METHODS
from .typemap import TypeMap

_TEMPLATE = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Param:
    name: str
    annotation: ast.expr
    module: str  # the types module the annotation's names come from ("" for builtins)
    required: bool
    where: str  # "path", "query", "body" or "header"
    positional: bool = False
    wire: str = ""  # a header parameter's header (`betas` is sent as `openai-beta`)


@dataclass(frozen=True)
class Result:
    kind: str  # "json", "page", "binary", "none" or "text"
    cls: tuple[str, str] | None = None  # (types module, class) of the model or page item
    union: bool = False  # a TypeAlias of a union: validated through a TypeAdapter
    page: str | None = None  # a list's official page class (`AsyncCursorPage`)


@dataclass
class Method:
    name: str
    verb: str
    path: str
    doc: str
    params: list[Param]
    result: Result
    files: tuple[tuple[str, ...], ...] | None  # a form: where it holds files
    event: tuple[str, str] | None  # the stream event class when `stream=True` streams
    tag: str  # the spec tag, whose description documents the class
    override: layout.Override  # what the layout table says beyond the spec


@dataclass
class Group:
    spec: layout.Group
    methods: list[Method] = field(default_factory=list)
    children: list[layout.Group] = field(default_factory=list)


def _key(path: str) -> str:
    """A path with its parameters' names left out: the official client names some of them
    differently (`/files/{file_id}` against `/files/{id}`)."""
    return _TEMPLATE.sub("{}", path)


class Planner:
    def __init__(self, document: dict[str, Any], types: TypeMap) -> None:
        self.doc = document
        self.types = types
        self.ops: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        self.by_id: dict[str, tuple[str, dict[str, Any]]] = {}
        for path, item in document["paths"].items():
            for verb, op in item.items():
                if isinstance(op, dict) and "responses" in op:
                    self.ops[verb.upper(), _key(path)] = (path, op)
                    self.by_id[op.get("operationId", "")] = (path, op)

    def groups(self) -> list[Group]:
        planned = {g.dotted: Group(g) for g in layout.GROUPS}
        for g in layout.GROUPS:
            parent = g.dotted.rpartition(".")[0]
            if parent in planned:
                planned[parent].children.append(g)
        for dotted, verb, path, paged, positional in METHODS:
            owner, _, name = dotted.rpartition(".")
            group = planned.get(owner)
            if group is None or group.spec.external:
                continue
            override = layout.METHODS.get(dotted, layout.Override())
            found: tuple[str, dict[str, Any]] | None
            if override.operation:
                found = self.by_id[override.operation]
            else:
                found = self.ops.get((verb, _key(path)))
            if found is None:
                continue  # an official method the spec does not describe
            group.methods.append(self.method(name, found, paged, positional, override))
        return list(planned.values())

    def method(
        self,
        name: str,
        found: tuple[str, dict[str, Any]],
        paged: str | None,
        positional: tuple[str, ...],
        override: layout.Override,
    ) -> Method:
        path, op = found
        verb = next(v for v, o in self.doc["paths"][path].items() if o is op)
        params: list[Param] = []
        for raw in op.get("parameters") or ():
            p = resolve(self.doc, raw)
            if p["in"] == "path":
                params.append(
                    Param(p["name"], _name("str"), "", True, "path", p["name"] in positional)
                )
        params += self.query(path, verb, op)
        params += self.headers(op)
        files: list[tuple[str, ...]] = []
        params += self.body(path, verb, op, files)
        form = any(
            c.startswith("multipart/") for c in (op.get("requestBody") or {}).get("content", {})
        )
        known = {p.name for p in params}
        for extra, annotation, *types in override.extra:
            if extra not in known:  # `FileTypes` is found in `types/_files.py`
                tree = ast.parse(annotation, mode="eval").body
                params.append(Param(extra, tree, (types or ["_files"])[0], False, "body"))
        params = [
            replace(p, required=p.name in override.required)
            if p.name in override.required or p.name in override.optional
            else p
            for p in params
        ]
        files += [f for f in override.files if f not in files]
        return Method(
            name,
            verb.upper(),
            path,
            (op.get("summary") or op.get("description") or "").strip(),
            params,
            Result(override.result)
            if override.result
            else self.result(name, path, verb, op, paged, override),
            tuple(files) if form else None,
            override.event or self.event(op),
            (op.get("tags") or [""])[0],
            override,
        )

    def query(self, path: str, verb: str, op: dict[str, Any]) -> list[Param]:
        typed = self.types.params(pointer("paths", path, verb, "parameters"))
        fields = {f.name: f for f in self.types.fields(*typed)} if typed else {}
        out = []
        for raw in op.get("parameters") or ():
            p = resolve(self.doc, raw)
            if p["in"] != "query":
                continue
            f = fields.get(p["name"]) or fields.get(p["name"].removesuffix("[]"))
            if f is not None:
                annotation, module = f.annotation, f.module
            else:
                annotation, module = self.schema_type(p.get("schema") or {}, op["operationId"])
            # `include[]`: the brackets are how arrays go in a query; the client adds them.
            name = p["name"].removesuffix("[]")
            out.append(Param(name, annotation, module, bool(p.get("required")), "query"))
        return out

    def headers(self, op: dict[str, Any]) -> list[Param]:
        """The header parameters the official client takes by name (`x-stainless-param`:
        `betas`, the beta Responses API's `openai-beta`)."""
        out = []
        for raw in op.get("parameters") or ():
            p = resolve(self.doc, raw)
            schema = p.get("schema") or {}
            name = schema.get("x-stainless-param")
            if p["in"] == "header" and name:
                annotation, module = self.schema_type(schema, op["operationId"])
                out.append(Param(name, annotation, module, False, "header", wire=p["name"]))
        return out

    def body(
        self, path: str, verb: str, op: dict[str, Any], files: list[tuple[str, ...]]
    ) -> list[Param]:
        contents = ((op.get("requestBody") or {}).get("content") or {}).items()
        merged: dict[str, Param] = {}
        required: set[str] | None = None
        for content_type, content in contents:
            schema = content.get("schema") or {}
            inline = pointer("paths", path, verb, "requestBody", "content", content_type, "schema")
            ref = schema.get("$ref")
            # a body named for itself, not its operation (`RealtimeSessionCreateRequestParam`,
            # which `CallAcceptParams` aliases): its TypedDict all the same
            typed = self.types.params(ref or inline) or (ref and self.types.param(ref)) or None
            resolved = resolve(self.doc, schema)
            names: set[str] = set()
            props = _properties(self.doc, resolved)
            if not props and typed is None:
                continue  # a raw body (`application/sdp`): the form variant names the fields
            if content_type.startswith("multipart/"):
                for name, prop in props.items():
                    for found in _file_paths(self.doc, name, prop):
                        if found not in files:
                            files.append(found)
            if typed is not None:
                for f in self.types.fields(*typed):
                    merged.setdefault(f.name, Param(f.name, f.annotation, f.module, False, "body"))
                    if f.required:
                        names.add(f.name)
            else:
                for name, prop in props.items():
                    annotation, module = self.schema_type(prop, op["operationId"])
                    merged.setdefault(name, Param(name, annotation, module, False, "body"))
                names = set(_required(self.doc, resolved))
            required = names if required is None else required & names
        return [
            Param(p.name, p.annotation, p.module, p.name in (required or set()), "body")
            for p in merged.values()
        ]

    def result(
        self,
        name: str,
        path: str,
        verb: str,
        op: dict[str, Any],
        paged: str | None,
        override: layout.Override,
    ) -> Result:
        status = "200" if "200" in op["responses"] else "201"
        ok = op["responses"].get(status) or {}
        content = ok.get("content") or {}
        if not content:
            return Result("none")
        json_content = content.get("application/json")
        if json_content is None:
            return Result("binary")
        schema = json_content.get("schema") or {}
        where = ["paths", path, verb, "responses", status, "content", "application/json", "schema"]
        if paged:  # the page's items: `data` of a list object
            listed = schema.get("$ref")
            if listed is not None:
                where = [p.replace("~1", "/").replace("~0", "~") for p in listed[2:].split("/")]
            where += ["properties", "data", "items"]
            schema = resolve(self.doc, schema)["properties"]["data"]["items"]
        ref = schema.get("$ref")
        if ref is None:
            if resolve(self.doc, schema).get("type") == "string":
                return Result("text")
            ref = pointer(*where)
        cls = (
            override.model
            or self.types.model(ref, name)
            or self.types.alias(ref, op["operationId"])
        )
        if cls is None:
            raise SystemExit(f"no generated class for {ref} ({op['operationId']})")
        target = resolve(self.doc, schema)
        union = "oneOf" in target or "anyOf" in target
        return Result("page" if paged else "json", cls, union, paged)

    def event(self, op: dict[str, Any]) -> tuple[str, str] | None:
        ok = op["responses"].get("200") or {}
        stream = (ok.get("content") or {}).get("text/event-stream")
        if stream is None or "$ref" not in (stream.get("schema") or {}):
            return None
        return self.types.model(stream["schema"]["$ref"])

    def schema_type(self, schema: dict[str, Any], operation: str) -> tuple[ast.expr, str]:
        """A parameter's annotation where no TypedDict field gives one: the schema's class,
        a `Literal` for an enum, a builtin for a scalar, else `object`."""
        ref = schema.get("$ref")
        if ref is not None:
            typed = (
                self.types.param(ref)
                or self.types.params(ref)
                or self.types.named_param(ref, operation)
            )
            if typed is not None:
                return _name(typed[1]), typed[0]
            return self.schema_type(resolve(self.doc, schema), operation)
        variants = schema.get("anyOf") or schema.get("oneOf")
        if variants:
            members = [self.schema_type(v, operation) for v in variants]
            modules = {m for _, m in members if m}
            if len(modules) <= 1:
                union = " | ".join(dict.fromkeys(ast.unparse(a) for a, _ in members))
                return ast.parse(union, mode="eval").body, next(iter(modules), "")
        if "enum" in schema:
            values = ", ".join(repr(v) for v in schema["enum"])
            return ast.parse(f"Literal[{values}]", mode="eval").body, ""
        kind = schema.get("type")
        if kind == "array":
            inner, module = self.schema_type(schema.get("items") or {}, operation)
            return ast.parse(f"Iterable[{ast.unparse(inner)}]", mode="eval").body, module
        scalar = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
        return _name(scalar.get(kind or "", "object")), ""


def _name(name: str) -> ast.expr:
    return ast.Name(name, ast.Load())


def _properties(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    props = dict(schema.get("properties") or {})
    for part in schema.get("allOf") or ():
        props.update(_properties(document, resolve(document, part)))
    return props


def _required(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    found = list(schema.get("required") or ())
    for part in schema.get("allOf") or ():
        found += _required(document, resolve(document, part))
    return found


def _file_paths(document: dict[str, Any], name: str, prop: dict[str, Any]) -> list[tuple[str, ...]]:
    """Where a multipart property holds files: `(name,)`, `(name, "<array>")` or both."""
    prop = resolve(document, prop)
    if prop.get("format") == "binary":
        return [(name,)]
    if prop.get("type") == "array":
        return [(name, "<array>")] if _file_paths(document, name, prop.get("items") or {}) else []
    found: list[tuple[str, ...]] = []
    for part in prop.get("anyOf") or prop.get("oneOf") or ():
        found += [p for p in _file_paths(document, name, part) if p not in found]
    return found
