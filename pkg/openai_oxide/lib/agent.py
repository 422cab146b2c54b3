"""A short agent loop: run tools the moment early parse hands them over, send their
outputs back, and repeat until the model answers in text.

Each turn streams through `create_stream_fc`, so a tool starts while the rest of the
model's turn is still arriving; calls of one turn run concurrently. Errors stay typed:
`UnknownToolError` (a name the model invented), `ToolArgumentsError` (arguments that fail
validation), `ToolExecutionError` (the tool raised) and `MaxTurnsExceeded`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._core.errors import OpenAIError
from .parsed_types import ParsedResponse
from .responses_stream import FunctionCall
from .tools import FunctionTool, ToolRegistry, tool_output_to_str

if TYPE_CHECKING:
    from ..resources.responses import AsyncResponses
    from .ws_session import AsyncResponsesSession


class MaxTurnsExceeded(OpenAIError):
    def __init__(self, max_turns: int, last: ParsedResponse[Any]) -> None:
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


async def run_agent(
    responses: AsyncResponses | AsyncResponsesSession,
    *,
    tools: ToolRegistry | Iterable[FunctionTool[Any, Any] | Callable[..., Any]],
    max_turns: int = 10,
    **params: Any,
) -> AgentResult:
    """`await run_agent(client.responses, model=..., input=..., tools=[get_weather])`.

    `params` are those of `responses.create`; later turns send only the tool outputs with
    `previous_response_id`, so the server keeps the context. Pass a WebSocket session
    (`async with client.ws_session() as ws: await run_agent(ws, ...)`) to run every turn
    over one connection; a cache miss there is repaired by the session's resend.
    """
    registry = tools if isinstance(tools, ToolRegistry) else ToolRegistry(tools)
    params = {**params, "tools": registry.responses_tools()}
    all_calls: list[FunctionCall] = []
    for turn in range(1, max_turns + 1):
        fc_stream = responses.create_stream_fc(**params)
        running: list[tuple[FunctionCall, asyncio.Task[Any]]] = []
        try:
            async for call in fc_stream:
                assert isinstance(call, FunctionCall)
                tool = registry.get(call.name)  # UnknownToolError before anything runs
                running.append((call, asyncio.ensure_future(tool.call(call.arguments))))
            # The tools' own errors (bad arguments, a raise) come first, typed.
            outputs = [await task for _, task in running]
            response = await fc_stream.get_final_response()
        finally:
            for _, task in running:
                task.cancel()
        if not running:
            return AgentResult(response, turn, all_calls)
        all_calls += [call for call, _ in running]
        params["previous_response_id"] = response.id
        params["input"] = [
            {
                "type": "function_call_output",
                "call_id": call.call_id,
                "output": tool_output_to_str(out),
            }
            for (call, _), out in zip(running, outputs, strict=True)
        ]
    raise MaxTurnsExceeded(max_turns, response)
