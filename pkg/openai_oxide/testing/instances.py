"""Deterministic JSON instances for a JSON schema.

Strategy: walk the schema once, choosing the first satisfying option at every branch
(`const`, then `enum`, then `anyOf`/`oneOf` preferring a non-null branch, then `type`).
Strings come from a small word list picked by a CRC of the property path, so the same
schema always yields the same instance and the text contains non-ASCII characters.
`$ref` is resolved against the root (`#/$defs/...`, `#/definitions/...`); recursion is
cut at `_MAX_DEPTH` by choosing null, empty arrays or required-only objects.
"""

from __future__ import annotations

import zlib
from typing import Any

__all__ = ["function_arguments", "instance_for_schema", "number_value", "string_value"]

_MAX_DEPTH = 6
_WORDS = (
    "Zürich",
    "café",
    "naïve — ok",
    "São Paulo",
    "Kraków",
    "crème brûlée",
    "Ωmega",
    "👋 hello",
)
_FORMATS = {
    "date-time": "2024-05-13T12:34:56Z",
    "date": "2024-05-13",
    "time": "12:34:56",
    "email": "jürgen@example.com",
    "uri": "https://example.com/ü",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "ipv4": "192.0.2.1",
    "hostname": "example.com",
    "duration": "P1D",
}


def instance_for_schema(schema: Any) -> Any:
    """Return a JSON value that satisfies `schema` (the subset used by Structured Outputs)."""
    return _Walker(schema).value(schema, "$", 0)


def function_arguments(parameters: Any) -> dict[str, Any]:
    """Return deterministic arguments for a function tool's `parameters` schema."""
    if not isinstance(parameters, dict) or not parameters:
        return {}
    value = instance_for_schema(parameters)
    return value if isinstance(value, dict) else {"value": value}


class _Walker:
    __slots__ = ("_root",)

    def __init__(self, root: Any) -> None:
        self._root = root

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return {}
        node: Any = self._root
        for part in ref[1:].split("/"):
            if not part:
                continue
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict):
                node = node.get(part, {})
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return {}
        return node

    def value(self, schema: Any, path: str, depth: int) -> Any:
        if not isinstance(schema, dict):
            return None
        if "$ref" in schema:
            if depth > _MAX_DEPTH:
                return None
            return self.value(self._resolve(str(schema["$ref"])), path, depth + 1)
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return enum[0]
        for key in ("anyOf", "oneOf"):
            options = schema.get(key)
            if isinstance(options, list) and options:
                return self.value(self._pick(options, depth), path, depth + 1)
        if isinstance(schema.get("allOf"), list):
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                part = self._resolve(part["$ref"]) if "$ref" in part else part
                for k, v in part.items():
                    if isinstance(v, dict) and isinstance(merged.get(k), dict):
                        merged[k] = {**merged[k], **v}
                    elif isinstance(v, list) and isinstance(merged.get(k), list):
                        merged[k] = merged[k] + v
                    else:
                        merged[k] = v
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            return self.value({**merged, **rest}, path, depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            non_null = [k for k in kind if k != "null"]
            if not non_null or (depth > _MAX_DEPTH and "null" in kind):
                return None
            kind = non_null[0]
        if kind is None:
            if "properties" in schema:
                kind = "object"
            elif "items" in schema:
                kind = "array"
            else:
                kind = "string"
        return self._typed(str(kind), schema, path, depth)

    def _pick(self, options: list[Any], depth: int) -> Any:
        def is_null(option: Any) -> bool:
            return isinstance(option, dict) and option.get("type") == "null"

        if depth > _MAX_DEPTH:
            for option in options:
                if is_null(option):
                    return option
        for option in options:
            if not is_null(option):
                return option
        return options[0]

    def _typed(self, kind: str, schema: dict[str, Any], path: str, depth: int) -> Any:
        if kind == "object":
            return self._object(schema, path, depth)
        if kind == "array":
            return self._array(schema, path, depth)
        if kind == "string":
            return string_value(schema, path)
        if kind == "integer":
            return int(number_value(schema, 42))
        if kind == "number":
            return number_value(schema, 3.5)
        if kind == "boolean":
            return True
        return None

    def _object(self, schema: dict[str, Any], path: str, depth: int) -> dict[str, Any]:
        props = schema.get("properties")
        if not isinstance(props, dict):
            return {}
        required = schema.get("required")
        names: list[str] = list(props)
        if depth > _MAX_DEPTH and isinstance(required, list):
            names = [n for n in names if n in required]
        return {name: self.value(props[name], f"{path}.{name}", depth + 1) for name in names}

    def _array(self, schema: dict[str, Any], path: str, depth: int) -> list[Any]:
        items = schema.get("items", {})
        low = int(schema.get("minItems", 0))
        high = schema.get("maxItems")
        count = max(low, 0 if depth > _MAX_DEPTH else 2)
        if isinstance(high, int):
            count = min(count, high)
        prefix = schema.get("prefixItems")
        out: list[Any] = []
        for i in range(count):
            sub = prefix[i] if isinstance(prefix, list) and i < len(prefix) else items
            out.append(self.value(sub, f"{path}[{i}]", depth + 1))
        return out


def string_value(schema: dict[str, Any], path: str) -> str:
    """A string for `schema` (its format, else a word picked by `path`), within its lengths."""
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in _FORMATS:
        return _FORMATS[fmt]
    text = _WORDS[zlib.crc32(path.encode()) % len(_WORDS)]
    low = schema.get("minLength")
    high = schema.get("maxLength")
    if isinstance(low, int) and len(text) < low:
        text = (text + " ") * (low // (len(text) + 1) + 1)
        text = text[:low] if not isinstance(high, int) else text[: max(low, min(high, low))]
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
    return text


def number_value(schema: dict[str, Any], default: float) -> float:
    """`default`, moved inside the schema's bounds."""
    value = default
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if isinstance(low, (int, float)) and value < low:
        value = low + (1 if "exclusiveMinimum" in schema and "minimum" not in schema else 0)
    if isinstance(high, (int, float)) and value > high:
        value = high - (1 if "exclusiveMaximum" in schema and "maximum" not in schema else 0)
    return value
