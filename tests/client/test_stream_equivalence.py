"""A stream's typed events are exactly what a full validation of each event gives.

Every recorded stream in ../shared/fixtures (Responses and chat) is served as an SSE body,
cut into chunks of several sizes or one event per chunk (as the API sends them, which the
SSE decoder frames on its fast path), and read through `create(stream=True)` by a lenient and a
strict client. Each event must be the class, field values and `model_dump()` that
pydantic's validation of the event's JSON on its own gives (the reference), so no shortcut
on the stream path (framing, decoder lookup, construction) can change what a user sees.
The same recordings with one field broken per event show the lenient path (the event
still arrives, as its own class, built by `types._lenient.construct`) and the strict one
(StreamError, after the events before it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, StreamError, StreamEventError
from openai_oxide._core.http import Request
from openai_oxide.types._lenient import construct
from openai_oxide.types.chat import ChatCompletionChunk
from openai_oxide.types.responses import ResponseStreamEvent

from ..support import API_KEY, FIXTURES

RESPONSES = sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))
CHATS = sorted((FIXTURES / "responses-streams" / "chat").glob("*.chunks.txt"))
CHAT_BINS = sorted((FIXTURES / "chat-streams").glob("*.bin"))
SIZES: list[int | str | None] = [None, 1, 7, 97, "events"]

if not RESPONSES or not CHAT_BINS:
    pytest.skip(f"shared fixtures not found at {FIXTURES}", allow_module_level=True)


def _payloads(path: Path) -> list[bytes]:
    """The JSON of each event of a recording (one per line, or the `data:` lines of SSE)."""
    lines = [line.strip() for line in path.read_bytes().splitlines() if line.strip()]
    if path.suffix == ".bin":
        lines = [line[5:].strip() for line in lines if line.startswith(b"data:")]
        lines = [line for line in lines if line != b"[DONE]"]
    return lines


def _body(payloads: list[bytes], named: bool) -> bytes:
    """An SSE body as the API sends it: Responses events carry `event: <type>`."""
    out = b""
    for data in payloads:
        name = json.loads(data).get("type") if named else None
        if isinstance(name, str):
            out += b"event: " + name.encode() + b"\n"
        out += b"data: " + data + b"\n\n"
    return out if named else out + b"data: [DONE]\n\n"


def _client(body: bytes, size: int | str | None, strict: bool) -> AsyncOpenAI:
    """A client whose every stream is `body`, in chunks of `size` bytes, or of one event each
    (`"events"`)."""
    parts: bytes | list[bytes] = body
    if size == "events":
        parts = [event + b"\n\n" for event in body.split(b"\n\n") if event]
        assert b"".join(parts) == body

    def handler(request: Request) -> MockResponse:
        headers = {"content-type": "text/event-stream", "x-request-id": "req_eq"}
        return MockResponse(
            headers=headers, body=parts, chunk_size=size if isinstance(size, int) else None
        )

    return AsyncOpenAI(
        api_key=API_KEY,
        base_url="http://test/v1",
        transport=MockTransport(handler),
        max_retries=0,
        _strict_response_validation=strict,
    )


async def _events(client: AsyncOpenAI, chat: bool, into: list[Any]) -> None:
    if chat:
        stream: Any = await client.chat.completions.create(model="m", messages=[], stream=True)
    else:
        stream = await client.responses.create(model="m", input="hi", stream=True)
    async for event in stream:
        into.append(event)


def _same(got: Any, want: BaseModel) -> None:
    assert type(got) is type(want)
    assert got == want
    assert got.model_dump() == want.model_dump()
    assert got.model_fields_set == want.model_fields_set
    assert got.model_extra == want.model_extra


def _cases() -> list[Any]:
    cases = [pytest.param(path, False, id=path.name) for path in RESPONSES]
    cases += [pytest.param(path, True, id=path.name) for path in CHATS + CHAT_BINS]
    return cases


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize(("path", "chat"), _cases())
async def test_stream_events_equal_full_validation(
    path: Path, chat: bool, strict: bool, size: int | str | None
) -> None:
    payloads = _payloads(path)
    validate: Callable[[bytes], Any] = TypeAdapter(
        ChatCompletionChunk if chat else ResponseStreamEvent
    ).validate_json
    want = [validate(data) for data in payloads]
    client = _client(_body(payloads, named=not chat), size, strict)
    got: list[Any] = []
    raised = False
    try:
        await _events(client, chat, got)
    except StreamEventError:  # an `error` event raises once every event is out
        raised = True
    finally:
        await client.close()
    assert raised == any(getattr(event, "type", None) == "error" for event in want)
    assert len(got) == len(want)
    for event, reference in zip(got, want, strict=True):
        _same(event, reference)


def _broken(payloads: list[bytes], chat: bool) -> tuple[list[bytes], int, str]:
    """The payloads with one integer field of one event sent as a string the model refuses
    (chat: `created`; Responses: `sequence_number`, else `output_index`, of a delta if
    there is one); that event's index, and the field."""
    values = [json.loads(data) for data in payloads]
    deltas = [i for i, v in enumerate(values) if str(v.get("type", "")).endswith(".delta")]
    i, key = next(
        (i, key)
        for key in (["created"] if chat else ["sequence_number", "output_index"])
        for i in deltas + list(range(1, len(values)))
        if key in values[i]
    )
    values[i][key] = "not a number"
    out = list(payloads)
    out[i] = json.dumps(values[i]).encode()
    return out, i, key


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # the kept string
@pytest.mark.parametrize("size", [97, "events"])
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize(
    ("path", "chat"),
    [pytest.param(p, False, id=p.name) for p in RESPONSES if "error" not in p.name]
    + [pytest.param(p, True, id=p.name) for p in CHAT_BINS[:3]],
)
async def test_broken_event_lenient_or_strict(
    path: Path, chat: bool, strict: bool, size: int | str
) -> None:
    payloads, bad, key = _broken(_payloads(path), chat)
    type_ = ChatCompletionChunk if chat else ResponseStreamEvent
    client = _client(_body(payloads, named=not chat), size, strict)
    got: list[Any] = []
    try:
        if strict:
            with pytest.raises(StreamError, match="Malformed event"):
                await _events(client, chat, got)
            assert len(got) == bad  # the events before the broken one came first
            return
        await _events(client, chat, got)
    finally:
        await client.close()
    want = construct(type_, json.loads(payloads[bad]))
    _same(got[bad], want)
    assert getattr(got[bad], key) == "not a number"
    assert len(got) == len(payloads)
