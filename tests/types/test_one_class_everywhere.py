"""One schema, one class, whichever endpoint answered (against the fake server).

Every output item the spec knows (each member of `OutputItem`, a JSON instance generated from
its schema) is served by the fake as the answer of `responses.create`, `responses.retrieve`,
`responses.input_items.list`, `responses.compact`, `conversations.items.list` /
`.retrieve`, and as the item of a streamed `response.output_item.done` event: each endpoint
must hand back the very same class for it. The same holds for the chat message, its tool
calls and logprobs (`chat.completions.create` / `.retrieve` / `.list` / `.messages.list`, a
streamed chunk), for the usage objects (`CompletionUsage` of chat and legacy completions,
`ResponseUsage` of a response and a compaction), and for `models`, each class imported from
its official path.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.instances import instance_for_schema
from support import API_KEY

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    pytest.importorskip("yaml", reason="pyyaml is needed to read the spec")
    if not SPEC.is_file():
        pytest.skip(f"spec not found at {SPEC}")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen.spec import load
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    loaded: dict[str, Any] = load(SPEC)
    return loaded


def _no_nulls_in_lists(value: Any) -> Any:
    """The instance generator ends deep recursion with nulls; a list keeps its real items."""
    if isinstance(value, list):
        return [_no_nulls_in_lists(v) for v in value if v is not None]
    if isinstance(value, dict):
        return {k: _no_nulls_in_lists(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def items(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One generated instance of every member of the spec's `OutputItem` union."""
    union = spec["components"]["schemas"]["OutputItem"]
    out = []
    for i, member in enumerate(union.get("anyOf") or union["oneOf"]):
        schema = spec["components"]["schemas"][member["$ref"].rsplit("/", 1)[1]]
        item = _no_nulls_in_lists(instance_for_schema({**schema, **spec}))
        item["id"] = f"item_{i}"
        out.append(item)
    return out


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


def _page(data: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": data,
        "has_more": False,
        "first_id": data[0].get("id"),
        "last_id": data[-1].get("id"),
    }


def _sse(events: list[dict[str, Any]]) -> bytes:
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)


def _answer(fake: FakeOpenAI, match: str, body: Any) -> None:
    fake.inject(Fault(status=200, body=body, match=match))


def _classes(objects: list[Any]) -> dict[str, type]:
    return {getattr(o, "type", type(o).__name__): type(o) for o in objects}


async def test_output_items_are_one_class_on_every_endpoint(
    fake: FakeOpenAI, client: AsyncOpenAI, items: list[dict[str, Any]], spec: dict[str, Any]
) -> None:
    from openai_oxide.types._base import UnknownModel
    from openai_oxide.types.responses import ResponseReasoningItem

    base = (await client.responses.create(model="gpt-test", input="hi")).to_dict()
    response = {**base, "output": items}

    _answer(fake, "/responses", response)
    created = await client.responses.create(model="gpt-test", input="hi")
    _answer(fake, f"/responses/{base['id']}", response)
    retrieved = await client.responses.retrieve(base["id"])
    _answer(fake, "/input_items", _page(items))
    inputs = await client.responses.input_items.list(base["id"])
    _answer(fake, "/compact", {**response, "object": "response.compaction"})
    compacted = await client.responses.compact(model="gpt-test", input="a long talk")
    _answer(fake, "/conversations/conv_1/items", _page(items))
    conversation_items = await client.conversations.items.list("conv_1")
    one_by_one = []
    for item in items:
        _answer(fake, f"/items/{item['id']}", item)
        one_by_one.append(
            await client.conversations.items.retrieve(item["id"], conversation_id="conv_1")
        )
    events = [{"type": "response.created", "sequence_number": 0, "response": base}]
    for i, item in enumerate(items):
        events.append(
            {
                "type": "response.output_item.done",
                "sequence_number": i + 1,
                "output_index": i,
                "item": item,
            }
        )
    events.append(
        {"type": "response.completed", "sequence_number": len(items) + 1, "response": response}
    )
    fake.inject(Fault(replay=_sse(events), match="/responses"))
    stream = await client.responses.create(model="gpt-test", input="hi", stream=True)
    streamed = [e.item async for e in stream if e.type == "response.output_item.done"]

    assert len(_classes(created.output)) == len(items)  # every item type has a class
    answers = (
        ("responses.create", created.output, "OutputItem"),
        ("responses.retrieve", retrieved.output, "OutputItem"),
        ("stream output_item.done", streamed, "OutputItem"),
        ("responses.input_items.list", inputs.data, "ItemResource"),
        ("conversations.items.list", conversation_items.data, "ConversationItem"),
        ("conversations.items.retrieve", one_by_one, "ConversationItem"),
        ("responses.compact", compacted.output, "ItemField"),
    )
    # Each endpoint answers a union of its own, whose member for a `type` is a schema: the
    # same schema must come back as the same class from every endpoint.
    classes: dict[str, dict[type, list[str]]] = {}
    for endpoint, got, union in answers:
        schema_of = _schema_by_tag(spec, union)
        assert got and all(not isinstance(o, UnknownModel) for o in got), endpoint
        for obj in got:
            where = classes.setdefault(schema_of[obj.type], {})
            where.setdefault(type(obj), []).append(endpoint)
    twice = {schema: where for schema, where in classes.items() if len(where) > 1}
    assert not twice, twice
    shared = [schema for schema, where in classes.items() if len(next(iter(where.values()))) > 4]
    assert len(shared) >= 20, shared  # reasoning, MCP, shell, ... items: met on 5+ endpoints
    reasoning = classes["ReasoningItem"]
    assert list(reasoning) == [ResponseReasoningItem] and len(reasoning[ResponseReasoningItem]) == 7
    # The items generated in place of hand-written classes come back, from every endpoint, as
    # the class at their official path (`types.responses.response_function_tool_call`).
    generated = _generated_classes()
    moved = {schema: where for schema, where in classes.items() if schema in generated}
    assert len(moved) >= 20, sorted(moved)
    for schema, where in moved.items():
        assert list(where) == [generated[schema]], (schema, where)


def _generated_classes() -> dict[str, type]:
    """`overrides.GENERATED`: spec schema -> the class imported from its official path."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen.overrides import GENERATED
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return {
        schema: getattr(importlib.import_module(f"openai_oxide.types.{where}"), name)
        for schema, (where, name) in GENERATED.items()
        if name[0].isupper() and where.startswith("responses.")
    }


def _schema_by_tag(spec: dict[str, Any], union: str) -> dict[str, str]:
    """The member schema of a union of items for each `type` it answers."""
    schemas = spec["components"]["schemas"]
    out = {}
    for member in schemas[union].get("anyOf") or schemas[union]["oneOf"]:
        name = member["$ref"].rsplit("/", 1)[1]
        parts = [schemas[name], *schemas[name].get("allOf", [])]
        for part in parts:
            part = schemas[part["$ref"].rsplit("/", 1)[1]] if "$ref" in part else part
            tag = (part.get("properties") or {}).get("type", {}).get("enum")
            if tag:
                out[tag[0]] = name
    return out


async def test_chat_message_tool_calls_and_usage_are_one_class(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.types.chat.chat_completion_message import ChatCompletionMessage
    from openai_oxide.types.chat.chat_completion_message_custom_tool_call import (
        ChatCompletionMessageCustomToolCall,
    )
    from openai_oxide.types.chat.chat_completion_message_function_tool_call import (
        ChatCompletionMessageFunctionToolCall,
    )
    from openai_oxide.types.chat.chat_completion_token_logprob import (
        ChatCompletionTokenLogprob,
        TopLogprob,
    )
    from openai_oxide.types.completion_usage import CompletionUsage
    from openai_oxide.types.responses import ResponseUsage

    tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
    made = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}], tools=tools, store=True
    )
    body = made.to_dict()
    tool_calls = [
        {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
        {"id": "call_2", "type": "custom", "custom": {"name": "g", "input": "x"}},
    ]
    body["choices"][0]["message"]["tool_calls"] = tool_calls
    top = {"token": "a", "logprob": -0.5, "bytes": [97]}
    logprob = {**top, "top_logprobs": [top]}
    body["choices"][0]["logprobs"] = {"content": [logprob], "refusal": None}
    _answer(fake, "/chat/completions", body)
    created = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}]
    )
    _answer(fake, f"/chat/completions/{body['id']}", body)
    retrieved = await client.chat.completions.retrieve(body["id"])
    _answer(fake, "/chat/completions", _page([body]))
    listed = (await client.chat.completions.list()).data[0]
    stored = {"id": "msg_1", "role": "assistant", "content": None, "tool_calls": tool_calls}
    _answer(fake, f"/chat/completions/{body['id']}/messages", _page([stored]))
    stored_message = (await client.chat.completions.messages.list(body["id"])).data[0]
    chunk = {
        "id": body["id"],
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-test",
        "choices": [
            {"index": 0, "delta": {"content": "a"}, "logprobs": body["choices"][0]["logprobs"]}
        ],
        "usage": body["usage"],
    }
    replay = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    fake.inject(Fault(replay=replay, match="/chat/completions"))
    stream = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    [streamed] = [c async for c in stream]
    legacy = await client.completions.create(model="gpt-test", prompt="hi")
    call_classes = [ChatCompletionMessageFunctionToolCall, ChatCompletionMessageCustomToolCall]
    for completion in (created, retrieved, listed):
        message = completion.choices[0].message
        assert type(message) is ChatCompletionMessage
        assert message.tool_calls
        assert [type(call) for call in message.tool_calls] == call_classes
        assert type(completion.usage) is CompletionUsage
        logprobs = completion.choices[0].logprobs
        assert logprobs and logprobs.content
        assert type(logprobs.content[0]) is ChatCompletionTokenLogprob
        assert type(logprobs.content[0].top_logprobs[0]) is TopLogprob
    assert stored_message.tool_calls
    assert [type(call) for call in stored_message.tool_calls] == call_classes
    assert streamed.choices[0].logprobs and streamed.choices[0].logprobs.content
    assert type(streamed.choices[0].logprobs.content[0]) is ChatCompletionTokenLogprob
    assert type(streamed.usage) is CompletionUsage
    assert type(legacy.usage) is CompletionUsage

    response = await client.responses.create(model="gpt-test", input="hi")
    compacted = await client.responses.compact(model="gpt-test", input="a long talk")
    assert type(response.usage) is ResponseUsage
    assert type(compacted.usage) is ResponseUsage


async def test_models_are_one_class_at_their_official_path(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.types.model import Model
    from openai_oxide.types.model_deleted import ModelDeleted

    listed = [m async for m in client.models.list()]
    assert listed and all(type(m) is Model for m in listed)
    assert type(await client.models.retrieve(listed[0].id)) is Model
    _answer(fake, "/models/ft:x", {"id": "ft:x", "object": "model", "deleted": True})
    assert type(await client.models.delete("ft:x")) is ModelDeleted


async def test_stream_events_are_one_class_on_every_endpoint(
    fake: FakeOpenAI, client: AsyncOpenAI, spec: dict[str, Any]
) -> None:
    """Every event the spec knows (a JSON instance of each member of `ResponseStreamEvent`),
    streamed by `responses.create` and by a resumed `responses.retrieve`, and parsed alone,
    comes back as the one generated class importable from its official module path
    (`types.responses.response_text_delta_event.ResponseTextDeltaEvent`)."""
    pytest.importorskip("openai")
    from openai.types.responses import response_stream_event as official

    from openai_oxide.types._base import UnknownModel
    from openai_oxide.types.responses import parse_response_stream_event

    union = spec["components"]["schemas"]["ResponseStreamEvent"]
    events = []
    for i, member in enumerate(union.get("anyOf") or union["oneOf"]):
        schema = spec["components"]["schemas"][member["$ref"].rsplit("/", 1)[1]]
        event = _no_nulls_in_lists(instance_for_schema({**schema, **spec}))
        events.append({**event, "sequence_number": i})
    # an `error` event ends a stream with an exception: it is parsed alone only
    streamed = [e for e in events if e["type"] != "error"]
    fake.inject(Fault(replay=_sse(streamed), match="/responses"))
    created = [e async for e in await client.responses.create(model="m", input="hi", stream=True)]
    fake.inject(Fault(replay=_sse(streamed), match="/responses/resp_1"))
    resumed = [e async for e in await client.responses.retrieve("resp_1", stream=True)]
    alone = {e["type"]: parse_response_stream_event(json.dumps(e)) for e in events}
    assert len(created) == len(resumed) == len(streamed) == len(alone) - 1 >= 57

    officials = {  # event type -> the official class (its module is the official path)
        cls.model_fields["type"].annotation.__args__[0]: cls
        for cls in official.ResponseStreamEvent.__args__[0].__args__
    }
    for kind, parsed in alone.items():
        theirs = officials[kind]
        path = theirs.__module__.removeprefix("openai.")
        ours = getattr(importlib.import_module(f"openai_oxide.{path}"), theirs.__name__)
        assert type(parsed) is ours and not isinstance(parsed, UnknownModel), kind
        # the official fields in the official order (the spec may add one: `name` of
        # `function_call_arguments.done`), with the official aliases
        common = [f for f in ours.model_fields if f in theirs.model_fields]
        assert common == list(theirs.model_fields), kind
        assert all(ours.model_fields[f].alias == theirs.model_fields[f].alias for f in common)
    for got in zip(created, resumed, strict=True):
        assert [type(e) for e in got] == [type(alone[got[0].type])] * 2, got[0].type


async def test_response_is_one_class_on_every_endpoint(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    """`Response` (generated, with `output_text` from its override) is the one class at its
    official paths, whichever way it arrives: `create`, `retrieve`, a stream's
    `response.created`/`response.completed`, a WebSocket session's turn, `parse()` (a
    subclass), the sync client; its field classes likewise (`ResponseError` of a failed
    response and of a WebSocket `error` event, `Reasoning` at `types.shared.reasoning`)."""
    from pydantic import BaseModel

    from openai_oxide import OpenAI
    from openai_oxide.types import responses
    from openai_oxide.types.responses.response import Response, ResponseTextConfig
    from openai_oxide.types.responses.response_completed_event import ResponseCompletedEvent
    from openai_oxide.types.responses.response_error import ResponseError
    from openai_oxide.types.responses.response_error_event import ResponseErrorEvent
    from openai_oxide.types.shared.reasoning import Reasoning

    assert responses.Response is Response and responses.ResponseError is ResponseError
    created = await client.responses.create(model="gpt-test", input="hi", reasoning={})
    retrieved = await client.responses.retrieve(created.id)
    stream = await client.responses.create(model="gpt-test", input="hi", stream=True)
    kinds = ("response.created", "response.completed")
    streamed = [e.response async for e in stream if e.type in kinds]
    async with client.ws_session(defaults={"model": "gpt-test"}) as ws:
        turn = await ws.send(input="hi")

    class Person(BaseModel):
        name: str

    parsed = await client.responses.parse(model="gpt-test", input="a person", text_format=Person)
    with OpenAI(api_key=API_KEY, base_url=client.base_url, max_retries=0) as sync:
        synced = sync.responses.create(model="gpt-test", input="hi")
    assert len(streamed) == 2 and not streamed[0].output  # `created`: nothing written yet
    for got in (created, retrieved, *streamed, turn, synced):
        assert type(got) is Response, type(got)
        assert type(got.text) is ResponseTextConfig
        assert got.output_text or got is streamed[0]  # the helper property, not a field
    assert isinstance(parsed, Response) and parsed.output_text
    assert "output_text" not in Response.model_fields
    assert created.reasoning is None or type(created.reasoning) is Reasoning
    assert ResponseCompletedEvent.model_fields["response"].annotation == Response | None

    failed = {**created.to_dict(), "status": "failed"}
    failed["error"] = {"code": "server_error", "message": "boom", "param": None}
    _answer(fake, f"/responses/{created.id}", failed)
    error = (await client.responses.retrieve(created.id)).error
    event = ResponseErrorEvent.model_validate(
        {"type": "error", "sequence_number": 1, "error": failed["error"]}
    )
    assert type(error) is type(event.error) is ResponseError
