"""The Worker's routes, independent of how the runtime hands over requests: `handle(call,
env)` answers a `Call` with an `Answer`, through the pydantic-free `openai_oxide.lite`
client, so the same code runs under today's Python Workers (entry.py) and under workerd
1.20240806.0 (entry_workerd.py, no pydantic there).

    POST /v1/chat    {"input": str | [messages], "instructions"?: str}
                     -> text/event-stream: the upstream Responses events as they arrive
                        (`event: <type>`, `data: <event JSON>`), or a final `event: error`
    POST /v1/agent   {"input": str, "transport"?: "websocket" | "http"}
                     -> text/event-stream: the agent loop's timeline (see `agent.py`)
    POST /v1/realtime/client_secret  {"session"?: {...}}
                     -> {"value", "expires_at"}: an ephemeral Realtime secret for the page
                        (see `realtime_secret.py`)
    GET|POST /       the original text stream (`?q=` or the body; `?mode=json`)

Guards, in order: the origin (only `DEMO_ORIGIN` may call: a request with another `Origin`
is refused, and so is one without, unless `ALLOW_NO_ORIGIN` is set for non-browser callers
such as curl or a server: an `Origin` proves nothing outside a browser, so that opt-in is a
deliberate choice, and anything beyond the demo needs real authentication in front),
the route and method (404, 405 with `allow`), the body size (`MAX_BODY_BYTES`, 413 before
reading when `content-length` says so), the content type and JSON shape (415, 400). The key
is the `OPENAI_API_KEY` secret; it is never sent back, even inside an upstream message.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openai_oxide.lite import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AsyncOpenAI,
    AuthenticationError,
    output_text,
)

DEFAULT_MODEL = "gpt-4.1-mini"
DEFAULT_MAX_BODY = 32 * 1024
DEFAULT_REALTIME_MODEL = "gpt-realtime"
DEFAULT_SECRET_TTL = 120  # seconds: long enough to connect, short if it leaks
ROUTES = {
    "/": ("GET", "POST"),
    "/v1/chat": ("POST",),
    "/v1/agent": ("POST",),
    "/v1/realtime/client_secret": ("POST",),
}
SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store"}


@dataclass
class Call:
    """One request as the runtime gave it: headers lower-cased; `read_body()` reads the
    body (called only after the size check on `content-length`)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]
    read_body: Callable[[], Any]  # an awaitable of bytes


@dataclass
class Answer:
    status: int
    body: bytes | AsyncIterator[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    api_key: str
    base_url: str | None
    model: str
    origin: str | None
    max_body: int
    allow_no_origin: bool = False
    realtime_model: str = DEFAULT_REALTIME_MODEL
    realtime_fields: tuple[str, ...] = ("instructions",)
    realtime_ttl: int = DEFAULT_SECRET_TTL

    @classmethod
    def from_env(cls, env: Any) -> Config:
        def var(name: str) -> str | None:
            value = getattr(env, name, None)
            return str(value) if value else None

        return cls(
            api_key=var("OPENAI_API_KEY") or "",
            base_url=var("OPENAI_BASE_URL"),
            model=var("OPENAI_MODEL") or DEFAULT_MODEL,
            origin=var("DEMO_ORIGIN"),
            max_body=_whole_number("MAX_BODY_BYTES", var("MAX_BODY_BYTES"), DEFAULT_MAX_BODY),
            allow_no_origin=(var("ALLOW_NO_ORIGIN") or "").lower() in ("1", "true", "yes"),
            realtime_model=var("REALTIME_MODEL") or DEFAULT_REALTIME_MODEL,
            realtime_fields=tuple(
                f.strip()
                for f in (var("REALTIME_SESSION_FIELDS") or "instructions").split(",")
                if f.strip()
            ),
            realtime_ttl=_whole_number(
                "REALTIME_SECRET_TTL", var("REALTIME_SECRET_TTL"), DEFAULT_SECRET_TTL
            ),
        )

    def client(self) -> AsyncOpenAI:
        return AsyncOpenAI(api_key=self.api_key, base_url=self.base_url)


class ConfigError(ValueError):
    """A Worker variable holds a value the Worker cannot use."""


def _whole_number(name: str, value: str | None, default: int) -> int:
    if value is None:
        return default
    if not value.strip().isdigit():
        raise ConfigError(f"The Worker variable {name} must be a whole number, not {value!r}.")
    return int(value)


async def handle(call: Call, env: Any) -> Answer:
    try:
        config = Config.from_env(env)
    except ConfigError as exc:  # the operator's mistake: say which variable, not a bare 500
        return problem(500, "worker_misconfigured", str(exc))
    origin = call.headers.get("origin")
    if origin is None and not config.allow_no_origin:
        return problem(
            403,
            "origin_required",
            "Call the Worker from the allowed origin's page (set ALLOW_NO_ORIGIN to let "
            "callers without an Origin header through).",
        )
    if origin is not None and origin != config.origin:
        return problem(403, "origin_not_allowed", "This origin may not call the Worker.")
    cors = _cors(origin)
    answer = await _route(call, config, cors)
    answer.headers.update(cors)
    return answer


async def _route(call: Call, config: Config, cors: dict[str, str]) -> Answer:
    methods = ROUTES.get(call.path)
    if methods is None:
        return problem(404, "not_found", f"No route {call.path!r}: use {', '.join(ROUTES)}.")
    if call.method == "OPTIONS" and cors:
        return Answer(
            204,
            headers={
                "access-control-allow-methods": ", ".join(methods),
                "access-control-allow-headers": "content-type",
                "access-control-max-age": "600",
            },
        )
    if call.method not in methods:
        answer = problem(405, "method_not_allowed", f"{call.path} takes {' or '.join(methods)}.")
        answer.headers["allow"] = ", ".join(methods)
        return answer
    declared = call.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > config.max_body:
        return _too_large(config)
    body = bytes(await call.read_body()) if call.method == "POST" else b""
    if len(body) > config.max_body:
        return _too_large(config)
    if not config.api_key:
        return problem(500, "not_configured", "The Worker has no OPENAI_API_KEY secret.")
    if call.path == "/":
        from legacy import text_route

        return await text_route(call, body, config)
    params = _json_body(call, body)
    if isinstance(params, Answer):
        return params
    if call.path == "/v1/chat":
        return await _chat(params, config)
    if call.path == "/v1/realtime/client_secret":
        from realtime_secret import secret_route

        return await secret_route(params, config)
    from agent import agent_route

    return await agent_route(params, config)


async def _chat(params: dict[str, Any], config: Config) -> Answer:
    bad = _fields(params, required={"input": (str, list)}, optional={"instructions": (str,)})
    if bad is not None:
        return bad
    client = config.client()
    try:
        # Returns once the headers are in: an upstream HTTP error still gets its status.
        stream = await client.responses.create(model=config.model, stream=True, **params)
    except APIError as exc:
        return upstream_error(exc, config)
    return Answer(200, _forward(stream, config), dict(SSE_HEADERS))


async def _forward(stream: Any, config: Config) -> AsyncIterator[bytes]:
    try:
        async for event in stream:
            yield frame(str(event.get("type") or "message"), event)
    except APIError as exc:
        yield frame("error", {"type": "error", **error_body(exc, config)})
    finally:
        await stream.close()


def _json_body(call: Call, body: bytes) -> dict[str, Any] | Answer:
    kind = call.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        return problem(415, "unsupported_media_type", "Send the body as application/json.")
    try:
        params = json.loads(body)
    except ValueError as exc:
        return problem(400, "invalid_json", f"The body is not JSON: {exc}.")
    if not isinstance(params, dict):
        return problem(400, "invalid_json", "The body must be a JSON object.")
    return params


def _fields(
    params: dict[str, Any],
    *,
    required: dict[str, tuple[type, ...]],
    optional: dict[str, tuple[type, ...]],
) -> Answer | None:
    """400 for a missing, empty or mistyped field, or one the route does not take."""
    unknown = sorted(set(params) - set(required) - set(optional))
    if unknown:
        return problem(400, "invalid_request", f"Unknown fields {unknown}.")
    for name, kinds in {**required, **optional}.items():
        if name not in params:
            if name in required:
                return problem(400, "invalid_request", f"Missing field {name!r}.")
            continue
        value = params[name]
        if not isinstance(value, kinds) or (name in required and not value):
            wanted = " or ".join("string" if k is str else "array" for k in kinds)
            return problem(400, "invalid_request", f"Field {name!r} must be a non-empty {wanted}.")
    return None


def _too_large(config: Config) -> Answer:
    return problem(413, "body_too_large", f"The body is larger than {config.max_body} bytes.")


def _cors(origin: str | None) -> dict[str, str]:
    if origin is None:
        return {}
    return {"access-control-allow-origin": origin, "vary": "origin"}


def problem(status: int, kind: str, message: str) -> Answer:
    body = json.dumps({"error": {"type": kind, "message": message}}).encode()
    return Answer(status, body, {"content-type": "application/json"})


def frame(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def error_body(exc: APIError, config: Config) -> dict[str, Any]:
    """What the caller learns of an upstream failure: never the key (an upstream 401 may
    quote it), so a rejected key gets a fixed message."""
    if isinstance(exc, AuthenticationError):
        message = "The upstream API rejected the Worker's key."
    else:
        message = (
            exc.message.replace(config.api_key, "[redacted]") if config.api_key else exc.message
        )
    return {
        "error": {
            "type": type(exc).__name__,
            "message": message,
            "upstream_status": exc.status_code,
            "request_id": exc.request_id,
        }
    }


def upstream_error(exc: APIError, config: Config) -> Answer:
    """504 for a timeout, 429 passed through (callers back off), 502 for the rest."""
    if isinstance(exc, APITimeoutError):
        status = 504
    elif isinstance(exc, APIStatusError) and exc.status_code == 429:
        status = 429
    elif isinstance(exc, APIConnectionError | APIStatusError):
        status = 502
    else:
        status = 500
    headers = {"content-type": "application/json"}
    if exc.request_id:
        headers["x-upstream-request-id"] = exc.request_id
    return Answer(status, json.dumps(error_body(exc, config)).encode(), headers)


def summary(response: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": response.get("id"),
        "model": response.get("model"),
        "output_text": output_text(response),
    }
