"""Quirks of OpenAI-compatible servers, as pure transforms of a well-formed stream.

Each transform takes the events of a stream as OpenAI sends it (Responses event dicts, or
`chat.completion.chunk` dicts) and returns a new list that departs from OpenAI in one way
seen on real servers (llama.cpp's llama-server, vLLM, Ollama, LM Studio, LiteLLM, Azure).
Inputs are never mutated. `to_sse` frames events as bytes, with the ending and the
keep-alives a server chooses. `RESPONSES` and `CHAT` name every transform, so the fake
server's profiles and the SDK's tests apply the same ones.

Nothing here imports the SDK: the fake server and the tests share it as an independent
oracle. Only the fake server's profiles (h/profiles) and the stream helpers' tests edit it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

__all__ = [
    "CHAT",
    "ENDINGS",
    "RESPONSES",
    "Ending",
    "Events",
    "add_empty_choice_chunks",
    "drop_choice_index",
    "drop_event_fields",
    "drop_events",
    "drop_final_fields",
    "drop_tool_call_index",
    "empty_final_output",
    "rename_finish_reasons",
    "repeat_lifecycle",
    "repeat_role",
    "repeat_tool_call_id",
    "set_object",
    "to_sse",
    "usage_on_every_chunk",
]

Events = list[dict[str, Any]]
Ending = Literal["[DONE]", "done-event", "done-event-empty", "close"]
ENDINGS: tuple[Ending, ...] = ("[DONE]", "done-event", "done-event-empty", "close")

TERMINAL = frozenset({"response.completed", "response.failed", "response.incomplete"})
LIFECYCLE = ("response.created", "response.in_progress")
INDEX_FIELDS = ("output_index", "content_index", "item_id", "sequence_number")


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _copies(events: Iterable[Mapping[str, Any]]) -> Events:
    return [_copy(e) for e in events]


# ----------------------------------------------------------------- Responses events


def drop_event_fields(
    events: Sequence[Mapping[str, Any]], fields: Iterable[str] = INDEX_FIELDS
) -> Events:
    """Remove top-level `fields` from every event (not from the items and responses they
    carry): a server that sends no `output_index`, `content_index`, `item_id` or
    `sequence_number`."""
    drop = frozenset(fields)
    return [{k: _copy(v) for k, v in e.items() if k not in drop} for e in events]


def drop_events(events: Sequence[Mapping[str, Any]], types: Iterable[str]) -> Events:
    """Leave out every event whose `type` is in `types` (e.g. no `output_item.added`)."""
    drop = frozenset(types)
    return [_copy(e) for e in events if e.get("type") not in drop]


def repeat_lifecycle(events: Sequence[Mapping[str, Any]], *, after_output: bool = False) -> Events:
    """Send each `response.created` and `response.in_progress` twice.

    The copies follow the originals, or, with `after_output`, come again right after the
    next other event of the same response (the first output), once output has started.
    """
    out: Events = []
    pending: Events = []  # copies waiting for the first output of their response
    for event in events:
        out.append(_copy(event))
        if event.get("type") in LIFECYCLE:
            (pending if after_output else out).append(_copy(event))
        elif pending:
            out += pending
            pending = []
    return out + pending


def _terminal(events: Events) -> dict[str, Any] | None:
    for event in reversed(events):
        if event.get("type") in TERMINAL and isinstance(event.get("response"), dict):
            response: dict[str, Any] = event["response"]
            return response
    return None


def empty_final_output(events: Sequence[Mapping[str, Any]]) -> Events:
    """`response.completed` (or failed/incomplete) with `output: []`."""
    out = _copies(events)
    response = _terminal(out)
    if response is not None:
        response["output"] = []
    return out


def drop_final_fields(
    events: Sequence[Mapping[str, Any]], fields: Iterable[str] = ("usage",)
) -> Events:
    """The terminal event's `response` without `fields` (by default: no usage)."""
    out = _copies(events)
    response = _terminal(out)
    if response is not None:
        for name in fields:
            response.pop(name, None)
    return out


# ------------------------------------------------------------------------ chat chunks


def _deltas(chunks: Events) -> Iterable[dict[str, Any]]:
    for chunk in chunks:
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta")
            if isinstance(delta, dict):
                yield delta


def add_empty_choice_chunks(chunks: Sequence[Mapping[str, Any]]) -> Events:
    """A chunk with `choices: []` first (Azure's prompt filter results) and one last."""
    out = _copies(chunks)
    if not out:
        return out
    first, last = out[0], out[-1]
    head = {k: _copy(v) for k, v in first.items() if k not in ("choices", "usage")}
    head.update(choices=[], prompt_filter_results=[{"prompt_index": 0}])
    tail = {k: _copy(v) for k, v in last.items() if k not in ("choices", "usage")}
    tail["choices"] = []
    return [head, *out, tail]


def drop_choice_index(chunks: Sequence[Mapping[str, Any]]) -> Events:
    """Choices with no `index` (a single-choice server that leaves it out)."""
    out = _copies(chunks)
    for chunk in out:
        for choice in chunk.get("choices") or ():
            choice.pop("index", None)
    return out


def drop_tool_call_index(chunks: Sequence[Mapping[str, Any]]) -> Events:
    """Tool-call deltas with no `index`."""
    out = _copies(chunks)
    for delta in _deltas(out):
        for call in delta.get("tool_calls") or ():
            call.pop("index", None)
    return out


def repeat_tool_call_id(chunks: Sequence[Mapping[str, Any]], *, name: bool = True) -> Events:
    """Every tool-call delta repeats its call's `id` and `type` (and `function.name`)."""
    out = _copies(chunks)
    seen: dict[Any, dict[str, Any]] = {}  # tool call index -> {"id", "type", "name"}
    for delta in _deltas(out):
        for call in delta.get("tool_calls") or ():
            known = seen.setdefault(call.get("index"), {})
            function = call.get("function") or {}
            for key, value in (("id", call.get("id")), ("type", call.get("type"))):
                if value is not None:
                    known[key] = value
                elif key in known:
                    call[key] = known[key]
            if function.get("name"):
                known["name"] = function["name"]
            elif name and "name" in known:
                call["function"] = {**function, "name": known["name"]}
    return out


def rename_finish_reasons(
    chunks: Sequence[Mapping[str, Any]],
    names: Mapping[str, str] | None = None,
) -> Events:
    """finish_reason values outside the spec: "stop" -> "eos", "tool_calls" -> "tool_call"."""
    mapping = dict(names) if names is not None else {"stop": "eos", "tool_calls": "tool_call"}
    out = _copies(chunks)
    for chunk in out:
        for choice in chunk.get("choices") or ():
            reason = choice.get("finish_reason")
            if reason in mapping:
                choice["finish_reason"] = mapping[reason]
    return out


def usage_on_every_chunk(chunks: Sequence[Mapping[str, Any]]) -> Events:
    """Usage on every chunk, running (vLLM's continuous usage stats): the completion tokens
    counted so far, ending at the stream's own usage when it has one."""
    out = _copies(chunks)
    final = next((c["usage"] for c in reversed(out) if c.get("usage")), None)
    prompt = final.get("prompt_tokens", 0) if final else 0
    for count, chunk in enumerate(out, start=1):
        if chunk.get("usage"):
            continue
        if final is not None and count == len(out):
            chunk["usage"] = _copy(final)
        else:
            used = count if final is None else min(count, final.get("completion_tokens", count))
            chunk["usage"] = {
                "prompt_tokens": prompt,
                "completion_tokens": used,
                "total_tokens": prompt + used,
            }
    return out


def set_object(chunks: Sequence[Mapping[str, Any]], value: str = "chat.completion") -> Events:
    """Every chunk's `object` replaced (some servers send "chat.completion" or "")."""
    out = _copies(chunks)
    for chunk in out:
        chunk["object"] = value
    return out


def repeat_role(chunks: Sequence[Mapping[str, Any]]) -> Events:
    """`role: "assistant"` in every delta, not only the first."""
    out = _copies(chunks)
    for delta in _deltas(out):
        delta["role"] = "assistant"
    return out


# ---------------------------------------------------------------------------- framing

_KEEPALIVES = (b": keep-alive\n\n", b"event: ping\ndata: {}\n\n", b'data: {"type":"ping"}\n\n')
_ENDINGS: dict[Ending, bytes] = {
    "[DONE]": b"data: [DONE]\n\n",
    "done-event": b"event: done\ndata: {}\n\n",
    "done-event-empty": b"event: done\ndata:\n\n",
    "close": b"",
}


def to_sse(
    events: Iterable[Mapping[str, Any]],
    *,
    named: bool = False,
    end: Ending = "[DONE]",
    keepalive: bool = False,
    dumps: Callable[[Any], str] = lambda value: json.dumps(value, separators=(",", ":")),
) -> bytes:
    """SSE bytes for `events`: `event: <type>` lines when `named` (as OpenAI sends Responses
    events), the given ending, and with `keepalive` a comment line or a `ping` event
    (`event: ping` / `data: {}`, or `{"type":"ping"}`) before every event and the end."""
    parts: list[bytes] = []
    for count, event in enumerate(events):
        if keepalive:
            parts.append(_KEEPALIVES[count % len(_KEEPALIVES)])
        kind = event.get("type")
        head = b"event: " + str(kind).encode() + b"\n" if named and kind else b""
        parts.append(head + b"data: " + dumps(event).encode() + b"\n\n")
    if keepalive:
        parts.append(_KEEPALIVES[0])
    parts.append(_ENDINGS[end])
    return b"".join(parts)


# ------------------------------------------------------------------------------ names

Quirk = Callable[[Sequence[Mapping[str, Any]]], Events]

RESPONSES: dict[str, Quirk] = {
    "no_output_index": lambda e: drop_event_fields(e, ("output_index",)),
    "no_content_index": lambda e: drop_event_fields(e, ("content_index",)),
    "no_item_id": lambda e: drop_event_fields(e, ("item_id",)),
    "no_sequence_number": lambda e: drop_event_fields(e, ("sequence_number",)),
    "no_indexes": drop_event_fields,
    "repeated_lifecycle": repeat_lifecycle,
    "repeated_lifecycle_late": lambda e: repeat_lifecycle(e, after_output=True),
    "no_output_item_added": lambda e: drop_events(e, ("response.output_item.added",)),
    "no_output_item_done": lambda e: drop_events(e, ("response.output_item.done",)),
    "no_arguments_done": lambda e: drop_events(e, ("response.function_call_arguments.done",)),
    "empty_final_output": empty_final_output,
    "no_final_usage": drop_final_fields,
}
"""Each Responses quirk on its own, by name."""

CHAT: dict[str, Quirk] = {
    "empty_choices": add_empty_choice_chunks,
    "no_choice_index": drop_choice_index,
    "no_tool_call_index": drop_tool_call_index,
    "tool_call_id_every_chunk": repeat_tool_call_id,
    "finish_reason_outside_spec": rename_finish_reasons,
    "usage_every_chunk": usage_on_every_chunk,
    "object_chat_completion": set_object,
    "object_empty": lambda c: set_object(c, ""),
    "role_every_chunk": repeat_role,
}
"""Each chat quirk on its own, by name."""
