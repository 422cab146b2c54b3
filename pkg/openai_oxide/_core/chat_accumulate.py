"""chat.completion.chunk dicts in, the chat.completion snapshot out (sans-I/O, dicts only).

Strategy: the official SDK's `ChatCompletionStreamState` without pydantic. The first chunk
becomes the snapshot (`object` = "chat.completion"); every choice is kept by its `index`.
A message delta is merged key by key: strings are concatenated (content, refusal, and
provider extras such as `reasoning_content`), `tool_calls` entries are merged by their own
`index` (so parallel calls stay apart), other values replace. Within a tool call, `id`,
`type` and `function.name` are set once: a server that repeats them in every chunk does not
get them doubled (the official SDK would concatenate). Logprobs `content`/`refusal` lists
are extended.

Derived events carry the official type names (`chunk`, `content.delta`, `content.done`,
`refusal.delta/done`, `tool_calls.function.arguments.delta/done`,
`logprobs.content.delta/done`, `logprobs.refusal.delta/done`) and fire at the same moments:
a tool call is done when a later tool call index starts or the choice's finish_reason
arrives; content/refusal/logprobs are done at finish_reason or when the first tool call
starts. `feed_eof()` finishes whatever a stream cut before finish_reason left open.

Quirks of compatible servers handled (see testing/quirks.py): a chunk whose `object` is not
"chat.completion.chunk" is used when it carries a delta, a finish_reason or usage, and
ignored otherwise (Azure's asynchronous content filter sends `object: ""` with nothing
else, which the official SDK skips too); empty top-level values (Azure's first chunk has
`id: ""`) never overwrite; a choice without `index` is choice 0; tool-call deltas are placed
by `merge_tool_calls` (by id, then index, then the call streaming now); `role` repeated in
every delta is set, not concatenated; any non-empty finish_reason counts ("eos",
"tool_call"); repeated finish_reason chunks do not repeat the done events; usage is kept
from the last chunk that carries one (a later `usage: null` does not erase it, unlike the
official SDK).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from .accumulate import copy_json

__all__ = [
    "ChatAccumulator",
    "ChatEvent",
    "ChunkEvent",
    "ContentDelta",
    "ContentDone",
    "LogprobsContentDelta",
    "LogprobsContentDone",
    "LogprobsRefusalDelta",
    "LogprobsRefusalDone",
    "RefusalDelta",
    "RefusalDone",
    "ToolCallArgumentsDelta",
    "ToolCallArgumentsDone",
    "merge_delta",
    "merge_tool_calls",
]

_SET_ONCE = frozenset({"id", "type", "role"})
_CHUNK = "chat.completion.chunk"
# Top-level fields a later chunk updates, and those a later chunk fills in when the first
# left them empty (Azure opens with a filter-results chunk whose id and model are empty).
_REFRESHED = ("system_fingerprint", "service_tier", "usage", "model")
_FILLED = ("id", "created")


@dataclass(frozen=True, slots=True)
class ChatEvent:
    """Base of the derived chat events; `type` is the official event name."""

    type: ClassVar[str] = ""
    choice_index: int


@dataclass(frozen=True, slots=True)
class ChunkEvent:
    type: ClassVar[str] = "chunk"
    chunk: Mapping[str, Any]
    snapshot: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ContentDelta(ChatEvent):
    type: ClassVar[str] = "content.delta"
    delta: str
    snapshot: str


@dataclass(frozen=True, slots=True)
class ContentDone(ChatEvent):
    type: ClassVar[str] = "content.done"
    content: str


@dataclass(frozen=True, slots=True)
class RefusalDelta(ChatEvent):
    type: ClassVar[str] = "refusal.delta"
    delta: str
    snapshot: str


@dataclass(frozen=True, slots=True)
class RefusalDone(ChatEvent):
    type: ClassVar[str] = "refusal.done"
    refusal: str


@dataclass(frozen=True, slots=True)
class ToolCallArgumentsDelta(ChatEvent):
    type: ClassVar[str] = "tool_calls.function.arguments.delta"
    name: str
    index: int
    arguments: str
    arguments_delta: str


@dataclass(frozen=True, slots=True)
class ToolCallArgumentsDone(ChatEvent):
    type: ClassVar[str] = "tool_calls.function.arguments.done"
    name: str
    index: int
    arguments: str
    call_id: str | None = None


@dataclass(frozen=True, slots=True)
class LogprobsContentDelta(ChatEvent):
    type: ClassVar[str] = "logprobs.content.delta"
    content: list[Any]
    snapshot: list[Any]


@dataclass(frozen=True, slots=True)
class LogprobsContentDone(ChatEvent):
    type: ClassVar[str] = "logprobs.content.done"
    content: list[Any]


@dataclass(frozen=True, slots=True)
class LogprobsRefusalDelta(ChatEvent):
    type: ClassVar[str] = "logprobs.refusal.delta"
    refusal: list[Any]
    snapshot: list[Any]


@dataclass(frozen=True, slots=True)
class LogprobsRefusalDone(ChatEvent):
    type: ClassVar[str] = "logprobs.refusal.done"
    refusal: list[Any]


Derived = ChunkEvent | ChatEvent


def merge_delta(acc: dict[str, Any], delta: Mapping[str, Any]) -> None:
    """Merge one message delta into `acc` in place (see the module docstring)."""
    for key, value in delta.items():
        if value is None:
            acc.setdefault(key, None)
            continue
        old = acc.get(key)
        if key == "tool_calls" and isinstance(value, list):
            merge_tool_calls(acc, value)
        elif key == "tool_calls" and isinstance(old, list):
            pass  # a malformed `tool_calls` never erases the calls streamed so far
        elif old is None:
            acc[key] = copy_json(value)
        elif key in _SET_ONCE or key == "index":
            acc[key] = value
        elif isinstance(old, str) and isinstance(value, str):
            acc[key] = old + value
        elif isinstance(old, dict) and isinstance(value, Mapping):
            if key == "function" and isinstance(value.get("name"), str) and old.get("name"):
                value = {k: v for k, v in value.items() if k != "name"}
            merge_delta(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(copy_json(value))
        else:
            acc[key] = copy_json(value)


def merge_tool_calls(message: dict[str, Any], parts: Iterable[Any]) -> list[int]:
    """Merge tool-call deltas into `message["tool_calls"]`; return the index each went to.

    A delta goes to the call with its `id`; a new id starts a new call (even at an index
    already taken, as some servers number every call 0); without an id it goes to its
    `index`, and without either to the last call (it continues the call streaming now).
    """
    calls = message.get("tool_calls")
    if not isinstance(calls, list):
        calls = message["tool_calls"] = []
    slots: list[int] = []
    for part in parts:
        if not isinstance(part, dict):
            continue
        slot = _tool_slot(calls, part)
        while len(calls) <= slot:
            calls.append({"index": len(calls)})
        merge_delta(calls[slot], part)
        calls[slot]["index"] = slot
        slots.append(slot)
    return slots


def _tool_slot(calls: list[dict[str, Any]], part: Mapping[str, Any]) -> int:
    index = part.get("index")
    index = index if isinstance(index, int) and not isinstance(index, bool) and index >= 0 else None
    call_id = part.get("id") or None
    if call_id is not None:
        same = next((i for i, call in enumerate(calls) if call.get("id") == call_id), None)
        if same is not None:
            return same
        if index is None or (index < len(calls) and calls[index].get("id") is not None):
            return len(calls)
        return index
    return max(len(calls) - 1, 0) if index is None else index


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}  # decoded JSON: a dict or not a mapping


def _carries_answer(chunk: Mapping[str, Any]) -> bool:
    """A chunk with a delta, a finish_reason or usage (whatever its `object` says)."""
    if chunk.get("usage"):
        return True
    choices = chunk.get("choices")
    return any(
        _mapping(c).get("delta") or _mapping(c).get("finish_reason")
        for c in (choices if isinstance(choices, list) else ())
    )


class _ChoiceState:
    __slots__ = ("content_done", "current_tool", "done_tools", "finished", "lp_content_done",
                 "lp_refusal_done", "refusal_done")  # fmt: skip

    def __init__(self) -> None:
        self.content_done = False
        self.refusal_done = False
        self.lp_content_done = False
        self.lp_refusal_done = False
        self.current_tool: int | None = None
        self.done_tools: set[int] = set()
        self.finished = False


class ChatAccumulator:
    """Feed every chunk dict in order; read `snapshot` (a chat.completion dict) at any time.

    `feed(chunk)` returns the derived events; call `feed_eof()` once the stream has ended
    (on `data: [DONE]` or the end of the body) to get the done events a cut stream left open.
    """

    __slots__ = ("_snapshot", "_states")

    def __init__(self) -> None:
        self._snapshot: dict[str, Any] | None = None
        self._states: dict[int, _ChoiceState] = {}

    @property
    def snapshot(self) -> dict[str, Any] | None:
        """The completion so far (None before the first chunk). Do not mutate it."""
        return self._snapshot

    def feed(self, chunk: Mapping[str, Any]) -> list[Derived]:
        if chunk.get("object", _CHUNK) != _CHUNK and not _carries_answer(chunk):
            return []  # Azure's asynchronous filter results (`object: ""`), as officially
        snapshot = self._snapshot
        if snapshot is None:
            skip = ("choices", "obfuscation")
            snapshot = {k: copy_json(v) for k, v in chunk.items() if k not in skip}
            snapshot["object"] = "chat.completion"
            snapshot.setdefault("system_fingerprint", None)
            snapshot["choices"] = []
            self._snapshot = snapshot
        else:
            for key in _REFRESHED:
                value = chunk.get(key)
                if value is not None and value != "":
                    snapshot[key] = copy_json(value)
            for key in _FILLED:
                if not snapshot.get(key) and chunk.get(key):
                    snapshot[key] = chunk[key]
        events: list[Derived] = [ChunkEvent(chunk, snapshot)]
        choices = chunk.get("choices")
        for choice in choices if isinstance(choices, list) else ():
            if isinstance(choice, dict):
                events += self._choice(snapshot, choice)
        return events

    def feed_eof(self) -> list[ChatEvent]:
        """The stream ended: the done events for every choice still open."""
        events: list[ChatEvent] = []
        if self._snapshot is None:
            return events
        for choice in self._snapshot["choices"]:
            state = self._states[choice["index"]]
            if not state.finished:
                state.finished = True
                events += self._text_done(choice, state)
                events += self._tool_done(choice, state, state.current_tool)
        return events

    def _choice(self, snapshot: dict[str, Any], choice: Mapping[str, Any]) -> list[ChatEvent]:
        index = choice.get("index")
        if type(index) is not int:
            index = 0  # a server that streams one choice may leave its index out
        choices: list[dict[str, Any]] = snapshot["choices"]
        target = next((c for c in choices if c["index"] == index), None)
        if target is None:
            target = {k: copy_json(v) for k, v in choice.items() if k not in ("delta", "logprobs")}
            target.update(index=index, message={}, finish_reason=None, logprobs=None)
            choices.append(target)
            choices.sort(key=lambda c: c["index"])
            self._states[index] = _ChoiceState()
        state = self._states[index]
        message: dict[str, Any] = target["message"]
        delta = _mapping(choice.get("delta"))
        parts = delta.get("tool_calls")
        if parts and isinstance(parts, list):
            merge_delta(message, {k: v for k, v in delta.items() if k != "tool_calls"})
            parts = [p for p in parts if isinstance(p, dict)]
            slots = merge_tool_calls(message, parts)
        else:
            merge_delta(message, delta)
            parts = slots = []
        events: list[ChatEvent] = []
        if type(delta.get("content")) is str and type(message.get("content")) is str:
            events.append(ContentDelta(index, delta["content"], message["content"]))
        if type(delta.get("refusal")) is str and type(message.get("refusal")) is str:
            events.append(RefusalDelta(index, delta["refusal"], message["refusal"]))
        for call, call_index in zip(parts, slots, strict=True):
            function = _mapping(message["tool_calls"][call_index].get("function"))
            events.append(
                ToolCallArgumentsDelta(
                    index,
                    function.get("name") or "",
                    call_index,
                    function.get("arguments") or "",
                    _mapping(call.get("function")).get("arguments") or "",
                )
            )
        events += self._logprobs(target, choice.get("logprobs"), index)
        for key, value in choice.items():
            if key not in ("delta", "logprobs", "index", "finish_reason") and value is not None:
                target[key] = copy_json(value)
        if choice.get("finish_reason"):  # any value, even outside the spec ("eos")
            target["finish_reason"] = choice["finish_reason"]
        # Done events, at the official SDK's moments.
        if target["finish_reason"] is not None and not state.finished:
            state.finished = True
            events += self._text_done(target, state)
            events += self._tool_done(target, state, state.current_tool)
        for call_index in slots:
            if state.current_tool != call_index:
                events += self._text_done(target, state)
                events += self._tool_done(target, state, state.current_tool)
            state.current_tool = call_index
        return events

    def _logprobs(self, target: dict[str, Any], logprobs: Any, index: int) -> list[ChatEvent]:
        if not isinstance(logprobs, dict):
            return []
        if target["logprobs"] is None:
            target["logprobs"] = {"content": None, "refusal": None}
        snap: dict[str, Any] = target["logprobs"]
        events: list[ChatEvent] = []
        for key in logprobs:
            if key not in ("content", "refusal") and logprobs[key] is not None:
                snap[key] = copy_json(logprobs[key])
        content = logprobs.get("content")
        if content and isinstance(content, list):
            snap["content"] = (snap.get("content") or []) + copy_json(content)
            events.append(LogprobsContentDelta(index, content, snap["content"]))
        refusal = logprobs.get("refusal")
        if refusal and isinstance(refusal, list):
            snap["refusal"] = (snap.get("refusal") or []) + copy_json(refusal)
            events.append(LogprobsRefusalDelta(index, refusal, snap["refusal"]))
        return events

    @staticmethod
    def _text_done(target: dict[str, Any], state: _ChoiceState) -> list[ChatEvent]:
        index = target["index"]
        message = target["message"]
        logprobs = target["logprobs"] or {}
        events: list[ChatEvent] = []
        if message.get("content") and not state.content_done:
            state.content_done = True
            events.append(ContentDone(index, message["content"]))
        if message.get("refusal") is not None and not state.refusal_done:
            state.refusal_done = True
            events.append(RefusalDone(index, message["refusal"]))
        if logprobs.get("content") is not None and not state.lp_content_done:
            state.lp_content_done = True
            events.append(LogprobsContentDone(index, logprobs["content"]))
        if logprobs.get("refusal") is not None and not state.lp_refusal_done:
            state.lp_refusal_done = True
            events.append(LogprobsRefusalDone(index, logprobs["refusal"]))
        return events

    @staticmethod
    def _tool_done(
        target: dict[str, Any], state: _ChoiceState, call_index: int | None
    ) -> list[ChatEvent]:
        if call_index is None or call_index in state.done_tools:
            return []
        state.done_tools.add(call_index)
        call = target["message"]["tool_calls"][call_index]
        function = _mapping(call.get("function"))
        return [
            ToolCallArgumentsDone(
                target["index"],
                function.get("name") or "",
                call_index,
                function.get("arguments") or "",
                call.get("id"),
            )
        ]
