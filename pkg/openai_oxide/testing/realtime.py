"""The Realtime API of the fake (`ws://HOST/v1/realtime?model=...`): one connection is one
session, as on the real server.

The handshake is `ws.py`'s (the `Authorization` header, or for browsers the subprotocols
`realtime` and `openai-insecure-api-key.<secret>`); then `session.created` is sent and each
client event is journaled (method `"WS"`, path `/v1/realtime`) and answered:
- `session.update` merges the session and answers `session.updated` with all of it;
- `conversation.item.create` / `.retrieve` / `.delete` / `.truncate` keep the conversation;
- `input_audio_buffer.append` / `.commit` / `.clear`: a commit adds a user audio item and
  transcribes it to `CANNED_TRANSCRIPT` (one `...transcription.delta` per word, then
  `.completed`); an empty buffer is an `input_audio_buffer_commit_empty` error;
- `response.create` runs one response: a function call (arguments streamed as deltas, then
  `.done`) when function tools are declared (session or response) and the conversation does
  not end with a function output, else a text answer (`response.output_text.delta`s) that
  quotes the last user text or the tool's output; `response.done` ends it with usage.
  A second `response.create` while one runs is a `conversation_already_has_active_response`
  error; `response.cancel` ends the running one as `cancelled`.
- anything else (bad JSON, an unknown type) is an `error` event naming the client event.
`POST /v1/realtime/client_secrets` answers with an ASCII `ek_...` value (`mint_secret`),
which a fake started with `api_key=` then accepts in place of the key.
With `audio.input.turn_detection` set (`server_vad`, or `semantic_vad` treated alike), the
appended audio is listened to (realtime_audio.py): speech gives `input_audio_buffer.
speech_started`, then after the configured silence `speech_stopped`, the buffer is committed
as above and, unless `create_response` is false, a response runs (speech during a response
cancels it with reason `turn_detected`, unless `interrupt_response` is false). Without it,
commit and respond explicitly. With `output_modalities: ["audio"]` (session or response) an
answer is spoken: `response.output_audio_transcript.delta` and `response.output_audio.delta`
(PCM16 24 kHz) per word, an `output_audio` content part with its transcript.

Faults (`FakeOpenAI.inject`) are taken per `response.create` on the path
`ws:/v1/realtime`: `status`/`body` send an `error` event instead of the response;
`delay_before_headers`, `delay_between_events`, `drop_after_events` (the TCP connection is
shut down after N events of the response; with `ws_close_code`, a close frame of that code
instead), `stall_after_events` and `malformed_event_at` as for the Responses WebSocket.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import dataclasses
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs

import orjson

from .content import content_text, estimate_tokens, json_deltas, new_id, reply_text, text_deltas
from .delivery import Answer
from .errors import error_body
from .instances import function_arguments
from .journal import websocket_messages
from .realtime_audio import VoiceDetector, audio_content_events, turn_detection_defaults

if TYPE_CHECKING:
    from .delivery import SocketRegistry
    from .faults import Fault, FaultQueue
    from .journal import Journal
    from .latency import LatencyClock

__all__ = ["CANNED_TRANSCRIPT", "PATH", "serve_realtime"]

PATH = "/v1/realtime"
SECRETS_PATH = "/v1/realtime/client_secrets"
SECRET_TTL = 600  # seconds, the real server's default
FAULT_PATH = "ws:/v1/realtime"
CANNED_TRANSCRIPT = "What is the weather in Paris today?"
DEFAULT_MODEL = "gpt-realtime"


def mint_secret(answer: Answer, minted: set[str]) -> Answer:
    """The catalog's fuzzed client secret with a usable `value`: an ASCII `ek_` token (a
    subprotocol must be one) that the WebSocket handshake then accepts, and a real expiry."""
    if answer.status != 200:
        return answer
    secret = orjson.loads(answer.body)
    secret["value"] = new_id("ek_", 32)
    secret["expires_at"] = int(time.time()) + SECRET_TTL
    minted.add(secret["value"])
    return dataclasses.replace(answer, body=orjson.dumps(secret))


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class RealtimeHost(Protocol):
    """What a Realtime session needs of the app serving it (`FakeApp` is one)."""

    latency: LatencyClock
    journal: Journal
    faults: FaultQueue
    sockets: SocketRegistry


def _item(item: dict[str, Any]) -> dict[str, Any]:
    """A conversation item as the server echoes it: with an id, object and status."""
    out = {"id": item.get("id") or new_id("item_", 20), "object": "realtime.item", **item}
    out.setdefault("status", "completed")
    return out


class _Session:
    def __init__(self, app: RealtimeHost, scope: dict[str, Any], send: Send, conn_id: str):
        self.app = app
        self.scope = scope
        self.raw_send = send
        self.id = conn_id
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        self.config: dict[str, Any] = {
            "type": "realtime",
            "object": "realtime.session",
            "id": new_id("sess_", 20),
            "model": (query.get("model") or [DEFAULT_MODEL])[0],
            "output_modalities": ["text"],
            "instructions": "",
            "tools": [],
            "tool_choice": "auto",
            "max_output_tokens": "inf",
            "tracing": None,
            "prompt": None,
            "expires_at": 0,
            "audio": {"input": {"turn_detection": None}, "output": {"voice": "alloy"}},
        }
        self.conversation_id = new_id("conv_", 20)
        self.items: list[dict[str, Any]] = []
        self.item_tokens: dict[str, int] = {}  # by item id: a long session's usage stays cheap
        self.audio = bytearray()
        self.vad = VoiceDetector()
        self.speech_item: str | None = None  # the user item of the speech under way
        self.active: asyncio.Task[None] | None = None
        self.active_id: str | None = None
        self.active_modalities: list[str] = ["text"]
        self.lock = asyncio.Lock()
        self.closed = asyncio.Event()

    # -- sending ------------------------------------------------------------------------
    async def emit(self, event: dict[str, Any], *, truncate: bool = False) -> None:
        text = orjson.dumps({"event_id": new_id("event_", 20), **event}).decode()
        async with self.lock:
            if not self.closed.is_set():
                await self.raw_send(
                    {"type": "websocket.send", "text": text[:20] if truncate else text}
                )

    async def close(self, code: int) -> None:
        async with self.lock:
            if not self.closed.is_set():
                self.closed.set()
                with contextlib.suppress(Exception):
                    await self.raw_send({"type": "websocket.close", "code": code})

    async def error(self, message: str, *, code: str | None, client_event: Any = None) -> None:
        err = error_body(message, code=code)["error"]
        err["event_id"] = client_event.get("event_id") if isinstance(client_event, dict) else None
        await self.emit({"type": "error", "error": err})

    # -- the conversation ---------------------------------------------------------------
    def _add(self, item: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        previous = self.items[-1]["id"] if self.items else None
        self.items.append(item)
        return item, previous

    async def _added(self, item: dict[str, Any], previous: str | None) -> None:
        await self.emit(
            {"type": "conversation.item.added", "previous_item_id": previous, "item": item}
        )
        await self.emit(
            {"type": "conversation.item.done", "previous_item_id": previous, "item": item}
        )

    def tokens(self, item: dict[str, Any]) -> int:
        """The item's input tokens, estimated once (an item is complete when a response
        first counts it)."""
        known = self.item_tokens.get(item["id"])
        if known is None:
            known = self.item_tokens[item["id"]] = estimate_tokens(len(orjson.dumps(item)))
        return known

    def _find(self, item_id: Any) -> dict[str, Any] | None:
        return next((i for i in self.items if i["id"] == item_id), None)

    async def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            await self.error(
                f"Invalid value: {kind!r}. Supported values are: "
                + ", ".join(sorted(_HANDLERS))
                + ".",
                code="invalid_value",
                client_event=event,
            )
            return
        await handler(self, event)

    async def session_update(self, event: dict[str, Any]) -> None:
        session = event.get("session")
        if not isinstance(session, dict):
            await self.error(
                "Missing required parameter: 'session'.",
                code="missing_required_parameter",
                client_event=event,
            )
            return
        audio = session.get("audio")
        self.config.update({k: v for k, v in session.items() if k not in ("id", "object", "audio")})
        for side, settings in audio.items() if isinstance(audio, dict) else ():
            if isinstance(settings, dict):
                self.config["audio"].setdefault(side, {}).update(settings)
        detection = self._turn_detection()
        if detection is not None:
            self.config["audio"]["input"]["turn_detection"] = turn_detection_defaults(detection)
        await self.emit({"type": "session.updated", "session": self.config})

    def _turn_detection(self) -> dict[str, Any] | None:
        detection = self.config["audio"].get("input", {}).get("turn_detection")
        return detection if isinstance(detection, dict) else None

    async def item_create(self, event: dict[str, Any]) -> None:
        raw = event.get("item")
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
            await self.error(
                "Missing required parameter: 'item.type'.",
                code="missing_required_parameter",
                client_event=event,
            )
            return
        await self._added(*self._add(_item(raw)))

    async def item_retrieve(self, event: dict[str, Any]) -> None:
        item = self._find(event.get("item_id"))
        if item is None:
            await self._no_item(event)
            return
        await self.emit({"type": "conversation.item.retrieved", "item": item})

    async def item_delete(self, event: dict[str, Any]) -> None:
        item = self._find(event.get("item_id"))
        if item is None:
            await self._no_item(event)
            return
        self.items.remove(item)
        await self.emit({"type": "conversation.item.deleted", "item_id": item["id"]})

    async def item_truncate(self, event: dict[str, Any]) -> None:
        item = self._find(event.get("item_id"))
        if item is None:
            await self._no_item(event)
            return
        fields = {k: event.get(k) for k in ("content_index", "audio_end_ms")}
        await self.emit({"type": "conversation.item.truncated", "item_id": item["id"], **fields})

    async def _no_item(self, event: dict[str, Any]) -> None:
        await self.error(
            f"Item with item_id not found: {event.get('item_id')}",
            code="item_not_found",
            client_event=event,
        )

    async def audio_append(self, event: dict[str, Any]) -> None:
        try:
            audio = base64.b64decode(str(event.get("audio", "")), validate=True)
        except binascii.Error:
            await self.error(
                "Invalid 'audio': not base64.", code="invalid_value", client_event=event
            )
            return
        self.audio += audio
        detection = self._turn_detection()
        if detection is None:
            return
        for turn, ms in self.vad.feed(audio, detection):
            if turn == "started":
                self.speech_item = new_id("item_", 20)
                if detection.get("interrupt_response", True) and self._responding():
                    await self._cancel("turn_detected")
                await self.emit(
                    {
                        "type": "input_audio_buffer.speech_started",
                        "audio_start_ms": ms,
                        "item_id": self.speech_item,
                    }
                )
                continue
            item_id, self.speech_item = self.speech_item, None
            await self.emit(
                {
                    "type": "input_audio_buffer.speech_stopped",
                    "audio_end_ms": ms,
                    "item_id": item_id,
                }
            )
            await self.audio_commit(event, item_id=item_id)
            if detection.get("create_response", True):
                await self.response_create({"type": "response.create"})

    async def audio_clear(self, event: dict[str, Any]) -> None:
        self.audio.clear()
        await self.emit({"type": "input_audio_buffer.cleared"})

    async def audio_commit(self, event: dict[str, Any], item_id: str | None = None) -> None:
        if not self.audio:
            await self.error(
                "Error committing input audio buffer: buffer too small.",
                code="input_audio_buffer_commit_empty",
                client_event=event,
            )
            return
        size = len(self.audio)
        self.audio.clear()
        item, previous = self._add(
            _item(
                {
                    "id": item_id or new_id("item_", 20),
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_audio", "transcript": None}],
                }
            )
        )
        await self.emit(
            {
                "type": "input_audio_buffer.committed",
                "previous_item_id": previous,
                "item_id": item["id"],
            }
        )
        await self._added(item, previous)
        common = {"item_id": item["id"], "content_index": 0}
        for delta in text_deltas(CANNED_TRANSCRIPT):
            await self.emit(
                {
                    "type": "conversation.item.input_audio_transcription.delta",
                    **common,
                    "delta": delta,
                }
            )
        item["content"][0]["transcript"] = CANNED_TRANSCRIPT
        usage = {"type": "duration", "seconds": round(size / 48_000, 3)}  # 24 kHz 16-bit PCM
        await self.emit(
            {
                "type": "conversation.item.input_audio_transcription.completed",
                **common,
                "transcript": CANNED_TRANSCRIPT,
                "usage": usage,
            }
        )

    async def output_audio_clear(self, event: dict[str, Any]) -> None:
        await self.emit({"type": "output_audio_buffer.cleared", "response_id": self.active_id})

    # -- responses ----------------------------------------------------------------------
    def _responding(self) -> bool:
        return self.active is not None and not self.active.done()

    async def response_create(self, event: dict[str, Any]) -> None:
        if self._responding():
            await self.error(
                f"Conversation already has an active response in progress: {self.active_id}.",
                code="conversation_already_has_active_response",
                client_event=event,
            )
            return
        fault = self.app.faults.take(FAULT_PATH)
        if fault is not None and (fault.status is not None or fault.body is not None):
            body = (
                fault.body
                if isinstance(fault.body, dict)
                else error_body(str(fault.body or f"HTTP {fault.status}"))
            )
            await self.emit(
                {
                    "type": "error",
                    "error": {**body.get("error", body), "event_id": event.get("event_id")},
                }
            )
            return
        raw = event.get("response")
        params: dict[str, Any] = raw if isinstance(raw, dict) else {}
        modalities = params.get("output_modalities", self.config.get("output_modalities"))
        self.active_modalities = ["audio"] if "audio" in (modalities or ()) else ["text"]
        self.active_id = new_id("resp_", 20)
        self.active = asyncio.ensure_future(self._respond(self.active_id, params, fault))

    async def response_cancel(self, event: dict[str, Any]) -> None:
        if not self._responding():
            await self.error(
                "Cancellation failed: no active response found",
                code="response_cancel_not_active",
                client_event=event,
            )
            return
        await self._cancel("client_cancelled")

    async def _cancel(self, reason: str) -> None:
        """End the running response as `cancelled` (by the client, or by the user speaking)."""
        assert self.active is not None
        self.active.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.active
        response = self._response(self.active_id or "", "cancelled", [])
        response["status_details"] = {"type": "cancelled", "reason": reason}
        await self.emit({"type": "response.done", "response": response})

    def _response(self, rid: str, status: str, output: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": rid,
            "object": "realtime.response",
            "status": status,
            "status_details": None,
            "output": output,
            "conversation_id": self.conversation_id,
            "output_modalities": self.active_modalities,
            "max_output_tokens": self.config.get("max_output_tokens", "inf"),
            "metadata": None,
            "usage": None,
        }

    def _plan(self, params: dict[str, Any]) -> dict[str, Any]:
        """The response's one output item: a function call or an assistant message."""
        tools = params.get("tools", self.config.get("tools")) or []
        functions = [t for t in tools if isinstance(t, dict) and t.get("type") == "function"]
        choice = params.get("tool_choice", self.config.get("tool_choice", "auto"))
        last = self.items[-1] if self.items else {}
        if functions and choice != "none" and last.get("type") != "function_call_output":
            tool = functions[0]
            args = orjson.dumps(function_arguments(tool.get("parameters"))).decode()
            return {
                "type": "function_call",
                "name": tool.get("name"),
                "call_id": new_id("call_", 20),
                "arguments": args,
            }
        tool_output = last.get("output") if last.get("type") == "function_call_output" else None
        text = reply_text(self._user_text(), None if tool_output is None else str(tool_output))
        part = (
            {"type": "output_audio", "transcript": text}
            if "audio" in self.active_modalities
            else {"type": "output_text", "text": text}
        )
        return {"type": "message", "role": "assistant", "content": [part]}

    def _user_text(self) -> str:
        for item in reversed(self.items):
            if item.get("type") == "message" and item.get("role") in ("user", "system"):
                parts = item.get("content") or []
                audio = [
                    p.get("transcript") or ""
                    for p in parts
                    if isinstance(p, dict) and p.get("type") == "input_audio"
                ]
                return content_text(parts) or " ".join(audio)
        return ""

    async def _respond(self, rid: str, params: dict[str, Any], fault: Fault | None) -> None:
        planned = self._plan(params)
        item = _item({**planned, "status": "in_progress"})
        if item["type"] == "message":
            item["content"] = []
        events = _response_events(self, rid, item, planned)
        delay = self.app.latency.next_delay() + (fault.delay_before_headers if fault else 0.0)
        if delay > 0:
            await asyncio.sleep(delay)
        for index, event in enumerate(events):
            if fault is not None:
                if fault.drop_after_events is not None and index >= fault.drop_after_events:
                    if fault.ws_close_code is not None:
                        await self.close(fault.ws_close_code)
                    else:
                        self.closed.set()
                        self.app.sockets.shutdown(self.scope.get("client"))
                    return
                if fault.stall_after_events is not None and index >= fault.stall_after_events:
                    await self.closed.wait()
                    return
                if index and fault.delay_between_events > 0:
                    await asyncio.sleep(fault.delay_between_events)
            await self.emit(event, truncate=fault is not None and fault.malformed_event_at == index)


def _response_events(
    session: _Session, rid: str, item: dict[str, Any], planned: dict[str, Any]
) -> list[dict[str, Any]]:
    """The events of one response, ending with `response.done`. The item is added to the
    conversation (in its final form) as the real server does when it is done."""
    previous = session.items[-1]["id"] if session.items else None
    final = {**item, **planned, "status": "completed"}
    where = {"response_id": rid, "item_id": item["id"], "output_index": 0}
    audio_bytes = 0
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": session._response(rid, "in_progress", [])},
        {"type": "response.output_item.added", "response_id": rid, "output_index": 0, "item": item},
        {"type": "conversation.item.added", "previous_item_id": previous, "item": item},
    ]
    if final["type"] == "function_call":
        args = final["arguments"]
        events += [
            {
                "type": "response.function_call_arguments.delta",
                **where,
                "call_id": final["call_id"],
                "delta": d,
            }
            for d in json_deltas(args)
        ]
        events.append(
            {
                "type": "response.function_call_arguments.done",
                **where,
                "call_id": final["call_id"],
                "name": final["name"],
                "arguments": args,
            }
        )
        size = len(args)
    elif final["content"][0]["type"] == "output_audio":
        text = final["content"][0]["transcript"]
        spoken, audio_bytes = audio_content_events(
            {**where, "content_index": 0}, text_deltas(text), text
        )
        events += spoken
        size = len(text.encode())
    else:
        text = final["content"][0]["text"]
        part = {**where, "content_index": 0}
        events.append(
            {"type": "response.content_part.added", **part, "part": {"type": "text", "text": ""}}
        )
        events += [
            {"type": "response.output_text.delta", **part, "delta": d} for d in text_deltas(text)
        ]
        events += [
            {"type": "response.output_text.done", **part, "text": text},
            {"type": "response.content_part.done", **part, "part": {"type": "text", "text": text}},
        ]
        size = len(text.encode())
    session.items.append(final)
    input_tokens = sum(session.tokens(i) for i in session.items[:-1])
    text_tokens = estimate_tokens(size)
    audio_tokens = -(-audio_bytes // 2400)  # one per 50 ms of 24 kHz PCM16
    output_tokens = text_tokens + audio_tokens
    done = session._response(rid, "completed", [final])
    done["usage"] = {
        "total_tokens": input_tokens + output_tokens,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "input_token_details": {"text_tokens": input_tokens, "audio_tokens": 0, "cached_tokens": 0},
        "output_token_details": {"text_tokens": text_tokens, "audio_tokens": audio_tokens},
    }
    events += [
        {"type": "response.output_item.done", "response_id": rid, "output_index": 0, "item": final},
        {"type": "conversation.item.done", "previous_item_id": previous, "item": final},
        {"type": "response.done", "response": done},
    ]
    return events


_HANDLERS: dict[str, Callable[[_Session, dict[str, Any]], Awaitable[None]]] = {
    "session.update": _Session.session_update,
    "conversation.item.create": _Session.item_create,
    "conversation.item.retrieve": _Session.item_retrieve,
    "conversation.item.delete": _Session.item_delete,
    "conversation.item.truncate": _Session.item_truncate,
    "input_audio_buffer.append": _Session.audio_append,
    "input_audio_buffer.commit": _Session.audio_commit,
    "input_audio_buffer.clear": _Session.audio_clear,
    "output_audio_buffer.clear": _Session.output_audio_clear,
    "response.create": _Session.response_create,
    "response.cancel": _Session.response_cancel,
}


async def serve_realtime(
    app: RealtimeHost,
    scope: dict[str, Any],
    receive: Receive,
    send: Send,
    headers: dict[str, str],
    conn_id: str,
) -> None:
    """Serve one accepted Realtime connection until the client leaves."""
    session = _Session(app, scope, send, conn_id)
    await session.emit({"type": "session.created", "session": session.config})
    try:
        async for entry in websocket_messages(receive, app.journal, PATH, headers, conn_id):
            entry.status, entry.completed = 200, True
            if session.closed.is_set():
                break
            if not isinstance(entry.json, dict):
                await session.error("Invalid JSON in WebSocket message.", code="invalid_json")
                continue
            await session.handle(entry.json)
    finally:
        session.closed.set()
        if session.active is not None:
            session.active.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await session.active
