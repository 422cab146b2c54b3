"""Items of the tools the API runs (web and file search, code interpreter, image
generation, MCP), checked as the official runner checks them before it replays them or
acts after them: declared in the run, complete, with their native fields; and MCP
approvals paired: an `mcp_call` that names an approval request must match one approved
request (server, tool, arguments), used once. Sans-I/O; ValueError with the official's
message. (`server_schema` checks the same items against the input schema first.)"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import isfinite
from typing import Any, Literal

from .server_schema import IMAGE_FIELDS, code_output, optional_str, strings, url_sources

_SEARCH = ("web_search", "web_search_2025_08_26", "web_search_preview")
# Item type -> the declared tool types that produce it.
SERVER_ITEMS: dict[str, tuple[str, ...]] = {
    "web_search_call": (*_SEARCH, "web_search_preview_2025_03_11"),
    "file_search_call": ("file_search",),
    "code_interpreter_call": ("code_interpreter",),
    "image_generation_call": ("image_generation",),
    "mcp_call": ("mcp",),
    "mcp_list_tools": ("mcp",),
    "mcp_approval_request": ("mcp",),
}
SERVER_TOOLS = frozenset(kind for kinds in SERVER_ITEMS.values() for kind in kinds)


def _finite(value: object) -> bool:
    return type(value) is int or (type(value) is float and isfinite(value))


def _web_search(item: Mapping[str, Any]) -> bool:
    action = item.get("action")
    if item.get("status") != "completed" or type(action) is not dict:
        return False
    kind = action.get("type")
    if kind == "search":
        sources = action.get("sources")
        return (
            ("query" not in action or type(action["query"]) is str)
            and ("queries" not in action or strings(action["queries"]))
            and ("sources" not in action or url_sources(sources))
        )
    if kind == "open_page":
        return optional_str(action.get("url"))
    return (
        kind == "find_in_page"
        and type(action.get("pattern")) is str
        and type(action.get("url")) is str
    )


def _file_result(entry: object) -> bool:
    if type(entry) is not dict:
        return False
    attributes = entry.get("attributes")
    return (
        all(k not in entry or type(entry[k]) is str for k in ("file_id", "filename", "text"))
        and ("score" not in entry or _finite(entry["score"]))
        and (
            attributes is None
            or (
                type(attributes) is dict
                and all(type(v) in (str, bool) or _finite(v) for v in attributes.values())
            )
        )
    )


def _file_search(item: Mapping[str, Any]) -> bool:
    results = item.get("results")
    return (
        item.get("status") == "completed"
        and strings(item.get("queries"))
        and (results is None or (type(results) is list and all(map(_file_result, results))))
    )


def _code_interpreter(item: Mapping[str, Any], declared: list[Mapping[str, Any]]) -> bool:
    container, outputs = item.get("container_id"), item.get("outputs")
    return (
        item.get("status") == "completed"
        and type(container) is str
        and any(
            t.get("container") == container
            or (isinstance(t.get("container"), dict) and t["container"].get("type") == "auto")
            for t in declared
        )
        and "code" in item
        and optional_str(item["code"])
        and "outputs" in item
        and (outputs is None or (type(outputs) is list and all(map(code_output, outputs))))
    )


def _image_generation(item: Mapping[str, Any]) -> bool:
    return (
        item.get("status") == "completed"
        and "result" in item
        and optional_str(item["result"])
        and all(item.get(name) in allowed for name, allowed in IMAGE_FIELDS.items())
        and optional_str(item.get("revised_prompt"))
        and optional_str(item.get("size"))
    )


def _listed_tool(entry: object) -> bool:
    return (
        type(entry) is dict
        and type(entry.get("name")) is str
        and "input_schema" in entry
        and optional_str(entry.get("description"))
        and _plain_json(entry)
    )


def _plain_json(value: object) -> bool:
    if value is None or type(value) in (str, bool, int):
        return True
    if type(value) is float:
        return isfinite(value)
    if type(value) is list:
        return all(map(_plain_json, value))
    if type(value) is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    return False


def check_server_item(item: Mapping[str, Any], tools: Sequence[Mapping[str, Any]]) -> None:
    """A server tool's item: of a tool declared in this run (an MCP item: of its server
    label), complete, with its id and its kind's native fields."""
    kind = str(item.get("type"))
    declared = [t for t in tools if t.get("type") in SERVER_ITEMS.get(kind, ())]
    if not declared:
        raise ValueError("A server tool was not declared for this run.")
    if kind.startswith("mcp_"):
        label = item.get("server_label")
        if type(label) is not str or not label or label not in _labels(declared):
            raise ValueError("MCP item requires its declared server label.")
    if item.get("status") not in (None, "completed") or item.get("error") is not None:
        raise ValueError("A server tool did not complete; stop before dependent local effects.")
    if type(item.get("id")) is not str:
        raise ValueError("A server tool requires its native ID before replay.")
    valid = True
    if kind == "web_search_call":
        valid = _web_search(item)
    elif kind == "file_search_call":
        valid = _file_search(item)
    elif kind == "code_interpreter_call":
        valid = _code_interpreter(item, declared)
    elif kind == "image_generation_call":
        valid = _image_generation(item)
    elif kind == "mcp_list_tools":
        listed = item.get("tools")
        valid = type(listed) is list and all(map(_listed_tool, listed))
    elif kind in ("mcp_call", "mcp_approval_request"):
        valid = type(item.get("name")) is str and type(item.get("arguments")) is str
        if kind == "mcp_call":
            valid = valid and optional_str(item.get("output"))
    if not valid:
        raise ValueError("A server tool requires its native fields before replay.")
    if kind == "mcp_approval_request" and not item["id"]:
        raise ValueError("MCP approval requires its ID, name and arguments.")


def _labels(tools: list[Mapping[str, Any]]) -> set[Any]:
    return {t.get("server_label") for t in tools if t.get("type") == "mcp"}


def mcp_policy(policy: Any, name: Any) -> Literal["always", "never"] | None:
    """Whether a declared MCP server's `require_approval` asks approval for tool `name`
    (None: the filter is ambiguous, and the runner does not guess)."""
    if policy is None or policy in ("always", "never"):
        return "always" if policy is None else policy  # type: ignore[no-any-return]
    if not isinstance(policy, Mapping):
        return None
    matched: Literal["always", "never"] | None = None
    for rule in ("always", "never"):
        if rule not in policy:
            continue
        selector = policy[rule]
        if not isinstance(selector, Mapping) or "read_only" in selector:
            return None
        names = selector.get("tool_names")
        if "tool_names" in selector and not isinstance(names, list):
            return None
        if "tool_names" not in selector or name in (names or []):
            if matched is not None:
                return None
            matched = rule  # type: ignore[assignment]
    if matched is not None or ("always" in policy) == ("never" in policy):
        return matched
    return "never" if "always" in policy else "always"


def use_approval(item: Mapping[str, Any], approved: dict[str, Mapping[str, Any]]) -> None:
    """An `mcp_call` naming an approval request uses that approved request (the same
    server, tool and arguments), once."""
    request_id = item.get("approval_request_id")
    if request_id is None:
        return
    request = approved.get(request_id) if type(request_id) is str else None
    if request is None or any(
        request.get(k) != item.get(k) for k in ("server_label", "name", "arguments")
    ):
        raise ValueError("MCP execution has no matching approved original request.")
    del approved[request_id]


def approved_requests(history: list[dict[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The approved MCP requests of a history that no MCP call has used yet."""
    requests: dict[str, Mapping[str, Any] | None] = {}
    approved: dict[str, Mapping[str, Any]] = {}
    for item in history:
        kind = item.get("type")
        if kind == "mcp_approval_request" and type(item.get("id")) is str:
            requests.setdefault(item["id"], item)
        elif kind == "mcp_approval_response" and type(item.get("approve")) is bool:
            request_id = item.get("approval_request_id")
            request = requests.get(request_id) if type(request_id) is str else None
            if request is not None:
                requests[request_id] = None  # type: ignore[index]
                if item["approve"] is True:
                    approved[request_id] = request  # type: ignore[index]
        elif kind == "mcp_call":
            use_approval(item, approved)
    return approved
