"""Responses stream events in, the response snapshot out (sans-I/O, dicts only).

Strategy: `ResponsesAccumulator.feed(event)` applies one raw event (a dict, as decoded from
the SSE `data:` field or from a typed event's `model_dump()`) to a snapshot dict shaped like
a `Response`, and returns the derived events for it: always exactly one per raw event, so
the typed layer can map each raw event to its typed event and add the extra fields
(`snapshot`, the item, the final response). The shape follows the official SDK's
`ResponseStreamState.handle_event` without pydantic.

How the snapshot is built:
- `response.created` starts a snapshot from its `response`. Another response (a different
  id, or any `response.created` once the previous one has ended) starts a new one: one
  connection can carry several (see the WebSocket mode). A repeated `created`/`queued`/
  `in_progress` of the open response refreshes the top-level fields; the output stays ours.
- `output_item.added` puts a copy of the item at `output_index`; deltas extend strings in
  it (text, refusal, arguments, custom tool input, code, reasoning summary/text, shell
  commands); `*.done` events set the final string; `content_part.*`,
  `reasoning_summary_part.*` and `output_text.annotation.added` place parts and annotations;
  `response.<item type>.<status>` events (web_search_call.searching, ...) set the status of an
  item that has one. `output_item.done` replaces the item with the server's final copy, which
  carries fields no delta announces (see below).
- `response.completed`/`failed`/`incomplete` replace the snapshot with their `response`
  (the payload dict itself; it is not copied). If that payload has no `output` (or an empty
  one) the accumulated output is filled in, as the official SDK does, and fields it lacks
  (usage, ...) are taken from the snapshot.

Lenient in what arrives (compatible servers leave things out; see testing/quirks.py). The
state is rebuilt from what did arrive, as a careful reader would:
- no `output_index`: the item with the event's `item_id`, else the open item of the
  owning type (a message for text, a function_call for arguments, ...) added last;
  `output_item.added` without an index goes after the last item;
- no `content_index`/`summary_index`: the last part of the event's part type;
- no `output_item.added` or `content_part.added`: the item or part is made on its first
  delta, shaped as OpenAI announces it;
- no `output_item.done` or `*.done`: the deltas stand; the items of a completed response
  whose output was filled in from the snapshot are marked completed;
- no `response.created`: the snapshot starts empty at the first event; events after the
  end of a response change nothing.

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
Only an event no reader could apply (a delta that is not a string) raises
StreamStateError, a ValueError.
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
    "StringDone",
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


@dataclass(frozen=True, slots=True)
class StringDone(StreamEvent):
    """A `*.done` that sets a string of an output item (`output_text.done`,
    `function_call_arguments.done`, ...); `value` is the final string, `item` the item."""

    output_index: int
    item: Mapping[str, Any]
    value: str


# Streamed strings, by event type prefix: (the field holding the string, where it lives
# ("item": on the item, "content"/"summary": on a part, "command": in action.commands),
# the part type, the type of the item that owns it). `<prefix>.delta` extends the string,
# `<prefix>.done` sets it from the event's field of the same name.
_STRINGS: dict[str, tuple[str, str, str | None, str]] = {
    "response.output_text": ("text", "content", "output_text", "message"),
    "response.refusal": ("refusal", "content", "refusal", "message"),
    "response.reasoning_text": ("text", "content", "reasoning_text", "reasoning"),
    "response.reasoning_summary_text": ("text", "summary", "summary_text", "reasoning"),
    "response.function_call_arguments": ("arguments", "item", None, "function_call"),
    "response.custom_tool_call_input": ("input", "item", None, "custom_tool_call"),
    "response.mcp_call_arguments": ("arguments", "item", None, "mcp_call"),
    "response.code_interpreter_call_code": ("code", "item", None, "code_interpreter_call"),
    "response.shell_call_command": ("command", "command", None, "shell_call"),
}
_DELTA_CLASSES: dict[str, type[Delta]] = {
    "response.output_text": TextDelta,
    "response.refusal": RefusalDelta,
    "response.reasoning_text": ReasoningTextDelta,
    "response.reasoning_summary_text": ReasoningSummaryTextDelta,
    "response.function_call_arguments": FunctionCallArgumentsDelta,
}
_PARTS = {
    "response.content_part.added": "content",
    "response.content_part.done": "content",
    "response.reasoning_summary_part.added": "summary",
    "response.reasoning_summary_part.done": "summary",
}
# What a part or an item looks like before its first delta, for a stream that never
# announced it (no content_part.added / output_item.added). Shaped as OpenAI sends them.
_PART_TEMPLATES: dict[str, dict[str, Any]] = {
    "output_text": {"type": "output_text", "annotations": [], "logprobs": [], "text": ""},
    "refusal": {"type": "refusal", "refusal": ""},
    "reasoning_text": {"type": "reasoning_text", "text": ""},
    "summary_text": {"type": "summary_text", "text": ""},
}
_ITEM_TEMPLATES: dict[str, dict[str, Any]] = {
    "message": {"type": "message", "status": "in_progress", "content": [], "role": "assistant"},
    "reasoning": {"type": "reasoning", "summary": []},
    "function_call": {"type": "function_call", "status": "in_progress", "arguments": ""},
}


def _index(event: Mapping[str, Any], key: str) -> int | None:
    """A non-negative int field of the event, else None (missing, null or malformed)."""
    value = event.get(key)
    return value if type(value) is int and value >= 0 else None  # JSON: bool is not an index


def _mapping(value: Any) -> Mapping[str, Any]:
    if isinstance(value, dict):  # the common case, much faster than the ABC check
        return value
    return value if isinstance(value, Mapping) else {}


def _text(event: Mapping[str, Any], key: str) -> str:
    value = event.get(key, "")
    if type(value) is not str:
        raise StreamStateError(f"{event.get('type')!r} carries a {key!r} that is not a string")
    return value


class ResponsesAccumulator:
    """Feed every Responses stream event, in order; read `snapshot` at any time.

    `feed(event)` returns the derived events for it (one per raw event). After a terminal
    event (`response.completed`/`failed`/`incomplete`) `final` holds the final response and
    `done` is True; a later `response.created` for another response starts the next one.
    """

    __slots__ = ("_final", "_items", "_open", "_snapshot")

    def __init__(self) -> None:
        self._snapshot: dict[str, Any] | None = None
        self._final: dict[str, Any] | None = None
        self._items: dict[int, dict[str, Any]] = {}  # output_index -> item in the snapshot
        self._open: list[int] = []  # output indexes of items not done, in the order added

    @property
    def snapshot(self) -> dict[str, Any] | None:
        """The response so far (None before the first event). Do not mutate it."""
        return self._snapshot

    @property
    def final(self) -> dict[str, Any] | None:
        """The terminal event's response, once it has arrived."""
        return self._final

    @property
    def done(self) -> bool:
        return self._final is not None

    def items(self) -> list[tuple[int, dict[str, Any]]]:
        """(output_index, item) of every item of the response so far, in index order."""
        return sorted(self._items.items())

    def feed(self, event: Mapping[str, Any]) -> list[StreamEvent]:
        """Apply one raw event. Raises StreamStateError only for an event no reader could
        apply (a delta that is not a string)."""
        kind = str(event.get("type"))
        if kind in _LIFECYCLE:
            self._lifecycle(kind, _mapping(event.get("response")))
            return [StreamEvent(event)]
        if kind == "error":
            return [StreamEvent(event)]
        if self._final is not None:
            return [StreamEvent(event)]  # a straggler after the end changes nothing
        if self._snapshot is None:  # no response.created: build the response from scratch
            self._start({"object": "response", "status": "in_progress", "output": []})
        if kind in TERMINAL:
            response = self._finish(kind, event.get("response"))
            return [ResponseDone(event, response)]
        if kind == "response.output_item.added":
            item = copy_json(_mapping(event.get("item")))
            index = self._new_index(event, item)
            self._place(index, item)
            return [ItemAdded(event, index, item)]
        if kind == "response.output_item.done":
            final = _mapping(event.get("item"))
            index = self._done_index(event, final)
            self._place(index, copy_json(final))
            if index in self._open:
                self._open.remove(index)
            return [ItemDone(event, index, final)]
        prefix, _, suffix = kind.rpartition(".")
        spec = _STRINGS.get(prefix)
        if spec is not None and suffix in ("delta", "done"):
            return [self._string(event, prefix, suffix == "delta", *spec)]
        if kind in _PARTS:
            self._part(event, _PARTS[kind])
        elif kind == "response.output_text.annotation.added":
            self._annotation(event)
        elif kind == "response.shell_call_command.added":
            found = self._item(event, "shell_call")
            if found is not None:
                commands = found[1].setdefault("action", {}).setdefault("commands", [])
                self._put(commands, _index(event, "command_index"), event.get("command", ""))
        else:
            self._status(event, kind)
        return [StreamEvent(event)]

    # -------------------------------------------------------------- the response

    def _start(self, response: Mapping[str, Any]) -> None:
        snapshot = copy_json(response)
        output = snapshot.get("output")
        output = (
            [item for item in output if isinstance(item, dict)] if isinstance(output, list) else []
        )
        snapshot["output"] = output
        self._snapshot = snapshot
        self._final = None
        self._items = dict(enumerate(output))
        self._open = []

    def _lifecycle(self, kind: str, response: Mapping[str, Any]) -> None:
        """created/queued/in_progress: another response (a new id, or a `created` without
        one once the last response has ended) starts a snapshot; a repeat for the open
        response refreshes its top-level fields; a repeat for an ended one changes nothing."""
        current = self._final if self._final is not None else self._snapshot
        rid, cid = response.get("id"), (current or {}).get("id")
        if current is None or (rid is not None and cid is not None and rid != cid):
            self._start(response)
        elif self._final is not None:
            if kind == "response.created" and rid is None:
                self._start(response)
        else:
            assert self._snapshot is not None
            fields = response.items()
            self._snapshot.update({k: copy_json(v) for k, v in fields if k != "output"})

    def _finish(self, kind: str, payload: Any) -> dict[str, Any]:
        """The final response: the terminal payload itself, completed from the snapshot
        where it lacks fields (usage, ...) or its output is empty."""
        snapshot = self._snapshot
        assert snapshot is not None
        response: dict[str, Any] = payload if isinstance(payload, dict) else {}
        missing = [k for k in snapshot if k not in response and k != "status"]
        output = response.get("output")
        fill = not isinstance(output, list) or (not output and bool(snapshot["output"]))
        if missing or fill or "status" not in response:
            response = {**{k: snapshot[k] for k in missing}, **response}
            response.setdefault("status", kind.removeprefix("response."))
            if fill:
                response["output"] = snapshot["output"]
                if kind == "response.completed":  # none of its items is still in progress
                    for item in snapshot["output"]:
                        if isinstance(item, dict) and item.get("status") == "in_progress":
                            item["status"] = "completed"
        self._items, self._open = {}, []
        self._snapshot = self._final = response
        return response

    # ------------------------------------------------------------------ items

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
            self._open.append(output_index)

    def _next_index(self) -> int:
        return max(self._items, default=-1) + 1

    def _by_id(self, item_id: Any) -> int | None:
        if item_id is None:
            return None
        return next((i for i, item in self._items.items() if item.get("id") == item_id), None)

    def _new_index(self, event: Mapping[str, Any], item: Mapping[str, Any]) -> int:
        """Where `output_item.added` puts its item: its output_index, the place of an item
        with the same id (a repeat), else after the last item."""
        index = _index(event, "output_index")
        if index is None:
            index = self._by_id(item.get("id"))
        return self._next_index() if index is None else index

    def _done_index(self, event: Mapping[str, Any], item: Mapping[str, Any]) -> int:
        """Where `output_item.done` puts its item: its output_index, the item with its id,
        the open item of its type added last (if that has no other id), else at the end."""
        index = _index(event, "output_index")
        if index is None:
            index = self._by_id(item.get("id"))
        if index is None:
            index = self._last_open(item.get("type"))
            if index is not None and self._items[index].get("id") not in (None, item.get("id")):
                index = None
        return self._next_index() if index is None else index

    def _last_open(self, item_type: Any) -> int | None:
        """The open item of `item_type` added last. Once an item is done, an event for its
        type that names no item belongs to a new one."""
        return next((i for i in reversed(self._open) if self._items[i].get("type") == item_type),
                    None)  # fmt: skip

    def _item(
        self, event: Mapping[str, Any], item_type: str | None, create: bool = False
    ) -> tuple[int, dict[str, Any]] | None:
        """The item an event applies to: by output_index, else by item_id, else the open
        item of the owning type added last. With `create`, an item never announced is
        made (for events that carry content), at the event's output_index or at the end."""
        index = _index(event, "output_index")
        if index is not None and index in self._items:
            return index, self._items[index]
        item_id = event.get("item_id")
        found = self._by_id(item_id)
        if found is None and index is None and item_id is None and item_type is not None:
            found = self._last_open(item_type)
        if found is not None:
            return found, self._items[found]
        if not create or item_type is None:
            return None
        item = copy_json(_ITEM_TEMPLATES.get(item_type, {"type": item_type}))
        if item_id is not None:
            item["id"] = item_id
        index = self._next_index() if index is None else index
        self._place(index, item)
        return index, item

    # ------------------------------------------------------------ strings and parts

    @staticmethod
    def _put(items: list[Any], index: int | None, value: Any) -> int:
        """Set `items[index]`, or append when the index is missing or past the end (no
        holes). Returns the index used."""
        if index is None or index >= len(items):
            items.append(value)
            return len(items) - 1
        items[index] = value
        return index

    def _part_of(
        self, event: Mapping[str, Any], item: dict[str, Any], where: str, part_type: str
    ) -> tuple[int, dict[str, Any]]:
        """The part a string event applies to: at content_index/summary_index, else the last
        part of its type; a part never announced is made."""
        parts = item.get(where)
        if not isinstance(parts, list):
            parts = item[where] = []
        index = _index(event, "summary_index" if where == "summary" else "content_index")
        if index is None:
            index = next((i for i in range(len(parts) - 1, -1, -1)
                          if _mapping(parts[i]).get("type") == part_type), None)  # fmt: skip
        if index is not None and index < len(parts) and isinstance(parts[index], dict):
            part: dict[str, Any] = parts[index]
            return index, part
        part = copy_json(_PART_TEMPLATES[part_type])
        return self._put(parts, index, part), part

    def _string(
        self,
        event: Mapping[str, Any],
        prefix: str,
        is_delta: bool,
        field: str,
        where: str,
        part_type: str | None,
        item_type: str,
    ) -> StreamEvent:
        text = _text(event, "delta" if is_delta else field)  # checked before any change
        found = self._item(event, item_type, create=True)
        assert found is not None
        output_index, item = found
        sub = -1  # content_index, summary_index or command_index as resolved
        container: Any = item
        key: Any = field
        if where == "command":
            commands = item.setdefault("action", {}).setdefault("commands", [])
            given = _index(event, "command_index")
            sub = max(len(commands) - 1, 0) if given is None else given
            if sub >= len(commands):
                sub = self._put(commands, None, "")
            container, key = commands, sub
        elif part_type is not None:
            sub, container = self._part_of(event, item, where, part_type)
        if not is_delta:
            if field in event:
                container[key] = text
            if item_type == "function_call" and not item.get("name") and event.get("name"):
                item["name"] = event["name"]  # newer servers name the call here too
            value = container[key] if where == "command" else container.get(key)
            return StringDone(event, output_index, item, value if isinstance(value, str) else "")
        delta = text
        old = container[key] if where == "command" else container.get(key)
        text = (old if isinstance(old, str) else "") + delta
        container[key] = text
        cls = _DELTA_CLASSES.get(prefix, Delta)
        base = (event, output_index, item.get("id", event.get("item_id")), delta, text)
        if cls is FunctionCallArgumentsDelta:
            return FunctionCallArgumentsDelta(*base, item.get("name"), item.get("call_id"))
        if cls is Delta:
            return Delta(*base)
        return cls(*base, sub)  # type: ignore[call-arg]

    def _part(self, event: Mapping[str, Any], where: str) -> None:
        """content_part.* / reasoning_summary_part.*: place the part (a copy)."""
        part = copy_json(_mapping(event.get("part")))
        part_type = part.get("type")
        item_type = (
            "reasoning" if where == "summary" or part_type == "reasoning_text" else "message"
        )
        found = self._item(event, item_type, create=True)
        assert found is not None
        item = found[1]
        parts = item.get(where)
        if not isinstance(parts, list):
            parts = item[where] = []
        index = _index(event, "summary_index" if where == "summary" else "content_index")
        if index is None and str(event.get("type")).endswith(".done"):
            index = next((i for i in range(len(parts) - 1, -1, -1)
                          if _mapping(parts[i]).get("type") == part_type), None)  # fmt: skip
        self._put(parts, index, part)

    def _annotation(self, event: Mapping[str, Any]) -> None:
        found = self._item(event, "message", create=True)
        assert found is not None
        _, part = self._part_of(event, found[1], "content", "output_text")
        annotations = part.get("annotations")
        if not isinstance(annotations, list):
            annotations = part["annotations"] = []
        annotation = copy_json(_mapping(event.get("annotation")))
        self._put(annotations, _index(event, "annotation_index"), annotation)

    def _status(self, event: Mapping[str, Any], kind: str) -> None:
        """`response.<item type>.<status>`: set the status of an item that carries one."""
        prefix, _, status = kind.rpartition(".")
        item_type = prefix.removeprefix("response.")
        if status not in _STATUSES:
            return
        found = self._item(event, item_type)
        if found is not None and found[1].get("type") == item_type and "status" in found[1]:
            found[1]["status"] = status
