"""The request loop: build, send, time, retry, and turn answers into values or errors.

It is written once, async; the sync client drives this same code. Retry decisions come
from `_core.retry`; this module only supplies the clock, the randomness and the sleep.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ._core import codec, retry
from ._core.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    make_status_error,
)
from ._core.hedge import HEDGE_PROBE, may_hedge
from ._core.http import Headers, Request, ResponseHead
from ._core.ratelimits import RateLimits
from ._core.request import Omit, build_headers, join_url, new_idempotency_key
from ._core.strictness import checked, validation_message
from ._core.timeout import Timeout
from ._logs import DEBUG, INFO, answered, failed, log, sending, status_retry
from ._streaming import AsyncStream, EventDecoder, StreamFactory
from ._timing import Deadline, Watch
from ._transport.base import Transport, TransportResponse

if TYPE_CHECKING:
    from ._hooks import Hooks, HooksArg
    from ._pagination import AsyncPage
    from .lib.hedge import Hedger

# A multipart request's files: (field name, file) pairs, see `_core.multipart`.
Files = Sequence[tuple[str, Any]]

T = TypeVar("T")
E = TypeVar("E")

# Per-call options accepted by every endpoint method, as in the official SDK.
OPTION_KEYS = ("extra_headers", "extra_query", "extra_body", "timeout", "idempotency_key")


@dataclass(frozen=True, slots=True)
class CallOptions:
    extra_headers: Mapping[str, str | Omit] | None = None
    extra_query: Mapping[str, object] | None = None
    extra_body: Mapping[str, object] | None = None
    timeout: Timeout | None = None
    idempotency_key: str | None = None

    @classmethod
    def pop_from(cls, params: dict[str, Any]) -> CallOptions:
        """Take the per-call options out of an endpoint's keyword arguments."""
        if not any(k in params for k in OPTION_KEYS):
            return _NO_OPTIONS
        timeout = params.pop("timeout", None)
        return cls(
            extra_headers=params.pop("extra_headers", None),
            extra_query=params.pop("extra_query", None),
            extra_body=params.pop("extra_body", None),
            timeout=None
            if timeout is None or isinstance(timeout, Omit)
            else Timeout.coerce(timeout),
            idempotency_key=params.pop("idempotency_key", None),
        )


_NO_OPTIONS = CallOptions()


@dataclass(slots=True)
class Exchange:
    """One answer as the request loop got it, for `with_raw_response` and
    `with_streaming_response`: the head (status, headers, request, retries, elapsed), the
    body read in full or the transport response left open, and how the plain call parses
    the body (under the client's strictness)."""

    head: ResponseHead
    body: bytes | None
    response: TransportResponse | None
    deadline: Deadline
    parse: Callable[[bytes], Any] | None = None
    hooks: Hooks | None = None  # for an error `parse` raises later (`with_streaming_response`)


class Capture:
    """Set by the response views (`_response.capture`) around one method call: the client
    records the call's exchange here. In `"stream"` mode a call that would read its body
    leaves it open and stops with `ResponseOpened`, so the body is read only on demand."""

    __slots__ = ("exchange", "mode")

    def __init__(self, mode: Literal["raw", "stream"]) -> None:
        self.mode = mode
        self.exchange: Exchange | None = None


class ResponseOpened(Exception):
    """Raised through the endpoint method when, under a `"stream"` capture, the answer's
    head has arrived and its body is left for the caller to read."""


CAPTURE: ContextVar[Capture | None] = ContextVar("openai_oxide_capture", default=None)


def without_omitted(params: Mapping[str, Any]) -> dict[str, Any]:
    """The given parameters minus NOT_GIVEN values: what goes into the body or query."""
    return {k: v for k, v in params.items() if not isinstance(v, Omit)}


class BaseClient:
    """Holds the connection settings and runs every request through one retry loop."""

    base_url: str
    max_retries: int
    timeout: Timeout
    default_query: dict[str, object]
    _transport: Transport
    _auth_headers: dict[str, str]
    # The admin key (`admin_api_key`, OPENAI_ADMIN_KEY): what the admin API's calls send
    # in place of the API key (resources/admin_auth.py).
    admin_api_key: str | None = None
    # True: an answer that does not match its model raises APIResponseValidationError
    # instead of being built leniently (the official SDK's name).
    _strict_response_validation: bool = False
    # `hedge=`: every hedgeable call is raced by this Hedger (lib/hedge.py), up to the
    # headers of a stream and the whole body of any other answer.
    _hedge: Hedger | None = None
    # How many times in a row a background response's stream is reopened after a drop
    # (_resume.py); 0 turns resuming off.
    resume_attempts: int = 5
    # Requests leave a browser page or its Web Worker (`_browser_key.in_page`): only the
    # headers a request needs, so that short CORS allow lists pass (docs/security.md).
    _in_page: bool = False
    # `hooks=` (_hooks.py), None when there are none; and the last answer's headers per
    # model, for `rate_limits` (parsed only when read).
    _hooks: Hooks | None = None
    _rate_limit_headers: dict[str, Headers]

    async def request(
        self,
        method: str,
        path: str,
        *,
        parse: Callable[[bytes], T],
        body: object | None = None,
        query: Mapping[str, object] | None = None,
        options: CallOptions = _NO_OPTIONS,
        files: Files | None = None,
    ) -> T:
        """One call, retried by policy; `parse` turns the answer's bytes into the result.

        With `files`, the body is sent as multipart/form-data: `body`'s fields, then the
        files (encoded once, so every retry sends the same bytes).
        """
        return (
            await self.request_with_head(
                method, path, parse=parse, body=body, query=query, options=options, files=files
            )
        )[0]

    async def request_with_head(
        self,
        method: str,
        path: str,
        *,
        parse: Callable[[bytes], T],
        body: object | None = None,
        query: Mapping[str, object] | None = None,
        options: CallOptions = _NO_OPTIONS,
        files: Files | None = None,
    ) -> tuple[T, ResponseHead]:
        """`request`, with the answer's head (status, headers, request) beside the result:
        for helpers that read the answer's headers (e.g. the pollers' `openai-poll-after-ms`).
        Under `with_raw_response`/`with_streaming_response` the exchange is recorded for
        the view (and, streaming, left open: `ResponseOpened` stops the method there)."""
        capture = CAPTURE.get()
        keep_open = capture is not None and capture.mode == "stream"
        head, content, deadline = await self._send(
            method, path, body, query, options, stream=False, files=files, keep_open=keep_open
        )

        def parse_body(data: bytes) -> T:
            return self._parse(head, data, parse)

        if isinstance(content, bytes):
            if capture is not None:
                capture.exchange = Exchange(head, content, None, deadline, parse_body)
            try:
                return parse_body(content), head
            except APIResponseValidationError as exc:  # after a 200: the hooks see it too
                if self._hooks is not None:
                    await self._hooks.on_error(exc)
                raise
        assert capture is not None
        capture.exchange = Exchange(head, None, content, deadline, parse_body, self._hooks)
        raise ResponseOpened

    def _parse(self, head: ResponseHead, content: bytes, parse: Callable[[bytes], T]) -> T:
        """`parse(content)` under this client's strictness; a failure (bad JSON, or a
        mismatch under strict validation) is an APIResponseValidationError."""
        try:
            return checked(parse, content, self._strict_response_validation)
        except ValueError as exc:  # pydantic's ValidationError and JSON errors are ValueErrors
            raise APIResponseValidationError(
                head, _decode_error_body(content), message=validation_message(exc)
            ) from exc

    @property
    def hooks(self) -> Hooks | None:
        """The client's hooks (`hooks=`); None when it has none. Assign a mapping to replace."""
        return self._hooks

    @hooks.setter
    def hooks(self, hooks: HooksArg) -> None:
        from ._hooks import Hooks

        self._hooks = Hooks.coerce(hooks)

    @property
    def strict_response_validation(self) -> bool:
        """Whether an answer that does not match its model raises (set at construction)."""
        return self._strict_response_validation

    @property
    def transport(self) -> Transport:
        """The transport every request and WebSocket of this client goes through."""
        return self._transport

    @property
    def auth_headers(self) -> dict[str, str]:
        """The credential headers sent with each request (as the official `auth_headers`)."""
        return self._auth_headers

    @property
    def rate_limits(self) -> dict[str, RateLimits]:
        """What the last answer for each model said of its rate limits (`x-ratelimit-*`)."""
        seen = ((m, RateLimits.from_headers(h)) for m, h in self._rate_limit_headers.items())
        return {model: limits for model, limits in seen if limits is not None}

    def note_rate_limits(self, model: str, headers: Headers) -> None:
        """Keep an answer's headers as what `rate_limits` says of `model` (a WebSocket
        session hands over its handshake's this way)."""
        self._rate_limit_headers[model] = headers

    async def stream(
        self,
        method: str,
        path: str,
        *,
        decode: EventDecoder[E],
        body: object | None = None,
        query: Mapping[str, object] | None = None,
        options: CallOptions = _NO_OPTIONS,
        files: Files | None = None,
        stream_cls: StreamFactory[E] = AsyncStream,
    ) -> AsyncStream[E]:
        """Retries apply until the headers arrive; a stream that started is never retried.
        `stream_cls` builds the stream (an `AsyncStream` subclass, e.g. a resuming one)."""
        head, response, deadline = await self._send(
            method, path, body, query, options, stream=True, files=files
        )
        assert not isinstance(response, bytes)
        capture = CAPTURE.get()
        if capture is not None:
            capture.exchange = Exchange(head, None, response, deadline)
        strict = self._strict_response_validation
        events = stream_cls(head, response, decode, deadline, strict=strict)
        if self._hooks is not None:
            self._hooks.watch_stream(events)
        return events

    async def _send(
        self,
        method: str,
        path: str,
        body: object | None,
        query: Mapping[str, object] | None,
        options: CallOptions,
        *,
        stream: bool,
        files: Files | None = None,
        keep_open: bool = False,
    ) -> tuple[ResponseHead, TransportResponse | bytes, Deadline]:
        """`_send_once`, raced by the client's Hedger when it has one."""
        hedger = self._hedge
        try:
            if hedger is None or files is not None or not may_hedge(method, path):
                return await self._send_once(
                    method, path, body, query, options, stream, files, keep_open
                )
            return await hedger.send(
                lambda: self._send_once(
                    method, path, body, query, options, stream, files, keep_open
                )
            )
        except APIError as exc:
            if self._hooks is not None:
                await self._hooks.on_error(exc)
            raise

    async def _send_once(
        self,
        method: str,
        path: str,
        body: object | None,
        query: Mapping[str, object] | None,
        options: CallOptions,
        stream: bool,
        files: Files | None,
        keep_open: bool,
    ) -> tuple[ResponseHead, TransportResponse | bytes, Deadline]:
        """Send until an answer succeeds or the policy gives up. A stream's answer (or
        with `keep_open`, any answer) comes back open; any other answer comes back read,
        so a drop mid-body is retried too."""
        started = time.monotonic()
        timeout = options.timeout or self.timeout
        deadline = Deadline(timeout.read, timeout.total)
        if options.extra_query or self.default_query:
            query = {**self.default_query, **(query or {}), **(options.extra_query or {})}
        url = join_url(self.base_url, self._route(path, body), query)
        probe = HEDGE_PROBE.get()
        if probe is not None and not probe:  # a hedged call: name its endpoint and model
            probe.append((path, body.get("model") if isinstance(body, Mapping) else None))
        if options.extra_body and isinstance(body, dict):
            body = {**body, **options.extra_body}
        content_type: str | None = None
        content: bytes | None
        if files is not None:
            from ._core.multipart import encode_multipart

            form = encode_multipart(body if isinstance(body, Mapping) else {}, files)
            content, content_type = form.content, form.content_type
        elif isinstance(body, bytes):  # raw `content=` of the official-form `client.post`
            content = body
        else:
            content = None if body is None else codec.dumps(body)
        idempotency_key = options.idempotency_key
        if idempotency_key is None and method != "GET" and not self._in_page:
            idempotency_key = new_idempotency_key()
        attempt = 0
        hooks = self._hooks
        # (a dict test: an ABC isinstance costs ~2k instructions, 1% of a tiny call)
        model = body.get("model") if isinstance(body, dict) else None
        while True:
            headers = build_headers(
                self._auth_headers,
                options.extra_headers,
                retry_count=attempt,
                idempotency_key=idempotency_key,
                has_body=content is not None,
                stream=stream,
                page=self._in_page,
            )
            if content_type is not None:
                headers = _override(headers, content_type)
            request = await self._authorize(Request(method, url, headers, content))
            if hooks is not None:
                request = await hooks.on_request(request, attempt)
            if log.isEnabledFor(DEBUG):
                sending(request, attempt)
            # One timer bounds the wait for the headers and then each read of the body
            # (a stream's too: it is kept for the stream, which takes it over).
            watch = deadline.watch(request)
            kept = False
            try:
                response = await watch.wait(self._transport.send(request, timeout=timeout))
                answer: TransportResponse | bytes = response
                if response.status < 300 and not (stream or keep_open):
                    try:
                        answer = await _read_all(response, deadline, request, watch)
                    except APIConnectionError as exc:  # cut mid-body: the head had an id
                        exc.request_id = response.headers.get("x-request-id")
                        raise
                    finally:
                        await response.aclose()
                head = ResponseHead(
                    response.status,
                    response.headers,
                    request,
                    retries_taken=attempt,
                    elapsed=time.monotonic() - started,
                )
                if isinstance(model, str):
                    self.note_rate_limits(model, response.headers)
                if hooks is not None:
                    await hooks.on_response(head, response, answer)
                if log.isEnabledFor(INFO):
                    answered(head, answer)
                if response.status < 300:  # a 3xx left unfollowed is an error, as httpx says
                    if stream:
                        deadline.keep(watch)
                        kept = True
                    return head, answer, deadline
            except APIConnectionError as exc:
                delay = self._retry_delay(attempt, None, {}, deadline)
                if log.isEnabledFor(INFO):
                    failed(request, exc, delay, attempt, self.max_retries, started)
                if delay is None:
                    raise
                reason: ResponseHead | Exception = exc
            else:
                try:
                    error_content = await _read_all(response, deadline, request, watch)
                except APIConnectionError:
                    error_content = b""
                finally:
                    await response.aclose()
                delay = self._retry_delay(attempt, response.status, response.headers, deadline)
                if log.isEnabledFor(INFO):
                    status_retry(head, error_content, delay, self.max_retries)
                if delay is None:
                    raise make_status_error(head, _decode_error_body(error_content))
                reason = head
            finally:
                if not kept:
                    watch.stop()
            if hooks is not None:
                await hooks.on_retry(request, attempt + 1, delay, reason)
            await asyncio.sleep(delay)
            attempt += 1

    def _route(self, path: str, body: object | None) -> str:
        """Where a call goes: a path under `base_url`, or an absolute URL. The Azure
        client puts the deployment named by the body's `model` into it."""
        return path

    async def _authorize(self, request: Request) -> Request:
        """The last step of each attempt. Clients whose credentials are made per request
        (an Azure AD token provider, Bedrock's token provider or SigV4) add them here."""
        return request

    def _retry_delay(
        self, attempt: int, status: int | None, headers: Mapping[str, str], deadline: Deadline
    ) -> float | None:
        delay = retry.decide(
            attempt,
            self.max_retries,
            status=status,
            headers=headers,
            now=time.time(),
            random=random.random(),
        )
        left = deadline.remaining()
        if delay is not None and left is not None and delay >= left:
            return None  # the retry could not finish within the total timeout
        return delay


def _override(headers: Headers, content_type: str) -> Headers:
    """Replace the JSON default (set before the caller's extra headers) with the real type."""
    items = dict(headers.raw())
    if items.get("content-type", "").startswith(("application/json", "multipart/form-data")):
        items["content-type"] = content_type
    return Headers(items)


async def _read_all(
    response: TransportResponse, deadline: Deadline, request: Request, watch: Watch
) -> bytes:
    chunks = [chunk async for chunk in deadline.iterate(response.aiter_bytes(), request, watch)]
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _decode_error_body(content: bytes) -> object | None:
    if not content:
        return None
    try:
        decoded: object = codec.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")
    return decoded


def list_fetcher(
    client: BaseClient,
    path: str,
    item: Callable[[Any], T],
    options: CallOptions,
    *,
    method: str = "GET",
    body: object | None = None,
    page: type[AsyncPage[Any]] | None = None,
) -> Callable[[Mapping[str, object]], Any]:
    """A page fetcher for `AsyncPaginator`: `path` with a query (and, for the few lists
    that are POSTs, a body), items parsed by `item` into `page` (an `AsyncPage`)."""
    from ._pagination import AsyncPage, page_parser

    async def fetch(query: Mapping[str, object]) -> AsyncPage[T]:
        parse = page_parser(item, query, fetch, page or AsyncPage)
        return await client.request(
            method, path, query=query, parse=parse, body=body, options=options
        )

    return fetch
