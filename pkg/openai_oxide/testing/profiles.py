"""Compatibility profiles: the quirks of OpenAI-compatible servers, by name, on demand.

A quirk changes how a stream departs from OpenAI's; the transforms live in `quirks.py`.
Every quirk can be asked for on its own (`Fault(quirks=[...])`, the `quirks` field of
`x-fake-fault` or of `POST /__fake__/faults`, `POST /__fake__/profile {"quirks": [...]}`),
or grouped as a profile named after a server that shows it (`Fault(profile="vllm")`,
`FakeOpenAI(profile="ollama")`, `python -m openai_oxide.testing --profile ollama`). A
profile is exactly the union of its quirks. Quirks change streamed answers only
(`stream: true`, over SSE, and WebSocket turns for the event quirks); JSON bodies and
replays are left as they are. Unknown names are refused with the list of valid ones. A
fault's event indexes (`drop_after_events`, ...) count keep-alives and the ending as events.

Responses events (named as in `quirks.RESPONSES`):
    no_output_index, no_content_index, no_item_id, no_sequence_number   that field dropped
    no_indexes                  all four dropped
    repeated_lifecycle          response.created / response.in_progress sent twice
    repeated_lifecycle_late     ... and again once output has started
    no_output_item_added, no_output_item_done, no_arguments_done   those events left out
    empty_final_output          response.completed carries `output: []`
    no_final_usage              response.completed carries no `usage`
Chat chunks (`quirks.CHAT`):
    empty_choices               a `choices: []` chunk first (prompt filter results) and last
    content_filter_results      Azure's `content_filter_results` on every choice
    no_choice_index             choices without `index`
    no_tool_call_index          tool-call deltas without `index`
    tool_call_id_every_chunk    every tool-call delta repeats its `id`, `type` and name
    finish_reason_outside_spec  "stop" -> "eos", "tool_calls" -> "tool_call"
    usage_every_chunk           running usage on every chunk (even without include_usage)
    object_chat_completion, object_empty   `object` is "chat.completion" / ""
    role_every_chunk            `role: "assistant"` in every delta
Framing (both APIs; the ending replaces the API's own: `[DONE]` for chat, none for Responses):
    end_done                    `data: [DONE]`
    end_done_event              `event: done` + `data: {}`
    end_done_event_empty        `event: done` + empty data
    end_close                   nothing: the connection closes after the last event
    keepalive                   comment lines and `ping` events before every event

Profiles (plausible sets, gathered from these servers' issue trackers; versions differ):
    openai      none (the default)
    llama.cpp   tool_call_id_every_chunk, finish_reason_outside_spec, no_sequence_number,
                no_arguments_done, end_close
    vllm        usage_every_chunk, role_every_chunk, repeated_lifecycle, empty_final_output,
                keepalive, end_done
    ollama      no_choice_index, no_tool_call_index, object_chat_completion, no_output_index,
                no_content_index, no_item_id, no_output_item_done, end_done_event
    azure       empty_choices, content_filter_results, no_output_item_added, no_final_usage
None of the four has the Responses WebSocket mode (`PROFILE_WEBSOCKET`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from . import quirks

__all__ = [
    "CHAT_QUIRKS",
    "FRAMING_QUIRKS",
    "PROFILES",
    "PROFILE_WEBSOCKET",
    "QUIRKS",
    "RESPONSES_QUIRKS",
    "apply_chat",
    "apply_responses",
    "resolve",
    "sse_body",
]

_FILTERED = {"filtered": False, "severity": "safe"}
_FILTERS = ("hate", "self_harm", "sexual", "violence")


def add_content_filter_results(chunks: Sequence[Mapping[str, Any]]) -> quirks.Events:
    """Azure's `content_filter_results` on every choice (an extra field the spec lacks)."""
    out: quirks.Events = []
    for chunk in chunks:
        choices = [
            {**choice, "content_filter_results": {name: dict(_FILTERED) for name in _FILTERS}}
            for choice in chunk.get("choices") or ()
        ]
        out.append({**chunk, "choices": choices})
    return out


_CHAT: dict[str, quirks.Quirk] = {
    **quirks.CHAT,
    "content_filter_results": add_content_filter_results,
}
_ENDINGS: dict[str, quirks.Ending] = {
    "end_done": "[DONE]",
    "end_done_event": "done-event",
    "end_done_event_empty": "done-event-empty",
    "end_close": "close",
}
KEEPALIVE = "keepalive"

RESPONSES_QUIRKS: tuple[str, ...] = tuple(quirks.RESPONSES)
CHAT_QUIRKS: tuple[str, ...] = tuple(_CHAT)
FRAMING_QUIRKS: tuple[str, ...] = (*_ENDINGS, KEEPALIVE)
QUIRKS: tuple[str, ...] = (*RESPONSES_QUIRKS, *CHAT_QUIRKS, *FRAMING_QUIRKS)
"""Every quirk name, in the order the transforms are applied."""

PROFILES: dict[str, frozenset[str]] = {
    "openai": frozenset(),
    "llama.cpp": frozenset(
        {
            "tool_call_id_every_chunk",
            "finish_reason_outside_spec",
            "no_sequence_number",
            "no_arguments_done",
            "end_close",
        }
    ),
    "vllm": frozenset(
        {
            "usage_every_chunk",
            "role_every_chunk",
            "repeated_lifecycle",
            "empty_final_output",
            "keepalive",
            "end_done",
        }
    ),
    "ollama": frozenset(
        {
            "no_choice_index",
            "no_tool_call_index",
            "object_chat_completion",
            "no_output_index",
            "no_content_index",
            "no_item_id",
            "no_output_item_done",
            "end_done_event",
        }
    ),
    "azure": frozenset(
        {"empty_choices", "content_filter_results", "no_output_item_added", "no_final_usage"}
    ),
}
PROFILE_WEBSOCKET: dict[str, bool] = {name: name == "openai" for name in PROFILES}
"""Whether the server the profile is named after has the Responses WebSocket mode."""


def resolve(profile: str | None = None, names: Iterable[str] = ()) -> frozenset[str]:
    """The quirks of `profile` plus `names`; ValueError naming the valid ones otherwise."""
    if profile is not None and profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; valid profiles: {', '.join(PROFILES)}")
    if isinstance(names, str):
        raise ValueError("quirks must be a list of names")
    chosen = set(names)
    unknown = sorted(chosen.difference(QUIRKS))
    if unknown:
        raise ValueError(f"unknown quirks {unknown}; valid quirks: {', '.join(QUIRKS)}")
    endings = [name for name in _ENDINGS if name in chosen]
    if len(endings) > 1:
        raise ValueError(f"choose one ending at most, not {endings}")
    return frozenset(chosen | (PROFILES[profile] if profile else set()))


def apply_responses(events: list[dict[str, Any]], names: frozenset[str]) -> list[dict[str, Any]]:
    """Responses events with the event quirks among `names` applied."""
    for name, transform in quirks.RESPONSES.items():
        if name in names:
            events = transform(events)
    return events


def apply_chat(chunks: list[dict[str, Any]], names: frozenset[str]) -> list[dict[str, Any]]:
    """Chat chunks with the chunk quirks among `names` applied."""
    for name, transform in _CHAT.items():
        if name in names:
            chunks = transform(chunks)
    return chunks


def sse_body(
    events: Iterable[Mapping[str, Any]],
    names: frozenset[str],
    *,
    named: bool,
    ending: quirks.Ending,
    dumps: Callable[[Any], bytes],
) -> bytes:
    """The SSE body of `events`: `event:` lines when `named` (Responses), the API's own
    `ending` unless a quirk picks another, keep-alives when asked for."""
    end = next((_ENDINGS[name] for name in _ENDINGS if name in names), ending)
    return quirks.to_sse(
        events,
        named=named,
        end=end,
        keepalive=KEEPALIVE in names,
        dumps=lambda value: dumps(value).decode(),
    )
