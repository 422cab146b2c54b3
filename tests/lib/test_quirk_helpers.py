"""Every stream helper, end to end through MockTransport, on recordings given the quirks of
compatible servers (`openai_oxide.testing.quirks`), each ending and keep-alives: the result
equals what the helper gives for the unmodified recording."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from openai_oxide import (
    AsyncOpenAI,
    ContentFilterFinishReasonError,
    LengthFinishReasonError,
    MockResponse,
    MockTransport,
)
from openai_oxide._core.http import Request
from openai_oxide._core.sse import SSEDecoder
from openai_oxide.lib import function_tool, run_agent
from openai_oxide.testing import quirks
from support import FIXTURES, ScriptedTransport

RESPONSES = FIXTURES / "responses-streams"
SINGLE = [
    p
    for p in sorted(RESPONSES.glob("*.chunks.txt"))
    if p.read_text().count('"type":"response.created"') == 1 and "error" not in p.name
]
CALL = RESPONSES / "issue-19493-gpt-5.1-tool-call.chunks.txt"
TEXT = RESPONSES / "issue-20047-openai-responses.chunks.txt"
CHAT = sorted((FIXTURES / "chat-streams").glob("*.bin"))
CHAT_CALLS = [p for p in CHAT if b"tool_calls" in p.read_bytes()]
LENGTH = next(p for p in CHAT if p.name.startswith("4cc50a61"))

RESPONSES_COMBOS = [
    (),
    ("no_indexes",),
    ("repeated_lifecycle_late", "no_sequence_number"),
    ("no_indexes", "no_output_item_added"),
    ("no_output_item_done", "no_arguments_done", "no_final_usage"),
    ("no_indexes", "no_output_item_done", "no_arguments_done", "repeated_lifecycle",
     "empty_final_output"),
]  # fmt: skip
CHAT_COMBOS = [
    (),
    ("tool_call_id_every_chunk", "no_tool_call_index", "no_choice_index"),
    ("role_every_chunk", "usage_every_chunk", "empty_choices", "object_chat_completion"),
    ("finish_reason_outside_spec",),
    ("tool_call_id_every_chunk", "no_tool_call_index", "role_every_chunk", "usage_every_chunk",
     "empty_choices", "object_empty", "finish_reason_outside_spec"),
]  # fmt: skip
FRAMINGS: list[tuple[quirks.Ending, bool]] = [
    ("[DONE]", False),
    ("done-event", True),
    ("done-event-empty", True),
    ("close", True),
    ("close", False),
]
RENAMED = {"eos": "stop", "tool_call": "tool_calls"}


def with_framings(combos: list[tuple[str, ...]]) -> list[Any]:
    """Each combination with two framings, rotating so that every framing is used."""
    return [
        pytest.param(names, FRAMINGS[(2 * i + k) % len(FRAMINGS)], id=f"{ids(names)}-{k}")
        for i, names in enumerate(combos)
        for k in (0, 1)
    ]


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def chat_chunks(path: Path) -> list[dict[str, Any]]:
    decoder = SSEDecoder()
    events = decoder.feed(path.read_bytes()) + decoder.feed_eof()
    return [json.loads(e.data) for e in events if e.data != "[DONE]"]


def apply(table: dict[str, quirks.Quirk], events: Sequence[dict[str, Any]], names: Any) -> Any:
    out = list(events)
    for name in names:
        out = table[name](out)
    return out


def client_for(*bodies: bytes) -> tuple[AsyncOpenAI, list[Request]]:
    queue = list(bodies)
    transport = MockTransport(
        lambda request: MockResponse(
            headers={"content-type": "text/event-stream", "x-request-id": "req_q"},
            body=queue.pop(0),
            chunk_size=97,
        )
    )
    client = AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport)  # type: ignore[arg-type]
    return client, transport.requests


def ids(value: Any) -> str:
    return "+".join(value) or "plain" if isinstance(value, tuple) else str(value)


def framing_id(value: Any) -> str:
    return f"{value[0]}{'-pings' if value[1] else ''}"


# ------------------------------------------------------------------------ Responses


async def responses_result(body: bytes) -> tuple[Any, list[str]]:
    client, _ = client_for(body)
    async with client, client.responses.stream(model="m", input="x") as stream:
        types = [event.type async for event in stream]
        final = await stream.get_final_response()
    return final, types


def responses_summary(final: Any) -> Any:
    return (
        final.id,
        final.status,
        final.output_text,
        [
            (item.type, getattr(item, "name", None), getattr(item, "arguments", None))
            for item in final.output
        ],
    )


@pytest.mark.parametrize(("names", "framing"), with_framings(RESPONSES_COMBOS))
@pytest.mark.parametrize("path", SINGLE, ids=lambda p: p.name[:24])
async def test_responses_stream(path: Path, names: Any, framing: Any) -> None:
    events = jsonl(path)
    expected, _ = await responses_result(quirks.to_sse(events, named=True))
    quirky = apply(quirks.RESPONSES, events, names)
    body = quirks.to_sse(quirky, named=True, end=framing[0], keepalive=framing[1])
    final, types = await responses_result(body)
    assert types == [e["type"] for e in quirky]  # one event each; no ping, no end marker
    if path.name.startswith("openai-phase") and "empty_final_output" in names:
        return  # trimmed: its deltas do not add up to the final text
    assert responses_summary(final) == responses_summary(expected)
    if "no_final_usage" not in names and "empty_final_output" not in names:
        assert final.model_dump() == expected.model_dump()


@pytest.mark.parametrize("framing", FRAMINGS, ids=framing_id)
@pytest.mark.parametrize("names", RESPONSES_COMBOS, ids=ids)
async def test_responses_create_stream_fc(names: Any, framing: Any) -> None:
    events = apply(quirks.RESPONSES, jsonl(CALL), names)
    client, _ = client_for(quirks.to_sse(events, end=framing[0], keepalive=framing[1]))
    async with client:
        stream = client.responses.create_stream_fc(model="m", input="x")
        calls = [call async for call in stream]
        final = await stream.get_final_response()
    assert [(c.name, c.call_id, c.arguments) for c in calls] == [  # type: ignore[union-attr]
        ("get_weather", jsonl(CALL)[2]["item"]["call_id"], {"city": "Beijing"})
    ]
    assert final.output[0].arguments == '{"city":"Beijing"}'  # type: ignore[union-attr]


@pytest.mark.parametrize("names", RESPONSES_COMBOS, ids=ids)
async def test_run_agent(names: Any) -> None:
    seen: list[str] = []

    @function_tool
    def get_weather(city: str) -> str:
        """Weather.

        Args:
            city: The city.
        """
        seen.append(city)
        return "sunny"

    turns = [apply(quirks.RESPONSES, jsonl(p), names) for p in (CALL, TEXT)]
    client, requests = client_for(*(quirks.to_sse(t, keepalive=True, end="close") for t in turns))
    async with client:
        result = await run_agent(client.responses, tools=[get_weather], model="m", input="x")
    assert seen == ["Beijing"] and result.turns == 2
    assert result.output_text == jsonl(TEXT)[-1]["response"]["output"][0]["content"][0]["text"]
    sent = json.loads(requests[1].body or b"")
    assert sent["input"][0]["call_id"] == result.calls[0].call_id
    assert sent["previous_response_id"] == jsonl(CALL)[0]["response"]["id"]


# ----------------------------------------------------------------------------- chat


async def chat_result(body: bytes, **params: Any) -> tuple[Any, int]:
    client, _ = client_for(body)
    async with (
        client,
        client.chat.completions.stream(model="m", messages=[], **params) as stream,
    ):
        count = sum([1 async for event in stream if event.type == "chunk"])
        final = await stream.get_final_completion()
    return final, count


def chat_summary(final: Any) -> Any:
    return [
        (
            choice.index,
            choice.message.content,
            choice.message.refusal,
            RENAMED.get(choice.finish_reason, choice.finish_reason),
            [
                (t.id, t.function.name, t.function.arguments)
                for t in choice.message.tool_calls or []
            ],
        )
        for choice in final.choices
    ]


@pytest.mark.parametrize(("names", "framing"), with_framings(CHAT_COMBOS))
@pytest.mark.parametrize("path", CHAT, ids=lambda p: p.name[:8])
async def test_chat_stream(path: Path, names: Any, framing: Any) -> None:
    chunks = chat_chunks(path)
    if "no_choice_index" in names and any(c.get("index") for ch in chunks for c in ch["choices"]):
        pytest.skip("several choices are only told apart by their index")
    expected, _ = await chat_result(quirks.to_sse(chunks))
    quirky = apply(quirks.CHAT, chunks, names)
    final, count = await chat_result(quirks.to_sse(quirky, end=framing[0], keepalive=framing[1]))
    assert chat_summary(final) == chat_summary(expected)
    assert final.id == expected.id and final.model == expected.model
    # A chunk with another `object` counts when it carries something (Azure's filter
    # results, `object: ""` and nothing else, are skipped, as the official SDK does).
    assert count == sum(
        c["object"] == "chat.completion.chunk"
        or bool(c.get("usage"))
        or any(ch.get("delta") or ch.get("finish_reason") for ch in c["choices"])
        for c in quirky
    )


@pytest.mark.parametrize("names", CHAT_COMBOS, ids=ids)
@pytest.mark.parametrize("path", CHAT_CALLS, ids=lambda p: p.name[:8])
async def test_chat_create_stream_fc(path: Path, names: Any) -> None:
    chunks = chat_chunks(path)
    expected, _ = await chat_result(quirks.to_sse(chunks))
    want = [
        (t.function.name, t.id, json.loads(t.function.arguments))
        for choice in expected.choices
        for t in choice.message.tool_calls or []
    ]
    client, _ = client_for(quirks.to_sse(apply(quirks.CHAT, chunks, names), end="done-event"))
    async with client:
        stream = client.chat.completions.create_stream_fc(model="m", messages=[])
        calls = [call async for call in stream]
    assert [(c.name, c.call_id, c.arguments) for c in calls] == want  # type: ignore[union-attr]


class Poem(BaseModel):
    title: str
    lines: list[str]


@pytest.mark.parametrize("reason", ["length", "content_filter"])
async def test_chat_cut_short_ends_normally_unless_parsing(reason: str) -> None:
    chunks = chat_chunks(LENGTH)
    for chunk in chunks:
        for choice in chunk["choices"]:
            if choice.get("finish_reason"):
                choice["finish_reason"] = reason
    body = quirks.to_sse(chunks)
    final, _ = await chat_result(body)
    [choice] = final.choices
    assert choice.finish_reason == reason and choice.message.content
    client, _ = client_for(body)
    async with client, client.chat.completions.stream(model="m", messages=[]) as stream:
        await stream.until_done()
        snapshot = stream.current_completion_snapshot()
        assert snapshot is not None and snapshot.choices[0].finish_reason == reason
        assert snapshot.choices[0].message.content == choice.message.content
    error = LengthFinishReasonError if reason == "length" else ContentFilterFinishReasonError
    with pytest.raises(error):  # a structured answer cut short cannot be parsed
        await chat_result(body, response_format=Poem)


async def test_chat_parse_cut_by_length() -> None:
    completion = {
        "id": "c", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "finish_reason": "length", "logprobs": None,
                     "message": {"role": "assistant", "content": '{"title": "A'}}],
    }  # fmt: skip
    transport = MockTransport(lambda request: MockResponse.json(completion))
    client = AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport)  # type: ignore[arg-type]
    async with client:
        parsed = await client.chat.completions.parse(model="m", messages=[])
        assert parsed.choices[0].finish_reason == "length"
        assert parsed.choices[0].message.content == '{"title": "A'
        with pytest.raises(LengthFinishReasonError):
            await client.chat.completions.parse(model="m", messages=[], response_format=Poem)


# ------------------------------------------------------------------- WebSocket mode


@pytest.mark.parametrize("names", RESPONSES_COMBOS, ids=ids)
async def test_ws_session_helpers(names: Any) -> None:
    """`ws.stream` and `ws.create_stream_fc` run the same accumulators over WebSocket."""
    for path in (TEXT, CALL):
        events = jsonl(path)
        transport = ScriptedTransport(apply(quirks.RESPONSES, events, names))
        client = AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport)
        async with client, client.ws_session(defaults={"model": "m"}) as ws:
            if path is TEXT:
                async with ws.stream(input="x") as stream:
                    final = await stream.get_final_response()
                assert (
                    final.output_text == events[-1]["response"]["output"][0]["content"][0]["text"]
                )
            else:
                calls = [call async for call in ws.create_stream_fc(input="x")]
                assert [(c.name, c.arguments) for c in calls] == [  # type: ignore[union-attr]
                    ("get_weather", {"city": "Beijing"})
                ]


@pytest.mark.parametrize("names", RESPONSES_COMBOS, ids=ids)
async def test_ws_session_send_rebuilds_the_response(names: Any) -> None:
    """`ws.send()` gives the response rebuilt from the turn's events, not the terminal
    payload as sent (which a compatible server may send with an empty `output`)."""
    events = jsonl(TEXT)
    transport = ScriptedTransport(apply(quirks.RESPONSES, events, names))
    client = AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport)
    async with client, client.ws_session(defaults={"model": "m"}) as ws:
        response = await ws.send(input="x")
    assert response.output_text == events[-1]["response"]["output"][0]["content"][0]["text"]
    assert response.id == events[-1]["response"]["id"]
