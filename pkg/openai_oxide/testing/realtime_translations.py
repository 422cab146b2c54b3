"""Realtime translation sessions in the fake (`ws://HOST/v1/realtime/translations?model=...`),
the endpoint of `client.realtime.translations.connect()`.

After `ws.py`'s handshake: `session.created` (a `translation` session, output language
`es`), then each client event is journaled (method `"WS"`, path `/v1/realtime/translations`)
and answered:
- `session.update` merges the session (not `model`) and answers `session.updated`;
- `session.input_audio_buffer.append` with base64 audio: one word of `CANNED_SOURCE` as
  `session.input_transcript.delta` (when `audio.input.transcription` is set), the same word
  of `CANNED_TRANSLATION` as `session.output_transcript.delta`, and the audio back as
  `session.output_audio.delta` (the fake "translates" by echoing); bad base64 is an
  `invalid_value` error event;
- `session.close` answers `session.closed` and closes the connection (1000);
- anything else is an `error` event naming the client event.
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import orjson

from .content import new_id
from .errors import error_body
from .journal import Journal, websocket_messages

__all__ = ["CANNED_SOURCE", "CANNED_TRANSLATION", "PATH", "serve_translations"]

PATH = "/v1/realtime/translations"
CANNED_SOURCE = "What is the weather in Paris today?"
CANNED_TRANSLATION = "¿Qué tiempo hace hoy en París?"
_SESSION_TTL = 3600

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def serve_translations(
    journal: Journal,
    scope: dict[str, Any],
    receive: Receive,
    send: Send,
    headers: dict[str, str],
    conn_id: str,
) -> None:
    """Serve one accepted translation connection until the client leaves or closes it."""
    query = parse_qs(scope.get("query_string", b"").decode())
    session: dict[str, Any] = {
        "id": new_id("sess_", 24),
        "type": "translation",
        "model": (query.get("model") or ["gpt-realtime-translate"])[0],
        "expires_at": int(time.time()) + _SESSION_TTL,
        "audio": {"input": {"transcription": None}, "output": {"language": "es"}},
    }
    words = 0

    async def emit(event: dict[str, Any]) -> None:
        text = orjson.dumps({"event_id": new_id("event_", 20), **event}).decode()
        await send({"type": "websocket.send", "text": text})

    async def error(message: str, code: str, client_event: dict[str, Any]) -> None:
        err = error_body(message, code=code)["error"]
        err["event_id"] = client_event.get("event_id")
        await emit({"type": "error", "error": err})

    await emit({"type": "session.created", "session": session})
    async for entry in websocket_messages(receive, journal, PATH, headers, conn_id):
        entry.status, entry.completed = 200, True
        event = entry.json if isinstance(entry.json, dict) else {}
        kind = event.get("type")
        if kind == "session.update" and isinstance(event.get("session"), dict):
            _merge(session, {k: v for k, v in event["session"].items() if k != "model"})
            await emit({"type": "session.updated", "session": session})
        elif kind == "session.input_audio_buffer.append":
            try:
                audio = base64.b64decode(str(event.get("audio", "")), validate=True)
            except binascii.Error:
                await error("Invalid base64 audio.", "invalid_value", event)
                continue
            source, target = CANNED_SOURCE.split(), CANNED_TRANSLATION.split()
            if session["audio"]["input"].get("transcription"):
                await emit(_delta("input_transcript", _word(source, words)))
            await emit(_delta("output_transcript", _word(target, words)))
            await emit(
                {
                    "type": "session.output_audio.delta",
                    "delta": base64.b64encode(audio).decode(),
                    "sample_rate": 24000,
                    "channels": 1,
                    "format": "pcm16",
                }
            )
            words += 1
        elif kind == "session.close":
            await emit({"type": "session.closed"})
            await send({"type": "websocket.close", "code": 1000})
            return
        else:
            await error(f"Unsupported event type: {kind!r}.", "invalid_value", event)


def _delta(kind: str, text: str) -> dict[str, Any]:
    return {"type": f"session.{kind}.delta", "delta": text}


def _word(words: list[str], index: int) -> str:
    return (" " if index else "") + words[index % len(words)]


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
