"""WebSocket mode falls back to HTTP streaming where the server has no WebSocket endpoint.

Many OpenAI-compatible servers (llama.cpp, vLLM, Ollama, LiteLLM, ...) serve `POST
/responses` but refuse the WebSocket upgrade. There `client.ws_session()` and
`client.responses.connect()` carry on over HTTP: every `response.create` becomes a
`POST /responses` with `stream: true`, and its SSE events come back as the WebSocket
messages they would have been, so the session above (chaining, lanes, queueing, helpers,
`run_agent`) runs unchanged and yields the same typed events. `fallback=False` (a parameter
of both) raises the handshake's own `APIConnectionError` instead. The switch is logged once
per session, as a warning on the `openai_oxide` logger.

When to fall back (`refusal`). Only when the failure says "no WebSocket endpoint here":
- natively the handshake was answered with a 4xx status, or with something that is not a
  WebSocket upgrade (a 200, a 101 without the upgrade headers, a connection closed instead
  of an answer). Not for 401 or 407 (a credential problem stays an error), nor for 408, 429
  and 5xx (retried as before), nor for a timeout or a refused TCP connection (retried, then
  raised). A 403 is an error when it carries the API's JSON error body; a bare 403 is what
  ASGI servers (uvicorn, hypercorn) answer an upgrade to a route that has no WebSocket, so
  it falls back, and a real permission problem then comes back from the HTTP request;
- under Pyodide a JS WebSocket to a 404 endpoint fails with an `error` and a `close` event
  and no status (as in any browser), so a connection that fails before opening, without a
  timeout, falls back: the HTTP request then tells what the server thinks. A bad key gets
  401 there, which ends that turn with `WebSocketSessionError` (status 401, request id),
  and an unreachable server `WebSocketDisconnectedError` (an `APIConnectionError`). The
  session stays on HTTP afterwards: the cost of a wrong guess is speed, never correctness.
A server that accepts the upgrade (101) and then closes at once is not told apart from a
drop: its turn in flight fails with `WebSocketDisconnectedError`, as before.

Chaining, as the WebSocket server's per-connection cache does it (`_core/ws_chains.py`):
a `previous_response_id` the server can resolve is sent as it is; one it cannot (a
`store: false` parent, a local warmup, a server that keeps nothing) is expanded into the
input. A 400/404 naming the `previous_response_id` of a response of ours that the server
stored switches to full-context mode for good (logged once, as info) and the turn is resent
expanded, once; any other such answer becomes the `previous_response_not_found` error
event, which `ws_session` repairs from its own history. A server that silently ignores
`previous_response_id` cannot be detected.

Warmup (`generate: false`) has no HTTP equivalent: no request is sent. The turn completes
at once with an empty response whose id (`resp_local_…`) lives only here; the turn chained
to it takes the warmup's input before its own, and the warmup's other parameters
(instructions, tools, ...) wherever it does not set them itself.

Errors. An HTTP status error (after the client's retries) becomes the `error` event the
WebSocket server would send (`status`, `error`, and the HTTP `request_id`), so the session
raises `WebSocketSessionError` as it does in WebSocket mode. A connection failure or a
stream cut mid-turn ends the emulated connection: turns in flight fail with
`WebSocketDisconnectedError` and are not resent, queued ones go out on the next one.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .._base import CallOptions
from .._core import codec
from .._core.errors import APIConnectionError, APIError, APIStatusError, APITimeoutError
from .._core.sse import ServerSentEvent
from .._core.ws_chains import Chains, TurnRecorder

if TYPE_CHECKING:
    from .._base import BaseClient
    from .._streaming import AsyncStream

__all__ = ["HttpResponsesEndpoint", "fall_back", "handshake_status", "http_options", "refusal"]

log = logging.getLogger("openai_oxide")

# Statuses that say something other than "no endpoint": a credential (401, 407) or a
# transient condition that the reconnect policy retries (408, 429).
_NOT_A_REFUSAL = frozenset({401, 407, 408, 429})
# websockets' exceptions for an answer that is not a WebSocket upgrade (by name: the
# transport imports the backend lazily, and Pyodide has none).
_NOT_AN_UPGRADE = frozenset({"InvalidUpgrade", "InvalidMessage", "InvalidHeader"})
_LOCAL = "resp_local_"

Emit = Callable[[dict[str, Any] | None, str | None], None]


def handshake_status(exc: BaseException) -> int | None:
    """The HTTP status that refused the handshake, when the backend tells (natively)."""
    status = getattr(getattr(exc.__cause__, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def refusal(exc: APIConnectionError) -> str | None:
    """Why this failed handshake means the server has no WebSocket endpoint (fall back to
    HTTP), or None when it is some other failure (raise or retry it as before)."""
    if isinstance(exc, APITimeoutError):
        return None
    cause = exc.__cause__
    if cause is None:  # Pyodide's WebSocket shows no status; or a transport without WebSocket
        return f"the WebSocket failed before opening ({exc})"
    status = handshake_status(exc)
    if status is not None:
        if status in _NOT_A_REFUSAL or status >= 500:
            return None
        if status == 403 and _api_error_body(getattr(cause, "response", None)):
            return None
        return f"the upgrade was answered with HTTP {status}"
    if any(k.__name__ in _NOT_AN_UPGRADE for k in type(cause).__mro__):
        return f"the answer was not a WebSocket upgrade ({cause})"
    return None


def _api_error_body(response: Any) -> bool:
    """Whether a refused handshake carried the API's JSON error body (a real 403)."""
    try:
        body = codec.loads(getattr(response, "body", b"") or b"")
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), dict)


def http_options(
    extra_headers: Mapping[str, str] | None,
    extra_query: Mapping[str, object] | None,
    client_secret: str | None,
    fallback: bool,
) -> CallOptions | None:
    """The options of the fallback's HTTP requests, or None for `fallback=False`: the
    session's extra headers and query, and its client secret in place of the client's key."""
    if not fallback:
        return None
    headers = dict(extra_headers or {})
    if client_secret:
        headers["authorization"] = f"Bearer {client_secret}"
    return CallOptions(extra_headers=headers or None, extra_query=extra_query or None)


def fall_back(
    client: BaseClient, url: str, exc: APIConnectionError, options: CallOptions | None
) -> HttpResponsesEndpoint | None:
    """The HTTP endpoint to use instead when `exc` says "no WebSocket endpoint" and the
    fallback is on (`options`), after logging the switch; None: handle `exc` as before.
    Call it at most once per session, so that the switch is logged once."""
    reason = refusal(exc) if options is not None else None
    if reason is None or options is None:
        return None
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}"
    log.warning(
        "No WebSocket Responses endpoint at %s%s: %s. Falling back to HTTP streaming "
        "(POST /responses, stream=true); pass fallback=False to raise instead.",
        where,
        parts.path,
        reason,
    )
    return HttpResponsesEndpoint(client, options)


class HttpResponsesEndpoint:
    """The Responses WebSocket endpoint, emulated over `POST /responses` (one per session:
    it holds the chaining cache); `connect()` gives a `WebSocketConnection`."""

    def __init__(self, client: BaseClient, options: CallOptions) -> None:
        self._client = client
        self._options = options
        self.chains = Chains()

    def connect(self) -> HttpResponsesConnection:
        return HttpResponsesConnection(self)

    def _warmup(self, body: dict[str, Any], emit: Emit) -> None:
        """`generate: false` has no HTTP equivalent: remember it, and complete the turn at
        once with the empty response that stands for it (`created`, `in_progress`,
        `completed`, as the server sends them)."""
        response_id = _LOCAL + secrets.token_hex(12)
        self.chains.warmup(response_id, body)
        now = int(time.time())
        response = {
            "id": response_id,
            "object": "response",
            "created_at": now,
            "completed_at": now,
            "status": "completed",
            "model": body.get("model"),
            "instructions": body.get("instructions"),
            "output": [],
            "tools": list(body.get("tools") or []),
            "previous_response_id": body.get("previous_response_id"),
            "store": False,
            "error": None,
            "incomplete_details": None,
            "metadata": body.get("metadata") or {},
            "usage": None,
        }
        snapshot = {**response, "status": "in_progress", "completed_at": None}
        for number, kind in enumerate(("created", "in_progress", "completed")):
            done = kind == "completed"
            event = {"type": f"response.{kind}", "response": response if done else snapshot}
            emit({**event, "sequence_number": number}, None)

    async def run(self, message: dict[str, Any], emit: Emit) -> None:
        """Answer one `response.create`: `emit(payload, text)` gets each event, with its JSON
        text when it came from the server as it is. Raises `APIConnectionError` when the HTTP
        request or its stream fails."""
        if message.get("type") != "response.create":
            what = f"Unsupported event type: {message.get('type')!r}."
            error = {"message": what, "param": "type"}
            emit({"type": "error", "status": 400, "error": error}, None)
            return
        body = {k: v for k, v in message.items() if k not in ("type", "stream_id", "generate")}
        if message.get("generate") is False:
            self._warmup(body, emit)
            return
        stream = await self._open(body, emit)
        if stream is None:
            return
        turn = TurnRecorder(self.chains, body)
        async with stream:
            async for data in stream:
                try:
                    payload = codec.loads(data)
                except ValueError:
                    emit(None, data)  # the session reports it as a malformed message
                    continue
                if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
                    continue  # an end marker (`event: done`, `{}`) or a keep-alive
                turn.see(payload)
                emit(payload, data)
        if not turn.ended:
            raise APIConnectionError(
                "The HTTP stream ended before the response completed.",
                stream.response.request,
            )

    async def _open(self, body: dict[str, Any], emit: Emit) -> AsyncStream[str] | None:
        """The HTTP stream of this turn, or None once an `error` event stands for it."""
        expanded = self.chains.expand(body)
        try:
            return await self._post(expanded)
        except APIStatusError as exc:
            previous = expanded.get("previous_response_id")
            if not _names_previous(exc, expanded):
                emit(_error_event(exc), None)
                return None
            if not self.chains.stateless and self.chains.known(previous):
                # It was ours and stored, yet the server cannot find it: it keeps nothing.
                self.chains.stateless = True
                log.info(
                    "The server does not keep responses (%s); every turn now carries the "
                    "whole conversation instead of previous_response_id.",
                    exc.message,
                )
                again = self.chains.expand(body)
                if again is not body:
                    try:
                        return await self._post(again)
                    except APIStatusError as second:
                        exc = second
            # The session repairs this from its own history, as over WebSocket.
            emit(_error_event(exc, code="previous_response_not_found"), None)
            return None

    async def _post(self, body: dict[str, Any]) -> AsyncStream[str]:
        return await self._client.stream(
            "POST", "/responses", decode=_data, body={**body, "stream": True}, options=self._options
        )


class HttpResponsesConnection:
    """A `WebSocketConnection` whose `send` starts an HTTP turn and whose `recv` returns its
    events as JSON text, with the `stream_id` of the message echoed as the server does.
    Turns run concurrently (the session sends one per lane at a time)."""

    subprotocol: str | None = None

    def __init__(self, endpoint: HttpResponsesEndpoint) -> None:
        self._endpoint = endpoint
        self._queue: asyncio.Queue[str | BaseException] = asyncio.Queue()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed: str | None = None

    async def send(self, message: str | bytes) -> None:
        if self._closed is not None:
            raise APIConnectionError(f"WebSocket closed: {self._closed}")
        try:
            parsed = codec.loads(message)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            parsed = {"type": None}  # answered with an error event, as the server does
        task = asyncio.ensure_future(self._turn(parsed))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _turn(self, message: dict[str, Any]) -> None:
        lane = message.get("stream_id")

        def emit(payload: dict[str, Any] | None, text: str | None) -> None:
            if payload is not None and (text is None or lane is not None):
                echoed = payload if lane is None else {**payload, "stream_id": lane}
                text = codec.dumps(echoed).decode()
            self._queue.put_nowait(text or "")

        try:
            await self._endpoint.run(message, emit)
        except APIConnectionError as exc:  # as a dropped socket: turns in flight fail
            self._queue.put_nowait(exc)
        except APIError as exc:  # malformed SSE: a message the session cannot read
            emit(None, f"malformed HTTP event stream: {exc}")

    async def recv(self) -> str | bytes:
        if self._closed is None:
            item = await self._queue.get()
            if isinstance(item, str):
                return item
            self._closed = f"HTTP fallback: {item}"
        raise APIConnectionError(f"WebSocket closed: {self._closed}")

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        self._closed = self._closed or "closed by the client"
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._queue.put_nowait(APIConnectionError(self._closed))


def _data(sse: ServerSentEvent) -> str:
    return sse.data


def _names_previous(exc: APIStatusError, body: Mapping[str, Any]) -> bool:
    """A 400/404 about `previous_response_id`: the server cannot chain from it."""
    previous = body.get("previous_response_id")
    if previous is None or exc.status_code not in (400, 404):
        return False
    if exc.code == "previous_response_not_found" or exc.param == "previous_response_id":
        return True
    return "previous_response" in exc.message or str(previous) in exc.message


def _error_event(exc: APIStatusError, *, code: str | None = None) -> dict[str, Any]:
    """The `error` event a WebSocket server sends for what HTTP answered with a status."""
    body = exc.body.get("error", exc.body) if isinstance(exc.body, dict) else None
    error = dict(body) if isinstance(body, dict) else {"message": exc.message}
    if code is not None:
        error["code"] = code
    event: dict[str, Any] = {"type": "error", "status": exc.status_code, "error": error}
    if exc.request_id:
        event["request_id"] = exc.request_id
    return event
