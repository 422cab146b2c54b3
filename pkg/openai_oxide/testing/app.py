"""The raw ASGI app of the fake: routing, CORS, auth, journal and fault selection.

Per request: read the body, answer CORS preflights and `/__fake__/` control calls
directly, otherwise journal the request, check auth, pick a fault (the `x-fake-fault`
header, else the first matching queued one) and hand an `Answer` to `delivery.deliver`.
A streamed answer gets the server's quirks (its profile, `POST /__fake__/profile`) and the
fault's (profiles.py).
WebSocket connections (the Responses WebSocket mode) are served by `ws.serve_websocket`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import orjson

from . import chat, profiles, realtime, responses
from .batches import Batches, BatchTiming
from .catalog import Catalog
from .content import new_id
from .delivery import Answer, Exchange, SocketRegistry, deliver
from .errors import error_body, status_error_body
from .faults import Fault, FaultQueue, split_events
from .journal import Journal, JournalEntry
from .latency import LatencyClock, LatencyModel
from .ratelimit_budget import RateBudget
from .responses import RequestError, ResponseStore
from .ws import serve_websocket

__all__ = ["FakeApp", "Preflight"]

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_EXPOSE = b"x-request-id, retry-after, retry-after-ms, x-should-retry, openai-processing-ms"
_ALLOW_METHODS = b"GET, POST, DELETE, OPTIONS"
_ALLOW_HEADERS = (
    b"authorization, content-type, openai-organization, openai-project, openai-beta, "
    b"x-fake-fault, x-stainless-retry-count, x-stainless-timeout, idempotency-key, api-key"
)
_MODELS = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini", "gpt-5.1")
_MODELS_CREATED = 1715367049
_BAD_JSON = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
    "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
    "sent was not valid JSON. If you have trouble figuring out how to fix this, please "
    "contact us through our help center at help.openai.com.)"
)
_NO_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization "
    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
    "field (with blank username) if you're accessing the API from your browser and are "
    "prompted for a username and password. You can obtain an API key from "
    "https://platform.openai.com/account/api-keys."
)


@dataclass(frozen=True, slots=True)
class Preflight:
    """One CORS preflight: the path, the header names it asked to send, and those the
    server's allow list refused (a browser then fails the request without sending it)."""

    path: str
    requested: tuple[str, ...]
    refused: tuple[str, ...]


def _model(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": _MODELS_CREATED, "owned_by": "system"}


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)


class FakeApp:
    """The ASGI application. All shared state is thread-safe; see `FakeOpenAI`."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        latency: float | LatencyModel = 0.0,
        spec_path: str | None = None,
        websocket: bool = True,
        stateless: bool = False,
        adopt_unknown_ids: bool = False,
        profile: str | None = None,
        quirks: tuple[str, ...] = (),
        cors_allow_headers: tuple[str, ...] | None = None,
        rate_limits: RateBudget | None = None,
    ) -> None:
        self.api_key = api_key
        # x-ratelimit-* headers and 429s on /v1/ calls; reset() restores the constructor's.
        self.rate_limits = self._default_rate_limits = rate_limits
        self.client_secrets: set[str] = set()  # minted by POST /v1/realtime/client_secrets
        # None reflects whatever a preflight asks for; a tuple is a short allow list.
        self.cors_allow_headers = (
            None if cors_allow_headers is None else tuple(h.lower() for h in cors_allow_headers)
        )
        self.preflights: list[Preflight] = []
        self.catalog = Catalog(spec_path)  # every other endpoint, and request validation
        # Ids the fake never issued name existing objects (see `Catalog`), models included.
        self.catalog.adopt_unknown_ids = adopt_unknown_ids
        self.batches = Batches(self.catalog, self._batch_line)  # the Batch API (batches.py)
        # Each request's delay before the headers, drawn in arrival order (latency.py).
        self._latency = latency if isinstance(latency, LatencyModel) else LatencyModel(latency)
        self.latency = LatencyClock(self._latency)
        self.journal = Journal()
        self.faults = FaultQueue()
        self.store = ResponseStore()
        self.sockets = SocketRegistry()
        self.ws_max_age: float | None = None  # WebSocket mode: the connection limit (seconds)
        # Like many compatible servers: `websocket=False` answers the Responses WebSocket
        # upgrade with 404 as a plain HTTP server does; `stateless=True` keeps no response,
        # so every `previous_response_id` gets 400 previous_response_not_found.
        self._settings = {"websocket": websocket, "stateless": stateless}
        self.websocket = websocket
        self.stateless = stateless
        # The server-wide profile and quirks (profiles.py), also restored by reset().
        self.default_profile = (profile, tuple(quirks))
        self.profile: str | None = None
        self.quirks: frozenset[str] = frozenset()
        self.set_profile(profile, quirks)
        self._closing: asyncio.Event | None = None
        self._refuser: socket.socket | None = None  # GET /__fake__/refusing_port

    def set_profile(self, profile: str | None, quirks: tuple[str, ...] = ()) -> None:
        """Give every streamed answer these quirks from now on (ValueError if unknown); a
        named server's profile also turns the WebSocket mode off where that server lacks it."""
        self.quirks = profiles.resolve(profile, quirks)
        self.profile = profile
        if profile is not None:
            self.websocket = self._settings["websocket"] and profiles.PROFILE_WEBSOCKET[profile]

    def reset(self) -> None:
        """Forget requests, faults and responses; settings and profile return to the
        constructor's."""
        self.websocket = self._settings["websocket"]
        self.stateless = self._settings["stateless"]
        self.set_profile(*self.default_profile)
        self.latency.set(self._latency)
        self.journal.clear()
        self.preflights.clear()
        self.faults.clear()
        self.store.clear()
        self.catalog.clear()
        self.batches.clear()
        self.client_secrets.clear()
        self.rate_limits = self._default_rate_limits
        if self.rate_limits is not None:
            self.rate_limits.reset()

    def close(self) -> None:
        """Release stalled answers (call on the server's loop before shutting down)."""
        self.batches.close()
        if self._refuser is not None:
            self._refuser.close()
        if self._closing is not None:
            self._closing.set()

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await serve_websocket(self, scope, receive, send)
        elif scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    self._closing = asyncio.Event()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return

    async def _http(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope["headers"]:
            name = raw_name.decode("latin-1").lower()
            value = raw_value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        method: str = scope["method"]
        path: str = scope["path"]
        request_id = new_id("req_", 32)
        origin = headers.get("origin")
        base: list[tuple[bytes, bytes]] = [
            (b"x-request-id", request_id.encode()),
            (b"openai-version", b"2020-10-01"),
            (b"access-control-allow-origin", origin.encode() if origin else b"*"),
            (b"access-control-expose-headers", _EXPOSE),
        ]
        if origin:
            base.append((b"vary", b"Origin"))
        closing = self._closing or asyncio.Event()
        quick = [*base, (b"openai-processing-ms", b"0")]
        if method == "OPTIONS":
            requested = headers.get("access-control-request-headers")
            await _send_plain(send, 204, [*quick, *self._preflight(path, requested)])
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if path.startswith("/__fake__/"):
            status, payload = self._control(method, path, body, scope.get("client"))
            ex = Exchange(
                send, None, scope.get("http_version", "1.1"), scope.get("client"), closing
            )
            await deliver(ex, Answer(status, _dumps(payload)), quick, None, self.sockets)
            return
        decoded: Any = None
        if body:
            with contextlib.suppress(orjson.JSONDecodeError):
                decoded = orjson.loads(body)
        entry = JournalEntry(
            method,
            path,
            query,
            headers,
            body,
            decoded,
            scope.get("http_version", "1.1"),
            request_id,
            connection=_connection_id(scope.get("client")),
        )
        self.journal.append(entry)
        ex = Exchange(send, entry, entry.http_version, scope.get("client"), closing)
        watcher = asyncio.ensure_future(ex.watch(receive))
        try:
            refused, limit_headers = self._charge(path, decoded)
            answer, fault = (
                (refused, None)
                if refused is not None
                else self._answer(method, path, query, headers, body, decoded)
            )
            answer.headers = [*answer.headers, *limit_headers]
            delay = self.latency.next_delay() + (fault.delay_before_headers if fault else 0.0)
            entry.delay = delay
            if delay > 0:
                await asyncio.sleep(delay)
            elapsed = int((time.perf_counter() - started) * 1000)
            out = [*base, (b"openai-processing-ms", str(elapsed).encode()), *answer.headers]
            if fault is not None:
                out.extend((k.lower().encode(), str(v).encode()) for k, v in fault.headers.items())
            await deliver(ex, answer, out, fault, self.sockets)
        finally:
            watcher.cancel()

    def _preflight(self, path: str, requested: str | None) -> list[tuple[bytes, bytes]]:
        """Record a preflight and give its answer's CORS headers."""
        names = tuple(n.strip().lower() for n in (requested or "").split(",") if n.strip())
        allowed = self.cors_allow_headers
        refused = () if allowed is None else tuple(n for n in names if n not in allowed)
        self.preflights.append(Preflight(path, names, refused))
        if allowed is not None:
            allow = ", ".join(allowed).encode()
        else:
            allow = requested.encode() if requested else _ALLOW_HEADERS
        return [
            (b"access-control-allow-methods", _ALLOW_METHODS),
            (b"access-control-allow-headers", allow),
            (b"access-control-max-age", b"600"),
        ]

    def _charge(self, path: str, decoded: Any) -> tuple[Answer | None, list[tuple[bytes, bytes]]]:
        """Charge a call to the rate-limit budget, if any: (its 429 or None, the headers)."""
        if self.rate_limits is None or not path.startswith("/v1/"):
            return None, []
        return self.rate_limits.admit(decoded)

    def _answer(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        decoded: Any,
    ) -> tuple[Answer, Fault | None]:
        denied = self._check_auth(headers)
        if denied is not None:
            return denied, None
        fault: Fault | None
        raw_fault = headers.get("x-fake-fault")
        if raw_fault:
            try:
                fault = Fault.from_mapping(orjson.loads(raw_fault))
            except (ValueError, TypeError) as exc:
                return Answer(400, _dumps(error_body(f"Invalid x-fake-fault: {exc}"))), None
        else:
            fault = self.faults.take(path)
        if fault is not None:
            if fault.status is not None or fault.body is not None:
                payload = (
                    fault.body if fault.body is not None else status_error_body(fault.status or 0)
                )
                raw = payload.encode() if isinstance(payload, str) else payload
                raw = raw if isinstance(raw, bytes) else _dumps(raw)
                return Answer(fault.status or 200, raw), fault
            if fault.replay is not None:
                return Answer(200, events=split_events(fault.replay)), fault
        if path.startswith("/v1/"):
            # Every request body is checked against the spec, the hand-written endpoints'
            # too, so every test checks what the SDK sends.
            invalid, fields = self.catalog.check_request(method, path[3:], headers, body)
            if invalid is not None:
                return invalid, fault
            if path.startswith("/v1/batches"):
                return self.batches.answer(method, path[3:], query, fields, headers, fault), fault
            if self.catalog.handles(method, path[3:]):
                answer = self.catalog.answer(method, path[3:], query, fields)
                if method == "POST" and path == realtime.SECRETS_PATH:
                    answer = realtime.mint_secret(answer, self.client_secrets)
                return answer, fault
        quirks = self.quirks | (fault.quirk_names if fault is not None else frozenset())
        try:
            return self._route(method, path, query, body, decoded, quirks), fault
        except RequestError as exc:
            return Answer(exc.status, _dumps(exc.body)), fault

    def _batch_line(self, url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """One line of a batch, answered as the same direct call would be (not journaled:
        the API runs it, the client never sends it)."""
        answer, _ = self._answer("POST", url, {}, dict(headers), body, orjson.loads(body))
        if answer.events is not None:
            return 400, _dumps(error_body("Streaming is not supported in the Batch API."))
        return answer.status, answer.body

    def _check_auth(self, headers: dict[str, str]) -> Answer | None:
        auth = headers.get("authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        token = token or headers.get("api-key", "").strip()
        if not token:
            return Answer(401, _dumps(error_body(_NO_KEY)))
        if self.api_key is not None and token != self.api_key:
            shown = token[:3] + "*" * 8 + token[-4:] if len(token) > 7 else "***"
            message = (
                f"Incorrect API key provided: {shown}. You can find your API key at "
                "https://platform.openai.com/account/api-keys."
            )
            return Answer(401, _dumps(error_body(message, code="invalid_api_key")))
        return None

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        body: bytes,
        decoded: Any,
        quirks: frozenset[str],
    ) -> Answer:
        parts = path.rstrip("/").split("/")[1:]  # "/v1/responses/x" -> ["v1", "responses", "x"]
        if parts[:1] != ["v1"] or len(parts) < 2:
            return _not_found(method, path)
        resource, rest = parts[1], parts[2:]
        if method == "POST" and (
            (resource == "responses" and not rest)
            or (resource == "chat" and rest == ["completions"])
        ):
            if decoded is None:
                raise RequestError(400, error_body(_BAD_JSON))
            if resource == "responses":
                return self._create_response(decoded, quirks)
            return _create_completion(decoded, len(body), quirks)
        if resource == "responses" and rest:
            return self._stored(method, rest, query, quirks)
        if resource == "models" and method == "GET":
            if not rest:
                data = [_model(m) for m in _MODELS]
                return Answer(200, _dumps({"object": "list", "data": data}))
            model_id = "/".join(rest)
            if model_id in _MODELS or model_id.startswith("ft:") or self.catalog.adopt_unknown_ids:
                return Answer(200, _dumps(_model(model_id)))
            message = f"The model '{model_id}' does not exist or you do not have access to it."
            return Answer(404, _dumps(error_body(message, code="model_not_found")))
        return _not_found(method, path)

    def _create_response(self, decoded: Any, quirks: frozenset[str]) -> Answer:
        store = ResponseStore() if self.stateless else self.store  # a stateless one forgets
        response = responses.create_response(decoded, store)
        if not decoded.get("stream"):
            return Answer(200, _dumps(response))
        return _responses_stream(responses.stream_events(response), quirks)

    def _stored(
        self, method: str, rest: list[str], query: dict[str, str], quirks: frozenset[str]
    ) -> Answer:
        response_id = rest[0]
        stored = self.store.get(response_id)
        if stored is None and self.catalog.adopt_unknown_ids:
            stored = self._adopt_response(response_id)
        if stored is None:
            message = f"Response with id '{response_id}' not found."
            return Answer(404, _dumps(error_body(message)))
        if len(rest) == 1 and method == "GET" and query.get("stream") == "true":
            # Resuming a stream: the stored response's events after `starting_after`.
            after = int(query.get("starting_after", "-1"))
            events = [
                event
                for event in responses.stream_events(stored.response)
                if event["sequence_number"] > after
            ]
            return _responses_stream(events, quirks)
        if len(rest) == 1 and method == "GET":
            return Answer(200, _dumps(stored.response))
        if len(rest) == 1 and method == "DELETE":
            self.store.delete(response_id)
            deleted = {"id": response_id, "object": "response.deleted", "deleted": True}
            return Answer(200, _dumps(deleted))
        if rest[1:] == ["cancel"] and method == "POST":
            return Answer(200, _dumps(responses.cancel_response(stored)))
        if rest[1:] == ["input_items"] and method == "GET":
            return Answer(200, _dumps(responses.list_input_items(stored, query)))
        return _not_found(method, "/v1/responses/" + "/".join(rest))

    def _adopt_response(self, response_id: str) -> responses.StoredResponse | None:
        """An unknown id as an existing stored response: a plain answer to "Hello!"."""
        created = responses.create_response({"model": _MODELS[0], "input": "Hello!"}, self.store)
        stored = self.store.get(created["id"])
        if stored is not None:
            self.store.delete(created["id"])
            stored.response["id"] = response_id
            self.store.put(stored)
        return stored

    def _control(self, method: str, path: str, body: bytes, client: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/__fake__/journal":
            return 200, [entry.to_json() for entry in self.journal.snapshot()]
        if method == "GET" and path == "/__fake__/connections":  # the caller's own left out
            caller = _connection_id(client)
            open_peers = [p for p in self.sockets.open_peers() if p != caller]
            return 200, {"open": open_peers, "accepted": self.sockets.accepted}
        if method == "POST" and path == "/__fake__/reset":
            self.reset()
            return 200, {"reset": True}
        if path == "/__fake__/profile" and method in ("GET", "POST"):
            if method == "POST":
                try:
                    data = orjson.loads(body or b"{}")
                    if not isinstance(data, dict) or set(data) - {"profile", "quirks"}:
                        raise ValueError('expected {"profile": name or null, "quirks": [names]}')
                    self.set_profile(data.get("profile"), tuple(data.get("quirks") or ()))
                except (ValueError, TypeError) as exc:
                    return 400, error_body(f"Invalid profile: {exc}")
            return 200, {"profile": self.profile, "quirks": sorted(self.quirks)}
        if method == "POST" and path == "/__fake__/faults":
            try:
                data = orjson.loads(body or b"{}")
                items = data if isinstance(data, list) else [data]
                faults = [Fault.from_mapping(item) for item in items]
            except (ValueError, TypeError) as exc:
                return 400, error_body(f"Invalid fault: {exc}")
            for fault in faults:
                self.faults.push(fault)
            return 200, {"queued": len(faults)}
        if method == "GET" and path == "/__fake__/refusing_port":
            if self._refuser is None:  # bound, never listening: a connection is refused
                self._refuser = socket.socket()
                self._refuser.bind(("127.0.0.1", 0))
            return 200, {"port": self._refuser.getsockname()[1]}
        if method == "POST" and path == "/__fake__/settings":
            return self._settings_call(body)
        if path == "/__fake__/batches" and method in ("GET", "POST"):
            if method == "POST":  # the timing of batches, until reset()
                try:
                    self.batches.timing = BatchTiming.from_mapping(orjson.loads(body or b"{}"))
                except ValueError as exc:
                    return 400, error_body(f"Invalid batch timing: {exc}")
            return 200, self.batches.timing.to_json()
        if path == "/__fake__/latency" and method in ("GET", "POST"):
            if method == "POST":
                try:
                    self.latency.set(LatencyModel.from_mapping(orjson.loads(body or b"{}")))
                except ValueError as exc:  # orjson.JSONDecodeError included
                    return 400, error_body(f"Invalid latency model: {exc}")
            return 200, self.latency.model.to_json()
        return 404, error_body(f"Invalid URL ({method} {path})")

    def _settings_call(self, body: bytes) -> tuple[int, Any]:
        """`{"websocket": bool, "stateless": bool}` (either may be left out) until `reset`."""
        try:
            data = orjson.loads(body or b"{}")
        except orjson.JSONDecodeError as exc:
            return 400, error_body(f"Invalid settings: {exc}")
        if not isinstance(data, dict) or not all(
            k in self._settings and isinstance(v, bool) for k, v in data.items()
        ):
            return 400, error_body(f"Settings take booleans for {sorted(self._settings)}.")
        for key, value in data.items():
            setattr(self, key, value)
        return 200, {"websocket": self.websocket, "stateless": self.stateless}


def _create_completion(decoded: Any, size: int, quirks: frozenset[str]) -> Answer:
    completion = chat.create_completion(decoded, size)
    if not decoded.get("stream"):
        return Answer(200, _dumps(completion))
    options = decoded.get("stream_options") or {}
    include_usage = bool(isinstance(options, dict) and options.get("include_usage"))
    chunks = profiles.apply_chat(chat.stream_chunks(completion, include_usage), quirks)
    body = profiles.sse_body(chunks, quirks, named=False, ending="[DONE]", dumps=_dumps)
    return Answer(200, events=split_events(body))


def _responses_stream(events: list[dict[str, Any]], quirks: frozenset[str]) -> Answer:
    events = profiles.apply_responses(events, quirks)
    body = profiles.sse_body(events, quirks, named=True, ending="close", dumps=_dumps)
    return Answer(200, events=split_events(body))


def _connection_id(client: Any) -> str:
    """The client's address and port: one value per TCP connection (HTTP/2 streams that
    share a connection share it)."""
    if isinstance(client, (tuple, list)) and len(client) >= 2:
        return f"{client[0]}:{client[1]}"
    return ""


def _not_found(method: str, path: str) -> Answer:
    return Answer(404, _dumps(error_body(f"Invalid URL ({method} {path})")))


async def _send_plain(send: Send, status: int, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"", "more_body": False})
