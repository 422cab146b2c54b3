"""Input-item pages, models, and the lazy `openai_oxide.types` namespace."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

import openai_oxide.types as types_pkg
from openai_oxide import APIResponseValidationError, AsyncOpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types.models import Model, ModelDeleted
from openai_oxide.types.responses import (
    ResponseFunctionToolCallItem,
    ResponseInputMessageItem,
    ResponseItemList,
    ResponseOutputMessage,
    UnknownResponseItem,
)
from support import API_KEY

PAGE: dict[str, Any] = {
    "object": "list",
    "data": [
        {
            "id": "msg_1",
            "type": "message",
            "role": "user",
            "status": "completed",
            "content": [{"type": "input_text", "text": "hi"}],
        },
        {
            "id": "msg_2",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": "yo", "annotations": []}],
        },
        {
            "id": "fc_1",
            "type": "function_call",
            "call_id": "c",
            "name": "f",
            "arguments": "{}",
            "status": "completed",
        },
        {"id": "x_1", "type": "time_travel_call", "year": 1985},
    ],
    "first_id": "msg_1",
    "last_id": "x_1",
    "has_more": False,
}


def test_response_item_list_routes_by_type_and_role() -> None:
    page = ResponseItemList.model_validate_json(json.dumps(PAGE).encode())
    assert page.data is not None
    kinds = [type(item) for item in page.data]
    assert kinds == [
        ResponseInputMessageItem,
        ResponseOutputMessage,
        ResponseFunctionToolCallItem,
        UnknownResponseItem,
    ]
    assert page.to_dict() == PAGE


def test_models() -> None:
    raw = b'{"id":"gpt-x","object":"model","created":1,"owned_by":"openai","new":true}'
    model = Model.model_validate_json(raw)
    assert model.id == "gpt-x"
    assert model.to_dict() == json.loads(raw)
    assert json.loads(model.to_json()) == json.loads(raw)
    deleted = ModelDeleted.model_validate_json(b'{"id":"ft:x","object":"model","deleted":true}')
    assert deleted.deleted is True


def test_models_print_as_the_official_ones_do() -> None:
    model = Model.model_validate_json(b'{"id":"m","object":"model","created":1,"owned_by":"o"}')
    expected = "Model(id='m', created=1, object='model', owned_by='o', shutdown_date=None)"
    assert str(model) == expected and f"{model}" == expected


def test_invalid_json_raises_validation_error() -> None:
    with pytest.raises(ValidationError):
        Model.model_validate_json(b"{")


def test_lazy_namespace() -> None:
    assert types_pkg.Model is Model
    assert "Response" in dir(types_pkg)
    assert types_pkg.responses.ResponseItemList is ResponseItemList
    with pytest.raises(AttributeError):
        _ = types_pkg.NoSuchName  # type: ignore[attr-defined]


def test_parse_response_item_accepts_dicts_and_bytes() -> None:
    from openai_oxide.types.responses import parse_response_item

    for raw in PAGE["data"]:
        from_dict = parse_response_item(raw)
        assert parse_response_item(json.dumps(raw).encode()) == from_dict
        assert from_dict.to_dict() == raw


STORED: list[dict[str, Any]] = [
    *PAGE["data"][:3],
    {
        "id": "cu_1",
        "type": "configuration_update",
        "reasoning": {"effort": "high"},
        "text": {"format": {"type": "text"}},
    },
    {"id": "msg_3", "type": "message", "role": "critic", "content": []},  # a role unknown here
    {"id": "x_1", "type": "time_travel_call", "year": 1985},  # a type unknown here
]


async def test_stored_items_are_one_class_on_every_endpoint_and_keep_what_is_unknown(
    fake: FakeOpenAI,
) -> None:
    """`responses.input_items.list`, `conversations.items.list` and `responses.create`'s
    output give the same class for one item; an unknown `type` or `role` is kept with every
    field, not dropped (lenient decode), and a strict client refuses the unknown role."""
    from openai_oxide.types.responses import ResponseConfigurationUpdateItem
    from openai_oxide.types.responses.response_configuration_update_item import (
        ResponseConfigurationUpdateItemText,
    )

    page = {**PAGE, "data": STORED, "last_id": "x_1"}
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        base = (await client.responses.create(model="gpt-test", input="hi")).to_dict()
        fake.inject(
            Fault(status=200, body={**base, "output": PAGE["data"][1:3]}, match="/responses")
        )
        created = await client.responses.create(model="gpt-test", input="hi")
        fake.inject(Fault(status=200, body=page, match="/input_items"))
        stored = [item async for item in client.responses.input_items.list(base["id"])]
        fake.inject(Fault(status=200, body=page, match="/conversations/conv_1/items"))
        listed = (await client.conversations.items.list("conv_1")).data
    kinds = [type(item) for item in stored]
    assert kinds[:4] == [
        ResponseInputMessageItem,
        ResponseOutputMessage,
        ResponseFunctionToolCallItem,
        ResponseConfigurationUpdateItem,
    ]
    said, called = created.output
    assert type(said) is ResponseOutputMessage
    assert isinstance(stored[2], type(called))  # the stored call is the call, as officially
    assert type(listed[2]) is ResponseFunctionToolCallItem
    assert type(listed[3]) is ResponseConfigurationUpdateItem
    update = stored[3]
    assert isinstance(update, ResponseConfigurationUpdateItem)
    assert isinstance(update.text, ResponseConfigurationUpdateItemText)
    assert update.reasoning is not None and update.reasoning.effort == "high"
    critic, unknown = stored[4], stored[5]
    assert type(critic) is ResponseInputMessageItem and critic.role == "critic"
    assert type(unknown) is UnknownResponseItem and unknown.to_dict()["year"] == 1985
    assert [item.to_dict() for item in stored] == STORED  # every field, as sent

    strict = AsyncOpenAI(
        api_key=API_KEY, base_url=fake.url, max_retries=0, strict_response_validation=True
    )
    async with strict:
        fake.inject(Fault(status=200, body=page, match="/input_items"))
        with pytest.raises(APIResponseValidationError):
            [item async for item in strict.responses.input_items.list(base["id"])]
