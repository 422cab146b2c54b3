"""The history a ledger replays on resume, checked as the official runner checks it
before sending it again: first against the Responses input schema (as pydantic's lax
validation: a numeric string passes for a number), then every item in its native shape
(the same checks without coercion: assistant messages with their text, annotations and
logprobs; reasoning; compaction; input messages; server tools' items), unique native
ids, every call paired with exactly one output (a function's output as the official
takes it), every MCP approval request answered once and every MCP call that names an
approval using an approved one. ValueError with the official's message otherwise.
Sans-I/O."""

from __future__ import annotations

import json
from collections.abc import Callable
from math import isfinite
from typing import Any

from .results import supplied_result
from .server_items import SERVER_ITEMS, check_server_item, use_approval
from .server_schema import in_schema

_STATUSES = ("completed", "incomplete", "in_progress")
_COMPUTER_ITEMS = ("computer_call", "computer_call_output")
_PHASES = (None, "commentary", "final_answer")
# annotation type: (string fields, integer fields)
_ANNOTATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "file_citation": (("file_id", "filename"), ("index",)),
    "url_citation": (("title", "url"), ("start_index", "end_index")),
    "container_file_citation": (
        ("container_id", "file_id", "filename"),
        ("start_index", "end_index"),
    ),
    "file_path": (("file_id",), ("index",)),
}


# All item types of the Responses input schema.
_INPUT_TYPES = frozenset(
    (
        "message",
        "file_search_call",
        "computer_call",
        "computer_call_output",
        "web_search_call",
        "function_call",
        "function_call_output",
        "tool_search_call",
        "tool_search_output",
        "additional_tools",
        "configuration_update",
        "reasoning",
        "compaction",
        "image_generation_call",
        "code_interpreter_call",
        "local_shell_call",
        "local_shell_call_output",
        "shell_call",
        "shell_call_output",
        "apply_patch_call",
        "apply_patch_call_output",
        "mcp_list_tools",
        "mcp_approval_request",
        "mcp_approval_response",
        "mcp_call",
        "custom_tool_call_output",
        "custom_tool_call",
        "compaction_trigger",
        "item_reference",
        "program",
        "program_output",
    )
)


def _number(value: object, integer: bool, lax: bool) -> bool:
    """A JSON number (an int where `integer`); `lax` also takes what pydantic coerces."""
    if type(value) is int or (not integer and type(value) is float and isfinite(value)):
        return True
    if not lax:
        return False
    if type(value) is bool:
        return True
    if type(value) is float:
        return isfinite(value) and (not integer or value.is_integer())
    if type(value) is str:
        try:
            number = float(value.strip())
        except ValueError:
            return False
        return isfinite(number) and (not integer or number.is_integer())
    return False


def _annotation(value: object, lax: bool) -> bool:
    if type(value) is not dict or value.get("type") not in _ANNOTATIONS:
        return False
    strings, integers = _ANNOTATIONS[value["type"]]
    return all(type(value.get(n)) is str for n in strings) and all(
        _number(value.get(n), True, lax) for n in integers
    )


def _logprob(value: object, top: bool, lax: bool) -> bool:
    if type(value) is not dict:
        return False
    octets = value.get("bytes")
    if type(value.get("token")) is not str or type(octets) is not list:
        return False
    if not all(_number(b, True, lax) for b in octets):
        return False
    if not _number(value.get("logprob"), False, lax):
        return False
    if top:
        return True
    alternatives = value.get("top_logprobs")
    return type(alternatives) is list and all(_logprob(a, True, lax) for a in alternatives)


def _output_part(part: object, lax: bool) -> bool:
    if type(part) is not dict:
        return False
    if part.get("type") == "refusal":
        return type(part.get("refusal")) is str
    if part.get("type") != "output_text" or type(part.get("text")) is not str:
        return False
    annotations, logprobs = part.get("annotations"), part.get("logprobs")
    if type(annotations) is not list or not all(_annotation(a, lax) for a in annotations):
        return False
    return logprobs is None or (
        type(logprobs) is list and all(_logprob(p, False, lax) for p in logprobs)
    )


def valid_assistant_message(item: dict[str, Any], lax: bool = False) -> bool:
    """An output message as the API returns it (id, status, phase; text parts with
    well-formed annotations and logprobs, or refusals)."""
    content = item.get("content")
    return (
        type(item.get("id")) is str
        and item.get("role") == "assistant"
        and item.get("status") in _STATUSES
        and item.get("phase") in _PHASES
        and type(content) is list
        and all(_output_part(part, lax) for part in content)
    )


def _texts(value: object, kind: str) -> bool:
    return type(value) is list and all(
        type(p) is dict and p.get("type") == kind and type(p.get("text")) is str for p in value
    )


def valid_reasoning(item: dict[str, Any], lax: bool = False) -> bool:
    """`lax`: the schema, where content and status may also be null."""
    encrypted, content, status = (item.get(k) for k in ("encrypted_content", "content", "status"))
    return (
        type(item.get("id")) is str
        and _texts(item.get("summary"), "summary_text")
        and (
            "content" not in item or (lax and content is None) or _texts(content, "reasoning_text")
        )
        and (encrypted is None or type(encrypted) is str)
        and ("status" not in item or status in _STATUSES or (lax and status is None))
    )


def _input_part(part: object) -> bool:
    if type(part) is not dict:
        return False
    if "prompt_cache_breakpoint" in part:
        mark = part["prompt_cache_breakpoint"]
        if type(mark) is not dict or mark.get("mode") != "explicit":
            return False
    kind = part.get("type")
    if kind == "input_text":
        return type(part.get("text")) is str
    if kind == "input_image":
        return part.get("detail") in ("auto", "low", "high", "original") and all(
            part.get(n) is None or type(part[n]) is str for n in ("image_url", "file_id")
        )
    if kind == "input_file":
        return (
            ("detail" not in part or part["detail"] in ("auto", "low", "high"))
            and (part.get("file_id") is None or type(part["file_id"]) is str)
            and all(
                n not in part or type(part[n]) is str for n in ("file_data", "file_url", "filename")
            )
        )
    return False


def valid_message(item: dict[str, Any], lax: bool = False) -> bool:
    """A message in replayed input: an assistant's output message, or an input message
    (text, or input parts)."""
    role, content = item.get("role"), item.get("content")
    if role not in ("user", "assistant", "system", "developer"):
        return False
    if (type(content) is str or role == "assistant") and item.get("phase") not in _PHASES:
        return False
    if type(content) is str:
        return True
    if type(content) is not list:
        return False
    if any(type(p) is dict and p.get("type") in ("output_text", "refusal") for p in content):
        return valid_assistant_message(item, lax)
    return all(_input_part(part) for part in content)


def _schema(item: dict[str, Any]) -> bool:
    """Whether the Responses input schema takes the item (the kinds the runner checks
    further; the other kinds of the schema are taken as they are)."""
    kind = item.get("type", "message")
    statuses = (None, "in_progress", "completed", "incomplete")
    if kind not in _INPUT_TYPES:
        return False
    if kind == "message":
        return valid_message(item, lax=True)
    if kind == "reasoning":
        return valid_reasoning(item, lax=True)
    if kind == "compaction":
        return type(item.get("encrypted_content")) is str and (
            item.get("id") is None or type(item["id"]) is str
        )
    if kind == "function_call":
        return (
            all(type(item.get(n)) is str for n in ("call_id", "name", "arguments"))
            and item.get("status") in statuses
        )
    if kind == "function_call_output":
        output = item.get("output")
        return (
            type(item.get("call_id")) is str
            and (type(output) is str or (type(output) is list and all(map(_output_block, output))))
            and item.get("status") in statuses
        )
    if kind in SERVER_ITEMS or kind == "mcp_approval_response":
        return in_schema(item)
    return True


def _output_block(block: object) -> bool:
    """A block of a function call's output list, as the input schema takes it."""
    if type(block) is not dict:
        return False
    kind = block.get("type")
    if kind == "input_text":
        return type(block.get("text")) is str
    if kind == "input_image":
        return block.get("detail") in (None, "low", "high", "auto", "original")
    return kind == "input_file"


def native_ids(history: list[dict[str, Any]]) -> set[str]:
    """The native item ids of a history (a later output item may not reuse one);
    ValueError when two items (not references) share one."""
    defined: set[str] = set()
    reserved: set[str] = set()
    for item in history:
        item_id = item.get("id")
        if type(item_id) is str and item_id:
            if not _reference(item):
                if item_id in defined:
                    raise ValueError("Replay history has a duplicate native output item ID.")
                defined.add(item_id)
            reserved.add(item_id)
    return reserved


def _call(item: dict[str, Any], functions: set[str], computer: bool) -> None:
    if item.get("status") not in (None, "completed"):
        raise ValueError("Replay history contains an incomplete call.")
    if item["type"] == "function_call":
        name, arguments = item.get("name"), item.get("arguments")
        if (
            type(name) is not str
            or name not in functions
            or type(arguments) is not str
            or not _function_fields(item, output=False)
        ):
            raise ValueError("Replay history has an unregistered function.")
        if type(json.loads(arguments, parse_constant=_no_constant)) is not dict:
            raise ValueError("Replay function arguments must be a JSON object.")
        return
    if not computer:
        raise ValueError("Replay history requires a registered computer.")
    if item.get("status") != "completed":
        raise ValueError("Replay history contains an incomplete computer call.")
    if type(item.get("id")) is not str:
        raise ValueError("Replay computer call requires its native item ID.")


def _no_constant(_constant: str) -> object:
    raise ValueError("Registered function arguments require valid JSON.")


def _function_fields(item: dict[str, Any], output: bool) -> bool:
    caller = item.get("caller")
    if caller is not None and (
        type(caller) is not dict
        or (
            caller.get("type") != "direct"
            and (caller.get("type") != "program" or type(caller.get("caller_id")) is not str)
        )
    ):
        return False
    if output:
        return item.get("status") in (None, "in_progress", "completed", "incomplete") and all(
            item.get(n) is None or type(item[n]) is str for n in ("id", "name", "namespace")
        )
    return (
        ("id" not in item or type(item["id"]) is str)
        and ("async" not in item or type(item["async"]) is bool)
        and ("namespace" not in item or type(item["namespace"]) is str)
    )


def _check(value: object) -> bool:
    return (
        type(value) is dict
        and type(value.get("id")) is str
        and all(value.get(n) is None or type(value[n]) is str for n in ("code", "message"))
    )


def _computer_output(item: dict[str, Any]) -> None:
    checks = item.get("acknowledged_safety_checks")
    if (
        (item.get("id") is not None and type(item["id"]) is not str)
        or item.get("status") not in (None, "in_progress", "completed", "incomplete")
        or (checks is not None and (type(checks) is not list or not all(map(_check, checks))))
    ):
        raise ValueError("Replay computer output has invalid native fields.")
    screenshot = item.get("output")
    if type(screenshot) is not dict:
        raise ValueError("Replay computer output requires its native screenshot.")
    sources = [screenshot.get("image_url"), screenshot.get("file_id")]
    if (
        screenshot.get("type") != "computer_screenshot"
        or any(s is not None and type(s) is not str for s in sources)
        or not any(type(s) is str and s.strip() for s in sources)
    ):
        raise ValueError("Replay computer output requires a screenshot identifier.")


def check_history(
    history: list[dict[str, Any]],
    tools: list[dict[str, Any]],
    computer_call: Callable[[dict[str, Any]], None],
    *,
    budget_only: bool = False,
) -> set[str]:
    """The call ids (and MCP approval request ids) of a history that may be sent again;
    ValueError when it may not. `computer_call` checks a computer call's actions (it
    needs the models). `budget_only`: the projection a context budget sends without a
    ledger, which may also end with a compaction trigger and hold item references."""
    if not all(_schema(item) for item in history if item.get("type") not in _COMPUTER_ITEMS):
        raise ValueError("Replay history does not match the Responses input schema.")
    native_ids(history)
    functions = {t["name"] for t in tools if t.get("type") == "function"}
    computer = any(t.get("type") in ("computer", "computer_use_preview") for t in tools)
    calls: dict[str, str] = {}
    returned: set[str] = set()
    requests: dict[str, dict[str, Any]] = {}  # MCP approval requests, answered once each
    answered: set[str] = set()
    approved: dict[str, Any] = {}
    for index, item in enumerate(history):
        kind = item.get("type", "message")
        if kind == "configuration_update":
            continue
        if budget_only and kind == "compaction_trigger":
            if index != len(history) - 1:
                raise ValueError("A compaction trigger must be the final input item.")
            continue
        if budget_only and _reference(item):
            if type(item.get("id")) is not str:
                raise ValueError("Item references require a native string ID.")
            continue
        if kind in ("function_call", "computer_call"):
            call_id = item.get("call_id")
            if type(call_id) is not str or call_id in calls or call_id in requests:
                raise ValueError("Replay history has a missing or duplicate call ID.")
            _call(item, functions, computer)
            if kind == "computer_call":
                computer_call(item)
            calls[call_id] = kind
        elif kind in ("function_call_output", "computer_call_output"):
            call_id = item.get("call_id")
            if (
                type(call_id) is not str
                or call_id not in calls
                or call_id in returned
                or kind != calls[call_id] + "_output"
            ):
                raise ValueError("Replay output has no matching original call.")
            if kind == "computer_call_output":
                _computer_output(item)
            elif not _function_fields(item, output=True):
                raise ValueError("Replay function output has invalid native fields.")
            else:
                supplied_result(item.get("output"))
            returned.add(call_id)
        elif kind == "mcp_approval_response":
            request_id = item.get("approval_request_id")
            if (
                type(request_id) is not str
                or request_id not in requests
                or request_id in answered
                or type(item.get("approve")) is not bool
                or not all(_optional_text(item.get(n)) for n in ("id", "reason"))
            ):
                raise ValueError("Replay MCP approval does not match one pending original request.")
            answered.add(request_id)
            if item["approve"] is True:
                approved[request_id] = requests[request_id]
        elif kind in SERVER_ITEMS:
            check_server_item(item, tools)
            if kind == "mcp_approval_request":
                request_id = item["id"]
                if request_id in requests or request_id in calls:
                    raise ValueError("Replay MCP approval request IDs must be unique.")
                requests[request_id] = item
            elif kind == "mcp_call":
                use_approval(item, approved)
        elif kind == "compaction":
            if type(item.get("encrypted_content")) is not str or (
                item.get("id") is not None and type(item["id"]) is not str
            ):
                raise ValueError("Replay compaction needs native encrypted content.")
        elif kind == "reasoning":
            if not valid_reasoning(item):
                raise ValueError("Replay history requires native reasoning fields.")
        elif kind == "message":
            if not valid_message(item):
                raise ValueError("Replay history requires native message input fields.")
        else:
            raise ValueError("Replay history contains an unsupported item.")
    if calls.keys() != returned or requests.keys() != answered:
        raise ValueError("Replay history contains unresolved calls.")
    return set(calls) | set(requests)


def _optional_text(value: object) -> bool:
    return value is None or type(value) is str


def _reference(item: dict[str, Any]) -> bool:
    """An `item_reference` (typed, or the bare `{"id": ...}` form)."""
    return item.get("type") == "item_reference" or (
        item.get("type") is None and "id" in item and "role" not in item and "content" not in item
    )
