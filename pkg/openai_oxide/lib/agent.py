"""`run_agent`: a convenience over `AsyncResponsesToolRunner`, so there is one tool loop.

Each turn streams with eager execution, so a tool starts the moment early parse hands
its call over, while the rest of the model's turn is still arriving; the calls of one
turn run concurrently. Later turns send only the tool outputs with
`previous_response_id` (the server keeps the context). Errors stay typed:
`UnknownToolError` (a name the model invented), `ToolArgumentsError` (arguments that fail
validation), `ToolExecutionError` (the tool raised) and `MaxTurnsExceeded`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .._core.errors import OpenAIError
from ..types.responses import ResponseFunctionToolCall
from .parsed_types import ParsedResponse
from .responses_stream import FunctionCall
from .tool_runner.loop import AsyncResponsesToolRunner
from .tool_runner.state import MAX_STEPS_REACHED
from .tool_runner.types import AsyncRegisteredFunction, ToolRunnerError
from .tools import FunctionTool, ToolRegistry, tool_output_to_str

if TYPE_CHECKING:
    from ..resources.responses import AsyncResponses
    from .ws_session import AsyncResponsesSession

_ALL_AT_ONCE = 2**31  # every call of a turn runs concurrently


class MaxTurnsExceeded(OpenAIError):
    def __init__(self, max_turns: int, last: ParsedResponse[Any] | None) -> None:
        super().__init__(f"The model was still calling tools after {max_turns} turns.")
        self.last_response = last


@dataclass
class AgentResult:
    response: ParsedResponse[Any]
    turns: int
    calls: list[FunctionCall] = field(default_factory=list)

    @property
    def output_text(self) -> str:
        return self.response.output_text


def _registered(tool: FunctionTool[Any, Any]) -> AsyncRegisteredFunction:
    async def execute(arguments: dict[str, Any]) -> str:
        return tool_output_to_str(await tool.call(arguments))  # typed tool errors

    # A plain dict: the tool validates its own arguments (`ToolArgumentsError`).
    return AsyncRegisteredFunction(dict(tool.responses_tool()), execute, independent=True)


def _calls(response: ParsedResponse[Any]) -> list[FunctionCall]:
    return [
        FunctionCall(
            item.name or "",
            item.call_id,
            json.loads(item.arguments or "{}"),
            item.arguments or "",
            item.id,
            index,
        )
        for index, item in enumerate(response.output)
        if isinstance(item, ResponseFunctionToolCall)
    ]


async def run_agent(
    responses: AsyncResponses | AsyncResponsesSession,
    *,
    tools: ToolRegistry | Iterable[FunctionTool[Any, Any] | Callable[..., Any]],
    max_turns: int = 10,
    **params: Any,
) -> AgentResult:
    """`await run_agent(client.responses, model=..., input=..., tools=[get_weather])`.

    `params` are those of `responses.create`. Pass a WebSocket session
    (`async with client.ws_session() as ws: await run_agent(ws, ...)`) to run every turn
    over one connection; a cache miss there is repaired by the session's resend.
    """
    registry = tools if isinstance(tools, ToolRegistry) else ToolRegistry(tools)
    runner = AsyncResponsesToolRunner(functions=[_registered(tool) for tool in registry])
    all_calls: list[FunctionCall] = []
    last: ParsedResponse[Any] | None = None
    turns = runner.iterate(
        responses,
        params,
        max_steps=max_turns,
        stream=True,
        eager=True,
        max_concurrent_calls=_ALL_AT_ONCE,
        _chain=True,
    )
    try:
        async for turn in turns:
            # streamed turns end in the stream helper's final response, a ParsedResponse
            last = cast("ParsedResponse[Any]", turn.response)
            if turn.final:
                return AgentResult(last, turn.step, all_calls)
            all_calls += _calls(last)
    except ToolRunnerError as exc:
        error: BaseException = exc
        if str(exc) == MAX_STEPS_REACHED:
            error = MaxTurnsExceeded(max_turns, last)
        elif isinstance(exc.__cause__, OpenAIError):
            error = exc.__cause__  # the typed tool or API error, not the run's wrapper
    else:
        raise AssertionError("unreachable: iterate ends with a final turn or an error")
    finally:
        await turns.aclose()
    raise error
