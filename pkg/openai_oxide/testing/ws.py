"""The Responses WebSocket mode of the fake (`ws://HOST/v1/responses`), as one ASGI handler;
the Realtime API (`/v1/realtime`, `/v1/realtime/translations`) shares its handshake and is
served by `realtime.py` and `realtime_translations.py`.

The handshake accepts `Authorization: Bearer <key>` (or `api-key`), or, for browsers, which
cannot set headers, the subprotocol `openai-insecure-api-key.<key>`. The first other
subprotocol offered is selected (the credential only when nothing else is offered, since
browsers need one selected). A missing or wrong key
is refused before the upgrade with 401 and the API's error body.

Each `response.create` message is journaled (method `"WS"`, `request_id` = the connection
id, `json` = the message) and answered with the same event sequence as the SSE stream
(`responses.stream_events`, `sequence_number` from 0 per response), each event echoing the
message's `stream_id`. Messages on one lane (`stream_id`, or none) run FIFO, one at a time;
lanes run concurrently. Every response is cached on its connection, so `store=false`
responses chain on the connection that made them; a `previous_response_id` found neither
there nor in the server's store gives an `error` event with `previous_response_not_found`.
`generate: false` returns an empty response (no output) that later turns can chain from.
A turn is charged to the server's `RateBudget`, if any, as an HTTP call is: once it is
spent the turn gets an `error` event with status 429 and the API's rate-limit error (its
message says when to try again; a WebSocket has no headers to carry Retry-After).
The server's `latency` is waited before the first event of every turn, as over HTTP.

Faults (queued with `FakeOpenAI.inject`): a WebSocket turn takes faults as the path
`ws:/v1/responses`, so `Fault(match="ws:")` targets WebSocket turns only (`match=None` or
`"/v1/responses"` match both modes). Applied fields: `status`/`body` send an `error` event
(`{"type": "error", "status": ..., "error": body["error"]}`) instead of the response, and an
`error.code` of `websocket_connection_limit_reached` then closes the connection, as the real
server does after 60 minutes; `delay_before_headers` (before the first event),
`delay_between_events`, `drop_after_events` (the TCP connection is shut down after N events,
without a close frame; with `ws_close_code`, a close frame of that code ends it instead),
`stall_after_events`, `malformed_event_at` (that event is sent cut
short, as text that is not JSON). `FakeApp.ws_max_age` (seconds, default None)
makes every connection older than that answer `websocket_connection_limit_reached`.

Without WebSocket mode (`FakeOpenAI(websocket=False)`, `--no-websocket`, or
`POST /__fake__/settings {"websocket": false}`) the upgrade is answered with 404 and the
body a plain HTTP server gives `GET /v1/responses`, as most compatible servers do; the
refusal is journaled as method "GET" with `http_version` "ws".
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import orjson

from . import profiles, realtime, realtime_translations, responses
from .content import new_id
from .delivery import SocketRegistry
from .errors import error_body
from .faults import Fault, FaultQueue
from .journal import Journal, JournalEntry, websocket_messages
from .latency import LatencyClock
from .ratelimit_budget import RateBudget
from .responses import RequestError, ResponseStore, StoredResponse

__all__ = ["CREDENTIAL_PREFIX", "WebSocketHost", "serve_websocket"]

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class WebSocketHost(Protocol):
    """What a WebSocket connection needs of the app serving it (`FakeApp` is one): its
    settings, faults, journal, stored responses and open sockets."""

    api_key: str | None
    client_secrets: set[str]
    latency: LatencyClock
    websocket: bool
    ws_max_age: float | None
    quirks: frozenset[str]
    rate_limits: RateBudget | None
    journal: Journal
    faults: FaultQueue
    store: ResponseStore
    sockets: SocketRegistry


CREDENTIAL_PREFIX = "openai-insecure-api-key."
FAULT_PATH = "ws:/v1/responses"
_CACHE_SIZE = 64
_LIMIT_CODE = "websocket_connection_limit_reached"
_LIMIT_MESSAGE = (
    "Responses websocket connection limit reached (60 minutes). Create a new websocket "
    "connection to continue."
)


class _ConnectionStore(ResponseStore):
    """The connection's cache in front of the server's store: every response is cached
    here; only `store` responses also go to the server's store."""

    def __init__(self, shared: ResponseStore) -> None:
        super().__init__()
        self.shared = shared
        self.keep = True
        self.last: StoredResponse | None = None
        self._cache: OrderedDict[str, StoredResponse] = OrderedDict()

    def get(self, response_id: str) -> StoredResponse | None:
        found = self._cache.get(response_id)
        return found if found is not None else self.shared.get(response_id)

    def put(self, stored: StoredResponse) -> None:
        self.last = stored
        self._cache[stored.response["id"]] = stored
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        if self.keep:
            self.shared.put(stored)


class _Connection:
    def __init__(
        self, app: WebSocketHost, scope: dict[str, Any], send: Send, headers: dict[str, str]
    ) -> None:
        self.app = app
        self.scope = scope
        self.raw_send = send
        self.headers = headers
        self.id = new_id("wsconn_", 24)
        self.opened = time.monotonic()
        self.store = _ConnectionStore(app.store)
        self.lock = asyncio.Lock()
        self.lanes: dict[str | None, asyncio.Queue[tuple[JournalEntry, dict[str, Any]]]] = {}
        self.workers: list[asyncio.Task[None]] = []
        self.closed = asyncio.Event()

    async def send_json(self, event: dict[str, Any], *, truncate: bool = False) -> None:
        text = orjson.dumps(event).decode()
        async with self.lock:
            if not self.closed.is_set():
                await self.raw_send(
                    {"type": "websocket.send", "text": text[:20] if truncate else text}
                )

    async def close(self, code: int = 1000) -> None:
        async with self.lock:
            if not self.closed.is_set():
                self.closed.set()
                with contextlib.suppress(Exception):
                    await self.raw_send({"type": "websocket.close", "code": code})

    def submit(self, entry: JournalEntry, message: dict[str, Any]) -> None:
        lane = message.get("stream_id")
        queue = self.lanes.get(lane)
        if queue is None:
            queue = self.lanes[lane] = asyncio.Queue()
            self.workers.append(asyncio.ensure_future(self._work(queue)))
        queue.put_nowait((entry, message))

    async def _work(self, queue: asyncio.Queue[tuple[JournalEntry, dict[str, Any]]]) -> None:
        while not self.closed.is_set():
            entry, message = await queue.get()
            await self.turn(entry, message)

    async def error(self, lane: Any, status: int, err: dict[str, Any]) -> None:
        event: dict[str, Any] = {"type": "error", "status": status, "error": err}
        if lane is not None:
            event["stream_id"] = lane
        await self.send_json(event)
        if err.get("code") == _LIMIT_CODE:
            await self.close()

    async def turn(self, entry: JournalEntry, message: dict[str, Any]) -> None:
        lane = message.get("stream_id")
        max_age = self.app.ws_max_age
        if max_age is not None and time.monotonic() - self.opened > max_age:
            entry.status = 400
            await self.error(lane, 400, error_body(_LIMIT_MESSAGE, code=_LIMIT_CODE)["error"])
            return
        budget = self.app.rate_limits
        refused = None if budget is None else budget.admit(message)[0]
        if refused is not None:  # as over HTTP, but the 429 is an `error` event
            entry.status = 429
            await self.error(lane, 429, orjson.loads(refused.body)["error"])
            entry.completed = True
            return
        fault = self.app.faults.take(FAULT_PATH)
        if fault is not None and (fault.status is not None or fault.body is not None):
            entry.status = fault.status or 400
            body = fault.body if isinstance(fault.body, dict) else error_body(str(fault.body))
            await self.error(lane, entry.status, body.get("error", body))
            entry.completed = True
            return
        delay = self.app.latency.next_delay() + (fault.delay_before_headers if fault else 0.0)
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            events = self._events(message)
            # The server's and the fault's Responses event quirks, as over SSE.
            quirks = self.app.quirks | (fault.quirk_names if fault else frozenset())
            events = profiles.apply_responses(events, quirks)
        except RequestError as exc:
            entry.status = exc.status
            await self.error(lane, exc.status, exc.body["error"])
            return
        entry.status = 200
        await self._deliver(entry, events, lane, fault)

    def _events(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        body = {k: v for k, v in message.items() if k not in ("type", "stream_id", "generate")}
        generate = message.get("generate", True) is not False
        if not generate:
            body.setdefault("input", [])
        self.store.keep = body.get("store", True) is not False
        response = responses.create_response({**body, "store": True}, self.store)
        response["store"] = self.store.keep
        stored = self.store.last
        if not generate and stored is not None:
            response["output"] = []
            response["usage"] = {**response["usage"], "output_tokens": 0}
            response["usage"]["total_tokens"] = response["usage"]["input_tokens"]
            stored.context = list(stored.input_items)
        return responses.stream_events(response)

    async def _deliver(
        self,
        entry: JournalEntry,
        events: list[dict[str, Any]],
        lane: Any,
        fault: Fault | None,
    ) -> None:
        for index, event in enumerate(events):
            if fault is not None:
                if fault.drop_after_events is not None and index >= fault.drop_after_events:
                    entry.disconnected = True
                    if fault.ws_close_code is not None:
                        await self.close(fault.ws_close_code)
                        return
                    self.closed.set()
                    self.app.sockets.shutdown(self.scope.get("client"))
                    return
                if fault.stall_after_events is not None and index >= fault.stall_after_events:
                    await self.closed.wait()
                    return
                if index and fault.delay_between_events > 0:
                    await asyncio.sleep(fault.delay_between_events)
            if lane is not None:
                event["stream_id"] = lane
            await self.send_json(
                event, truncate=fault is not None and fault.malformed_event_at == index
            )
        entry.completed = True


def _credential(headers: dict[str, str], subprotocols: list[str]) -> str:
    auth = headers.get("authorization", "")
    token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
    token = token or headers.get("api-key", "").strip()
    for proto in subprotocols:
        if not token and proto.startswith(CREDENTIAL_PREFIX):
            token = proto[len(CREDENTIAL_PREFIX) :]
    return token


async def _deny(send: Send, message: str, code: str | None, status: int = 401) -> None:
    body = orjson.dumps(error_body(message, code=code))
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", b"%d" % len(body)),
        (b"x-request-id", new_id("req_", 32).encode()),  # as an HTTP refusal carries
    ]
    await send({"type": "websocket.http.response.start", "status": status, "headers": headers})
    await send({"type": "websocket.http.response.body", "body": body})


async def serve_websocket(
    app: WebSocketHost, scope: dict[str, Any], receive: Receive, send: Send
) -> None:
    """Serve one WebSocket connection on `/v1/responses` (any other path is refused)."""
    first = await receive()
    if first["type"] != "websocket.connect":
        return
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    subprotocols: list[str] = list(scope.get("subprotocols") or [])
    if not app.websocket:
        request_id = new_id("req_", 32)
        entry = JournalEntry("GET", scope["path"], {}, headers, b"", None, "ws", request_id)
        entry.status, entry.completed = 404, True
        app.journal.append(entry)
        await _deny(send, f"Invalid URL (GET {scope['path']})", None, status=404)
        return
    path = scope["path"].rstrip("/")
    if path not in ("/v1/responses", realtime.PATH, realtime_translations.PATH):
        await send({"type": "websocket.close", "code": 1008})
        return
    token = _credential(headers, subprotocols)
    if not token:
        await _deny(send, "You didn't provide an API key.", None)
        return
    # A Realtime secret the fake minted stands in for the key there, as on the real server.
    minted = path.startswith(realtime.PATH) and token in app.client_secrets
    if app.api_key is not None and token != app.api_key and not minted:
        await _deny(send, "Incorrect API key provided.", "invalid_api_key")
        return
    # A browser fails a handshake that selects none of the offered subprotocols, so with
    # only the credential offered, that is what gets selected.
    chosen = next(
        (p for p in subprotocols if not p.startswith(CREDENTIAL_PREFIX)),
        subprotocols[0] if subprotocols else None,
    )
    conn = _Connection(app, scope, send, headers)
    budget = [] if app.rate_limits is None else app.rate_limits.headers()
    await send(
        {
            "type": "websocket.accept",
            "subprotocol": chosen,
            "headers": [(b"x-request-id", conn.id.encode()), *budget],
        }
    )
    if path == realtime.PATH:
        await realtime.serve_realtime(app, scope, receive, send, headers, conn.id)
        return
    if path == realtime_translations.PATH:
        await realtime_translations.serve_translations(
            app.journal, scope, receive, send, headers, conn.id
        )
        return
    try:
        async for entry in websocket_messages(
            receive, app.journal, scope["path"], headers, conn.id
        ):
            decoded = entry.json
            if not isinstance(decoded, dict):
                await conn.error(
                    None, 400, error_body("Invalid JSON in WebSocket message.")["error"]
                )
                continue
            if decoded.get("type") != "response.create":
                err = error_body(f"Unsupported event type: {decoded.get('type')!r}.", param="type")[
                    "error"
                ]
                await conn.error(decoded.get("stream_id"), 400, err)
                continue
            conn.submit(entry, decoded)
    finally:
        conn.closed.set()
        for worker in conn.workers:
            worker.cancel()
        await asyncio.gather(*conn.workers, return_exceptions=True)
