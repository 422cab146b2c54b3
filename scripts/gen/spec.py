"""Reading the spec: the parsed YAML (cached), its operations and the schemas they use."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

from .paths import ROOT, SPEC
from .spec_additions import extend


def load(path: Path = SPEC, *, extended: bool = True) -> dict[str, Any]:
    """Parse the YAML once per run (a pickle next to it keyed by size and mtime is reused),
    with what the spec lacks and servers send added (spec_additions.py) unless not
    `extended`."""
    import yaml  # type: ignore[import-untyped]

    stat = path.stat()
    cache = ROOT / ".cache" / "spec" / f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    if cache.is_file():
        with cache.open("rb") as f:
            loaded: dict[str, Any] = pickle.load(f)
            return extend(loaded) if extended else loaded
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(path.read_bytes(), Loader=loader)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(spec, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache)
    return extend(spec) if extended else spec


def pointer(*parts: str) -> str:
    """A JSON pointer (`#/paths/~1files/get/parameters`) from unescaped parts."""
    return "#/" + "/".join(escape(p) for p in parts)


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow `$ref`s until a node that is not one."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def pascal(text: str) -> str:
    parts = re.split(r"[^0-9a-zA-Z]+", text)
    out = "".join(p[:1].upper() + p[1:] for p in parts if p)
    return out if out and not out[0].isdigit() else "X" + out


def ref_name(ref: str) -> str:
    assert ref.startswith("#/components/schemas/"), ref
    return ref.rsplit("/", 1)[1]


def operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    # `/responses?beta=true` & co. are the beta Responses API's own operations (`beta_*` ids)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                out[op["operationId"]] = (method, path, op)
    return out


def request_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    content = (op.get("requestBody") or {}).get("content") or {}
    for ctype in ("multipart/form-data", "application/json"):
        if ctype in content and "schema" in content[ctype]:
            schema: dict[str, Any] = content[ctype]["schema"]
            return schema
    return None


def request_schemas(op: dict[str, Any]) -> list[dict[str, Any]]:
    return [schema for _, schema in request_schemas_at(op)]


def request_schemas_at(op: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The request body schemas, with their JSON pointer relative to the operation."""
    content = (op.get("requestBody") or {}).get("content") or {}
    return [
        (f"/requestBody/content/{escape(ctype)}/schema", media["schema"])
        for ctype, media in content.items()
        if "schema" in media
    ]


def response_schemas(op: dict[str, Any]) -> list[dict[str, Any]]:
    return [schema for _, schema in response_schemas_at(op)]


def response_schemas_at(op: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The 2xx answer schemas, with their JSON pointer relative to the operation."""
    out = []
    for code, resp in sorted(op.get("responses", {}).items()):
        if not str(code).startswith("2"):
            continue
        for ctype, media in (resp.get("content") or {}).items():
            if "schema" in media:
                out.append((f"/responses/{code}/content/{escape(ctype)}/schema", media["schema"]))
    return out


def refs_in(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            out.append(ref_name(ref))
        for key, value in node.items():
            if key not in ("example", "examples", "x-oaiMeta"):
                refs_in(value, out)
    elif isinstance(node, list):
        for value in node:
            refs_in(value, out)


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")
