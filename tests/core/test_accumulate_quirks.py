"""The Responses accumulator and early parse on recordings given each server quirk.

Each recording is transformed by `openai_oxide.testing.quirks` (alone and combined, always
with the final payload's output emptied and its usage dropped, so the result is what the
accumulator rebuilt), and the rebuilt output must equal the recorded final output, except
for the fields the removed events alone carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from core.test_accumulate import (
    ONLY_IN_DONE_ITEM,
    ONLY_IN_FINAL_OUTPUT,
    STREAMS,
    TRIMMED,
    load,
    strip,
)
from openai_oxide._core.accumulate import (
    TERMINAL,
    Delta,
    ResponseDone,
    ResponsesAccumulator,
    StreamStateError,
    TextDelta,
)
from openai_oxide._core.early import FunctionCallDone, ResponsesFunctionCalls
from openai_oxide.testing import quirks
from support import FIXTURES

Quirk = Callable[[Sequence[dict[str, Any]]], list[dict[str, Any]]]


def compose(*names: str) -> Quirk:
    def apply(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        out = list(events)
        for name in names:
            out = quirks.RESPONSES[name](out)
        return quirks.drop_final_fields(quirks.empty_final_output(out))

    return apply


def finals(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    acc = ResponsesAccumulator()
    return [
        dict(derived.response)
        for event in events
        for derived in acc.feed(event)
        if isinstance(derived, ResponseDone)
    ]


# Quirk combinations whose rebuilt output must equal the recording's (modulo `ignored`).
COMBINATIONS: list[tuple[str, ...]] = [
    (),
    *[(name,) for name in sorted(quirks.RESPONSES) if name not in ("empty_final_output",)],
    ("no_indexes", "no_output_item_added"),
    ("no_indexes", "no_output_item_done"),
    ("no_indexes", "no_arguments_done", "repeated_lifecycle_late"),
    ("no_indexes", "no_output_item_done", "no_arguments_done", "repeated_lifecycle"),
    ("no_output_index", "no_content_index", "no_output_item_added"),
]


def ignored(names: tuple[str, ...]) -> dict[str, set[str]]:
    if "no_output_item_done" not in names:
        return ONLY_IN_FINAL_OUTPUT
    return ONLY_IN_DONE_ITEM


@pytest.mark.parametrize("names", COMBINATIONS, ids=lambda n: "+".join(n) or "plain")
@pytest.mark.parametrize("path", STREAMS, ids=lambda p: p.name)
def test_rebuilt_output_equals_recorded(path: Path, names: tuple[str, ...]) -> None:
    events = load(path)
    expected = [e["response"] for e in events if e["type"] in TERMINAL]
    if path.name in TRIMMED and "no_output_item_done" in names:
        pytest.skip("the trimmed recording's deltas do not add up to its final text")
    got = finals(compose(*names)(events))
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    for rebuilt, recorded in zip(got, expected, strict=True):
        assert rebuilt["status"] == recorded["status"]
        assert rebuilt["usage"] is None or rebuilt["usage"] == recorded.get("usage")
        want = recorded["output"]
        if "no_output_item_added" in names and "no_output_item_done" in names:
            want = [item for item in want if item["type"] in ("message", "function_call")]
        assert strip(rebuilt["output"], ignored(names)) == strip(want, ignored(names))


@pytest.mark.parametrize("path", STREAMS, ids=lambda p: p.name)
def test_deltas_find_their_index_without_indexes(path: Path) -> None:
    if path.name in TRIMMED:
        pytest.skip("its output indexes have a gap, which only the indexes tell")
    events = load(path)
    acc = ResponsesAccumulator()
    for original, bare in zip(events, quirks.drop_event_fields(events), strict=True):
        for derived in acc.feed(bare):
            if isinstance(derived, Delta):
                assert derived.output_index == original["output_index"]
            if isinstance(derived, TextDelta):
                assert derived.content_index == original["content_index"]


def early_calls(events: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    calls = ResponsesFunctionCalls(partial=False)
    found = [c for e in events for c in calls.feed(e)]
    found += calls.feed_eof()
    return [(c.name, c.call_id, c.arguments_json) for c in found if isinstance(c, FunctionCallDone)]


CALLS = FIXTURES / "responses-streams" / "openai-reasoning-encrypted-content.1.chunks.txt"


@pytest.mark.parametrize("names", COMBINATIONS, ids=lambda n: "+".join(n) or "plain")
def test_early_parse_hands_over_each_call_once(names: tuple[str, ...]) -> None:
    events = load(CALLS)
    expected = [
        (item["name"], item["call_id"], item["arguments"])
        for e in events
        if e["type"] == "response.output_item.done" and e["item"]["type"] == "function_call"
        for item in [e["item"]]
    ]
    got = early_calls(compose(*names)(events))
    if "no_output_item_added" in names and "no_output_item_done" in names:
        assert [args for *_, args in got] == [args for *_, args in expected]
    else:
        assert got == expected


def test_early_parse_moment_without_done_events() -> None:
    """Without arguments.done a call is handed over at output_item.done; without that too,
    at response.completed, before anything after it."""
    events = load(CALLS)
    for names, moment in [
        (("no_arguments_done",), "response.output_item.done"),
        (("no_arguments_done", "no_output_item_done"), "response.completed"),
    ]:
        calls = ResponsesFunctionCalls(partial=False)
        moments = [e["type"] for e in compose(*names)(events) for _ in calls.feed(e)]
        assert moments == [moment] * 3


def test_lenient_edge_cases() -> None:
    acc = ResponsesAccumulator()
    # No response.created: the snapshot starts at the first event.
    acc.feed({"type": "response.output_text.delta", "delta": "Hi"})
    acc.feed({"type": "response.in_progress", "response": {"id": "r", "model": "m"}})
    acc.feed({"type": "response.created", "response": {"id": "r", "output": []}})
    acc.feed({"type": "response.output_text.delta", "delta": " there"})
    assert acc.snapshot is not None and acc.snapshot["model"] == "m"
    assert acc.snapshot["output"][0]["content"][0]["text"] == "Hi there"
    # A terminal event without a response: the snapshot, with the status it names.
    [done] = acc.feed({"type": "response.incomplete"})
    assert isinstance(done, ResponseDone) and done.response["status"] == "incomplete"
    assert done.response["output"][0]["status"] == "in_progress"  # not completed
    # A straggler after the end, or a repeat of the ended response, changes nothing.
    acc.feed({"type": "response.output_text.delta", "delta": "!"})
    acc.feed({"type": "response.created", "response": {"id": "r", "output": []}})
    assert acc.final is done.response and acc.snapshot is done.response
    # A new response id starts a new response.
    acc.feed({"type": "response.in_progress", "response": {"id": "r2"}})
    assert acc.snapshot is not None and acc.snapshot["id"] == "r2" and not acc.done
    # Indexes that are null or negative count as missing; parts past the end are appended.
    acc.feed({"type": "response.output_text.delta", "output_index": None, "content_index": 7,
              "delta": "a"})  # fmt: skip
    acc.feed({"type": "response.output_text.delta", "output_index": -1, "delta": "b"})
    assert acc.snapshot["output"] == [
        {"type": "message", "status": "in_progress", "content": [
            {"type": "output_text", "annotations": [], "logprobs": [], "text": "ab"}],
         "role": "assistant"}]  # fmt: skip
    with pytest.raises(StreamStateError, match="not a string"):
        acc.feed({"type": "response.output_text.delta", "delta": 3})


def test_parallel_calls_told_apart_by_item_id() -> None:
    acc = ResponsesAccumulator()
    for item_id, delta in [("a", '{"x"'), ("b", '{"y"'), ("a", ":1}"), ("b", ":2}")]:
        acc.feed({"type": "response.function_call_arguments.delta", "item_id": item_id,
                  "delta": delta})  # fmt: skip
    [done] = acc.feed({"type": "response.completed", "response": {"id": "r", "output": []}})
    assert isinstance(done, ResponseDone)
    assert [(i["id"], i["arguments"], i["status"]) for i in done.response["output"]] == [
        ("a", '{"x":1}', "completed"),
        ("b", '{"y":2}', "completed"),
    ]


def test_a_call_named_at_arguments_done_is_handed_over_once() -> None:
    """No output_item.added and no item_id: the call is made by its first delta without an
    id; arguments.done names it, and output_item.done (with an id) is the same call."""
    calls = ResponsesFunctionCalls(partial=False)
    item = {"type": "function_call", "id": "fc", "call_id": "c", "name": "f", "arguments": "{}"}
    got = [
        found
        for event in [
            {"type": "response.function_call_arguments.delta", "delta": "{}"},
            {"type": "response.function_call_arguments.done", "name": "f", "arguments": "{}"},
            {"type": "response.output_item.done", "item": item},
            {"type": "response.completed", "response": {"output": [item]}},
        ]
        for found in calls.feed(event)
    ]
    assert [(c.name, c.arguments_json) for c in got if isinstance(c, FunctionCallDone)] == [
        ("f", "{}")
    ]
