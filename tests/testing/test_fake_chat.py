from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import openai
import orjson

from openai_oxide.testing import FakeOpenAI
from testing.fake_helpers import parse_sse

AGENT_REQUEST = (
    Path(__file__).resolve().parents[3] / "shared/fixtures/agent-session/request-320-messages.json"
)
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": name,
            "parameters": {
                "type": "object",
                "properties": {"q": {"type": "string"}, "n": {"type": "integer", "minimum": 50}},
                "required": ["q", "n"],
            },
        },
    }
    for name in ("search", "lookup", "fetch", "extra")
]
MESSAGES = [{"role": "user", "content": "Bonjour, ça va?"}]


async def test_completion_json(http: httpx.AsyncClient) -> None:
    r = await http.post("/chat/completions", json={"model": "gpt-4o", "messages": MESSAGES})
    body = r.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop" and choice["message"]["role"] == "assistant"
    assert "Bonjour, ça va?" in choice["message"]["content"]
    assert body["usage"]["total_tokens"] > body["usage"]["prompt_tokens"] > 0


async def test_stream_chunks(http: httpx.AsyncClient) -> None:
    body = {
        "model": "gpt-4o",
        "messages": MESSAGES,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    events = parse_sse((await http.post("/chat/completions", json=body)).content)
    assert events[-1] == (None, "[DONE]")
    chunks = [data for _, data in events[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] > 0
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks[:-1])
    full = (await http.post("/chat/completions", json={**body, "stream": False})).json()
    assert text == full["choices"][0]["message"]["content"]
    plain = parse_sse(
        (await http.post("/chat/completions", json={**body, "stream_options": None})).content
    )
    assert all(data == "[DONE]" or data["choices"] for _, data in plain)


async def test_stream_parallel_tool_calls(http: httpx.AsyncClient) -> None:
    body = {"model": "m", "messages": MESSAGES, "tools": TOOLS, "stream": True}
    chunks = [
        d for _, d in parse_sse((await http.post("/chat/completions", json=body)).content)[:-1]
    ]
    calls: dict[int, dict[str, Any]] = {}
    order = []
    for chunk in chunks[:-1]:
        for delta in chunk["choices"][0]["delta"].get("tool_calls", []):
            order.append(delta["index"])
            call = calls.setdefault(delta["index"], {"arguments": ""})
            if "id" in delta:
                assert delta["type"] == "function" and delta["function"]["arguments"] == ""
                call["id"], call["name"] = delta["id"], delta["function"]["name"]
            call["arguments"] += delta["function"]["arguments"]
    assert order == sorted(order)  # one call after another
    assert [calls[i]["name"] for i in sorted(calls)] == ["search", "lookup", "fetch"]
    assert orjson.loads(calls[0]["arguments"])["n"] >= 50
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
    single = {**body, "stream": False, "parallel_tool_calls": False}
    message = (await http.post("/chat/completions", json=single)).json()["choices"][0]["message"]
    assert len(message["tool_calls"]) == 1 and message["content"] is None
    after = [
        *MESSAGES,
        {"role": "assistant", "tool_calls": message["tool_calls"]},
        {"role": "tool", "tool_call_id": message["tool_calls"][0]["id"], "content": "42 results"},
    ]
    answer = (await http.post("/chat/completions", json={**single, "messages": after})).json()
    assert "42 results" in answer["choices"][0]["message"]["content"]


async def test_response_format_json_schema(http: httpx.AsyncClient) -> None:
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}, "temp": {"type": ["number", "null"]}},
        "required": ["city", "temp"],
    }
    fmt = {"type": "json_schema", "json_schema": {"name": "w", "schema": schema, "strict": True}}
    r = await http.post(
        "/chat/completions", json={"model": "m", "messages": MESSAGES, "response_format": fmt}
    )
    value = orjson.loads(r.json()["choices"][0]["message"]["content"])
    assert isinstance(value["city"], str) and isinstance(value["temp"], float)


async def test_validation(http: httpx.AsyncClient) -> None:
    r = await http.post("/chat/completions", json={"model": "m"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "messages"
    r = await http.post("/chat/completions", json={"messages": MESSAGES})
    assert r.status_code == 400 and r.json()["error"]["param"] == "model"


async def test_large_request(fake: FakeOpenAI, http: httpx.AsyncClient) -> None:
    raw = AGENT_REQUEST.read_bytes()
    body = orjson.loads(raw)
    body["stream"] = True
    # The recording comes from another provider: its tool_choice is not the API's, and
    # the fake checks every body against the spec.
    r = await http.post("/chat/completions", json=body)
    assert r.status_code == 400 and r.json()["error"]["param"] == "tool_choice"
    assert "ChatCompletionToolChoiceOption" in r.json()["error"]["message"]
    body["tool_choice"] = "auto"
    r = await http.post("/chat/completions", json=body)
    assert r.status_code == 200 and r.text.endswith("data: [DONE]\n\n")
    assert len(fake.journal[-1].body) > 600_000


async def test_official_client_parses_chat(fake: FakeOpenAI) -> None:
    async with openai.AsyncOpenAI(api_key="sk-x", base_url=fake.url) as client:
        stream = await client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": "Hi 👋"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = [chunk async for chunk in stream]
        assert chunks[-1].usage is not None
        tools: Any = TOOLS
        async with client.chat.completions.stream(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], tools=tools
        ) as s:
            final = await s.get_final_completion()
        assert len(final.choices[0].message.tool_calls or []) == 3
