"""Pure parse helpers (no I/O) behind ``chat.completions.parse`` and ``responses.parse``.

They take an already-typed `ChatCompletion` / `Response` plus what was requested
(``response_format`` / ``text_format`` and ``tools``) and return the ``Parsed*`` variant,
with the semantics of the official SDK's ``lib/_parsing``:

Chat (`parse_chat_completion`):
- where something was asked to be parsed (a rich ``response_format`` or a strict/model
  tool: `has_parseable_input`), a choice with ``finish_reason == "length"`` raises
  `LengthFinishReasonError` (``.completion`` set), ``"content_filter"`` raises
  `ContentFilterFinishReasonError`: a cut answer cannot be parsed. A plain completion cut
  short is returned as it is, with its finish_reason (the official SDK's stream helper
  raises only for parseable input too; its non-streaming ``parse`` raises always);
- ``message.parsed`` is the content validated into the requested type, unless the
  message is a refusal (then ``parsed`` is None and ``.refusal`` holds the text) or has
  no content;
- function tool calls become `ParsedFunctionToolCall` whose ``function.parsed_arguments``
  is the tool's model instance (pydantic tools, `FunctionTool`), the decoded JSON (other
  strict tools) or None (non-strict or unknown tools); custom tool calls are dropped
  with a warning, as in the official SDK.

Responses (`parse_response`):
- each ``output_text`` of a message becomes `ParsedResponseOutputText` with ``parsed``
  (only for messages without a phase or with phase ``final_answer``), and
  ``ParsedResponse.output_parsed`` is the first one that parsed;
- function calls get ``parsed_arguments`` as above (namespaced tools resolved).

Invalid content or arguments raise ``pydantic.ValidationError`` (or ``ValueError`` for
bad JSON of a non-model strict tool), as the official SDK does.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast, overload

import pydantic
import pydantic_core

from .._core.errors import ContentFilterFinishReasonError, LengthFinishReasonError
from .._core.request import Omit
from ..types.chat.chat_completion import ChatCompletion, Choice
from ..types.chat.chat_completion_message import ChatCompletionMessage
from ..types.chat.chat_completion_message_custom_tool_call import (
    ChatCompletionMessageCustomToolCall,
)
from ..types.chat.chat_completion_message_function_tool_call import (
    ChatCompletionMessageFunctionToolCall,
)
from ..types.responses.output_message import ResponseOutputMessage, ResponseOutputText
from ..types.responses.response import Response
from ..types.responses.tool_calls import ResponseFunctionToolCall
from .parsed_types import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)
from .schema import is_parseable_type, type_adapter
from .tools import FunctionTool

__all__ = [
    "check_finish_reason",
    "has_parseable_input",
    "has_rich_format",
    "parse_chat_completion",
    "parse_content",
    "parse_partial_structured",
    "parse_response",
    "tool_model",
    "upgrade",
    "validate_input_tools",
]

T = TypeVar("T")
_M = TypeVar("_M", bound=pydantic.BaseModel)

log = logging.getLogger("openai_oxide.lib.parsing")


def _given(value: object) -> bool:
    return value is not None and not isinstance(value, Omit)


def has_rich_format(fmt: object) -> bool:
    """True when ``fmt`` is a type to parse into (not a raw ``response_format`` dict)."""
    return _given(fmt) and is_parseable_type(fmt)


def parse_content(content: str | bytes, fmt: type[T]) -> T:
    """Validate JSON text into ``fmt`` (a pydantic model, or any type via `TypeAdapter`)."""
    if isinstance(fmt, type) and issubclass(fmt, pydantic.BaseModel):
        return cast(T, fmt.model_validate_json(content))
    return cast(T, type_adapter(fmt).validate_json(content))


# -------------------------------------------------------------------------- tools


def _function_of(tool: object) -> tuple[str | None, object]:
    """(type, the object that carries name/strict/model) of a chat or Responses tool."""
    if isinstance(tool, FunctionTool):
        return "function", tool
    if isinstance(tool, Mapping):
        typ = tool.get("type")
        inner = tool.get("function")
        return typ, inner if isinstance(inner, Mapping) else tool
    return None, tool


def tool_model(tool: object) -> type[pydantic.BaseModel] | None:
    """The pydantic model a tool carries: `FunctionTool`, `pydantic_function_tool` dicts
    (ours, and the official SDK's), or None for plain dicts."""
    _, fn = _function_of(tool)
    for holder in (fn, tool):
        model = getattr(holder, "model", None)
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            return model
    return None


def _tool_name(fn: object) -> object:
    return fn.name if isinstance(fn, FunctionTool) else cast(Mapping[str, Any], fn).get("name")


def _tool_strict(fn: object) -> bool:
    if isinstance(fn, FunctionTool):
        return fn.strict
    return cast(Mapping[str, Any], fn).get("strict") is True


def has_parseable_input(*, response_format: object = None, input_tools: object = None) -> bool:
    """True when there is anything to parse: a rich format or a strict/model tool."""
    if has_rich_format(response_format):
        return True
    if not _given(input_tools):
        return False
    for tool in cast(Iterable[object], input_tools):
        typ, fn = _function_of(tool)
        if typ == "function" and (tool_model(tool) is not None or _tool_strict(fn)):
            return True
    return False


def validate_input_tools(input_tools: Iterable[object] | None) -> list[object]:
    """The check ``chat.completions.parse`` does before sending: only strict function
    tools can be auto-parsed (`ValueError` otherwise)."""
    if not _given(input_tools):
        return []
    tools = list(cast(Iterable[object], input_tools))
    for tool in tools:
        typ, fn = _function_of(tool)
        if typ != "function":
            raise ValueError(
                f"Currently only `function` tool types support auto-parsing; Received `{typ}`"
            )
        if not _tool_strict(fn):
            raise ValueError(
                f"`{_tool_name(fn)}` is not strict. Only `strict` function tools can be auto-parsed"
            )
    return tools


def _find_chat_tool(tools: list[object], name: str | None) -> object | None:
    for tool in tools:
        typ, fn = _function_of(tool)
        if typ == "function" and _tool_name(fn) == name:
            return tool
    return None


def _parse_arguments(tool: object | None, arguments: str | None) -> object:
    if tool is None:
        return None
    model = tool_model(tool)
    if model is not None:
        return model.model_validate_json(arguments or "{}")
    _, fn = _function_of(tool)
    if not _tool_strict(fn):
        return None
    return json.loads(arguments or "{}")


# --------------------------------------------------------------------------- chat


def _fields(obj: pydantic.BaseModel) -> dict[str, Any]:
    """Declared fields and extras of a model, without validation or copies."""
    values = dict(obj.__dict__)
    if obj.__pydantic_extra__:
        values.update(obj.__pydantic_extra__)
    return values


def upgrade(cls: type[_M], obj: pydantic.BaseModel, **updates: Any) -> _M:
    """``obj`` as an instance of its subclass ``cls``, with ``updates`` set."""
    values = {**_fields(obj), **updates}
    return cls.model_construct(_fields_set=obj.model_fields_set | set(updates), **values)


def check_finish_reason(reason: object, parseable: bool, completion: Any) -> None:
    """Raise what the official SDK raises for an answer cut short that was to be parsed."""
    if not parseable:
        return
    if reason == "length":
        raise LengthFinishReasonError(completion=completion)
    if reason == "content_filter":
        raise ContentFilterFinishReasonError(completion=completion)


def _parse_choice(
    choice: Choice,
    response_format: object,
    tools: list[object],
    completion: ChatCompletion,
    parseable: bool,
) -> ParsedChoice[Any]:
    check_finish_reason(choice.finish_reason, parseable, completion)
    message = choice.message or ChatCompletionMessage()

    tool_calls: list[Any] = []
    for call in message.tool_calls or []:
        if isinstance(call, ChatCompletionMessageFunctionToolCall):
            function = call.function
            name = function.name if function else None
            arguments = function.arguments if function else None
            parsed_arguments = _parse_arguments(_find_chat_tool(tools, name), arguments)
            parsed_function = (
                upgrade(ParsedFunction, function, parsed_arguments=parsed_arguments)
                if function is not None
                else ParsedFunction(parsed_arguments=parsed_arguments)
            )
            tool_calls.append(upgrade(ParsedFunctionToolCall, call, function=parsed_function))
        elif isinstance(call, ChatCompletionMessageCustomToolCall):
            log.warning(
                "Custom tool calls are not callable. Ignoring tool call: %s - %s",
                call.id,
                call.custom.name if call.custom else None,
                stacklevel=3,
            )
        else:  # a tool call type this SDK does not know yet: keep it
            tool_calls.append(call)

    parsed: Any = None
    if has_rich_format(response_format) and message.content and not message.refusal:
        parsed = parse_content(message.content, cast(type[Any], response_format))

    parsed_message = upgrade(
        ParsedChatCompletionMessage,
        message,
        parsed=parsed,
        tool_calls=tool_calls or None,
    )
    return upgrade(ParsedChoice, choice, message=parsed_message)


@overload
def parse_chat_completion(
    chat_completion: ChatCompletion,
    *,
    response_format: type[T],
    input_tools: Iterable[object] | None = None,
) -> ParsedChatCompletion[T]: ...


@overload
def parse_chat_completion(
    chat_completion: ChatCompletion,
    *,
    response_format: object = None,
    input_tools: Iterable[object] | None = None,
) -> ParsedChatCompletion[Any]: ...


def parse_chat_completion(
    chat_completion: ChatCompletion,
    *,
    response_format: object = None,
    input_tools: Iterable[object] | None = None,
) -> ParsedChatCompletion[Any]:
    """The `ParsedChatCompletion` of ``chat_completion`` (see the module docstring).

    ``response_format``: the type passed to ``parse()`` (a raw dict, None or NOT_GIVEN
    means nothing to parse). ``input_tools``: the ``tools`` passed (dicts, `FunctionTool`
    objects, `pydantic_function_tool` results).
    """
    tools = list(input_tools) if input_tools is not None and _given(input_tools) else []
    parseable = has_parseable_input(response_format=response_format, input_tools=tools)
    choices = [
        _parse_choice(choice, response_format, tools, chat_completion, parseable)
        for choice in chat_completion.choices
    ]
    return upgrade(ParsedChatCompletion, chat_completion, choices=choices)


# ---------------------------------------------------------------------- responses


def _find_responses_tool(
    tools: list[object], name: str | None, namespace: str | None
) -> object | None:
    if namespace is not None:
        for tool in tools:
            if isinstance(tool, Mapping) and tool.get("type") == "namespace":
                if tool.get("name") != namespace:
                    continue
                for nested in tool.get("tools") or ():
                    typ, fn = _function_of(nested)
                    if typ == "function" and _tool_name(fn) == name:
                        return cast(object, nested)
                return None
        # Deferred top-level functions may report their own name as the namespace.
        if namespace != name:
            return None
    for tool in tools:
        typ, fn = _function_of(tool)
        if typ == "function" and _tool_name(fn) == name:
            return tool
    return None


def _parse_text(text: str | None, text_format: object, phase: str | None) -> Any:
    if phase is not None and phase != "final_answer":
        return None
    if not has_rich_format(text_format) or text is None:
        return None
    return parse_content(text, cast(type[Any], text_format))


@overload
def parse_response(
    response: Response,
    *,
    text_format: type[T],
    input_tools: Iterable[object] | None = None,
) -> ParsedResponse[T]: ...


@overload
def parse_response(
    response: Response,
    *,
    text_format: object = None,
    input_tools: Iterable[object] | None = None,
) -> ParsedResponse[Any]: ...


def parse_response(
    response: Response,
    *,
    text_format: object = None,
    input_tools: Iterable[object] | None = None,
) -> ParsedResponse[Any]:
    """The `ParsedResponse` of ``response`` (see the module docstring)."""
    tools = list(input_tools) if input_tools is not None and _given(input_tools) else []
    output: list[Any] = []
    for item in response.output:
        if isinstance(item, ResponseOutputMessage):
            content: list[Any] = [
                upgrade(
                    ParsedResponseOutputText,
                    part,
                    parsed=_parse_text(part.text, text_format, item.phase),
                )
                if isinstance(part, ResponseOutputText)
                else part
                for part in item.content
            ]
            output.append(upgrade(ParsedResponseOutputMessage, item, content=content))
        elif isinstance(item, ResponseFunctionToolCall):
            tool = _find_responses_tool(tools, item.name, item.namespace)
            output.append(
                upgrade(
                    ParsedResponseFunctionToolCall,
                    item,
                    parsed_arguments=_parse_arguments(tool, item.arguments),
                )
            )
        else:
            output.append(item)
    return upgrade(ParsedResponse, response, output=output)


# ------------------------------------------------------------------- partial JSON


_TRAILING_NUMBER = re.compile(rb"[-+0-9.eE]+\s*$")


def _from_partial_json(text: str | bytes) -> Any:
    data = text.encode() if isinstance(text, str) else text
    try:
        return pydantic_core.from_json(data)
    except ValueError:
        pass
    # A number at the very end may still grow ("12" -> "125"): leave it out, as
    # incomplete strings are.
    return pydantic_core.from_json(_TRAILING_NUMBER.sub(b"", data), allow_partial=True)


@overload
def parse_partial_structured(
    text: str | bytes, model: type[_M]
) -> tuple[dict[str, Any], _M | None]: ...


@overload
def parse_partial_structured(text: str | bytes, model: Any) -> tuple[dict[str, Any], Any]: ...


def parse_partial_structured(text: str | bytes, model: Any) -> tuple[dict[str, Any], Any]:
    """A snapshot of a structured answer that is still streaming.

    Returns ``(partial, instance)``: ``partial`` is what the text holds so far (incomplete
    strings are left out, so no value is ever a truncated string); ``instance`` is
    ``model`` validated from ``partial`` when that succeeds, else None. A model with
    list fields may validate before the list is complete; the final instance comes from
    the complete text. Raises ``ValueError`` for text that is not a JSON prefix.
    """
    if not text.strip():
        return {}, None
    value = _from_partial_json(text)
    partial: dict[str, Any] = value if isinstance(value, dict) else {}
    try:
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            return partial, model.model_validate(partial)
        return partial, type_adapter(model).validate_python(partial)
    except pydantic.ValidationError:
        return partial, None
