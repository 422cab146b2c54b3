"""WebSocket mode falls back to HTTP streaming where the server has no WebSocket endpoint
(`openai_oxide.lib.ws_fallback`), end to end against the fake with `websocket=False`.
Early function calls and `run_agent` run over both modes in test_session.py (`mode`)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from typing import Any

import pytest

from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    PreviousResponseNotFoundError,
    WebSocketDisconnectedError,
    WebSocketSessionError,
)
from openai_oxide._transport.native import NativeTransport
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

FALLBACK_LOG = "No WebSocket Responses endpoint"
STATELESS_LOG = "does not keep responses"


@pytest.fixture
def no_ws(fake: FakeOpenAI) -> FakeOpenAI:
    """The shared fake without WebSocket mode (until the next test's reset)."""
    fake.configure(websocket=False)
    return fake


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


def posts(fake: FakeOpenAI) -> list[dict[str, Any]]:
    """The bodies of the `POST /responses` the fake received, in order."""
    return [e.json for e in fake.journal if e.method == "POST"]


def upgrades(fake: FakeOpenAI) -> list[int | None]:
    """The statuses of the WebSocket upgrades the fake refused."""
    return [e.status for e in fake.journal if e.method == "GET" and e.http_version == "ws"]


def records(caplog: pytest.LogCaptureFixture, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "openai_oxide" and text in r.getMessage()]


_ID = re.compile(r"^(resp|msg|fc|call|rs)_[0-9a-zA-Z]+$")


class Normalizer:
    """Ids become placeholders in order of appearance, times become 0: two runs of the same
    conversation compare equal."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, value: Any) -> Any:
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        if isinstance(value, dict):
            return {
                k: 0 if k in ("created_at", "completed_at") else self(v) for k, v in value.items()
            }
        if isinstance(value, list):
            return [self(v) for v in value]
        if isinstance(value, str) and _ID.match(value):
            return self.ids.setdefault(value, f"<id{len(self.ids)}>")
        return value


async def two_turns(client: AsyncOpenAI, **session: Any) -> dict[str, Any]:
    """The same chained conversation, whatever carries it: a turn, then a streamed turn."""
    norm = Normalizer()
    async with client.ws_session(defaults={"model": "gpt-5"}, **session) as ws:
        first = await ws.send(input="Hello there")
        events = [norm(e) async for e in ws.send_stream(input="And again")]
        mode = ws.http_fallback
    return {"first": norm(first), "events": events, "http_fallback": mode, "first_id": first.id}


async def test_the_same_conversation_gives_the_same_transcript_over_http(
    fake: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    over_ws = await two_turns(client)
    assert upgrades(fake) == [] and posts(fake) == []
    fake.reset()
    fake.configure(websocket=False)
    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        over_http = await two_turns(client)
    assert over_ws.pop("http_fallback") is False and over_http.pop("http_fallback") is True
    over_ws.pop("first_id")
    first_id = over_http.pop("first_id")
    assert over_http == over_ws  # every typed event and the typed Response, field by field
    types = [e["type"] for e in over_http["events"]]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    chained_to = over_http["events"][-1]["response"]["previous_response_id"]
    assert chained_to == over_http["first"]["id"]
    # one refused upgrade, then HTTP streaming chained by previous_response_id
    assert upgrades(fake) == [404]
    first, second = posts(fake)
    assert first == {"model": "gpt-5", "input": "Hello there", "stream": True}
    assert second["input"] == "And again" and second["stream"] is True
    assert second["previous_response_id"] == first_id
    (warning,) = records(caplog, FALLBACK_LOG)
    assert warning.levelno == logging.WARNING
    assert "HTTP 404" in warning.getMessage() and "fallback=False" in warning.getMessage()
    assert API_KEY not in caplog.text


async def test_fallback_is_logged_once_per_session(
    no_ws: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
            await ws.send(input="one")
            no_ws.inject(Fault(match="/v1/responses", drop_after_events=2))
            with pytest.raises(WebSocketDisconnectedError):
                await ws.send(input="two")  # the emulated connection drops...
            third = await ws.send(input="three")  # ...and is opened again, over HTTP
            assert ws.connections == 2
    assert third.status == "completed"
    assert len(records(caplog, FALLBACK_LOG)) == 1
    assert upgrades(no_ws) == [404]  # the WebSocket is not tried again


async def test_store_false_resends_the_whole_conversation(
    no_ws: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5", "store": False}) as ws:
        first = await ws.send(input="Remember: 42")
        second = await ws.send(input="What did I say?")
    assert "What did I say?" in second.output_text
    one, two = posts(no_ws)
    assert one["input"] == "Remember: 42"
    assert "previous_response_id" not in two  # the server did not store `first`
    assert [item.get("role") for item in two["input"]] == ["user", "assistant", "user"]
    assert two["input"][1]["id"] == first.output[0].id
    assert [e.status for e in no_ws.journal if e.method == "POST"] == [200, 200]


async def test_a_stateless_server_switches_to_full_context_for_good(
    no_ws: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    no_ws.configure(stateless=True)
    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
            await ws.send(input="one")
            second = await ws.send(input="two")
            third = await ws.send(input="three")
    assert "three" in third.output_text and second.previous_response_id is None
    statuses = [e.status for e in no_ws.journal if e.method == "POST"]
    assert statuses == [200, 400, 200, 200]  # one miss, then never chained by id again
    bodies = posts(no_ws)
    assert bodies[1]["previous_response_id"] and bodies[1]["input"] == "two"
    assert "previous_response_id" not in bodies[2] and len(bodies[2]["input"]) == 3
    assert "previous_response_id" not in bodies[3] and len(bodies[3]["input"]) == 5
    (info,) = records(caplog, STATELESS_LOG)
    assert info.levelno == logging.INFO


async def test_an_unknown_previous_id_does_not_make_the_server_stateless(
    no_ws: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
            with pytest.raises(PreviousResponseNotFoundError) as info:
                await ws.send(input="hi", previous_response_id="resp_from_elsewhere")
            assert info.value.status_code == 400 and info.value.request_id is not None
            first = await ws.send(input="one")
            await ws.send(input="two")
    assert posts(no_ws)[-1]["previous_response_id"] == first.id  # still chained by id
    assert records(caplog, STATELESS_LOG) == []


async def test_fallback_false_raises_the_connection_error(
    no_ws: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        ws = client.ws_session(defaults={"model": "gpt-5"}, fallback=False)
        with pytest.raises(APIConnectionError, match="404") as info:
            await ws.connect()
        assert not isinstance(info.value, WebSocketDisconnectedError)
        await ws.close()
        with pytest.raises(APIConnectionError, match="404"):
            await client.responses.connect(fallback=False).enter()
    assert posts(no_ws) == [] and records(caplog, FALLBACK_LOG) == []
    assert upgrades(no_ws) == [404, 404]  # a 404 is not retried


async def test_401_on_the_upgrade_is_an_error_not_a_fallback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with FakeOpenAI(api_key="sk-the-right-one") as fake:
        async with AsyncOpenAI(api_key="sk-wrong-key-123", base_url=fake.url) as client:
            with caplog.at_level(logging.INFO, logger="openai_oxide"):
                ws = client.ws_session(defaults={"model": "gpt-5"})
                with pytest.raises(APIConnectionError, match="401"):
                    await ws.send(input="hi")
                await ws.close()
                assert not ws.http_fallback
                with pytest.raises(APIConnectionError, match="401"):
                    await client.responses.connect().enter()  # not retried either
        assert [e.method for e in fake.journal] == []  # no HTTP request was made
    assert records(caplog, FALLBACK_LOG) == []


class _OpaqueWebSocket(NativeTransport):
    """What Pyodide's transport gives for a refused upgrade: a failure with no status."""

    async def connect_ws(self, *args: Any, **kwargs: Any) -> Any:
        raise APIConnectionError("WebSocket connection failed: code 1006")


async def test_a_failure_before_opening_falls_back_and_http_tells_about_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Under Pyodide the status of a refused upgrade is invisible, so a WebSocket that fails
    # before opening falls back; a bad key then gets its 401 from the HTTP request.
    async with FakeOpenAI(api_key="sk-the-right-one") as fake:
        for key, works in (("sk-the-right-one", True), ("sk-wrong-key-123", False)):
            client = AsyncOpenAI(api_key=key, base_url=fake.url, transport=_OpaqueWebSocket())
            with caplog.at_level(logging.INFO, logger="openai_oxide"):
                async with client, client.ws_session(defaults={"model": "gpt-5"}) as ws:
                    if works:
                        assert (await ws.send(input="hi")).status == "completed"
                    else:
                        with pytest.raises(WebSocketSessionError) as info:
                            await ws.send(input="hi")
                        assert info.value.status_code == 401
                        assert info.value.code == "invalid_api_key"
                        assert info.value.request_id == fake.journal[-1].request_id
                    assert ws.http_fallback
        assert [e.status for e in fake.journal] == [200, 401]
    logged = records(caplog, FALLBACK_LOG)
    assert len(logged) == 2 and "failed before opening" in logged[0].getMessage()
    assert "sk-wrong" not in caplog.text and "sk-the-right" not in caplog.text


async def test_a_bare_403_falls_back(fake: FakeOpenAI, caplog: pytest.LogCaptureFixture) -> None:
    # An ASGI server answers an upgrade to a route without a WebSocket with a bare 403 (the
    # fake does for any path but /v1/responses); the HTTP side then answers for itself.
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url + "/other") as client:
        with caplog.at_level(logging.INFO, logger="openai_oxide"):
            async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
                with pytest.raises(WebSocketSessionError) as info:
                    await ws.send(input="hi")
                assert ws.http_fallback
    assert info.value.status_code == 404 and info.value.request_id is not None
    assert "HTTP 403" in records(caplog, FALLBACK_LOG)[0].getMessage()
    assert [e.path for e in fake.journal] == ["/v1/other/responses"]


async def test_an_http_error_is_the_websocket_error_event(
    no_ws: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session() as ws:
        events: list[Any] = []
        with pytest.raises(WebSocketSessionError) as info:
            async for event in ws.send_stream(input="no model"):
                events.append(event)
        assert [e.type for e in events] == ["error"]
        assert info.value.status_code == 400 and info.value.code == "missing_required_parameter"
        assert info.value.request_id == no_ws.journal[-1].request_id
        assert (await ws.send(model="gpt-5", input="fine")).status == "completed"


async def test_a_drop_mid_turn_is_not_resent(no_ws: FakeOpenAI, client: AsyncOpenAI) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        await ws.send(input="one")
        no_ws.inject(Fault(match="/v1/responses", drop_after_events=4))
        seen: list[str] = []
        with pytest.raises(WebSocketDisconnectedError, match="not resent"):
            async for event in ws.send_stream(input="two"):
                seen.append(event.type)
        assert len(seen) == 4
        assert (await ws.send(input="three")).status == "completed"
    assert [b["input"] for b in posts(no_ws)] == ["one", "two", "three"]


async def test_warmup_sends_nothing_and_the_next_turn_carries_it(
    no_ws: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        warm = await ws.warmup(instructions="Be brief.", input="Context: the sky is blue.")
        assert posts(no_ws) == []  # generate: false has no HTTP equivalent
        answer = await ws.send(input="What color is the sky?")
        after = await ws.send(input="Thanks")
    assert warm.status == "completed" and warm.output == [] and warm.id
    assert warm.id.startswith("resp_local_") and warm.instructions == "Be brief."
    first, second = posts(no_ws)
    assert first["instructions"] == "Be brief."  # the warmup's parameters...
    assert [i["content"] for i in first["input"]] == [  # ...and its input, before the turn's
        "Context: the sky is blue.",
        "What color is the sky?",
    ]
    assert "previous_response_id" not in first and "generate" not in first
    # the turn after is chained to a stored response as usual, without the warmup's params
    assert second["previous_response_id"] == answer.id and "instructions" not in second
    assert after.previous_response_id == answer.id


async def test_concurrent_sends_and_lanes_over_http(no_ws: FakeOpenAI, client: AsyncOpenAI) -> None:
    no_ws.inject(Fault(match="/v1/responses", delay_between_events=0.01))
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        slow, fast = await asyncio.gather(
            ws.send(input="slow lane", stream_id="a"), ws.send(input="fast lane", stream_id="b")
        )
        queued = await asyncio.gather(*(ws.send(input=f"turn {i}") for i in range(3)))
        follow_a = await ws.send(input="a again", stream_id="a")
        events = [e async for e in ws.send_stream(input="b again", stream_id="b")]
    assert "slow lane" in slow.output_text and "fast lane" in fast.output_text
    assert follow_a.previous_response_id == slow.id
    assert events[-1].response.previous_response_id == fast.id  # type: ignore[union-attr]
    assert {getattr(e, "stream_id", None) for e in events} == {"b"}  # echoed, as the server does
    for before, after in itertools.pairwise(queued):
        assert after.previous_response_id == before.id  # FIFO on the default lane
    assert all("stream_id" not in b for b in posts(no_ws))  # not an HTTP parameter


async def test_official_connect_shape_over_http(
    no_ws: FakeOpenAI, client: AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    async def turn(connection: Any, **params: Any) -> list[Any]:
        await connection.response.create(model="gpt-5", **params)
        events: list[Any] = []
        async for event in connection:
            events.append(event)
            if event.type in ("response.completed", "error"):
                return events
        raise AssertionError("the connection ended")

    with caplog.at_level(logging.INFO, logger="openai_oxide"):
        async with client.responses.connect() as connection:
            first = await turn(connection, input="Say hello.", store=False)
            previous = first[-1].response.id
            second = await turn(connection, input="Again.", previous_response_id=previous)
            await connection.send({"type": "response.cancel"})
            refused = await connection.recv()
    http = [
        e.type
        async for e in await client.responses.create(model="gpt-5", input="Say hello.", stream=True)
    ]
    assert [e.type for e in first] == http
    assert second[-1].type == "response.completed"
    # the server did not store `first` (store: false): the connection sent the context
    body = posts(no_ws)[1]
    assert "previous_response_id" not in body
    assert [i.get("role") for i in body["input"]] == ["user", "assistant", "user"]
    assert refused.type == "error" and "Unsupported event type" in refused.error.message  # type: ignore[union-attr]
    assert len(records(caplog, FALLBACK_LOG)) == 1
