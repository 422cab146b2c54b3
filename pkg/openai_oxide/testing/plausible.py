"""Plausible, valid answer bodies for the spec's (large, recursive) response schemas.

Strategy: like `instances.py` (first `const`/`enum`/non-null branch, words picked by a CRC
of the path, so the output is deterministic), but bounded by object nesting rather than
by `$ref` hops, so deep API objects still come out valid: objects carry every property
down to `_FULL_LEVELS`, only the required ones below; arrays hold one item near the top
and their minimum (usually none) below; a `$ref` met again inside itself takes its null
branch or its smallest form. A string property named for base64 (`b64_json`,
`partial_image_b64`) holds real base64 (a 1x1 PNG), so answers decode as the API's do.
"""

from __future__ import annotations

from typing import Any

from .instances import number_value, string_value

__all__ = ["plausible"]

_FULL_LEVELS = 3
_ITEM_LEVELS = 2
_PNG_BASE64 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII="
)


def plausible(document: dict[str, Any], schema: Any) -> Any:
    """A JSON value valid for `schema`, whose `$ref`s point into `document`."""
    return _Gen(document).value(schema, "$", 0, ())


class _Gen:
    __slots__ = ("_doc",)

    def __init__(self, document: dict[str, Any]) -> None:
        self._doc = document

    def _resolve(self, ref: str) -> Any:
        node: Any = self._doc
        for part in ref.lstrip("#").split("/"):
            if part:
                node = node.get(part.replace("~1", "/").replace("~0", "~"), {})
        return node

    def value(self, schema: Any, path: str, level: int, refs: tuple[str, ...]) -> Any:
        if not isinstance(schema, dict):
            return None
        if "$ref" in schema:
            ref = str(schema["$ref"])
            if refs.count(ref) >= 3 or len(refs) > 40:
                return None  # a required cycle: give up on this branch
            if refs.count(ref) >= 1 and level > _FULL_LEVELS:
                return self._smallest(self._resolve(ref), path, level, (*refs, ref))
            return self.value(self._resolve(ref), path, level, (*refs, ref))
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return next((e for e in enum if e is not None), enum[0])
        for key in ("anyOf", "oneOf"):
            options = schema.get(key)
            if isinstance(options, list) and options:
                return self.value(self._pick(options, level), path, level, refs)
        if isinstance(schema.get("allOf"), list):
            return self.value(self._merge(schema), path, level, refs)
        kind = schema.get("type")
        if isinstance(kind, list):
            non_null = [k for k in kind if k != "null"]
            if not non_null:
                return None
            kind = non_null[0]
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else None
        if kind == "object":
            return self._object(schema, path, level, refs)
        if kind == "array":
            count = 1 if level < _ITEM_LEVELS else int(schema.get("minItems", 0))
            items = schema.get("items", {})
            return [self.value(items, f"{path}[{i}]", level + 1, refs) for i in range(count)]
        if kind == "string":
            return _PNG_BASE64 if "b64" in path.rsplit(".", 1)[-1] else string_value(schema, path)
        if kind == "integer":
            return int(number_value(schema, 42))
        if kind == "number":
            return number_value(schema, 3.5)
        if kind == "boolean":
            return True
        return {} if kind is None and not schema else None

    def _pick(self, options: list[Any], level: int) -> Any:
        def is_null(option: Any) -> bool:
            return isinstance(option, dict) and option.get("type") == "null"

        if level > _FULL_LEVELS and any(is_null(o) for o in options):
            return next(o for o in options if is_null(o))
        return next((o for o in options if not is_null(o)), options[0])

    def _merge(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            part = self._resolve(str(part["$ref"])) if "$ref" in part else part
            if "allOf" in part:
                part = self._merge(part)
            for k, v in part.items():
                if isinstance(v, dict) and isinstance(merged.get(k), dict):
                    merged[k] = {**merged[k], **v}
                elif isinstance(v, list) and isinstance(merged.get(k), list):
                    merged[k] = merged[k] + v
                else:
                    merged[k] = v
        return {**merged, **{k: v for k, v in schema.items() if k != "allOf"}}

    def _object(
        self, schema: dict[str, Any], path: str, level: int, refs: tuple[str, ...]
    ) -> dict[str, Any]:
        props = schema.get("properties")
        if not isinstance(props, dict):
            return {}
        required = schema.get("required") or []
        names = list(props) if level < _FULL_LEVELS else [n for n in props if n in required]
        return {n: self.value(props[n], f"{path}.{n}", level + 1, refs) for n in names}

    def _smallest(self, schema: Any, path: str, level: int, refs: tuple[str, ...]) -> Any:
        """A recursive schema's cheapest valid form: null where allowed, else required
        fields only."""
        if isinstance(schema, dict):
            for key in ("anyOf", "oneOf"):
                options = schema.get(key) or []
                if any(isinstance(o, dict) and o.get("type") == "null" for o in options):
                    return None
            kind = schema.get("type")
            if isinstance(kind, list) and "null" in kind:
                return None
        return self.value(schema, path, level + _FULL_LEVELS, refs)
