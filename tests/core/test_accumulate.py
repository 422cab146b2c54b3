from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_oxide._core.accumulate import (
    TERMINAL,
    Delta,
    FunctionCallArgumentsDelta,
    ItemAdded,
    ItemDone,
    ReasoningSummaryTextDelta,
    ResponseDone,
    ResponsesAccumulator,
    StreamEvent,
    StreamStateError,
    TextDelta,
    copy_json,
)
from support import FIXTURES

STREAMS = sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))
TRIMMED = {"openai-phase.1.chunks.txt"}  # its deltas do not add up to the final text

# Fields an item built from deltas lacks or holds stale until its output_item.done copy.
ONLY_IN_DONE_ITEM = {
    "function_call": {"status"},
    "message": {"status"},
    "custom_tool_call": {"status"},
    "shell_call": {"status", "action"},
    "code_interpreter_call": {"outputs"},
    "file_search_call": {"queries", "results"},
    "image_generation_call": {
        "size", "quality", "result", "background", "revised_prompt", "output_format",
    },
    "mcp_list_tools": {"tools"},
    "mcp_call": {"output"},
    "web_search_call": {"action"},
    "reasoning": {"encrypted_content"},
}  # fmt: skip
# Fields where response.completed's output differs from the output_item.done copies.
ONLY_IN_FINAL_OUTPUT = {"reasoning": {"encrypted_content"}}


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def strip(items: list[Any], fields: dict[str, set[str]]) -> list[Any]:
    return [
        {k: v for k, v in item.items() if k not in fields.get(item.get("type"), set())}
        for item in items
    ]


@pytest.mark.parametrize("path", STREAMS, ids=lambda p: p.name)
def test_replay_matches_completed_payload(path: Path) -> None:
    events = load(path)
    before = [copy_json(e) for e in events]
    acc = ResponsesAccumulator()
    terminals = 0
    for event in events:
        kind = event["type"]
        if kind == "response.output_item.done" and path.name not in TRIMMED:
            built = copy_json(acc._items[event["output_index"]])
            assert strip([built], ONLY_IN_DONE_ITEM) == strip([event["item"]], ONLY_IN_DONE_ITEM)
        if kind in TERMINAL:
            assert acc.snapshot is not None
            expected = event["response"]["output"]
            assert strip(acc.snapshot["output"], ONLY_IN_FINAL_OUTPUT) == strip(
                expected, ONLY_IN_FINAL_OUTPUT
            )
        derived = acc.feed(event)
        assert len(derived) == 1 and derived[0].raw is event and derived[0].type == kind
        if kind in TERMINAL:
            terminals += 1
            assert acc.snapshot == event["response"] and acc.final is event["response"]
            assert acc.done and isinstance(derived[0], ResponseDone)
    assert terminals == sum(e["type"] == "response.created" for e in events)
    assert events == before  # the input dicts were never mutated


@pytest.mark.parametrize("path", STREAMS, ids=lambda p: p.name)
def test_text_delta_snapshots(path: Path) -> None:
    acc = ResponsesAccumulator()
    texts: dict[tuple[str, int], str] = {}
    for event in load(path):
        for derived in acc.feed(event):
            if isinstance(derived, Delta):
                key = (derived.type + str(derived.item_id), getattr(derived, "content_index", 0))
                key = (key[0], getattr(derived, "summary_index", key[1]))
                texts[key] = texts.get(key, "") + derived.delta
                if derived.type != "response.shell_call_command.delta":
                    assert derived.snapshot == texts[key]


def test_derived_event_types() -> None:
    events = load(
        FIXTURES / "responses-streams" / "openai-reasoning-encrypted-content.1.chunks.txt"
    )
    acc = ResponsesAccumulator()
    seen: dict[type[StreamEvent], int] = {}
    last_call: FunctionCallArgumentsDelta | None = None
    for event in events:
        for derived in acc.feed(event):
            seen[type(derived)] = seen.get(type(derived), 0) + 1
            if isinstance(derived, FunctionCallArgumentsDelta):
                last_call = derived
    assert seen[ResponseDone] == 4 and seen[ItemAdded] == 5 and seen[ItemDone] == 5
    assert seen[TextDelta] == 8 and seen[ReasoningSummaryTextDelta] == 32
    assert seen[FunctionCallArgumentsDelta] == 39
    assert last_call is not None and last_call.name and last_call.call_id
    assert json.loads(last_call.snapshot)


def test_output_without_final_output_is_filled_in() -> None:
    acc = ResponsesAccumulator()
    acc.feed({"type": "response.created", "response": {"id": "r", "output": None}})
    item = {"id": "fc", "type": "function_call", "name": "f", "call_id": "c", "arguments": ""}
    acc.feed({"type": "response.output_item.added", "output_index": 0, "item": item})
    acc.feed({"type": "response.function_call_arguments.delta", "output_index": 0,
              "item_id": "fc", "delta": "{}"})  # fmt: skip
    [done] = acc.feed({"type": "response.incomplete", "response": {"id": "r", "output": None}})
    assert isinstance(done, ResponseDone)
    assert done.response["output"][0]["arguments"] == "{}"
    assert item["arguments"] == ""


def test_lookup_by_item_id_and_status_events() -> None:
    acc = ResponsesAccumulator()
    acc.feed({"type": "response.created", "response": {"id": "r", "output": []}})
    item = {"id": "ws", "type": "web_search_call", "status": "in_progress"}
    acc.feed({"type": "response.output_item.added", "output_index": 3, "item": item})
    acc.feed({"type": "response.web_search_call.searching", "item_id": "ws"})
    assert acc.snapshot is not None and acc.snapshot["output"][0]["status"] == "searching"
    acc.feed({"type": "response.image_generation_call.partial_image", "output_index": 3})
    acc.feed({"type": "response.something_new", "output_index": 99})
    assert acc.snapshot["output"][0]["status"] == "searching"


def test_what_no_reader_could_apply() -> None:
    """Only a delta that is not a string is a fault; a missing part or item is rebuilt
    (tests/core/test_accumulate_quirks.py), and events after the end change nothing."""
    acc = ResponsesAccumulator()
    acc.feed({"type": "response.created", "response": {"id": "r"}})
    with pytest.raises(StreamStateError):
        acc.feed({"type": "response.function_call_arguments.delta", "delta": None})
    acc.feed({"type": "response.completed", "response": {"id": "r", "output": []}})
    assert acc.feed({"type": "response.in_progress", "response": {"id": "r"}})[0].raw
    assert acc.final == {"id": "r", "output": [], "status": "completed"}
    assert acc.feed({"type": "error", "error": {}})[0].type == "error"


def test_refusal_and_reasoning_text_deltas() -> None:
    acc = ResponsesAccumulator()
    acc.feed({"type": "response.created", "response": {"id": "r", "output": []}})
    message = {"id": "m", "type": "message", "content": []}
    reasoning = {"id": "rs", "type": "reasoning", "summary": []}
    acc.feed({"type": "response.output_item.added", "output_index": 0, "item": reasoning})
    acc.feed({"type": "response.output_item.added", "output_index": 1, "item": message})
    part = {"type": "reasoning_text", "text": ""}
    acc.feed({"type": "response.content_part.added", "output_index": 0, "content_index": 0,
              "item_id": "rs", "part": part})  # fmt: skip
    refusal = {"type": "refusal", "refusal": ""}
    acc.feed({"type": "response.content_part.added", "output_index": 1, "content_index": 0,
              "item_id": "m", "part": refusal})  # fmt: skip
    out: list[StreamEvent] = []
    for text in ("I ", "think"):
        out += acc.feed({"type": "response.reasoning_text.delta", "output_index": 0,
                         "content_index": 0, "item_id": "rs", "delta": text})  # fmt: skip
    for text in ("No", "pe"):
        out += acc.feed({"type": "response.refusal.delta", "output_index": 1,
                         "content_index": 0, "item_id": "m", "delta": text})  # fmt: skip
    assert [(type(e).__name__, getattr(e, "snapshot", None)) for e in out] == [
        ("ReasoningTextDelta", "I "),
        ("ReasoningTextDelta", "I think"),
        ("RefusalDelta", "No"),
        ("RefusalDelta", "Nope"),
    ]
    acc.feed({"type": "response.refusal.done", "output_index": 1, "content_index": 0,
              "item_id": "m", "refusal": "Nope."})  # fmt: skip
    assert acc.snapshot is not None
    assert acc.snapshot["output"][1]["content"] == [{"type": "refusal", "refusal": "Nope."}]
    assert acc.snapshot["output"][0]["content"] == [{"type": "reasoning_text", "text": "I think"}]
    assert part["text"] == "" and refusal["refusal"] == ""
