"""openai-oxide: a fast, typed OpenAI client for CPython and Pyodide.

`from openai_oxide import AsyncOpenAI` is a drop-in for the official package's name.
Heavy parts (pydantic types, the sync runner, transports) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._core.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConnectionLimitReachedError,
    ContentFilterFinishReasonError,
    InternalServerError,
    InvalidWebhookSignatureError,
    LengthFinishReasonError,
    NotFoundError,
    OpenAIError,
    PermissionDeniedError,
    PreviousResponseNotFoundError,
    RateLimitError,
    StreamError,
    StreamEventError,
    SyncUnavailableError,
    UnprocessableEntityError,
    WebSocketDisconnectedError,
    WebSocketSessionError,
)
from ._core.request import NOT_GIVEN, VERSION, Omit
from ._core.timeout import DEFAULT_TIMEOUT, Timeout

if TYPE_CHECKING:
    from ._binary import AsyncBinaryResponse, BinaryResponseContent
    from ._client import AsyncOpenAI
    from ._pagination import AsyncPage, AsyncPaginator
    from ._streaming import AsyncStream
    from ._sync import OpenAI
    from ._transport.httpx_clients import DefaultAsyncHttpxClient, DefaultHttpxClient
    from ._transport.mock import MockResponse, MockTransport
    from ._transport.native import NativeTransport
    from .lib.ws_session import AsyncResponsesSession

__version__ = VERSION
NotGiven = Omit
not_given = omit = NOT_GIVEN
DEFAULT_MAX_RETRIES = 2

_LAZY = {
    "AsyncOpenAI": "._client",
    "OpenAI": "._sync",
    "AsyncStream": "._streaming",
    "AsyncBinaryResponse": "._binary",
    "BinaryResponseContent": "._binary",
    "AsyncPage": "._pagination",
    "AsyncPaginator": "._pagination",
    "NativeTransport": "._transport.native",
    "DefaultHttpxClient": "._transport.httpx_clients",
    "DefaultAsyncHttpxClient": "._transport.httpx_clients",
    "MockTransport": "._transport.mock",
    "MockResponse": "._transport.mock",
    "AsyncResponsesSession": ".lib.ws_session",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'openai_oxide' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncBinaryResponse",
    "AsyncOpenAI",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncResponsesSession",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BinaryResponseContent",
    "ConflictError",
    "ConnectionLimitReachedError",
    "ContentFilterFinishReasonError",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "MockResponse",
    "MockTransport",
    "NativeTransport",
    "NotFoundError",
    "NotGiven",
    "Omit",
    "OpenAI",
    "OpenAIError",
    "PermissionDeniedError",
    "PreviousResponseNotFoundError",
    "RateLimitError",
    "StreamError",
    "StreamEventError",
    "SyncUnavailableError",
    "Timeout",
    "UnprocessableEntityError",
    "WebSocketDisconnectedError",
    "WebSocketSessionError",
    "__version__",
    "not_given",
    "omit",
]
