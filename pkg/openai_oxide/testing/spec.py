"""The OpenAPI spec as the fake server uses it: routes, request validation, answer schemas.

The spec is not shipped with the package. It is found, in order, at the path the caller
gives, at `$OXIDE_OPENAPI_SPEC`, or at `../shared/spec/openapi.yaml` next to the
repository; without it the fake still answers every endpoint it knows, with plausible
bodies, but validates nothing (`load_spec()` returns None).

Validation is a small JSON Schema (2020-12 subset, as OpenAPI 3.1 uses it) walker:
`$ref` into the document, type (lists and `nullable`), enum, const, properties,
required, additionalProperties, items, anyOf/oneOf (any branch may match: the spec's
unions overlap), allOf, numeric and length bounds. The first error is reported with the
instance path in the official style (`messages[0].role`) and the schema pointer
(`#/components/schemas/...`) it broke. A property that is required but nullable, or
has a documented default, may be left out (the API fills it in; the spec marks such
fields required because every answer carries them). Multipart
fields arrive as strings, so in form mode a string is coerced to the number or boolean
the schema asks for.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Operation", "Spec", "ValidationFailure", "load_spec", "validate"]

_ENV = "OXIDE_OPENAPI_SPEC"
_DEFAULT = Path(__file__).resolve().parents[3].parent / "shared" / "spec" / "openapi.yaml"
_METHODS = ("get", "post", "delete", "put", "patch")
_lock = threading.Lock()
_cache: dict[Path, Spec] = {}


@dataclass(frozen=True, slots=True)
class ValidationFailure:
    """The first mismatch: `param` is the instance path, `pointer` the schema location."""

    param: str
    pointer: str
    message: str


@dataclass(slots=True)
class Operation:
    method: str
    template: str
    operation_id: str
    pattern: re.Pattern[str]
    request: dict[str, Any] = field(default_factory=dict)  # media type -> schema
    responses: dict[str, Any] = field(default_factory=dict)  # media type -> schema
    query: dict[str, Any] = field(default_factory=dict)  # name -> schema

    @property
    def literal_segments(self) -> int:
        return sum(1 for part in self.template.split("/") if part and "{" not in part)


class Spec:
    """A loaded document: `match(method, path)` finds an operation and its path params."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations: list[Operation] = []
        for template, item in (document.get("paths") or {}).items():
            if "?" in template or not isinstance(item, dict):
                continue
            for method in _METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    self.operations.append(_operation(method.upper(), template, op))
        # Literal segments win over templated ones (`/videos/characters` before `/{id}`).
        self.operations.sort(key=lambda o: (-o.literal_segments, o.template))

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for op in self.operations:
            if op.method != method:
                continue
            found = op.pattern.match(path)
            if found:
                return op, found.groupdict()
        return None

    def resolve(self, ref: str) -> Any:
        node: Any = self.document
        for part in ref.lstrip("#").split("/"):
            if part:
                node = node.get(part.replace("~1", "/").replace("~0", "~"), {})
        return node

    def validate(self, schema: Any, value: Any, *, form: bool = False) -> ValidationFailure | None:
        return _Validator(self, form).check(schema, value, "", "#")


def _operation(method: str, template: str, op: dict[str, Any]) -> Operation:
    regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "/?$"
    out = Operation(method, template, str(op.get("operationId", "")), re.compile(regex))
    body = op.get("requestBody") or {}
    for media, content in (body.get("content") or {}).items():
        out.request[media] = (content or {}).get("schema", {})
    for code in ("200", "201", "202", "204"):
        answer = (op.get("responses") or {}).get(code)
        if isinstance(answer, dict):
            for media, content in (answer.get("content") or {}).items():
                out.responses[media] = (content or {}).get("schema", {})
            break
    for param in op.get("parameters") or []:
        if isinstance(param, dict) and param.get("in") == "query":
            out.query[str(param.get("name"))] = param.get("schema", {})
    return out


def load_spec(path: str | os.PathLike[str] | None = None) -> Spec | None:
    """The spec at `path`, `$OXIDE_OPENAPI_SPEC` or the repository default; None when
    there is none (the fake then answers without validating). Loaded once per path."""
    candidate = Path(path or os.environ.get(_ENV) or _DEFAULT)
    if not candidate.is_file():
        return None
    with _lock:
        spec = _cache.get(candidate)
        if spec is None:
            try:
                import yaml  # type: ignore[import-untyped]
            except ImportError:  # the `testing` extra brings it; degrade without it
                return None

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            with open(candidate, "rb") as f:
                spec = Spec(yaml.load(f, Loader=loader))  # type: ignore[no-untyped-call]
            _cache[candidate] = spec
        return spec


def validate(
    spec: Spec, schema: Any, value: Any, *, form: bool = False
) -> ValidationFailure | None:
    return spec.validate(schema, value, form=form)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


class _Validator:
    __slots__ = ("form", "spec")

    def __init__(self, spec: Spec, form: bool) -> None:
        self.spec = spec
        self.form = form

    def check(self, schema: Any, value: Any, path: str, ptr: str) -> ValidationFailure | None:
        if not isinstance(schema, dict):
            return None
        if "$ref" in schema:
            ref = str(schema["$ref"])
            failure = self.check(self.spec.resolve(ref), value, path, ref)
            if failure is not None:
                return failure
        if "allOf" in schema:
            for i, part in enumerate(schema["allOf"]):
                failure = self.check(part, value, path, f"{ptr}/allOf/{i}")
                if failure is not None:
                    return failure
        for key in ("anyOf", "oneOf"):
            if key in schema:
                failure = self._any(schema[key], value, path, f"{ptr}/{key}")
                if failure is not None:
                    return failure
        if value is None and (schema.get("nullable") is True or schema.get("type") == "null"):
            return None
        kind = schema.get("type")
        if kind is not None:
            value, failure = self._type(kind, schema, value, path, ptr)
            if failure is not None:
                return failure
        if "const" in schema and value != schema["const"]:
            return ValidationFailure(path, ptr, f"expected {schema['const']!r}")
        enum = schema.get("enum")
        if isinstance(enum, list) and value not in enum and not (value is None and None in enum):
            shown = ", ".join(repr(e) for e in enum[:8])
            return ValidationFailure(path, ptr, f"{value!r} is not one of [{shown}]")
        if isinstance(value, dict):
            return self._object(schema, value, path, ptr)
        if isinstance(value, list):
            return self._array(schema, value, path, ptr)
        if isinstance(value, str):
            return self._string(schema, value, path, ptr)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._number(schema, value, path, ptr)
        return None

    def _any(self, options: list[Any], value: Any, path: str, ptr: str) -> ValidationFailure | None:
        indexed = list(enumerate(options))
        tagged = [(i, o) for i, o in indexed if self._tag_matches(o, value) is True]
        # A branch that declares no tag (a nested union) may still hold the value's type.
        untagged = [(i, o) for i, o in indexed if self._tag_matches(o, value) is None]
        failures = []
        for i, option in tagged + untagged if tagged else indexed:
            failure = self.check(option, value, path, f"{ptr}/{i}")
            if failure is None:
                return None
            failures.append(failure)
        if not failures:
            return None
        # Report the branch that got furthest into the value (the most specific error),
        # among those tagged for it when there are some.
        return max(failures[: len(tagged)] or failures, key=lambda f: len(f.param))

    def _optional(self, schema: Any) -> bool:
        """Required, yet the API fills it in: nullable (absent reads as null), or with a
        documented default. The spec shares schemas between requests and answers, so a
        field every answer carries is required even where a request may leave it out
        (`InputImageContent.detail`: "Defaults to `auto`")."""
        if isinstance(schema, dict) and (
            "default" in schema or "Defaults to" in str(schema.get("description", ""))
        ):
            return True
        return self._nullable(schema)

    def _nullable(self, schema: Any) -> bool:
        """Required but nullable: the API takes an absent field as null."""
        while isinstance(schema, dict) and "$ref" in schema:
            schema = self.spec.resolve(str(schema["$ref"]))
        if not isinstance(schema, dict):
            return False
        kind = schema.get("type")
        if (
            schema.get("nullable") is True
            or kind == "null"
            or (isinstance(kind, list) and "null" in kind)
        ):
            return True
        options = schema.get("anyOf") or schema.get("oneOf") or []
        return any(isinstance(o, dict) and o.get("type") == "null" for o in options)

    def _tag_matches(self, option: Any, value: Any) -> bool | None:
        """Whether a union branch declares the `type` tag of an object value (None: the
        branch declares no tag)."""
        if not isinstance(value, dict) or not isinstance(value.get("type"), str):
            return False
        while isinstance(option, dict) and "$ref" in option:
            option = self.spec.resolve(str(option["$ref"]))
        tag = (
            ((option or {}).get("properties") or {}).get("type")
            if isinstance(option, dict)
            else None
        )
        if not isinstance(tag, dict):
            return None if isinstance(option, dict) and _is_union(option) else False
        if "const" in tag:
            return bool(tag["const"] == value["type"])
        enum = tag.get("enum")
        return isinstance(enum, list) and value["type"] in enum

    def _type(
        self, kind: Any, schema: dict[str, Any], value: Any, path: str, ptr: str
    ) -> tuple[Any, ValidationFailure | None]:
        kinds = kind if isinstance(kind, list) else [kind]
        if value is None and ("null" in kinds or schema.get("nullable") is True):
            return value, None
        for k in kinds:
            expected = _TYPES.get(k)
            if expected is None:
                continue
            if isinstance(value, bool) and k in ("integer", "number"):
                continue
            if k == "integer" and isinstance(value, float) and value.is_integer():
                return value, None
            if isinstance(value, expected):
                return value, None
        if self.form and isinstance(value, str):
            coerced = _coerce(value, kinds)
            if coerced is not _NO:
                return coerced, None
        shown = " or ".join(str(k) for k in kinds)
        return value, ValidationFailure(path, ptr, f"expected {shown}, got {_json_type(value)}")

    def _object(
        self, schema: dict[str, Any], value: dict[str, Any], path: str, ptr: str
    ) -> ValidationFailure | None:
        props = schema.get("properties") or {}
        for name in schema.get("required") or []:
            # A required name the schema never declares is a spec slip
            # (`MCPApprovalResponse.request_id`): the API does not ask for it.
            undeclared = bool(props) and name not in props
            if name not in value and not undeclared and not self._optional(props.get(name)):
                return ValidationFailure(
                    _join(path, name), f"{ptr}/required", f"missing required parameter '{name}'"
                )
        extra = schema.get("additionalProperties")
        for name, item in value.items():
            if name in props:
                failure = self.check(
                    props[name], item, _join(path, name), f"{ptr}/properties/{name}"
                )
            elif extra is False:
                return ValidationFailure(
                    _join(path, name), f"{ptr}/additionalProperties", f"unknown parameter '{name}'"
                )
            elif isinstance(extra, dict):
                failure = self.check(extra, item, _join(path, name), f"{ptr}/additionalProperties")
            else:
                failure = None
            if failure is not None:
                return failure
        return None

    def _array(
        self, schema: dict[str, Any], value: list[Any], path: str, ptr: str
    ) -> ValidationFailure | None:
        low, high = schema.get("minItems"), schema.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            return ValidationFailure(path, ptr, f"expected at least {low} items")
        if isinstance(high, int) and len(value) > high:
            return ValidationFailure(path, ptr, f"expected at most {high} items")
        items = schema.get("items")
        if isinstance(items, dict):
            for i, item in enumerate(value):
                failure = self.check(items, item, _join(path, i), f"{ptr}/items")
                if failure is not None:
                    return failure
        return None

    def _string(
        self, schema: dict[str, Any], value: str, path: str, ptr: str
    ) -> ValidationFailure | None:
        low, high = schema.get("minLength"), schema.get("maxLength")
        if isinstance(low, int) and len(value) < low:
            return ValidationFailure(path, ptr, f"expected at least {low} characters")
        if isinstance(high, int) and len(value) > high:
            return ValidationFailure(path, ptr, f"expected at most {high} characters")
        return None

    def _number(
        self, schema: dict[str, Any], value: float, path: str, ptr: str
    ) -> ValidationFailure | None:
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bound = schema.get(key)
            if not isinstance(bound, int | float) or isinstance(bound, bool):
                continue
            broken = {
                "minimum": value < bound,
                "maximum": value > bound,
                "exclusiveMinimum": value <= bound,
                "exclusiveMaximum": value >= bound,
            }[key]
            if broken:
                return ValidationFailure(path, f"{ptr}/{key}", f"{value} breaks {key} {bound}")
        return None


def _is_union(schema: dict[str, Any]) -> bool:
    return any(isinstance(schema.get(key), list) for key in ("anyOf", "oneOf"))


_NO = object()


def _coerce(text: str, kinds: list[Any]) -> Any:
    for k in kinds:
        if k == "integer" and re.fullmatch(r"-?\d+", text):
            return int(text)
        if k == "number":
            try:
                return float(text)
            except ValueError:
                continue
        if k == "boolean" and text in ("true", "false"):
            return text == "true"
    return _NO


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
