"""Crash and resume: a run checkpointed to a ledger and killed before a tool, during it,
after it and mid-stream. A boundary checkpoint resumes without repeating the tool's
effect and without losing its observation; a pending one (an effect the runner cannot
prove finished) is refused, naming the calls to reconcile, as the official runner does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from runner_support import MCP, TIME, WEATHER

from openai_oxide import AsyncOpenAI
from openai_oxide.lib.responses_tool_runner import (
    AsyncRegisteredFunction,
    AsyncResponsesToolLedger,
    AsyncResponsesToolRunner,
    ResponsesToolCheckpoint,
    ResponsesToolLedger,
    ResponsesToolRunner,
)
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

PARAMS = {"model": "m", "input": "weather?"}
RESUME = {"model": "m", "input": "Please continue."}


class Crash(BaseException):
    """The process dies: nothing after it runs, not even the runner's clean-up."""


def answer(text: str, *, stream: bool) -> Fault:
    """A scripted final answer (the fake would call the tool again after a user message)."""
    message = {
        "id": "msg_1",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    }
    response = {"id": "resp_9", "object": "response", "status": "completed", "model": "m"}
    events = [
        {"type": "response.created", "response": {**response, "status": "in_progress"}},
        {"type": "response.output_item.done", "output_index": 0, "item": message},
        {"type": "response.completed", "response": {**response, "output": [message]}},
    ]
    if not stream:
        return Fault(status=200, body=events[-1]["response"], match="/responses")
    sse = "".join(f"data: {json.dumps(e)}\n\n" for e in events).encode()
    return Fault(replay=sse, match="/responses")


class World:
    """The ledger's store and the tool's external effects, which outlive a crash."""

    def __init__(self) -> None:
        self.saved: list[ResponsesToolCheckpoint] = []
        self.effects: list[dict[str, Any]] = []
        self.crash_on_save: Any = None
        self.crash_in_tool = False

    def ledger(self, resume: bool = False) -> AsyncResponsesToolLedger:
        async def save(checkpoint: ResponsesToolCheckpoint) -> None:
            if self.crash_on_save is not None and self.crash_on_save(checkpoint):
                self.crash_on_save = None
                raise Crash
            self.saved.append(checkpoint)

        return AsyncResponsesToolLedger("run-1", save, self.saved[-1] if resume else None)

    def runner(self) -> AsyncResponsesToolRunner:
        async def execute(arguments: dict[str, Any]) -> str:
            self.effects.append(arguments)
            if self.crash_in_tool:
                self.crash_in_tool = False
                raise Crash
            return "sunny"

        return AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(WEATHER, execute)])


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


def sent(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [entry.json for entry in fake.journal]


async def resume(world: World, client: AsyncOpenAI, fake: FakeOpenAI, **options: Any) -> Any:
    fake.inject(answer("done", stream=options.get("stream", False)))
    return await world.runner().run(client, RESUME, ledger=world.ledger(resume=True), **options)


def pending(checkpoint: ResponsesToolCheckpoint) -> bool:
    return checkpoint["phase"] == "pending"


async def test_killed_before_the_tool_resumes_and_runs_it_once(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    world = World()
    world.crash_on_save = pending  # dies while recording that the call is about to run
    with pytest.raises(Crash):
        await world.runner().run(client, PARAMS, ledger=world.ledger())
    assert world.effects == [] and world.saved[-1]["phase"] == "boundary"
    fake.reset()
    final = await world.runner().run(client, RESUME, ledger=world.ledger(resume=True))
    assert final.output_text
    # The original question is still in the history, the tool ran exactly once.
    first = sent(fake)[0]["input"]
    assert first == [{"role": "user", "content": "weather?"}, RESUME_ITEM]
    assert len(world.effects) == 1 and world.saved[-1]["phase"] == "final"
    assert world.saved[-1]["consumed_requests"] == 1 + len(sent(fake))


RESUME_ITEM = {"role": "user", "content": "Please continue."}


@pytest.mark.parametrize("where", ["during the tool", "before its output was saved"])
async def test_a_possible_effect_is_never_repeated(
    fake: FakeOpenAI, client: AsyncOpenAI, where: str
) -> None:
    world = World()
    if where == "during the tool":
        world.crash_in_tool = True
    else:  # the tool finished, the process died while saving its output
        world.crash_on_save = lambda c: pending(c) and c["returned_call_ids"] != []
    with pytest.raises(Crash):
        await world.runner().run(client, PARAMS, ledger=world.ledger())
    latest = world.saved[-1]
    assert latest["phase"] == "pending" and latest["returned_call_ids"] == []
    (call_id,) = latest["attempted_call_ids"]
    effects = len(world.effects)
    requests = len(fake.journal)
    with pytest.raises(ValueError, match=call_id):
        await resume(world, client, fake)
    assert len(world.effects) == effects and len(fake.journal) == requests


async def test_killed_after_the_tool_keeps_its_observation(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    world = World()
    # The second request fails (the process dies there): the tool's output is saved.
    world.crash_on_save = lambda c: c["phase"] == "boundary" and c["consumed_requests"] == 2
    with pytest.raises(Crash):
        await world.runner().run(client, PARAMS, ledger=world.ledger())
    assert len(world.effects) == 1
    latest = world.saved[-1]
    assert (
        latest["phase"] == "boundary"
        and latest["returned_call_ids"] == latest["attempted_call_ids"]
    )
    fake.reset()
    final = await resume(world, client, fake)
    assert final.output_text == "done" and len(world.effects) == 1  # not repeated
    (request,) = sent(fake)
    kinds = [item.get("type", "message") for item in request["input"]]
    assert kinds == ["message", "function_call", "function_call_output", "message"]
    assert request["input"][2]["output"] == "sunny"
    assert request["input"][2]["call_id"] == latest["attempted_call_ids"][0]


@pytest.mark.parametrize("request_number", [1, 2])
async def test_killed_mid_stream_resumes_from_the_last_boundary(
    fake: FakeOpenAI, client: AsyncOpenAI, request_number: int
) -> None:
    world = World()
    seen = [0]

    async def on_event(event: Any) -> None:
        if event.type == "response.in_progress":
            seen[0] += 1
            if seen[0] == request_number:
                raise Crash

    with pytest.raises(Crash):
        await world.runner().run(
            client, PARAMS, ledger=world.ledger(), stream=True, on_event=on_event
        )
    assert len(world.effects) == request_number - 1
    assert world.saved[-1]["phase"] == "boundary"
    fake.reset()
    final = await resume(world, client, fake, stream=True)
    assert final.output_text == "done"
    assert len(world.effects) == request_number - 1  # the finished tool did not run again
    outputs = [i for i in sent(fake)[0]["input"] if i.get("type") == "function_call_output"]
    assert [o["output"] for o in outputs] == ["sunny"] * (request_number - 1)


async def test_checkpoints_follow_the_official_shape(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    world = World()
    await world.runner().run(client, PARAMS, ledger=world.ledger())
    phases = [c["phase"] for c in world.saved]
    assert phases == ["boundary", "pending", "pending", "pending", "boundary", "boundary", "final"]
    assert [c["revision"] for c in world.saved] == list(range(1, 8))
    assert set(world.saved[0]) == set(ResponsesToolCheckpoint.__annotations__)
    json.dumps(world.saved)  # plain JSON values
    final = world.saved[-1]
    assert final["final_response"] is not None and final["final_response"]["status"] == "completed"
    with pytest.raises(ValueError, match="boundary"):
        await world.runner().run(client, RESUME, ledger=world.ledger(resume=True))
    with pytest.raises(ValueError, match="observation"):
        await world.runner().run(
            client,
            {"model": "m", "input": []},
            ledger=AsyncResponsesToolLedger("run-1", world.ledger().save, world.saved[0]),
        )


def test_the_sync_runner_saves_through_a_sync_ledger(fake: FakeOpenAI) -> None:
    from openai_oxide import OpenAI

    saved: list[ResponsesToolCheckpoint] = []
    runner = ResponsesToolRunner(functions=[])
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        final = runner.run(client, PARAMS, ledger=ResponsesToolLedger("r", saved.append))
    assert final.output_text and [c["phase"] for c in saved] == ["boundary", "final"]


async def _checkpoints(module: Any, client: Any, params: Any, **options: Any) -> list[Any]:
    """What each save held: phase, revision and how many pending items, returned outputs
    and history items."""
    saved: list[Any] = []

    async def save(c: Any) -> None:
        counts = [len(c[k]) for k in ("pending_items", "returned_outputs", "history")]
        saved.append((c["phase"], c["revision"], *counts))

    async def execute(arguments: Any) -> str:
        return "sunny"

    async def approve(request: Any) -> bool:
        return True

    runner = module.AsyncResponsesToolRunner(
        functions=[module.AsyncRegisteredFunction(t, execute) for t in (WEATHER, TIME)]
    )
    ledger = module.AsyncResponsesToolLedger("run-1", save)
    await runner.run(client, params, ledger=ledger, approve_mcp=approve, **options)
    return saved


@pytest.mark.parametrize(
    ("stream", "eager", "prompt", "tools"),
    [
        (False, False, "weather and time?", []),
        (True, False, "weather and time?", []),
        (True, True, "weather and time?", []),
        (True, True, "look it up", [MCP]),  # server tools: collected, not run early
    ],
)
async def test_the_same_checkpoints_as_the_official(
    fake: FakeOpenAI, stream: bool, eager: bool, prompt: str, tools: list[Any]
) -> None:
    """Every save at the same point with the same content counts: the whole response
    before its calls run, and (eager) each received item as it arrives, the first one
    saved at once."""
    import openai
    from openai.lib import responses_tool_runner as official

    from openai_oxide.lib import responses_tool_runner as ours

    seen = []
    for module, client_class in ((official, openai.AsyncOpenAI), (ours, AsyncOpenAI)):
        fake.reset()
        async with client_class(api_key=API_KEY, base_url=fake.url) as c:
            params = {"model": "m", "input": prompt, "tools": tools}
            seen.append(await _checkpoints(module, c, params, stream=stream, eager=eager))
    assert seen[1] == seen[0]
    assert any(phase == "pending" and items for phase, _, items, *_ in seen[1])
