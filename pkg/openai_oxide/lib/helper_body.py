"""The request body of the helper methods (`stream`, `parse`, over HTTP or a WebSocket
session): tools given as models or `FunctionTool`s become the API's dicts, a type given as
the output format becomes the strict JSON-schema format, and the original tools are kept to
parse the answer with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._base import CallOptions, without_omitted
from .._core.request import Omit
from .parsing import has_rich_format
from .schema import type_to_response_format, type_to_text_format
from .tools import to_chat_tool_param, to_responses_tool_param

__all__ = ["listed", "prepare_chat_body", "prepare_responses_body"]


def listed(params: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """`params` with the named arrays listed once: the official types them `Iterable`, so
    a generator or a tuple may come, and a helper reads them before it sends them."""
    out = dict(params)
    for name in names:
        value = out.get(name)
        if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping | list):
            out[name] = list(value)
    return out


def prepare_responses_body(
    kwargs: dict[str, Any], text_format: object
) -> tuple[dict[str, Any], CallOptions, list[Any] | None]:
    """The Responses body: tools as dicts, `text_format` as the strict `text.format`."""
    options = CallOptions.pop_from(kwargs)
    kwargs = listed(kwargs, "input")
    given = kwargs.get("tools")
    tools: list[Any] | None = None
    if given is not None and not isinstance(given, Omit):
        tools = list(given)
        kwargs["tools"] = [to_responses_tool_param(t) for t in tools]
    if text_format is not None:
        kwargs["text"] = {**(kwargs.get("text") or {}), "format": type_to_text_format(text_format)}
    return without_omitted(kwargs), options, tools


def prepare_chat_body(
    kwargs: dict[str, Any], response_format: object
) -> tuple[dict[str, Any], CallOptions, list[Any]]:
    """The Chat Completions body: tools as dicts that still carry their model, a type as
    `response_format` as the strict json_schema format."""
    options = CallOptions.pop_from(kwargs)
    kwargs = listed(kwargs, "messages")
    given = kwargs.get("tools")
    tools: list[Any] = []
    if given is not None and not isinstance(given, Omit):
        tools = [to_chat_tool_param(t) for t in given]
        kwargs["tools"] = tools
    if has_rich_format(response_format):
        kwargs["response_format"] = type_to_response_format(response_format)
    elif response_format is not None and not isinstance(response_format, Omit):
        kwargs["response_format"] = response_format
    return without_omitted(kwargs), options, tools
