"""The sync runner given an async callback (a registered function, `approve_mcp`,
`before_early_call`, `context_budget.compact`, `ledger.save`): ours refuses the
awaitable as the official sync runner does (the same error class and message, the same
calls attempted, the same requests sent), and never awaits it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai
import pytest
from openai.lib import responses_tool_runner as official
from runner_support import MCP, WEATHER

import openai_oxide
from openai_oxide.lib import responses_tool_runner as ours
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

pytestmark = pytest.mark.filterwarnings("ignore:coroutine .* was never awaited")


async def _later(value: Any = True) -> Any:
    return value


def later(*args: Any) -> Any:
    """A plain callable that returns an awaitable (as an async def does)."""
    return _later("execute")


def sunny(arguments: Any) -> str:
    return "sunny"


WEATHER_INPUT = {"model": "m", "input": "weather?"}
# case: (execute, params, run options; a callable option is built per module)
CASES: dict[str, tuple[Callable[..., Any], dict[str, Any], dict[str, Any]]] = {
    "function": (later, WEATHER_INPUT, {}),
    "function-eager": (later, WEATHER_INPUT, {"stream": True, "eager": True}),
    "approve_mcp": (sunny, {"model": "m", "input": "look it up", "tools": [MCP]}, {}),
    "before_early_call": (
        sunny,
        WEATHER_INPUT,
        {"stream": True, "eager": True, "before_early_call": later},
    ),
    "context_budget": (
        sunny,
        WEATHER_INPUT,
        {"context_budget": {"max_input_bytes": 1, "max_input_images": 0, "compact": later}},
    ),
    "ledger": (sunny, WEATHER_INPUT, {"ledger": "async save"}),
    "ledger-returns-a-value": (sunny, WEATHER_INPUT, {"ledger": "returns True"}),
}


def outcome(
    module: Any, client: Any, fake: FakeOpenAI, case: str
) -> tuple[Any, ...] | tuple[str, str, int, int, int]:
    execute, params, options = CASES[case]
    options = dict(options)
    options["approve_mcp"] = lambda request: _later(True)  # awaited, it would approve
    if options.get("ledger") == "async save":
        options["ledger"] = module.ResponsesToolLedger("run-1", later)
    elif options.get("ledger") == "returns True":
        options["ledger"] = module.ResponsesToolLedger("run-1", lambda checkpoint: True)
    runner = module.ResponsesToolRunner(functions=[module.RegisteredFunction(WEATHER, execute)])
    fake.reset()
    try:
        response = runner.run(client, dict(params), **options)
    except module.ToolRunnerError as exc:
        return (
            type(exc).__name__,
            str(exc),
            len(exc.attempted_call_ids),
            len(exc.completed_call_ids),
            len(fake.journal),
        )
    return ("done", response.output_text, len(fake.journal))


@pytest.mark.parametrize("case", list(CASES))
def test_sync_runner_refuses_an_awaitable_as_the_official(fake: FakeOpenAI, case: str) -> None:
    with openai.OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        expected = outcome(official, client, fake, case)
    with openai_oxide.OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        got = outcome(ours, client, fake, case)
    if case == "ledger-returns-a-value":  # a sync recorder's non-awaitable result is ignored
        assert expected[0] == "done"
        assert got == expected
        return
    assert expected[0] == "ToolRunnerError"
    # Ours may name the cause after the official's message.
    assert got[1].startswith(expected[1].rstrip("."))
    assert (got[0], *got[2:]) == (expected[0], *expected[2:])
