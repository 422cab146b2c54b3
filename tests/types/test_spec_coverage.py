"""Every schema an implemented endpoint uses has a model, with every field, type and enum value.

The spec (../shared/spec/openapi.yaml) is walked alongside the models:

- every component schema an operation of a generated group reaches (answers as pydantic
  models, request bodies and query parameters as TypedDicts) has a class;
- every property of every schema is a field; the field's annotation accepts the spec's
  type (``str``/``int``/``float``/``bool``/``list``/``dict``/``None``, the class of a
  ``$ref``) and lists every enum value in a ``Literal``;
- an instance built from each response schema validates;
- the hand-written models (types/responses, types/chat, types/models) are walked the
  same way from their root schemas and must cover every field too (a known gap would be
  listed in ``HAND_WRITTEN_GAPS``; there are none, and any new gap fails).

The parsed spec is cached as a pickle under .cache/spec/ (gitignored), shared with
the generator (scripts/gen/), so the whole file runs in a few seconds.
"""

from __future__ import annotations

import collections.abc
import functools
import importlib
import importlib.util
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "openapi.yaml"
PREFIX = "#/components/schemas/"
NOTES = {"nullable", "description", "title", "default", "example", "examples", "deprecated"}
NOTES |= {"readOnly", "writeOnly", "x-oaiMeta", "x-oaiTypeLabel"}


def _esc(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _generator() -> Any:
    """The types part of the generator (scripts/gen/models.py), with its spec loader."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("gen.models")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def gen() -> Any:
    return _generator()


@pytest.fixture(scope="session")
def spec(gen: Any) -> dict[str, Any]:
    pytest.importorskip("yaml", reason="pyyaml is needed to walk the spec")
    if not SPEC.is_file():
        pytest.skip(f"spec not found at {SPEC}")
    loaded: dict[str, Any] = importlib.import_module("gen.spec").load(SPEC)
    return loaded


def pointer(spec: dict[str, Any], ptr: str) -> Any:
    node: Any = spec
    for part in ptr.removeprefix("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def manifest() -> list[tuple[str, str, str]]:
    """The generated classes (`_spec_map` also lists the hand-written ones used instead, and
    the generated unions that replaced hand-written ones, which are aliases)."""
    from openai_oxide.types._spec_map import CLASSES

    hand_written = hand_written_rows()
    return [row for row in CLASSES if row not in hand_written and isinstance(load(*row[:2]), type)]


@functools.cache
def hand_written_rows() -> set[tuple[str, str, str]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        module = importlib.import_module("gen.overrides")
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return {(m, c, PREFIX + s) for s, (m, c) in module.OVERRIDES.items()}


def load(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"openai_oxide.types.{module}"), name)


# -- annotations as sets of accepted leaves ---------------------------------------------------


@dataclass
class Leaves:
    classes: list[type] = field(default_factory=list)
    literals: set[Any] = field(default_factory=set)
    lists: list[Any] = field(default_factory=list)
    dicts: list[Any] = field(default_factory=list)
    scalars: set[type] = field(default_factory=set)
    anything: bool = False


def leaves(tp: Any, out: Leaves | None = None) -> Leaves:
    out = out if out is not None else Leaves()
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        leaves(args[0], out)
    elif origin in (typing.Union, types.UnionType):
        for arg in args:
            leaves(arg, out)
    elif origin is typing.Literal:
        out.literals.update(args)
    elif origin in (typing.Required, typing.NotRequired):
        leaves(args[0], out)
    elif origin in (list, collections.abc.Iterable):  # params take any iterable
        out.lists.append(args[0] if args else object)
    elif origin is dict:
        out.dicts.append(args[1] if args else object)
    elif origin is tuple or tp in (bytes, str, int, float, bool, type(None)):
        out.scalars.add(tuple if origin is tuple else tp)
    elif tp is object or tp is Any:
        out.anything = True
    elif isinstance(tp, type):
        out.classes.append(tp)
    elif origin is not None:  # os.PathLike[str], IO[bytes]: upload content
        out.scalars.add(origin)
    else:
        raise AssertionError(f"unexpected annotation {tp!r}")
    return out


def field_types(cls: Any) -> dict[str, Any]:
    """API name -> annotation, for a pydantic model or a TypedDict."""
    if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
        cls.model_rebuild()
        return {(f.alias or name): f.annotation for name, f in cls.model_fields.items()}
    return dict(typing.get_type_hints(cls, include_extras=True))


def is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, pydantic.BaseModel)


# -- the spec side -------------------------------------------------------------------------------


class Walker:
    """Checks annotations against schemas; generated classes are found by JSON pointer."""

    def __init__(self, spec: dict[str, Any], by_pointer: dict[str, list[Any]]) -> None:
        self.spec = spec
        self.schemas: dict[str, Any] = spec["components"]["schemas"]
        self.by_pointer = by_pointer

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def merged(self, schema: dict[str, Any], ptr: str = "") -> dict[str, Any]:
        """allOf flattened; ``x-ptrs`` maps each property to where the spec defines it."""
        props: dict[str, Any] = {}
        ptrs: dict[str, str] = {}
        required: list[str] = []
        parts = [(f"{ptr}/allOf/{i}", p) for i, p in enumerate(schema.get("allOf", []))]
        for part_ptr, part in [*parts, (ptr, {**schema, "allOf": []})]:
            if "$ref" in part:
                part_ptr = PREFIX + part["$ref"].rsplit("/", 1)[1]
                part = self.resolve(part)
            if part.get("allOf"):
                part = self.merged(part, part_ptr)
            for prop, sub in (part.get("properties") or {}).items():
                props[prop] = sub
                ptrs[prop] = part.get("x-ptrs", {}).get(prop, f"{part_ptr}/properties/{_esc(prop)}")
            required += part.get("required", [])
        return {**schema, "properties": props, "required": required, "x-ptrs": ptrs}

    @staticmethod
    def single_part(schema: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if schema.get("properties"):
            return None
        real = [(i, p) for i, p in enumerate(schema.get("allOf") or []) if set(p) - NOTES]
        return real[0] if len(real) == 1 else None

    @staticmethod
    def variants(schema: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
        key = "anyOf" if schema.get("anyOf") else "oneOf"
        return [(key, i, v) for i, v in enumerate(schema.get(key) or []) if v.get("type") != "null"]

    @staticmethod
    def nullable(schema: dict[str, Any]) -> bool:
        kinds = schema.get("type")
        return (
            schema.get("nullable") is True
            or (isinstance(kinds, list) and "null" in kinds)
            or None in (schema.get("enum") or [])
            or any(v.get("type") == "null" for v in schema.get("anyOf", schema.get("oneOf", [])))
            or any(p.get("nullable") is True for p in schema.get("allOf", []))
        )

    def check(
        self, schema: dict[str, Any], tp: Any, ptr: str, side: str, seen: set[str]
    ) -> list[str]:
        found = leaves(tp)
        problems: list[str] = []
        if self.nullable(schema) and type(None) not in found.scalars:
            problems.append(f"{ptr}: nullable but None is not accepted")
        problems += self._check(schema, found, ptr, side, seen)
        return problems

    def _class_at(self, ptr: str, found: Leaves, side: str) -> list[str]:
        wanted = [c for c in self.by_pointer.get(ptr, []) if is_model(c) == (side == "model")]
        if not wanted:
            return [f"{ptr}: no generated class"]
        if not any(c in found.classes for c in wanted):
            names = [c.__name__ for c in wanted]
            return [f"{ptr}: annotation lacks {names} (has {[c.__name__ for c in found.classes]})"]
        return []

    def _check(
        self, schema: dict[str, Any], found: Leaves, ptr: str, side: str, seen: set[str]
    ) -> list[str]:
        if "$ref" in schema:
            target = PREFIX + schema["$ref"].rsplit("/", 1)[1]
            if target in EXTERNAL_CLASSES and side == "model":
                cls = load(*EXTERNAL_CLASSES[target])
                return [] if cls in found.classes else [f"{ptr}: annotation lacks {cls.__name__}"]
            if target in self.by_pointer:
                return self._class_at(target, found, side)
            if target in seen:
                return []
            return self._check(self.resolve(schema), found, target, side, seen | {target})
        if "allOf" in schema:
            single = self.single_part(schema)
            if single:
                return self._check(single[1], found, f"{ptr}/allOf/{single[0]}", side, seen)
            return self._class_at(ptr, found, side)
        if self.variants(schema):
            problems = []
            for key, i, variant in self.variants(schema):
                problems += self._check(variant, found, f"{ptr}/{key}/{i}", side, seen)
            return problems
        kinds = schema.get("type")
        if isinstance(kinds, list):
            problems = []
            for kind in kinds:
                if kind != "null":
                    problems += self._check({**schema, "type": kind}, found, ptr, side, seen)
            return problems
        if "enum" in schema or "const" in schema:
            values = {v for v in schema.get("enum") or [schema.get("const")] if v is not None}
            missing = values - found.literals
            return [f"{ptr}: enum values {sorted(map(str, missing))} missing"] if missing else []
        if kinds == "string":
            ok = str in found.scalars or (
                side == "param" and schema.get("format") == "binary" and bytes in found.scalars
            )
            return [] if ok else [f"{ptr}: string not accepted"]
        if kinds in ("integer", "number", "boolean"):
            want = {"integer": int, "number": float, "boolean": bool}[kinds]
            return [] if want in found.scalars else [f"{ptr}: {kinds} not accepted"]
        if kinds == "array" or "items" in schema:
            if not found.lists:
                return [f"{ptr}: array not accepted"]
            if not schema.get("items"):
                return []
            tries = [
                self.check(schema["items"], t, ptr + "/items", side, seen) for t in found.lists
            ]
            return min(tries, key=len)
        if schema.get("properties"):
            return self._class_at(ptr, found, side)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            if not found.dicts:
                return [f"{ptr}: map not accepted"]
            extra_ptr = ptr + "/additionalProperties"
            tries = [self.check(extra, t, extra_ptr, side, seen) for t in found.dicts]
            return min(tries, key=len)
        if kinds == "object" or extra is not None:
            return [] if found.dicts else [f"{ptr}: object not accepted"]
        return []  # untyped: anything goes

    # instances -------------------------------------------------------------------------------

    def sample(self, schema: dict[str, Any], depth: int = 0) -> Any:
        schema = self.resolve(schema)
        single = self.single_part(schema) if "allOf" in schema else None
        if single:
            return self.sample(single[1], depth)
        if "allOf" in schema:
            schema = self.merged(schema)
        variants = self.variants(schema)
        if variants and not schema.get("properties"):
            return self.sample(variants[0][2], depth)
        if "enum" in schema or "const" in schema:
            return next(v for v in schema.get("enum") or [schema.get("const")] if v is not None)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next(k for k in kind if k != "null")
        if kind == "string":
            return "text"
        if kind == "integer":
            return 1
        if kind == "number":
            return 1.5
        if kind == "boolean":
            return True
        if kind == "array" or "items" in schema:
            return (
                [self.sample(schema["items"], depth + 1)]
                if depth < 4 and schema.get("items")
                else []
            )
        required = set(schema.get("required", []))
        props = schema.get("properties") or {}
        if props:
            return {
                name: self.sample(sub, depth + 1)
                for name, sub in props.items()
                if name in required or depth < 3
            }
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra and depth < 4:
            return {"key": self.sample(extra, depth + 1)}
        return {}


EXTERNAL_CLASSES: dict[str, tuple[str, str]] = {}


def _schema_at(walker: Walker, ptr: str) -> dict[str, Any]:
    if ptr.endswith("/parameters"):
        raw = pointer(walker.spec, ptr)
        params = [walker.resolve(p) for p in raw]
        query = [p for p in params if p.get("in") == "query"]
        # where each parameter's schema is, as the generator says (an inline object's class)
        ptrs = {
            p["name"].removesuffix("[]"): f"{r.get('$ref', f'{ptr}/{i}')}/schema"
            for i, (r, p) in enumerate(zip(raw, params, strict=True))
            if p.get("in") == "query"
        }
        return {
            "properties": {p["name"].removesuffix("[]"): p.get("schema", {}) for p in query},
            "x-ptrs": ptrs,
        }
    node: dict[str, Any] = pointer(walker.spec, ptr)
    return walker.merged(node, ptr) if "allOf" in node else node


@pytest.fixture(scope="session")
def walker(spec: dict[str, Any], gen: Any) -> Walker:
    EXTERNAL_CLASSES.update({PREFIX + k: v for k, v in gen.EXTERNAL.items()})
    by_pointer: dict[str, list[Any]] = {}
    for module, name, ptr in manifest():
        by_pointer.setdefault(ptr, []).append(load(module, name))
    return Walker(spec, by_pointer)


# -- tests ---------------------------------------------------------------------------------------


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and node["$ref"].startswith(PREFIX):
            yield node["$ref"].rsplit("/", 1)[1]
        for key, value in node.items():
            if key not in ("example", "examples", "x-oaiMeta"):
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _untyped(gen: Any, key: str) -> set[str]:
    """The fields of schema `key` (a pointer under the schemas) that the generator does not
    type from the spec, each with a why in the override tables: dropped (`DROPPED`), or typed
    otherwise without the spec's type (`FIELDS` with `spec_type=False`)."""
    fields: dict[str, Any] = gen.FIELDS.get(key, {})
    return set(gen.DROPPED.get(key, {})) | {p for p, x in fields.items() if not x.spec_type}


def _without(schema: dict[str, Any], props: set[str]) -> dict[str, Any]:
    """`schema` without the properties `props`, in its inline `allOf` parts too."""
    if not props:
        return schema
    out = {**schema}
    if "properties" in out:
        out["properties"] = {k: v for k, v in out["properties"].items() if k not in props}
    if "allOf" in out:
        out["allOf"] = [p if "$ref" in p else _without(p, props) for p in out["allOf"]]
    return out


def test_every_schema_of_every_generated_operation_has_a_class(walker: Walker, gen: Any) -> None:
    from openai_oxide.types._spec_map import GROUPS

    ops = gen.operations(walker.spec)
    assert set(GROUPS) == set(gen.MODULES)
    missing: list[str] = []
    for group, op_ids in GROUPS.items():
        roots: dict[str, list[str]] = {"model": [], "param": []}
        if group == "webhooks":
            roots["model"] += _refs(walker.spec["webhooks"])
        for op_id in op_ids:
            _, _, op = ops[op_id]
            for code, answer in op.get("responses", {}).items():
                if str(code).startswith("2"):
                    roots["model"] += _refs(answer)
            roots["param"] += _refs(op.get("requestBody", {}))
            roots["param"] += _refs(op.get("parameters", []))
        for side, names in roots.items():
            seen: set[str] = set()
            stack = list(names)
            while stack:
                name = stack.pop()
                if name in seen or PREFIX + name in EXTERNAL_CLASSES:
                    continue
                seen.add(name)
                schema = walker.schemas[name]
                stack += _refs(_without(schema, _untyped(gen, name) if side == "model" else set()))
                is_object = bool(schema.get("properties")) and not walker.variants(schema)
                if "allOf" in schema:
                    is_object = walker.single_part(schema) is None
                if not is_object or (side == "model" and name in gen.MERGED_ONLY):
                    continue  # an `allOf` part merged into its models (`MERGED_ONLY`)
                classes = walker.by_pointer.get(PREFIX + name, [])
                if not any(is_model(c) == (side == "model") for c in classes):
                    missing.append(f"{group}: {side} {name}")
    assert not missing, "\n".join(sorted(set(missing)))


def test_inline_bodies_answers_and_query_parameters_have_classes(walker: Walker, gen: Any) -> None:
    """Schemas written inline in an operation (no $ref) are modelled too."""
    from openai_oxide.types._spec_map import GROUPS

    ops = gen.operations(walker.spec)
    missing = []
    for op_id in (op_id for op_ids in GROUPS.values() for op_id in op_ids):
        method, path, op = ops[op_id]
        base = f"#/paths/{_esc(path)}/{method}"
        wanted: list[tuple[str, str]] = []
        for ctype, media in (op.get("requestBody") or {}).get("content", {}).items():
            schema = media.get("schema", {})
            if "$ref" not in schema and schema.get("properties"):
                wanted.append((f"{base}/requestBody/content/{_esc(ctype)}/schema", "param"))
        for code, answer in op.get("responses", {}).items():
            for ctype, media in (answer.get("content") or {}).items():
                schema = media.get("schema", {})
                if str(code).startswith("2") and "$ref" not in schema and schema.get("properties"):
                    wanted.append(
                        (f"{base}/responses/{code}/content/{_esc(ctype)}/schema", "model")
                    )
        query = [p for p in op.get("parameters", []) if walker.resolve(p).get("in") == "query"]
        if query and "requestBody" not in op:
            wanted.append((f"{base}/parameters", "param"))
        for ptr, side in wanted:
            if not any(is_model(c) == (side == "model") for c in walker.by_pointer.get(ptr, [])):
                missing.append(f"{op_id}: {side} {ptr}")
    assert not missing, "\n".join(missing)


def test_every_field_type_and_enum_value(
    walker: Walker, gen: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    problems: list[str] = []
    totals: dict[str, list[int]] = {}
    for module, name, ptr in manifest():
        cls = load(module, name)
        side = "model" if is_model(cls) else "param"
        schema = _schema_at(walker, ptr)
        fields = field_types(cls)
        count = totals.setdefault(module, [0, 0])
        untyped = _untyped(gen, ptr.removeprefix(PREFIX)) if side == "model" else set()
        for prop, sub in (schema.get("properties") or {}).items():
            if prop in untyped:
                continue
            count[1] += 1
            if prop not in fields:
                problems.append(f"{module}.{name}: missing field {prop!r}")
                continue
            sub_ptr = schema.get("x-ptrs", {}).get(prop, f"{ptr}/properties/{_esc(prop)}")
            found = walker.check(sub, fields[prop], sub_ptr, side, set())
            if side == "model" and prop not in schema.get("required", []):
                found += (
                    [] if type(None) in leaves(fields[prop]).scalars else [f"{sub_ptr}: optional"]
                )
            if found:
                problems += [f"{module}.{name}.{prop}: {p}" for p in found]
            else:
                count[0] += 1
    with capsys.disabled():
        covered = sum(c for c, _ in totals.values())
        total = sum(t for _, t in totals.values())
        print(f"\ngenerated types: {covered}/{total} spec fields covered")
        for module, (c, t) in sorted(totals.items()):
            print(f"  {module:44} {c:5}/{t:<5} {100 * c / max(t, 1):6.1f}%")
    assert not problems, "\n".join(problems[:60])
    assert covered == total


def test_an_instance_of_every_response_schema_validates(walker: Walker) -> None:
    failures = []
    for module, name, ptr in manifest():
        cls = load(module, name)
        if not is_model(cls) or ptr.endswith("/parameters"):
            continue
        instance = walker.sample(_schema_at(walker, ptr))
        try:
            parsed = cls.model_validate(instance)
        except pydantic.ValidationError as exc:
            failures.append(f"{module}.{name}: {exc}")
            continue
        if parsed.to_dict(mode="json") != instance:
            failures.append(f"{module}.{name}: does not dump back to {instance}")
    assert not failures, "\n".join(failures[:20])


def test_unknown_fields_are_kept_and_unknown_tags_fall_back() -> None:
    from pydantic import TypeAdapter

    from openai_oxide.types.files import FileObject
    from openai_oxide.types.webhooks import UnknownWebhookEvent, UnwrapWebhookEvent

    body = {
        "id": "file-1",
        "bytes": 3,
        "created_at": 1,
        "filename": "a.txt",
        "object": "file",
        "purpose": "a_purpose_added_later",
        "status": "processed",
        "brand_new": {"x": 1},
    }
    parsed = FileObject.model_validate(body)
    assert parsed.purpose == "a_purpose_added_later"
    assert parsed.to_dict()["brand_new"] == {"x": 1}
    adapter: TypeAdapter[Any] = TypeAdapter(UnwrapWebhookEvent)
    event = adapter.validate_python({"type": "batch.exploded", "id": "e", "data": {}})
    assert isinstance(event, UnknownWebhookEvent)
    known = adapter.validate_python(
        {
            "type": "batch.completed",
            "id": "e",
            "created_at": 1,
            "data": {"id": "b"},
            "object": "event",
        }
    )
    assert type(known).__name__ == "BatchCompletedWebhookEvent"
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python({"type": "batch.completed", "id": "e"})


# -- hand-written models ---------------------------------------------------------------------------

# Gaps of types/responses, types/chat and types/models against the spec (those modules are not
# generated): none are left, so 100% is required. A new gap fails; one listed here and fixed fails.
HAND_WRITTEN_GAPS: frozenset[str] = frozenset()

HAND_WRITTEN_ROOTS = [
    ("responses.response", "Response", "Response"),
    ("chat.chat_completion", "ChatCompletion", "CreateChatCompletionResponse"),
    ("chat.chat_completion_chunk", "ChatCompletionChunk", "CreateChatCompletionStreamResponse"),
    ("chat.completion_usage", "CompletionUsage", "CompletionUsage"),
    ("models", "Model", "Model"),
    ("models", "ModelDeleted", "DeleteModelResponse"),
]


class HandWalker:
    """Pairs hand-written classes with schemas by structure (the ``type`` tag, else names)."""

    def __init__(self, walker: Walker) -> None:
        self.w = walker
        self.gaps: set[str] = set()
        self.seen: set[tuple[type, str]] = set()
        self.fields = [0, 0]
        self.claims: dict[str, set[type]] = {}  # component schema -> the classes met for it

    def object_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        schema = self.w.resolve(schema)
        return self.w.merged(schema) if "allOf" in schema else schema

    def pick(self, schema: dict[str, Any], classes: list[type], where: str) -> Any:
        """The class for an object schema: by its ``type`` constant(s), else by field names."""
        models: list[Any] = [c for c in classes if is_model(c)]
        props = schema.get("properties") or {}
        tags = set(self.w.resolve(props.get("type") or {}).get("enum") or [])
        if tags:
            matches = []
            for cls in models:
                cls.model_rebuild()
                annotation = cls.model_fields.get("type")
                if annotation and tags & leaves(annotation.annotation).literals:
                    matches.append(cls)
            roles = set(self.w.resolve(props.get("role") or {}).get("enum") or [])
            for cls in matches:  # one `type` for several classes: the `role` decides
                role = cls.model_fields.get("role")
                if not roles or (role and roles & leaves(role.annotation).literals):
                    return cls
            if matches:
                return matches[0]
            if any("type" in c.model_fields for c in models):
                self.gaps.add(f"{where}: no class for type {sorted(tags)}")
                return None
        return max(models, key=lambda c: len(set(c.model_fields) & set(props)), default=None)

    def model(self, cls: type, schema: dict[str, Any], where: str) -> None:
        key = (cls, repr(sorted((schema.get("properties") or {}).keys())))
        if key in self.seen:
            return
        self.seen.add(key)
        fields = field_types(cls)
        for prop, sub in (schema.get("properties") or {}).items():
            self.fields[1] += 1
            if prop not in fields and isinstance(getattr(cls, prop, None), property):
                self.fields[0] += 1  # computed by the SDK (e.g. Response.output_text)
                continue
            if prop not in fields:
                module = cls.__module__.rsplit(".", 1)[1]
                self.gaps.add(f"{module}.{cls.__name__}: missing {prop}")
                continue
            before = len(self.gaps)
            self.value(sub, fields[prop], f"{cls.__name__}.{prop}")
            self.fields[0] += len(self.gaps) == before

    def value(self, schema: dict[str, Any], tp: Any, where: str, depth: int = 0) -> None:
        found = leaves(tp)
        if found.anything or depth > 8:
            return
        target = self.w.resolve(schema)
        single = self.w.single_part(target) if "allOf" in target else None
        if single:
            return self.value(single[1], tp, where, depth + 1)
        variants = self.w.variants(target)
        if variants and not target.get("properties"):
            for _, _, variant in variants:
                self.value(variant, tp, where, depth + 1)
            return None
        if target.get("properties") or "allOf" in target:
            obj = self.object_schema(target)
            cls = self.pick(obj, found.classes, where)
            if cls is not None:
                if "$ref" in schema:
                    self.claims.setdefault(schema["$ref"], set()).add(cls)
                self.model(cls, obj, where)
            elif not found.dicts and not found.classes:
                self.gaps.add(f"{where}: no model for {schema.get('$ref', 'an inline object')}")
            return None
        if target.get("type") == "array" or "items" in target:
            if not found.lists:
                self.gaps.add(f"{where}: array not accepted")
            elif target.get("items"):
                item = self.w.resolve(target["items"])
                structured = bool(
                    item.get("properties") or self.w.variants(item) or "allOf" in item
                )
                arg = next(
                    (
                        a
                        for a in found.lists
                        if bool(leaves(a).classes or leaves(a).dicts) == structured
                    ),
                    found.lists[0],
                )
                self.value(target["items"], arg, where + "[]", depth + 1)
            return None
        extra = target.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            if not found.dicts:
                self.gaps.add(f"{where}: map not accepted")
            else:
                self.value(extra, found.dicts[0], where + "{}", depth + 1)
            return None
        for problem in self.w._check(target, found, where, "model", set()):
            detail = problem.split(": ", 1)[1]
            if detail.startswith("enum values"):
                detail = f"enum values missing ({detail.count(',') + 1})"
            self.gaps.add(f"{where}: {detail}")
        return None


def test_hand_written_models_against_the_spec(
    walker: Walker, capsys: pytest.CaptureFixture[str]
) -> None:
    hand = HandWalker(walker)
    for module, name, schema_name in HAND_WRITTEN_ROOTS:
        cls = load(module, name)
        hand.model(cls, hand.object_schema(walker.schemas[schema_name]), name)
    with capsys.disabled():
        covered, total = hand.fields
        print(f"\nhand-written types: {covered}/{total} spec fields covered, {len(hand.gaps)} gaps")
    new = sorted(hand.gaps - HAND_WRITTEN_GAPS)
    fixed = sorted(HAND_WRITTEN_GAPS - hand.gaps)
    assert not new, "new gaps in hand-written models:\n" + "\n".join(new)
    assert not fixed, "fixed gaps: remove them from HAND_WRITTEN_GAPS:\n" + "\n".join(fixed)
    assert HAND_WRITTEN_GAPS or covered == total, f"hand-written types: {covered}/{total}"


# -- import cost ---------------------------------------------------------------------------------

_PROBE = """
import json, sys
import pydantic
module = __import__("openai_oxide.types." + sys.argv[1], fromlist=["_"])
built = [
    name for name, value in vars(module).items()
    if isinstance(value, type) and issubclass(value, pydantic.BaseModel)
    and value.__module__ == module.__name__ and value.__pydantic_complete__
]
loaded = sorted(m[len("openai_oxide.types."):] for m in sys.modules
                if m.startswith("openai_oxide.types."))
print(json.dumps({"loaded": loaded, "built": built}))
"""


# A group that shares its schemas with the group that leads its API imports them from there
# (scripts/gen/tables.py GROUP_HOMES): the beta Realtime events carry the GA items.
FAMILY_LEADS: dict[str, tuple[str, ...]] = {"beta.realtime": ("realtime",)}
# The role assignments of users and of a project's groups and users are the organization
# groups' (scripts/gen/tables_admin.py HOMES).
FAMILY_LEADS |= {
    f"admin.organization.{follower}": ("admin.organization.groups",)
    for follower in ("users", "projects.groups", "projects.users")
}


def test_each_group_module_loads_only_what_it_needs() -> None:
    """A group imports its own module and the shared modules it uses: no other group, no
    validator built at import (``defer_build``), and the small groups stay clear of the
    Responses item world (``shared.message``)."""
    import json
    import subprocess

    from openai_oxide.types._spec_map import GROUPS

    procs = {
        group: subprocess.Popen(
            [sys.executable, "-c", _PROBE, group], stdout=subprocess.PIPE, text=True
        )
        for group in GROUPS
    }
    allowed_prefixes = ("_base", "_files", "_lenient", "shared.", "shared_params.", "shared")
    small = {"embeddings", "files", "uploads", "batches", "moderations", "videos", "containers"}
    small |= {"images", "audio", "vector_stores", "webhooks", "fine_tuning", "beta.assistants"}
    problems = []
    for group, proc in procs.items():
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0, group
        result = json.loads(out)
        hand_written = ("chat", "chat.", "responses", "responses.", "models")
        for name in result["loaded"]:
            own = name == group or group.startswith(name + ".") or name == group.split(".")[0]
            own = own or name.startswith(group + ".") or name in FAMILY_LEADS.get(group, ())
            if not (own or name.startswith(allowed_prefixes) or name.startswith(hand_written)):
                problems.append(f"{group} loads {name}")
        if group in small and "shared.message" in result["loaded"]:
            problems.append(f"{group} loads the Responses item world (shared.message)")
        if result["built"]:
            problems.append(f"{group} builds validators at import: {result['built'][:5]}")
    assert not problems, "\n".join(problems)


# -- one class per schema ------------------------------------------------------------------------


def classes_per_schema(walker: Walker, gen: Any) -> dict[str, set[type]]:
    """Every class that models a component schema: the generated one (`_spec_map`), the
    hand-written override the generator imports, and each hand-written class met at a
    ``$ref`` of that schema while walking the hand-written models from their roots."""
    found: dict[str, set[type]] = {}
    for module, name, ptr in manifest():
        cls = load(module, name)
        if ptr.count("/") == 3 and is_model(cls):
            found.setdefault(ptr, set()).add(cls)
    hand = HandWalker(walker)
    roots = [(m, n, s) for s, (m, n) in gen.EXTERNAL.items()]
    for module, name, schema_name in roots + HAND_WRITTEN_ROOTS:
        hand.value({"$ref": PREFIX + schema_name}, load(module, name), name)
    for ref, classes in hand.claims.items():
        found.setdefault(ref, set()).update(classes)
    return found


def test_one_class_per_schema(walker: Walker, gen: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A schema is one class wherever it is met: `isinstance` holds whichever endpoint
    answered (the generator imports a hand-written model instead of emitting its own)."""
    found = classes_per_schema(walker, gen)
    twice = {
        ref.removeprefix(PREFIX): sorted(f"{c.__module__}.{c.__qualname__}" for c in classes)
        for ref, classes in found.items()
        if len(classes) > 1
    }
    with capsys.disabled():
        print(f"\n{len(found)} schemas with a class, {len(twice)} with more than one")
    assert not twice, "\n".join(f"{k}: {v}" for k, v in sorted(twice.items()))
