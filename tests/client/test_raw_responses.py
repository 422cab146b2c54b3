"""`with_raw_response` and `with_streaming_response` on every resource, async and sync.

Every attribute is checked against what the fake server sent and journaled: status,
headers, request id, the request line, retries after a 429, and `.parse()` against the
plain call's value.
"""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import AsyncIterator, Iterator

import pytest

from openai_oxide import AsyncOpenAI, AsyncStream, OpenAI
from openai_oxide._pagination import AsyncPage
from openai_oxide._sync import Stream
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.journal import JournalEntry
from openai_oxide.types.chat import ChatCompletion
from openai_oxide.types.responses import Response
from support import API_KEY

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=2) as c:
        yield c


@pytest.fixture
def sync_client(fake: FakeOpenAI) -> Iterator[OpenAI]:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=2) as c:
        yield c


def last(fake: FakeOpenAI, method: str, path: str) -> JournalEntry:
    entries = [e for e in fake.journal if e.method == method and e.path.endswith(path)]
    assert entries, f"no {method} {path} in the journal"
    return entries[-1]


async def wait_for(condition: object, entry_of: object) -> None:
    """Poll the journal (the server thread updates it) for up to 10 s; no timing asserted."""
    for _ in range(200):
        if condition(entry_of()):  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the journal never showed the expected state")


async def test_raw_response_of_a_create(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    raw = await client.responses.with_raw_response.create(model="gpt-4.1-mini", input="hello")
    entry = last(fake, "POST", "/responses")
    assert raw.status_code == entry.status == 200
    assert raw.request_id == entry.request_id == raw.headers["x-request-id"]
    assert raw.headers.get("content-type", "").startswith("application/json")
    assert raw.http_request.method == raw.method == "POST"
    assert raw.http_request.url == raw.url == f"{fake.url}/responses"
    assert raw.retries_taken == 0
    assert isinstance(raw.elapsed, datetime.timedelta) and raw.elapsed.total_seconds() >= 0
    parsed = raw.parse()
    assert isinstance(parsed, Response)
    assert raw.json() == json.loads(raw.text) == json.loads(raw.read())
    assert parsed.id == raw.json()["id"] and parsed.output_text
    assert b"".join(raw.iter_bytes(7)) == raw.content
    # the plain call returns the same type for the same input
    assert type(await client.responses.create(model="gpt-4.1-mini", input="hello")) is Response


async def test_retries_taken_after_a_429(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.inject(
        Fault(status=429, headers={"retry-after-ms": "1"}, match="/chat/completions", times=2)
    )
    raw = await client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    attempts = [e for e in fake.journal if e.path.endswith("/chat/completions")]
    assert [e.status for e in attempts] == [429, 429, 200]
    assert raw.retries_taken == 2
    assert raw.http_request.headers["x-stainless-retry-count"] == "2"
    assert raw.request_id == attempts[-1].request_id
    completion = raw.parse()
    assert isinstance(completion, ChatCompletion) and completion.id == raw.json()["id"]


async def test_raw_response_of_a_stream(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/event-stream")
    stream = raw.parse()
    assert isinstance(stream, AsyncStream)
    chunks = [chunk async for chunk in stream]
    assert chunks and all(c.object == "chat.completion.chunk" for c in chunks)
    assert raw.request_id == last(fake, "POST", "/chat/completions").request_id
    with pytest.raises(RuntimeError, match="with_streaming_response"):
        _ = raw.text


async def test_streaming_response_reads_sse_lines_and_closes(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        assert response.status_code == 200 and not response.is_closed
        lines = [line async for line in response.iter_lines()]
    entry = last(fake, "POST", "/chat/completions")
    assert response.request_id == entry.request_id
    data = [line[len("data: ") :] for line in lines if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    assert all(json.loads(d)["object"] == "chat.completion.chunk" for d in data[:-1])
    assert "" in lines  # the blank lines that end each event
    assert response.is_closed


async def test_streaming_response_leaving_early_closes_the_connection(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(delay_between_events=0.3, match="/responses"))
    async with client.responses.with_streaming_response.create(
        model="gpt-4.1-mini", input="count", stream=True
    ) as response:
        lines = response.iter_lines()  # kept alive: the exit, not garbage collection, closes
        first = await anext(lines)
        assert first.startswith(("event: ", "data: "))
    await wait_for(lambda e: e.disconnected, lambda: last(fake, "POST", "/responses"))
    assert not last(fake, "POST", "/responses").completed and response.is_closed
    assert lines is not None


async def test_streaming_response_parse_of_a_non_stream_call(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    plain = await client.models.retrieve("gpt-4o")
    async with client.models.with_streaming_response.retrieve("gpt-4o") as response:
        assert response.request_id == last(fake, "GET", "/models/gpt-4o").request_id
        parsed = await response.parse()
        assert json.loads(await response.text()) == await response.json()
    assert parsed == plain and type(parsed) is type(plain)


async def test_pages_binary_delete_and_sub_resources(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    plain_page = await client.models.list()
    raw = await client.models.with_raw_response.list()
    page = raw.parse()
    assert isinstance(page, AsyncPage) and page.data == plain_page.data
    assert [m["id"] for m in raw.json()["data"]] == [m.id for m in page.data]

    created = await client.files.create(file=b"\x00binary\xff" * 100, purpose="user_data")
    content = await client.files.with_raw_response.content(created.id)
    assert content.content == b"\x00binary\xff" * 100 == content.parse().content
    assert content.http_request.headers["accept"] == "application/binary"
    async with client.files.with_streaming_response.content(created.id) as streamed:
        assert await streamed.read() == content.content
        assert (await streamed.parse()).content == content.content
        assert b"".join([c async for c in streamed.iter_bytes(100)]) == content.content

    store = await client.vector_stores.create(name="docs")
    await client.vector_stores.files.create(store.id, file_id=created.id)
    listed = await client.vector_stores.files.with_raw_response.list(store.id)
    assert listed.url == f"{fake.url}/vector_stores/{store.id}/files"
    assert [f.id for f in listed.parse().data] == [created.id]
    via_parent = await client.vector_stores.with_raw_response.files.list(store.id)
    assert [f.id for f in via_parent.parse().data] == [created.id]

    deleted = await client.files.with_raw_response.delete(created.id)
    assert deleted.method == "DELETE" and deleted.status_code == 200
    assert deleted.parse().deleted is True and deleted.json()["id"] == created.id


async def test_client_level_views(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    raw = await client.with_raw_response.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert raw.request_id == last(fake, "POST", "/chat/completions").request_id
    assert isinstance(raw.parse(), ChatCompletion)
    async with client.with_streaming_response.models.retrieve("gpt-4o") as response:
        assert (await response.parse()).id == "gpt-4o"
    escape_hatch = await client.with_raw_response.get("/models/gpt-4o")
    assert escape_hatch.parse()["id"] == "gpt-4o" and escape_hatch.status_code == 200


async def test_errors_and_helpers_without_a_request(client: AsyncOpenAI) -> None:
    from openai_oxide import NotFoundError

    with pytest.raises(NotFoundError) as caught:
        await client.files.with_raw_response.retrieve("file-missing")
    assert caught.value.request_id
    with pytest.raises(AttributeError):
        _ = client.files.with_raw_response.no_such_method
    # As in the official views: only methods that send a request of their own are wrapped
    # (`create`, `parse`, ...), not the stream helpers.
    assert not hasattr(client.responses.with_raw_response, "stream")
    assert not hasattr(client.chat.completions.with_streaming_response, "stream")
    assert callable(client.responses.with_raw_response.parse)


def test_sync_raw_and_streaming(fake: FakeOpenAI, sync_client: OpenAI) -> None:
    raw = sync_client.chat.completions.with_raw_response.create(model="gpt-4o", messages=MESSAGES)
    assert raw.request_id == last(fake, "POST", "/chat/completions").request_id
    assert isinstance(raw.parse(), ChatCompletion) and raw.status_code == 200

    streamed = sync_client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    stream = streamed.parse()
    assert isinstance(stream, Stream)
    assert all(chunk.object == "chat.completion.chunk" for chunk in stream)

    with sync_client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    ) as response:
        lines = list(response.iter_lines())
        assert response.headers["x-request-id"] == response.request_id
    assert lines[-2:] == ["data: [DONE]", ""] and response.is_closed

    with sync_client.models.with_streaming_response.retrieve("gpt-4o") as response:
        model = response.parse()
    assert model == sync_client.models.retrieve("gpt-4o")

    page = sync_client.models.with_raw_response.list().parse()
    assert [m.id for m in page] == [m.id for m in sync_client.models.list()]
    store = sync_client.vector_stores.create(name="s")
    files = sync_client.vector_stores.files.with_raw_response.list(store.id)
    assert files.parse().data == [] and files.retries_taken == 0
    deleted = sync_client.vector_stores.with_raw_response.delete(store.id)
    assert deleted.parse().deleted and deleted.method == "DELETE"
    via_client = sync_client.with_raw_response.models.retrieve("gpt-4o")
    assert via_client.parse() == model


def test_with_options_and_copy_keep_the_views(fake: FakeOpenAI, sync_client: OpenAI) -> None:
    for clone in (
        sync_client.with_options(max_retries=0),
        sync_client.copy(default_headers={"x-extra": "1"}),
    ):
        raw = clone.models.with_raw_response.retrieve("gpt-4o")
        assert raw.parse().id == "gpt-4o"
    assert last(fake, "GET", "/models/gpt-4o").headers["x-extra"] == "1"


def official_snippet(openai: object, base_url: str) -> dict[str, object]:
    """Written for the official package, as a user would; run with either module."""
    client = openai.OpenAI(api_key=API_KEY, base_url=base_url, max_retries=2)  # type: ignore[attr-defined]
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )
    completion = raw.parse()
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as response:
        lines = [line for line in response.iter_lines() if line]
    listed = client.models.with_raw_response.list()
    return {
        "request_id": raw.headers.get("x-request-id") == raw.request_id,
        "status": raw.status_code,
        "retries": raw.retries_taken,
        "request": (raw.http_request.method, str(raw.http_request.url)),
        "type": type(completion).__name__,
        "content": completion.choices[0].message.content,
        "json_id": json.loads(raw.text)["id"] == completion.id,
        "sse": [line.split(":")[0] for line in lines],
        "done": lines[-1],
        "models": [m.id for m in listed.parse().data],
    }


def test_the_official_snippet_gives_the_same_values(fake: FakeOpenAI) -> None:
    import openai

    import openai_oxide

    results = []
    for module in (openai, openai_oxide):
        fake.reset()
        fake.inject(Fault(status=429, headers={"retry-after-ms": "1"}, match="/chat/completions"))
        result = official_snippet(module, fake.url)
        assert result["request_id"] is True and result["json_id"] is True
        results.append(result)
    assert results[0]["retries"] == 1 and results[0]["status"] == 200
    assert results[1] == results[0]


async def test_beta_alias_views_keep_the_alias(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    """`beta.responses` sends `?beta=true` through its views too (reached from `beta`'s
    view or the client's), and `beta.chat`'s view is `client.chat`'s."""
    from openai_oxide.types.beta.beta_response import BetaResponse

    for view in (client.beta.with_raw_response, client.with_raw_response.beta):
        raw = await view.responses.create(model="gpt-4.1-mini", input="hello")
        assert isinstance(raw.parse(), BetaResponse)
        assert last(fake, "POST", "/responses").query == {"beta": "true"}
    streamed = client.beta.with_streaming_response.chat.completions.create(
        model="gpt-4.1-mini", messages=MESSAGES
    )
    async with streamed as answer:
        assert isinstance(await answer.parse(), ChatCompletion)
    assert last(fake, "POST", "/chat/completions").query == {}
