"""The Responses input items as models, at their official paths: what a user sends back
(`input=previous.output + [function_call_output]`) parses into `ResponseInputItem`, where an
item the model produced is the very class the answer gave it, and the content parts a
conversation holds are the classes the official `types.conversations` names.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types._base import UnknownModel
from openai_oxide.types.responses.response_input_item import ResponseInputItem
from openai_oxide.types.responses.response_output_item import ResponseOutputItem
from support import API_KEY

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
RECORDINGS = sorted((FIXTURES / "responses-streams").glob("*.chunks.txt"))

INPUT = TypeAdapter(ResponseInputItem)


def _output_items() -> list[dict[str, Any]]:
    """Every finished output item of the recorded Responses streams."""
    items = []
    for path in RECORDINGS:
        for line in path.read_text().splitlines():
            event = json.loads(line) if line.strip() else {}
            if event.get("type") == "response.output_item.done":
                items.append(event["item"])
    return items


@pytest.mark.skipif(not RECORDINGS, reason=f"shared fixtures not found at {FIXTURES}")
def test_recorded_output_items_go_back_as_input_items_of_the_same_class() -> None:
    from openai_oxide.types.responses.response_input_item import ShellCall

    outputs = TypeAdapter(ResponseOutputItem)
    items = _output_items()
    seen = set()
    for item in items:
        as_input = INPUT.validate_python(item)
        assert not isinstance(as_input, UnknownModel), item["type"]
        assert as_input.to_dict() == item, item["type"]  # nothing dropped on the way back
        seen.add(item["type"])
        if item["type"] == "shell_call":
            # sent back, a shell call is the input schema (officially `ShellCall` too)
            assert type(as_input) is ShellCall
            continue
        assert type(as_input) is type(outputs.validate_python(item)), item["type"]
    assert {"message", "reasoning", "function_call", "mcp_call", "web_search_call"} <= seen


def test_what_a_user_sends_parses_into_the_official_input_classes() -> None:
    from openai_oxide.types.responses import EasyInputMessage, ResponseInputTextContent
    from openai_oxide.types.responses.response_configuration_update_item_param import (
        ResponseConfigurationUpdateItemParam,
    )
    from openai_oxide.types.responses.response_function_call_output_item import (
        ResponseFunctionCallOutputItem,
    )
    from openai_oxide.types.responses.response_input import ResponseInput
    from openai_oxide.types.responses.response_input_image_content import (
        ResponseInputImageContent,
    )
    from openai_oxide.types.responses.response_input_item import (
        FunctionCallOutput,
        ItemReference,
        Message,
    )
    from openai_oxide.types.responses.response_input_message_item import InputMessage
    from openai_oxide.types.responses.response_input_text import ResponseInputText

    sent = [
        {"role": "user", "content": "What's the weather in Paris?"},
        {
            "type": "function_call_output",
            "call_id": "call_abc",
            "output": [
                {"type": "input_text", "text": "18C, cloudy"},
                {"type": "input_image", "image_url": "https://example.com/sky.png"},
            ],
        },
        {"type": "item_reference", "id": "msg_123"},
        {"type": "configuration_update", "reasoning": {"effort": "low"}},
    ]
    easy, output, reference, update = TypeAdapter(ResponseInput).validate_python(sent)
    assert type(easy) is EasyInputMessage and easy.content == sent[0]["content"]
    # the official short name is our one class of the spec's `InputMessage`
    assert Message is InputMessage
    message = Message.model_validate(
        {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "C"}]}
    )
    assert type(message.content[0]) is ResponseInputText
    assert type(output) is FunctionCallOutput and isinstance(output.output, list)
    text, image = output.output
    assert type(text) is ResponseInputTextContent and text.text == "18C, cloudy"
    assert type(image) is ResponseInputImageContent
    item = TypeAdapter(ResponseFunctionCallOutputItem)
    assert item.validate_python(sent[1]["output"][1]) == image
    assert type(reference) is ItemReference and reference.id == "msg_123"
    # a member the spec lacks (scripts/gen/spec_additions.py), as in the official union
    assert type(update) is ResponseConfigurationUpdateItemParam
    assert update.reasoning is not None and update.reasoning.effort == "low"


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


STORED = [
    {
        "id": "msg_1",
        "type": "message",
        "role": "user",
        "status": "completed",
        "content": [
            {"type": "input_text", "text": "Describe this picture."},
            {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "auto"},
            {"type": "input_file", "file_id": "file-1", "filename": "notes.pdf"},
        ],
    },
    {
        "id": "msg_2",
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": [
            {"type": "output_text", "text": "A cat.", "annotations": [], "logprobs": []},
            {"type": "refusal", "refusal": "I can't say more."},
            {"type": "reasoning_text", "text": "It has whiskers."},
        ],
    },
    {
        "id": "rs_1",
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": "Looked at the image."}],
    },
]


async def test_conversation_content_is_the_class_of_its_official_path(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    from openai_oxide.types.conversations import Message
    from openai_oxide.types.conversations.input_file_content import InputFileContent
    from openai_oxide.types.conversations.input_image_content import InputImageContent
    from openai_oxide.types.conversations.input_text_content import InputTextContent
    from openai_oxide.types.conversations.message import ContentReasoningText
    from openai_oxide.types.conversations.output_text_content import OutputTextContent
    from openai_oxide.types.conversations.refusal_content import RefusalContent
    from openai_oxide.types.conversations.summary_text_content import SummaryTextContent
    from openai_oxide.types.responses import ResponseInputText, ResponseReasoningItem

    page = {"object": "list", "data": STORED, "has_more": False}
    page |= {"first_id": "msg_1", "last_id": "rs_1"}
    fake.inject(Fault(status=200, body=page, match="/conversations/conv_1/items"))
    user, assistant, reasoning = (await client.conversations.items.list("conv_1")).data
    assert type(user) is Message and type(assistant) is Message
    assert [type(part) for part in user.content] == [
        InputTextContent,
        InputImageContent,
        InputFileContent,
    ]
    assert [type(part) for part in assistant.content] == [
        OutputTextContent,
        RefusalContent,
        ContentReasoningText,
    ]
    assert type(reasoning) is ResponseReasoningItem
    assert type(reasoning.summary[0]) is SummaryTextContent
    # officially `InputTextContent = ResponseInputText`: one class under both names
    assert InputTextContent is ResponseInputText

    # the same parts as input items of a response (`responses.input_items.list`)
    fake.inject(Fault(status=200, body=page, match="/responses/resp_1/input_items"))
    stored = (await client.responses.input_items.list("resp_1")).data
    assert [type(p) for p in stored[0].content] == [type(p) for p in user.content]
    assert type(stored[2].summary[0]) is SummaryTextContent


def test_the_request_side_names_are_the_official_type_aliases() -> None:
    """What `function_call_output.output` and a message's content take, as the official
    package names them (type aliases of the TypedDicts, not classes)."""
    import typing

    from openai_oxide.types.responses.response_function_call_output_item_list_param import (
        ResponseFunctionCallOutputItemListParam,
    )
    from openai_oxide.types.responses.response_function_call_output_item_param import (
        ResponseFunctionCallOutputItemParam,
    )
    from openai_oxide.types.responses.response_input_content_param import (
        ResponseInputContentParam,
    )
    from openai_oxide.types.responses.response_input_file_content_param import (
        ResponseInputFileContentParam,
    )
    from openai_oxide.types.responses.response_input_image_content_param import (
        ResponseInputImageContentParam,
    )
    from openai_oxide.types.responses.response_input_text_content_param import (
        ResponseInputTextContentParam,
    )
    from openai_oxide.types.responses.response_input_text_param import ResponseInputTextParam

    assert ResponseFunctionCallOutputItemListParam == list[ResponseFunctionCallOutputItemParam]
    assert typing.get_args(ResponseFunctionCallOutputItemParam) == (
        ResponseInputTextContentParam,
        ResponseInputImageContentParam,
        ResponseInputFileContentParam,
    )
    # the TypedDicts keep the official names (`__name__`), not the spec's `...ParamParam`
    assert ResponseInputTextContentParam.__name__ == "ResponseInputTextContentParam"
    assert ResponseInputTextParam in typing.get_args(ResponseInputContentParam)
