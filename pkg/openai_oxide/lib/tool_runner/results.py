"""A function call's output as the official runner takes it (from an executor, from
`supply_outputs`, from replayed history): text, or a list of input blocks with only
their declared fields, copied into plain values. Sans-I/O; ValueError with the
official's message."""

from __future__ import annotations

from typing import Any

_FIELDS = {
    "input_text": ("text",),
    "input_image": ("file_id", "image_url", "detail"),
    "input_file": ("file_data", "file_id", "file_url", "filename", "detail"),
}
_DETAILS = {
    "input_image": (None, "auto", "low", "high", "original"),
    "input_file": ("auto", "low", "high"),
}
_SOURCES = {
    "input_image": ("image_url", "file_id"),
    "input_file": ("file_data", "file_id", "file_url"),
}
_NO_SOURCE = {
    "input_image": "Supplied image output requires image_url or file_id.",
    "input_file": "Supplied file output requires file_data, file_id or file_url.",
}


def supplied_result(value: object) -> str | list[dict[str, Any]]:
    """`value` as a function call's output; ValueError when it is not one."""
    if type(value) is str:
        return value
    if type(value) is not list:
        raise ValueError("Supplied output must be text or a list of declared input blocks.")
    return [_block(raw) for raw in value]


def _block(raw: object) -> dict[str, Any]:
    if type(raw) is not dict:
        raise ValueError("Supplied input blocks must be ordinary dictionaries.")
    if any(type(key) is not str for key in raw):
        raise ValueError("Supplied input block keys must be strings.")
    kind = raw.get("type")
    if type(kind) is not str or kind not in _FIELDS:
        raise ValueError("Supplied input block type is invalid.")
    if kind == "input_text" and type(raw.get("text")) is not str:
        raise ValueError("Supplied text requires a string.")
    if raw.keys() - {"type", "prompt_cache_breakpoint", *_FIELDS[kind]}:
        raise ValueError("Supplied input block has unknown fields.")
    block: dict[str, Any] = {"type": kind}
    for key in _FIELDS[kind]:
        if key not in raw:
            continue
        content = raw[key]
        if key == "detail":
            if (content is not None and type(content) is not str) or content not in _DETAILS[kind]:
                raise ValueError("Supplied block detail is invalid.")
        elif content is not None and type(content) is not str:
            raise ValueError("Supplied block values must be strings or null.")
        block[key] = content
    if kind in _SOURCES and not any(
        type(block.get(key)) is str and block[key].strip() for key in _SOURCES[kind]
    ):
        raise ValueError(_NO_SOURCE[kind])
    if "prompt_cache_breakpoint" in raw:
        block["prompt_cache_breakpoint"] = _cache_mark(raw["prompt_cache_breakpoint"])
    return block


def _cache_mark(mark: object) -> dict[str, str] | None:
    if mark is None:
        return None
    if type(mark) is not dict or mark != {"mode": "explicit"} or type(mark["mode"]) is not str:
        raise ValueError("Supplied cache breakpoint is invalid.")
    return {"mode": "explicit"}
