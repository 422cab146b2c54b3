"""The `Parsed*` types of `.parse()` and the official second names of a class, at their
official paths.

`openai.types.responses.parsed_response`, `openai.types.chat.parsed_chat_completion` and
`.parsed_function_tool_call` hold the generic classes `responses.parse()` and
`chat.completions.parse()` return: here they are defined at those paths (hand-written, the
spec has no schema for them) and are what our endpoints return, and `ParsedResponse[M]` is
what mypy sees. An official name that is another name for a class (`ChatCompletionReasoningEffort
= ReasoningEffort`, `tool_param.WebSearchTool = WebSearchToolParam`) gives that one class.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY, mypy_flags

REPO = Path(__file__).resolve().parents[2]


class Person(BaseModel):
    name: str


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


def test_parsed_names_are_one_class_at_every_path() -> None:
    from openai_oxide import lib
    from openai_oxide.types import chat, responses

    paths = {
        "responses.parsed_response": (
            "ParsedResponse",
            "ParsedResponseOutputText",
            "ParsedResponseOutputMessage",
            "ParsedResponseFunctionToolCall",
            "ParsedContent",
            "ParsedResponseOutputItem",
        ),
        "chat.parsed_chat_completion": (
            "ParsedChatCompletion",
            "ParsedChatCompletionMessage",
            "ParsedChoice",
        ),
        "chat.parsed_function_tool_call": ("ParsedFunction", "ParsedFunctionToolCall"),
    }
    for module, names in paths.items():
        at_path = importlib.import_module(f"openai_oxide.types.{module}")
        package = responses if module.startswith("responses") else chat
        for name in names:
            assert getattr(at_path, name) is getattr(package, name) is getattr(lib, name), name
    assert issubclass(responses.ParsedResponse, responses.Response)
    assert issubclass(chat.ParsedChatCompletion, chat.ChatCompletion)
    assert issubclass(chat.ParsedFunctionToolCall, chat.ChatCompletionMessageFunctionToolCall)


async def test_parse_returns_the_class_at_the_official_path(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.types.chat.parsed_chat_completion import (
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
    )
    from openai_oxide.types.responses.parsed_response import (
        ParsedResponse,
        ParsedResponseOutputMessage,
        ParsedResponseOutputText,
    )

    answer = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "status": "completed",
        "model": "gpt-test",
        "output": [
            {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "status": "completed",
                "content": [{"type": "output_text", "text": '{"name": "Ada"}', "annotations": []}],
            }
        ],
    }
    fake.inject(Fault(status=200, body=answer, match="/responses"))
    parsed = await client.responses.parse(model="gpt-test", input="a person", text_format=Person)
    assert type(parsed) is ParsedResponse
    message = parsed.output[0]
    assert type(message) is ParsedResponseOutputMessage
    assert type(message.content[0]) is ParsedResponseOutputText
    assert parsed.output_parsed == Person(name="Ada")

    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-test",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": '{"name": "Ada"}'},
            }
        ],
    }
    fake.inject(Fault(status=200, body=completion, match="/chat/completions"))
    chat = await client.chat.completions.parse(
        model="gpt-test", messages=[{"role": "user", "content": "a person"}], response_format=Person
    )
    assert type(chat) is ParsedChatCompletion
    assert type(chat.choices[0].message) is ParsedChatCompletionMessage
    assert chat.choices[0].message.parsed == Person(name="Ada")


def test_second_names_are_the_class_they_name() -> None:
    from openai_oxide.types.chat import ChatCompletionReasoningEffort
    from openai_oxide.types.chat.chat_completion_reasoning_effort import (
        ChatCompletionReasoningEffort as at_path,
    )
    from openai_oxide.types.responses import tool, tool_param
    from openai_oxide.types.responses.web_search_tool_param import (
        Filters,
        UserLocation,
        WebSearchToolParam,
    )
    from openai_oxide.types.shared.reasoning_effort import ReasoningEffort

    assert at_path is ChatCompletionReasoningEffort is ReasoningEffort
    assert tool_param.WebSearchTool is WebSearchToolParam
    assert tool_param.WebSearchToolFilters is Filters
    assert tool_param.WebSearchToolUserLocation is UserLocation
    # an official union of one class and scalars names that class's inline schema too
    mcp = tool.Mcp.model_validate(
        {"type": "mcp", "server_label": "x", "allowed_tools": {"tool_names": ["a"]}}
    )
    assert type(mcp.allowed_tools) is tool.McpAllowedToolsMcpToolFilter


SNIPPET = """\
from typing import assert_type

from pydantic import BaseModel

from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.types.chat.parsed_chat_completion import ParsedChatCompletion
from openai_oxide.types.responses.parsed_response import ParsedResponse


class Person(BaseModel):
    name: str


async def check(a: AsyncOpenAI, s: OpenAI) -> None:
    parsed = await a.responses.parse(model="m", input="hi", text_format=Person)
    assert_type(parsed, ParsedResponse[Person])
    assert_type(parsed.output_parsed, Person | None)
    synced = s.responses.parse(model="m", input="hi", text_format=Person)
    assert_type(synced, ParsedResponse[Person])
    chat = await a.chat.completions.parse(model="m", messages=[], response_format=Person)
    assert_type(chat, ParsedChatCompletion[Person])
    assert_type(chat, ParsedResponse[Person])  # the one wrong line: mypy must flag it
"""


def test_mypy_sees_the_generic_parsed_types(tmp_path: Path) -> None:
    flagged, stdout = mypy_flags(SNIPPET, tmp_path, cache="official_paths")
    wrong = SNIPPET.splitlines().index(
        "    assert_type(chat, ParsedResponse[Person])  # the one wrong line: mypy must flag it"
    )
    assert flagged == [wrong + 1], stdout


def test_stream_variants_of_a_request_at_their_official_paths() -> None:
    """`ResponseCreateParams` is the one TypedDict of the schema, with the official base and
    streaming variants beside it (subclasses of the base: `stream` is theirs alone)."""
    from openai_oxide.types import completion_create_params, completions
    from openai_oxide.types.chat import completion_create_params as chat_params
    from openai_oxide.types.responses import response_create_params as create
    from openai_oxide.types.responses import response_retrieve_params as retrieve

    for module, name in (
        (create, "ResponseCreateParams"),
        (retrieve, "ResponseRetrieveParams"),
        (chat_params, "CompletionCreateParams"),
        (completion_create_params, "CompletionCreateParams"),
    ):
        base = getattr(module, f"{name}Base")
        assert "stream" not in base.__annotations__ and base.__annotations__, name
        for variant in (name, f"{name}NonStreaming", f"{name}Streaming"):
            keys = getattr(module, variant).__annotations__
            assert set(keys) - set(base.__annotations__) == {"stream"}, variant
        assert getattr(module, f"{name}Streaming").__required_keys__ == {"stream"}
        assert "stream" in getattr(module, f"{name}NonStreaming").__optional_keys__
    assert completion_create_params.CompletionCreateParams is completions.CompletionCreateParams


VARIANTS_SNIPPET = """\
from openai_oxide.types.responses.response_create_params import (
    ResponseCreateParams,
    ResponseCreateParamsNonStreaming,
    ResponseCreateParamsStreaming,
)

streaming: ResponseCreateParamsStreaming = {"model": "m", "input": "hi", "stream": True}
plain: ResponseCreateParamsNonStreaming = {"model": "m", "input": "hi"}
either: ResponseCreateParams = {"model": "m", "stream": False}
wrong: ResponseCreateParamsStreaming = {"model": "m"}  # the one wrong line: no `stream`
"""


def test_mypy_checks_the_stream_variants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flagged, stdout = mypy_flags(VARIANTS_SNIPPET, tmp_path, cache="official_paths")
    assert flagged == [10], stdout


def test_official_type_aliases_are_aliases_here() -> None:
    """A name the official package gives a union or an enum of a request (`ChatCompletionRole`,
    `ChatCompletionToolUnionParam`, `response_function_web_search_param.Action`) is a type
    alias at its official path, the one the fields of our classes are annotated with."""
    import typing

    from openai_oxide.types import chat
    from openai_oxide.types.chat import completion_create_params as chat_params
    from openai_oxide.types.chat.chat_completion_custom_tool_param import CustomFormat
    from openai_oxide.types.chat.chat_completion_modality import ChatCompletionModality
    from openai_oxide.types.chat.chat_completion_role import ChatCompletionRole
    from openai_oxide.types.chat.chat_completion_tool_union_param import (
        ChatCompletionToolUnionParam,
    )
    from openai_oxide.types.chat.create_chat_completion_request_message_param import (
        CreateChatCompletionRequestMessageParam,
    )
    from openai_oxide.types.responses import response_create_params as create
    from openai_oxide.types.responses.compacted_response import CompactedResponse, Image
    from openai_oxide.types.responses.response_function_web_search_param import (
        Action,
        ResponseFunctionWebSearchParam,
    )

    assert set(typing.get_args(typing.get_args(ChatCompletionRole)[0])) == {
        "developer",
        "system",
        "user",
        "assistant",
        "tool",
        "function",
    }
    assert "audio" in typing.get_args(typing.get_args(ChatCompletionModality)[0])
    assert CreateChatCompletionRequestMessageParam is chat.ChatCompletionMessageParam
    assert set(typing.get_args(ChatCompletionToolUnionParam)) == {
        chat.ChatCompletionToolParam,
        chat_params.CustomToolChatCompletionsParam,
    }
    hints = typing.get_type_hints(chat_params.CompletionCreateParams)
    assert hints["tools"].__args__ == (ChatCompletionToolUnionParam,)
    assert hints["response_format"] == chat_params.ResponseFormat
    custom = typing.get_type_hints(chat_params.CustomToolChatCompletionsParamCustom)
    assert custom["format"] == CustomFormat
    action = typing.get_type_hints(ResponseFunctionWebSearchParam)["action"]
    assert action == Action  # `Required[...]` is stripped by get_type_hints
    members = [typing.get_type_hints(m, include_extras=True) for m in typing.get_args(Action)]
    tags = {typing.get_args(typing.get_args(m["type"])[0])[0] for m in members}
    assert tags == {"search", "open_page", "find_in_page"}
    assert create.ResponseCreateParams.__annotations__  # the module stays importable
    compacted = CompactedResponse.model_validate(
        {
            "id": "cmp_1",
            "object": "response.compaction",
            "output": [],
            "created_at": 1,
            "usage": {
                "input_tokens": 3,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": 1,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": 4,
            },
            "image": {"context_compression": "enabled"},
        }
    )
    assert type(compacted.image) is Image


def test_tool_unions_are_the_official_aliases() -> None:
    """`tool.McpAllowedTools` is officially `list[str] | McpAllowedToolsMcpToolFilter`, a
    union, not the filter class: the alias the `Mcp` tool's field is annotated with."""
    import typing

    from openai_oxide.types.responses import tool, tool_param

    assert typing.get_type_hints(tool.Mcp)["allowed_tools"] == tool.McpAllowedTools | None
    assert tool.McpAllowedToolsMcpToolFilter in typing.get_args(tool.McpAllowedTools)
    assert list[str] in typing.get_args(tool.McpAllowedTools)
    assert tool_param.McpAllowedToolsMcpToolFilter in typing.get_args(tool_param.McpAllowedTools)
    container = typing.get_args(tool.CodeInterpreterContainer)
    assert container == (str, tool.CodeInterpreterContainerCodeInterpreterToolAuto)
    parsed = tool.Mcp.model_validate({"type": "mcp", "server_label": "x", "allowed_tools": ["a"]})
    assert parsed.allowed_tools == ["a"]
