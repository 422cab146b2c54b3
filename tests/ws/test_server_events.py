"""The Responses WebSocket event types at their official paths, and `client.responses.connect()`
typed as the official connection: `recv()` gives a `ResponsesServerEvent`, `send()` takes a
`ResponsesClientEvent` or `ResponsesClientEventParam`, `websocket_connection_options` is a
`WebSocketConnectionOptions`.

A server event is the stream event with its `stream_id` (a subclass, as officially), so what
a handler of stream events checks still holds for an event off the WebSocket.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

import openai_oxide.types.responses as responses
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.lib.ws_connect import AsyncResponsesConnection
from openai_oxide.sync.lib.ws_connect import ResponsesConnection
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.responses import ResponseStreamEvent, UnknownResponseStreamEvent
from openai_oxide.types.responses.response_completed_event import ResponseCompletedEvent
from openai_oxide.types.responses.response_text_delta_event import ResponseTextDeltaEvent
from openai_oxide.types.responses.responses_client_event import (
    ResponseCreate,
    ResponsesClientEvent,
)
from openai_oxide.types.responses.responses_client_event_param import ResponsesClientEventParam
from openai_oxide.types.responses.responses_server_event import (
    ResponsesServerEvent,
    ResponseTextWsDelta,
    ResponseWsCompleted,
    ResponseWsCreated,
    ResponseWsError,
    ResponseWsErrorError,
    UnknownResponsesServerEvent,
)
from openai_oxide.types.websocket_connection_options import (
    SyncWebSocketConnectionOptions,
    WebSocketConnectionOptions,
    WebsocketConnectionOptions,
)
from support import API_KEY, mypy_flags

REPO = Path(__file__).resolve().parents[2]
RECORDINGS = REPO.parent / "shared" / "fixtures" / "responses-streams"
SERVER = TypeAdapter[Any](ResponsesServerEvent)
STREAM = TypeAdapter[Any](ResponseStreamEvent)


def recorded_events() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(RECORDINGS.glob("*.chunks.txt")):
        for n, line in enumerate(path.read_bytes().splitlines()):
            if line.strip():
                out.append((f"{path.name}:{n}", json.loads(line)))
    return out


def test_the_official_names_import_from_the_package_and_their_paths() -> None:
    assert responses.ResponsesServerEvent is ResponsesServerEvent
    assert responses.ResponsesClientEvent is ResponsesClientEvent is ResponseCreate
    assert responses.ResponsesClientEventParam is ResponsesClientEventParam
    assert issubclass(ResponseTextWsDelta, ResponseTextDeltaEvent)
    assert issubclass(ResponseWsCompleted, ResponseCompletedEvent)
    assert WebsocketConnectionOptions is WebSocketConnectionOptions
    assert set(SyncWebSocketConnectionOptions.__annotations__) < set(
        WebSocketConnectionOptions.__annotations__
    )


@pytest.mark.skipif(not RECORDINGS.is_dir(), reason="shared fixtures not found")
def test_every_recorded_event_off_a_lane_is_its_stream_event_with_the_lane() -> None:
    """Each recorded Responses event, sent on a WebSocket lane, validates strictly as the Ws
    class of the stream event it is over HTTP, keeping every field and the lane."""
    events = recorded_events()
    assert len(events) > 500
    for label, event in events:
        plain = STREAM.validate_python(event)
        if isinstance(plain, UnknownResponseStreamEvent) or event["type"] == "error":
            continue  # the WebSocket's error is its own (below)
        ws = SERVER.validate_python({**event, "stream_id": "agent_1"}, strict=True)
        assert isinstance(ws, type(plain)) and type(ws) is not type(plain), label
        assert ws.stream_id == "agent_1"
        assert ws.model_dump(exclude={"stream_id"}, exclude_unset=True) == plain.model_dump(
            exclude_unset=True
        ), label


def test_the_websocket_error_is_its_own_event() -> None:
    """The spec's example of the stream-limit error (`ResponseWsError`, not the stream's
    `ResponseErrorEvent`: the error is nested, with the HTTP status beside it)."""
    event = SERVER.validate_json(
        b'{"type": "error", "status": 400, "stream_id": "agent_1", "error": {'
        b'"type": "invalid_request_error", "code": "websocket_stream_limit_reached",'
        b'"message": "This WebSocket connection has reached its stream limit.",'
        b'"param": "stream_id"}}'
    )
    assert isinstance(event, ResponseWsError)
    assert isinstance(event.error, ResponseWsErrorError)
    assert (event.status, event.error.code, event.stream_id) == (
        400,
        "websocket_stream_limit_reached",
        "agent_1",
    )
    unknown = SERVER.validate_python({"type": "response.future_thing", "stream_id": "b", "x": 1})
    assert isinstance(unknown, UnknownResponsesServerEvent)
    assert unknown.model_dump() == {"type": "response.future_thing", "stream_id": "b", "x": 1}


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as c:
        yield c


async def test_connect_yields_server_events_and_sends_client_events(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.responses.connect() as connection:
        # a model of the client event goes out as the dict the official sends
        await connection.send(ResponseCreate(type="response.create", model="gpt-5", input="Hi"))
        first = await connection.recv()
        events = [first]
        async for event in connection:
            events.append(event)
            if event.type == "response.completed":
                break
        # and a dict on a lane: its events come back with the lane
        await connection.send(
            {"type": "response.create", "model": "gpt-5", "input": "Again", "stream_id": "a1"}
        )
        laned = await connection.recv()
    assert [e.type for e in events][:: len(events) - 1] == [
        "response.created",
        "response.completed",
    ]
    assert type(events[-1]) is ResponseWsCompleted and events[-1].stream_id is None
    assert all(type(e).__module__.endswith("responses_server_event") for e in events)
    assert laned.type == "response.created" and laned.stream_id == "a1"
    sent = [e.json for e in fake.journal if e.method == "WS"]
    assert sent[0] == {"type": "response.create", "model": "gpt-5", "input": "Hi"}


def test_the_sync_connection_gives_the_same_events(fake: FakeOpenAI) -> None:
    with (
        OpenAI(api_key=API_KEY, base_url=fake.url) as client,
        client.responses.connect() as connection,
    ):
        connection.send({"type": "response.create", "model": "gpt-5", "stream_id": "s"})
        refused = connection.recv()  # no input: the lane's error, typed
        connection.send({"type": "response.create", "model": "gpt-5", "input": "Hi"})
        first = connection.recv()
    assert isinstance(refused, ResponseWsError) and refused.stream_id == "s"
    assert (refused.status, refused.error.param) == (400, "input")
    assert type(first) is ResponseWsCreated and first.stream_id is None


async def test_the_beta_connection_yields_the_responses_events(client: AsyncOpenAI) -> None:
    """A known difference (docs/migration.md): the official `beta.responses.connect()` yields
    the beta classes; this one yields the Responses WebSocket's, on the same socket."""
    async with client.beta.responses.connect() as connection:
        await connection.send({"type": "response.create", "model": "gpt-5", "input": "Hi"})
        first = await connection.recv()
    assert type(first) is ResponseWsCreated


@pytest.mark.parametrize("group", ["responses", "beta.responses"])
async def test_connect_takes_the_official_websocket_connection_options(
    client: AsyncOpenAI, group: str
) -> None:
    """`responses.connect()` and `beta.responses.connect()` hand the options to the transport."""
    resource: Any = client.beta.responses if group == "beta.responses" else client.responses
    with pytest.raises(TypeError, match="does not take \\['headers'\\]"):
        resource.connect(websocket_connection_options={"headers": {}})
    seen: dict[str, Any] = {}
    original = client._transport.connect_ws

    async def recording(url: str, headers: Any, subprotocols: Any = (), **kwargs: Any) -> Any:
        seen.update(subprotocols=list(subprotocols), options=kwargs["options"])
        return await original(url, headers, subprotocols, **kwargs)

    client._transport.connect_ws = recording  # type: ignore[method-assign]
    options: WebSocketConnectionOptions = {"max_size": 2**20, "subprotocols": []}
    async with resource.connect(websocket_connection_options=options):
        pass
    assert seen["options"] == {"max_size": 2**20}


def _annotations(cls: type, names: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        signature = inspect.signature(getattr(cls, name))
        out[name] = str(signature).split("(self", 1)[1]
    return out


def test_the_connection_methods_are_annotated_as_the_official_ones() -> None:
    official = pytest.importorskip("openai.resources.responses.responses")
    for ours, theirs, iterate in (
        (AsyncResponsesConnection, official.AsyncResponsesConnection, "__aiter__"),
        (ResponsesConnection, official.ResponsesConnection, "__iter__"),
    ):
        names = ("recv", "send", "parse_event", iterate)
        assert _annotations(ours, names) == _annotations(theirs, names)


SNIPPET = """
from typing import assert_type

from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.types.responses import ResponsesServerEvent
from openai_oxide.types.responses.responses_server_event import ResponseTextWsDelta


async def main() -> None:
    async with AsyncOpenAI().responses.connect() as conn:
        event = await conn.recv()
        assert_type(event, ResponsesServerEvent)
        if isinstance(event, ResponseTextWsDelta):
            assert_type(event.stream_id, str | None)
        await conn.send({"type": "response.create", "model": "gpt-5", "stream_id": "a"})
        async for each in conn:
            assert_type(each, ResponsesServerEvent)
    with OpenAI().responses.connect(websocket_connection_options={"max_size": None}) as sync:
        assert_type(sync.recv(), ResponsesServerEvent)
        sync.send({"type": "response.create", "modle": "gpt-5"})  # the one wrong line
"""


def test_mypy_sees_the_official_types_on_the_connection(tmp_path: Path) -> None:
    flagged, stdout = mypy_flags(SNIPPET, tmp_path, cache="ws_events")
    wrong = next(n for n, line in enumerate(SNIPPET.splitlines(), 1) if "the one wrong" in line)
    assert set(flagged) == {wrong}, stdout
