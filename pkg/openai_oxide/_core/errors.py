"""The exception tree, and the mapping from an HTTP status to its exception class.

    OpenAIError
    ├── APIError                      (message, request, body, code, param, type)
    │   ├── APIConnectionError        transport fault: refused, reset, dropped mid-body
    │   │   ├── APITimeoutError       connect, read (between bytes) or total timeout
    │   │   └── WebSocketDisconnectedError  a WebSocket session dropped (or was closed) with
    │   │                                   this response in flight; it was not resent
    │   │                                   (also a WebSocketConnectionClosedError)
    │   ├── APIResponseValidationError  the server answered, but not as the API promises
    │   │   └── StreamError           malformed SSE, a bad event, invalid UTF-8
    │   ├── StreamEventError          the server sent an `error` event mid-stream
    │   │   └── WebSocketSessionError     an `error` event in WebSocket mode (status, stream_id)
    │   │       ├── ConnectionLimitReachedError    the 60-minute connection limit
    │   │       └── PreviousResponseNotFoundError  the cache miss could not be resent
    │   └── APIStatusError            an HTTP status >= 400 (status_code, request_id)
    │       ├── BadRequestError 400, AuthenticationError 401 (└── OAuthError),
    │       ├── PermissionDeniedError 403, NotFoundError 404, ConflictError 409,
    │       ├── UnprocessableEntityError 422,
    │       └── RateLimitError 429, InternalServerError >= 500
    ├── LengthFinishReasonError, ContentFilterFinishReasonError   (structured outputs)
    ├── WebSocketConnectionClosedError  a WebSocket closed with messages it did not deliver
    ├── WebSocketQueueFullError       a Realtime connection's send queue is full (max_queue_size)
    └── SyncUnavailableError          the sync client cannot block on this platform
    InvalidWebhookSignatureError (ValueError)  a webhook's signature or timestamp is wrong

Names follow the official `openai` package. Every error carries oxide's own
`Request`/`ResponseHead` records, never an httpx or JS object. Messages never include
request headers, so the API key cannot leak through `str()` or `repr()`.
"""

from __future__ import annotations

from typing import Any

from .http import Request, ResponseHead

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConnectionLimitReachedError",
    "ContentFilterFinishReasonError",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "NotFoundError",
    "OAuthError",
    "OpenAIError",
    "PermissionDeniedError",
    "PreviousResponseNotFoundError",
    "RateLimitError",
    "StreamError",
    "StreamEventError",
    "SyncUnavailableError",
    "UnprocessableEntityError",
    "WebSocketConnectionClosedError",
    "WebSocketDisconnectedError",
    "WebSocketQueueFullError",
    "WebSocketSessionError",
    "make_status_error",
]


class OpenAIError(Exception):
    pass


class InvalidWebhookSignatureError(ValueError):
    """A webhook payload's signature does not match, or its timestamp is out of tolerance."""


class APIError(OpenAIError):
    """An error tied to one request. `body` is the decoded error body, when there is one."""

    message: str
    request: Request | None
    body: object | None
    code: str | None
    param: str | None
    type: str | None

    def __init__(self, message: str, request: Request | None, *, body: object | None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        err = body.get("error", body) if isinstance(body, dict) else None
        if isinstance(err, dict):
            self.code = _str_or_none(err.get("code"))
            self.param = _str_or_none(err.get("param"))
            self.type = _str_or_none(err.get("type"))
        else:
            self.code = self.param = self.type = None

    @property
    def status_code(self) -> int | None:
        return None

    @property
    def request_id(self) -> str | None:
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, request_id={self.request_id!r})"


class APIConnectionError(APIError):
    def __init__(self, message: str = "Connection error.", request: Request | None = None) -> None:
        super().__init__(message, request, body=None)
        self._request_id: str | None = None

    @property
    def request_id(self) -> str | None:
        """The answer's `x-request-id` when the connection failed after its head arrived
        (mid-body or mid-stream); None when no answer came."""
        return self._request_id

    @request_id.setter
    def request_id(self, value: str | None) -> None:
        self._request_id = value


class APITimeoutError(APIConnectionError):
    def __init__(self, message: str = "Request timed out.", request: Request | None = None) -> None:
        super().__init__(message, request)


class _WithResponse(APIError):
    response: ResponseHead

    def __init__(self, message: str, response: ResponseHead, *, body: object | None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status

    @property
    def request_id(self) -> str | None:
        return self.response.request_id


class APIResponseValidationError(_WithResponse):
    def __init__(
        self,
        response: ResponseHead,
        body: object | None = None,
        *,
        message: str = "Data returned by API invalid for expected schema.",
    ) -> None:
        super().__init__(message, response, body=body)


class StreamError(APIResponseValidationError):
    """The event stream itself was malformed: bad framing, bad JSON or invalid UTF-8."""


class StreamEventError(_WithResponse):
    """The server reported an error inside a stream that had started (an `error` event)."""


class WebSocketConnectionClosedError(OpenAIError):
    """A WebSocket connection closed with messages it did not deliver (the official name).

    `unsent_messages` holds the text frames that were not sent. oxide's session raises its
    subclass `WebSocketDisconnectedError` for a turn in flight, which had been sent, so its
    list is empty."""

    def __init__(self, message: str, *, unsent_messages: list[str] | None = None) -> None:
        super().__init__(message)
        self.unsent_messages: list[str] = list(unsent_messages or ())


class WebSocketQueueFullError(OpenAIError):
    """A Realtime connection's outgoing queue (events sent before it opens or while it
    reconnects) would exceed `max_queue_size` bytes; the event was not queued. The
    Responses WebSocket session queues whole turns without a byte limit and does not raise
    this."""


class WebSocketDisconnectedError(APIConnectionError, WebSocketConnectionClosedError):
    """The WebSocket dropped (or the session closed) while this response was in flight.

    It is never resent by the session, since the server may have run it. `response_id` is
    the id the server had announced, if any."""

    def __init__(self, message: str, request: Request | None = None, *, response_id: str | None):
        super().__init__(message, request)
        self.response_id = response_id


class WebSocketSessionError(StreamEventError):
    """An `error` event in WebSocket mode. `stream_id` is its lane; `status_code` is the
    event's `status` (400 when it has none)."""

    @property
    def stream_id(self) -> str | None:
        return _str_or_none(self.body.get("stream_id")) if isinstance(self.body, dict) else None


class ConnectionLimitReachedError(WebSocketSessionError):
    """`websocket_connection_limit_reached`: the connection hit its 60-minute limit; the turn
    did not run, and the session reconnects for the next send."""


class PreviousResponseNotFoundError(WebSocketSessionError):
    """`previous_response_not_found` that the session could not repair by resending."""


class APIStatusError(_WithResponse):
    pass


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class OAuthError(AuthenticationError):
    """An OAuth token exchange failed (the official name). `error` is the OAuth error code;
    the message is the server's `error_description` when it has one."""

    def __init__(self, *, response: ResponseHead, body: object | None) -> None:
        message, error = "OAuth authentication error.", None
        if isinstance(body, dict):
            error = _str_or_none(body.get("error"))
            message = _str_or_none(body.get("error_description")) or message
        super().__init__(message, response, body=body)
        self.error = error


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class LengthFinishReasonError(OpenAIError):
    def __init__(self, *, completion: Any = None) -> None:
        msg = "Could not parse response content as the length limit was reached"
        usage = getattr(completion, "usage", None)
        if usage is not None:
            msg += f" - {usage!r}"
        super().__init__(msg)
        self.completion = completion


class ContentFilterFinishReasonError(OpenAIError):
    def __init__(self, *, completion: Any = None) -> None:
        super().__init__(
            "Could not parse response content as the request was rejected by the content filter"
        )
        self.completion = completion


class SyncUnavailableError(OpenAIError, RuntimeError):
    pass


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status, APIStatusError)


def make_status_error(response: ResponseHead, body: object | None) -> APIStatusError:
    """Build the exception for an error status from its decoded body (dict, str or None)."""
    err = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(err, dict) and isinstance(err.get("message"), str):
        detail = err["message"]
    elif isinstance(err, str) and err:
        detail = err
    else:
        detail = None
    message = f"Error code: {response.status}"
    if detail:
        message += f" - {detail}"
    if response.request_id:
        message += f" (request id: {response.request_id})"
    return status_error_class(response.status)(message, response, body=body)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)
