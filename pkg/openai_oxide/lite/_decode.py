"""How the lite client reads answers: JSON objects as dicts, stream events as dicts, with
the typed client's error rules (`_streaming.StreamDecoder` does the rest). They return
`Any`: the callers type the dicts with the TypedDicts of `lite.types`, for editors."""

from __future__ import annotations

from typing import Any

from .._core import codec
from .._core.sse import ServerSentEvent
from .._streaming import RaiseAtEnd

__all__ = ["decode_chunk", "decode_event", "json_object"]


def json_object(content: bytes) -> Any:
    """An answer's body; a ValueError (APIResponseValidationError to the caller) when it is
    not a JSON object."""
    return _object(codec.loads(content))


def decode_event(sse: ServerSentEvent) -> Any:
    """A Responses stream event; an `error` event is yielded, then raised at the end."""
    event = _object(sse.json())
    if event.get("type") == "error":
        return RaiseAtEnd(event, event)
    return event


def decode_chunk(sse: ServerSentEvent) -> Any:
    """A chat.completion.chunk; a `{"error": ...}` chunk raises that error (the decoder
    turns this ValueError into the APIError the payload reports)."""
    chunk = _object(sse.json())
    if chunk.get("error"):
        raise ValueError("the stream reported an error")
    return chunk


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return value
