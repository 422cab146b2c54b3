"""`client.get/post/patch/put/delete` in the official form (`cast_to=`, `body=`, `options=`,
`stream=`/`stream_cls=`): the same calls through the installed official client and ours,
against one fake server, send the same request lines, queries, bodies and chosen headers,
and return the same kinds of values (the official class's name for ours). The older oxide
form (`query=`, per-call keywords, decoded JSON back) still works beside it.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import openai
import pytest

import openai_oxide
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

MESSAGES = [{"role": "user", "content": "hi"}]
CHAT = {"model": "gpt-4.1-mini", "messages": MESSAGES}
OPTIONS = {"headers": {"x-custom": "1"}, "params": {"probe": "yes"}, "max_retries": 0}


def _sent(fake: FakeOpenAI) -> list[tuple[Any, ...]]:
    return [
        (e.method, e.path.removeprefix("/v1"), e.query, e.json, e.headers.get("x-custom"))
        for e in fake.journal
    ]


def _dump(model: Any) -> dict[str, Any]:
    """The model's fields but those the fake makes fresh for every answer."""
    return {k: v for k, v in model.model_dump().items() if k not in ("id", "created")}


def _kind(value: Any) -> Any:
    if isinstance(value, list):
        return [_kind(v) for v in value]
    return type(value).__name__


# Each call takes a module (openai or openai_oxide) and its async client.
async def _chat(m: Any, c: Any) -> Any:
    return await c.post(
        "/chat/completions",
        cast_to=m.types.chat.ChatCompletion,
        body=CHAT,
        options=OPTIONS,
    )


async def _chat_stream(m: Any, c: Any) -> Any:
    stream = await c.post(
        "/chat/completions",
        cast_to=m.types.chat.ChatCompletionChunk,
        body={**CHAT, "stream": True},
        stream=True,
        stream_cls=m.AsyncStream[m.types.chat.ChatCompletionChunk],
    )
    return [type(stream).__name__, *[chunk async for chunk in stream]]


async def _models_json(m: Any, c: Any) -> Any:
    return await c.get("/models", cast_to=object, options={"params": {"limit": "2"}})


async def _model(m: Any, c: Any) -> Any:
    return await c.get("/models/gpt-4.1-mini", cast_to=m.types.Model)


async def _delete(m: Any, c: Any) -> Any:
    created = await c.post("/files", cast_to=object, body=None, options={"max_retries": 0})
    return created, await c.delete("/files/file-none", cast_to=object)


async def _patch_put(m: Any, c: Any) -> Any:
    kinds = []
    for call in (c.patch, c.put):
        try:
            await call("/things/1", cast_to=object, body={"a": 1}, options={"max_retries": 0})
        except m.APIStatusError as error:
            kinds.append((type(error).__name__, error.status_code))
    return kinds


CALLS: dict[str, Callable[[Any, Any], Awaitable[Any]]] = {
    "post cast_to model": _chat,
    "post stream_cls": _chat_stream,
    "get cast_to object": _models_json,
    "get cast_to model": _model,
    "delete": _delete,
    "patch and put": _patch_put,
}


async def _through(module: Any, fake: FakeOpenAI, call: Callable[..., Awaitable[Any]]) -> Any:
    fake.reset()
    client = module.AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0)
    try:
        value = await call(module, client)
    except module.APIStatusError as error:
        value = (type(error).__name__, error.status_code)
    finally:
        await client.close()
    return value, _sent(fake)


@pytest.mark.parametrize("name", sorted(CALLS))
async def test_same_requests_and_results_as_the_official(fake: FakeOpenAI, name: str) -> None:
    official, official_sent = await _through(openai, fake, CALLS[name])
    ours, ours_sent = await _through(openai_oxide, fake, CALLS[name])
    assert ours_sent == official_sent and ours_sent
    assert _kind(ours) == _kind(official)
    if name == "get cast_to object":
        assert isinstance(ours, dict) and ours["data"] and ours == official
    if name == "post cast_to model":
        assert isinstance(ours, openai_oxide.types.chat.ChatCompletion)
        assert _dump(ours) == _dump(official)
    if name == "post stream_cls":
        assert ours[0] == "AsyncStream" and len(ours) > 2
        assert [_dump(c) for c in ours[1:]] == [_dump(c) for c in official[1:]]


def test_sync_client_takes_the_official_form(fake: FakeOpenAI) -> None:
    from openai_oxide import OpenAI, Stream
    from openai_oxide.types.chat import ChatCompletion, ChatCompletionChunk

    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        completion = client.post("/chat/completions", cast_to=ChatCompletion, body=CHAT)
        assert isinstance(completion, ChatCompletion)
        stream = client.post(
            "/chat/completions",
            cast_to=ChatCompletionChunk,
            body={**CHAT, "stream": True},
            stream=True,
            stream_cls=Stream[ChatCompletionChunk],
        )
        assert isinstance(stream, Stream)
        chunks = list(stream)
        assert chunks and all(isinstance(c, ChatCompletionChunk) for c in chunks)
        assert client.get("/models", cast_to=str).startswith("{")
        raw = client.with_raw_response.get("/models", cast_to=object)
        assert raw.status_code == 200 and raw.parse()["object"] == "list"


async def test_the_oxide_form_still_works_and_forms_do_not_mix(fake: FakeOpenAI) -> None:
    async with openai_oxide.AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        listed = await client.get("/models", query={"limit": 1}, extra_headers={"x-custom": "2"})
        assert listed["object"] == "list"
        entry = fake.journal[-1]
        assert entry.query == {"limit": "1"} and entry.headers["x-custom"] == "2"
        with pytest.raises(TypeError, match="inside options="):
            await client.get("/models", cast_to=object, query={"limit": 1})
        with pytest.raises(TypeError, match="unsupported keys"):
            await client.get("/models", cast_to=object, options={"follow_redirects": True})  # type: ignore[typeddict-unknown-key]
        with pytest.raises(TypeError, match="unexpected keyword"):
            await client.get("/models", bogus=1)  # type: ignore[call-overload]


def _bodies(fake: FakeOpenAI) -> list[tuple[Any, ...]]:
    """Each request's line, content type (without a multipart boundary) and body: the raw
    bytes, or a multipart body's fields and files."""
    from openai_oxide.testing.forms import parse_form

    out: list[tuple[Any, ...]] = []
    for e in fake.journal:
        kind = e.headers.get("content-type", "")
        form = parse_form(kind, e.body) if kind.startswith("multipart/") else None
        out.append((e.method, e.path, kind.split(";")[0], e.body if form is None else form))
    return out


# The official client sends `files=` as a form only when told so (its resources set this
# header; without it, it labels the form `application/json` and leaves `body` out). Ours
# always sends a well-formed form, with the boundary in its content type.
MULTIPART = {"headers": {"Content-Type": "multipart/form-data"}}


async def _chunks() -> AsyncIterator[bytes]:
    for part in (b'{"b"', b": 2}"):
        yield part


async def _raw_and_files(m: Any, c: Any) -> Any:
    """`content=` as bytes and an async iterable of chunks (post, patch, put,
    delete), and `body=` with `files=` as a mapping and as pairs."""
    calls: list[Callable[[], Awaitable[Any]]] = [
        lambda: c.post("/things", cast_to=object, content=b"\x00raw"),
        lambda: c.patch("/things/1", cast_to=object, content=_chunks()),
        lambda: c.put("/things/1", cast_to=object, content=b"put"),
        lambda: c.delete("/things/1", cast_to=object, content=b"gone"),
        lambda: c.post(
            "/files",
            cast_to=object,
            body={"purpose": "batch"},
            files={"file": ("a.jsonl", b'{"x": 1}\n', "application/jsonl")},
            options=MULTIPART,
        ),
        lambda: c.post(
            "/uploads/up_1/parts",
            cast_to=object,
            files=[("data", ("p.bin", b"\x01\x02"))],
            options=MULTIPART,
        ),
    ]
    out: list[Any] = []
    for call in calls:
        try:
            out.append(_kind(await call()))
        except m.APIStatusError as error:
            out.append((type(error).__name__, error.status_code))
    return out


async def test_content_and_files_are_sent_as_the_official_sends_them(fake: FakeOpenAI) -> None:
    results = []
    for module in (openai, openai_oxide):
        fake.reset()
        client = module.AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0)
        try:
            results.append((await _raw_and_files(module, client), _bodies(fake)))
        finally:
            await client.close()
    (official, official_sent), (ours, ours_sent) = results
    assert ours_sent == official_sent and len(ours_sent) == 6
    assert ours == official
    assert ours_sent[0][3] == b"\x00raw" and ours_sent[1][3] == b'{"b": 2}'
    assert ours_sent[4][3]["purpose"] == "batch"


async def test_content_does_not_mix_with_body_or_files() -> None:
    async with openai_oxide.AsyncOpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9") as c:
        with pytest.raises(TypeError, match="both `body` and `content`"):
            await c.post("/x", cast_to=object, body={"a": 1}, content=b"x")
        with pytest.raises(TypeError, match="both `files` and `content`"):
            await c.post("/x", cast_to=object, content=b"x", files={"f": b"y"})
        with pytest.raises(TypeError, match="takes bytes"):
            await c.post("/x", cast_to=object, content="text")  # type: ignore[arg-type]


def test_the_sync_client_sends_content_and_files(fake: FakeOpenAI) -> None:
    from openai_oxide import OpenAI

    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        created = client.post(
            "/files", cast_to=dict, body={"purpose": "batch"}, files=[("file", b'{"x": 1}\n')]
        )
        assert created["purpose"] == "batch"
        for content in (iter([b"a", b"b"]), io.BytesIO(b"ab")):
            with pytest.raises(openai_oxide.APIStatusError):
                client.post("/things", cast_to=object, content=content)
            assert fake.journal[-1].body == b"ab"
