"""Load the OpenAPI document (parsed once, then cached as a pickle) and follow `$ref`s."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "openapi.yaml"


def load(path: Path = SPEC) -> dict[str, Any]:
    import yaml  # type: ignore[import-untyped]

    stat = path.stat()
    cache = ROOT / ".cache" / "spec" / f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    if cache.is_file():
        with cache.open("rb") as f:
            loaded: dict[str, Any] = pickle.load(f)
            return loaded
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: dict[str, Any] = yaml.load(path.read_bytes(), Loader=loader)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump(document, f)
    return document


def pointer(*parts: str) -> str:
    """A JSON pointer (`#/paths/~1files/get/parameters`) from unescaped parts."""
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node
