"""Strict JSON schemas for Structured Outputs, generated from pydantic models and types.

`to_strict_json_schema` follows the official `openai` SDK's rules, so a model gives the
same schema with both SDKs:

- every object gets ``additionalProperties: false`` and lists every property in
  ``required`` (optional fields stay nullable through ``anyOf: [..., {"type": "null"}]``);
- ``$defs`` are made strict too, and a ``$ref`` that has sibling keys (a description, a
  title) is inlined, because the API refuses ``$ref`` next to other keywords;
- a single-entry ``allOf`` is unwrapped, and ``default: null`` is dropped.

Deliberate differences, each for a schema the API would refuse with a 400 anyway:

- ``oneOf`` (what pydantic emits for discriminated unions) becomes ``anyOf`` and the
  OpenAPI ``discriminator`` keyword is dropped: strict mode rejects ``oneOf``, and for
  variants told apart by a ``Literal`` tag the two mean the same.
- With ``check=True`` (the default) constructs that strict mode cannot express raise
  `StrictSchemaError` naming the path, instead of failing later at the API: free-form
  mappings (``dict[str, X]``: ``additionalProperties`` that is a schema),
  ``patternProperties``, ``not``, ``if``/``then``/``else``, ``dependentRequired``,
  ``dependentSchemas``, and values without any type (``Any``, bare ``object``).
  ``check=False`` returns the schema the official SDK would produce, unchecked.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, cast

import pydantic

__all__ = [
    "StrictSchemaError",
    "is_parseable_type",
    "schema_name",
    "to_strict_json_schema",
    "type_adapter",
    "type_to_response_format",
    "type_to_text_format",
]

_UNSUPPORTED_KEYWORDS = (
    "patternProperties",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
)
# A schema node that constrains its value has at least one of these.
_TYPING_KEYWORDS = ("type", "anyOf", "oneOf", "allOf", "$ref", "enum", "const")
_NAME_OK = re.compile(r"[^a-zA-Z0-9_-]")


class StrictSchemaError(TypeError):
    """A type cannot be expressed as a strict Structured Outputs JSON schema."""

    def __init__(self, message: str, *, path: tuple[str, ...] = ()) -> None:
        where = "/".join(path) or "<root>"
        super().__init__(f"{message} (at {where})")
        self.path = path


def _is_model_class(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)


@lru_cache(maxsize=256)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def type_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    """A (cached, when hashable) `TypeAdapter` for any type pydantic understands."""
    if isinstance(tp, pydantic.TypeAdapter):
        return tp
    try:
        return _cached_adapter(tp)
    except TypeError:  # unhashable type expression
        return pydantic.TypeAdapter(tp)


def _raw_schema(model_or_type: Any) -> dict[str, Any]:
    if _is_model_class(model_or_type):
        return cast(type[pydantic.BaseModel], model_or_type).model_json_schema()
    return type_adapter(model_or_type).json_schema()


def to_strict_json_schema(model_or_type: Any, *, check: bool = True) -> dict[str, Any]:
    """The strict JSON schema of a pydantic model, a `TypeAdapter`, or any type.

    Types that are not models (dataclasses, TypedDicts, ``list[int]``...) go through a
    `pydantic.TypeAdapter`. The result is a fresh dict that the caller may mutate.
    """
    schema = copy.deepcopy(_raw_schema(model_or_type))
    return _Strictifier(schema, check=check).run()


class _Strictifier:
    def __init__(self, root: dict[str, Any], *, check: bool) -> None:
        self.root = root
        self.check = check

    def run(self) -> dict[str, Any]:
        return self.visit(self.root, ())

    def resolve(self, ref: str, path: tuple[str, ...]) -> dict[str, Any]:
        if not ref.startswith("#/"):
            raise StrictSchemaError(f"unsupported $ref {ref!r}: only local refs", path=path)
        node: Any = self.root
        for part in ref[2:].split("/"):
            if not isinstance(node, dict) or part not in node:
                raise StrictSchemaError(f"$ref {ref!r} does not resolve", path=path)
            node = node[part]
        if not isinstance(node, dict):
            raise StrictSchemaError(f"$ref {ref!r} does not resolve to a schema", path=path)
        return node

    def visit(self, node: object, path: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(node, dict):
            raise StrictSchemaError(f"expected a schema object, got {node!r}", path=path)
        schema = cast(dict[str, Any], node)

        for defs_key in ("$defs", "definitions"):
            defs = schema.get(defs_key)
            if isinstance(defs, dict):
                for name, sub in defs.items():
                    defs[name] = self.visit(sub, (*path, defs_key, name))

        if self.check:
            self._check(schema, path)

        if schema.get("type") == "object" and "additionalProperties" not in schema:
            schema["additionalProperties"] = False

        props = schema.get("properties")
        if isinstance(props, dict):
            schema["required"] = list(props)
            schema["properties"] = {
                key: self.visit(sub, (*path, "properties", key)) for key, sub in props.items()
            }

        items = schema.get("items")
        if isinstance(items, dict):
            schema["items"] = self.visit(items, (*path, "items"))

        one_of = schema.get("oneOf")
        if isinstance(one_of, list):
            # Deliberate difference: strict mode rejects `oneOf`; a tagged union is an `anyOf`.
            renamed = {
                ("anyOf" if k == "oneOf" else k): v
                for k, v in schema.items()
                if k != "discriminator"
            }
            schema.clear()
            schema.update(renamed)

        any_of = schema.get("anyOf")
        if isinstance(any_of, list):
            schema["anyOf"] = [
                self.visit(sub, (*path, "anyOf", str(i))) for i, sub in enumerate(any_of)
            ]

        all_of = schema.get("allOf")
        if isinstance(all_of, list):
            if len(all_of) == 1:
                schema.update(self.visit(all_of[0], (*path, "allOf", "0")))
                del schema["allOf"]
            else:
                schema["allOf"] = [
                    self.visit(sub, (*path, "allOf", str(i))) for i, sub in enumerate(all_of)
                ]

        if "default" in schema and schema["default"] is None:
            del schema["default"]

        ref = schema.get("$ref")
        if isinstance(ref, str) and len(schema) > 1:
            # `$ref` may not have siblings: inline the target, the local keys winning.
            target = copy.deepcopy(self.resolve(ref, path))
            schema.update({**target, **schema})
            del schema["$ref"]
            return self.visit(schema, path)
        return schema

    def _check(self, schema: dict[str, Any], path: tuple[str, ...]) -> None:
        for key in _UNSUPPORTED_KEYWORDS:
            if key in schema:
                raise StrictSchemaError(f"strict mode does not support {key!r}", path=path)
        extra = schema.get("additionalProperties")
        if extra is not None and extra is not False:
            raise StrictSchemaError(
                "strict mode does not support free-form mappings (dict[str, X]); "
                "use a model with named fields, or a list of key/value models",
                path=path,
            )
        if not any(k in schema for k in _TYPING_KEYWORDS):
            raise StrictSchemaError(
                "a value without a type (Any, object) cannot be expressed in strict mode; "
                "give it a concrete type",
                path=path,
            )


def schema_name(model_or_type: Any) -> str:
    """The API name of a schema: the type's name with characters the API refuses replaced.

    The API wants ``^[a-zA-Z0-9_-]{1,64}$``. For valid names this is ``__name__``, as in
    the official SDK; ``Page[Item]`` becomes ``Page_Item_``.
    """
    if isinstance(model_or_type, pydantic.TypeAdapter):
        raw = "response"
    else:
        raw = getattr(model_or_type, "__name__", None) or "response"
    return _NAME_OK.sub("_", raw)[:64] or "response"


def _check_root_object(schema: dict[str, Any], what: str) -> None:
    if schema.get("type") != "object":
        raise StrictSchemaError(
            f"the root of a {what} schema must be an object (a model, dataclass or "
            f"TypedDict), got {schema.get('type') or next(iter(schema), 'an empty schema')!r}"
        )


def type_to_response_format(model_or_type: Any, name: str | None = None) -> dict[str, Any]:
    """Chat Completions ``response_format`` for a model (``{"type": "json_schema", ...}``)."""
    schema = to_strict_json_schema(model_or_type)
    _check_root_object(schema, "response_format")
    return {
        "type": "json_schema",
        "json_schema": {
            "schema": schema,
            "name": name or schema_name(model_or_type),
            "strict": True,
        },
    }


def type_to_text_format(model_or_type: Any, name: str | None = None) -> dict[str, Any]:
    """Responses ``text.format`` for a model (``{"type": "json_schema", "name", ...}``)."""
    inner = type_to_response_format(model_or_type, name)["json_schema"]
    return {
        "type": "json_schema",
        "strict": True,
        "name": inner["name"],
        "schema": inner["schema"],
    }


def is_parseable_type(obj: object) -> bool:
    """True for a type (model, dataclass, TypedDict, TypeAdapter...), False for a raw dict."""
    return obj is not None and not isinstance(obj, Mapping)
