"""`run_agent`: tools run as soon as early parse yields them, outputs go back, loop ends in text."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import (
    MaxTurnsExceeded,
    ToolArgumentsError,
    ToolExecutionError,
    UnknownToolError,
    function_tool,
    run_agent,
)
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

calls_seen: list[str] = []
CREATED = (
    'data: {"type":"response.created","response":{"id":"resp_1","object":"response",'
    '"status":"in_progress","output":[]}}\n\n'
)


@function_tool
def get_weather(city: str) -> dict[str, Any]:
    """Weather for a city.

    Args:
        city: The city name.
    """
    calls_seen.append(city)
    return {"city": city, "temp_c": 21}


@function_tool
async def get_time(zone: str) -> str:
    """Current time in a time zone."""
    await asyncio.sleep(0)
    return f"12:00 in {zone}"


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    calls_seen.clear()
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


async def test_loop_runs_tools_and_ends_in_text(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    result = await run_agent(
        client.responses, model="m", input="weather and time?", tools=[get_weather, get_time]
    )
    assert result.turns == 2 and result.output_text
    assert sorted(c.name for c in result.calls) == ["get_time", "get_weather"]
    assert calls_seen  # the sync tool really ran
    second = fake.journal[-1].json
    assert (
        second["previous_response_id"] == fake.journal[0].request_id
        or second["previous_response_id"]
    )
    outputs = {item["call_id"]: item["output"] for item in second["input"]}
    assert set(outputs) == {c.call_id for c in result.calls}
    assert any("21" in out for out in outputs.values())


async def test_turn_limit(client: AsyncOpenAI) -> None:
    with pytest.raises(MaxTurnsExceeded):
        await run_agent(
            client.responses,
            model="m",
            input="loop",
            tools=[get_weather],
            tool_choice="required",  # the fake keeps calling tools
            max_turns=2,
        )


async def test_unknown_tool_is_a_clear_error(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    invented = CREATED + (
        'data: {"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1",'
        '"type":"function_call","name":"launch_rockets","call_id":"call_1","arguments":""}}\n\n'
        'data: {"type":"response.function_call_arguments.done","output_index":0,'
        '"item_id":"fc_1","arguments":"{}"}\n\n'
    )
    fake.inject(Fault(replay=invented.encode(), match="/responses"))
    with pytest.raises(UnknownToolError, match="launch_rockets"):
        await run_agent(client.responses, model="m", input="x", tools=[get_weather])


async def test_bad_arguments_and_raising_tools(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    bad = CREATED + (
        'data: {"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1",'
        '"type":"function_call","name":"get_weather","call_id":"call_1","arguments":""}}\n\n'
        'data: {"type":"response.function_call_arguments.done","output_index":0,'
        '"item_id":"fc_1","arguments":"{\\"town\\": 3}"}\n\n'
    )
    fake.inject(Fault(replay=bad.encode(), match="/responses"))
    with pytest.raises(ToolArgumentsError):
        await run_agent(client.responses, model="m", input="x", tools=[get_weather])

    @function_tool
    def broken(city: str) -> str:
        """Always fails."""
        raise RuntimeError("disk on fire")

    with pytest.raises(ToolExecutionError, match="broken"):
        await run_agent(client.responses, model="m", input="x", tools=[broken])


async def test_a_stream_without_lifecycle_events_is_rebuilt(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide import StreamError

    orphan = 'data: {"type":"response.output_text.delta","output_index":0,"delta":"x"}\n\n'
    fake.inject(Fault(replay=orphan.encode(), match="/responses"))
    async with client.responses.stream(model="m", input="x") as stream:
        final = await stream.get_final_response()
    assert final.output_text == "x" and final.status == "in_progress"  # cut before the end
    fake.inject(Fault(replay=b": nothing but a comment\n\n", match="/responses"))
    with pytest.raises(StreamError, match="before any Responses event") as info:
        async with client.responses.stream(model="m", input="x") as stream:
            await stream.get_final_response()
    assert info.value.request_id == fake.journal[-1].request_id
