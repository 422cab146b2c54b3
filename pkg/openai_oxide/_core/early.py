"""Early function-call detection: report each call the moment its arguments are complete.

Strategy: small state machines fed the same dicts as the accumulators, returning
`FunctionCallDone` as soon as a call is complete, and `FunctionCallArgumentsPartial` (the
arguments so far, parsed with `partial_json.parse_partial`) while they stream.

- Responses (`ResponsesFunctionCalls`): a call is complete at
  `response.function_call_arguments.done`; its name and call_id come from the earlier
  `response.output_item.added`. Servers that never send arguments.done are covered by
  `response.output_item.done` (a `function_call` item), and those that send neither by the
  terminal event (`response.completed`: every call in its output) or, for a stream that
  just stops, `feed_eof()` (every call whose arguments are a whole JSON object). It drives
  a `ResponsesAccumulator`, so calls are found as the snapshot finds its items. Each call is
  reported once per response, keyed by item id (or output index).
- Chat (`ChatFunctionCalls`): a tool call is complete when the next tool call index starts
  in the same choice, when the choice's finish_reason arrives, or when the stream ends
  (`feed_eof()`). It drives a `ChatAccumulator` and translates its
  `tool_calls.function.arguments.*` events, so a caller that already runs a
  ChatAccumulator can call `from_chat_events(events)` instead of feeding chunks twice.

Partial events are emitted only when the parsed value changes, and only for objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import codec
from .accumulate import (
    FunctionCallArgumentsDelta,
    ItemDone,
    ResponseDone,
    ResponsesAccumulator,
    StreamEvent,
    StringDone,
)
from .chat_accumulate import ChatAccumulator, ToolCallArgumentsDelta, ToolCallArgumentsDone
from .partial_json import parse_partial

__all__ = [
    "ChatFunctionCalls",
    "FunctionCallArgumentsPartial",
    "FunctionCallDone",
    "ResponsesFunctionCalls",
]


@dataclass(frozen=True, slots=True)
class FunctionCallDone:
    """A function call whose arguments are complete.

    `output_index` is the Responses output index, or the tool call index in a Chat choice
    (`choice_index` says which choice; always 0 for Responses).
    """

    name: str
    call_id: str | None
    arguments_json: str
    item_id: str | None
    output_index: int
    choice_index: int = 0

    def arguments(self) -> Any:
        """The arguments decoded (an empty string counts as `{}`). Raises ValueError."""
        return codec.loads(self.arguments_json) if self.arguments_json.strip() else {}


@dataclass(frozen=True, slots=True)
class FunctionCallArgumentsPartial:
    """The arguments of a call still streaming: `partial` is the object parsed so far."""

    name: str
    call_id: str | None
    arguments_json: str
    item_id: str | None
    output_index: int
    partial: dict[str, Any]
    choice_index: int = 0


EarlyEvent = FunctionCallDone | FunctionCallArgumentsPartial


def _parse_object(text: str) -> dict[str, Any] | None:
    try:
        value = parse_partial(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class ResponsesFunctionCalls:
    """Feed every Responses stream event dict, then `feed_eof()`; get each function call
    once, when complete.

    It drives a `ResponsesAccumulator`, so calls are found the way the snapshot finds its
    items (missing indexes, missing `output_item.added`); a caller that already runs one
    passes it as `accumulator` and hands its derived events to `from_events()`.
    """

    __slots__ = ("_ids", "_indexes", "_last", "_partial", "accumulator")

    def __init__(
        self, *, partial: bool = True, accumulator: ResponsesAccumulator | None = None
    ) -> None:
        self._partial = partial
        self.accumulator = accumulator if accumulator is not None else ResponsesAccumulator()
        # Calls handed over in the current response, by item id and by output index.
        self._ids: set[Any] = set()
        self._indexes: set[int] = set()
        self._last: dict[int, dict[str, Any]] = {}  # the last partial, by output index

    @property
    def pending(self) -> list[str]:
        """Names of calls started but not complete (useful when a stream ends early)."""
        return [str(item.get("name") or "") for _, item in self._open_calls()]

    def feed(self, event: Mapping[str, Any]) -> list[EarlyEvent]:
        return self.from_events(self.accumulator.feed(event))

    def feed_eof(self) -> list[EarlyEvent]:
        """The stream ended without a terminal event: the calls whose arguments are a
        complete JSON object are complete (the rest stay `pending`)."""
        out: list[EarlyEvent] = []
        for index, item in self._open_calls():
            arguments = item.get("arguments")
            if isinstance(arguments, str) and _complete_object(arguments):
                out += self._report(index, item, arguments)
        return out

    def from_events(self, events: Iterable[StreamEvent]) -> list[EarlyEvent]:
        """Translate a ResponsesAccumulator's derived events into early-parse events."""
        out: list[EarlyEvent] = []
        for event in events:
            if isinstance(event, FunctionCallArgumentsDelta):
                if self._partial:
                    out += self._partial_event(event)
            elif isinstance(event, StringDone):
                # A call whose name is still unknown (no output_item.added) waits for
                # output_item.done or the end, which name it.
                if event.type == "response.function_call_arguments.done" and event.item.get("name"):
                    out += self._report(event.output_index, event.item, event.value)
            elif isinstance(event, ItemDone):
                if event.item.get("type") == "function_call":
                    arguments = event.item.get("arguments")
                    out += self._report(event.output_index, event.item, arguments)
            elif isinstance(event, ResponseDone):
                output = event.response.get("output")
                for index, item in enumerate(output if isinstance(output, list) else ()):
                    if isinstance(item, Mapping) and item.get("type") == "function_call":
                        out += self._report(index, item, item.get("arguments"))
                self._ids, self._indexes, self._last = set(), set(), {}
        return out

    def _open_calls(self) -> list[tuple[int, dict[str, Any]]]:
        if self.accumulator.done:
            return []
        return [
            (index, item)
            for index, item in self.accumulator.items()
            if item.get("type") == "function_call" and not self._reported(index, item)
        ]

    def _reported(self, index: int, item: Mapping[str, Any]) -> bool:
        item_id = item.get("id")
        return index in self._indexes or (item_id is not None and item_id in self._ids)

    def _partial_event(self, event: FunctionCallArgumentsDelta) -> list[EarlyEvent]:
        value = _parse_object(event.snapshot)
        if value is None or value == self._last.get(event.output_index):
            return []
        self._last[event.output_index] = value
        return [
            FunctionCallArgumentsPartial(
                event.name or "",
                event.call_id,
                event.snapshot,
                event.item_id,
                event.output_index,
                value,
            )
        ]

    def _report(self, index: int, item: Mapping[str, Any], arguments: Any) -> list[EarlyEvent]:
        if self._reported(index, item):
            return []
        item_id = item.get("id")
        self._indexes.add(index)
        if item_id is not None:
            self._ids.add(item_id)
        call_id = item.get("call_id")
        return [
            FunctionCallDone(
                str(item.get("name") or ""),
                call_id if isinstance(call_id, str) else None,
                arguments if isinstance(arguments, str) else "",
                item_id if isinstance(item_id, str) else None,
                index,
            )
        ]


def _complete_object(text: str) -> bool:
    try:
        return isinstance(codec.loads(text), dict)
    except ValueError:
        return False


class ChatFunctionCalls:
    """Feed chat.completion.chunk dicts, then `feed_eof()`; get each tool call when complete."""

    __slots__ = ("_last", "_partial", "accumulator")

    def __init__(self, *, partial: bool = True, accumulator: ChatAccumulator | None = None) -> None:
        self._partial = partial
        self.accumulator = accumulator if accumulator is not None else ChatAccumulator()
        self._last: dict[tuple[int, int], dict[str, Any]] = {}

    def feed(self, chunk: Mapping[str, Any]) -> list[EarlyEvent]:
        return self.from_chat_events(self.accumulator.feed(chunk))

    def feed_eof(self) -> list[EarlyEvent]:
        return self.from_chat_events(self.accumulator.feed_eof())

    def from_chat_events(self, events: Iterable[object]) -> list[EarlyEvent]:
        """Translate a ChatAccumulator's derived events into early-parse events."""
        out: list[EarlyEvent] = []
        for event in events:
            if isinstance(event, ToolCallArgumentsDone):
                out.append(
                    FunctionCallDone(
                        event.name,
                        event.call_id,
                        event.arguments,
                        None,
                        event.index,
                        event.choice_index,
                    )
                )
            elif isinstance(event, ToolCallArgumentsDelta) and self._partial:
                value = _parse_object(event.arguments)
                key = (event.choice_index, event.index)
                if value is None or value == self._last.get(key):
                    continue
                self._last[key] = value
                call_id = self._call_id(event.choice_index, event.index)
                out.append(
                    FunctionCallArgumentsPartial(
                        event.name,
                        call_id,
                        event.arguments,
                        None,
                        event.index,
                        value,
                        event.choice_index,
                    )
                )
        return out

    def _call_id(self, choice_index: int, index: int) -> str | None:
        snapshot = self.accumulator.snapshot or {}
        for choice in snapshot.get("choices") or ():
            if choice.get("index") == choice_index:
                calls = choice["message"].get("tool_calls") or []
                if index < len(calls):
                    call_id = calls[index].get("id")
                    return call_id if isinstance(call_id, str) else None
        return None
