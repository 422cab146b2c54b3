"""Approvals in the runner against the fake server: MCP approval requests answered by
`approve_mcp`, computer calls gated by `approve_safety_checks` and `before_action`,
sync and async callbacks, and the denial paths (as the official runner)."""

from __future__ import annotations

from typing import Any

import pytest
from runner_support import MCP, SCREEN, WEATHER, Screen, SyncScreen

from openai_oxide import AsyncComputerToolset, AsyncOpenAI, ComputerToolset, OpenAI
from openai_oxide.lib.computer import ComputerUseError
from openai_oxide.lib.responses_tool_runner import (
    AsyncRegisteredFunction,
    AsyncResponsesToolRunner,
    ResponsesToolRunner,
    ToolRunnerError,
)
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

SAFETY = "click it [safety-check]"


def bodies(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [entry.json for entry in fake.journal if entry.path.endswith("/responses")]


def of_type(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get("type") == kind]


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


@pytest.mark.parametrize("approve", [True, False])
async def test_mcp_requests_are_answered_by_approve_mcp(
    fake: FakeOpenAI, client: AsyncOpenAI, approve: bool
) -> None:
    asked: list[Any] = []
    notes: list[Any] = []

    async def approve_mcp(request: Any) -> bool:
        asked.append(request)
        return approve

    runner = AsyncResponsesToolRunner()
    response = await runner.run(
        client,
        {"model": "m", "input": "look it up", "tools": [MCP]},
        approve_mcp=approve_mcp,
        on_diagnostic=notes.append,
    )
    assert [(r.type, r.server_label, r.name) for r in asked] == [
        ("mcp_approval_request", "docs", "lookup")
    ]
    first, second = bodies(fake)
    assert first["tools"] == [MCP]
    answer = of_type(second["input"], "mcp_approval_response")
    assert answer == [
        {"type": "mcp_approval_response", "approval_request_id": asked[0].id, "approve": approve}
    ]
    # Approved: the server ran the MCP call; refused: it answered without it.
    assert [o.type for o in response.output] == (
        ["mcp_call", "message"] if approve else ["message"]
    )
    approval = [n for n in notes if n["stage"] == "approval"]
    assert [(n["reason"], n["call_id"]) for n in approval] == [
        ("completed" if approve else "refused", asked[0].id)
    ]


@pytest.mark.parametrize(
    ("approve_mcp", "message"),
    [
        (None, "MCP approval requires an application callback"),
        (lambda request: "yes", "MCP approval must return True or False"),
    ],
)
async def test_mcp_approval_needs_a_yes_or_no(
    fake: FakeOpenAI, client: AsyncOpenAI, approve_mcp: Any, message: str
) -> None:
    with pytest.raises(ToolRunnerError, match=message) as caught:
        await AsyncResponsesToolRunner().run(
            client, {"model": "m", "input": "x", "tools": [MCP]}, approve_mcp=approve_mcp
        )
    assert len(caught.value.attempted_call_ids) == 1
    assert caught.value.completed_call_ids == ()
    assert len(bodies(fake)) == 1


async def test_approved_safety_checks_are_acknowledged(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    screen, checked = Screen(), []

    async def approve_safety_checks(call: Any) -> bool:
        checked.append([c.code for c in call.pending_safety_checks])
        return True

    runner = AsyncResponsesToolRunner(computer=AsyncComputerToolset(screen))
    response = await runner.run(
        client, {"model": "m", "input": SAFETY}, approve_safety_checks=approve_safety_checks
    )
    assert response.output_text
    assert checked == [["malicious_instructions"]]
    assert screen.done == ["click", "type", "screenshot"]
    first, second = bodies(fake)
    assert first["tools"] == [{"type": "computer"}]
    call = of_type(second["input"], "computer_call")[0]
    (output,) = of_type(second["input"], "computer_call_output")
    assert output["call_id"] == call["call_id"] and output["output"] == SCREEN
    assert output["acknowledged_safety_checks"] == call["pending_safety_checks"] != []


@pytest.mark.parametrize("approval", [None, False, "yes"])
async def test_a_denied_safety_check_stops_before_any_action(
    fake: FakeOpenAI, client: AsyncOpenAI, approval: Any
) -> None:
    screen, notes = Screen(), []

    async def approve_safety_checks(call: Any) -> Any:
        return approval

    with pytest.raises(ToolRunnerError) as caught:
        await AsyncResponsesToolRunner(computer=AsyncComputerToolset(screen)).run(
            client,
            {"model": "m", "input": SAFETY},
            approve_safety_checks=None if approval is None else approve_safety_checks,
            on_diagnostic=notes.append,
        )
    assert str(caught.value) == "Tool run stopped before completion."
    assert isinstance(caught.value.__cause__, ComputerUseError)
    assert "explicit approval" in str(caught.value.__cause__)
    assert screen.done == []
    assert len(caught.value.attempted_call_ids) == 1 and not caught.value.completed_call_ids
    assert len(bodies(fake)) == 1  # nothing more is sent
    refused = [n for n in notes if n["api"] == "computer" and n["stage"] == "approval"]
    assert [n["reason"] for n in refused] == ["refused"]


async def test_without_safety_checks_no_approval_is_asked(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    screen = Screen()

    async def never(call: Any) -> bool:
        raise AssertionError("no pending safety check")

    await AsyncResponsesToolRunner(computer=AsyncComputerToolset(screen)).run(
        client, {"model": "m", "input": "click it"}, approve_safety_checks=never
    )
    assert screen.done == ["click", "type", "screenshot"]
    output = of_type(bodies(fake)[1]["input"], "computer_call_output")[0]
    assert output["acknowledged_safety_checks"] == []


async def test_before_action_can_refuse_one_action(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    screen, seen = Screen(), []

    async def before_action(action: Any) -> bool:
        seen.append(action.type)
        return action.type != "type"

    with pytest.raises(ToolRunnerError) as caught:
        await AsyncResponsesToolRunner(computer=AsyncComputerToolset(screen)).run(
            client, {"model": "m", "input": "click it"}, before_action=before_action
        )
    assert "not approved" in str(caught.value.__cause__)
    assert seen == ["click", "type"]
    assert screen.done == ["click"]  # the refused action and the screenshot did not run


def test_sync_runner_takes_sync_callbacks(fake: FakeOpenAI) -> None:
    screen, asked = SyncScreen(), []
    runner = ResponsesToolRunner(computer=ComputerToolset(screen))
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        response = runner.run(
            client,
            {"model": "m", "input": SAFETY, "tools": [MCP]},
            approve_mcp=lambda request: asked.append(request.name) is None,
            approve_safety_checks=lambda call: True,
            before_action=lambda action: asked.append(action.type) is None,
        )
        assert response.output_text
        assert asked == ["lookup", "click", "type", "screenshot"]  # the implied screenshot too
        assert screen.done == ["click", "type", "screenshot"]
        with pytest.raises(ToolRunnerError) as caught:
            runner.run(
                client,
                {"model": "m", "input": SAFETY},
                approve_safety_checks=lambda call: False,
            )
        assert "explicit approval" in str(caught.value.__cause__)
    kinds = [of_type(b["input"], "computer_call_output") != [] for b in bodies(fake)]
    assert kinds == [False, False, True, False]


@pytest.mark.parametrize(("decision", "streaming"), [("execute", True), ("defer", False)])
async def test_before_early_call_decides_for_computer_calls(
    fake: FakeOpenAI, client: AsyncOpenAI, decision: str, streaming: bool
) -> None:
    during: list[bool] = []

    class Watched(Screen):
        async def _record(self, action: Any) -> None:
            during.append(not fake.journal[-1].completed)
            await super()._record(action)

        click = type = _record

    asked: list[str] = []

    async def before_early_call(call: Any) -> str:
        asked.append(call.type)
        return decision

    fake.inject(Fault(match="/responses", delay_between_events=0.1))
    runner = AsyncResponsesToolRunner(
        computer=AsyncComputerToolset(Watched()), early_execution={"computer": True}
    )
    await runner.run(
        client,
        {"model": "m", "input": "click it"},
        stream=True,
        eager=True,
        before_early_call=before_early_call,
    )
    assert asked == ["computer_call"]
    assert during == [streaming, streaming]


async def test_computer_calls_do_not_start_early_unless_selected(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    during: list[bool] = []

    async def weather(arguments: dict[str, Any]) -> str:
        during.append(not fake.journal[-1].completed)
        return "sunny"

    fake.inject(Fault(match="/responses", delay_between_events=0.1))
    runner = AsyncResponsesToolRunner(
        functions=[AsyncRegisteredFunction(WEATHER, weather)],
        computer=AsyncComputerToolset(Screen()),
        early_execution={"functions": ["get_weather"]},
    )
    response = await runner.run(client, {"model": "m", "input": "x"}, stream=True, eager=True)
    assert during == [True] and response.output_text
    with pytest.raises(ValueError, match="Early computer"):
        AsyncResponsesToolRunner(early_execution={"computer": True})


async def test_the_computer_toolset_runs_alone(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    screen = Screen()
    response = await AsyncComputerToolset(screen).run(
        client, {"model": "m", "input": SAFETY}, approve_safety_checks=_yes
    )
    assert response.output_text and screen.done == ["click", "type", "screenshot"]
    with pytest.raises(ComputerUseError, match="explicit approval"):
        await AsyncComputerToolset(Screen()).run(client, {"model": "m", "input": SAFETY})
    with pytest.raises(ValueError, match="exactly one computer tool"):
        await AsyncComputerToolset(screen).run(client, {"model": "m", "input": "x", "tools": []})


async def _yes(call: Any) -> bool:
    return True


def test_execute_one_call_and_driver_checks() -> None:
    call = {
        "type": "computer_call",
        "id": "cu_1",
        "call_id": "call_1",
        "status": "completed",
        "action": {"type": "double_click", "x": 1, "y": 2},
        "pending_safety_checks": [],
    }
    screen = SyncScreen()
    output = ComputerToolset(screen).execute(call)  # type: ignore[arg-type]
    assert output == {
        "type": "computer_call_output",
        "call_id": "call_1",
        "output": SCREEN,
        "acknowledged_safety_checks": [],
    }
    assert screen.done == ["double_click", "screenshot"]
    for bad in ({"type": "click", "button": "left", "x": None, "y": 2}, {"type": "fly"}):
        with pytest.raises(ComputerUseError, match="Invalid computer"):
            ComputerToolset(screen).execute({**call, "action": bad})  # type: ignore[arg-type]
    with pytest.raises(ComputerUseError, match="exactly one of action or actions"):
        ComputerToolset(screen).execute({**call, "actions": []})  # type: ignore[arg-type]
    assert screen.done == ["double_click", "screenshot"]  # none of them acted
    with pytest.raises(ValueError, match="use AsyncComputerToolset"):
        ComputerToolset(Screen())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="use ComputerToolset"):
        AsyncComputerToolset(SyncScreen())  # type: ignore[arg-type]

    class Blank(SyncScreen):
        def screenshot(self) -> dict[str, Any]:
            return {"type": "computer_screenshot"}

    with pytest.raises(ComputerUseError, match="image_url or file_id"):
        ComputerToolset(Blank()).execute(call)  # type: ignore[arg-type]


def test_compaction_keeps_the_latest_computer_call_and_the_checked_ones() -> None:
    from openai_oxide.lib.tool_runner import budget

    def computer(call_id: str, checks: list[Any]) -> list[dict[str, Any]]:
        call = {"type": "computer_call", "call_id": call_id, "pending_safety_checks": checks}
        output = {"type": "computer_call_output", "call_id": call_id, "output": SCREEN}
        return [call, {**output, "acknowledged_safety_checks": checks}]

    history = [
        {"role": "user", "content": "go"},
        {"type": "function_call", "call_id": "f1", "name": "get_weather", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "f1", "output": "sunny"},
        *computer("c1", []),
        *computer("c2", [{"id": "sc", "code": "x", "message": "m"}]),
        *computer("c3", []),
        *computer("c4", []),
    ]
    limits = {"max_input_bytes": 10, "max_input_images": 10, "keep_recent_screenshots": 2}
    snapshot = budget.over(limits, history, frozenset())
    assert snapshot is not None and snapshot["input_images"] == 4
    # c2 has safety checks, c3 and c4 hold the two newest screenshots (c4 is the latest).
    assert snapshot["eligible_call_ids"] == ["f1", "c1"]


async def test_a_ledger_never_stores_mcp_credentials(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    from openai_oxide.lib.responses_tool_runner import AsyncResponsesToolLedger

    saved: list[Any] = []

    async def save(checkpoint: Any) -> None:
        saved.append(checkpoint)

    secret = {
        **MCP,
        "server_url": "https://mcp.example.com/sse?token=url-secret",
        "authorization": "Bearer auth-secret",
        "headers": {"x-key": "header-secret"},
    }
    await AsyncResponsesToolRunner().run(
        client,
        {"model": "m", "input": "look it up", "tools": [secret]},
        approve_mcp=_yes,
        ledger=AsyncResponsesToolLedger("run-1", save),
    )
    assert saved and saved[-1]["phase"] == "final"
    stored = str(saved)
    assert not any(s in stored for s in ("url-secret", "auth-secret", "header-secret"))
    # The request itself carries them, as the API needs them.
    assert bodies(fake)[0]["tools"] == [secret]


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ({"require_approval": "never"}, None),  # the server runs it without asking
        ({"require_approval": {"never": {"tool_names": ["lookup"]}}}, "contradicts"),
        ({"allowed_tools": {"tool_names": ["search"]}}, "excluded by allowed_tools"),
    ],
)
async def test_mcp_items_must_agree_with_the_declaration(
    fake: FakeOpenAI, client: AsyncOpenAI, declared: dict[str, Any], message: str | None
) -> None:
    params = {"model": "m", "input": "x", "tools": [{**MCP, **declared}]}
    runner = AsyncResponsesToolRunner()
    if message is None:
        response = await runner.run(client, params)
        assert [o.type for o in response.output] == ["mcp_call", "message"]
        return
    with pytest.raises(ToolRunnerError, match=message):
        await runner.run(client, params, approve_mcp=_yes)
    assert len(bodies(fake)) == 1


@pytest.mark.parametrize("again", [True, False])
async def test_an_unused_mcp_grant_is_asked_again(
    fake: FakeOpenAI, client: AsyncOpenAI, again: bool
) -> None:
    """History that holds an approval no MCP call has used yet (a resumed or imported
    run): the application answers it again before the next request. (The fake's MCP call
    carries these arguments; another call would not match the approval, which ends the
    run, as the official's: tests/lib/test_tool_runner_history.py.)"""
    request = {
        "type": "mcp_approval_request",
        "id": "mcpr_1",
        "server_label": "docs",
        "name": "lookup",
        "arguments": '{"query":"status"}',
    }
    granted = {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": True}
    asked: list[str] = []

    async def approve_mcp(approval: Any) -> bool:
        asked.append(approval.id)
        return again

    history = [{"role": "user", "content": "look it up"}, request, granted]
    response = await AsyncResponsesToolRunner().run(
        client, {"model": "m", "input": history, "tools": [MCP]}, approve_mcp=approve_mcp
    )
    assert asked == ["mcpr_1"]
    sent = bodies(fake)[0]["input"]
    assert sent[2] == {**granted, "approve": again}
    assert [o.type for o in response.output] == (["mcp_call", "message"] if again else ["message"])
    assert granted["approve"] is True  # the caller's input is not changed


async def test_a_request_with_server_tools_is_not_a_resumable_boundary(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    """The server may run an MCP call during the request, so a crash there leaves work
    to reconcile: the checkpoint before it is "pending" (the official's rule)."""
    from openai_oxide.lib.responses_tool_runner import AsyncResponsesToolLedger

    saved: list[Any] = []

    async def save(checkpoint: Any) -> None:
        saved.append(checkpoint)

    params = {"model": "m", "input": "x", "tools": [MCP]}
    ledger = AsyncResponsesToolLedger("run-1", save)
    await AsyncResponsesToolRunner().run(client, params, approve_mcp=_yes, ledger=ledger)
    first = saved[0]  # saved before the first request
    assert (first["phase"], first["consumed_requests"], first["history"]) == (
        "pending",
        1,
        [{"role": "user", "content": "x"}],
    )
    assert saved[-1]["phase"] == "final"
    with pytest.raises(ValueError, match="completed boundary"):
        await AsyncResponsesToolRunner().run(
            client,
            params,
            approve_mcp=_yes,
            ledger=AsyncResponsesToolLedger("run-1", save, resume_from=saved[0]),
        )


async def test_one_run_at_a_time_and_none_after_close(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    """The official admission: a runner (and a toolset) runs one call at a time;
    `close()` says "draining" while one is in flight and refuses new ones."""
    screen = Screen()
    toolset = AsyncComputerToolset(screen)
    runner = AsyncResponsesToolRunner(computer=toolset)
    turns = runner.iterate(client, {"model": "m", "input": "click it"})
    first = await anext(turns)
    assert not first.final
    with pytest.raises(RuntimeError, match="busy with another call"):
        await runner.run(client, {"model": "m", "input": "again"})
    assert runner.close() == {"status": "draining"}
    async for _ in turns:  # the run in progress finishes
        pass
    assert screen.done == ["click", "type", "screenshot"]
    assert runner.close() == {"status": "closed"}
    with pytest.raises(RuntimeError, match="Responses runner is closed"):
        await runner.run(client, {"model": "m", "input": "again"})
    assert toolset.close() == {"status": "closed"}
    call = {
        "type": "computer_call",
        "id": "cu_1",
        "call_id": "call_1",
        "status": "completed",
        "actions": [{"type": "wait"}],
    }
    with pytest.raises(RuntimeError, match="Computer toolset is closed"):
        await toolset.execute(call)  # type: ignore[arg-type]


async def test_tool_choice_limits_what_the_model_may_call(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from runner_support import TIME

    async def fine(arguments: dict[str, Any]) -> str:
        return "fine"

    functions = [AsyncRegisteredFunction(WEATHER, fine), AsyncRegisteredFunction(TIME, fine)]
    runner = AsyncResponsesToolRunner(functions=functions)
    only_time = {"type": "allowed_tools", "mode": "auto", "tools": [TIME_CHOICE]}
    # The fake ignores allowed_tools and calls both: get_weather was not allowed.
    with pytest.raises(ToolRunnerError, match="excluded by tool_choice"):
        await runner.run(client, {"model": "m", "input": "x", "tool_choice": only_time})
    for forcing in ({**only_time, "mode": "required"}, {"type": "computer_use_preview"}):
        with pytest.raises(ValueError, match="always requires a local tool"):
            await runner.run(client, {"model": "m", "input": "x", "tool_choice": forcing})
    # "required" may be satisfied by a server tool, so it does not force a local one.
    response = await AsyncResponsesToolRunner().run(
        client,
        {"model": "m", "input": "x", "tools": [MCP], "tool_choice": "required"},
        approve_mcp=_yes,
    )
    assert [o.type for o in response.output] == ["mcp_call", "message"]
    assert len(bodies(fake)) == 3


TIME_CHOICE = {"type": "function", "name": "get_time"}


async def test_each_step_gets_its_own_idempotency_key(fake: FakeOpenAI) -> None:
    async def fine(arguments: dict[str, Any]) -> str:
        return "fine"

    headers = {"Idempotency-Key": "mine"}
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        await AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, fine)]).run(
            c, {"model": "m", "input": "x", "extra_headers": headers}
        )
    keys = [e.headers.get("idempotency-key") for e in fake.journal if e.path.endswith("/responses")]
    assert keys[0] == "mine" and keys[1] not in (None, "mine")
