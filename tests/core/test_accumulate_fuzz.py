"""Whatever arrives, the accumulators and early parse raise nothing but their own typed
error: never KeyError, IndexError, TypeError or AttributeError (Hypothesis)."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from openai_oxide._core.accumulate import ResponsesAccumulator, StreamStateError
from openai_oxide._core.early import ChatFunctionCalls, ResponsesFunctionCalls

RESPONSE_TYPES = [
    "response.created", "response.in_progress", "response.completed", "response.incomplete",
    "response.output_item.added", "response.output_item.done", "response.content_part.added",
    "response.content_part.done", "response.output_text.delta", "response.output_text.done",
    "response.function_call_arguments.delta", "response.function_call_arguments.done",
    "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
    "response.output_text.annotation.added", "response.shell_call_command.added",
    "response.shell_call_command.delta", "response.web_search_call.searching", "error",
]  # fmt: skip
scalars = st.none() | st.booleans() | st.integers(-2, 3) | st.sampled_from(["", "a", "{", "}"])
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "id", "text", "output", "index"]), inner, max_size=3
        )
    ),
    max_leaves=8,
)
item_types = st.sampled_from(["message", "function_call", "reasoning", "shell_call", 7, None])
items = st.fixed_dictionaries(
    {"type": item_types},
    optional={"id": st.sampled_from(["a", "b", None]), "content": json_values,
              "arguments": json_values, "summary": json_values, "name": json_values},
)  # fmt: skip
responses_events = st.fixed_dictionaries(
    {"type": st.sampled_from(RESPONSE_TYPES)},
    optional={
        "output_index": scalars, "content_index": scalars, "summary_index": scalars,
        "item_id": st.sampled_from(["a", "b", None, 3]), "delta": st.sampled_from(["x", "{"]),
        "item": items | json_values, "part": json_values, "annotation": json_values,
        "response": st.fixed_dictionaries({}, optional={"id": st.sampled_from(["r", "s"]),
                                                        "output": st.lists(items) | json_values}),
        "arguments": st.sampled_from(["{}", "", "x"]), "text": st.sampled_from(["t"]),
        "command_index": scalars, "annotation_index": scalars,
    },
)  # fmt: skip
deltas = st.fixed_dictionaries(
    {},
    optional={
        "role": st.sampled_from(["assistant", None]), "content": st.sampled_from(["a", None]),
        "tool_calls": st.lists(st.fixed_dictionaries({}, optional={
            "index": scalars, "id": st.sampled_from(["c1", "c2", None, ""]),
            "function": st.fixed_dictionaries({}, optional={
                "name": st.sampled_from(["f", None]), "arguments": st.sampled_from(["{", "}"])})
            | json_values}), max_size=2) | json_values,
        "refusal": st.sampled_from(["no", None]),
    },
)  # fmt: skip
chunks = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["", "c"]), "object": st.sampled_from(["", "chat.completion.chunk"]),
        "usage": json_values,
        "choices": st.lists(st.fixed_dictionaries({}, optional={
            "index": scalars, "delta": deltas | json_values, "logprobs": json_values,
            "finish_reason": st.sampled_from(["stop", "length", "eos", "", None])}), max_size=2)
        | json_values,
    },
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(responses_events, max_size=12))
def test_responses_never_raise_raw_errors(events: list[dict[str, Any]]) -> None:
    acc = ResponsesAccumulator()
    calls = ResponsesFunctionCalls(accumulator=acc)
    for event in events:
        with contextlib.suppress(StreamStateError):  # the one typed fault
            calls.from_events(acc.feed(event))
    calls.feed_eof()
    assert acc.snapshot is None or isinstance(acc.snapshot["output"], list)


# Found by Hypothesis: a later `tool_calls` that is not a list erased the streamed calls.
_CALL_THEN = [
    {"choices": [{"index": None, "delta": {"role": "assistant", "tool_calls": [{}]}}]},
    {"choices": [{"delta": {"role": "assistant", "refusal": "no", "tool_calls": None}}]},
]


@settings(max_examples=200, deadline=None)
@given(st.lists(chunks, max_size=8))
@example([_CALL_THEN[0], {"choices": [{"delta": {"tool_calls": False}}]}])
@example([_CALL_THEN[0], {"choices": [{"delta": {"tool_calls": {}}}]}])
def test_chat_never_raises(events: list[dict[str, Any]]) -> None:
    calls = ChatFunctionCalls()
    for chunk in events:
        calls.feed(chunk)
    calls.feed_eof()
