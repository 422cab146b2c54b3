"""TypedDicts for the dicts the lite client returns: editors complete their keys, nothing
checks them at run time (the lite client never validates). Only the commonly read keys are
listed (`total=False`); every answer keeps all the keys the server sent."""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "Response",
    "ResponseOutputItem",
    "ResponseStreamEvent",
    "ResponseUsage",
]


class ResponseUsage(TypedDict, total=False):
    input_tokens: int
    output_tokens: int
    total_tokens: int
    input_tokens_details: dict[str, Any]
    output_tokens_details: dict[str, Any]


class ResponseOutputItem(TypedDict, total=False):
    """An item of `Response["output"]`: a message, a function call, reasoning, ..."""

    id: str
    type: str
    status: str
    role: str
    content: list[dict[str, Any]]
    name: str
    call_id: str
    arguments: str


class Response(TypedDict, total=False):
    """A Responses API `response` object."""

    id: str
    object: str
    created_at: float
    status: str
    model: str
    output: list[ResponseOutputItem]
    usage: ResponseUsage | None
    error: dict[str, Any] | None
    incomplete_details: dict[str, Any] | None
    previous_response_id: str | None
    metadata: dict[str, str] | None


class ResponseStreamEvent(TypedDict, total=False):
    """One event of a Responses stream (`type` says which; see the API reference)."""

    type: str
    sequence_number: int
    response: Response
    item: ResponseOutputItem
    item_id: str
    output_index: int
    content_index: int
    delta: str
    text: str
    arguments: str
    name: str


class ChatCompletion(TypedDict, total=False):
    """A `chat.completion` object."""

    id: str
    object: str
    created: int
    model: str
    choices: list[dict[str, Any]]
    usage: dict[str, Any] | None
    system_fingerprint: str | None


class ChatCompletionChunk(TypedDict, total=False):
    """A `chat.completion.chunk` object."""

    id: str
    object: str
    created: int
    model: str
    choices: list[dict[str, Any]]
    usage: dict[str, Any] | None
