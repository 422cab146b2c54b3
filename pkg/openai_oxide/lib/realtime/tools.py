"""Function calls in a Realtime session, through the Responses API's early-parse path.

A Realtime response streams a function call with the same events as a Responses stream
(`response.output_item.added`, `response.function_call_arguments.delta/.done`,
`response.output_item.done`), so `RealtimeFunctionCalls` feeds them to the same
`_core.early.ResponsesFunctionCalls` (one per response) and hands each call over as a
`FunctionCall` the moment its arguments are done, before the response ends.
`run_tools` (on the connection) is the agent loop on top: it runs each call's tool as soon
as it is handed over, and when the response is done sends every output
(`conversation.item.create` of a `function_call_output`) and `response.create`, until a
response calls no tool.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..._core.early import FunctionCallDone, ResponsesFunctionCalls
from ..._core.errors import OpenAIError
from ..._core.http import Headers, Request, ResponseHead
from ..function_calls import FunctionCall, function_call

if TYPE_CHECKING:
    from ...types.realtime import (
        RealtimeClientEventParam,
        RealtimeConversationItemFunctionCallOutputParam,
        RealtimeServerEvent,
    )
    from ..tools import FunctionTool, ToolRegistry

__all__ = ["MaxRealtimeTurnsExceeded", "RealtimeFunctionCalls", "realtime_tool_params"]

# The events that carry a function call's parts (what the accumulator needs).
_CALL_EVENTS = frozenset(
    {
        "response.created",
        "response.output_item.added",
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done",
        "response.output_item.done",
        "response.done",
    }
)
_HEAD = ResponseHead(101, Headers(), Request("GET", "realtime"))


class MaxRealtimeTurnsExceeded(OpenAIError):
    """`run_tools` stopped: the model was still calling tools after `max_turns` responses."""


class RealtimeFunctionCalls:
    """Feed every server event (typed or a dict); get each function call once, when its
    arguments are done. A call whose arguments are not a JSON object raises StreamError."""

    __slots__ = ("_calls", "_head")

    def __init__(self, head: ResponseHead | None = None) -> None:
        self._head = head or _HEAD
        self._calls = ResponsesFunctionCalls(partial=False)

    def feed(self, event: RealtimeServerEvent | Mapping[str, Any]) -> list[FunctionCall]:
        kind = event.get("type") if isinstance(event, Mapping) else getattr(event, "type", None)
        if kind not in _CALL_EVENTS:
            return []
        data = dict(event) if isinstance(event, Mapping) else event.to_dict()
        if kind == "response.created":
            self._calls = ResponsesFunctionCalls(partial=False)  # one response at a time
        elif kind == "response.done":  # the Realtime name of the terminal event
            data["type"] = "response.completed"
        return [
            function_call(done, self._head)
            for done in self._calls.feed(data)
            if isinstance(done, FunctionCallDone)
        ]


def realtime_tool_params(
    tools: Iterable[FunctionTool[Any, Any] | Callable[..., Any]],
) -> list[dict[str, Any]]:
    """The session's `tools` for these functions (`{"type": "function", "name", "description",
    "parameters"}`: the Realtime function tool has no `strict`)."""
    from ..tools import ToolRegistry

    return [
        {
            "type": "function",
            "name": t.name,
            "description": t.description,
            "parameters": t.parameters,
        }
        for t in ToolRegistry(tools)
    ]


async def run_tools(
    events: AsyncIterable[RealtimeServerEvent],
    send: Callable[[RealtimeClientEventParam], Awaitable[None]],
    registry: ToolRegistry,
    *,
    max_turns: int,
    head: ResponseHead,
) -> AsyncIterator[RealtimeServerEvent]:
    """The agent loop behind `AsyncRealtimeConnection.run_tools` (see the module docstring),
    over the connection's events and its `send`."""
    from ..tools import tool_output_to_str

    calls = RealtimeFunctionCalls(head)
    running: list[tuple[FunctionCall, asyncio.Task[Any]]] = []
    turns = 0
    try:
        async for event in events:
            yield event
            for call in calls.feed(event):
                task = asyncio.ensure_future(registry.call(call.name, call.arguments_json))
                running.append((call, task))
            if event.type != "response.done":
                continue
            if not running:
                return
            turns += 1
            if turns >= max_turns:
                raise MaxRealtimeTurnsExceeded(
                    f"The model was still calling tools after {max_turns} responses."
                )
            done, running = running, []
            for call, task in done:
                output = tool_output_to_str(await task)
                item: RealtimeConversationItemFunctionCallOutputParam = {
                    "type": "function_call_output",
                    "call_id": call.call_id or "",  # a Realtime function call always has one
                    "output": output,
                }
                await send({"type": "conversation.item.create", "item": item})
            await send({"type": "response.create"})
    finally:
        for _, task in running:
            task.cancel()
