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
    OAuthError,
    OpenAIError,
    PermissionDeniedError,
    PreviousResponseNotFoundError,
    RateLimitError,
    StreamError,
    StreamEventError,
    SyncUnavailableError,
    UnprocessableEntityError,
    WebSocketConnectionClosedError,
    WebSocketDisconnectedError,
    WebSocketQueueFullError,
    WebSocketSessionError,
)
from ._core.request import NOT_GIVEN, VERSION, Omit
from ._core.timeout import DEFAULT_TIMEOUT, Timeout
from ._types import DataResidency, NoneType, RequestOptions, file_from_path

if TYPE_CHECKING:
    from . import types
    from ._binary import BinaryResponseContent
    from ._client import AsyncClient, AsyncOpenAI
    from ._pagination import AsyncPage, AsyncPaginator
    from ._streaming import AsyncStream
    from ._sync import Client, OpenAI, Stream
    from ._transport.aiohttp import DefaultAioHttpClient
    from ._transport.httpx_clients import (
        DEFAULT_CONNECTION_LIMITS,
        DefaultAsyncHttpx2Client,
        DefaultAsyncHttpxClient,
        DefaultHttpx2Client,
        DefaultHttpxClient,
        ProxiesTypes,
        Transport,
    )
    from ._transport.mock import MockResponse, MockTransport
    from ._transport.native import NativeTransport
    from .lib.azure import AsyncAzureOpenAI, AzureOpenAI
    from .lib.bedrock import AsyncBedrockOpenAI, BedrockOpenAI
    from .lib.computer import (
        AsyncComputerDriver,
        AsyncComputerToolset,
        ComputerDriver,
        ComputerToolset,
    )
    from .lib.hedge import (
        Hedger,
        fan_out,
        hedge_stats,
        hedged_request,
        hedged_request_n,
        speculative,
    )
    from .lib.tools import pydantic_function_tool, pydantic_responses_function_tool
    from .lib.ws_session import AsyncResponsesSession
    from .types._base import BaseModel
    from .types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides

__version__ = VERSION
__title__ = "openai_oxide"
NotGiven = Omit
not_given = omit = NOT_GIVEN
DEFAULT_MAX_RETRIES = 2

# The module-level client's settings, as in the official package (`_module_client.py`):
# `openai_oxide.chat...` uses a client built from these (None: from the environment).
api_key: str | None = None
organization: str | None = None
project: str | None = None
webhook_secret: str | None = None
base_url: str | None = None
timeout: float | Timeout | None = None
max_retries: int = DEFAULT_MAX_RETRIES
default_headers: dict[str, str] | None = None
default_query: dict[str, object] | None = None

# The endpoint groups reachable on the package itself (the module-level client).
_MODULE_RESOURCES = frozenset(
    {
        "audio",
        "batches",
        "beta",
        "chat",
        "completions",
        "containers",
        "content_provenance_checks",
        "conversations",
        "embeddings",
        "evals",
        "files",
        "fine_tuning",
        "images",
        "models",
        "moderations",
        "realtime",
        "responses",
        "skills",
        "uploads",
        "vector_stores",
        "videos",
        "webhooks",
    }
)
_LAZY = {
    "AsyncOpenAI": "._client",
    "OpenAI": "._sync",
    "AsyncStream": "._streaming",
    "BinaryResponseContent": "._binary",
    "AsyncPage": "._pagination",
    "AsyncPaginator": "._pagination",
    "NativeTransport": "._transport.native",
    "DefaultHttpxClient": "._transport.httpx_clients",
    "DefaultAsyncHttpxClient": "._transport.httpx_clients",
    "DefaultHttpx2Client": "._transport.httpx_clients",
    "DefaultAsyncHttpx2Client": "._transport.httpx_clients",
    "Transport": "._transport.httpx_clients",
    "ProxiesTypes": "._transport.httpx_clients",
    "DEFAULT_CONNECTION_LIMITS": "._transport.httpx_clients",
    "MockTransport": "._transport.mock",
    "MockResponse": "._transport.mock",
    "AsyncResponsesSession": ".lib.ws_session",
    # The rest of the official top level (`openai.__all__`, Azure, Bedrock, tool helpers).
    "types": ".types",  # a module
    "Client": "._sync",
    "Stream": "._sync",
    "AsyncClient": "._client",
    "DefaultAioHttpClient": "._transport.aiohttp",
    "AzureOpenAI": ".lib.azure",
    "AsyncAzureOpenAI": ".lib.azure",
    "BedrockOpenAI": ".lib.bedrock",
    "AsyncBedrockOpenAI": ".lib.bedrock",
    "ComputerDriver": ".lib.computer",
    "AsyncComputerDriver": ".lib.computer",
    "ComputerToolset": ".lib.computer",
    "AsyncComputerToolset": ".lib.computer",
    # openai-oxide's extras: hedging and fan-out (lib/hedge.py).
    "hedged_request": ".lib.hedge",
    "hedged_request_n": ".lib.hedge",
    "speculative": ".lib.hedge",
    "fan_out": ".lib.hedge",
    "hedge_stats": ".lib.hedge",
    "Hedger": ".lib.hedge",
    "pydantic_function_tool": ".lib.tools",
    "pydantic_responses_function_tool": ".lib.tools",
    "BaseModel": ".types._base",
    "ReconnectingEvent": ".types.websocket_reconnection",
    "ReconnectingOverrides": ".types.websocket_reconnection",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None and name in _MODULE_RESOURCES:
        from ._module_client import ModuleResource

        globals()[name] = ModuleResource(name)
        return globals()[name]
    if module is None:
        raise AttributeError(f"module 'openai_oxide' has no attribute {name!r}")
    from importlib import import_module

    loaded = import_module(module, __name__)
    value = loaded if name == "types" else getattr(loaded, name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAzureOpenAI",
    "AsyncBedrockOpenAI",
    "AsyncClient",
    "AsyncComputerDriver",
    "AsyncComputerToolset",
    "AsyncOpenAI",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncResponsesSession",
    "AsyncStream",
    "AuthenticationError",
    "AzureOpenAI",
    "BadRequestError",
    "BaseModel",
    "BedrockOpenAI",
    "BinaryResponseContent",
    "Client",
    "ComputerDriver",
    "ComputerToolset",
    "ConflictError",
    "ConnectionLimitReachedError",
    "ContentFilterFinishReasonError",
    "DataResidency",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpx2Client",
    "DefaultAsyncHttpxClient",
    "DefaultHttpx2Client",
    "DefaultHttpxClient",
    "Hedger",
    "InternalServerError",
    "InvalidWebhookSignatureError",
    "LengthFinishReasonError",
    "MockResponse",
    "MockTransport",
    "NativeTransport",
    "NoneType",
    "NotFoundError",
    "NotGiven",
    "OAuthError",
    "Omit",
    "OpenAI",
    "OpenAIError",
    "PermissionDeniedError",
    "PreviousResponseNotFoundError",
    "ProxiesTypes",
    "RateLimitError",
    "ReconnectingEvent",
    "ReconnectingOverrides",
    "RequestOptions",
    "Stream",
    "StreamError",
    "StreamEventError",
    "SyncUnavailableError",
    "Timeout",
    "Transport",
    "UnprocessableEntityError",
    "WebSocketConnectionClosedError",
    "WebSocketDisconnectedError",
    "WebSocketQueueFullError",
    "WebSocketSessionError",
    "__title__",
    "__version__",
    "fan_out",
    "file_from_path",
    "hedge_stats",
    "hedged_request",
    "hedged_request_n",
    "not_given",
    "omit",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "speculative",
    "types",
]
