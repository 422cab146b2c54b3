"""The Responses API: deterministic response objects, their SSE events and the store.

`create_response(body, store)` validates a `POST /v1/responses` body and returns the final
response object; `stream_events(response)` replays it as the event sequence the real API
sends (compare ../shared/fixtures/responses-streams). Both are pure apart from the store
and the clock, so `response.completed` equals what `GET /v1/responses/{id}` returns.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import orjson

from . import agent_tools
from .content import (
    content_text,
    estimate_tokens,
    json_deltas,
    new_id,
    reply_text,
    text_deltas,
)
from .errors import error_body, missing_param
from .instances import function_arguments, instance_for_schema

__all__ = ["RequestError", "ResponseStore", "create_response", "list_input_items", "stream_events"]

_MAX_CALLS = 3


class RequestError(Exception):
    """The request is invalid: answer `status` with the official error `body`."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body["error"]["message"])
        self.status = status
        self.body = body


@dataclass
class StoredResponse:
    response: dict[str, Any]
    input_items: list[dict[str, Any]]  # the prior chain (inputs and outputs) + this input
    context: list[dict[str, Any]]  # the whole conversation: prior chain + input + output


class ResponseStore:
    """Thread-safe map of stored responses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, StoredResponse] = {}

    def get(self, response_id: str) -> StoredResponse | None:
        with self._lock:
            return self._items.get(response_id)

    def put(self, stored: StoredResponse) -> None:
        with self._lock:
            self._items[stored.response["id"]] = stored

    def delete(self, response_id: str) -> bool:
        with self._lock:
            return self._items.pop(response_id, None) is not None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _input_items(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, str):
        raw = [{"role": "user", "content": raw}]
    items: list[dict[str, Any]] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        item = dict(entry)
        kind = item.setdefault("type", "message")
        if kind == "message":
            content = item.get("content")
            if isinstance(content, str):
                role = item.get("role", "user")
                part = "output_text" if role == "assistant" else "input_text"
                item["content"] = [{"type": part, "text": content}]
            item.setdefault("status", "completed")
            item.setdefault("id", new_id("msg_"))
        elif kind == "function_call_output":
            item.setdefault("status", "completed")
            item.setdefault("id", new_id("fco_"))
        items.append(item)
    return items


def _last_user_text(context: list[dict[str, Any]]) -> str:
    for item in reversed(context):
        if item.get("type") == "message" and item.get("role") in ("user", "developer", "system"):
            return content_text(item.get("content"))
    return ""


def _function_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    tools = [
        t for t in body.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"
    ]
    choice = body.get("tool_choice", "auto")
    if choice == "none":
        return []
    if isinstance(choice, dict) and choice.get("name"):
        tools = [t for t in tools if t.get("name") == choice["name"]]
    limit = 1 if body.get("parallel_tool_calls") is False else _MAX_CALLS
    return tools[:limit]


def _echo_tool(tool: dict[str, Any]) -> dict[str, Any]:
    if tool.get("type") != "function":
        return tool
    return {"type": "function", "description": None, "strict": True, **tool}


def create_response(body: Any, store: ResponseStore) -> dict[str, Any]:
    """Validate a create body and build (and maybe store) the final response object.

    Raises RequestError for a missing `model`/`input` or an unknown `previous_response_id`.
    """
    if not isinstance(body, dict):
        raise RequestError(400, error_body("The request body must be a JSON object."))
    if not body.get("model"):
        raise RequestError(400, missing_param("model"))
    if body.get("input") is None:
        raise RequestError(400, missing_param("input"))
    chain: list[dict[str, Any]] = []
    previous_id = body.get("previous_response_id")
    if previous_id is not None:
        previous = store.get(str(previous_id))
        if previous is None:
            raise RequestError(
                400,
                error_body(
                    f"Previous response with id '{previous_id}' not found.",
                    param="previous_response_id",
                    code="previous_response_not_found",
                ),
            )
        chain = previous.context
    items = _input_items(body["input"])
    context = chain + items
    output = _output(body, context, items)
    now = int(time.time())
    text_cfg = body.get("text") if isinstance(body.get("text"), dict) else {}
    text = {"format": {"type": "text"}, "verbosity": "medium", **(text_cfg or {})}
    instructions = body.get("instructions")
    in_size = len(orjson.dumps(context)) + len(str(instructions or ""))
    out_tokens = sum(len(_deltas_of(item)) for item in output)
    in_tokens = estimate_tokens(in_size)
    response: dict[str, Any] = {
        "id": new_id("resp_"),
        "object": "response",
        "created_at": now,
        "status": "completed",
        "background": bool(body.get("background", False)),
        "completed_at": now,
        "error": None,
        "incomplete_details": None,
        "instructions": instructions,
        "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"),
        "model": body["model"],
        "output": output,
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": previous_id,
        "prompt_cache_key": body.get("prompt_cache_key"),
        "reasoning": {"effort": None, "summary": None, **(body.get("reasoning") or {})},
        "safety_identifier": body.get("safety_identifier"),
        "service_tier": "default",
        "store": body.get("store", True) is not False,
        "temperature": body.get("temperature", 1.0),
        "text": text,
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": [_echo_tool(t) for t in body.get("tools") or [] if isinstance(t, dict)],
        "top_logprobs": body.get("top_logprobs", 0),
        "top_p": body.get("top_p", 1.0),
        "truncation": body.get("truncation", "disabled"),
        "usage": {
            "input_tokens": in_tokens,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": out_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": in_tokens + out_tokens,
        },
        "user": body.get("user"),
        "metadata": body.get("metadata") or {},
    }
    if response["store"]:
        store.put(StoredResponse(response, context, context + output))
    return response


def _output(
    body: dict[str, Any], context: list[dict[str, Any]], items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    last = items[-1] if items else {}
    tool_output = last.get("output") if last.get("type") == "function_call_output" else None
    forced = body.get("tool_choice") == "required" or isinstance(body.get("tool_choice"), dict)
    user_text = _last_user_text(context)
    tools = [] if tool_output is not None and not forced else _function_tools(body)
    # After the function tools (or without any): MCP approvals, then the computer.
    later = agent_tools.after_item(body, last, context, user_text)
    if later is None and not tools:
        later = agent_tools.after_functions(body, user_text)
    if later:
        if later[-1]["type"] in ("mcp_approval_request", "computer_call"):
            return later
        return later + _message(reply_text(user_text))
    if later is not None:
        tools = []
    if tools:
        return [
            {
                "id": new_id("fc_"),
                "type": "function_call",
                "status": "completed",
                "arguments": orjson.dumps(function_arguments(t.get("parameters"))).decode(),
                "call_id": new_id("call_", 24),
                "name": t.get("name", ""),
            }
            for t in tools
        ]
    fmt = (body.get("text") or {}).get("format") if isinstance(body.get("text"), dict) else None
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        text = orjson.dumps(instance_for_schema(fmt.get("schema") or {})).decode()
    elif isinstance(fmt, dict) and fmt.get("type") == "json_object":
        text = orjson.dumps({"answer": reply_text(_last_user_text(context))}).decode()
    elif tool_output is not None:
        text = reply_text("", content_text(tool_output))
    else:
        text = reply_text(user_text)
    return _message(text)


def _message(text: str) -> list[dict[str, Any]]:
    return [
        {
            "id": new_id("msg_"),
            "type": "message",
            "status": "completed",
            "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
            "role": "assistant",
        }
    ]


def _deltas_of(item: dict[str, Any]) -> list[str]:
    if item["type"] not in ("function_call", "message"):
        return []
    if item["type"] == "function_call":
        return json_deltas(item["arguments"])
    text: str = item["content"][0]["text"]
    return json_deltas(text) if text.startswith("{") else text_deltas(text)


def stream_events(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The full event sequence, `sequence_number` 0..N-1, ending in `response.completed`."""
    snapshot = {**response, "status": "in_progress", "completed_at": None}
    snapshot.update(output=[], usage=None)
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": snapshot},
        {"type": "response.in_progress", "response": snapshot},
    ]
    for index, item in enumerate(response["output"]):
        item_id = item["id"]
        deltas = _deltas_of(item)
        if item["type"] == "function_call":
            events.append(
                {
                    "type": "response.output_item.added",
                    "item": {**item, "status": "in_progress", "arguments": ""},
                    "output_index": index,
                }
            )
            events.extend(
                {
                    "type": "response.function_call_arguments.delta",
                    "delta": delta,
                    "item_id": item_id,
                    "output_index": index,
                }
                for delta in deltas
            )
            events.append(
                {
                    "type": "response.function_call_arguments.done",
                    "arguments": item["arguments"],
                    "item_id": item_id,
                    "output_index": index,
                }
            )
        elif item["type"] != "message":  # MCP and computer items arrive whole
            events.append(
                {"type": "response.output_item.added", "item": item, "output_index": index}
            )
        else:
            part = item["content"][0]
            added = {**item, "status": "in_progress", "content": []}
            events.append(
                {"type": "response.output_item.added", "item": added, "output_index": index}
            )
            where = {"content_index": 0, "item_id": item_id, "output_index": index}
            events.append(
                {
                    "type": "response.content_part.added",
                    **where,
                    "part": {**part, "text": ""},
                }
            )
            events.extend(
                {"type": "response.output_text.delta", **where, "delta": d, "logprobs": []}
                for d in deltas
            )
            events.append(
                {"type": "response.output_text.done", **where, "logprobs": [], "text": part["text"]}
            )
            events.append({"type": "response.content_part.done", **where, "part": part})
        events.append({"type": "response.output_item.done", "item": item, "output_index": index})
    events.append({"type": "response.completed", "response": response})
    for number, event in enumerate(events):
        event["sequence_number"] = number
    return events


def cancel_response(stored: StoredResponse) -> dict[str, Any]:
    """`POST /v1/responses/{id}/cancel`: a background response becomes `cancelled`.

    Everything here completes at once, so other responses are returned unchanged.
    """
    if stored.response.get("background"):
        stored.response = {**stored.response, "status": "cancelled"}
    return stored.response


def list_input_items(stored: StoredResponse, query: dict[str, str]) -> dict[str, Any]:
    """A cursor page of the response's input items (`limit`, `after`, `order`)."""
    items = list(stored.input_items)
    if query.get("order", "desc") != "asc":
        items.reverse()
    after = query.get("after")
    if after:
        ids = [item.get("id") for item in items]
        items = items[ids.index(after) + 1 :] if after in ids else []
    try:
        limit = max(1, min(100, int(query.get("limit", "20"))))
    except ValueError:
        limit = 20
    page = items[:limit]
    return {
        "object": "list",
        "data": page,
        "first_id": page[0].get("id") if page else None,
        "last_id": page[-1].get("id") if page else None,
        "has_more": len(items) > limit,
    }
