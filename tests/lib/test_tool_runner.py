"""`AsyncResponsesToolRunner` / `ResponsesToolRunner` against the fake server: the loop,
early execution on our early parse, concurrency limits and typed errors."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pydantic
import pytest
from runner_support import TIME, WEATHER

from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.lib import ToolExecutionError, UnknownToolError, pydantic_responses_function_tool
from openai_oxide.lib.responses_tool_runner import (
    AsyncRegisteredFunction,
    AsyncResponsesToolRunner,
    RegisteredFunction,
    ResponsesToolRunner,
    ToolRunnerCancelledError,
    ToolRunnerError,
)
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

SLOW = Fault(match="/responses", delay_between_events=0.05)


def responses_requests(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [entry.json for entry in fake.journal if entry.path.endswith("/responses")]


class Recorder:
    """Executors that note each call and whether the model's stream was still open."""

    def __init__(self, fake: FakeOpenAI) -> None:
        self.fake = fake
        self.calls: list[tuple[str, dict[str, Any], bool]] = []

    def function(self, tool: dict[str, Any], **options: Any) -> AsyncRegisteredFunction:
        async def execute(arguments: dict[str, Any]) -> str:
            streaming = not self.fake.journal[-1].completed
            self.calls.append((tool["name"], arguments, streaming))
            await asyncio.sleep(0)
            return json.dumps({"tool": tool["name"], **arguments})

        return AsyncRegisteredFunction(tool, execute, **options)


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


@pytest.mark.parametrize("mode", ["create", "stream", "eager"])
async def test_loop_runs_tools_and_sends_the_whole_history(
    fake: FakeOpenAI, client: AsyncOpenAI, mode: str
) -> None:
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER), rec.function(TIME)])
    response = await runner.run(
        client,
        {"model": "m", "input": "weather and time?"},
        stream=mode != "create",
        eager=mode == "eager",
    )
    assert response.output_text and response.output[0].type == "message"
    assert sorted(name for name, _, _ in rec.calls) == ["get_time", "get_weather"]
    first, second = responses_requests(fake)
    assert first["input"] == [{"role": "user", "content": "weather and time?"}]
    assert "reasoning.encrypted_content" in first["include"]
    assert [t["name"] for t in first["tools"]] == ["get_weather", "get_time"]
    # The second request replays the first turn's calls and then their outputs.
    assert "previous_response_id" not in second
    kinds = [item.get("type", "message") for item in second["input"]]
    assert kinds == ["message", "function_call", "function_call"] + ["function_call_output"] * 2
    calls, outputs = second["input"][1:3], second["input"][3:]
    assert [o["call_id"] for o in outputs] == [c["call_id"] for c in calls]
    assert json.loads(outputs[0]["output"])["tool"] == calls[0]["name"]


async def test_eager_tool_starts_before_the_stream_ends(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    rec = Recorder(fake)
    fake.inject(Fault(match="/responses", delay_between_events=0.2))
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    await runner.run(client, {"model": "m", "input": "weather?"}, stream=True, eager=True)
    assert [(name, streaming) for name, _, streaming in rec.calls] == [("get_weather", True)]


async def test_without_eager_tools_wait_for_the_stream_end(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    rec = Recorder(fake)
    fake.inject(SLOW)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    await runner.run(client, {"model": "m", "input": "weather?"}, stream=True)
    assert [streaming for _, _, streaming in rec.calls] == [False]


@pytest.mark.parametrize(
    ("early", "expected"),
    [
        (["get_weather"], [("get_weather", True), ("get_time", False)]),
        # The first unselected call defers every later one to the stream's end.
        (["get_time"], [("get_weather", False), ("get_time", False)]),
        ([], [("get_weather", False), ("get_time", False)]),
    ],
)
async def test_early_execution_selects_the_tools_that_start_early(
    fake: FakeOpenAI, client: AsyncOpenAI, early: list[str], expected: list[tuple[str, bool]]
) -> None:
    rec = Recorder(fake)
    fake.inject(Fault(match="/responses", delay_between_events=0.1))
    runner = AsyncResponsesToolRunner(
        functions=[rec.function(WEATHER), rec.function(TIME)],
        early_execution={"functions": early},
    )
    await runner.run(client, {"model": "m", "input": "both?"}, stream=True, eager=True)
    assert [(name, streaming) for name, _, streaming in rec.calls] == expected


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ({"get_weather": "execute", "get_time": "execute"}, [True, True]),
        ({"get_weather": "execute", "get_time": "defer"}, [True, False]),
        ({"get_weather": "defer"}, [False, False]),  # a deferral holds every later call
    ],
)
async def test_before_early_call_decides(
    fake: FakeOpenAI, client: AsyncOpenAI, decisions: dict[str, str], expected: list[bool]
) -> None:
    rec = Recorder(fake)
    asked: list[str] = []

    async def before_early_call(call: Any) -> str:
        asked.append(call.name)
        return decisions[call.name]

    fake.inject(Fault(match="/responses", delay_between_events=0.1))
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER), rec.function(TIME)])
    await runner.run(
        client,
        {"model": "m", "input": "both?"},
        stream=True,
        eager=True,
        before_early_call=before_early_call,
    )
    assert asked == list(decisions)
    assert [streaming for _, _, streaming in rec.calls] == expected

    async def undecided(call: Any) -> str:
        return "maybe"

    with pytest.raises(ToolRunnerError, match="execute or defer") as info:
        await runner.run(
            client,
            {"model": "m", "input": "x"},
            stream=True,
            eager=True,
            before_early_call=undecided,
        )
    assert info.value.attempted_call_ids == ()


@pytest.mark.parametrize(("limit", "peak"), [(1, 1), (2, 2), (3, 3)])
async def test_max_concurrent_calls_bounds_independent_calls(
    fake: FakeOpenAI, client: AsyncOpenAI, limit: int, peak: int
) -> None:
    active: list[int] = [0, 0]  # now, highest

    def function(name: str) -> AsyncRegisteredFunction:
        async def execute(arguments: dict[str, Any]) -> str:
            active[0] += 1
            active[1] = max(active)
            for _ in range(500):  # hold the call until the model's stream is fully sent
                if fake.journal[-1].completed:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0)
            active[0] -= 1
            return name

        return AsyncRegisteredFunction({**WEATHER, "name": name}, execute, independent=True)

    fake.inject(SLOW)
    runner = AsyncResponsesToolRunner(functions=[function(n) for n in ("a", "b", "c")])
    await runner.run(
        client,
        {"model": "m", "input": "all three"},
        stream=True,
        eager=True,
        max_concurrent_calls=limit,
    )
    assert active == [0, peak]
    outputs = [i["output"] for i in responses_requests(fake)[1]["input"] if "output" in i]
    assert outputs == ["a", "b", "c"]  # in the model's order whatever the finishing order


async def test_unregistered_function_is_a_typed_error(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    invented = (
        'data: {"type":"response.created","response":{"id":"resp_1","object":"response",'
        '"status":"in_progress","output":[]}}\n\n'
        'data: {"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1",'
        '"type":"function_call","name":"launch_rockets","call_id":"call_1","arguments":""}}\n\n'
        'data: {"type":"response.function_call_arguments.done","output_index":0,'
        '"item_id":"fc_1","arguments":"{}"}\n\n'
    )
    fake.inject(Fault(replay=invented.encode(), match="/responses"))
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    with pytest.raises(ToolRunnerError, match="launch_rockets") as info:
        await runner.run(client, {"model": "m", "input": "x"}, stream=True, eager=True)
    assert isinstance(info.value.__cause__, UnknownToolError)
    assert info.value.attempted_call_ids == () and not rec.calls


async def test_a_raising_tool_stops_the_run_with_receipts(client: AsyncOpenAI) -> None:
    async def broken(arguments: dict[str, Any]) -> str:
        raise RuntimeError("disk on fire")

    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, broken)])
    with pytest.raises(ToolRunnerError) as info:
        await runner.run(client, {"model": "m", "input": "x"})
    assert str(info.value) == "Tool run stopped before completion."  # the official's words
    assert isinstance(info.value.__cause__, RuntimeError)  # the official drops the cause
    assert str(info.value.__cause__) == "disk on fire"
    assert len(info.value.attempted_call_ids) == 1 and info.value.completed_call_ids == ()


async def test_output_must_be_text_or_blocks(client: AsyncOpenAI) -> None:
    async def number(arguments: dict[str, Any]) -> Any:
        return 42

    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, number)])
    with pytest.raises(ToolRunnerError, match="stopped before completion") as info:
        await runner.run(client, {"model": "m", "input": "x"})
    assert isinstance(info.value.__cause__, ValueError)
    assert "returned int" in str(info.value.__cause__)


async def test_max_steps(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    with pytest.raises(ToolRunnerError, match="max_steps"):
        await runner.run(client, {"model": "m", "input": "x"}, max_steps=1)
    assert not rec.calls and len(responses_requests(fake)) == 1


@pytest.mark.parametrize(
    ("params", "options", "error"),
    [
        ({"tool_choice": "required"}, {}, ValueError),
        ({"previous_response_id": "resp_1"}, {}, ValueError),
        ({"tools": [WEATHER]}, {}, ValueError),
        ({}, {"eager": True}, ValueError),
        ({}, {"max_concurrent_calls": 0}, ValueError),
        ({}, {"max_steps": 0}, ValueError),
        ({}, {"context_budget": {"max_input_bytes": 1}}, ValueError),
        (
            {"truncation": "auto"},
            {"context_budget": {"max_input_bytes": 1, "max_input_images": 0}},
            ValueError,
        ),
        ({"tools": [{"type": "computer"}]}, {}, ValueError),  # no computer toolset
        ({"tools": [{"type": "mcp", "server_label": ""}]}, {}, ValueError),
        ({"tools": [{"type": "custom", "name": "x"}]}, {}, ValueError),
        ({}, {"not_an_option": 1}, TypeError),
    ],
)
async def test_bad_options_fail_before_any_request(
    fake: FakeOpenAI,
    client: AsyncOpenAI,
    params: dict[str, Any],
    options: dict[str, Any],
    error: type[Exception],
) -> None:
    runner = AsyncResponsesToolRunner(functions=[Recorder(fake).function(WEATHER)])
    with pytest.raises(error):
        await runner.run(client, {"model": "m", "input": "x", **params}, **options)
    assert responses_requests(fake) == []


def test_constructor_checks() -> None:
    fn = AsyncRegisteredFunction(WEATHER, print)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unique"):
        AsyncResponsesToolRunner(functions=[fn, fn])
    with pytest.raises(ValueError, match="Early functions"):
        AsyncResponsesToolRunner(functions=[fn], early_execution={"functions": ["nope"]})
    with pytest.raises(ValueError, match="BrowserToolset"):
        AsyncResponsesToolRunner(browser=object())
    with pytest.raises(ValueError, match="ComputerToolset"):
        AsyncResponsesToolRunner(computer=object())
    with pytest.raises(ValueError, match="from_tool"):
        RegisteredFunction.from_tool(WEATHER, execute=print)


async def test_cancelled_callback_and_task_cancellation(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    stop = [False]

    async def stops(arguments: dict[str, Any]) -> str:
        stop[0] = True
        return "done"

    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, stops)])
    with pytest.raises(ToolRunnerError, match="cancelled") as stopped:
        await runner.run(client, {"model": "m", "input": "x"}, cancelled=lambda: stop[0])
    assert len(responses_requests(fake)) == 1 and len(stopped.value.completed_call_ids) == 1

    started = asyncio.Event()

    async def slow(arguments: dict[str, Any]) -> str:
        started.set()
        await asyncio.sleep(30)
        return "never"

    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, slow)])
    caught: list[ToolRunnerCancelledError] = []

    async def guarded() -> None:
        try:
            await runner.run(client, {"model": "m", "input": "x"})
        except ToolRunnerCancelledError as exc:  # a Task re-raises a plain CancelledError
            caught.append(exc)
            raise

    task = asyncio.ensure_future(guarded())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(caught[0].attempted_call_ids) == 1 and caught[0].completed_call_ids == ()


class City(pydantic.BaseModel):
    city: str


async def test_from_tool_gets_the_validated_model(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    seen: list[City] = []

    async def execute(arguments: City) -> str:
        seen.append(arguments)
        return arguments.city

    tool = pydantic_responses_function_tool(City, name="get_weather")
    runner = AsyncResponsesToolRunner(
        functions=[AsyncRegisteredFunction.from_tool(tool, execute=execute)]
    )
    await runner.run(client, {"model": "m", "input": "x"}, stream=True, eager=True)
    assert len(seen) == 1 and isinstance(seen[0], City)


async def test_iterate_yields_turns_and_takes_supplied_outputs(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER, allow_output_override=True)])
    turns = runner.iterate(client, {"model": "m", "input": "x"})
    first = await anext(turns)
    assert first.step == 1 and not first.final and not first.tools_executed
    call_id = first.response.output[0].call_id
    first.supply_outputs([{"type": "function_call_output", "call_id": call_id, "output": "s"}])
    first.append_user_text("and in Paris?")
    second = await anext(turns)  # the fake calls the tool again after a user message
    assert not second.final and second.completed_call_ids == (call_id,)
    assert not rec.calls  # the supplied output replaced the first call
    rest = [turn async for turn in turns]
    assert [t.final for t in rest] == [True] and len(rec.calls) == 1
    sent = responses_requests(fake)[1]["input"]
    assert sent[-2] == {"type": "function_call_output", "call_id": call_id, "output": "s"}
    assert sent[-1] == {"role": "user", "content": "and in Paris?"}


@pytest.mark.parametrize("mode", ["send", "stream", "eager"])
async def test_over_a_websocket_session(fake: FakeOpenAI, client: AsyncOpenAI, mode: str) -> None:
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    async with client.ws_session(chain=False) as ws:
        response = await runner.run(
            ws, {"model": "m", "input": "weather?"}, stream=mode != "send", eager=mode == "eager"
        )
    assert response.output_text and [name for name, _, _ in rec.calls] == ["get_weather"]
    assert len({entry.request_id for entry in fake.journal}) == 1  # one connection


def test_sync_runner_drives_the_async_one(fake: FakeOpenAI) -> None:
    seen: list[dict[str, Any]] = []

    def execute(arguments: dict[str, Any]) -> str:
        seen.append(arguments)
        return "sunny"

    events: list[str] = []
    runner = ResponsesToolRunner(functions=[RegisteredFunction(WEATHER, execute)])
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        response = runner.run(
            client,
            {"model": "m", "input": "weather?"},
            stream=True,
            eager=True,
            on_event=lambda e: events.append(e.type),
        )
        turns = list(runner.iterate(client, {"model": "m", "input": "again"}))
    assert response.output_text and len(seen) == 2
    assert events.count("response.completed") == 2
    assert [t.final for t in turns] == [False, True]

    def broken(arguments: dict[str, Any]) -> str:
        raise ToolExecutionError("get_weather", OSError("disk"))

    with pytest.raises(ToolRunnerError, match="stopped before completion") as info:
        ResponsesToolRunner(functions=[RegisteredFunction(WEATHER, broken)]).run(
            OpenAI(api_key=API_KEY, base_url=fake.url), {"model": "m", "input": "x"}
        )
    assert isinstance(info.value.__cause__, ToolExecutionError)
    assert "disk" in str(info.value.__cause__)


async def test_context_budget_without_compaction_stops_before_the_request(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    rec = Recorder(fake)
    runner = AsyncResponsesToolRunner(functions=[rec.function(WEATHER)])
    budget: Any = {"max_input_bytes": 300, "max_input_images": 0}
    with pytest.raises(ToolRunnerError, match="exceeds context_budget"):
        await runner.run(client, {"model": "m", "input": "weather?"}, context_budget=budget)
    assert len(responses_requests(fake)) == 1 and len(rec.calls) == 1

    async def invents(snapshot: Any) -> Any:
        return {"drop_call_ids": ["call_not_there"]}

    budget["compact"] = invents
    with pytest.raises(ToolRunnerError, match="Invalid context_budget decision"):
        await runner.run(client, {"model": "m", "input": "weather?"}, context_budget=budget)


def test_sync_independent_executors_run_in_threads(fake: FakeOpenAI) -> None:
    """Two independent sync calls meet at a barrier: run one after the other, they could not."""
    import threading

    barrier = threading.Barrier(2, timeout=10)

    def meet(arguments: dict[str, Any]) -> str:
        barrier.wait()
        return threading.current_thread().name

    runner = ResponsesToolRunner(
        functions=[RegisteredFunction(t, meet, independent=True) for t in (WEATHER, TIME)]
    )
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        runner.run(client, {"model": "m", "input": "both"}, stream=True, eager=True)
    outputs = [i["output"] for i in responses_requests(fake)[1]["input"] if "output" in i]
    assert len(set(outputs)) == 2 and "openai-oxide-sync" not in outputs


@pytest.mark.parametrize("transport", ["http", "ws_session"])
@pytest.mark.parametrize("eager", [True, False])
async def test_eager_starts_tools_mid_stream_over_http_and_websocket(
    client: AsyncOpenAI, transport: str, eager: bool
) -> None:
    """With eager a tool starts when its call's arguments are complete, before the
    stream's `response.completed`; without it, after the stream ends."""
    events: list[str] = []
    started: list[list[str]] = []

    async def on_event(event: Any) -> None:
        events.append(event.type)

    async def execute(arguments: dict[str, Any]) -> str:
        started.append(list(events))
        return "sunny"

    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, execute)])
    params = {"model": "m", "input": "weather?"}
    options: dict[str, Any] = {"stream": True, "eager": eager, "on_event": on_event}
    if transport == "ws_session":
        async with client.ws_session(chain=False) as ws:
            response = await runner.run(ws, params, **options)
    else:
        response = await runner.run(client, params, **options)
    assert response.output_text and len(started) == 1
    seen = started[0]
    assert ("response.completed" in seen) is not eager
    assert seen[-1] == ("response.function_call_arguments.done" if eager else "response.completed")
