"""`chat.completions.stream` and `chat.completions.parse` against the fake server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import pydantic_function_tool
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY, FIXTURES, expected_from_recording

CHAT_STREAMS = sorted((FIXTURES / "chat-streams").glob("*.bin"))
MESSAGES = [{"role": "user", "content": "hi"}]


class Weather(BaseModel):
    city: str
    days: int


class Answer(BaseModel):
    title: str
    points: list[str]


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


def recorded_refusals(path: Path) -> dict[int, str]:
    out: dict[int, str] = {}
    for line in path.read_bytes().decode().splitlines():
        if line.startswith("data:") and line[5:].strip() != "[DONE]":
            for choice in json.loads(line[5:]).get("choices", []):
                refusal = (choice.get("delta") or {}).get("refusal")
                if refusal:
                    out[choice["index"]] = out.get(choice["index"], "") + refusal
    return out


@pytest.mark.parametrize("path", CHAT_STREAMS, ids=lambda p: p.name[:12])
async def test_replayed_recordings_give_recorded_content_refusals_and_calls(
    path: Path, fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(replay=path.read_bytes(), match="/chat/completions"))
    done_args: dict[tuple[int, int], str] = {}
    async with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        async for event in stream:
            if event.type == "tool_calls.function.arguments.done":
                done_args[(event.choice_index, event.index)] = event.arguments  # type: ignore[union-attr]
        final = stream.current_completion_snapshot()
        assert final is not None
        # Nothing to parse: a completion cut by the length limit ends normally too.
        parsed = await stream.get_final_completion()
        assert [(c.message.content, c.finish_reason) for c in parsed.choices] == [
            (c.message.content, c.finish_reason) for c in final.choices
        ]
    want_content, want_calls = expected_from_recording(path)
    for choice in final.choices:
        assert (choice.message.content or "") == want_content.get(choice.index, "")
        assert (choice.message.refusal or None) == recorded_refusals(path).get(choice.index)
        calls = {
            (choice.index, i): {"name": tc.function.name, "arguments": tc.function.arguments}
            for i, tc in enumerate(choice.message.tool_calls or [])
        }
        assert calls == {k: v for k, v in want_calls.items() if k[0] == choice.index}
    assert done_args == {k: v["arguments"] for k, v in want_calls.items()}


async def test_agent_stream_gives_three_tool_calls(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    answer = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    sse = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in answer["streamed_data"])
    fake.inject(Fault(replay=sse, match="/chat/completions"))
    async with client.chat.completions.stream(model="m", messages=MESSAGES) as stream:
        done = [e async for e in stream if e.type == "tool_calls.function.arguments.done"]
        final = await stream.get_final_completion()
    assert len(done) == 3 and all(isinstance(e.parsed_arguments, dict) for e in done)  # type: ignore[union-attr]
    calls = final.choices[0].message.tool_calls or []
    assert [json.loads(c.function.arguments) for c in calls] == [e.parsed_arguments for e in done]  # type: ignore[union-attr]


async def test_parse_response_format(client: AsyncOpenAI, fake: FakeOpenAI) -> None:
    completion = await client.chat.completions.parse(
        model="m", messages=MESSAGES, response_format=Answer
    )
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, Answer)
    assert fake.journal[-1].json["response_format"]["json_schema"]["strict"] is True


async def test_parse_strict_pydantic_tool(client: AsyncOpenAI) -> None:
    completion = await client.chat.completions.parse(
        model="m", messages=MESSAGES, tools=[pydantic_function_tool(Weather)]
    )
    call = (completion.choices[0].message.tool_calls or [])[0]
    assert isinstance(call.function.parsed_arguments, Weather)


async def test_stream_structured_content_and_tool_arguments(client: AsyncOpenAI) -> None:
    async with client.chat.completions.stream(
        model="m", messages=MESSAGES, response_format=Answer
    ) as stream:
        events = [e async for e in stream]
    deltas = [e for e in events if e.type == "content.delta"]
    done = [e for e in events if e.type == "content.done"]
    assert deltas and any(e.parsed for e in deltas)  # type: ignore[union-attr]
    assert len(done) == 1 and isinstance(done[0].parsed, Answer)  # type: ignore[union-attr]
    chunk_events = [e for e in events if e.type == "chunk"]
    assert chunk_events[-1].snapshot.choices[0].message.content == done[0].content  # type: ignore[union-attr]


async def test_chat_tool_calls_are_handed_over_before_the_stream_ends(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    answer = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    sse = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in answer["streamed_data"])
    fake.inject(Fault(replay=sse, match="/chat/completions", delay_between_events=0.01))
    calls = []
    fc_stream = client.chat.completions.create_stream_fc(model="m", messages=MESSAGES)
    async for call in fc_stream:
        calls.append(call)
        if len(calls) == 1:
            assert fake.journal[-1].completed is False  # the remaining chunks are still coming
    assert [c.output_index for c in calls] == [0, 1, 2]
    assert all(c.name == "read" and isinstance(c.arguments, dict) for c in calls)
    final = await fc_stream.get_final_completion()
    assert len(final.choices[0].message.tool_calls or []) == 3
