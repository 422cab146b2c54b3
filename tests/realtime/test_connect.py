"""`client.realtime.connect()` against the fake's Realtime endpoint: the official shape
(sub-resources, `recv`, iteration), typed events, the handshake's credentials, the sync
client and the `beta.realtime` alias, the audio buffer and errors, function calls handed
over early and the tool loop."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI, OpenAI, OpenAIError
from openai_oxide.lib.realtime import RealtimeFunctionCalls, realtime_tool_params
from openai_oxide.lib.realtime.connection import AsyncRealtimeConnection
from openai_oxide.lib.tools import UnknownToolError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.realtime import CANNED_TRANSCRIPT

MODEL = "gpt-realtime"
USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi there"}]}


def get_weather(city: str) -> str:
    """The weather in a city.

    Args:
        city: The city.
    """
    return f"Sunny in {city}"


async def _until_done(conn: AsyncRealtimeConnection) -> list[Any]:
    events = []
    async for event in conn:
        events.append(event)
        if event.type == "response.done":
            return events
    raise AssertionError("the connection ended before response.done")


async def test_text_turn(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        created = await conn.recv()
        assert type(created).__name__ == "SessionCreatedEvent"
        assert created.session.model == MODEL
        await conn.session.update(session={"type": "realtime", "instructions": "be brief"})
        updated = await conn.recv()
        assert updated.type == "session.updated" and updated.session.instructions == "be brief"
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        events = await _until_done(conn)
    kinds = [e.type for e in events]
    assert kinds[:2] == ["conversation.item.added", "conversation.item.done"]
    assert kinds.index("response.created") < kinds.index("response.output_text.delta")
    text = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert "Hi there" in text
    done = events[-1]
    assert type(done).__name__ == "ResponseDoneEvent" and done.response.status == "completed"
    assert done.response.output[0].content[0].text == text
    assert done.response.usage.output_tokens > 0
    sent = [e for e in fake.journal if e.path == "/v1/realtime"]
    assert [e.json["type"] for e in sent] == [
        "session.update",
        "conversation.item.create",
        "response.create",
    ]
    assert sent[0].headers["authorization"] == "Bearer test-key"


async def test_subprotocol_credentials(fake: FakeOpenAI) -> None:
    """How a page authenticates (it cannot set headers): the `realtime` subprotocol and the
    ephemeral secret as `openai-insecure-api-key.<secret>`, no Authorization header."""
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(
        model=MODEL, auth="subprotocol", client_secret="ek_test_secret"
    ) as conn:
        await conn.recv()
        await conn.response.cancel()
        error = await conn.recv()
    assert error.type == "error" and error.error.code == "response_cancel_not_active"
    entry = next(e for e in fake.journal if e.path == "/v1/realtime")
    assert "authorization" not in entry.headers
    offered = entry.headers["sec-websocket-protocol"]
    assert offered.split(", ") == ["realtime", "openai-insecure-api-key.ek_test_secret"]


async def test_a_minted_secret_opens_a_session_on_a_fake_that_checks_keys() -> None:
    """The fake's client secrets are usable subprotocol tokens (ASCII `ek_...`) that it then
    accepts in place of the key on /v1/realtime only; a secret it never minted is refused."""
    fake = FakeOpenAI(api_key="sk-server")
    with fake.running_in_thread():
        server = AsyncOpenAI(api_key="sk-server", base_url=fake.url)
        secret = await server.realtime.client_secrets.create(
            session={"type": "realtime", "model": MODEL}
        )
        assert secret.value.isascii() and secret.value.startswith("ek_")
        page = AsyncOpenAI(api_key=secret.value, base_url=fake.url)
        async with page.realtime.connect(
            model=MODEL, auth="subprotocol", client_secret=secret.value
        ) as conn:
            assert (await conn.recv()).type == "session.created"
        with pytest.raises(OpenAIError, match="401"):
            async with page.realtime.connect(
                model=MODEL, auth="subprotocol", client_secret="ek_forged"
            ):
                pass
        await server.close()
        await page.close()


def test_a_secret_key_is_refused_in_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai_oxide.lib.realtime import handshake

    client = AsyncOpenAI(api_key="test-key", base_url="http://127.0.0.1:9/v1")
    monkeypatch.setattr("openai_oxide._browser_key.in_browser", lambda: True)
    with pytest.raises(OpenAIError, match="ephemeral key"):
        handshake.realtime_handshake(
            client, auth="subprotocol", client_secret="sk-real", extra_headers={}
        )
    _, protocols = handshake.realtime_handshake(
        client, auth="subprotocol", client_secret="ek_1", extra_headers={}
    )
    assert protocols == ["realtime", "openai-insecure-api-key.ek_1"]


def test_sync_client_and_beta_alias(fake: FakeOpenAI) -> None:
    client = OpenAI(api_key="test-key", base_url=fake.url)
    with client.beta.realtime.connect(model=MODEL) as conn:
        assert conn.recv().type == "session.created"
        conn.conversation.item.create(item=USER)
        conn.response.create()
        deltas = []
        for event in conn:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
            if event.type == "response.done":
                break
    assert "Hi there" in "".join(deltas)


async def test_audio_buffer_and_transcript(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.input_audio_buffer.commit()  # nothing appended yet
        empty = await conn.recv()
        audio = base64.b64encode(b"\x00\x01" * 2400).decode()
        await conn.input_audio_buffer.append(audio=audio)
        await conn.input_audio_buffer.commit()
        events = [await conn.recv() for _ in range(3 + len(CANNED_TRANSCRIPT.split()) + 1)]
    assert empty.type == "error" and empty.error.code == "input_audio_buffer_commit_empty"
    assert events[0].type == "input_audio_buffer.committed"
    deltas = [e.delta for e in events if e.type.endswith("transcription.delta")]
    assert "".join(deltas) == CANNED_TRANSCRIPT
    completed = events[-1]
    assert type(completed).__name__ == "ConversationItemInputAudioTranscriptionCompletedEvent"
    assert completed.transcript == CANNED_TRANSCRIPT and completed.item_id == events[0].item_id


async def test_error_events_and_unknown_events(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.send({"type": "no.such.event", "event_id": "evt_1"})
        error = await conn.recv()
        # an event this SDK does not know is kept whole
        unknown = conn.parse_event(b'{"type":"brand.new","event_id":"e","x":1}')
    assert type(error).__name__ == "RealtimeErrorEvent"
    assert (error.error.code, error.error.event_id) == ("invalid_value", "evt_1")
    assert unknown.to_dict() == {"type": "brand.new", "event_id": "e", "x": 1}


async def test_function_call_handed_over_before_the_response_ends(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        tools = realtime_tool_params([get_weather])
        await conn.session.update(session={"type": "realtime", "tools": tools})
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        calls = RealtimeFunctionCalls()
        seen: list[tuple[str, Any]] = []
        async for event in conn:
            seen.append(("event", event.type))
            seen += [("call", call) for call in calls.feed(event)]
            if event.type == "response.done":
                break
    call_at = next(i for i, (kind, _) in enumerate(seen) if kind == "call")
    call = seen[call_at][1]
    assert seen[call_at - 1] == ("event", "response.function_call_arguments.done")
    assert call_at < seen.index(("event", "response.done"))
    assert call.name == "get_weather" and isinstance(call.arguments["city"], str)
    assert [kind for kind, _ in seen].count("call") == 1


async def test_run_tools_sends_outputs_and_asks_again(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        tools = realtime_tool_params([get_weather])
        await conn.session.update(session={"type": "realtime", "tools": tools})
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        events = [e async for e in conn.run_tools([get_weather])]
    dones = [e for e in events if e.type == "response.done"]
    assert [d.response.output[0].type for d in dones] == ["function_call", "message"]
    final = dones[-1].response.output[0].content[0].text
    assert "Sunny in" in final  # the fake quotes the tool's output
    sent = [e.json for e in fake.journal if e.path == "/v1/realtime"]
    output = next(
        m
        for m in sent
        if m["type"] == "conversation.item.create" and m["item"]["type"] == "function_call_output"
    )
    assert output["item"]["call_id"] == dones[0].response.output[0].call_id
    assert sent[-1]["type"] == "response.create"


async def test_run_tools_unknown_tool_is_typed(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)

    def other(x: int) -> int:
        return x

    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.session.update(
            session={"type": "realtime", "tools": realtime_tool_params([get_weather])}
        )
        await conn.response.create()
        with pytest.raises(UnknownToolError):
            async for _ in conn.run_tools([other]):
                pass


async def test_concurrent_response_and_cancel(fake: FakeOpenAI) -> None:
    from openai_oxide.testing import Fault

    fake.inject(Fault(match="ws:/v1/realtime", delay_between_events=0.05))
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    async with client.realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.response.create()
        assert (await conn.recv()).type == "response.created"
        await conn.response.create()
        busy = await conn.recv()
        await conn.response.cancel()
        kinds = []
        while (event := await asyncio.wait_for(conn.recv(), 10)).type != "response.done":
            kinds.append(event.type)
    assert busy.type == "error" and busy.error.code == "conversation_already_has_active_response"
    assert event.response.status == "cancelled"


async def test_send_refuses_what_is_not_an_event(fake: FakeOpenAI) -> None:
    from openai_oxide.types.realtime import ResponseCreateEvent

    async with AsyncOpenAI(api_key="test-key", base_url=fake.url).realtime.connect(
        model=MODEL
    ) as conn:
        await conn.recv()
        with pytest.raises(TypeError, match="not list"):
            await conn.send(["response.create"])
        await conn.send(ResponseCreateEvent(type="response.create"))  # a model is sent as JSON
        assert (await conn.recv()).type == "response.created"
