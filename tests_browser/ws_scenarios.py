"""WebSocket-mode scenarios (`client.ws_session()`), run on every target like the others.

Natively the session authenticates with a header, under Pyodide with the subprotocol
form (browsers cannot set headers); the transcripts leave credentials out, so they must
still be equal. WebSocket messages are journaled by the fake as method "WS".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from scenarios import (
    Normalizer,
    _http,
    _root,
    client,
    journal,
    queue_faults,
    record_error,
    reset,
    transcript,
)

from openai_oxide import WebSocketDisconnectedError
from openai_oxide.lib.ws_pool import WebSocketPool
from openai_oxide.lib.ws_session import AsyncResponsesSession

DEFAULTS = {"model": "gpt-5", "store": False}
NOT_FOUND = {
    "error": {
        "message": "Previous response not found.",
        "type": "invalid_request_error",
        "param": "previous_response_id",
        "code": "previous_response_not_found",
    }
}
TOOL = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
}


async def _sent(base_url: str, norm: Normalizer) -> tuple[list[Any], int]:
    """The response.create messages the fake received, and over how many sockets."""
    entries = [e for e in await journal(base_url) if e["method"] == "WS"]
    sockets = len({e["request_id"] for e in entries})
    return [norm(e["json"]) for e in entries], sockets


async def ws_chained_turns(base_url: str) -> dict[str, Any]:
    """Two turns on one socket: the second sends only its input + previous_response_id."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c, c.ws_session(defaults=DEFAULTS) as ws:
        first = await ws.send(input="Hello there")
        second = await ws.send(input="And again")
        result["final"] = [norm(first), norm(second)]
        result["chained"] = second.previous_response_id == first.id
        result["history_items"] = len(ws.history() or [])
    result["messages"], result["sockets"] = await _sent(base_url, norm)
    result["requests"] = len(result["messages"])
    return result


async def ws_streamed_turn_and_warmup(base_url: str) -> dict[str, Any]:
    """Warmup (generate: false), then a streamed turn: the same typed events as HTTP."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c, c.ws_session(defaults=DEFAULTS) as ws:
        warm = await ws.warmup(instructions="Be brief.", input="Context: the sky is blue.")
        async with ws.stream(input="What color is the sky?") as stream:
            events = [e async for e in stream]
            final = await stream.get_final_response()
    result["warmup_output"] = norm(warm.output)
    result["events"] = [norm(e) for e in events]
    result["final"] = norm(final)
    result["final_equals_completed"] = final.model_dump() == events[-1].response.model_dump()  # type: ignore[union-attr]
    result["messages"], result["sockets"] = await _sent(base_url, norm)
    result["requests"] = len(result["messages"])
    return result


async def ws_cache_miss_resend(base_url: str) -> dict[str, Any]:
    """`previous_response_not_found`: the session resends the full context by itself."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c, c.ws_session(defaults=DEFAULTS) as ws:
        await ws.send(input="Remember: 42")
        await queue_faults(base_url, [{"match": "ws:", "status": 400, "body": NOT_FOUND}])
        second = await ws.send(input="What did I say?")
        result["final"] = norm(second)
    result["messages"], result["sockets"] = await _sent(base_url, norm)
    result["requests"] = len(result["messages"])
    return result


async def ws_drop_mid_response(base_url: str) -> dict[str, Any]:
    """A drop mid-response raises (not resent); the next send reconnects."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url, max_retries=2) as c, c.ws_session(defaults=DEFAULTS) as ws:
        await ws.send(input="one")
        await queue_faults(base_url, [{"match": "ws:", "drop_after_events": 4}])
        seen: list[str] = []
        try:
            async for event in ws.send_stream(input="two"):
                seen.append(event.type)
        except WebSocketDisconnectedError as exc:
            record_error(result, exc)
            result["not_resent_in_message"] = "not resent" in str(exc)
        result["events"] = seen
        third = await ws.send(input="three")
        result["final"] = norm(third)
        result["connections"] = ws.connections
    result["messages"], result["sockets"] = await _sent(base_url, norm)
    result["requests"] = len(result["messages"])
    return result


async def ws_early_function_call(base_url: str) -> dict[str, Any]:
    """A function call handed over before its response completes, over the socket."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c, c.ws_session(defaults={"model": "gpt-5"}) as ws:
        fc = ws.create_stream_fc(input="weather in Paris?", tools=[TOOL])
        calls: list[Any] = []
        async for call in fc:
            snapshot = fc._stream.current_snapshot() if fc._stream else None
            calls.append(
                {
                    "name": call.name,
                    "arguments": call.arguments,
                    "status_when_handed_over": snapshot.status if snapshot else None,
                }
            )
        result["events"] = calls
        result["final"] = norm(await fc.get_final_response())
    result["messages"], result["sockets"] = await _sent(base_url, norm)
    result["requests"] = len(result["messages"])
    return result


async def _settings(base_url: str, **settings: bool) -> None:
    """The fake's server settings (`websocket`, `stateless`) until the next reset."""
    await _http("POST", _root(base_url) + "/__fake__/settings", settings)


@contextlib.contextmanager
def _sdk_log() -> Iterator[list[str]]:
    """The messages of the `openai_oxide` logger (INFO and up) while the block runs."""
    messages: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("openai_oxide")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


async def _conversation(ws: AsyncResponsesSession) -> dict[str, Any]:
    """A turn, a streamed turn chained to it, and a turn with an early function call."""
    norm = Normalizer()
    first = await ws.send(input="Hello there")
    events = [norm(e) async for e in ws.send_stream(input="And again")]
    fc = ws.create_stream_fc(input="weather in Paris?", tools=[TOOL])
    calls = []
    async for call in fc:
        snapshot = fc._stream.current_snapshot() if fc._stream else None
        status = snapshot.status if snapshot else None
        calls.append({"name": call.name, "arguments": call.arguments, "status": status})
    return {"first": norm(first), "events": events, "calls": calls}


async def ws_http_fallback(base_url: str) -> dict[str, Any]:
    """A server without WebSocket mode: the session falls back to HTTP streaming with the
    same transcript as over the socket, logs it once, chains by previous_response_id, and
    resends the whole conversation once the server proves to keep no state."""
    await reset(base_url)
    norm = Normalizer()
    result = transcript()
    async with client(base_url) as c:
        async with c.ws_session(defaults={"model": "gpt-5"}) as ws:
            over_ws = await _conversation(ws)
        await reset(base_url)
        await _settings(base_url, websocket=False)
        with _sdk_log() as logged:
            async with c.ws_session(defaults={"model": "gpt-5"}) as ws:
                over_http = await _conversation(ws)
                result["http_fallback"] = ws.http_fallback
            result["same_as_websocket"] = over_http == over_ws
            result["events"] = [e["type"] for e in over_http["events"]]
            result["calls"] = over_http["calls"]
            async with c.responses.connect() as connection:  # the official shape
                await connection.response.create(model="gpt-5", input="Say hello.")
                raw: list[str] = []
                async for event in connection:
                    raw.append(event.type)
                    if event.type == "response.completed":
                        break
            result["connect_events"] = raw
            await _settings(base_url, stateless=True)
            async with c.ws_session(defaults={"model": "gpt-5"}) as ws:
                finals = [await ws.send(input=text) for text in ("one", "two", "three")]
                result["final"] = norm(finals[-1])
        result["fallback_logs"] = sum("No WebSocket Responses endpoint" in m for m in logged)
        result["stateless_logs"] = sum("does not keep responses" in m for m in logged)
        strict = c.ws_session(defaults={"model": "gpt-5"}, fallback=False)
        try:
            await strict.connect()
        except Exception as exc:  # the handshake's own error, with fallback=False
            record_error(result, exc)
        finally:
            await strict.close()
    entries = await journal(base_url)
    result["upgrades"] = [e["status"] for e in entries if e["method"] == "GET"]
    posts = [e for e in entries if e["method"] == "POST"]
    result["statuses"] = [e["status"] for e in posts]
    result["messages"] = [norm(e["json"]) for e in posts]
    result["requests"] = len(posts)
    return result


async def ws_pool_fanout(base_url: str) -> dict[str, Any]:
    """Twelve turns at once over a pool of three sessions, then one more: three sockets,
    every turn answered, none chained to another."""
    await reset(base_url)
    result = transcript()
    async with client(base_url) as c, WebSocketPool(size=3, defaults=DEFAULTS) as pool:
        answers = await asyncio.gather(*(pool.send(c, input=f"q{i}") for i in range(12)))
        answers.append(await pool.send(c, input="later"))
        result["final"] = {
            "statuses": [a.status for a in answers],
            "own_input": all(f"q{i}" in a.output_text for i, a in enumerate(answers[:12])),
            "opened": pool.opened,
            "idle": sorted(pool.idle().values()),
        }
    entries = [e for e in await journal(base_url) if e["method"] == "WS"]
    result["requests"] = len(entries)
    result["sockets"] = len({e["request_id"] for e in entries})
    result["chained"] = sum("previous_response_id" in e["json"] for e in entries)
    return result


SCENARIOS = {
    "ws_pool_fanout": ws_pool_fanout,
    "ws_chained_turns": ws_chained_turns,
    "ws_streamed_turn_and_warmup": ws_streamed_turn_and_warmup,
    "ws_cache_miss_resend": ws_cache_miss_resend,
    "ws_drop_mid_response": ws_drop_mid_response,
    "ws_early_function_call": ws_early_function_call,
    "ws_http_fallback": ws_http_fallback,
}
