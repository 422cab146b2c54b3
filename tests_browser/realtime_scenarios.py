"""Realtime API scenarios (`client.realtime.connect()`), run on every target like the others.

Natively the connection authenticates with a header, under Pyodide with the subprotocols
`realtime` + `openai-insecure-api-key.<key>` (a page cannot set headers); the transcripts
keep only whether a credential went out, so they must still be equal. Server event ids and
item ids differ from run to run: the transcripts keep event types, texts, names and codes.
"""

from __future__ import annotations

import base64
import hashlib
import math
from array import array
from typing import Any

from fake_control import journal, queue_faults, record_error, reset, settings, transcript
from scenarios import client

from openai_oxide import APIError, OpenAIError, WebSocketDisconnectedError, WebSocketQueueFullError
from openai_oxide.lib.realtime import RealtimeFunctionCalls, realtime_tool_params

MODEL = "gpt-realtime"
USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi there"}]}
SESSION = {"type": "realtime", "instructions": "Be brief.", "output_modalities": ["text"]}


def get_weather(city: str) -> str:
    """The weather in a city.

    Args:
        city: The city.
    """
    return f"Sunny in {city}"


async def _sent(base_url: str) -> tuple[list[str], int, bool]:
    """The client events the fake received (types), over how many sockets, and whether each
    socket carried a credential (a header natively, a subprotocol in Pyodide)."""
    entries = [e for e in await journal(base_url) if e["path"] == "/v1/realtime"]
    sockets = {e["request_id"] for e in entries}
    credential = all(
        "authorization" in e["headers"]
        or "openai-insecure-api-key." in e["headers"].get("sec-websocket-protocol", "")
        for e in entries
    )
    return [e["json"]["type"] for e in entries], len(sockets), credential


async def _turn(conn: Any, calls: RealtimeFunctionCalls | None = None) -> dict[str, Any]:
    """One response's events until `response.done`, summarised."""
    kinds: list[str] = []
    handed: list[dict[str, Any]] = []
    async for event in conn:
        kinds.append(event.type)
        for call in calls.feed(event) if calls is not None else ():
            handed.append({"name": call.name, "arguments": call.arguments, "at": len(kinds)})
        if event.type == "response.done":
            break
    done = event.response
    out = done.output[0]
    return {
        "events": kinds,
        "status": done.status,
        "output": out.type,
        "text": out.content[0].text if out.type == "message" else None,
        "calls": handed,
        "usage_positive": bool(done.usage and done.usage.total_tokens > 0),
    }


async def realtime_text_turn(base_url: str) -> dict[str, Any]:
    """session.update, a user message, response.create: typed events through response.done."""
    await reset(base_url)
    result = transcript()
    async with client(base_url).realtime.connect(model=MODEL) as conn:
        created = await conn.recv()
        result["first"] = [type(created).__name__, created.session.model]
        await conn.session.update(session=SESSION)
        updated = await conn.recv()
        result["updated"] = [type(updated).__name__, updated.session.instructions]
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        result["final"] = await _turn(conn)
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


async def realtime_function_call(base_url: str) -> dict[str, Any]:
    """A function call handed over at its arguments' done event, then `run_tools` answers it."""
    await reset(base_url)
    result = transcript()
    async with client(base_url).realtime.connect(model=MODEL) as conn:
        await conn.recv()
        tools = realtime_tool_params([get_weather])
        await conn.session.update(session={**SESSION, "tools": tools})
        await conn.recv()
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        result["early"] = await _turn(conn, RealtimeFunctionCalls())
        # the tool loop: the model calls again, and this time the tool answers
        await conn.response.create()
        summary: list[str] = []
        async for event in conn.run_tools([get_weather]):
            summary.append(event.type)
            if event.type == "response.done":
                last = event.response.output[0]
                summary.append(last.type)
        result["final"] = {"run_tools": summary, "text": last.content[0].text}
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


async def realtime_error_event(base_url: str) -> dict[str, Any]:
    """Error events are events (typed), the connection goes on: an unknown client event, an
    empty audio commit; then audio with its canned transcript."""
    await reset(base_url)
    result = transcript()
    async with client(base_url).realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.send({"type": "no.such.event", "event_id": "evt_1"})
        unknown = await conn.recv()
        await conn.input_audio_buffer.commit()
        empty = await conn.recv()
        result["errors"] = [
            [type(e).__name__, e.error.type, e.error.code, e.error.event_id]
            for e in (unknown, empty)
        ]
        await conn.input_audio_buffer.append(audio="AAECAwQFBgc=")
        await conn.input_audio_buffer.commit()
        kinds: list[str] = []
        while True:
            event = await conn.recv()
            kinds.append(event.type)
            if event.type.endswith("transcription.completed"):
                break
        result["events"] = kinds
        result["final"] = event.transcript
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


async def realtime_drop(base_url: str) -> dict[str, Any]:
    """The connection drops mid-response: a typed error naming the response, a reconnection
    (`on_reconnecting`) that sends the session again, and the next turn works."""
    await reset(base_url)
    result = transcript()
    attempts: list[list[int]] = []

    def on_reconnecting(event: Any) -> None:
        attempts.append([event.attempt, event.close_code, event.max_attempts])

    manager = client(base_url).realtime.connect(
        model=MODEL, on_reconnecting=on_reconnecting, initial_delay=0.01, max_delay=0.02
    )
    async with manager as conn:
        await conn.recv()
        await conn.session.update(session=SESSION)
        await conn.recv()
        await queue_faults(base_url, [{"match": "ws:/v1/realtime", "drop_after_events": 4}])
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        seen: list[str] = []
        try:
            async for event in conn:
                seen.append(event.type)
        except WebSocketDisconnectedError as exc:
            record_error(result, exc)
            result["response_id_present"] = bool(exc.response_id)
            result["reconnected_in_message"] = "reconnected" in str(exc)
        result["events"] = seen
        again = [await conn.recv(), await conn.recv()]
        result["after"] = [e.type for e in again] + [again[1].session.instructions]
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        result["final"] = await _turn(conn)
    result["attempts"] = attempts
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


async def realtime_handlers(base_url: str) -> dict[str, Any]:
    """The push-style API: events queued on the manager before it opens go out first, a
    handler registered there starts the turn, `on` (decorator), `once`, `off` and the
    `"event"` wildcard, `dispatch_events()` until a handler closes the connection; then an
    `error` event that no handler takes ends `dispatch_events()` with OpenAIError."""
    await reset(base_url)
    result = transcript()
    calls: list[str] = []
    manager = client(base_url).realtime.connect(model=MODEL, max_queue_size=200)
    manager.send({"type": "session.update", "session": SESSION})
    try:
        manager.send({"type": "conversation.item.create", "item": USER, "pad": "x" * 200})
    except WebSocketQueueFullError as exc:
        result["queue_full"] = type(exc).__name__

    @manager.on("session.updated")
    async def start(event: Any) -> None:
        calls.append(f"start:{event.session.instructions}")
        await conn.conversation.item.create(item=USER)
        await conn.response.create()

    async with manager as conn:
        conn.once("event", lambda event: calls.append(f"first:{event.type}"))
        conn.on("response.done", calls.append).off("response.done", calls.append)

        @conn.on("response.output_text.delta")
        def delta(event: Any) -> None:
            calls.append("delta")

        @conn.on("response.done")
        async def done(event: Any) -> None:
            calls.append(f"done:{event.response.status}")
            await conn.close()

        await conn.dispatch_events()
    result["events"] = [c for i, c in enumerate(calls) if c != "delta" or calls[i - 1] != "delta"]
    async with client(base_url).realtime.connect(model=MODEL) as conn:
        await conn.send({"type": "no.such.event"})
        try:
            await conn.dispatch_events()
        except OpenAIError as exc:
            record_error(result, exc)
            result["error_names_event"] = "no.such.event" in str(exc)
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


async def realtime_refused(base_url: str) -> dict[str, Any]:
    """A refused handshake (the fake answers the upgrade with 404): natively and on Node the
    HTTP status's error (`NotFoundError`; the request id natively only, so not kept here);
    a page's WebSocket shows no status (`http_scenarios.IN_A_PAGE`)."""
    await reset(base_url)
    result = transcript()
    await settings(base_url, {"websocket": False})
    try:
        async with client(base_url).realtime.connect(model=MODEL):
            result["final"] = "opened"
    except APIError as exc:
        record_error(result, exc)
        result["error_status"] = getattr(exc, "status_code", None)
        result["status_in_message"] = "404" in str(exc)
    del result["error_request_id_present"]
    await reset(base_url)
    return result


async def realtime_translation(base_url: str) -> dict[str, Any]:
    """`client.realtime.translations.connect(model)`: a queued session.update, audio in,
    typed translation events out until `session.close` ends the connection; a custom
    subprotocol from `websocket_connection_options` is offered on every target."""
    await reset(base_url)
    result = transcript()
    manager = client(base_url).realtime.translations.connect(
        "gpt-realtime-translate", websocket_connection_options={"subprotocols": ["oxide-test"]}
    )
    transcribe = {"audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}}}}
    manager.send({"type": "session.update", "session": transcribe})
    async with manager as conn:
        result["first"] = type(await conn.recv()).__name__
        for _ in range(2):
            await conn.session.input_audio_buffer.append(audio="AAECAwQFBgc=")
        await conn.session.close()
        events = [event async for event in conn]
    result["events"] = [type(e).__name__ for e in events]
    result["final"] = "".join(
        e.delta for e in events if e.type == "session.output_transcript.delta"
    )
    entries = [e for e in await journal(base_url) if e["path"] == "/v1/realtime/translations"]
    result["messages"] = [e["json"]["type"] for e in entries]
    result["requests"] = len(entries)
    result["offered_custom"] = all(
        "oxide-test" in e["headers"].get("sec-websocket-protocol", "") for e in entries
    )
    return result


def _utterance() -> bytes:
    """PCM16 24 kHz: 300 ms of silence, 400 ms of a loud sine, 400 ms of silence."""
    speech = array("h", (int(8000 * math.sin(i / 5)) for i in range(24 * 400)))
    silence = bytes(2 * 24 * 300)
    return silence + speech.tobytes() + silence + bytes(2 * 24 * 100)


async def realtime_voice_turn(base_url: str) -> dict[str, Any]:
    """Server voice detection and a spoken answer: appended audio is heard (speech started,
    stopped, committed, transcribed), answered without `response.create`, with audio deltas
    and their transcript."""
    await reset(base_url)
    result = transcript()
    detection = {"type": "server_vad", "silence_duration_ms": 200, "prefix_padding_ms": 100}
    session = {
        "type": "realtime",
        "output_modalities": ["audio"],
        "audio": {"input": {"turn_detection": detection}},
    }
    async with client(base_url).realtime.connect(model=MODEL) as conn:
        await conn.recv()
        await conn.session.update(session=session)
        updated = await conn.recv()
        reported = updated.session.audio.input.turn_detection
        result["detection"] = [reported.type, reported.threshold, reported.create_response]
        audio = _utterance()
        for start in range(0, len(audio), 4800):
            chunk = base64.b64encode(audio[start : start + 4800]).decode()
            await conn.input_audio_buffer.append(audio=chunk)
        events: list[Any] = []
        async for event in conn:
            events.append(event)
            if event.type == "response.done":
                break
    started, stopped = events[0], events[1]
    result["events"] = [e.type for e in events]
    result["speech_ms"] = [started.audio_start_ms, stopped.audio_end_ms]
    result["one_item"] = started.item_id == stopped.item_id == events[2].item_id
    spoken = b"".join(
        base64.b64decode(e.delta) for e in events if e.type == "response.output_audio.delta"
    )
    result["audio"] = [len(spoken), hashlib.sha256(spoken).hexdigest()[:16]]
    done = events[-1].response
    part = done.output[0].content[0]
    result["final"] = {
        "status": done.status,
        "modalities": done.output_modalities,
        "part": [part.type, part.transcript],
        "transcript": "".join(
            e.delta for e in events if e.type == "response.output_audio_transcript.delta"
        ),
        "audio_tokens": done.usage.output_token_details.audio_tokens,
    }
    result["messages"], result["sockets"], result["credential"] = await _sent(base_url)
    result["requests"] = len(result["messages"])
    return result


SCENARIOS = {
    f.__name__: f
    for f in (
        realtime_translation,
        realtime_text_turn,
        realtime_function_call,
        realtime_error_event,
        realtime_drop,
        realtime_voice_turn,
        realtime_handlers,
        realtime_refused,
    )
}
