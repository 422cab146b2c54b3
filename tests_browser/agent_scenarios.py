"""The agent toolkit on every target: the Responses tool runner with two function tools,
an MCP approval, the computer toolset (whose safety check the application denies) and a
context-budget compaction; and the sync runner (natively on the loop its thread drives, under
Pyodide through JSPI, refused in Node without JSPI).

The fake model calls the function tools first, then asks for the MCP approval, then
(after running the MCP call) uses the computer; `[safety-check]` in the user text makes
that computer call carry a pending safety check (openai_oxide/testing/agent_tools.py).
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from scenarios import (
    API_KEY,
    IN_PYODIDE,
    MODEL,
    Normalizer,
    client,
    journal,
    record_error,
    reset,
    transcript,
)

from openai_oxide import AsyncComputerToolset, OpenAI
from openai_oxide.lib.browser import AsyncBrowserToolset
from openai_oxide.lib.responses_tool_runner import (
    AsyncRegisteredFunction,
    AsyncResponsesToolRunner,
    RegisteredFunction,
    ResponsesToolRunner,
)

PROMPT = "Plan the trip, then book it on the site [safety-check]"
MCP_TOOL = {
    "type": "mcp",
    "server_label": "trips",
    "server_url": "https://mcp.example.com/sse",
    "require_approval": "always",
}
# The first two requests fit; the third (which adds the approval) does not.
BUDGET_BYTES = 950


def _tool(name: str, field: str) -> dict[str, Any]:
    return {
        "type": "function",
        "name": name,
        "description": f"{name} of a place.",
        "parameters": {
            "type": "object",
            "properties": {field: {"type": "string"}},
            "required": [field],
            "additionalProperties": False,
        },
        "strict": True,
    }


WEATHER = _tool("get_weather", "city")
TIME = _tool("get_time", "zone")
SCREEN = {"type": "computer_screenshot", "image_url": "data:image/png;base64,iVBORw0KGgo="}


class Screen:
    """An in-memory computer: it notes the actions it runs."""

    def __init__(self) -> None:
        self.done: list[str] = []

    async def _act(self, action: Any) -> None:
        self.done.append(action.type)

    click = double_click = drag = keypress = move = scroll = type = wait = _act

    async def screenshot(self) -> dict[str, Any]:
        self.done.append("screenshot")
        return dict(SCREEN)


async def toolkit_agent(base_url: str) -> dict[str, Any]:
    """Turn 1 runs both function tools; turn 2 is an MCP approval (approved); before
    turn 3 the input exceeds the budget and `compact` drops the function calls; turn 3's
    computer call has a safety check, which the application denies: the run stops."""
    await reset(base_url)
    norm = Normalizer()
    log: list[Any] = []

    def function(tool: dict[str, Any]) -> AsyncRegisteredFunction:
        async def execute(arguments: dict[str, Any]) -> str:
            log.append(["tool", tool["name"], arguments])
            await asyncio.sleep(0)
            return json.dumps({tool["name"]: "fine", **arguments})

        return AsyncRegisteredFunction(tool, execute)

    async def approve_mcp(request: Any) -> bool:
        log.append(["approve_mcp", request.server_label, request.name, request.arguments])
        return True

    async def approve_safety_checks(call: Any) -> bool:
        log.append(["safety_checks", [check.code for check in call.pending_safety_checks]])
        return False

    async def compact(snapshot: dict[str, Any]) -> dict[str, Any]:
        eligible = snapshot["eligible_call_ids"]
        log.append(["compact", [norm.ident(c) for c in eligible], snapshot["input_bytes"]])
        return {"drop_call_ids": eligible, "summary": "Weather and time were checked."}

    screen = Screen()
    runner = AsyncResponsesToolRunner(
        functions=[function(WEATHER), function(TIME)], computer=AsyncComputerToolset(screen)
    )
    result = transcript()
    async with client(base_url) as c:
        try:
            await runner.run(
                c,
                {"model": MODEL, "input": PROMPT, "tools": [MCP_TOOL]},
                stream=True,
                approve_mcp=approve_mcp,
                approve_safety_checks=approve_safety_checks,
                context_budget={
                    "max_input_bytes": BUDGET_BYTES,
                    "max_input_images": 4,
                    "compact": compact,
                },
            )
        except Exception as exc:
            record_error(result, exc)
            result["message"] = str(exc)
            result["cause"] = type(exc.__cause__).__name__
            result["cause_message"] = str(exc.__cause__)
            result["attempted"] = [norm.ident(i) for i in getattr(exc, "attempted_call_ids", ())]
            result["completed"] = [norm.ident(i) for i in getattr(exc, "completed_call_ids", ())]
    result["events"] = log
    result["computer"] = screen.done
    entries = [e for e in await journal(base_url) if e["path"].endswith("/responses")]
    result["requests"] = len(entries)
    result["sent"] = [_scrub(norm, e["json"]["input"]) for e in entries]
    result["sent_tools"] = [[t.get("name", t["type"]) for t in e["json"]["tools"]] for e in entries]
    return result


_GENERATED = re.compile(r"\b(?:call|mcpr|mcp|cu_sc|cu|fc|msg|resp)_[0-9a-f]{8,}\b")


def _scrub(norm: Normalizer, value: Any) -> Any:
    """`value` with every generated id, also inside text (the compaction notes name the
    dropped call ids), replaced by its `<idN>`."""
    text = _GENERATED.sub(lambda m: norm.ident(m.group(0)), json.dumps(value))
    return json.loads(text)


def _sync_run(base_url: str) -> dict[str, Any]:
    calls: list[str] = []

    def weather(arguments: dict[str, Any]) -> str:
        calls.append("get_weather")
        return "sunny"

    def time_of(arguments: dict[str, Any]) -> str:
        calls.append("get_time")
        return "noon"

    runner = ResponsesToolRunner(
        functions=[RegisteredFunction(WEATHER, weather), RegisteredFunction(TIME, time_of)]
    )
    with OpenAI(api_key=API_KEY, base_url=base_url, max_retries=0) as c:
        turns = list(runner.iterate(c, {"model": MODEL, "input": "weather and time?"}, stream=True))
    final = turns[-1].response
    return {
        "calls": calls,
        "turns": [[t.step, t.final, t.tools_executed] for t in turns],
        "output_text": final.output_text,
    }


async def toolkit_sync_runner(base_url: str) -> dict[str, Any]:
    """The sync `ResponsesToolRunner`: natively from a worker thread (as an app without a
    loop), under Pyodide through JSPI; Node without JSPI refuses it."""
    await reset(base_url)
    result = transcript()
    try:
        if IN_PYODIDE:
            result["final"] = _sync_run(base_url)
        else:
            result["final"] = await asyncio.to_thread(_sync_run, base_url)
    except Exception as exc:
        record_error(result, exc)
    result["requests"] = len(await journal(base_url))
    return result


# Tab hosts where IDNA 2008 (the idna package, which the official's httpx2 uses) and
# Python's IDNA 2003 codec disagree; tests/lib/test_browser_reports_official.py compares
# them natively with the official toolset.
IDNA_URLS = [
    "http://faß.de/",
    "http://☃.net",
    "http://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",  # fullwidth "example"
    "http://ⅷ.com",
    "https://Bücher.example:8443/x",
]


class _Tab:
    """A browser with one tab at `url`; a click does nothing."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def state(self) -> dict[str, Any]:
        return {"tabs": [{"id": "t1", "title": "", "url": self.url, "active": True}]}

    async def click(self, action: Any) -> None:
        pass


async def toolkit_browser_origins(base_url: str) -> dict[str, Any]:
    """The browser toolset's report of a tab at a non-ASCII host: its origin as the
    official shows it (IDNA 2008), or the failed report where IDNA 2008 refuses the host,
    the same under Pyodide as natively."""
    result = transcript()

    async def confirm(context: Any) -> bool:
        return True

    call = {
        "type": "function_call",
        "call_id": "call_1",
        "name": "browser_click",
        "arguments": json.dumps({"target": "b1", "tab_id": None}),
    }
    shown: list[Any] = []
    for url in IDNA_URLS:
        toolset = AsyncBrowserToolset(_Tab(url), members=["click"], confirm=confirm)
        try:
            output = await toolset.execute(call)  # type: ignore[arg-type]
            report = json.loads(output["output"][0]["text"])
            shown.append(report["state"]["tabs"][0]["url"])
        except RuntimeError as exc:
            shown.append(str(exc))
    result["final"] = shown
    return result


SCENARIOS = {f.__name__: f for f in (toolkit_agent, toolkit_sync_runner, toolkit_browser_origins)}
