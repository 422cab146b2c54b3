"""Answers that do not match the spec, end to end through the client, across resources: a
plain result, a page, a Responses stream, a chat stream, an Assistants stream, a webhook and
a WebSocket session. Lenient by default; `strict_response_validation` (under both names)
raises APIResponseValidationError with the request id and the failing field."""

from __future__ import annotations

import base64
import json
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from openai_oxide import (
    APIResponseValidationError,
    AsyncOpenAI,
    MockResponse,
    MockTransport,
    OpenAI,
    StreamError,
)
from openai_oxide._core.http import Request
from openai_oxide._core.webhooks import sign
from openai_oxide.types.beta.threads import ThreadRunCreated, UnknownAssistantStreamEvent
from openai_oxide.types.chat import ChatCompletion, ChatCompletionChunk
from openai_oxide.types.models import Model
from openai_oxide.types.responses import (
    Response,
    ResponseCompletedEvent,
    ResponseCreatedEvent,
    ResponseOutputMessage,
    ResponseTextDeltaEvent,
    UnknownResponseOutputItem,
    UnknownResponseStreamEvent,
)
from openai_oxide.types.responses.responses_server_event import (
    ResponseTextWsDelta,
    ResponseWsCreated,
)
from openai_oxide.types.shared.file_object import FileObject
from openai_oxide.types.webhooks import BatchCompletedWebhookEvent, UnknownWebhookEvent
from support import ScriptedTransport

FILE = {"id": "file-1", "object": "file", "bytes": "lots", "purpose": "dreams", "vendor": {"a": 1}}
MODEL = {"id": "m", "object": 5, "created": "long ago", "owned_by": None, "region": "eu"}
RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": "now",
    "status": "done-ish",
    "output": [
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Hi"}],
        },
        {"type": "vendor_thought", "text": "hmm", "tokens": 3},
    ],
    "usage": {"input_tokens": "3"},
}
COMPLETION = {
    "id": "c",
    "object": "chat.completion",
    "created": "now",
    "choices": [{"message": {"role": "assistant", "content": "Hi"}, "finish_reason": "eos"}],
    "usage": None,
}
RESPONSE_EVENTS: list[dict[str, Any]] = [
    {"type": "response.created", "response": {"id": "resp_1", "output": []}, "sequence_number": 0},
    {"type": "response.output_text.delta", "delta": "Hel", "logprobs": None},
    {"type": "response.output_text.delta", "delta": "lo", "item_id": 7, "obfuscation": "zz"},
    {"type": "response.vendor.progress", "pct": 50},
    {"type": "response.completed", "response": RESPONSE},
]
CHUNKS: list[dict[str, Any]] = [
    {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [
        {"index": 0, "delta": {"role": "assistant", "content": "Hi"}, "finish_reason": None}
    ]},
    {"id": "c", "object": "chat.completion", "created": "1", "choices": [
        {"delta": {"content": " there", "refusal": 5}, "finish_reason": "eos", "logprobs": "no"}
    ], "usage": {"prompt_tokens": 1, "completion_tokens": "two", "total_tokens": 3}},
]  # fmt: skip
# Every index and `.done` event is there (the helpers' own leniency is not tested here), but
# the typed data is off: the helpers type each event and the final answer leniently.
MESSAGE = {"type": "message", "id": "m", "role": "assistant", "status": 5}
PART = {"type": "output_text", "text": "Hi", "annotations": None}
DONE = {**MESSAGE, "content": [PART]}
HELPER_EVENTS: list[dict[str, Any]] = [
    {"type": "response.created", "response": {"id": "resp_1", "output": [], "created_at": "now"}},
    {"type": "response.output_item.added", "output_index": 0, "item": {**MESSAGE, "content": []}},
    {"type": "response.content_part.added", "output_index": 0, "content_index": 0,
     "item_id": "m", "part": {**PART, "text": ""}},
    {"type": "response.output_text.delta", "output_index": 0, "content_index": 0,
     "item_id": "m", "delta": "Hi", "logprobs": None},
    {"type": "response.output_item.done", "output_index": 0, "item": DONE},
    {"type": "response.completed", "response": {**RESPONSE, "output": [DONE]}},
]  # fmt: skip
HELPER_CHUNKS = [{**CHUNKS[0], "created": "now"}, {**CHUNKS[1], "object": "chat.completion.chunk",
    "choices": [{"index": 0, "delta": {"content": " there"}, "finish_reason": "eos"}]}]  # fmt: skip
RUN = {"id": "run_1", "object": "thread.run", "status": "queued", "usage": None}
SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
WEBHOOK = {"id": "evt_1", "type": "batch.completed", "created_at": "now", "data": {"bytes": 1}}


def sse(events: Sequence[dict[str, Any]], *, named: bool = False) -> bytes:
    out = b""
    for event in events:
        head = f"event: {event['event']}\n" if named else ""
        data = event["data"] if named else event
        out += f"{head}data: {json.dumps(data)}\n\n".encode()
    return out + b"data: [DONE]\n\n"


def route(request: Request) -> MockResponse:
    path = request.url.split("/v1", 1)[1].split("?")[0]
    streamed = bool(request.body) and json.loads(request.body or b"{}").get("stream") is True
    rid = {"x-request-id": "req_" + path.strip("/").replace("/", "_")}
    events = {"content-type": "text/event-stream", **rid}
    helper = streamed and json.loads(request.body or b"{}").get("user") == "helper"
    if path == "/responses" and streamed:
        return MockResponse(headers=events, body=sse(HELPER_EVENTS if helper else RESPONSE_EVENTS))
    if path == "/chat/completions" and streamed:
        return MockResponse(headers=events, body=sse(HELPER_CHUNKS if helper else CHUNKS))
    if path == "/threads/runs":
        named = [
            {"event": "thread.run.created", "data": RUN},
            {"event": "thread.vendor.note", "data": {"note": "hi"}},
        ]
        return MockResponse(headers=events, body=sse(named, named=True))
    bodies: dict[str, Any] = {
        "/files/file-1": FILE,
        "/models/m": MODEL,
        "/responses": RESPONSE,
        "/chat/completions": COMPLETION,
        "/files": {"object": "list", "data": [FILE, {"id": "file-2", "object": "file"}]},
        "/models": {"object": "list", "data": [MODEL], "has_more": "yes"},
        "/vector_stores": {"object": "list", "data": None, "has_more": False},
    }
    return MockResponse.json(bodies[path], headers=rid)


Call = Callable[[AsyncOpenAI], Any]


def client(**options: Any) -> AsyncOpenAI:
    return AsyncOpenAI(
        api_key="sk-x", base_url="http://api/v1", transport=MockTransport(route), **options
    )


def strict_clients() -> Iterator[AsyncOpenAI]:
    yield client(strict_response_validation=True)
    yield client(_strict_response_validation=True)
    yield client(_strict_response_validation=True).with_options(max_retries=0)


def quiet(model: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # values kept as sent do not match their annotation
        return model.to_dict()


async def test_plain_results_across_resources() -> None:
    c = client()
    file = await c.files.retrieve("file-1")  # a generated resource
    assert type(file) is FileObject
    assert (file.bytes, file.purpose, file.filename, file.model_extra) == (
        "lots",
        "dreams",
        None,
        {"vendor": {"a": 1}},
    )
    assert quiet(file) == FILE
    model = await c.models.retrieve("m")
    assert type(model) is Model and (model.object, model.created) == (5, "long ago")
    assert model.owned_by is None and model.model_extra == {"region": "eu"}
    response = await c.responses.create(model="m", input="hi")
    assert type(response) is Response
    message, unknown = response.output
    assert type(message) is ResponseOutputMessage and response.output_text == "Hi"
    assert type(unknown) is UnknownResponseOutputItem and unknown.to_dict() == RESPONSE["output"][1]
    assert (response.status, response.usage.input_tokens) == ("done-ish", 3)  # type: ignore[union-attr]
    assert quiet(response.usage) == {"input_tokens": 3}
    completion = await c.chat.completions.create(model="m", messages=[])
    assert type(completion) is ChatCompletion and completion.created == "now"
    (choice,) = completion.choices
    assert (choice.index, choice.finish_reason, choice.message.content) == (None, "eos", "Hi")  # type: ignore[union-attr]


async def test_pages() -> None:
    c = client()
    page = await c.files.list()
    assert [type(f) for f in page.data] == [FileObject, FileObject]
    assert [f.id for f in page.data] == ["file-1", "file-2"] and not page.has_more
    assert page.data[1].bytes is None and page.data[0].model_extra == {"vendor": {"a": 1}}
    models = [m async for m in c.models.list()]  # `has_more: "yes"` is not followed
    assert [m.id for m in models] == ["m"] and models[0].created == "long ago"
    empty = await c.vector_stores.list()
    assert empty.data == [] and not empty.has_next_page()


async def test_a_responses_stream() -> None:
    stream = await client().responses.create(model="m", input="hi", stream=True)
    events = [event async for event in stream]
    assert [type(e) for e in events][1:] == [
        ResponseTextDeltaEvent,
        ResponseTextDeltaEvent,
        UnknownResponseStreamEvent,
        ResponseCompletedEvent,
    ]
    first, second = events[1], events[2]
    assert (first.output_index, first.item_id, first.logprobs) == (None, None, [])  # type: ignore[union-attr]
    assert second.item_id == 7 and second.model_extra == {"obfuscation": "zz"}  # type: ignore[union-attr]
    assert events[3].to_dict() == RESPONSE_EVENTS[3]
    final = events[4].response  # type: ignore[union-attr]
    assert final.output_text == "Hi" and type(final.output[1]) is UnknownResponseOutputItem


async def test_a_chat_stream() -> None:
    stream = await client().chat.completions.create(model="m", messages=[], stream=True)
    chunks = [chunk async for chunk in stream]
    assert [type(c) for c in chunks] == [ChatCompletionChunk, ChatCompletionChunk]
    (choice,) = chunks[1].choices
    assert (choice.index, choice.delta.content, choice.finish_reason) == (None, " there", "eos")  # type: ignore[union-attr]
    assert choice.delta.refusal == 5  # type: ignore[union-attr, comparison-overlap]
    assert chunks[1].object == "chat.completion"
    assert chunks[1].usage.completion_tokens == "two"  # type: ignore[union-attr, comparison-overlap]


async def test_the_stream_helpers() -> None:
    async with client().responses.stream(model="m", input="hi", user="helper") as stream:
        types = [type(event).__name__ async for event in stream]
        response = await stream.get_final_response()
    assert "ResponseTextDeltaEvent" in types and "ResponseOutputItemDoneEvent" in types
    assert response.output_text == "Hi" and response.created_at == "now"
    assert response.output[0].status == 5  # type: ignore[union-attr]
    async with client().chat.completions.stream(model="m", messages=[], user="helper") as chat:
        completion = await chat.get_final_completion()
    assert completion.choices[0].message.content == "Hi there"
    assert completion.choices[0].finish_reason == "eos" and completion.created == "now"
    assert completion.usage.completion_tokens == "two"  # type: ignore[union-attr, comparison-overlap]


async def test_an_assistants_stream() -> None:
    stream = await client().beta.threads.create_and_run(assistant_id="a", stream=True)
    created, note = [event async for event in stream]
    assert type(created) is ThreadRunCreated
    assert (created.data.id, created.data.thread_id, created.data.usage) == ("run_1", None, None)
    assert type(note) is UnknownAssistantStreamEvent and note.to_dict()["data"] == {"note": "hi"}


def signed(payload: str) -> dict[str, str]:
    stamp = int(time.time())
    signature = sign(payload, secret=SECRET, webhook_id="wh_1", timestamp=stamp)
    return {"webhook-id": "wh_1", "webhook-timestamp": str(stamp), "webhook-signature": signature}


def test_webhooks_on_the_sync_client() -> None:
    payload = json.dumps(WEBHOOK)
    event = OpenAI(api_key="sk", webhook_secret=SECRET).webhooks.unwrap(payload, signed(payload))
    assert type(event) is BatchCompletedWebhookEvent
    assert (event.created_at, event.object, event.data.id) == ("now", None, None)
    assert event.data.model_extra == {"bytes": 1}
    other = json.dumps({"type": "batch.teleported", "id": "e"})
    unknown = client(webhook_secret=SECRET).webhooks.unwrap(other, signed(other))
    assert type(unknown) is UnknownWebhookEvent
    with pytest.raises(APIResponseValidationError, match="expected a JSON object"):
        client(webhook_secret=SECRET).webhooks.unwrap("[1]", signed("[1]"))


async def test_strict_validation_raises_with_the_request_id_and_field() -> None:
    cases: list[tuple[Call, str, str]] = [
        (lambda c: c.files.retrieve("file-1"), "req_files_file-1", "bytes"),
        (lambda c: c.models.retrieve("m"), "req_models_m", "object"),
        (lambda c: c.responses.create(model="m", input="hi"), "req_responses", "created_at"),
        (
            lambda c: c.chat.completions.create(model="m", messages=[]),
            "req_chat_completions",
            "created",
        ),
        (lambda c: c.files.list(), "req_files", "bytes"),
        (lambda c: c.vector_stores.list(), "req_vector_stores", "'data' array"),
    ]
    for c in strict_clients():
        assert c._strict_response_validation
        for call, request_id, field in cases:
            with pytest.raises(APIResponseValidationError) as info:
                await call(c)
            assert info.value.request_id == request_id
            assert field in str(info.value), str(info.value)
    sync = OpenAI(
        api_key="sk-x",
        base_url="http://api/v1",
        transport=MockTransport(route),
        _strict_response_validation=True,
    )
    with pytest.raises(APIResponseValidationError, match="bytes"):
        sync.files.retrieve("file-1")


async def test_strict_streams_raise_a_stream_error_with_the_request_id() -> None:
    for c in strict_clients():
        streams: list[tuple[Call, str, str]] = [
            (
                lambda c: c.responses.create(model="m", input="hi", stream=True),
                "req_responses",
                "logprobs",
            ),
            (
                lambda c: c.chat.completions.create(model="m", messages=[], stream=True),
                "req_chat_completions",
                "refusal",
            ),
            (
                lambda c: c.beta.threads.create_and_run(assistant_id="a", stream=True),
                "req_threads_runs",
                "expires_at",  # the first missing field in the official order
            ),
        ]
        for open_stream, request_id, field in streams:
            stream: Any = await open_stream(c)
            with pytest.raises(StreamError) as info:
                [event async for event in stream]
            assert isinstance(info.value, APIResponseValidationError)
            assert info.value.request_id == request_id and field in str(info.value)


def test_strict_webhooks() -> None:
    payload = json.dumps(WEBHOOK)
    strict = client(webhook_secret=SECRET, strict_response_validation=True)
    with pytest.raises(APIResponseValidationError, match=r"data\.id") as info:
        strict.webhooks.unwrap(payload, signed(payload))
    assert info.value.body == payload


# -- WebSocket ------------------------------------------------------------------------------------


def ws_client(**options: Any) -> AsyncOpenAI:
    transport = ScriptedTransport(RESPONSE_EVENTS, route)
    return AsyncOpenAI(api_key="sk", base_url="http://api/v1", transport=transport, **options)


async def test_a_websocket_session() -> None:
    async with ws_client().ws_session(defaults={"model": "m"}) as ws:
        events = [event async for event in ws.send_stream(input="hi")]
        assert [type(e).__name__ for e in events][1:3] == ["ResponseTextDeltaEvent"] * 2
        assert events[1].output_index is None  # type: ignore[union-attr]
        assert type(events[3]) is UnknownResponseStreamEvent
        response = await ws.send(input="again")
        assert response.output_text == "Hi" and response.status == "done-ish"
    async with ws_client().responses.connect() as connection:
        await connection.response.create(model="m", input="hi")
        # the official connection's events: the stream events with their `stream_id`
        created = await connection.recv()
        assert type(created) is ResponseWsCreated and isinstance(created, ResponseCreatedEvent)
        delta = await connection.recv()
        assert type(delta) is ResponseTextWsDelta and delta.logprobs == []


async def test_a_strict_websocket_session() -> None:
    async with ws_client(_strict_response_validation=True).ws_session() as ws:
        with pytest.raises(StreamError, match="logprobs"):
            [event async for event in ws.send_stream(model="m", input="hi")]
        with pytest.raises(StreamError, match="created_at"):
            await ws.send(model="m", input="again")
    async with ws_client(strict_response_validation=True).responses.connect() as connection:
        await connection.response.create(model="m", input="hi")
        await connection.recv()
        with pytest.raises(APIResponseValidationError, match="logprobs"):
            await connection.recv()
