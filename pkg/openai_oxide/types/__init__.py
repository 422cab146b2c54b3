"""Typed pydantic models, loaded lazily (PEP 562): nothing heavy is imported here.

Resource types live in subpackages, as in the official SDK: `openai_oxide.types.responses`
and `openai_oxide.types.chat`.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import chat, responses
    from ._base import BaseModel
    from .chat.chat_completion import ChatCompletion
    from .chat.chat_completion_chunk import ChatCompletionChunk
    from .chat.completion_usage import CompletionUsage
    from .models import Model, ModelDeleted
    from .responses.events import ResponseStreamEvent
    from .responses.response import Response

_NAME_TO_MODULE: dict[str, str] = {
    "BaseModel": "_base",
    "ChatCompletion": "chat.chat_completion",
    "ChatCompletionChunk": "chat.chat_completion_chunk",
    "CompletionUsage": "chat.completion_usage",
    "Model": "models",
    "ModelDeleted": "models",
    "Response": "responses.response",
    "ResponseStreamEvent": "responses.events",
}

__all__ = [
    "BaseModel",
    "ChatCompletion",
    "ChatCompletionChunk",
    "CompletionUsage",
    "Model",
    "ModelDeleted",
    "Response",
    "ResponseStreamEvent",
    "chat",
    "responses",
]


def __getattr__(name: str) -> Any:
    module = _NAME_TO_MODULE.get(name)
    if module is None:
        if name in ("chat", "responses"):
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
