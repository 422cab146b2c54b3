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
from ._logs import log_bodies, setup_logging
from ._types import DataResidency, NoneType, RequestOptions, file_from_path

if TYPE_CHECKING:
    from . import types
    from ._binary import BinaryResponseContent
    from ._binary import HttpxBinaryResponseContent as HttpxBinaryResponseContent
    from ._client import AsyncClient, AsyncOpenAI
    from ._pagination import AsyncPage, AsyncPaginator
    from ._resume import StreamResumeError
    from ._streaming import AsyncStream
    from ._sync import Stream
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
    from .lib.azure import AsyncAzureOpenAI
    from .lib.bedrock import AsyncBedrockOpenAI
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
    from .sync._client import Client, OpenAI
    from .sync.lib.azure import AzureOpenAI
    from .sync.lib.bedrock import BedrockOpenAI
    from .types._base import BaseModel
    from .types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides


try:  # the Pyodide bundle's wheel: the official type paths as one table (_official_finder)
    from ._official_table import TABLE as _OFFICIAL_PATHS  # type: ignore[import-not-found, unused-ignore]
except ModuleNotFoundError as _missing:  # every other wheel: the paths are files
    if _missing.name != f"{__name__}._official_table":
        raise
    del _missing
else:
    from ._official_finder import install as _install_official_paths

    _install_official_paths(_OFFICIAL_PATHS)
    del _OFFICIAL_PATHS, _install_official_paths

__version__ = VERSION
__title__ = "openai_oxide"
NotGiven = Omit
not_given = omit = NOT_GIVEN
DEFAULT_MAX_RETRIES = 2

# The module-level client's settings, as in the official package (`_module_client.py`):
# `openai_oxide.chat...` uses a client built from these (None: from the environment).
api_key: str | None = None
admin_api_key: str | None = None
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
        "admin",
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

if TYPE_CHECKING:
    # BEGIN gen_sync: the module-level client's groups, typed (scripts/generate.py)
    from .sync.resources.admin import Admin as _Admin
    from .sync.resources.audio import Audio as _Audio
    from .sync.resources.batches import Batches as _Batches
    from .sync.resources.beta import Beta as _Beta
    from .sync.resources.chat import Chat as _Chat
    from .sync.resources.completions import Completions as _Completions
    from .sync.resources.containers import Containers as _Containers
    from .sync.resources.content_provenance_checks import (
        ContentProvenanceChecks as _ContentProvenanceChecks,
    )
    from .sync.resources.conversations import Conversations as _Conversations
    from .sync.resources.embeddings import Embeddings as _Embeddings
    from .sync.resources.evals import Evals as _Evals
    from .sync.resources.files import Files as _Files
    from .sync.resources.fine_tuning import FineTuning as _FineTuning
    from .sync.resources.images import Images as _Images
    from .sync.resources.models import Models as _Models
    from .sync.resources.moderations import Moderations as _Moderations
    from .sync.resources.realtime import Realtime as _Realtime
    from .sync.resources.responses import Responses as _Responses
    from .sync.resources.skills import Skills as _Skills
    from .sync.resources.uploads import Uploads as _Uploads
    from .sync.resources.vector_stores import VectorStores as _VectorStores
    from .sync.resources.videos import Videos as _Videos
    from .sync.resources.webhooks import Webhooks as _Webhooks

    admin: _Admin
    audio: _Audio
    batches: _Batches
    beta: _Beta
    chat: _Chat
    completions: _Completions
    containers: _Containers
    content_provenance_checks: _ContentProvenanceChecks
    conversations: _Conversations
    embeddings: _Embeddings
    evals: _Evals
    files: _Files
    fine_tuning: _FineTuning
    images: _Images
    models: _Models
    moderations: _Moderations
    realtime: _Realtime
    responses: _Responses
    skills: _Skills
    uploads: _Uploads
    vector_stores: _VectorStores
    videos: _Videos
    webhooks: _Webhooks
    # END gen_sync
_LAZY = {
    "AsyncOpenAI": "._client",
    "OpenAI": ".sync._client",
    "AsyncStream": "._streaming",
    "StreamResumeError": "._resume",
    "BinaryResponseContent": "._binary",
    "HttpxBinaryResponseContent": "._binary",
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
    "Client": ".sync._client",
    "Stream": "._sync",
    "AsyncClient": "._client",
    "DefaultAioHttpClient": "._transport.aiohttp",
    "AzureOpenAI": ".sync.lib.azure",
    "AsyncAzureOpenAI": ".lib.azure",
    "BedrockOpenAI": ".sync.lib.bedrock",
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
    # Hooks and the rate limits an answer reports (docs/hooks.md).
    "HookError": "._hooks",
    "RateLimit": "._core.ratelimits",
    "RateLimits": "._core.ratelimits",
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


setup_logging()  # OPENAI_LOG, read once at import as the official SDK does

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
    "HookError",
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
    "RateLimit",
    "RateLimitError",
    "RateLimits",
    "ReconnectingEvent",
    "ReconnectingOverrides",
    "RequestOptions",
    "Stream",
    "StreamError",
    "StreamEventError",
    "StreamResumeError",
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
    "log_bodies",
    "not_given",
    "omit",
    "pydantic_function_tool",
    "pydantic_responses_function_tool",
    "speculative",
    "types",
]
