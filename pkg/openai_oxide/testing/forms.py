"""multipart/form-data parsing for the fake (RFC 7578), back into nested values.

Field names use the official SDK's bracket notation: `a[]` appends to a list, `a[b]`
sets a key, so `chunking_strategy[type]=auto` becomes `{"chunking_strategy": {"type":
"auto"}}`. File parts are kept as `UploadedFile`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["UploadedFile", "parse_form"]

_NAME = re.compile(rb'name="((?:[^"\\]|\\.)*)"')
_FILENAME = re.compile(rb'filename="((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True, slots=True)
class UploadedFile:
    filename: str
    content_type: str
    content: bytes


def parse_form(content_type: str, body: bytes) -> dict[str, Any] | None:
    """The fields of a multipart body as nested values; None if it is not well formed."""
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if found is None:
        return None
    sep = b"--" + found.group(1).encode("latin-1")
    chunks = body.split(sep)
    if len(chunks) < 2 or not chunks[-1].startswith(b"--"):
        return None
    out: dict[str, Any] = {}
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b"\r\n") or not chunk.endswith(b"\r\n"):
            return None
        head, _, value = chunk[2:-2].partition(b"\r\n\r\n")
        name = _NAME.search(head)
        if name is None:
            return None
        filename = _FILENAME.search(head)
        item: Any
        if filename is not None:
            kind = re.search(rb"(?im)^content-type:\s*(.+?)\s*$", head)
            item = UploadedFile(
                filename.group(1).decode(),
                kind.group(1).decode() if kind else "application/octet-stream",
                value,
            )
        else:
            item = value.decode("utf-8", "replace")
        _insert(out, name.group(1).decode(), item)
    return out


def _insert(out: dict[str, Any], name: str, value: Any) -> None:
    head, _, rest = name.partition("[")
    keys = [head, *re.findall(r"([^\[\]]*)\]", "[" + rest)] if rest else [head]
    node: Any = out
    for i, key in enumerate(keys):
        last = i == len(keys) - 1
        if key == "":  # `[]`: append
            if last:
                node.append(value)
                return
            nxt = keys[i + 1]
            if node and isinstance(node[-1], dict) and nxt not in node[-1]:
                node = node[-1]
            else:
                node.append({} if nxt else [])
                node = node[-1]
            continue
        if last:
            node[key] = value
            return
        if key not in node:
            node[key] = [] if keys[i + 1] == "" else {}
        node = node[key]
