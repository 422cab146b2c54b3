"""Every endpoint of this stage against the fake server: typed results, stored responses,
pagination, HTTP/2 and the 699 KB agent request."""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, BadRequestError, NativeTransport, NotFoundError
from openai_oxide._pagination import AsyncCursorPage, AsyncPage
from openai_oxide.testing import FakeOpenAI
from support import API_KEY, FIXTURES


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


async def test_responses_lifecycle(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    from openai_oxide.types.responses import Response

    first = await client.responses.create(model="gpt-test", input="Remember the word ünicorn")
    assert isinstance(first, Response) and first.output_text
    follow = await client.responses.create(
        model="gpt-test", input="What was it?", previous_response_id=first.id
    )
    assert follow.previous_response_id == first.id
    items = [item async for item in client.responses.input_items.list(follow.id, limit=1)]
    assert len(items) >= 2  # the chain's inputs, fetched one page at a time
    assert (await client.responses.retrieve(first.id)).output_text == first.output_text
    cancelled = await client.responses.cancel(first.id)
    assert cancelled.id == first.id
    assert await client.responses.delete(first.id) is None
    with pytest.raises(NotFoundError):
        await client.responses.retrieve(first.id)
    with pytest.raises(BadRequestError) as info:
        await client.responses.create(
            model="gpt-test", input="x", previous_response_id="resp_missing"
        )
    assert info.value.code == "previous_response_not_found"
    assert [e.method for e in fake.journal][:2] == ["POST", "POST"]


async def test_input_items_pages(client: AsyncOpenAI) -> None:
    first = await client.responses.create(model="gpt-test", input="one")
    second = await client.responses.create(
        model="gpt-test", input="two", previous_response_id=first.id
    )
    page = await client.responses.input_items.list(second.id, limit=1)
    assert len(page.data) == 1 and page.has_next_page()
    nxt = await page.get_next_page()
    assert nxt.data[0].id != page.data[0].id
    assert type(page) is AsyncCursorPage and type(nxt) is AsyncCursorPage


async def test_page_classes_are_the_official_ones(client: AsyncOpenAI) -> None:
    """A list that takes `after` gives `AsyncCursorPage`s (first, next and raw), one that
    does not plain `AsyncPage`s, as its paginator's second type parameter says."""
    for i in range(3):
        await client.files.create(file=b"f%d" % i, purpose="batch")
    first = await client.files.list(limit=2)
    assert type(first) is AsyncCursorPage and first.has_next_page()
    assert type(await first.get_next_page()) is AsyncCursorPage
    raw = await client.files.with_raw_response.list(limit=2)
    assert type(raw.parse()) is AsyncCursorPage
    assert type(await client.models.list()) is AsyncPage


async def test_chat_completion_typed(client: AsyncOpenAI) -> None:
    from openai_oxide.types.chat import ChatCompletion

    completion = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hello"}]
    )
    assert isinstance(completion, ChatCompletion)
    assert (
        completion.choices[0].message.role == "assistant" and completion.choices[0].message.content
    )
    assert completion.usage is not None and completion.usage.total_tokens > 0


async def test_models(client: AsyncOpenAI) -> None:
    models = [m async for m in client.models.list()]
    assert models and all(m.object == "model" for m in models)
    assert (await client.models.retrieve(models[0].id)).id == models[0].id


async def test_per_call_options_reach_the_server(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    await client.responses.create(
        model="gpt-test",
        input="x",
        extra_headers={"x-custom": "1"},
        extra_query={"q": "v"},
        extra_body={"metadata": {"k": "v"}},
    )
    entry = fake.journal[-1]
    assert entry.headers["x-custom"] == "1" and entry.query["q"] == "v"
    assert entry.json["metadata"] == {"k": "v"}


async def test_agent_request_699kb_round_trip(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    """The real 699 KB request goes out whole; the recorded 114-chunk answer comes back."""
    from openai_oxide.testing import Fault

    request = json.loads((FIXTURES / "agent-session" / "request-320-messages.json").read_bytes())
    answer = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    sse = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in answer["streamed_data"])
    fake.inject(Fault(replay=sse + b"data: [DONE]\n\n", match="/chat/completions"))
    stream = await client.chat.completions.create(**request)
    chunks = [c async for c in stream]
    sent = fake.journal[-1]
    assert len(sent.body) > 600_000
    assert sent.json == request  # the request arrived exactly as given
    assert len(chunks) == 114
    calls: dict[int, str] = {}
    for c in chunks:
        for ch in c.choices:
            for tc in ch.delta.tool_calls or []:
                calls[tc.index] = calls.get(tc.index, "") + (
                    (tc.function and tc.function.arguments) or ""
                )
    assert len(calls) == 3 and all(isinstance(json.loads(a), dict) for a in calls.values())


async def test_http2_is_used_when_offered() -> None:
    async with FakeOpenAI(tls=True) as server:
        transport = NativeTransport(verify=server.client_ssl_context())
        async with AsyncOpenAI(api_key=API_KEY, base_url=server.url, transport=transport) as c:
            response = await c.responses.create(model="gpt-test", input="h2?")
            stream = await c.responses.create(model="gpt-test", input="h2 stream", stream=True)
            events = [e async for e in stream]
        await transport.aclose()
        assert response.output_text and events[-1].type == "response.completed"
        assert [e.http_version for e in server.journal] == ["2", "2"]


async def test_unknown_event_types_and_fields_are_kept(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.testing import Fault

    body = (
        b"event: response.brand_new\n"
        b'data: {"type":"response.brand_new","sequence_number":0,"shiny":1}\n\n'
        b"event: response.output_text.delta\n"
        b'data: {"type":"response.output_text.delta","sequence_number":1,"item_id":"m",'
        b'"output_index":0,"content_index":0,"delta":"hi","logprobs":[],"extra_field":"kept"}\n\n'
    )
    fake.inject(Fault(replay=body, match="/responses"))
    stream = await client.responses.create(model="gpt-test", input="x", stream=True)
    events = [e async for e in stream]
    assert events[0].type == "response.brand_new" and events[0].model_dump()["shiny"] == 1
    assert events[1].delta == "hi" and events[1].model_dump()["extra_field"] == "kept"
