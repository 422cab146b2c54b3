"""Every stream helper under every compatibility profile of the fake, and under each quirk
alone (pkg/openai_oxide/testing/profiles.py), run on every target like the other scenarios.

The scenarios are generated: `profile_<name>` for each profile (the server acts like that
server, WebSocket mode included: none of the named ones has it, so `ws_session` falls back
to HTTP there) and `quirk_<name>` for each quirk (only the helpers of the API it concerns).
Each one switches the fake (`POST /__fake__/profile`), runs its helpers one after the other
and records, per helper, what the helper rebuilt: the text, the function calls with their
parsed arguments, finish_reason, whether usage came through. A helper that raises is
recorded as `{"error": "Type: first line"}` and the next one still runs.

The expected result sits beside each helper in HELPERS (`expect(quirks)`, the quirks the
server reported); test_targets.py checks every target's transcript against it. No delays
and no waits: about 280 requests, some 10-25 s per Pyodide target on a busy machine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from scenarios import (
    MODEL,
    WEATHER_TOOL_CHAT,
    WEATHER_TOOL_RESPONSES,
    Person,
    _http,
    _root,
    client,
    get_time,
    get_weather,
    journal,
    reset,
    transcript,
)

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import run_agent

# The fake's names (profiles.py; test_targets.py checks that these lists match it).
PROFILES = ("openai", "llama.cpp", "vllm", "ollama", "azure")
RESPONSES_QUIRKS = (
    "no_output_index",
    "no_content_index",
    "no_item_id",
    "no_sequence_number",
    "no_indexes",
    "repeated_lifecycle",
    "repeated_lifecycle_late",
    "no_output_item_added",
    "no_output_item_done",
    "no_arguments_done",
    "empty_final_output",
    "no_final_usage",
)
CHAT_QUIRKS = (
    "empty_choices",
    "no_choice_index",
    "no_tool_call_index",
    "tool_call_id_every_chunk",
    "finish_reason_outside_spec",
    "usage_every_chunk",
    "object_chat_completion",
    "object_empty",
    "role_every_chunk",
    "content_filter_results",
)
FRAMING_QUIRKS = ("end_done", "end_done_event", "end_done_event_empty", "end_close", "keepalive")

PROMPT = "Say hello to the profiles"
SECOND = "And once more"
TIME_TOOL_RESPONSES = {
    "type": "function",
    "name": "get_time",
    "parameters": {
        "type": "object",
        "properties": {"zone": {"type": "string"}},
        "required": ["zone"],
        "additionalProperties": False,
    },
    "strict": True,
}
TIME_TOOL_CHAT = {
    "type": "function",
    "function": {k: v for k, v in TIME_TOOL_RESPONSES.items() if k != "type"},
}

# What the fake answers (content.py, instances.py): what every helper must rebuild.
TEXT = f"Hello 👋 — you said: “{PROMPT}”. Schöne Grüße from the fake server!"
SECOND_TEXT = f"Hello 👋 — you said: “{SECOND}”. Schöne Grüße from the fake server!"
RESPONSES_CALLS = [
    {"name": "get_weather", "arguments": {"location": "👋 hello"}},
    {"name": "get_time", "arguments": {"zone": "crème brûlée"}},
]
CHAT_CALLS = [
    {"name": "get_weather", "arguments": {"city": "Ωmega", "unit": "c"}},
    {"name": "get_time", "arguments": {"zone": "crème brûlée"}},
]
AGENT_TEXT = "Danke! The tool said “12:00 in crème brûlée” — that\u2019s all I need 👋"
PERSON = {"name": "Kraków", "age": 42, "tags": ["Ωmega", "👋 hello"]}

_IDS = re.compile(r"\b(?:req|resp|msg|fc|call|chatcmpl|wsconn)[-_][0-9A-Za-z]+")


def _error(exc: BaseException) -> dict[str, str]:
    """The class and first line of the message, ids blanked (equal on every target)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return {"error": f"{type(exc).__name__}: {_IDS.sub('<id>', first)[:200]}"}


def _finish(reason: str, quirks: set[str]) -> str:
    renamed = {"stop": "eos", "tool_calls": "tool_call"}
    return renamed[reason] if "finish_reason_outside_spec" in quirks else reason


def _calls(calls: list[Any]) -> list[dict[str, Any]]:
    """name + arguments (decoded) of function calls or chat tool calls."""
    out = []
    for call in calls:
        function = getattr(call, "function", call)
        arguments = function.arguments
        out.append(
            {
                "name": function.name,
                "arguments": json.loads(arguments) if isinstance(arguments, str) else arguments,
            }
        )
    return out


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


# -- the helpers, each with its expectation ----------------------------------------------


async def responses_stream(c: AsyncOpenAI) -> dict[str, Any]:
    deltas: list[str] = []
    async with c.responses.stream(model=MODEL, input=PROMPT) as stream:
        async for event in stream:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)  # type: ignore[union-attr]
        final = await stream.get_final_response()
    return {
        "text": final.output_text,
        "deltas_make_text": "".join(deltas) == final.output_text,
        "status": final.status,
        "usage": bool(final.usage and final.usage.total_tokens),
    }


def expect_responses_stream(quirks: set[str]) -> dict[str, Any]:
    usage = "no_final_usage" not in quirks
    return {"text": TEXT, "deltas_make_text": True, "status": "completed", "usage": usage}


async def responses_create_stream_fc(c: AsyncOpenAI) -> dict[str, Any]:
    fc = c.responses.create_stream_fc(
        model=MODEL, input="weather and time?", tools=[WEATHER_TOOL_RESPONSES, TIME_TOOL_RESPONSES]
    )
    calls = [call async for call in fc]
    final = await fc.get_final_response()
    return {
        "calls": _calls(calls),
        "output": _calls([item for item in final.output if item.type == "function_call"]),
        "status": final.status,
    }


def expect_responses_create_stream_fc(quirks: set[str]) -> dict[str, Any]:
    return {"calls": RESPONSES_CALLS, "output": RESPONSES_CALLS, "status": "completed"}


async def chat_stream(c: AsyncOpenAI) -> dict[str, Any]:
    out: dict[str, Any] = {}
    messages = [{"role": "user", "content": PROMPT}]
    options = {"include_usage": True}
    async with c.chat.completions.stream(
        model=MODEL, messages=messages, stream_options=options
    ) as stream:
        completion = await stream.get_final_completion()
    choice = completion.choices[0]
    out["text"] = choice.message.content
    out["finish_reason"] = choice.finish_reason
    out["usage"] = bool(completion.usage and completion.usage.total_tokens)
    done: list[dict[str, Any]] = []
    async with c.chat.completions.stream(
        model=MODEL,
        messages=[{"role": "user", "content": "weather and time?"}],
        tools=[WEATHER_TOOL_CHAT, TIME_TOOL_CHAT],
    ) as stream:
        async for event in stream:
            if event.type == "tool_calls.function.arguments.done":
                done.append({"name": event.name, "arguments": json.loads(event.arguments)})  # type: ignore[union-attr]
        completion = await stream.get_final_completion()
    out["arguments_done"] = done
    out["tool_calls"] = _calls(completion.choices[0].message.tool_calls or [])
    out["tools_finish_reason"] = completion.choices[0].finish_reason
    return out


def expect_chat_stream(quirks: set[str]) -> dict[str, Any]:
    return {
        "text": TEXT,
        "finish_reason": _finish("stop", quirks),
        "usage": True,
        "arguments_done": CHAT_CALLS,
        "tool_calls": CHAT_CALLS,
        "tools_finish_reason": _finish("tool_calls", quirks),
    }


async def chat_create_stream_fc(c: AsyncOpenAI) -> dict[str, Any]:
    fc = c.chat.completions.create_stream_fc(
        model=MODEL,
        messages=[{"role": "user", "content": "weather and time?"}],
        tools=[WEATHER_TOOL_CHAT, TIME_TOOL_CHAT],
    )
    calls = [call async for call in fc]
    completion = await fc.get_final_completion()
    return {
        "calls": _calls(calls),
        "final": _calls(completion.choices[0].message.tool_calls or []),
        "finish_reason": completion.choices[0].finish_reason,
    }


def expect_chat_create_stream_fc(quirks: set[str]) -> dict[str, Any]:
    return {
        "calls": CHAT_CALLS,
        "final": CHAT_CALLS,
        "finish_reason": _finish("tool_calls", quirks),
    }


async def agent(c: AsyncOpenAI) -> dict[str, Any]:
    outcome = await run_agent(
        c.responses, model=MODEL, input="weather and time?", tools=[get_weather, get_time]
    )
    return {"turns": outcome.turns, "calls": _calls(outcome.calls), "text": outcome.output_text}


def expect_agent(quirks: set[str]) -> dict[str, Any]:
    calls = [
        {"name": "get_weather", "arguments": {"city": "Ωmega", "unit": "c"}},
        {"name": "get_time", "arguments": {"zone": "crème brûlée"}},
    ]
    return {"turns": 2, "calls": calls, "text": AGENT_TEXT}


async def responses_parse(c: AsyncOpenAI) -> dict[str, Any]:
    parsed = await c.responses.parse(model=MODEL, input="a person", text_format=Person)
    async with c.responses.stream(model=MODEL, input="a person", text_format=Person) as stream:
        final = await stream.get_final_response()
    return {"parsed": _dump(parsed.output_parsed), "streamed": _dump(final.output_parsed)}


def expect_responses_parse(quirks: set[str]) -> dict[str, Any]:
    return {"parsed": PERSON, "streamed": PERSON}


async def chat_parse(c: AsyncOpenAI) -> dict[str, Any]:
    messages = [{"role": "user", "content": "a person"}]
    parsed = await c.chat.completions.parse(model=MODEL, messages=messages, response_format=Person)
    async with c.chat.completions.stream(
        model=MODEL, messages=messages, response_format=Person
    ) as stream:
        completion = await stream.get_final_completion()
    return {
        "parsed": _dump(parsed.choices[0].message.parsed),
        "streamed": _dump(completion.choices[0].message.parsed),
        "finish_reason": completion.choices[0].finish_reason,
    }


def expect_chat_parse(quirks: set[str]) -> dict[str, Any]:
    return {"parsed": PERSON, "streamed": PERSON, "finish_reason": _finish("stop", quirks)}


async def ws_session(c: AsyncOpenAI) -> dict[str, Any]:
    async with c.ws_session(defaults={"model": MODEL}) as ws:
        first = await ws.send(input=PROMPT)
        second = await ws.send(input=SECOND)
    return {
        "texts": [first.output_text, second.output_text],
        "chained": second.previous_response_id == first.id,
    }


def expect_ws_session(quirks: set[str]) -> dict[str, Any]:
    return {"texts": [TEXT, SECOND_TEXT], "chained": True}


@dataclass(frozen=True)
class Helper:
    name: str
    api: str  # "responses" or "chat": which quirks concern it
    run: Callable[[AsyncOpenAI], Awaitable[dict[str, Any]]]
    expect: Callable[[set[str]], dict[str, Any]]


HELPERS = (
    Helper("responses.stream", "responses", responses_stream, expect_responses_stream),
    Helper(
        "responses.create_stream_fc",
        "responses",
        responses_create_stream_fc,
        expect_responses_create_stream_fc,
    ),
    Helper("chat.completions.stream", "chat", chat_stream, expect_chat_stream),
    Helper(
        "chat.completions.create_stream_fc",
        "chat",
        chat_create_stream_fc,
        expect_chat_create_stream_fc,
    ),
    Helper("run_agent", "responses", agent, expect_agent),
    Helper("responses.parse", "responses", responses_parse, expect_responses_parse),
    Helper("chat.completions.parse", "chat", chat_parse, expect_chat_parse),
    Helper("ws_session", "responses", ws_session, expect_ws_session),
)
EXPECT = {h.name: h.expect for h in HELPERS}


def helpers_for(quirk: str) -> list[Helper]:
    """The helpers a quirk concerns: its API's, or all for the framing quirks."""
    if quirk in FRAMING_QUIRKS:
        return list(HELPERS)
    api = "responses" if quirk in RESPONSES_QUIRKS else "chat"
    return [h for h in HELPERS if h.api == api]


# -- the generated scenarios -------------------------------------------------------------


async def _run(base_url: str, switch: dict[str, Any], helpers: list[Helper]) -> dict[str, Any]:
    await reset(base_url)
    server = await _http("POST", _root(base_url) + "/__fake__/profile", switch)
    result = transcript(server=server)
    outcomes: dict[str, Any] = {}
    try:
        async with client(base_url) as c:
            for helper in helpers:
                try:
                    outcomes[helper.name] = await helper.run(c)
                except Exception as exc:
                    outcomes[helper.name] = _error(exc)
    finally:
        result["requests"] = len(await journal(base_url))
        await reset(base_url)  # back to OpenAI's behaviour for the scenarios after this one
    result["final"] = outcomes
    return result


def _scenario(
    name: str, switch: dict[str, Any], helpers: list[Helper]
) -> Callable[[str], Awaitable[dict[str, Any]]]:
    async def scenario(base_url: str) -> dict[str, Any]:
        return await _run(base_url, switch, helpers)

    scenario.__name__ = scenario.__qualname__ = name
    scenario.__doc__ = f"Stream helpers with the fake's {switch}."
    return scenario


_PLAN: dict[str, tuple[dict[str, Any], list[Helper]]] = {
    **{f"profile_{p}": ({"profile": p}, list(HELPERS)) for p in PROFILES},
    **{
        f"quirk_{q}": ({"quirks": [q]}, helpers_for(q))
        for q in (*RESPONSES_QUIRKS, *CHAT_QUIRKS, *FRAMING_QUIRKS)
    },
}
SCENARIOS: dict[str, Callable[[str], Awaitable[dict[str, Any]]]] = {
    name: _scenario(name, switch, helpers) for name, (switch, helpers) in _PLAN.items()
}
HELPERS_OF: dict[str, list[str]] = {
    name: [h.name for h in helpers] for name, (_, helpers) in _PLAN.items()
}
"""The helpers each scenario runs, in order."""
