"""Chat Completions: deterministic completion bodies and their stream chunks.

Same rules as the Responses fake: function tools give tool calls unless the conversation
ends with a `tool` message, and `response_format` json_schema gives a JSON instance.
Compare the chunk shapes with ../shared/fixtures/chat-streams/*.bin.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from .content import content_text, estimate_tokens, json_deltas, new_id, reply_text, text_deltas
from .errors import error_body, missing_param
from .instances import function_arguments, instance_for_schema
from .responses import RequestError

__all__ = ["create_completion", "stream_chunks"]

_MAX_CALLS = 3
_FINGERPRINT = "fp_fake0oxide"


def _tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    tools = [
        t["function"]
        for t in body.get("tools") or []
        if isinstance(t, dict)
        and t.get("type") == "function"
        and isinstance(t.get("function"), dict)
    ]
    choice = body.get("tool_choice", "auto")
    if choice == "none":
        return []
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name")
        tools = [t for t in tools if t.get("name") == name]
    limit = 1 if body.get("parallel_tool_calls") is False else _MAX_CALLS
    return tools[:limit]


def create_completion(body: Any, request_size: int) -> dict[str, Any]:
    """Validate a create body and build the `chat.completion` object.

    Raises RequestError when `model` or `messages` is missing.
    """
    if not isinstance(body, dict):
        raise RequestError(400, error_body("The request body must be a JSON object."))
    if not body.get("model"):
        raise RequestError(400, missing_param("model"))
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestError(400, missing_param("messages"))
    last = messages[-1] if isinstance(messages[-1], dict) else {}
    after_tool = last.get("role") == "tool"
    forced = body.get("tool_choice") == "required" or isinstance(body.get("tool_choice"), dict)
    tools = [] if after_tool and not forced else _tools(body)
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    if tools:
        message["tool_calls"] = [
            {
                "id": new_id("call_", 24),
                "type": "function",
                "function": {
                    "name": t.get("name", ""),
                    "arguments": orjson.dumps(function_arguments(t.get("parameters"))).decode(),
                },
            }
            for t in tools
        ]
        finish = "tool_calls"
        out_tokens = sum(
            len(json_deltas(c["function"]["arguments"])) for c in message["tool_calls"]
        )
    else:
        fmt = body.get("response_format") if isinstance(body.get("response_format"), dict) else {}
        user_text = ""
        for msg in reversed(messages):
            if isinstance(msg, dict) and msg.get("role") in ("user", "system", "developer"):
                user_text = content_text(msg.get("content"))
                break
        if fmt and fmt.get("type") == "json_schema":
            schema = (fmt.get("json_schema") or {}).get("schema") or {}
            text = orjson.dumps(instance_for_schema(schema)).decode()
        elif fmt and fmt.get("type") == "json_object":
            text = orjson.dumps({"answer": reply_text(user_text)}).decode()
        elif after_tool:
            text = reply_text("", content_text(last.get("content")))
        else:
            text = reply_text(user_text)
        message["content"] = text
        message["annotations"] = []
        finish = "stop"
        out_tokens = len(_content_deltas(text))
    in_tokens = estimate_tokens(request_size)
    return {
        "id": new_id("chatcmpl-", 29),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": in_tokens,
            "completion_tokens": out_tokens,
            "total_tokens": in_tokens + out_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
        "service_tier": "default",
        "system_fingerprint": _FINGERPRINT,
    }


def _content_deltas(text: str) -> list[str]:
    return json_deltas(text) if text.startswith("{") else text_deltas(text)


def stream_chunks(completion: dict[str, Any], include_usage: bool) -> list[dict[str, Any]]:
    """The `chat.completion.chunk` objects of a streamed completion (without `[DONE]`)."""
    head = {
        "id": completion["id"],
        "object": "chat.completion.chunk",
        "created": completion["created"],
        "model": completion["model"],
        "service_tier": completion["service_tier"],
        "system_fingerprint": completion["system_fingerprint"],
    }
    extra: dict[str, Any] = {"usage": None} if include_usage else {}
    choice = completion["choices"][0]
    message = choice["message"]

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        body = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {**head, "choices": [body], **extra}

    chunks: list[dict[str, Any]] = []
    calls = message.get("tool_calls")
    if calls:
        for index, call in enumerate(calls):
            first: dict[str, Any] = {
                "tool_calls": [
                    {
                        "index": index,
                        "id": call["id"],
                        "type": "function",
                        "function": {"name": call["function"]["name"], "arguments": ""},
                    }
                ]
            }
            if index == 0:
                first = {"role": "assistant", "content": None, **first, "refusal": None}
            chunks.append(chunk(first))
            chunks.extend(
                chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
                for piece in json_deltas(call["function"]["arguments"])
            )
    else:
        chunks.append(chunk({"role": "assistant", "content": "", "refusal": None}))
        chunks.extend(chunk({"content": piece}) for piece in _content_deltas(message["content"]))
    chunks.append(chunk({}, choice["finish_reason"]))
    if include_usage:
        chunks.append({**head, "choices": [], "usage": completion["usage"]})
    return chunks
