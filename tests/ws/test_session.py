"""`client.ws_session()` end to end against the fake's WebSocket mode."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    ConnectionLimitReachedError,
    PreviousResponseNotFoundError,
    WebSocketDisconnectedError,
    WebSocketSessionError,
)
from openai_oxide.lib import function_tool, run_agent
from openai_oxide.lib.responses_stream import FunctionCall
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.testing.errors import error_body
from openai_oxide.types.responses import ResponseCompletedEvent, ResponseErrorEvent
from support import API_KEY

WS = "ws:"  # Fault.match for WebSocket turns only


def sent(fake: FakeOpenAI) -> list[dict[str, Any]]:
    """The `response.create` messages the fake received (or, over the HTTP fallback, the
    `POST /responses` bodies), in order."""
    return [e.json for e in fake.journal if e.method in ("WS", "POST")]


@pytest.fixture(params=["websocket", "http_fallback"])
def mode(request: pytest.FixtureRequest, fake: FakeOpenAI) -> str:
    """Run a test over the socket, then against a server without WebSocket mode."""
    fake.configure(websocket=request.param == "websocket")
    return str(request.param)


@pytest.fixture
async def client(fake: FakeOpenAI) -> Any:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=2) as c:
        yield c


async def test_two_chained_turns_send_only_the_new_input(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5", "store": False}) as ws:
        first = await ws.send(input="Hello there")
        second = await ws.send(input="And again")
        assert ws.last_response_id() == second.id
        history = ws.history()
    assert first.status == second.status == "completed"
    assert second.previous_response_id == first.id
    assert "And again" in second.output_text
    one, two = sent(fake)
    assert one == {
        "type": "response.create",
        "model": "gpt-5",
        "store": False,
        "input": "Hello there",
    }
    assert two == {
        "type": "response.create",
        "model": "gpt-5",
        "store": False,
        "input": "And again",
        "previous_response_id": first.id,
    }
    # the session keeps the whole conversation for a resend: inputs and outputs
    assert history is not None and len(history) == 4
    assert history[1]["id"] == first.output[0].id
    assert {e.request_id for e in fake.journal} == {fake.journal[0].request_id}  # one socket


async def test_streamed_turn_yields_typed_events_like_http(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        events = [e async for e in ws.send_stream(input="Stream this")]
        async with ws.stream(input="And this") as stream:
            streamed = [e async for e in stream]
            final = await stream.get_final_response()
    http = [
        e
        async for e in await client.responses.create(
            model="gpt-5", input="Stream this", stream=True
        )
    ]
    assert [e.type for e in events] == [e.type for e in http]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    completed = streamed[-1]
    assert isinstance(completed, ResponseCompletedEvent)
    assert final.model_dump() == completed.response.model_dump()
    assert final.output_text == completed.response.output_text != ""
    assert sent(fake)[1]["previous_response_id"] == events[-1].response.id  # type: ignore[union-attr]


async def test_warmup_prepares_without_output_and_the_next_turn_chains(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        warm = await ws.warmup(instructions="Be brief.", input="Context: the sky is blue.")
        answer = await ws.send(input="What color is the sky?")
    assert warm.output == [] and warm.status == "completed"
    assert answer.previous_response_id == warm.id and answer.output_text
    first, second = sent(fake)
    assert first["generate"] is False and first["instructions"] == "Be brief."
    assert second["previous_response_id"] == warm.id and "generate" not in second


async def test_cache_miss_is_resent_with_the_full_context(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5", "store": False}) as ws:
        first = await ws.send(input="Remember: 42")
        fake.inject(
            Fault(
                match=WS,
                status=400,
                body=error_body(
                    f"Previous response with id '{first.id}' not found.",
                    param="previous_response_id",
                    code="previous_response_not_found",
                ),
            )
        )
        second = await ws.send(input="What did I say?")
    assert second.status == "completed" and second.previous_response_id is None
    _, chained, resent = sent(fake)
    assert chained["previous_response_id"] == first.id and chained["input"] == "What did I say?"
    assert "previous_response_id" not in resent
    assert [item.get("role") for item in resent["input"]] == ["user", "assistant", "user"]
    assert resent["input"][0]["content"] == "Remember: 42"
    assert resent["input"][1]["id"] == first.output[0].id
    assert resent["input"][2]["content"] == "What did I say?"


async def test_unknown_previous_id_is_a_typed_error(client: AsyncOpenAI) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        with pytest.raises(PreviousResponseNotFoundError) as info:
            await ws.send(input="hi", previous_response_id="resp_nope")
        assert info.value.code == "previous_response_not_found"
        assert "whole conversation" in str(info.value)
        assert (await ws.send(input="still usable")).status == "completed"


async def test_drop_mid_response_raises_and_is_not_resent(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async with client.ws_session(defaults={"model": "gpt-5", "store": False}) as ws:
        first = await ws.send(input="one")
        fake.inject(Fault(match=WS, drop_after_events=4))
        seen: list[str] = []
        with pytest.raises(WebSocketDisconnectedError) as info:
            async for event in ws.send_stream(input="two"):
                seen.append(event.type)
        assert len(seen) == 4 and info.value.response_id is not None
        assert "not resent" in str(info.value)
        # the next send reconnects; the new connection does not know `first`, so the
        # session resends the context by itself
        third = await ws.send(input="three")
        assert ws.connections == 2
    assert third.status == "completed"
    messages = sent(fake)
    assert [m["input"] if isinstance(m["input"], str) else "full" for m in messages] == [
        "one",
        "two",
        "three",
        "full",
    ]  # "two" was sent once
    assert messages[2]["previous_response_id"] == first.id
    assert [i.get("content") for i in messages[3]["input"] if i.get("role") == "user"] == [
        "one",
        "three",
    ]
    sockets = [e.request_id for e in fake.journal]
    assert sockets[0] == sockets[1] != sockets[2] == sockets[3]


async def test_connection_limit_is_typed_and_the_session_reconnects(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    limit = error_body(
        "Responses websocket connection limit reached (60 minutes).",
        code="websocket_connection_limit_reached",
    )
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        await ws.send(input="one")
        fake.inject(Fault(match=WS, status=400, body=limit))
        with pytest.raises(ConnectionLimitReachedError) as info:
            await ws.send(input="two")
        assert info.value.status_code == 400
        assert "60 minutes" in str(info.value) and "new connection" in str(info.value)
        assert (await ws.send(input="three")).status == "completed"
        assert ws.connections == 2


async def test_connection_age_limit_of_the_fake(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake._app.ws_max_age = 0.0
    try:
        async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
            with pytest.raises(ConnectionLimitReachedError):
                await ws.send(input="late")
    finally:
        fake._app.ws_max_age = None


async def test_error_event_is_yielded_then_raised(client: AsyncOpenAI) -> None:
    async with client.ws_session() as ws:
        events: list[Any] = []
        with pytest.raises(WebSocketSessionError) as info:
            async for event in ws.send_stream(input="no model"):
                events.append(event)
        assert [type(e) for e in events] == [ResponseErrorEvent]
        assert info.value.code == "missing_required_parameter"
        assert (await ws.send(model="gpt-5", input="fine")).status == "completed"


async def test_concurrent_sends_are_queued_in_order(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.inject(Fault(match=WS, delay_between_events=0.002))
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        results = await asyncio.gather(*(ws.send(input=f"turn {i}") for i in range(4)))
    messages = sent(fake)
    assert [m["input"] for m in messages] == [f"turn {i}" for i in range(4)]
    for before, after, message in zip(results, results[1:], messages[1:], strict=False):
        assert message["previous_response_id"] == before.id
        assert after.previous_response_id == before.id


async def test_lanes_run_side_by_side_with_their_own_chains(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(match=WS, delay_between_events=0.01))
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        slow, fast = await asyncio.gather(
            ws.send(input="slow lane", stream_id="a"), ws.send(input="fast lane", stream_id="b")
        )
        follow_a = await ws.send(input="a again", stream_id="a")
        follow_b = await ws.send(input="b again", stream_id="b")
    assert "slow lane" in slow.output_text and "fast lane" in fast.output_text
    assert follow_a.previous_response_id == slow.id
    assert follow_b.previous_response_id == fast.id
    assert {m["stream_id"] for m in sent(fake)} == {"a", "b"}


@function_tool
def get_weather(city: str) -> dict[str, Any]:
    """Weather for a city."""
    return {"city": city, "temp_c": 21}


async def test_early_parsed_function_call_over_the_session(mode: str, client: AsyncOpenAI) -> None:
    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        assert ws.http_fallback is (mode == "http_fallback")
        fc = ws.create_stream_fc(input="weather in Paris?", tools=[get_weather])
        calls: list[Any] = []
        statuses: list[str | None] = []
        async for call in fc:
            calls.append(call)
            snapshot = fc._stream.current_snapshot() if fc._stream else None
            statuses.append(snapshot.status if snapshot else None)
        final = await fc.get_final_response()
    assert len(calls) == 1 and isinstance(calls[0], FunctionCall)
    assert calls[0].name == "get_weather" and isinstance(calls[0].arguments["city"], str)
    assert statuses == ["in_progress"]  # handed over before the response completed
    assert final.status == "completed" and final.output[0].type == "function_call"


async def test_run_agent_over_the_session(mode: str, fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    async with client.ws_session() as ws:
        result = await run_agent(ws, model="gpt-5", input="weather?", tools=[get_weather])
        assert ws.http_fallback is (mode == "http_fallback")
    assert result.turns == 2 and result.output_text
    _first, second = sent(fake)
    assert second["previous_response_id"] == result.response.previous_response_id
    assert [item["type"] for item in second["input"]] == ["function_call_output"]
    assert "21" in second["input"][0]["output"]
    if mode == "websocket":
        assert len({e.request_id for e in fake.journal}) == 1  # one socket


async def test_close_leaves_no_task_or_socket(
    mode: str, fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    before = asyncio.all_tasks()
    ws = client.ws_session(defaults={"model": "gpt-5"})
    await ws.connect()
    await ws.send(input="one")
    fake.inject(Fault(match="/v1/responses", stall_after_events=2))  # either mode
    pending = asyncio.ensure_future(ws.send(input="stalls"))
    queued = asyncio.ensure_future(ws.send(input="queued"))
    await asyncio.sleep(0.1)
    assert not pending.done() and not queued.done()
    await ws.close()
    with pytest.raises(WebSocketDisconnectedError):
        await pending
    with pytest.raises(WebSocketDisconnectedError):
        await queued
    await asyncio.sleep(0)
    assert asyncio.all_tasks() - before == set()
    assert not ws.connected and ws._reader is None and not ws._tasks
    with pytest.raises(Exception, match="closed"):
        await ws.send(input="after close")
    await ws.close()  # idempotent


async def test_subprotocol_auth_and_client_secret() -> None:
    async with FakeOpenAI(api_key="sk-only-this") as fake:
        client = AsyncOpenAI(api_key="sk-only-this", base_url=fake.url)
        async with client, client.ws_session(auth="subprotocol", subprotocols=["oxide"]) as ws:
            assert ws.subprotocol == "oxide"  # the credential is never echoed
            await ws.send(model="gpt-5", input="hi")
        entry = fake.journal[0]
        assert "authorization" not in entry.headers
        assert "openai-insecure-api-key.sk-only-this" in entry.headers["sec-websocket-protocol"]
        async with AsyncOpenAI(api_key="sk-long-lived", base_url=fake.url) as client:
            for auth in ("header", "subprotocol"):
                ws = client.ws_session(auth=auth, client_secret="sk-only-this")  # type: ignore[arg-type]
                async with ws:
                    await ws.send(model="gpt-5", input="with an ephemeral secret")
            wrong = client.ws_session(auth="subprotocol", max_reconnects=3)
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(APIConnectionError, match="401"):
                await wrong.connect()
            assert loop.time() - started < 0.3  # a refused credential is not retried
            await wrong.close()


async def test_official_connect_shape(client: AsyncOpenAI) -> None:
    async with client.responses.connect() as connection:
        await connection.response.create(model="gpt-5", input="Say hello.")
        types: list[str] = []
        async for event in connection:
            types.append(event.type)
            if event.type == "response.completed":
                break
    assert types[0] == "response.created" and types[-1] == "response.completed"


async def test_official_connect_arguments_retry_the_opening() -> None:
    from openai_oxide import APIConnectionError as ConnError

    client = AsyncOpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9/v1")
    manager = client.responses.connect(max_retries=2, initial_delay=0.01, max_delay=0.02)
    attempts = 0
    original = client._transport.connect_ws

    async def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal attempts
        attempts += 1
        return await original(*args, **kwargs)

    client._transport.connect_ws = counting  # type: ignore[method-assign]
    with pytest.raises(ConnError):
        await manager.__aenter__()
    assert attempts == 3
    await client.close()


async def test_a_malformed_message_fails_the_turn_with_a_stream_error(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide import StreamError

    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        fake.inject(Fault(match=WS, malformed_event_at=2))
        seen: list[str] = []
        with pytest.raises(StreamError, match="not JSON") as info:
            async for event in ws.send_stream(input="hello"):
                seen.append(event.type)
        assert seen == ["response.created", "response.in_progress"]
        assert info.value.status_code == 101
        # the rest of that response is dropped, and the session goes on
        assert (await ws.send(input="next")).status == "completed"


async def test_each_message_is_parsed_once(
    monkeypatch: pytest.MonkeyPatch, client: AsyncOpenAI
) -> None:
    """The core parses a message to route it and hands the value on: the accumulators of
    `ws.stream` and `ws.send` do not parse the text again (pydantic-core still validates
    the text into the typed event)."""
    from openai_oxide._core import codec

    parsed: list[Any] = []
    loads = codec.loads

    def counting(data: Any) -> Any:
        parsed.append(data)
        return loads(data)

    async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
        await ws.connect()
        monkeypatch.setattr(codec, "loads", counting)
        async with ws.stream(input="Stream this") as stream:
            events = [e async for e in stream]
        streamed = len(parsed)
        final = await ws.send(input="And this")
    assert final.status == "completed" and events[-1].type == "response.completed"
    assert streamed == len(events)  # once each, by the core
    assert len(parsed) > streamed + 2 and len(set(parsed)) == len(parsed)
