"""Responses stream events in, the response snapshot out (sans-I/O, dicts only).

Strategy: `ResponsesAccumulator.feed(event)` applies one raw event (a dict, as decoded from
the SSE `data:` field or from a typed event's `model_dump()`) to a snapshot dict shaped like
a `Response`, and returns the derived events for it: always exactly one per raw event, so
the typed layer can map each raw event to its typed event and add the extra fields
(`snapshot`, the item, the final response). The shape follows the official SDK's
`ResponseStreamState.handle_event` without pydantic.

How the snapshot is built:
- `response.created` starts a snapshot from its `response`. Another `response.created`
  starts a new one (one connection can carry several responses; see the WebSocket mode).
  `response.queued`/`in_progress` refresh the top-level fields; the output stays ours.
- `output_item.added` puts a copy of the item at `output_index`; deltas extend strings in
  it (text, refusal, arguments, custom tool input, code, reasoning summary/text, shell
  commands); `*.done` events set the final string; `content_part.*`,
  `reasoning_summary_part.*` and `output_text.annotation.added` place parts and annotations;
  `response.<item type>.<status>` events (web_search_call.searching, ...) set the status of an
  item that has one. `output_item.done` replaces the item with the server's final copy, which
  carries fields no delta announces (see below).
- `response.completed`/`failed`/`incomplete` replace the snapshot with their `response`
  (the payload dict itself; it is not copied). If that payload has no `output`, the
  accumulated output is filled in, as the official SDK does.

What only the final copies carry (measured on ../shared/fixtures/responses-streams):
- An item built from deltas differs from its `output_item.done` copy in `status`
  (in_progress -> completed; a custom_tool_call gains it), a reasoning item's
  `encrypted_content` (rotated), a shell call's `action.max_output_length`, a code
  interpreter's `outputs`, a file search's `queries`/`results`, a web search's `action`, an
  MCP call's `output`, an MCP tool list's `tools`, and an image generation's `result`,
  `revised_prompt`, `size`, `quality`, `background`, `output_format`. No delta announces these.
- After every `output_item.done` the snapshot's output equals `response.completed`'s
  output except a reasoning item's `encrypted_content`, which the final payload rotates again.
- Top-level fields only the terminal payload has right: `status`, `usage`, `completed_at`,
  `error`, and `service_tier` ("auto" in created, the tier used in completed).
- Output indexes can have gaps (openai-phase.1 is trimmed: 0 and 2); the snapshot's output
  lists the items in index order without holes, as the final payload does.

Input dicts are never mutated: items and parts are copied when they enter the snapshot.
Protocol faults (a delta for an output index never added, an event before
`response.created`) raise StreamStateError, a ValueError.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Delta",
    "FunctionCallArgumentsDelta",
    "ItemAdded",
    "ItemDone",
    "ReasoningSummaryTextDelta",
    "ReasoningTextDelta",
    "RefusalDelta",
    "ResponseDone",
    "ResponsesAccumulator",
    "StreamEvent",
    "StreamStateError",
    "TextDelta",
    "copy_json",
]

TERMINAL = frozenset({"response.completed", "response.failed", "response.incomplete"})
_STATUSES = frozenset(
    {"in_progress", "searching", "generating", "interpreting", "calling", "completed", "failed"}
)
_LIFECYCLE = frozenset({"response.created", "response.queued", "response.in_progress"})


class StreamStateError(ValueError):
    """The events do not form a valid stream (the peer misbehaved)."""


def copy_json(value: Any) -> Any:
    """A deep copy of a JSON-shaped value (dicts and lists copied, scalars shared)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """A raw event, passed through; the base of every derived event. `raw` is the input."""

    raw: Mapping[str, Any]

    @property
    def type(self) -> str:
        return str(self.raw.get("type", ""))


@dataclass(frozen=True, slots=True)
class Delta(StreamEvent):
    """A `*.delta` that extends a string of an output item; `snapshot` is that string so far.

    Used as is for custom_tool_call_input, mcp_call_arguments, code_interpreter_call_code and
    shell_call_command deltas; the subclasses below name the common ones.
    """

    output_index: int
    item_id: str | None
    delta: str
    snapshot: str


@dataclass(frozen=True, slots=True)
class TextDelta(Delta):
    """`response.output_text.delta`; the official SDK adds `snapshot` to this event."""

    content_index: int


@dataclass(frozen=True, slots=True)
class RefusalDelta(Delta):
    """`response.refusal.delta`."""

    content_index: int


@dataclass(frozen=True, slots=True)
class FunctionCallArgumentsDelta(Delta):
    """`response.function_call_arguments.delta`, with the call's name and call_id."""

    name: str | None
    call_id: str | None


@dataclass(frozen=True, slots=True)
class ReasoningSummaryTextDelta(Delta):
    """`response.reasoning_summary_text.delta`."""

    summary_index: int


@dataclass(frozen=True, slots=True)
class ReasoningTextDelta(Delta):
    """`response.reasoning_text.delta`."""

    content_index: int


@dataclass(frozen=True, slots=True)
class ItemAdded(StreamEvent):
    """`response.output_item.added`; `item` is the snapshot's item (it keeps changing)."""

    output_index: int
    item: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ItemDone(StreamEvent):
    """`response.output_item.done`; `item` is the final item, as the server sent it."""

    output_index: int
    item: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ResponseDone(StreamEvent):
    """`response.completed`/`failed`/`incomplete`; `response` is the final snapshot."""

    response: Mapping[str, Any]


# raw type -> (field of the item or part holding the string, where it lives, derived class)
_DELTAS: dict[str, tuple[str, str, type[Delta]]] = {
    "response.output_text.delta": ("text", "content", TextDelta),
    "response.refusal.delta": ("refusal", "content", RefusalDelta),
    "response.reasoning_text.delta": ("text", "content", ReasoningTextDelta),
    "response.reasoning_summary_text.delta": ("text", "summary", ReasoningSummaryTextDelta),
    "response.function_call_arguments.delta": ("arguments", "item", FunctionCallArgumentsDelta),
    "response.custom_tool_call_input.delta": ("input", "item", Delta),
    "response.mcp_call_arguments.delta": ("arguments", "item", Delta),
    "response.code_interpreter_call_code.delta": ("code", "item", Delta),
    "response.shell_call_command.delta": ("command", "command", Delta),
}
# raw type -> (field of the event holding the final string, field it sets, where it lives)
_DONES: dict[str, tuple[str, str, str]] = {
    "response.output_text.done": ("text", "text", "content"),
    "response.refusal.done": ("refusal", "refusal", "content"),
    "response.reasoning_text.done": ("text", "text", "content"),
    "response.reasoning_summary_text.done": ("text", "text", "summary"),
    "response.function_call_arguments.done": ("arguments", "arguments", "item"),
    "response.custom_tool_call_input.done": ("input", "input", "item"),
    "response.mcp_call_arguments.done": ("arguments", "arguments", "item"),
    "response.code_interpreter_call_code.done": ("code", "code", "item"),
    "response.shell_call_command.done": ("command", "command", "command"),
}
_PARTS = {
    "response.content_part.added": ("content", "content_index"),
    "response.content_part.done": ("content", "content_index"),
    "response.reasoning_summary_part.added": ("summary", "summary_index"),
    "response.reasoning_summary_part.done": ("summary", "summary_index"),
}


def _put(items: list[Any], index: int, value: Any) -> None:
    """Set `items[index]`, growing the list (with None holes) when the index is new."""
    if index < 0:
        raise StreamStateError(f"negative index {index}")
    if index >= len(items):
        items.extend([None] * (index + 1 - len(items)))
    items[index] = value


class ResponsesAccumulator:
    """Feed every Responses stream event, in order; read `snapshot` at any time.

    `feed(event)` returns the derived events for it (one per raw event). After a terminal
    event (`response.completed`/`failed`/`incomplete`) `final` holds the final response and
    `done` is True; a later `response.created` starts the next response.
    """

    __slots__ = ("_final", "_items", "_snapshot")

    def __init__(self) -> None:
        self._snapshot: dict[str, Any] | None = None
        self._final: dict[str, Any] | None = None
        self._items: dict[int, dict[str, Any]] = {}  # output_index -> item in the snapshot

    @property
    def snapshot(self) -> dict[str, Any] | None:
        """The response so far (None before `response.created`). Do not mutate it."""
        return self._snapshot

    @property
    def final(self) -> dict[str, Any] | None:
        """The terminal event's response, once it has arrived."""
        return self._final

    @property
    def done(self) -> bool:
        return self._final is not None

    def feed(self, event: Mapping[str, Any]) -> list[StreamEvent]:
        """Apply one raw event. Raises StreamStateError if it cannot apply to the snapshot."""
        kind = str(event.get("type"))
        if kind == "response.created":
            self._snapshot = copy_json(event["response"])
            output = self._snapshot.get("output") or []
            self._snapshot["output"] = output
            self._items = dict(enumerate(output))
            self._final = None
            return [StreamEvent(event)]
        if kind == "error":
            return [StreamEvent(event)]
        snapshot = self._snapshot
        if snapshot is None:
            raise StreamStateError(f"expected response.created before {kind!r}")
        if kind in TERMINAL:
            response = event["response"]
            if response.get("output") is None:
                response = {**response, "output": snapshot["output"]}
            self._items = {}
            self._snapshot = self._final = response
            return [ResponseDone(event, response)]
        if self._final is not None:
            raise StreamStateError(f"{kind!r} after the response ended")
        if kind in _LIFECYCLE:
            fields = event["response"].items()
            snapshot.update({k: copy_json(v) for k, v in fields if k != "output"})
            return [StreamEvent(event)]
        if kind == "response.output_item.added":
            item = copy_json(event["item"])
            self._place(event["output_index"], item)
            return [ItemAdded(event, event["output_index"], item)]
        if kind == "response.output_item.done":
            self._place(event["output_index"], copy_json(event["item"]))
            return [ItemDone(event, event["output_index"], event["item"])]
        spec = _DELTAS.get(kind)
        if spec is not None:
            return [self._delta(event, *spec)]
        done = _DONES.get(kind)
        if done is not None:
            source, field, where = done
            container, key = self._slot(event, where, field)
            container[key] = event[source]
        elif kind in _PARTS:
            key, index = _PARTS[kind]
            item = self._item(event)
            parts = item.get(key)
            if parts is None:
                parts = item[key] = []
            _put(parts, event[index], copy_json(event["part"]))
        elif kind == "response.output_text.annotation.added":
            part, _ = self._slot(event, "content", "annotations")
            annotations = part.get("annotations")
            if annotations is None:
                annotations = part["annotations"] = []
            _put(annotations, event["annotation_index"], copy_json(event["annotation"]))
        elif kind == "response.shell_call_command.added":
            commands = self._item(event).setdefault("action", {}).setdefault("commands", [])
            _put(commands, event["command_index"], event.get("command", ""))
        else:
            self._status(event, kind)
        return [StreamEvent(event)]

    def _place(self, output_index: int, item: dict[str, Any]) -> None:
        """Put `item` at `output_index`. Indexes can have gaps (a trimmed or filtered stream):
        the output list holds the items in index order, without holes."""
        assert self._snapshot is not None
        output: list[Any] = self._snapshot["output"]
        old = self._items.get(output_index)
        self._items[output_index] = item
        if old is not None:
            output[next(i for i, x in enumerate(output) if x is old)] = item
        else:
            output.insert(sorted(self._items).index(output_index), item)

    def _item(self, event: Mapping[str, Any]) -> dict[str, Any]:
        index = event.get("output_index")
        if isinstance(index, int) and index in self._items:
            return self._items[index]
        item_id = event.get("item_id")
        if item_id is not None:
            for item in self._items.values():
                if item.get("id") == item_id:
                    return item
        raise StreamStateError(f"{event.get('type')!r} for an output item never added")

    def _slot(self, event: Mapping[str, Any], where: str, field: str) -> tuple[Any, Any]:
        """(container, key) of the string an event extends or sets: `container[key]`."""
        item = self._item(event)
        if where == "item":
            return item, field
        if where == "command":
            commands = item.setdefault("action", {}).setdefault("commands", [])
            index = event["command_index"]
            if index >= len(commands):
                _put(commands, index, "")
            return commands, index
        index = event["summary_index" if where == "summary" else "content_index"]
        parts = item.get(where) or []
        if not 0 <= index < len(parts) or not isinstance(parts[index], dict):
            raise StreamStateError(f"{event.get('type')!r} for a part never added")
        return parts[index], field

    def _delta(
        self, event: Mapping[str, Any], field: str, where: str, cls: type[Delta]
    ) -> StreamEvent:
        container, key = self._slot(event, where, field)
        text = (container[key] if where == "command" else container.get(key)) or ""
        text += event["delta"]
        container[key] = text
        base = (event, event.get("output_index", -1), event.get("item_id"), event["delta"], text)
        if cls is FunctionCallArgumentsDelta:
            item = self._item(event)
            return FunctionCallArgumentsDelta(*base, item.get("name"), item.get("call_id"))
        if cls is ReasoningSummaryTextDelta:
            return ReasoningSummaryTextDelta(*base, event["summary_index"])
        if cls in (TextDelta, RefusalDelta, ReasoningTextDelta):
            return cls(*base, event["content_index"])
        return Delta(*base)

    def _status(self, event: Mapping[str, Any], kind: str) -> None:
        """`response.<item type>.<status>`: set the status of an item that carries one."""
        prefix, _, status = kind.rpartition(".")
        item_type = prefix.removeprefix("response.")
        if "output_index" not in event and "item_id" not in event:
            return
        try:
            item = self._item(event)
        except StreamStateError:
            return
        if status in _STATUSES and item.get("type") == item_type and "status" in item:
            item["status"] = status
