"""`POST /v1/agent`: an agent loop with two local tools, run in the Worker, streamed to the
page as a timeline. Each turn's function calls are parsed early (`create_stream_fc`): a
tool starts the moment its call's arguments are complete, while the model's stream is still
arriving, and the timeline says when.

Turns go over one Responses WebSocket session to the upstream (`transport: "websocket"`,
the default; the session falls back to HTTP streaming where the server has no WebSocket
mode), or one HTTP stream per turn chained by `previous_response_id` (`"http"`).

Events (`data` is JSON; `t` is ms since the request arrived):
    turn        {turn, t}
    tool_call   {turn, name, call_id, arguments, t}      the call was parsed
    tool_start  {turn, call_id, t}                       the local tool began
    tool_done   {turn, call_id, output, t}
    stream_end  {turn, t}                                the model's stream ended
    done        {output_text, turns, transport, t}       transport: websocket | http | http-fallback
    error       {error: {type, message, upstream_status, request_id}}
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from proxy import SSE_HEADERS, Answer, Config, error_body, frame, problem

from openai_oxide.lite import APIError, FunctionCall, output_text

MAX_TURNS = 4


def _city_tool(name: str, description: str) -> dict[str, Any]:
    return {
        "type": "function",
        "name": name,
        "description": description,
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    }


TOOLS = [
    _city_tool("get_weather", "The weather in a city"),
    _city_tool("get_time", "The local time in a city"),
]


async def _get_weather(args: dict[str, Any]) -> dict[str, Any]:
    await asyncio.sleep(0.05)  # a local lookup that takes a moment
    return {"city": args.get("city"), "forecast": "sunny", "temp_c": 21}


async def _get_time(args: dict[str, Any]) -> dict[str, Any]:
    await asyncio.sleep(0.05)
    return {"city": args.get("city"), "time": "12:00"}


LOCAL_TOOLS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "get_weather": _get_weather,
    "get_time": _get_time,
}


async def agent_route(params: dict[str, Any], config: Config) -> Answer:
    transport = params.get("transport", "websocket")
    prompt = params.get("input")
    unknown = sorted(set(params) - {"input", "transport"})
    if unknown:
        return problem(400, "invalid_request", f"Unknown fields {unknown}.")
    if not isinstance(prompt, str) or not prompt:
        return problem(400, "invalid_request", "Field 'input' must be a non-empty string.")
    if transport not in ("websocket", "http"):
        return problem(400, "invalid_request", "Field 'transport' must be 'websocket' or 'http'.")
    return Answer(200, _timeline(prompt, transport, config), dict(SSE_HEADERS))


async def _timeline(prompt: str, transport: str, config: Config) -> AsyncIterator[bytes]:
    started = time.monotonic()

    def ms() -> int:
        return round((time.monotonic() - started) * 1000)

    client = config.client()
    session = (
        client.ws_session(defaults={"model": config.model, "tools": TOOLS})
        if transport == "websocket"
        else None
    )
    previous: str | None = None
    turn_input: Any = prompt
    try:
        for turn in range(1, MAX_TURNS + 1):
            yield frame("turn", {"turn": turn, "t": ms()})
            if session is not None:
                calls = session.create_stream_fc(input=turn_input)
            else:
                chained = {} if previous is None else {"previous_response_id": previous}
                calls = client.responses.create_stream_fc(
                    model=config.model, tools=TOOLS, input=turn_input, **chained
                )
            running: list[tuple[FunctionCall, asyncio.Task[Any]]] = []
            queue: asyncio.Queue[bytes] = asyncio.Queue()
            async for call in calls:
                if not isinstance(call, FunctionCall):
                    continue
                yield frame(
                    "tool_call",
                    {
                        "turn": turn,
                        "name": call.name,
                        "call_id": call.call_id,
                        "arguments": call.arguments,
                        "t": ms(),
                    },
                )
                running.append((call, asyncio.ensure_future(_run_tool(call, turn, ms, queue))))
                while not queue.empty():
                    yield queue.get_nowait()
            yield frame("stream_end", {"turn": turn, "t": ms()})
            final = await calls.get_final_response()
            previous = final.get("id")
            if not running:
                used = (
                    transport if session is None or not session.http_fallback else "http-fallback"
                )
                yield frame(
                    "done",
                    {
                        "output_text": output_text(final),
                        "turns": turn,
                        "transport": used,
                        "t": ms(),
                    },
                )
                return
            outputs = await asyncio.gather(*(task for _, task in running))
            while not queue.empty():
                yield queue.get_nowait()
            turn_input = [
                {"type": "function_call_output", "call_id": call.call_id, "output": json.dumps(out)}
                for (call, _), out in zip(running, outputs, strict=True)
            ]
        yield frame(
            "error",
            {"error": {"type": "max_turns", "message": f"No answer after {MAX_TURNS} turns."}},
        )
    except APIError as exc:
        yield frame("error", error_body(exc, config))
    finally:
        if session is not None:
            await session.close()
        await client.close()


async def _run_tool(
    call: FunctionCall, turn: int, ms: Callable[[], int], queue: asyncio.Queue[bytes]
) -> Any:
    queue.put_nowait(frame("tool_start", {"turn": turn, "call_id": call.call_id, "t": ms()}))
    tool = LOCAL_TOOLS.get(call.name)
    output = (
        {"error": f"unknown tool {call.name!r}"} if tool is None else await tool(call.arguments)
    )
    queue.put_nowait(
        frame("tool_done", {"turn": turn, "call_id": call.call_id, "output": output, "t": ms()})
    )
    return output
