"""Array parameters take any iterable, as the official package types them (`Iterable[...]`):
a generator, an iterator or a tuple is sent as a JSON array, listed once (a retry resends
the same bytes), and the helpers that read `tools` / `messages` / `input` read it once.
mypy accepts the official-style snippet on our clients as on the official ones."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mypy import api

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAI
from openai_oxide._core import codec
from openai_oxide._core.http import Request
from openai_oxide.lib.helper_body import listed
from openai_oxide.lib.responses_tool_runner import AsyncRegisteredFunction, AsyncResponsesToolRunner
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

REPO = Path(__file__).resolve().parents[2]
MESSAGES = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]
SCHEMA = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
TOOL = {"type": "function", "function": {"name": "f", "strict": True, "parameters": SCHEMA}}
COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "hello", "refusal": None},
        }
    ],
}
RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1,
    "status": "completed",
    "model": "m",
    "output": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
}


def messages() -> Iterator[dict[str, Any]]:
    yield from (dict(m) for m in MESSAGES)


def recorded(*answers: MockResponse) -> tuple[AsyncOpenAI, list[Request]]:
    queue = list(answers)
    transport = MockTransport(lambda request: queue.pop(0))
    client = AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport)  # type: ignore[arg-type]
    return client, transport.requests


def body(request: Request) -> Any:
    assert request.body is not None
    return json.loads(request.body)


def test_codec_lists_iterables_once_and_keeps_other_errors() -> None:
    gen = (n for n in range(3))
    data = {"a": gen, "b": (1, (2, 3)), "c": iter("xy"), "d": [{"e": range(4, 5)}], "s": "str"}
    assert json.loads(codec.dumps(data)) == {
        "a": [0, 1, 2],
        "b": [1, [2, 3]],
        "c": ["x", "y"],
        "d": [{"e": [4]}],
        "s": "str",
    }
    assert list(gen) == []  # consumed by the one encoding, not before it
    with pytest.raises(TypeError, match="not JSON serializable"):
        codec.dumps({"a": (x for x in [object()])})
    with pytest.raises(TypeError, match="not JSON serializable"):
        codec.dumps({"a": (x for x in [{1}])})  # a set stays refused: it has no order
    unchanged = {"a": [1], "b": "x"}
    assert codec.dumps(unchanged) == b'{"a":[1],"b":"x"}'


def test_listed_keeps_strings_mappings_and_lists() -> None:
    given = {"input": "text", "tools": [TOOL], "messages": iter(MESSAGES), "x": (1,)}
    out = listed(given, "input", "tools", "messages", "x", "absent")
    assert out == {"input": "text", "tools": [TOOL], "messages": MESSAGES, "x": [1]}
    assert out["tools"] is given["tools"] and "absent" not in out


async def test_chat_create_sends_a_generator_of_messages_and_a_tuple_of_tools() -> None:
    client, requests = recorded(MockResponse.json(COMPLETION))
    completion = await client.chat.completions.create(
        model="m",
        messages=messages(),  # type: ignore[arg-type]  # plain dicts, as at run time
        tools=(TOOL,),  # type: ignore[arg-type]
    )
    assert completion.choices[0].message.content == "hello"
    sent = body(requests[0])
    assert sent["messages"] == MESSAGES and sent["tools"] == [TOOL]


async def test_chat_stream_helper_and_parse_read_a_generator_once() -> None:
    chunk = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "hey"}, "finish_reason": "stop"}],
    }
    sse = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    stream_answer = MockResponse(headers={"content-type": "text/event-stream"}, body=sse)
    client, requests = recorded(stream_answer, MockResponse.json(COMPLETION))
    async with client.chat.completions.stream(model="m", messages=messages()) as stream:  # type: ignore[arg-type]
        final = await stream.get_final_completion()
    assert final.choices[0].message.content == "hey"
    parsed = await client.chat.completions.parse(
        model="m",
        messages=messages(),  # type: ignore[arg-type]
        tools=iter([TOOL]),  # type: ignore[arg-type]
    )
    assert parsed.choices[0].message.content == "hello"
    assert [body(r)["messages"] for r in requests] == [MESSAGES, MESSAGES]
    assert body(requests[1])["tools"] == [TOOL]  # validated and still sent


async def test_responses_create_retry_resends_the_listed_generator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_sleep(delay: float) -> None:
        return None

    monkeypatch.setattr("openai_oxide._base.asyncio.sleep", no_sleep)
    error = {"error": {"message": "boom", "type": "server_error", "param": None, "code": None}}
    client, requests = recorded(MockResponse.json(error, status=500), MockResponse.json(RESPONSE))
    items = ({"role": "user", "content": text} for text in ("a", "b"))
    response = await client.responses.create(model="m", input=items)  # type: ignore[arg-type]
    assert response.id == "resp_1"
    assert len(requests) == 2
    assert requests[0].body == requests[1].body
    assert body(requests[1])["input"] == [
        {"role": "user", "content": "a"},
        {"role": "user", "content": "b"},
    ]


async def test_responses_stream_and_tool_runner_read_a_generator_input_once(
    fake: FakeOpenAI,
) -> None:
    weather = {
        "type": "function",
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        "strict": False,
    }

    async def execute(arguments: dict[str, Any]) -> str:
        return "sunny"

    question = {"role": "user", "content": "weather?"}
    runner = AsyncResponsesToolRunner(functions=[AsyncRegisteredFunction(weather, execute)])
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        async with client.responses.stream(model="m", input=iter([question])) as stream:  # type: ignore[arg-type]
            assert (await stream.get_final_response()).output
        await runner.run(client, {"model": "m", "input": (dict(q) for q in [question])})
    sent = [e.json for e in fake.journal if e.path.endswith("/responses")]
    assert len(sent) >= 3  # the helper's one, then the runner's turns
    assert sent[0]["input"] == [question] and sent[1]["input"] == [question]
    assert sent[-1]["input"][0] == question  # the history keeps the listed first input


async def test_a_multipart_array_field_may_be_a_generator() -> None:
    answer = MockResponse.json({"text": "hi"})
    client, requests = recorded(answer)
    include = (name for name in ["logprobs"])
    await client.audio.transcriptions.create(
        file=("a.wav", b"RIFF"), model="whisper-1", include=include, response_format="json"
    )
    assert requests[0].body is not None
    assert b'name="include[]"\r\n\r\nlogprobs\r\n' in requests[0].body
    assert b"generator object" not in requests[0].body


def test_sync_client_sends_a_generator() -> None:
    transport = MockTransport(lambda request: MockResponse.json(COMPLETION))
    with OpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport) as client:  # type: ignore[arg-type]
        client.chat.completions.create(model="m", messages=messages())  # type: ignore[arg-type]
    assert body(transport.requests[0])["messages"] == MESSAGES


SNIPPET = """\
from collections.abc import Iterator

from {mod} import {Client}
from {mod}.types.chat import ChatCompletionMessageParam, ChatCompletionToolParam

M = "gpt-4.1-mini"
TOOL: ChatCompletionToolParam = {{"type": "function", "function": {{"name": "f"}}}}


def history() -> Iterator[ChatCompletionMessageParam]:
    yield {{"role": "system", "content": "be brief"}}
    yield {{"role": "user", "content": ({{"type": "text", "text": "hi"}},)}}


{async_}def check(c: {Client}) -> None:
    {aw}c.chat.completions.create(model=M, messages=history(), tools=(TOOL,))
    {aw}c.chat.completions.create(model=M, messages=history(), stream=True)
    {async_}with c.chat.completions.stream(model=M, messages=history(), tools=(TOOL,)) as s:
        pass
    {aw}c.chat.completions.parse(model=M, messages=history())
    {aw}c.embeddings.create(model=M, input=iter([[1, 2], [3]]))
    {aw}c.beta.threads.runs.create("t", assistant_id="a", additional_messages=(), tools=())
    {aw}c.vector_stores.file_batches.create("vs", files=({{"file_id": "f"}},))
"""


def _variant(mod: str, client: str, is_async: bool) -> str:
    return SNIPPET.format(
        mod=mod, Client=client, async_="async " if is_async else "", aw="await " if is_async else ""
    )


def test_mypy_accepts_official_style_iterables_as_the_official_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variants = {
        "ours_async": _variant("openai_oxide", "AsyncOpenAI", True),
        "ours_sync": _variant("openai_oxide", "OpenAI", False),
        "official_async": _variant("openai", "AsyncOpenAI", True),
        "official_sync": _variant("openai", "OpenAI", False),
    }
    for name, text in variants.items():
        (tmp_path / f"{name}.py").write_text(text)
    monkeypatch.setenv("MYPYPATH", str(REPO / "pkg"))
    limit = sys.getrecursionlimit()
    try:
        stdout, stderr, _ = api.run(
            [
                "--follow-imports=silent",
                "--no-error-summary",
                f"--cache-dir={REPO / '.mypy_cache' / 'reveal'}",
            ]
            + [str(tmp_path / f"{name}.py") for name in variants]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
    assert not stderr, stderr
    errors = [line for line in stdout.splitlines() if ": error:" in line]
    assert not [e for e in errors if "official_" in e], errors  # the snippet is official-style
    assert errors == [], errors
