"""History checked where the official runner checks it: the input of every run with a
ledger (resumed or not), every step's input under a context budget, every boundary
checkpoint, the MCP history whose grants are asked again, and each live response's
items. Server tools' items, MCP approval pairing, computer calls and function outputs:
the same input passes on both runners, or both refuse it with the same error."""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest
from openai.lib import computer as official_computer
from openai.lib import responses_tool_runner as official
from runner_support import MCP, SCREEN, WEATHER, Screen

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import computer as ours_computer
from openai_oxide.lib import responses_tool_runner as ours
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

SEARCH = {"type": "web_search"}
CODE = {"type": "code_interpreter", "container": "cntr_1"}
IMAGES = {"type": "image_generation"}
TOOLS = [SEARCH, CODE, IMAGES, MCP]

WEB = {
    "type": "web_search_call",
    "id": "ws_1",
    "status": "completed",
    "action": {"type": "search", "query": "q"},
}
FILES = {"type": "file_search_call", "id": "fs_1", "status": "completed", "queries": ["q"]}
INTERPRETER = {
    "type": "code_interpreter_call",
    "id": "ci_1",
    "status": "completed",
    "container_id": "cntr_1",
    "code": "1+1",
    "outputs": [{"type": "logs", "logs": "2"}],
}
IMAGE = {"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": None}
LISTED = {
    "type": "mcp_list_tools",
    "id": "ml_1",
    "server_label": "docs",
    "tools": [{"name": "lookup", "input_schema": {}}],
}
ASK = {
    "type": "mcp_approval_request",
    "id": "mcpr_1",
    "server_label": "docs",
    "name": "lookup",
    "arguments": "{}",
}
YES = {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": True}
NO = {**YES, "approve": False}
MCP_CALL = {
    "type": "mcp_call",
    "id": "mcp_1",
    "server_label": "docs",
    "name": "lookup",
    "arguments": "{}",
    "output": "ok",
    "approval_request_id": "mcpr_1",
}
CLICK = {
    "type": "computer_call",
    "id": "cu_1",
    "call_id": "call_c",
    "status": "completed",
    "actions": [{"type": "click", "button": "left", "x": 1, "y": 2}],
    "pending_safety_checks": [],
}
CLICKED = {"type": "computer_call_output", "call_id": "call_c", "output": SCREEN}
CALL = {"type": "function_call", "call_id": "call_f", "name": "get_weather", "arguments": "{}"}


def answered(output: Any) -> list[dict[str, Any]]:
    return [CALL, {"type": "function_call_output", "call_id": "call_f", "output": output}]


HISTORIES: dict[str, list[dict[str, Any]]] = {
    "web-search": [WEB],
    "web-search-no-action": [{k: v for k, v in WEB.items() if k != "action"}],
    "web-search-in-progress": [{**WEB, "status": "in_progress"}],
    "web-search-bad-source": [{**WEB, "action": {**WEB["action"], "sources": [{"url": 1}]}}],
    "file-search-undeclared": [FILES],
    "code-interpreter": [INTERPRETER],
    "code-interpreter-other-container": [{**INTERPRETER, "container_id": "cntr_2"}],
    "code-interpreter-bad-output": [{**INTERPRETER, "outputs": [{"type": "files"}]}],
    "image-generation": [IMAGE],
    "image-generation-bad-quality": [{**IMAGE, "quality": "ultra"}],
    "server-item-no-id": [{k: v for k, v in IMAGE.items() if k != "id"}],
    "mcp-list-tools": [LISTED],
    "mcp-list-tools-no-schema": [{**LISTED, "tools": [{"name": "lookup"}]}],
    "mcp-other-label": [{**LISTED, "server_label": "wiki"}],
    "mcp-approved-and-run": [ASK, YES, MCP_CALL],
    "mcp-refused": [ASK, NO],
    "mcp-unanswered": [ASK],
    "mcp-answer-without-request": [YES],
    "mcp-answered-twice": [ASK, YES, YES],
    "mcp-answer-not-bool": [ASK, {**YES, "approve": "yes"}],
    "mcp-duplicate-request": [ASK, YES, {**ASK, "id": "mcpr_1"}],
    "mcp-call-other-arguments": [ASK, YES, {**MCP_CALL, "arguments": '{"q":1}'}],
    "mcp-call-refused-request": [ASK, NO, MCP_CALL],
    "mcp-call-used-twice": [ASK, YES, MCP_CALL, {**MCP_CALL, "id": "mcp_2"}],
    "computer": [CLICK, CLICKED],
    "computer-bad-action": [{**CLICK, "actions": [{"type": "click", "x": 1}]}, CLICKED],
    "computer-coerced": [
        {**CLICK, "actions": [{"type": "click", "button": "left", "x": "1", "y": 2}]},
        CLICKED,
    ],
    "function-output-blocks": answered([{"type": "input_text", "text": "sunny"}]),
    "function-output-unknown-field": answered([{"type": "input_text", "text": "s", "x": 1}]),
    "function-output-image-without-source": answered([{"type": "input_image", "detail": "auto"}]),
    "function-output-bad-detail": answered(
        [{"type": "input_image", "image_url": "data:,", "detail": "max"}]
    ),
}


async def weather(arguments: dict[str, Any]) -> str:
    return "sunny"


async def approve(request: Any) -> bool:
    return True


def _runner(module: Any, computer: Any) -> Any:
    return module.AsyncResponsesToolRunner(
        functions=[module.AsyncRegisteredFunction(WEATHER, weather)],
        computer=computer.AsyncComputerToolset(Screen()),
    )


async def outcome(
    module: Any, computer: Any, client_class: Any, fake: FakeOpenAI, items: Any, mode: str
) -> Any:
    saved: list[Any] = []

    async def save(checkpoint: Any) -> None:
        saved.append(checkpoint)

    options: dict[str, Any] = {"approve_mcp": approve, "max_steps": 2}
    if mode == "ledger":
        options["ledger"] = module.AsyncResponsesToolLedger("run-1", save)
    elif mode == "budget":
        options["context_budget"] = {"max_input_bytes": 10**6, "max_input_images": 8}
    history = [{"role": "user", "content": "Hello."}, *json.loads(json.dumps(items))]
    fake.reset()
    async with client_class(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        try:
            response = await _runner(module, computer).run(
                client, {"model": "m", "input": history, "tools": TOOLS}, **options
            )
        except Exception as exc:
            return type(exc).__name__, str(exc).split(": ")[0].rstrip("."), len(fake.journal)
    return "done", [item.type for item in response.output], len(fake.journal)


@pytest.mark.parametrize("mode", ["ledger", "budget", "plain"])
@pytest.mark.parametrize("items", list(HISTORIES.values()), ids=list(HISTORIES))
async def test_history_is_checked_where_the_official_checks_it(
    fake: FakeOpenAI, items: list[dict[str, Any]], mode: str
) -> None:
    expected = await outcome(official, official_computer, openai.AsyncOpenAI, fake, items, mode)
    got = await outcome(ours, ours_computer, AsyncOpenAI, fake, items, mode)
    assert got == expected


def _answer(*items: dict[str, Any]) -> Fault:
    """A scripted response whose output is `items` and a closing message."""
    message = {
        "id": "msg_9",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": "Done.", "annotations": []}],
    }
    body = {
        "id": "resp_9",
        "object": "response",
        "status": "completed",
        "model": "m",
        "output": [*items, message],
    }
    return Fault(status=200, body=body, match="/responses")


LIVE: dict[str, list[dict[str, Any]]] = {
    "web-search": [WEB],
    "web-search-no-action": [{k: v for k, v in WEB.items() if k != "action"}],
    "code-interpreter-other-container": [{**INTERPRETER, "container_id": "cntr_2"}],
    "file-search-undeclared": [FILES],
    "mcp-call-unapproved": [MCP_CALL],
    "mcp-call-no-approval": [{**MCP_CALL, "approval_request_id": None}],
    "duplicate-item-ids": [WEB, {**IMAGE, "id": "ws_1"}],
    "item-id-of-the-history": [{**IMAGE, "id": "msg_0"}],
}


@pytest.mark.parametrize("items", list(LIVE.values()), ids=list(LIVE))
async def test_live_items_are_checked_as_the_official(
    fake: FakeOpenAI, items: list[dict[str, Any]]
) -> None:
    results = []
    for module, computer, client_class in (
        (official, official_computer, openai.AsyncOpenAI),
        (ours, ours_computer, AsyncOpenAI),
    ):
        fake.reset()
        fake.inject(_answer(*items))
        history = [{"id": "msg_0", "role": "user", "content": "Hello.", "type": "message"}]
        async with client_class(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
            try:
                response = await _runner(module, computer).run(
                    client, {"model": "m", "input": history, "tools": TOOLS}, approve_mcp=approve
                )
                results.append(("done", [item.type for item in response.output]))
            except Exception as exc:
                results.append((type(exc).__name__, str(exc)))
    assert results[1] == results[0]
