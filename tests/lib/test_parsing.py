"""Parse helpers on hand-built `ChatCompletion` / `Response` objects."""

from __future__ import annotations

import json
import logging
from typing import Any

import pydantic
import pytest
from pydantic import BaseModel

from openai_oxide._core.errors import ContentFilterFinishReasonError, LengthFinishReasonError
from openai_oxide.lib import (
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedFunctionToolCall,
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
    function_tool,
    has_parseable_input,
    parse_chat_completion,
    parse_partial_structured,
    parse_response,
    pydantic_function_tool,
    validate_input_tools,
)
from openai_oxide.lib.tools import pydantic_responses_function_tool
from openai_oxide.types.chat import ChatCompletion
from openai_oxide.types.responses import Response


class Step(BaseModel):
    explanation: str
    output: str


class Math(BaseModel):
    steps: list[Step]
    final_answer: str


class GetWeather(BaseModel):
    """Weather for a city."""

    city: str
    days: int


ANSWER = Math(steps=[Step(explanation="add", output="2")], final_answer="2")


def chat(
    *,
    content: str | None = None,
    refusal: str | None = None,
    finish_reason: str = "stop",
    tool_calls: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {"index": 0, "finish_reason": finish_reason, "logprobs": None, "message": message}
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
        "x_unknown": {"kept": True},
    }


def fn_call(name: str, arguments: str, call_id: str = "call_1") -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


# --------------------------------------------------------------------------- chat


def test_chat_parsed_content() -> None:
    completion = ChatCompletion.model_validate(chat(content=ANSWER.model_dump_json()))
    parsed = parse_chat_completion(completion, response_format=Math)
    assert isinstance(parsed, ParsedChatCompletion) and isinstance(parsed, ChatCompletion)
    message = parsed.choices[0].message
    assert isinstance(message, ParsedChatCompletionMessage)
    assert message.parsed == ANSWER
    assert message.refusal is None and message.tool_calls is None
    assert parsed.usage is not None and parsed.usage.total_tokens == 12
    assert parsed.model_extra == {"x_unknown": {"kept": True}}
    # Only what the API sent plus `parsed` is dumped.
    dumped = parsed.to_dict()
    assert dumped["choices"][0]["message"]["parsed"]["final_answer"] == "2"
    assert dumped["x_unknown"] == {"kept": True}


def test_chat_refusal_gives_no_parsed() -> None:
    completion = ChatCompletion.model_validate(chat(refusal="I can't help with that."))
    message = parse_chat_completion(completion, response_format=Math).choices[0].message
    assert message is not None
    assert message.refusal == "I can't help with that."
    assert message.parsed is None


def test_chat_raw_dict_format_is_not_parsed() -> None:
    completion = ChatCompletion.model_validate(chat(content='{"a": 1}'))
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}}
    message = parse_chat_completion(completion, response_format=fmt).choices[0].message
    assert message is not None and message.parsed is None
    assert not has_parseable_input(response_format=fmt)
    assert has_parseable_input(response_format=Math)


def test_chat_length_and_content_filter() -> None:
    completion = ChatCompletion.model_validate(chat(content='{"steps": [', finish_reason="length"))
    with pytest.raises(LengthFinishReasonError) as length:
        parse_chat_completion(completion, response_format=Math)
    assert length.value.completion is completion
    assert "length limit was reached" in str(length.value)
    assert "total_tokens=12" in str(length.value)

    filtered = ChatCompletion.model_validate(chat(content=None, finish_reason="content_filter"))
    with pytest.raises(ContentFilterFinishReasonError) as cf:
        parse_chat_completion(filtered, response_format=Math)
    assert cf.value.completion is filtered  # type: ignore[attr-defined]
    assert "content filter" in str(cf.value)

    # Nothing asked to be parsed: the answer so far, with its finish_reason.
    for cut in (completion, filtered):
        [choice] = parse_chat_completion(cut).choices
        assert choice.finish_reason == cut.choices[0].finish_reason
        assert choice.message.content == cut.choices[0].message.content
        assert choice.message.parsed is None
    strict = {"type": "function", "function": {"name": "f", "strict": True, "parameters": {}}}
    with pytest.raises(LengthFinishReasonError):  # a strict tool is parseable input
        parse_chat_completion(completion, input_tools=[strict])


def test_chat_invalid_content_raises_validation_error() -> None:
    completion = ChatCompletion.model_validate(chat(content='{"steps": "nope"}'))
    with pytest.raises(pydantic.ValidationError):
        parse_chat_completion(completion, response_format=Math)


@function_tool
def lookup(key: str, limit: int = 1) -> str:
    """Look a key up."""
    return key * limit


def test_chat_tool_parsed_arguments(caplog: pytest.LogCaptureFixture) -> None:
    plain_strict = {
        "type": "function",
        "function": {"name": "raw", "strict": True, "parameters": {"type": "object"}},
    }
    not_strict = {"type": "function", "function": {"name": "loose", "parameters": {}}}
    tools = [pydantic_function_tool(GetWeather), lookup, plain_strict, not_strict]
    completion = ChatCompletion.model_validate(
        chat(
            finish_reason="tool_calls",
            tool_calls=[
                fn_call("GetWeather", '{"city": "Oslo", "days": 2}', "c1"),
                fn_call("lookup", '{"key": "k", "limit": 3}', "c2"),
                fn_call("raw", '{"any": [1]}', "c3"),
                fn_call("loose", '{"x": 1}', "c4"),
                fn_call("invented", "{}", "c5"),
                {"id": "c6", "type": "custom", "custom": {"name": "grammar", "input": "x"}},
                {"id": "c7", "type": "future_kind", "future": {}},
            ],
        )
    )
    with caplog.at_level(logging.WARNING, logger="openai_oxide.lib.parsing"):
        parsed = parse_chat_completion(completion, input_tools=tools)
    assert "Custom tool calls are not callable" in caplog.text
    message = parsed.choices[0].message
    assert message is not None and message.tool_calls is not None
    calls = message.tool_calls
    assert [getattr(c, "id", None) for c in calls] == ["c1", "c2", "c3", "c4", "c5", "c7"]
    assert all(isinstance(c, ParsedFunctionToolCall) for c in calls[:5])
    args = [c.function.parsed_arguments for c in calls[:5] if c.function]
    assert args[0] == GetWeather(city="Oslo", days=2)
    assert isinstance(args[1], lookup.model) and args[1].limit == 3  # type: ignore[attr-defined]
    assert args[2] == {"any": [1]}
    assert args[3] is None and args[4] is None
    assert calls[0].function is not None and calls[0].function.name == "GetWeather"
    assert message.parsed is None


def test_chat_bad_tool_arguments_raise() -> None:
    completion = ChatCompletion.model_validate(
        chat(tool_calls=[fn_call("GetWeather", '{"city": "Oslo", "days": "two"}')])
    )
    with pytest.raises(pydantic.ValidationError):
        parse_chat_completion(completion, input_tools=[pydantic_function_tool(GetWeather)])


def test_validate_input_tools() -> None:
    good = [pydantic_function_tool(GetWeather), lookup]
    assert validate_input_tools(good) == good
    assert validate_input_tools(None) == []
    with pytest.raises(ValueError, match="not strict"):
        validate_input_tools([{"type": "function", "function": {"name": "loose"}}])
    with pytest.raises(ValueError, match="Received `custom`"):
        validate_input_tools([{"type": "custom", "custom": {"name": "g"}}])


@pytest.mark.filterwarnings("ignore::UserWarning")  # the official dump warns, not ours
def test_chat_matches_official_parse() -> None:
    official = pytest.importorskip("openai.lib._parsing._completions")
    from openai.lib._tools import pydantic_function_tool as official_tool
    from openai.types.chat import ChatCompletion as OfficialChatCompletion

    data = chat(
        content=ANSWER.model_dump_json(),
        tool_calls=[fn_call("GetWeather", '{"city": "Oslo", "days": 2}')],
    )
    ours = parse_chat_completion(
        ChatCompletion.model_validate(data),
        response_format=Math,
        input_tools=[pydantic_function_tool(GetWeather)],
    )
    theirs = official.parse_chat_completion(
        response_format=Math,
        input_tools=[official_tool(GetWeather)],
        chat_completion=OfficialChatCompletion.model_validate(data),
    )
    assert ours.model_dump(exclude_unset=True) == theirs.model_dump(exclude_unset=True)
    assert ours.model_dump(mode="json") == theirs.model_dump(mode="json")


# ---------------------------------------------------------------------- responses


def message_item(text: str, *, phase: str | None = None, refusal: bool = False) -> dict[str, Any]:
    part = (
        {"type": "refusal", "refusal": text}
        if refusal
        else {"type": "output_text", "text": text, "annotations": []}
    )
    item: dict[str, Any] = {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": [part],
    }
    if phase is not None:
        item["phase"] = phase
    return item


def response(*items: dict[str, Any]) -> Response:
    return Response.model_validate(
        {
            "id": "resp_1",
            "object": "response",
            "created_at": 1,
            "status": "completed",
            "model": "gpt-4o",
            "output": list(items),
            "x_extra": 1,
        }
    )


def test_response_output_parsed() -> None:
    reasoning = {"id": "rs_1", "type": "reasoning", "summary": []}
    resp = response(
        reasoning,
        message_item("thinking...", phase="commentary"),
        message_item(ANSWER.model_dump_json(), phase="final_answer"),
    )
    parsed = parse_response(resp, text_format=Math)
    assert isinstance(parsed, ParsedResponse) and isinstance(parsed, Response)
    assert parsed.output_parsed == ANSWER
    assert parsed.output_text == "thinking..." + ANSWER.model_dump_json()
    assert parsed.model_extra == {"x_extra": 1}
    commentary, final = parsed.output[1], parsed.output[2]
    assert isinstance(commentary, ParsedResponseOutputMessage)
    part = commentary.content[0]
    assert isinstance(part, ParsedResponseOutputText) and part.parsed is None
    assert isinstance(final, ParsedResponseOutputMessage)
    final_part = final.content[0]
    assert isinstance(final_part, ParsedResponseOutputText) and final_part.parsed == ANSWER
    # `parsed` never goes back to the API when an item is sent as input.
    assert "parsed" not in json.dumps(parsed.to_dict(mode="json"))
    assert parsed.output[0].type == "reasoning"


def test_response_refusal() -> None:
    parsed = parse_response(response(message_item("No.", refusal=True)), text_format=Math)
    assert parsed.output_parsed is None
    item = parsed.output[0]
    assert isinstance(item, ParsedResponseOutputMessage)
    assert getattr(item.content[0], "refusal", None) == "No."


def test_response_function_calls() -> None:
    namespaced = {
        "type": "namespace",
        "name": "crm",
        "tools": [pydantic_responses_function_tool(GetWeather, name="weather")],
    }
    tools = [pydantic_responses_function_tool(GetWeather), lookup.responses_tool(), namespaced]
    resp = response(
        {
            "type": "function_call",
            "call_id": "c1",
            "name": "GetWeather",
            "arguments": '{"city": "Rome", "days": 1}',
        },
        {"type": "function_call", "call_id": "c2", "name": "lookup", "arguments": '{"key": "a"}'},
        {
            "type": "function_call",
            "call_id": "c3",
            "name": "weather",
            "namespace": "crm",
            "arguments": '{"city": "Bern", "days": 4}',
        },
        {"type": "function_call", "call_id": "c4", "name": "nope", "arguments": "{}"},
    )
    parsed = parse_response(resp, input_tools=tools)
    calls = parsed.output
    assert all(isinstance(c, ParsedResponseFunctionToolCall) for c in calls)
    args = [getattr(c, "parsed_arguments", None) for c in calls]
    assert args[0] == GetWeather(city="Rome", days=1)
    assert getattr(args[1], "key", None) == "a"
    assert args[2] == GetWeather(city="Bern", days=4)
    assert args[3] is None
    assert "parsed_arguments" not in json.dumps(parsed.to_dict(mode="json"))

    bad = response(
        {"type": "function_call", "call_id": "c", "name": "GetWeather", "arguments": '{"city": 1}'}
    )
    with pytest.raises(pydantic.ValidationError):
        parse_response(bad, input_tools=tools)


def test_response_matches_official_parse() -> None:
    official = pytest.importorskip("openai.lib._parsing._responses")
    from openai.types.responses import Response as OfficialResponse

    data = response(message_item(ANSWER.model_dump_json())).to_dict(mode="json")
    data.setdefault("tools", [])
    data.setdefault("parallel_tool_calls", True)
    data.setdefault("tool_choice", "auto")
    ours = parse_response(Response.model_validate(data), text_format=Math)
    theirs = official.parse_response(
        text_format=Math, input_tools=None, response=OfficialResponse.model_validate(data)
    )
    assert ours.output_parsed == theirs.output_parsed == ANSWER


# ------------------------------------------------------------------- partial JSON


def test_parse_partial_structured() -> None:
    full = ANSWER.model_dump_json()
    assert parse_partial_structured("", Math) == ({}, None)
    partial, model = parse_partial_structured(full[:20], Math)
    assert model is None and isinstance(partial, dict)
    # Incomplete strings and numbers are left out, never truncated.
    assert parse_partial_structured('{"city": "Os', GetWeather) == ({}, None)
    assert parse_partial_structured('{"city": "Oslo", "days": 1', GetWeather) == (
        {"city": "Oslo"},
        None,
    )
    _, weather = parse_partial_structured('{"city": "Oslo", "days": 12}', GetWeather)
    assert weather == GetWeather(city="Oslo", days=12)
    snapshots = [parse_partial_structured(full[:i], Math) for i in range(1, len(full) + 1)]
    assert snapshots[-1] == (ANSWER.model_dump(), ANSWER)
    first_valid = next(i for i, (_, m) in enumerate(snapshots) if m is not None)
    assert snapshots[first_valid][1] is not None
    with pytest.raises(ValueError):
        parse_partial_structured('{"a": }', GetWeather)
