from __future__ import annotations

from typing import Any

import httpx
import openai
import orjson

from openai_oxide.testing import FakeOpenAI
from testing.fake_helpers import parse_sse

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"enum": ["c", "f"]}},
        "required": ["city", "unit"],
        "additionalProperties": False,
    },
}
TIME = {"type": "function", "name": "get_time", "parameters": {"type": "object", "properties": {}}}


def _text(response: dict[str, Any]) -> str:
    return "".join(
        part["text"]
        for item in response["output"]
        if item["type"] == "message"
        for part in item["content"]
    )


async def test_create_json_is_deterministic(http: httpx.AsyncClient) -> None:
    body = {"model": "gpt-5", "input": "Tell me something nice"}
    first = (await http.post("/responses", json=body)).json()
    second = (await http.post("/responses", json=body)).json()
    assert first["object"] == "response" and first["status"] == "completed"
    assert first["id"].startswith("resp_") and first["id"] != second["id"]
    assert _text(first) == _text(second)
    assert "Tell me something nice" in _text(first)
    assert any(ord(ch) > 127 for ch in _text(first))
    usage = first["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert "cached_tokens" in usage["input_tokens_details"]


async def test_stream_sequence_matches_stored_response(http: httpx.AsyncClient) -> None:
    body = {"model": "gpt-5", "input": [{"role": "user", "content": "Grüß dich, wie geht's?"}]}
    r = await http.post("/responses", json={**body, "stream": True})
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.content)
    assert [data["sequence_number"] for _, data in events] == list(range(len(events)))
    assert all(name == data["type"] for name, data in events)
    types = [data["type"] for _, data in events]
    assert types[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert types[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    deltas = [data for _, data in events if data["type"] == "response.output_text.delta"]
    assert len(deltas) > 3
    assert all(d["logprobs"] == [] and d["output_index"] == 0 for d in deltas)
    final = events[-1][1]["response"]
    assert "".join(d["delta"] for d in deltas) == _text(final)
    assert events[0][1]["response"]["status"] == "in_progress"
    stored = (await http.get(f"/responses/{final['id']}")).json()
    assert stored == final


async def test_function_calls_from_tools(http: httpx.AsyncClient) -> None:
    body = {"model": "gpt-5", "input": "weather?", "tools": [WEATHER, TIME], "stream": True}
    events = [data for _, data in parse_sse((await http.post("/responses", json=body)).content)]
    final = events[-1]["response"]
    calls = final["output"]
    assert [c["name"] for c in calls] == ["get_weather", "get_time"]
    assert all(c["id"].startswith("fc_") and c["call_id"].startswith("call_") for c in calls)
    args = orjson.loads(calls[0]["arguments"])
    assert set(args) == {"city", "unit"} and args["unit"] == "c"
    for index, call in enumerate(calls):
        deltas = [
            e["delta"]
            for e in events
            if e["type"] == "response.function_call_arguments.delta" and e["output_index"] == index
        ]
        assert "".join(deltas) == call["arguments"]
        done = [e for e in events if e["type"] == "response.function_call_arguments.done"]
        assert done[index]["arguments"] == call["arguments"]
    single = {**body, "stream": False, "parallel_tool_calls": False}
    one = (await http.post("/responses", json=single)).json()
    assert [c["name"] for c in one["output"]] == ["get_weather"]


async def test_function_call_output_gives_text(http: httpx.AsyncClient) -> None:
    first = await http.post("/responses", json={"model": "m", "input": "hi", "tools": [WEATHER]})
    call = first.json()["output"][0]
    follow = {
        "model": "m",
        "previous_response_id": first.json()["id"],
        "tools": [WEATHER],
        "input": [{"type": "function_call_output", "call_id": call["call_id"], "output": "22 °C"}],
    }
    second = (await http.post("/responses", json=follow)).json()
    assert second["output"][0]["type"] == "message"
    assert "22 °C" in _text(second)
    assert second["previous_response_id"] == first.json()["id"]


async def test_json_schema_text(http: httpx.AsyncClient) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}},
            "rating": {
                "anyOf": [{"type": "integer", "minimum": 1, "maximum": 5}, {"type": "null"}]
            },
        },
        "required": ["name", "tags", "rating"],
        "additionalProperties": False,
        "$defs": {"tag": {"type": "string", "enum": ["ü", "b"]}},
    }
    fmt = {"type": "json_schema", "name": "review", "schema": schema, "strict": True}
    r = await http.post("/responses", json={"model": "m", "input": "x", "text": {"format": fmt}})
    value = orjson.loads(_text(r.json()))
    assert isinstance(value["name"], str) and value["tags"] == ["ü", "ü"] and value["rating"] == 5


async def test_previous_response_and_store(http: httpx.AsyncClient) -> None:
    missing = await http.post(
        "/responses", json={"model": "m", "input": "x", "previous_response_id": "resp_nope"}
    )
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "previous_response_not_found"
    assert missing.json()["error"]["param"] == "previous_response_id"
    unstored = await http.post("/responses", json={"model": "m", "input": "x", "store": False})
    assert (await http.get(f"/responses/{unstored.json()['id']}")).status_code == 404
    first = (await http.post("/responses", json={"model": "m", "input": "first words"})).json()
    second = await http.post(
        "/responses", json={"model": "m", "input": [], "previous_response_id": first["id"]}
    )
    assert "first words" in _text(second.json())
    items = (await http.get(f"/responses/{second.json()['id']}/input_items")).json()["data"]
    assert [item["type"] for item in items] == ["message", "message"]  # output, then input
    assert items[0]["role"] == "assistant" and items[1]["role"] == "user"


async def test_stored_endpoints(http: httpx.AsyncClient) -> None:
    items = [{"role": "user", "content": f"message {i}"} for i in range(5)]
    created = (await http.post("/responses", json={"model": "m", "input": items})).json()
    rid = created["id"]
    page = (await http.get(f"/responses/{rid}/input_items", params={"limit": 2})).json()
    assert page["object"] == "list" and page["has_more"] is True
    assert [i["content"][0]["text"] for i in page["data"]] == ["message 4", "message 3"]
    assert page["first_id"] == page["data"][0]["id"] and page["last_id"] == page["data"][1]["id"]
    rest = await http.get(
        f"/responses/{rid}/input_items", params={"after": page["last_id"], "order": "desc"}
    )
    assert [i["content"][0]["text"] for i in rest.json()["data"]] == [
        "message 2",
        "message 1",
        "message 0",
    ]
    assert rest.json()["has_more"] is False
    asc = (await http.get(f"/responses/{rid}/input_items", params={"order": "asc"})).json()
    assert asc["data"][0]["content"][0]["text"] == "message 0"
    unchanged = (await http.post(f"/responses/{rid}/cancel")).json()
    assert unchanged["status"] == "completed"
    bg = await http.post("/responses", json={"model": "m", "input": "x", "background": True})
    cancelled = (await http.post(f"/responses/{bg.json()['id']}/cancel")).json()
    assert cancelled["status"] == "cancelled"
    deleted = (await http.delete(f"/responses/{rid}")).json()
    assert deleted == {"id": rid, "object": "response.deleted", "deleted": True}
    gone = await http.get(f"/responses/{rid}")
    assert gone.status_code == 404 and gone.json()["error"]["message"]


async def test_validation(http: httpx.AsyncClient) -> None:
    r = await http.post("/responses", json={"input": "x"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "model"
    r = await http.post("/responses", json={"model": "m"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "input"
    r = await http.post("/responses", content=b"{not json")
    assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"


async def test_official_client_parses_responses(fake: FakeOpenAI) -> None:
    async with openai.AsyncOpenAI(api_key="sk-x", base_url=fake.url) as client:
        response = await client.responses.create(model="gpt-5", input="Hallo Welt")
        assert "Hallo Welt" in response.output_text
        stream = await client.responses.create(model="gpt-5", input="Hallo", stream=True)
        kinds = [event.type async for event in stream]
        assert kinds[-1] == "response.completed"
        tools: Any = [WEATHER]
        called = await client.responses.create(model="gpt-5", input="w", tools=tools)
        assert called.output[0].type == "function_call"
        async with client.responses.stream(model="gpt-5", input="Grüße", tools=tools) as s:
            async for _ in s:
                pass
            final = await s.get_final_response()
        assert final.output[0].type == "function_call"
        retrieved = await client.responses.retrieve(final.id)
        assert retrieved.id == final.id
        items = await client.responses.input_items.list(final.id)
        assert len(items.data) == 1
