"""Early function-call detection: report each call the moment its arguments are complete.

Strategy: small state machines fed the same dicts as the accumulators, returning
`FunctionCallDone` as soon as a call is complete, and `FunctionCallArgumentsPartial` (the
arguments so far, parsed with `partial_json.parse_partial`) while they stream.

- Responses (`ResponsesFunctionCalls`): a call is complete at
  `response.function_call_arguments.done`; its name and call_id come from the earlier
  `response.output_item.added`. Servers that never send arguments.done are covered by
  `response.output_item.done` (a `function_call` item). Each call is reported once, keyed
  by item id (or output index), across several responses on one stream.
- Chat (`ChatFunctionCalls`): a tool call is complete when the next tool call index starts
  in the same choice, when the choice's finish_reason arrives, or when the stream ends
  (`feed_eof()`). It drives a `ChatAccumulator` and translates its
  `tool_calls.function.arguments.*` events, so a caller that already runs a
  ChatAccumulator can call `from_chat_events(events)` instead of feeding chunks twice.

Partial events are emitted only when the parsed value changes, and only for objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import codec
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


@dataclass(slots=True)
class _Call:
    name: str
    call_id: str | None
    item_id: str | None
    output_index: int
    arguments: str = ""
    partial: dict[str, Any] | None = field(default=None)


class ResponsesFunctionCalls:
    """Feed every Responses stream event dict; get each function call once, when complete."""

    __slots__ = ("_calls", "_partial", "_reported")

    def __init__(self, *, partial: bool = True) -> None:
        self._partial = partial
        self._calls: dict[Any, _Call] = {}  # open calls by key
        self._reported: set[Any] = set()

    @property
    def pending(self) -> list[str]:
        """Names of calls started but not complete (useful when a stream ends early)."""
        return [call.name for call in self._calls.values()]

    def feed(self, event: Mapping[str, Any]) -> list[EarlyEvent]:
        kind = event.get("type")
        if kind == "response.output_item.added":
            item = event.get("item") or {}
            if item.get("type") == "function_call":
                key = item.get("id") or event.get("output_index")
                self._calls[key] = _Call(
                    item.get("name") or "",
                    item.get("call_id"),
                    item.get("id"),
                    event.get("output_index", 0),
                    item.get("arguments") or "",
                )
        elif kind == "response.function_call_arguments.delta":
            call = self._find(event)
            if call is not None:
                call.arguments += event.get("delta") or ""
                if self._partial:
                    return self._partial_event(call)
        elif kind == "response.function_call_arguments.done":
            call = self._find(event)
            key = self._key(event)
            if key in self._reported:
                return []
            arguments = event.get("arguments")
            if call is None:  # no output_item.added seen: report what the event says
                call = _Call(event.get("name") or "", None, event.get("item_id"), 0)
                call.output_index = event.get("output_index", 0)
            return self._report(key, call, arguments if arguments is not None else call.arguments)
        elif kind == "response.output_item.done":
            item = event.get("item") or {}
            if item.get("type") == "function_call":
                key = item.get("id") or event.get("output_index")
                if key in self._reported:
                    return []
                call = _Call(
                    item.get("name") or "",
                    item.get("call_id"),
                    item.get("id"),
                    event.get("output_index", 0),
                )
                return self._report(key, call, item.get("arguments") or "")
        return []

    @staticmethod
    def _key(event: Mapping[str, Any]) -> Any:
        return event.get("item_id") or event.get("output_index")

    def _find(self, event: Mapping[str, Any]) -> _Call | None:
        call = self._calls.get(self._key(event))
        if call is None:
            index = event.get("output_index")
            call = next((c for c in self._calls.values() if c.output_index == index), None)
        return call

    def _partial_event(self, call: _Call) -> list[EarlyEvent]:
        value = _parse_object(call.arguments)
        if value is None or value == call.partial:
            return []
        call.partial = value
        return [
            FunctionCallArgumentsPartial(
                call.name, call.call_id, call.arguments, call.item_id, call.output_index, value
            )
        ]

    def _report(self, key: Any, call: _Call, arguments: str) -> list[EarlyEvent]:
        self._reported.add(key)
        self._calls.pop(key, None)
        if call.item_id is not None:
            self._reported.add(call.item_id)
            self._calls.pop(call.item_id, None)
        return [
            FunctionCallDone(call.name, call.call_id, arguments, call.item_id, call.output_index)
        ]


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
