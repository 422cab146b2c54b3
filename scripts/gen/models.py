"""`types/`: the endpoint groups' pydantic models and request TypedDicts from openapi.yaml.

Strategy. Each output module owns a list of operations (by ``operationId``). The schemas
an operation answers with are rendered as pydantic models (``BaseModel``, extra="allow"),
the schemas of its request body as ``TypedDict`` params, transitively. A component schema
reached from one module only is written into that module; one reached from several goes
into ``types/shared.py`` (models) or ``types/shared_params.py`` (TypedDicts), as in the
official SDK, so a group imports only what it needs. Public names follow the official
``openai`` package (``NAMES`` below, else the spec name when the official package has the
same one); inline objects are named ``Parent`` + ``Field``.

Mapping rules (checked by tests/types/test_spec_coverage.py):
- enums: ``Literal[...] | str`` (new values keep parsing); a constant (``x-stainless-const``
  or a one-value ``type``) is a plain ``Literal``.
- oneOf/anyOf whose members all carry a required constant ``type``: a tagged union with an
  ``Unknown*`` fallback (see ``types/_base.py``); any other union: ``A | B``.
- allOf: merged into one class. Nullable: ``| None``. Optional fields default to None.
- ``additionalProperties`` maps: ``dict[str, X]``; free-form objects: ``dict[str, object]``.
- ``format: binary`` in a request: ``FileTypes`` (bytes, a file object, a path or a tuple).

Output is formatted and lint-fixed with ruff, so a re-run is byte-identical; it depends only
on the spec and files in this repository (the official names come from a committed table).
The parts (spec reading, tables, overrides, naming, emitting) are this package's modules.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import official_params, root_init, tables_admin
from .emit import FILES_MODULE, docstring, py_literal, quote_names
from .exports import package_init
from .named_inline import (
    CLASS_NAMES,
    ENUM_NAMES,
    MODEL_UNION_NAMES,
    UNDOCUMENTED,
    UNION_NAMES,
    NamedInline,
)
from .naming import official_modules, official_names
from .official_paths import path_of, placements, reexports, thin_modules
from .output import formatted, formatted_all
from .overrides import (
    BASES,
    CLOSED_TAGS,
    DROPPED,
    FIELD_DEFAULTS,
    FIELDS,
    GENERATED,
    LENIENT,
    MERGED_ONLY,
    NAMES_AT,
    OPEN_TAGS,
    ORDER,
    SAME_AS,
    SEALED,
)
from .paths import HEADER, TYPES
from .spec import (
    escape,
    operations,
    pascal,
    ref_name,
    refs_in,
    request_schema,
    request_schemas,
    request_schemas_at,
    response_schemas,
    response_schemas_at,
    snake,
)
from .stream_params import split_stream
from .tables import (
    ALIASED_PARAMS,
    ALIASES,
    ANNOTATION_KEYS,
    EXTERNAL,
    EXTERNAL_ALIASES,
    EXTRA_PARAM_ROOTS,
    EXTRA_ROOTS,
    GROUP_HOMES,
    GROUP_IMPORTS,
    HAND_IMPORTS,
    INLINE_NAMES,
    INLINE_RESPONSES,
    LISTS,
    MEMBER_UNIONS,
    MODEL_RESERVED,
    MODULES,
    NAMES,
    PACKAGES,
    PARAM_ALIASES,
    PARAM_HOMES,
    PARAM_NAMES,
    PARAM_UNIONS,
    PREFIX,
    SECOND_TAG_KEYS,
    SHARED,
    SHARED_PARAMS,
    TAG_KEYS,
    WEBHOOK_UNION,
)
from .ws_events import LATE_ROOTS, MODEL_NAMES, TITLED_UNIONS


def query_pointers(op: dict[str, Any], params: list[dict[str, Any]], ptr: str) -> dict[str, str]:
    """Each query parameter's name -> the pointer of its schema: `params` are the operation's
    parameters resolved, `ptr` the operation's pointer."""
    out: dict[str, str] = {}
    for i, (raw, param) in enumerate(zip(op.get("parameters", []), params, strict=True)):
        where = raw.get("$ref", f"{ptr}/parameters/{i}")
        if param.get("in") == "query":
            out[param["name"].removesuffix("[]")] = f"{where}/schema"
    return out


def merged_externals(node: Any) -> list[str]:
    """Hand-written schemas that an ``allOf`` under ``node`` extends: their fields are merged
    into a generated class, so the schemas those fields refer to are needed too."""
    out: list[str] = []
    if isinstance(node, dict):
        for part in node.get("allOf") or []:
            ref = part.get("$ref") if isinstance(part, dict) else None
            if isinstance(ref, str) and ref_name(ref) in EXTERNAL:
                out.append(ref_name(ref))
        for key, value in node.items():
            if key not in ("example", "examples", "x-oaiMeta"):
                out += merged_externals(value)
    elif isinstance(node, list):
        for value in node:
            out += merged_externals(value)
    return out


@dataclass
class Module:
    name: str
    classes: list[str] = field(default_factory=list)
    aliases: list[tuple[str, str, set[str]]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    exports: list[str] = field(default_factory=list)
    imports: dict[str, set[str]] = field(default_factory=dict)  # module -> names
    typing: set[str] = field(default_factory=set)
    needs: set[str] = field(default_factory=set)  # base, unknown, field, builtins, file, iterable
    manifest: list[tuple[str, str]] = field(default_factory=list)  # (name, pointer)
    bodies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # model -> base, fields
    unions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # tagged union -> members
    ops: list[str] = field(default_factory=list)

    def unique(self, name: str) -> str:
        base, n = name, 2
        while name in self.names:
            name, n = f"{base}{n}", n + 1
        self.names.add(name)
        return name


class Generator:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.schemas: dict[str, Any] = dict(spec["components"]["schemas"])
        for union, prefix in MEMBER_UNIONS.items():
            members = [n for n in self.schemas if n.startswith(prefix) and n != prefix]
            self.schemas[union] = {
                "anyOf": [{"$ref": PREFIX + n} for n in members],
                "discriminator": {"propertyName": "type"},
            }
        self.ops = operations(spec)
        self.official = official_names()
        self.modules: dict[str, Module] = {}
        self.home: dict[tuple[str, str], str] = {}  # (side, schema) -> module
        self.name: dict[tuple[str, str], str] = {}  # (side, schema) -> class name
        self.done: set[tuple[str, str]] = set()
        self.shared_by: dict[str, list[str]] = {}  # shared module -> the modules using it
        self.owners: dict[tuple[str, str], list[str]] = {}  # (side, schema) -> groups using it
        # model schema -> the groups that reach it only through a SEALED root: not owners
        # (they move no class) but users, whose official paths re-export it
        self.sealed_users: dict[str, list[str]] = {}
        self.union_members: set[str] = set()
        self.nested: set[tuple[str, str]] = set()  # (member pointer, its second tag key)
        self.lenient_schemas: set[str] = set(LENIENT)  # and what sealed roots have beside them
        self.inline = NamedInline(spec)  # the inline shapes with an official name (named_inline.py)

    # -- planning -------------------------------------------------------------------------

    def closure(self, roots: list[str], side: str, sealed: Collection[str] = ()) -> list[str]:
        """The schemas `roots` reach; a `sealed` schema met on the way is listed, not entered."""
        seen: dict[str, None] = {}
        stack = list(reversed(roots))
        while stack:
            name = stack.pop()
            name = SAME_AS.get(name, name) if side == "model" else name
            if name in seen or name in EXTERNAL_ALIASES or (side == "model" and name in EXTERNAL):
                continue
            seen[name] = None
            if name in sealed:
                continue
            found: list[str] = []
            refs_in(self.schemas[name], found)
            if side == "model":
                for base in merged_externals(self.schemas[name]):
                    refs_in(self.schemas[base], found)
            stack.extend(reversed(found))
        return list(seen)

    def tagged_members(self, name: str) -> list[tuple[dict[str, Any], str]]:
        """The members of component schema `name` if it is a union of tagged objects."""
        schema = self.schemas[name]
        if not self.variants(schema) or schema.get("properties"):
            return []
        flat = self.flat_variants(schema, PREFIX + name)
        if len(flat) > 1 and all("$ref" in v and self.tags_of(v) for v, _ in flat):
            return flat
        return []

    def beside(self, root: str, where: str) -> list[str]:
        """Home what `root` (a model the hand-written ones import) refers to in its module
        `where`, unless homed already; returns the schemas it takes. A `SEALED` root takes
        beside it only what no group reaches but through it (the rest stays where those groups
        have it), and makes those lenient, as its hand-written classes were."""
        reached = self.closure([root], "model", SEALED - {root})
        if root in SEALED:
            reached = [n for n in reached if n == root or ("model", n) not in self.owners]
        for name in reached:
            self.home.setdefault(("model", name), where)
            if root in SEALED and self.home[("model", name)] == where:
                self.lenient_schemas.add(name)
        return reached

    def tagged_union_members(self) -> set[str]:
        """Pointers of the component schemas that are members of a union of tagged objects."""
        out: set[str] = set()
        for name in self.schemas:
            out.update(PREFIX + ref_name(v["$ref"]) for v, _ in self.tagged_members(name))
        return out

    def nested_tags(self) -> set[tuple[str, str]]:
        """(member pointer, key) of the members of a tagged union that share their `type`
        with another member and are told apart by `key` (`role`): its tags stay closed."""
        out: set[tuple[str, str]] = set()
        for name in self.schemas:
            groups = self.shared_tags(self.tagged_members(name)) or {}
            for key, members in groups.values():
                out.update((PREFIX + ref_name(v["$ref"]), key) for v, _ in members)
        return out

    def shared_tags(
        self, flat: list[tuple[dict[str, Any], str]], key: str = "type"
    ) -> dict[str, tuple[str, list[tuple[dict[str, Any], str]]]] | None:
        """The members of a union that share a `key` tag (two `message` items), grouped by
        it, each group with the second key whose tags tell its members apart (`role`, as
        pydantic nests a discriminated union); None if a shared tag has no such key."""
        by_tag: dict[str, list[tuple[dict[str, Any], str]]] = {}
        for v, vptr in flat:
            for tag in self.tags_of(v, key):
                by_tag.setdefault(tag, []).append((v, vptr))
        out: dict[str, tuple[str, list[tuple[dict[str, Any], str]]]] = {}
        for tag, members in by_tag.items():
            if len(members) < 2:
                continue
            if any(len(self.tags_of(v, key)) > 1 for v, _ in members):
                return None
            for second in SECOND_TAG_KEYS:
                seconds = [t for v, _ in members for t in self.tags_of(v, second) or [None]]
                if all(seconds) and len(set(seconds)) == len(seconds):
                    out[tag] = (second, members)
                    break
            else:
                return None
        return out

    def plan(self) -> None:
        self.union_members = self.tagged_union_members()
        self.nested = self.nested_tags()
        owners = self.owners
        roots: dict[str, dict[str, list[str]]] = {}
        for mod, ops in MODULES.items():
            model_roots: list[str] = []
            param_roots: list[str] = []
            if mod == "webhooks":
                for item in self.spec.get("webhooks", {}).values():
                    for op in item.values():
                        for schema in request_schemas(op):
                            refs_in(schema, model_roots)
            model_roots += EXTRA_ROOTS.get(mod, [])
            param_roots += EXTRA_PARAM_ROOTS.get(mod, [])
            for op_id in ops:
                _, _, op = self.ops[op_id]
                for schema in response_schemas(op):
                    refs_in(schema, model_roots)
                for schema in request_schemas(op):
                    refs_in(schema, param_roots)
                if ops[op_id] and not request_schema(op):
                    refs_in(op.get("parameters", []), param_roots)
            roots[mod] = {"model": model_roots, "param": param_roots}
            for side, found in roots[mod].items():
                for name in self.closure(found, side, SEALED if side == "model" else ()):
                    owners.setdefault((side, name), [])
                    if mod not in owners[(side, name)]:
                        owners[(side, name)].append(mod)
            for name in self.closure(model_roots, "model"):
                if mod not in owners.get(("model", name), []):
                    self.sealed_users.setdefault(name, []).append(mod)
        # A schema the lead of a family reaches is placed as if the lead alone reached it
        # (beta.realtime imports it from where realtime's is), so adding a follower group
        # moves no shared schema.
        for mods in owners.values():
            for lead, family in GROUP_HOMES.items():
                if lead in mods and not all(m.startswith(family) for m in mods):
                    mods[:] = [m for m in mods if m == lead or not m.startswith(family)]
        # The generated models that hand-written ones import live in one module, whichever
        # groups reach them (what they refer to is in it too, so it imports no group).
        for name, (where, _) in GENERATED.items():
            self.home[("model", name)] = where
        for root, where in HAND_IMPORTS.items():
            users = set(self.shared_by.get(where, ["chat", "responses"]))
            for name in self.beside(root, where):
                users.update(owners.get(("model", name), []))
            self.shared_by[where] = sorted(users)
        # A schema reached from one module lives there. The others are grouped by the set of
        # modules that reach them, one shared module per set: a group then imports only the
        # shared schemas it uses, and as owners(referenced) >= owners(referrer) these shared
        # modules import each other without cycles.
        slugs: dict[tuple[str, frozenset[str]], str] = {}
        taken = {"model." + where.removeprefix(SHARED + ".") for where in HAND_IMPORTS.values()}
        for (side, name), mods in owners.items():
            if (side, name) in self.home:
                continue
            if len(mods) == 1:
                self.home[(side, name)] = mods[0]
                continue
            homes = {**PARAM_HOMES, **GROUP_HOMES} if side == "param" else GROUP_HOMES
            leads = [
                lead
                for lead, family in homes.items()
                if lead in mods and all(m.startswith(family) for m in mods)
            ]
            if leads:
                self.home[(side, name)] = leads[0]
                continue
            key = (side, frozenset(mods))
            if key not in slugs:
                slug = snake(self.base_name(name))
                while f"{side}.{slug}" in taken:
                    slug += "_"
                taken.add(f"{side}.{slug}")
                slugs[key] = (SHARED if side == "model" else SHARED_PARAMS) + "." + slug
                self.shared_by[slugs[key]] = sorted(mods)
            self.home[(side, name)] = slugs[key]
        # Roots no operation reaches (ws_events.py), placed after the groups: what a group
        # reaches stays where it is, only the rest goes beside them.
        for (side, root), where in LATE_ROOTS.items():
            for name in self.closure([root], side, SEALED if side == "model" else ()):
                self.home.setdefault((side, name), where)
        # params class names for the request bodies
        for ops in MODULES.values():
            for op_id, params in ops.items():
                _, _, op = self.ops[op_id]
                body = request_schema(op)
                # a body schema takes the operation's params name, unless that name is an
                # alias of the schema's own official one (PARAM_ALIASES)
                if params and body and "$ref" in body and params not in ALIASED_PARAMS:
                    self.name[("param", ref_name(body["$ref"]))] = params
        for (side, schema_name), _home in sorted(self.home.items(), key=lambda kv: (kv[1], kv[0])):
            if (side, schema_name) not in self.name:
                base = self.base_name(schema_name, side)
                if side == "param":
                    base = PARAM_NAMES.get(schema_name, base + "Param")
                self.name[(side, schema_name)] = base
        used: dict[tuple[str, str], str] = {}
        for (side, schema_name), name in sorted(self.name.items()):
            place = (self.home[(side, schema_name)], name)
            if place in used:
                raise SystemExit(f"name clash: {name} for {schema_name} and {used[place]}")
            used[place] = schema_name

    def base_name(self, schema: str, side: str = "param") -> str:
        if side == "model" and schema in GENERATED:
            return GENERATED[schema][1]
        if side == "model" and schema in MODEL_NAMES:
            return MODEL_NAMES[schema]
        name = NAMES.get(schema)
        if name is None:
            name = schema if schema in self.official else pascal(schema)
        return name

    def module(self, name: str) -> Module:
        if name not in self.modules:
            self.modules[name] = Module(name)
            for (side, schema), home in self.home.items():
                if home == name:
                    self.modules[name].names.add(self.name[(side, schema)])
        return self.modules[name]

    # -- schema helpers -------------------------------------------------------------------

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.schemas[ref_name(schema["$ref"])]
        return schema

    def nullable(self, schema: dict[str, Any]) -> bool:
        if schema.get("nullable") is True:
            return True
        types = schema.get("type")
        if isinstance(types, list) and "null" in types:
            return True
        if "enum" in schema and None in schema["enum"]:
            return True
        for key in ("anyOf", "oneOf"):
            if any(v.get("type") == "null" for v in schema.get(key, [])):
                return True
        return any(p.get("nullable") is True for p in schema.get("allOf", []))

    def variants(self, schema: dict[str, Any]) -> list[dict[str, Any]]:
        members = schema.get("anyOf") or schema.get("oneOf") or []
        # `oneOf: [{required: [a]}, {required: [b]}]` beside `properties` says which fields
        # are required, not what types: the object itself (the Assistants' `file_search`)
        if members and all(set(m) <= {"required"} for m in members):
            return []
        return [m for m in members if m.get("type") != "null"]

    def merged(self, schema: dict[str, Any], ptr: str = "") -> dict[str, Any]:
        """allOf flattened into one object schema; ``x-ptrs`` says where each property is."""
        props: dict[str, Any] = {}
        ptrs: dict[str, str] = {}
        required: list[str] = []
        for i, part in enumerate(schema.get("allOf", [])):
            part_ptr = f"{ptr}/allOf/{i}"
            if "$ref" in part:
                part_ptr = "#/components/schemas/" + ref_name(part["$ref"])
                part = self.resolve(part)
            if "allOf" in part:
                part = self.merged(part, part_ptr)
            for prop, sub in (part.get("properties") or {}).items():
                props[prop] = sub
                ptrs[prop] = part.get("x-ptrs", {}).get(
                    prop, f"{part_ptr}/properties/{escape(prop)}"
                )
            required += [r for r in part.get("required", []) if r not in required]
        for prop, sub in (schema.get("properties") or {}).items():
            props[prop] = sub
            ptrs[prop] = f"{ptr}/properties/{escape(prop)}"
        required += [r for r in schema.get("required", []) if r not in required]
        out = {k: v for k, v in schema.items() if k not in ("allOf", "$ref")}
        out.update({"properties": props, "required": required, "type": "object", "x-ptrs": ptrs})
        return out

    def lone_object(self, schema: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """The inline object of ``anyOf: [{object}, null]`` (and its pointer under the schema)."""
        choices = self.indexed_variants(schema, "")
        if len(choices) == 1 and not schema.get("properties") and len(self.variants(schema)) == 1:
            member, where = choices[0]
            if "$ref" not in member and self.is_object(member):
                return where.lstrip("/"), member
        return None

    def single_part(self, schema: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """``allOf: [X, {nullable: true}]`` and the like: the one part that says something."""
        if schema.get("properties"):
            return None
        real = [(i, p) for i, p in enumerate(schema.get("allOf") or []) if set(p) - ANNOTATION_KEYS]
        return real[0] if len(real) == 1 else None

    def is_object(self, schema: dict[str, Any]) -> bool:
        if "allOf" in schema:
            single = self.single_part(schema)
            if single:
                return self.is_object(self.resolve(single[1]))
            return all(self.is_object(self.resolve(p)) for p in schema["allOf"])
        return bool(schema.get("properties")) and not self.variants(schema)

    def tag_of(self, schema: dict[str, Any], key: str = "type") -> str | None:
        """The constant, required ``type`` (or ``key``) of an object schema, if it has one."""
        schema = self.resolve(schema)
        if "allOf" in schema:
            schema = self.merged(schema)
        prop = (schema.get("properties") or {}).get(key)
        if not prop or key not in schema.get("required", []):
            return None
        prop = self.resolve(prop)
        enum = prop.get("enum")
        if enum and len(enum) == 1 and isinstance(enum[0], str):
            return str(enum[0])
        if isinstance(prop.get("const"), str):
            return str(prop["const"])
        return None

    def tags_of(self, schema: dict[str, Any], key: str = "type") -> tuple[str, ...]:
        """The values of the required, string-enum ``type`` (or ``key``) of an object schema:
        a member of a tagged union may answer to several (`web_search`, `web_search_2025_08_26`).
        """
        one = self.tag_of(schema, key)
        if one is not None:
            return (one,)
        schema = self.resolve(schema)
        if "allOf" in schema:
            schema = self.merged(schema)
        prop = self.resolve((schema.get("properties") or {}).get(key) or {})
        enum = prop.get("enum") or []
        if key in schema.get("required", []) and enum and all(isinstance(v, str) for v in enum):
            return tuple(enum)
        return ()

    def indexed_variants(
        self, schema: dict[str, Any], ptr: str
    ) -> list[tuple[dict[str, Any], str]]:
        key = "anyOf" if schema.get("anyOf") else "oneOf"
        return [
            (v, f"{ptr}/{key}/{i}")
            for i, v in enumerate(schema.get(key) or [])
            if v.get("type") != "null"
        ]

    def flat_variants(self, schema: dict[str, Any], ptr: str) -> list[tuple[dict[str, Any], str]]:
        """The members of a union, with members that are unions themselves spliced in."""
        out: list[tuple[dict[str, Any], str]] = []
        for v, vptr in self.indexed_variants(schema, ptr):
            target = self.resolve(v)
            if self.variants(target) and not target.get("properties") and "allOf" not in target:
                base = "#/components/schemas/" + ref_name(v["$ref"]) if "$ref" in v else vptr
                out.extend(self.flat_variants(target, base))
            else:
                out.append((v, vptr))
        return out

    # -- rendering ------------------------------------------------------------------------

    def use(self, mod: Module, side: str, schema: str) -> str:
        schema = SAME_AS.get(schema, schema) if side == "model" else schema
        if schema in EXTERNAL_ALIASES or (schema in EXTERNAL and side == "model"):
            where, cls = EXTERNAL_ALIASES.get(schema) or EXTERNAL[schema]
            mod.imports.setdefault(where, set()).add(cls)
            return cls
        home = self.home[(side, schema)]
        name = self.name[(side, schema)]
        if home != mod.name:
            mod.imports.setdefault(home, set()).add(name)
        self.render_named(side, schema)
        return name

    def literal(self, mod: Module, values: list[Any], open_: bool, kind: str) -> str:
        mod.typing.add("Literal")
        vals = [v for v in values if v is not None]
        lit = "Literal[" + ", ".join(py_literal(v) for v in vals) + "]"
        return f"{lit} | {kind}" if open_ else lit

    def ann(self, mod: Module, side: str, schema: dict[str, Any], ctx: str, ptr: str) -> str:
        """A type expression for ``schema``; inline objects become classes named ``ctx``."""
        expr = self._ann(mod, side, schema, ctx, ptr)
        if self.nullable(schema) and not expr.endswith("| None") and expr != "None":
            expr += " | None"
        return expr

    def _ann(self, mod: Module, side: str, schema: dict[str, Any], ctx: str, ptr: str) -> str:
        named = self.inline_name(side, ptr, ctx) if "$ref" not in schema else None
        if named is not None:
            return self.named_inline(mod, side, schema, named, ptr)
        return self._ann_of(mod, side, schema, ctx, ptr)

    def inline_name(self, side: str, ptr: str, ctx: str) -> str | None:
        """The official alias name of the inline shape at `ptr`, if it has one (named_inline.py);
        a union whose official names are another module's short names keeps ours (`ctx`)."""
        aliases = self.inline.model_aliases if side == "model" else self.inline.request_aliases
        if ptr in aliases:
            return aliases[ptr]
        if ptr in ENUM_NAMES:
            return ENUM_NAMES[ptr]
        return ctx if ptr in (MODEL_UNION_NAMES if side == "model" else UNION_NAMES) else None

    def named_inline(
        self, mod: Module, side: str, schema: dict[str, Any], name: str, ptr: str
    ) -> str:
        """The annotation of a field whose inline union, list or enum (at `ptr`) the official
        package names `name`: the alias is defined once, in the one module that meets it, and
        its inline members are named after it. Its `None` stays at the field, and so does the
        `| str` of an enum the official package closes (`ENUM_NAMES`)."""
        self.inline.met.add((side, ptr))
        done = self.inline.fields.get((mod.name, name))
        if done is not None:
            return done
        plain = {**schema, "nullable": False}
        expr = self._ann_of(mod, side, plain, name, ptr)
        if re.fullmatch(r"\w+", expr):  # a tagged union: its class has the name already
            self.inline.fields[(mod.name, name)] = expr
            return expr
        alias = expr.removesuffix(" | None")
        if ptr in ENUM_NAMES:  # the official `Literal`, closed
            alias = self._ann_of(mod, side, {**plain, "x-stainless-const": True}, name, ptr)
        self.inline.place(mod, name)
        self.add_alias(mod, name, alias, {} if ptr in UNDOCUMENTED else schema)
        self.add_lists(mod, name)
        for official in (UNION_NAMES if side == "param" else MODEL_UNION_NAMES).get(ptr, []):
            self.inline.unions.setdefault(official, (mod.name, name))
        field = name + expr[len(alias) :]
        self.inline.fields[(mod.name, name)] = field
        return field

    def _ann_of(self, mod: Module, side: str, schema: dict[str, Any], ctx: str, ptr: str) -> str:
        if "$ref" in schema:
            return self.use(mod, side, ref_name(schema["$ref"]))
        if "allOf" in schema:
            single = self.single_part(schema)
            if single:
                return self._ann(mod, side, single[1], ctx, f"{ptr}/allOf/{single[0]}")
            for part in schema["allOf"]:
                if "$ref" in part:
                    self.use(mod, side, ref_name(part["$ref"]))
            return self.render_class(mod, side, self.merged(schema, ptr), ctx, ptr)
        if self.variants(schema):
            choices = self.indexed_variants(schema, ptr)
            if len(choices) == 1 and not schema.get("properties"):  # X | null
                return self._ann(mod, side, choices[0][0], ctx, choices[0][1])
            return self.render_union(mod, side, schema, ctx, ptr, alias=None)
        types = schema.get("type")
        if isinstance(types, list):
            real = [t for t in types if t != "null"]
            if len(real) == 1:
                types = real[0]
            else:
                exprs = [self._ann(mod, side, {**schema, "type": t}, ctx, ptr) for t in real]
                return " | ".join(dict.fromkeys(exprs))
        if "enum" in schema or "const" in schema:
            values = schema.get("enum") or [schema.get("const")]
            closed = schema.get("x-stainless-const") is True or (
                ctx.endswith("Type") and len(values) == 1
            )
            kind = {"integer": "int", "number": "float", "boolean": "bool"}.get(str(types), "str")
            return self.literal(mod, values, not closed, kind)
        if types == "string":
            if side == "param" and schema.get("format") == "binary":
                mod.needs.add("file")
                return "FileTypes"
            return "str"
        if types == "integer":
            return "int"
        if types == "number":
            return "float"
        if types == "boolean":
            return "bool"
        if types == "null":
            return "None"
        if types == "array" or "items" in schema:
            items = schema.get("items")
            if not items:
                mod.needs.add("builtins")
                return "list[builtins.object]"
            item_ctx = INLINE_NAMES.get(ctx + "[]", ctx)  # a list alias's items, if named
            inner = self.ann(mod, side, items, item_ctx, ptr + "/items")
            if side == "param":  # as the official params: a generator or tuple will do
                mod.needs.add("iterable")
                return f"Iterable[{inner}]"
            return f"list[{inner}]"
        if schema.get("properties"):
            return self.render_class(mod, side, schema, ctx, ptr)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            value = self.ann(mod, side, extra, ctx + "Value", ptr + "/additionalProperties")
            return f"dict[str, {value}]"
        mod.needs.add("builtins")
        if types == "object" or extra is not None:
            return "dict[str, builtins.object]"
        return "builtins.object"

    def render_named(self, side: str, schema_name: str) -> None:
        key = (side, schema_name)
        if key in self.done:
            return
        self.done.add(key)
        mod = self.module(self.home[key])
        name = self.name[key]
        schema = self.schemas[schema_name]
        ptr = "#/components/schemas/" + schema_name
        mod.exports.append(name)
        single = self.single_part(schema) if "allOf" in schema else None
        named = schema_name in GENERATED or schema_name in MODEL_NAMES
        lone = self.lone_object(schema) if side == "model" and named else None
        if lone is not None:  # `anyOf: [{object}, null]`: the class itself, nullable where used
            self.render_class(mod, side, lone[1], name, f"{ptr}/{lone[0]}", fixed=True)
        elif single:
            expr = self.ann(mod, side, single[1], name, f"{ptr}/allOf/{single[0]}")
            self.add_alias(mod, name, expr, schema)
        elif self.is_object(schema):
            merged = schema
            if "allOf" in schema:
                for part in schema["allOf"]:
                    if "$ref" not in part:
                        continue
                    if side == "param" or ref_name(part["$ref"]) not in MERGED_ONLY:
                        self.use(mod, side, ref_name(part["$ref"]))
                merged = self.merged(schema, ptr)
            self.render_class(mod, side, merged, name, ptr, fixed=True)
        elif self.variants(schema):
            self.render_union(mod, side, schema, name, ptr, alias=name)
        else:
            expr = self.ann(mod, side, schema, name, ptr)
            self.add_alias(mod, name, expr, schema)
        for extra in (ALIASES if side == "model" else PARAM_ALIASES).get(name, []):
            mod.typing.add("TypeAlias")
            mod.aliases.append((extra, name, {name}))
            mod.exports.append(extra)
        self.add_lists(mod, name)
        for extra, others in (PARAM_UNIONS.get(name, {}) if side == "param" else {}).items():
            members = [name, *(self.use(mod, side, other) for other in others)]
            mod.typing.add("TypeAlias")
            mod.aliases.append((extra, " | ".join(members), set(members)))
            mod.exports.append(extra)

    @staticmethod
    def add_lists(mod: Module, name: str) -> None:
        """The official list aliases of `name` (LISTS: `ResponseInputParam`), beside it."""
        for extra in LISTS.get(name, []):
            mod.typing.add("TypeAlias")
            mod.aliases.append((extra, f"list[{name}]", {name}))
            mod.exports.append(extra)

    def add_alias(self, mod: Module, name: str, expr: str, schema: dict[str, Any]) -> None:
        mod.typing.add("TypeAlias")
        deps = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expr))
        doc = docstring(schema.get("description"), "")
        mod.aliases.append((name, expr + ("\n" + doc if doc else ""), deps))

    def render_union(
        self,
        mod: Module,
        side: str,
        schema: dict[str, Any],
        ctx: str,
        ptr: str,
        alias: str | None,
    ) -> str:
        flat = self.flat_variants(schema, ptr)
        tagged = False
        key = "type"
        shared: dict[str, tuple[str, list[tuple[dict[str, Any], str]]]] | None = {}
        for key in TAG_KEYS:
            tags = [t for v, _ in flat for t in self.tags_of(v, key) or [None]]
            shared = self.shared_tags(flat, key)  # tags met twice, told apart by a second key
            tagged = (
                side == "model"
                and len(flat) > 1
                and all(tags)
                and shared is not None
                and all(self.is_object(self.resolve(v)) for v, _ in flat)
            )
            if tagged:
                break
        members: list[str] = []
        inline_index = 0
        for v, vptr in flat if tagged else self.indexed_variants(schema, ptr):
            if "$ref" in v:
                members.append(self.ann(mod, side, v, ctx, vptr))
                continue
            if tagged and v.get("title") and ptr.removeprefix(PREFIX) in TITLED_UNIONS:
                members.append(self.render_extension(mod, v, str(v["title"]), vptr))
                continue
            if tagged and key != "type":  # events: named after the event, as officially
                members.append(self.ann(mod, side, v, pascal(str(self.tag_of(v, key))), vptr))
                continue
            suffix = pascal(self.tag_of(v) or "") if self.tag_of(v) else ""
            if not suffix:
                title = v.get("title") or ""
                suffix = pascal(title) if title and len(title) <= 40 else ""
            if not suffix:
                inline_index += 1
                suffix = f"Variant{inline_index}"
            members.append(self.ann(mod, side, v, ctx + suffix, vptr))
        if tagged and shared:
            members = self.nest(flat, members, shared)
        members = list(dict.fromkeys(members))
        if not tagged:
            # A nullable member's `None` goes last (`str | list[str] | None`), as ruff wants.
            nullable = any(m == "None" or m.endswith(" | None") for m in members)
            kept = dict.fromkeys(m.removesuffix(" | None") for m in members if m != "None")
            # a member that is itself a plain union (`CostQuantityUnit | str`) adds only its
            # new parts: `str | CostQuantityUnit`, not `str | CostQuantityUnit | str`
            kept = dict.fromkeys(p for m in kept for p in ([m] if "[" in m else m.split(" | ")))
            expr = " | ".join(kept) + (" | None" if nullable else "")
            if alias is None:
                return expr
            self.add_alias(mod, alias, expr, schema)
            return alias
        if alias is None and mod.unions.get(ctx) == tuple(members):
            return ctx  # one inline union met twice under one name (`Moderation`'s two bodies)
        name = alias or mod.unique(ctx)
        mod.unions[name] = tuple(members)
        if alias is None:
            mod.exports.append(name)
        unknown = mod.unique("Unknown" + name)
        mod.exports.append(unknown)
        mod.needs.update({"unknown", "field"})
        mod.typing.update({"Annotated", "ClassVar", "TypeAlias"})
        known = ", ".join(py_literal(t) for t in sorted({str(t) for t in tags}))
        if key == "type":
            mod.classes.append(
                f"class {unknown}(UnknownModel):\n"
                f'    """A `{name}` whose `type` this SDK does not know yet."""\n\n'
                f"    known_types: ClassVar[frozenset[str]] = frozenset({{{known}}})\n"
            )
        else:  # the same fallback, keyed on another tag (`event`)
            mod.needs.update({"base", "validator"})
            mod.classes.append(
                f"class {unknown}(BaseModel):\n"
                f'    """A `{name}` whose `{key}` this SDK does not know yet."""\n\n'
                f"    known_{key}s: ClassVar[frozenset[str]] = frozenset({{{known}}})\n\n"
                f"    {key}: str\n\n"
                f'    @field_validator("{key}")\n'
                "    @classmethod\n"
                "    def _refuse_known(cls, value: str) -> str:\n"
                f"        if value in cls.known_{key}s:\n"
                f'            raise ValueError(f"invalid data for known {key} {{value!r}}")\n'
                "        return value\n"
            )
        expr = (
            f'Annotated[Annotated[{" | ".join(members)}, Field(discriminator="{key}")]'
            f' | {unknown}, Field(union_mode="left_to_right")]'
        )
        self.add_alias(mod, name, expr, schema)
        self.add_lists(mod, name)
        return name

    def render_extension(self, mod: Module, schema: dict[str, Any], name: str, ptr: str) -> str:
        """A model member ``allOf: [$ref X, {object}]`` as a subclass of X's class with the
        object's fields (a WebSocket event is its stream event and a `stream_id`, as
        officially); any other shape, merged as usual."""
        parts = schema.get("allOf") or []
        refs = [p for p in parts if "$ref" in p]
        own = [(i, p) for i, p in enumerate(parts) if "$ref" not in p]
        if len(refs) != 1 or len(own) != 1 or not self.is_object(own[0][1]):
            return self.ann(mod, "model", schema, name, ptr)
        base = self.use(mod, "model", ref_name(refs[0]["$ref"]))
        at, part = own[0]
        fields = part.get("properties") or {}
        extension = {k: v for k, v in schema.items() if k not in ("allOf", "title")}
        extension |= {"properties": fields, "required": part.get("required", [])}
        extension["x-ptrs"] = {p: f"{ptr}/allOf/{at}/properties/{escape(p)}" for p in fields}
        return self.render_class(mod, "model", extension, name, ptr, extends=base)

    @staticmethod
    def nest(
        flat: list[tuple[dict[str, Any], str]],
        members: list[str],
        shared: dict[str, tuple[str, list[tuple[dict[str, Any], str]]]],
    ) -> list[str]:
        """`members` (rendered from `flat`) with the members that share a tag made one
        member where the first of them stood: a union discriminated by their second key."""
        ptrs = [vptr for _, vptr in flat]
        out = list(members)
        for key, group in shared.values():
            at = [ptrs.index(vptr) for _, vptr in group]
            inner = " | ".join(members[i] for i in at)
            out[at[0]] = f'Annotated[{inner}, Field(discriminator="{key}")]'
            for i in at[1:]:
                out[i] = ""
        return [m for m in out if m]

    def render_class(
        self,
        mod: Module,
        side: str,
        schema: dict[str, Any],
        ctx: str,
        ptr: str,
        fixed: bool = False,
        extends: str | None = None,
    ) -> str:
        name = ctx if fixed else mod.unique(ctx)
        if not fixed:
            mod.exports.append(name)
        mod.manifest.append((name, ptr))
        required = set(schema.get("required", []))
        lines: list[str] = []
        functional = False
        rows: list[tuple[str, str, str, bool, bool]] = []
        replaced = FIELDS.get(ptr.removeprefix(PREFIX), {}) if side == "model" else {}
        dropped = DROPPED.get(ptr.removeprefix(PREFIX), {}) if side == "model" else {}
        for prop, sub in (schema.get("properties") or {}).items():
            if prop in dropped:
                continue
            sub_ptr = schema.get("x-ptrs", {}).get(prop, f"{ptr}/properties/{escape(prop)}")
            sub_ctx = (
                NAMES_AT.get(sub_ptr.removeprefix(PREFIX))
                or INLINE_NAMES.get(f"{name}.{prop}")
                or name + pascal(prop)
            )
            if prop in replaced and not replaced[prop].spec_type:  # the spec's type unused
                expr = replaced[prop].annotation
            else:
                expr = self.ann(mod, side, sub, sub_ctx, sub_ptr)
            nested = (ptr, prop) in self.nested
            tags = (
                self.tags_of(schema, prop)
                if side == "model" and (prop in TAG_KEYS or nested)
                else ()
            )
            closed = ptr in self.union_members or nested or ptr.removeprefix(PREFIX) in CLOSED_TAGS
            if len(tags) > 1 and closed:  # closed: a union dispatches on it
                expr = self.literal(mod, list(tags), False, "str")
            pyname = prop
            if not prop.isidentifier() or keyword.iskeyword(prop):
                pyname = re.sub(r"\W", "_", prop)
                if keyword.iskeyword(pyname) or pyname[0].isdigit():
                    pyname += "_"
                functional = True
            if side == "model" and (pyname in MODEL_RESERVED or pyname.startswith("_")):
                pyname = pyname.strip("_") + "_"
            rows.append((prop, pyname, expr, prop in required, self.nullable(sub)))
        doc = docstring(schema.get("description"), "    ")
        if side == "model":
            mod.needs.add("base")
            key = ptr.removeprefix(PREFIX)
            rows = self.overridden(mod, key, rows)
            if key in OPEN_TAGS:  # `object: Literal["model"]` reads other values too
                rows = [
                    (p, n, f"{e} | str" if e.startswith("Literal[") and " | " not in e else e, r, u)
                    for p, n, e, r, u in rows
                ]
            # the official order: the spec's required fields, then the others; in each, `id`
            # first and the rest by name (a dump and a repr show them in this order)
            rows.sort(key=lambda row: (not row[3], row[0] != "id", row[0]))
            if key in ORDER:  # where the official order is not the rule's
                rows.sort(key=lambda row: ORDER[key].index(row[0]))
            base = extends or "BaseModel"
            if key in BASES:
                where, mixin = BASES[key]
                mod.imports.setdefault(where, set()).add(mixin)
                base = f"{mixin}, BaseModel"
            lines.append(f"class {name}({base}):")
            if doc:
                lines.append(doc)
            lenient = self.lenient(key, rows)
            for prop, pyname, expr, req, _ in rows:
                args = []
                if lenient.get(prop, "None") != "None":  # `summary: list[Summary] = []`
                    lines.append(f"    {pyname}: {expr} = {lenient[prop]}")
                    continue
                if not req or prop in lenient:
                    expr = expr if expr.endswith("| None") else expr + " | None"
                    args.append("default=None")
                if pyname != prop:
                    args.append(f"alias={py_literal(prop)}")
                    mod.needs.add("field")
                    lines.append(f"    {pyname}: {expr} = Field({', '.join(args)})")
                elif not req or prop in lenient:
                    lines.append(f"    {pyname}: {expr} = None")
                else:
                    lines.append(f"    {pyname}: {expr}")
            if not rows and not doc:
                lines.append("    pass")
            body = (base, *lines[2 if doc else 1 :])  # what a class is, docstring aside
            if name != ctx and mod.bodies.get(ctx) == body:
                # one inline object met twice under one name (the `part` of two events): one
                # class, as a hand-written module had it
                mod.names.discard(name)
                mod.exports.remove(name)
                mod.manifest[mod.manifest.index((name, ptr))] = (ctx, ptr)
                return ctx
            mod.bodies[name] = body
            mod.classes.append("\n".join(lines) + "\n")
            return name
        mod.typing.update({"TypedDict"})
        entries = []
        for prop, _, expr, req, _ in rows:
            if req:
                mod.typing.add("Required")
                expr = f"Required[{expr}]"
            entries.append((prop, expr))
        base = "TypedDict"
        if functional:
            # as the official params: a key that is no Python name (`async`) goes to a
            # functional base, so the class keeps its docstring and its other keys
            base = f"_{name}ReservedKeywords"
            reserved = [(p, e) for p, e in entries if not p.isidentifier() or keyword.iskeyword(p)]
            fields = ", ".join(f"{py_literal(p)}: {quote_names(e)}" for p, e in reserved)
            mod.aliases.append(
                (base, f"TypedDict({py_literal(base)}, {{{fields}}}, total=False)", set())
            )
            entries = [row for row in entries if row not in reserved]
        lines.append(f"class {name}({base}, total=False):")
        if doc:
            lines.append(doc)
        for prop, expr in entries:
            lines.append(f"    {prop}: {expr}")
        if not entries and not doc:
            lines.append("    pass")
        mod.classes.append("\n".join(lines) + "\n")
        return name

    def overridden(
        self, mod: Module, key: str, rows: list[tuple[str, str, str, bool, bool]]
    ) -> list[tuple[str, str, str, bool, bool]]:
        """`rows` with the FIELDS overrides of schema `key`: a field retyped. A field the spec
        lacks is schema, not behaviour: it is a spec addition (spec_additions.py)."""
        extras = FIELDS.get(key, {})
        for extra in extras.values():
            for where, imported in extra.imports:
                mod.imports.setdefault(where, set()).add(imported)
                if key.split("/")[0] in SEALED:  # public where the hand-written model had them
                    mod.exports.append(imported)
        out = [
            (p, n, extras[p].annotation, False, True) if p in extras else (p, n, e, r, nul)
            for p, n, e, r, nul in rows
        ]
        added = set(extras) - {row[0] for row in rows}
        if added:
            raise SystemExit(f"FIELDS adds {key}.{sorted(added)}: make it a spec addition")
        return out

    def lenient(self, key: str, rows: list[tuple[str, str, str, bool, bool]]) -> dict[str, str]:
        """The defaults of the required fields the SDK parses without (LENIENT, FIELD_DEFAULTS),
        and of the FIELDS overrides."""
        out: dict[str, str] = {}
        if key.split("/")[0] in self.lenient_schemas:
            for prop, _, expr, req, nullable in rows:
                closed = expr.startswith("Literal[") and " | " not in expr
                if req and not closed:
                    out[prop] = "[]" if expr.startswith("list[") and not nullable else "None"
        out.update(FIELD_DEFAULTS.get(key, {}))
        out.update({p: x.default for p, x in FIELDS.get(key, {}).items()})
        return out

    def render_query(self, mod: Module, op: dict[str, Any], name: str, ptr: str) -> None:
        params = [self.resolve(p) for p in op.get("parameters", [])]
        query = [p for p in params if p.get("in") == "query"]
        schema = {
            "type": "object",
            "description": f"Query parameters of `{op['operationId']}`.",
            "properties": {p["name"].removesuffix("[]"): p.get("schema", {}) for p in query},
            "required": [p["name"] for p in query if p.get("required")],
            # where each parameter's schema is: an inline object's class points there
            # (`effective_at` of the audit logs' query)
            "x-ptrs": query_pointers(op, params, ptr),
        }
        if not query:
            return
        mod.exports.append(name)
        self.render_class(mod, "param", schema, name, ptr + "/parameters", fixed=True)
        for extra in PARAM_ALIASES.get(name, []):  # a query's other official name
            mod.typing.add("TypeAlias")
            mod.aliases.append((extra, name, {name}))
            mod.exports.append(extra)

    def run(self, packages: Collection[str] = ()) -> dict[str, str]:
        self.plan()
        for root, where in HAND_IMPORTS.items():
            self.use(self.module(where), "model", root)
        for mod_name, ops in MODULES.items():
            mod = self.module(mod_name)
            if mod_name == "webhooks":
                payloads: list[str] = []
                for item in self.spec.get("webhooks", {}).values():
                    for op in item.values():
                        for schema in request_schemas(op):
                            payloads.append(self.use(mod, "model", ref_name(schema["$ref"])))
                mod.names.add(WEBHOOK_UNION)
                mod.exports.append(WEBHOOK_UNION)
                members = " | ".join(payloads)
                mod.needs.update({"unknown", "field"})
                mod.typing.update({"Annotated", "ClassVar", "TypeAlias"})
                tags: list[str] = []
                for item in self.spec.get("webhooks", {}).values():
                    for op in item.values():
                        for schema in request_schemas(op):
                            tags.append(self.tag_of(schema) or "")
                known = ", ".join(py_literal(t) for t in sorted(tags))
                mod.exports.append("UnknownWebhookEvent")
                mod.classes.append(
                    "class UnknownWebhookEvent(UnknownModel):\n"
                    '    """A webhook event whose `type` this SDK does not know yet."""\n\n'
                    f"    known_types: ClassVar[frozenset[str]] = frozenset({{{known}}})\n"
                )
                mod.aliases.append(
                    (
                        WEBHOOK_UNION,
                        f'Annotated[Annotated[{members}, Field(discriminator="type")]'
                        ' | UnknownWebhookEvent, Field(union_mode="left_to_right")]',
                        set(payloads) | {"UnknownWebhookEvent"},
                    )
                )
            for extra in EXTRA_ROOTS.get(mod_name, []):
                self.use(mod, "model", extra)
            for extra in EXTRA_PARAM_ROOTS.get(mod_name, []):
                self.use(mod, "param", extra)
            for official, (side, source) in GROUP_IMPORTS.get(mod_name, {}).items():
                name = self.use(mod, side, source)
                if name != official:
                    mod.typing.add("TypeAlias")
                    mod.aliases.append((official, name, {name}))
                mod.exports.append(official)
            for op_id, params in ops.items():
                method, path, op = self.ops[op_id]
                mod.ops.append(f"{method.upper()} {path}")
                ptr = "#/paths/" + escape(path) + "/" + method
                for where, schema in response_schemas_at(op):
                    if "$ref" in schema:
                        self.use(mod, "model", ref_name(schema["$ref"]))
                    elif schema.get("properties") or self.variants(schema):
                        cls = INLINE_RESPONSES[op_id]
                        mod.names.add(cls)
                        mod.exports.append(cls)
                        rptr = ptr + where
                        if self.variants(schema):
                            self.render_union(mod, "model", schema, cls, rptr, alias=cls)
                        else:
                            self.render_class(mod, "model", schema, cls, rptr, fixed=True)
                for where, schema in request_schemas_at(op):
                    if "$ref" in schema:
                        self.use(mod, "param", ref_name(schema["$ref"]))
                    elif schema.get("properties") and params:
                        mod.names.add(params)
                        mod.exports.append(params)
                        self.render_class(mod, "param", schema, params, ptr + where, fixed=True)
                if params and not request_schema(op):
                    mod.names.add(params)
                    self.render_query(mod, op, params, ptr)
        # last, so that the groups' modules render in their own order
        for (side, root), where in LATE_ROOTS.items():
            self.use(self.module(where), side, root)
        # the official streaming variants of a request with `stream` (stream_params.py)
        streamed = {p for ops in MODULES.values() for p in ops.values() if p}
        for mod in self.modules.values():
            for params in sorted(p for p in streamed if f"{p}Streaming" in self.official):
                split_stream(mod, params)
        return {
            name: self.emit(mod, name in packages) for name, mod in sorted(self.modules.items())
        }

    # -- output ---------------------------------------------------------------------------

    def emit(self, mod: Module, package: bool = False) -> str:
        """The source of `mod`; a `package` is written as its `__init__`, one level down."""
        depth = mod.name.count(".") + package
        up = "." * (depth + 1)
        out = [HEADER]
        ops = ", ".join(mod.ops)
        if mod.name in self.shared_by:
            ops = "shared by " + ", ".join(f"`types.{m}`" for m in self.shared_by[mod.name])
        if mod.name == "webhooks":
            ops = "webhook event payloads (`client.webhooks.unwrap`)"
        if not ops:  # a group of extra roots only
            roots = EXTRA_ROOTS.get(mod.name, [])
            roots += [r for (_, r), where in LATE_ROOTS.items() if where == mod.name]
            ops = "the spec's " + ", ".join(f"`{r}`" for r in roots)
        what = "request params (TypedDict)" if mod.name.startswith(SHARED_PARAMS) else "types"
        out.append(f'"""The {what} of: {ops}."""\n' if len(ops) < 60 else "")
        if len(ops) >= 60:
            wrapped = textwrap.fill(f"The {what} of: {ops}.", 92)
            out.append(f'"""{wrapped}\n"""\n')
        out.append("from __future__ import annotations\n")
        if "builtins" in mod.needs or any("builtins." in c for c in mod.classes):
            out.append("import builtins")
        if "iterable" in mod.needs:
            out.append("from collections.abc import Iterable")
        if mod.typing:
            out.append(f"from typing import {', '.join(sorted(mod.typing))}")
        pydantic_names = [n for k, n in (("field", "Field"), ("validator", "field_validator"))]
        pydantic_names = [
            n for n in pydantic_names if ("field" if n == "Field" else "validator") in mod.needs
        ]
        if pydantic_names:
            out.append(f"from pydantic import {', '.join(pydantic_names)}")
        local = []
        if "base" in mod.needs or "unknown" in mod.needs:
            bases = [
                n for k, n in (("base", "BaseModel"), ("unknown", "UnknownModel")) if k in mod.needs
            ]
            local.append(f"from {up}_base import {', '.join(bases)}")
        if "file" in mod.needs:
            local.append(f"from {up}_files import FileTypes")
        for where, names in sorted(mod.imports.items()):
            local.append(f"from {up}{where} import {', '.join(sorted(names))}")
        out.extend(local)
        reexports = {
            n.rpartition(" as ")[2]
            for w, names in mod.imports.items()
            if w.split(".")[0] in (SHARED, SHARED_PARAMS)
            for n in names
        }
        reexports |= tables_admin.reexported(mod.name, mod.imports)
        exports = sorted(set(mod.exports) | reexports)
        out.append("\n__all__ = [" + ", ".join(py_literal(e) for e in exports) + "]\n")
        out.extend(self.ordered_body(mod))
        text = "\n".join(out)
        text = text.replace(": TypeAlias = TypedDict(", " = TypedDict(")
        return text

    def ordered_body(self, mod: Module) -> list[str]:
        """The classes and type aliases of `mod`, each alias after what it names and, unless a
        cycle forbids it, before the classes whose fields name it; a model after the models its
        fields name, likewise. pydantic evaluates an inherited field's annotation in the module
        of a subclass (`ParsedResponseFunctionToolCall`, `ParsedChatCompletion`, or a user's),
        where a name of ours is unknown: it must be resolved when the class is made. Otherwise
        the order is the order of rendering."""
        aliases = {name for name, _, _ in mod.aliases}
        classes = {source.split("(", 1)[0].removeprefix("class ") for source in mod.classes}
        items: list[tuple[str, str, set[str]]] = []  # (name, source, names needed first)
        for source in mod.classes:
            name = source.split("(", 1)[0].removeprefix("class ")
            named = set(re.findall(r"\w+", source)) & aliases
            # its bases first (`ResponseCreateParamsStreaming(ResponseCreateParamsBase)`)
            named |= set(re.findall(r"\w+", source.split(")", 1)[0].partition("(")[2])) & classes
            if "TypedDict" not in source.split("\n", 1)[0]:
                fields = " ".join(re.findall(r"^    \w+: (.*)$", source, re.M))
                named |= set(re.findall(r"\w+", fields)) & classes
            items.append((name, source, named - {name}))
        unique = {name: (name, expr, deps) for name, expr, deps in mod.aliases}  # the last wins
        for name, expr, deps in unique.values():
            items.append((name, f"{name}: TypeAlias = {expr}\n", deps - {name}))
        defined = {name for name, _, _ in items}
        out: list[str] = []
        placed: set[str] = set()
        while items:
            ready = [i for i, (_, _, deps) in enumerate(items) if deps & defined <= placed]
            if not ready:  # a class and an alias that name each other: the class goes first
                ready = [i for i, (_, source, _) in enumerate(items) if source.startswith("class")]
            if not ready:
                raise SystemExit(f"alias cycle in {mod.name}: {sorted(n for n, _, _ in items)}")
            name, source, _ = items.pop(ready[0])
            out.append(source)
            placed.add(name)
        return out


def render_manifest(gen: Generator) -> str:
    found = [(name, cls, ptr) for name, mod in gen.modules.items() for cls, ptr in mod.manifest]
    found += [(where, cls, PREFIX + schema) for schema, (where, cls) in EXTERNAL.items()]
    # a union generated in place of a hand-written one is an alias, not a class: listed too,
    # as its hand-written model was (the resources find `ResponseItem` so)
    found += [
        (where, cls, PREFIX + schema)
        for schema, (where, cls) in GENERATED.items()
        if gen.tagged_members(schema)
    ]
    found += [
        (gen.home[("model", same)], gen.name[("model", same)], PREFIX + schema)
        for schema, same in SAME_AS.items()
    ]
    rows = [
        f"    ({py_literal(m)}, {py_literal(c)}, {py_literal(p)}),"
        for m, c, p in sorted(found, key=lambda r: r[0])
    ]
    groups = []
    for name, ops in MODULES.items():
        listed = ", ".join(py_literal(o) for o in ops) + ("," if ops else "")
        groups.append(f"    {py_literal(name)}: ({listed}),")
    return (
        HEADER + '"""Which class models which spec schema (JSON pointer into openapi.yaml).\n\n'
        "`CLASSES` holds ``(module under openai_oxide.types, class, pointer)``: every class the\n"
        "generator emits, and the hand-written models it uses instead of emitting one\n"
        "(scripts/gen/overrides.py). A component schema has one model class here (and one\n"
        "``*Param`` TypedDict when requests send it); import it from that module.\n"
        "Read by tests/types/test_spec_coverage.py and the resources generator; never imported by\n"
        "the SDK.\n"
        '"""\n\n'
        "GROUPS: dict[str, tuple[str, ...]] = {\n" + "\n".join(groups) + "\n}\n\n"
        "CLASSES: tuple[tuple[str, str, str], ...] = (\n" + "\n".join(rows) + "\n)\n"
    )


def generate(document: dict[str, Any]) -> dict[Path, str]:
    gen = Generator(document)
    _, official_packages = official_modules()
    texts = gen.run(official_packages)
    if unmet := gen.inline.unmet():
        raise SystemExit("named_inline: no field meets " + ", ".join(unmet))
    files: dict[Path, str] = {}
    for name, text in texts.items():
        files[path_of(name, name in official_packages)] = text
    files[TYPES / "_spec_map.py"] = render_manifest(gen)
    files[TYPES / "_files.py"] = FILES_MODULE
    sources = {
        ".".join(path.relative_to(TYPES).with_suffix("").parts): path.read_text()
        for path in sorted(TYPES.rglob("*.py"))
        if not path.name.startswith("_") and not path.read_text().startswith(HEADER)
    }
    sources.update(texts)
    users = {
        (gen.home[key], gen.name[key]): groups + gen.sealed_users.get(key[1], [])
        for key, groups in gen.owners.items()
    }
    users.update({(m, "*"): groups for m, groups in gen.shared_by.items()})
    # A group exporting another group's class (GROUP_IMPORTS) serves it at its paths too
    # (`types.beta.realtime.session_create_response` is `types.realtime`'s class).
    for group, imported in GROUP_IMPORTS.items():
        for side, schema in imported.values():
            key = (gen.home[(side, schema)], gen.name[(side, schema)])
            users[key] = [*users.get(key, []), group]
    # An alias of a class (ALIASES, PARAM_ALIASES) serves the groups its class serves: the
    # projects' `CertificateDeactivateParams` is the organization's, under its other name.
    for (module, name), groups in list(users.items()):
        for alias in ALIASES.get(name, []) + PARAM_ALIASES.get(name, []):
            users.setdefault((module, alias), groups)
    # Hand-written packages (`types.graders`) keep their `__init__` and place names too.
    hand_packages = {
        ".".join(path.parent.relative_to(TYPES).parts): path.read_text()
        for path in sorted(TYPES.rglob("__init__.py"))
        if path.parent != TYPES and not path.read_text().startswith(HEADER)
    }
    placing = {**sources, **hand_packages}
    placed, placer = placements(placing, users)
    # `shared_params` names its TypedDicts as their models (official_params.py)
    extra = official_params.placed(official_modules()[0], placed, placer)
    for (module, short), at in gen.inline.unions.items():  # the named request unions
        extra.setdefault(module, {})[short] = at
    for (module, short), cls in CLASS_NAMES.items():  # and the classes named otherwise
        if len(placer.defs.get(cls, [])) == 1:
            extra.setdefault(module, {})[short] = (placer.defs[cls][0], cls)
    for name, found in extra.items():
        placed.setdefault(name, {}).update(found)
    found_elsewhere = reexports(placed, placer, set(texts))
    for name, found in extra.items():
        if name in texts:
            found_elsewhere.setdefault(name, {}).update(found)
    # A generated module at an official path also gives the official names of that path
    # defined elsewhere, as a thin module there would have.
    for name, found in found_elsewhere.items():
        mod = gen.modules[name]
        for cls, (where, src) in found.items():
            if where == name:  # the official short name of a class of this module
                mod.typing.add("TypeAlias")
                mod.aliases.append((cls, src, {src}))
            else:
                mod.imports.setdefault(where, set()).add(cls if src == cls else f"{src} as {cls}")
            mod.exports.append(cls)
        texts[name] = sources[name] = gen.emit(mod, name in official_packages)
        files[path_of(name, name in official_packages)] = texts[name]
    # The packages that only hold generated modules (`types.shared`) name them lazily too.
    docs = dict.fromkeys(
        {n.rsplit(".", 1)[0] for n in texts if "." in n} - set(texts),
        "Generated types of the `{}` modules (loaded lazily, PEP 562).",
    )
    ours = {".".join(name.split(".")[:i]) for name in placing for i in range(name.count(".") + 2)}
    ours |= set(PACKAGES)
    thin = thin_modules(placed, placer.packages, ours)
    for pkg, doc in {**docs, **PACKAGES}.items():
        init = TYPES.joinpath(*pkg.split("."), "__init__.py")
        # The official names found elsewhere (`shared.ChatModel`), where they mean the same:
        # not in `beta` (its `FileSearchTool` is the Assistants one) nor `shared_params`
        # (TypedDicts, where the one definer of a name may be a model).
        official = pkg in PACKAGES or pkg == SHARED
        # and those a thin module at an official path below gives (`responses.ComputerAction`)
        below = {
            name: module
            for module, found in placed.items()
            if module.rpartition(".")[0] == pkg and module not in ours
            for name in found
        }
        files[init] = package_init(pkg, sources, doc.format(pkg), official=official, thin=below)
    out = {path: formatted(text, path, HEADER) for path, text in sorted(files.items())}
    out.update(formatted_all(thin))
    # the root package names the official root names wherever they now are (root_init.py)
    root = TYPES / "__init__.py"
    out[root] = formatted(root_init.render(out), root, HEADER)
    return dict(sorted(out.items()))
