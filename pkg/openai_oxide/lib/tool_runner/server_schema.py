"""The Responses input schema of server tools' items and MCP approval responses: what
pydantic's lax validation of the official's input models takes, checked before their
native fields (`server_items`). Sans-I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

IMAGE_FIELDS = {
    "action": (None, "generate", "edit", "auto"),
    "background": (None, "transparent", "opaque", "auto"),
    "output_format": (None, "png", "webp", "jpeg", "gif", "svg"),
    "quality": (None, "low", "medium", "high", "xhigh", "max", "auto"),
}


def strings(value: object) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def optional_str(value: object) -> bool:
    return value is None or type(value) is str


def url_sources(value: object) -> bool:
    """A web search's sources: a list of `{"type": "url", "url": str}`."""
    return type(value) is list and all(
        type(s) is dict and s.get("type") == "url" and type(s.get("url")) is str for s in value
    )


_STATUS = {
    "web_search_call": ("in_progress", "searching", "completed", "failed", "incomplete"),
    "file_search_call": ("in_progress", "searching", "completed", "incomplete", "failed"),
    "code_interpreter_call": ("in_progress", "completed", "incomplete", "interpreting", "failed"),
    "image_generation_call": ("in_progress", "completed", "generating", "failed"),
}
_MCP_STATUS = (None, "in_progress", "completed", "incomplete", "calling", "failed")
_MCP_STRINGS = ("id", "arguments", "name", "server_label")
_LAX_BOOLS = (0, 1, "0", "1", "true", "false", "yes", "no", "on", "off", "t", "f", "y", "n")


def _lax_bool(value: object) -> bool:
    if type(value) is bool:
        return True
    if type(value) is str:
        return value.lower() in _LAX_BOOLS
    return type(value) in (int, float) and value in (0, 1)


def _search_action(action: object) -> bool:
    if type(action) is not dict:
        return False
    kind = action.get("type")
    if kind == "search":
        sources = action.get("sources")
        return (
            optional_str(action.get("query"))
            and (action.get("queries") is None or strings(action["queries"]))
            and (sources is None or url_sources(sources))
        )
    if kind == "open_page":
        return optional_str(action.get("url"))
    return kind == "find_in_page" and all(type(action.get(k)) is str for k in ("pattern", "url"))


def _schema_result(entry: object) -> bool:
    return type(entry) is dict and all(
        optional_str(entry.get(k)) for k in ("file_id", "filename", "text")
    )


def code_output(entry: object) -> bool:
    return type(entry) is dict and (
        (entry.get("type") == "logs" and type(entry.get("logs")) is str)
        or (entry.get("type") == "image" and type(entry.get("url")) is str)
    )


def in_schema(item: Mapping[str, Any]) -> bool:
    """Whether the Responses input schema takes a server tool's item (or an MCP
    approval response)."""
    kind = item.get("type")
    if kind == "mcp_approval_response":
        return (
            type(item.get("approval_request_id")) is str
            and _lax_bool(item.get("approve"))
            and optional_str(item.get("id"))
            and optional_str(item.get("reason"))
        )
    if kind in ("mcp_call", "mcp_approval_request"):
        return all(type(item.get(k)) is str for k in _MCP_STRINGS) and (
            kind == "mcp_approval_request"
            or (
                optional_str(item.get("approval_request_id"))
                and optional_str(item.get("output"))
                and item.get("status") in _MCP_STATUS
                and (item.get("error") is None or type(item["error"]) is dict)
            )
        )
    if kind == "mcp_list_tools":
        listed = item.get("tools")
        return (
            type(item.get("id")) is str
            and type(item.get("server_label")) is str
            and optional_str(item.get("error"))
            and type(listed) is list
            and all(
                type(t) is dict
                and type(t.get("name")) is str
                and "input_schema" in t
                and optional_str(t.get("description"))
                for t in listed
            )
        )
    if type(item.get("id")) is not str or item.get("status") not in _STATUS.get(str(kind), ()):
        return False
    if kind == "web_search_call":
        return _search_action(item.get("action"))
    if kind == "file_search_call":
        results = item.get("results")
        return strings(item.get("queries")) and (
            results is None or (type(results) is list and all(map(_schema_result, results)))
        )
    if kind == "code_interpreter_call":
        outputs = item.get("outputs")
        return (
            type(item.get("container_id")) is str
            and optional_str(item.get("code"))
            and (outputs is None or (type(outputs) is list and all(map(code_output, outputs))))
        )
    return (  # image_generation_call
        optional_str(item.get("result"))
        and all(item.get(name) in allowed for name, allowed in IMAGE_FIELDS.items())
        and optional_str(item.get("revised_prompt"))
        and optional_str(item.get("size"))
    )
