"""openai_oxide.lite: the SDK without pydantic, for Cloudflare Workers and the fastest
cold start.

    from openai_oxide.lite import AsyncOpenAI
    client = AsyncOpenAI()
    response = await client.responses.create(model="gpt-4o", input="Hi")   # a dict
    print(output_text(response))
    async for event in await client.responses.create(model=..., input=..., stream=True):
        ...                                                                # event dicts
    async for call in client.responses.create_stream_fc(model=..., input=..., tools=...):
        ...                                                                # early parse
    async with client.ws_session(defaults={"model": "gpt-4o"}) as ws:
        await ws.send(input="Hello")                                       # a dict

Results are plain dicts (their keys typed for editors in `openai_oxide.lite.types`); the
requests, retries, timeouts, streams, early parse, WebSocket sessions and hedging are the
typed client's own code (`hedge=` on the client, or `hedged_request`). Nothing here
imports pydantic, at import or at run time; the typed client's other endpoint groups are
absent (use `client.get/post/delete`, which return dicts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    OpenAIError,
    RateLimitError,
    StreamError,
    StreamEventError,
    WebSocketDisconnectedError,
    WebSocketSessionError,
)
from .._core.timeout import Timeout
from .._lazy import lazy_getattr
from ._client import AsyncOpenAI, OpenAI

if TYPE_CHECKING:
    from .._core.early import FunctionCallArgumentsPartial
    from ..lib.function_calls import FunctionCall
    from ..lib.hedge import Hedger, fan_out, hedged_request, speculative
    from ._early import FunctionCallStream
    from ._session import ResponsesSession

# Loaded on first use: a client that only creates and streams never pays for them.
__getattr__ = lazy_getattr(
    __name__,
    {
        "FunctionCallArgumentsPartial": "._core.early",
        "FunctionCall": ".lib.function_calls",
        "Hedger": ".lib.hedge",
        "fan_out": ".lib.hedge",
        "hedged_request": ".lib.hedge",
        "speculative": ".lib.hedge",
        "FunctionCallStream": "_early",
        "ResponsesSession": "_session",
    },
    globals(),
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncOpenAI",
    "AuthenticationError",
    "BadRequestError",
    "FunctionCall",
    "FunctionCallArgumentsPartial",
    "FunctionCallStream",
    "Hedger",
    "NotFoundError",
    "OpenAI",
    "OpenAIError",
    "RateLimitError",
    "ResponsesSession",
    "StreamError",
    "StreamEventError",
    "Timeout",
    "WebSocketDisconnectedError",
    "WebSocketSessionError",
    "fan_out",
    "hedged_request",
    "output_text",
    "speculative",
]


def output_text(response: Any) -> str:
    """All `output_text` parts of a response dict's `message` items, concatenated (the
    typed `Response.output_text`)."""
    texts: list[str] = []
    for item in response.get("output") or ():
        if isinstance(item, dict) and item.get("type") == "message":
            for part in item.get("content") or ():
                if isinstance(part, dict) and part.get("type") == "output_text":
                    texts.append(part.get("text") or "")
    return "".join(texts)
