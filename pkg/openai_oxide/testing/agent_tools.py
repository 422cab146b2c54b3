"""The fake model's use of MCP and computer tools, after its function tools.

A deterministic pipeline keyed on the last input item, so it survives the caller dropping
older items (context compaction): a user turn calls the function tools (responses.py);
after their outputs the model asks for an MCP approval (an `mcp` tool declared), after an
approval it runs the MCP call and then uses the computer (a `computer` tool declared);
after a computer output, or a refused approval, it answers. A computer call carries a
pending safety check when the last user text contains `[safety-check]`.
"""

from __future__ import annotations

from typing import Any

import orjson

from .content import new_id

__all__ = ["SAFETY_MARKER", "after_functions", "after_item"]

SAFETY_MARKER = "[safety-check]"
_COMPUTER = ("computer", "computer_use_preview")


def _declared(body: dict[str, Any], kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    return [t for t in body.get("tools") or [] if isinstance(t, dict) and t.get("type") in kinds]


def _mcp_name(tool: dict[str, Any]) -> str:
    allowed = tool.get("allowed_tools")
    if isinstance(allowed, list) and allowed and isinstance(allowed[0], str):
        return allowed[0]
    return "lookup"


def _computer_call(user_text: str) -> dict[str, Any]:
    checks = []
    if SAFETY_MARKER in user_text:
        checks.append(
            {"id": new_id("cu_sc_"), "code": "malicious_instructions", "message": "Check the page."}
        )
    return {
        "id": new_id("cu_"),
        "type": "computer_call",
        "call_id": new_id("call_", 24),
        "status": "completed",
        "actions": [
            {"type": "click", "button": "left", "x": 12, "y": 34},
            {"type": "type", "text": "hello"},
        ],
        "pending_safety_checks": checks,
    }


def _mcp_items(tool: dict[str, Any], approval_id: str | None) -> list[dict[str, Any]]:
    name = _mcp_name(tool)
    arguments = orjson.dumps({"query": "status"}).decode()
    if approval_id is None and tool.get("require_approval", "always") != "never":
        request = {"type": "mcp_approval_request", "id": new_id("mcpr_")}
        return [
            {**request, "server_label": tool["server_label"], "name": name, "arguments": arguments}
        ]
    call = {
        "type": "mcp_call",
        "id": new_id("mcp_"),
        "server_label": tool.get("server_label", ""),
        "name": name,
        "arguments": arguments,
        "output": f"{name}: ok",
        "error": None,
        "status": "completed",
        "approval_request_id": approval_id,
    }
    return [call]


def after_functions(body: dict[str, Any], user_text: str) -> list[dict[str, Any]] | None:
    """The model's calls once the function tools are answered (None: it answers)."""
    mcp = _declared(body, ("mcp",))
    if mcp:
        items = _mcp_items(mcp[0], None)
        return (
            items
            if items[0]["type"] == "mcp_approval_request"
            else items + after_mcp(body, user_text)
        )
    return after_mcp(body, user_text) or None


def after_mcp(body: dict[str, Any], user_text: str) -> list[dict[str, Any]]:
    return [_computer_call(user_text)] if _declared(body, _COMPUTER) else []


def after_item(
    body: dict[str, Any], last: dict[str, Any], context: list[dict[str, Any]], user_text: str
) -> list[dict[str, Any]] | None:
    """Items answering an MCP approval or a computer output (None: not one of those)."""
    kind = last.get("type")
    if kind == "computer_call_output":
        return []
    if kind != "mcp_approval_response":
        return None
    if last.get("approve") is not True:
        return []
    request = next(
        (i for i in context if i.get("id") == last.get("approval_request_id")),
        None,
    )
    tools = _declared(body, ("mcp",))
    if request is None or not tools:
        return []
    label = request.get("server_label")
    tool = next((t for t in tools if t.get("server_label") == label), tools[0])
    return _mcp_items(tool, str(last["approval_request_id"])) + after_mcp(body, user_text)
