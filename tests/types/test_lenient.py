"""`types._lenient`: an answer that does not match its model still comes back as that model,
with nothing the server sent lost; under strict validation it raises instead."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from typing import Any, Literal

import pytest
from pydantic import ValidationError

from openai_oxide._core.strictness import checked, is_strict
from openai_oxide.types._base import BaseModel, UnknownModel
from openai_oxide.types._lenient import construct, json_decoder, python_decoder
from openai_oxide.types.batches import Batch
from openai_oxide.types.beta.threads import AssistantStreamEvent, ThreadRunCreated
from openai_oxide.types.chat import ChatCompletion
from openai_oxide.types.moderations import ModerationCategories
from openai_oxide.types.responses import (
    Response,
    ResponseFunctionToolCall,
    ResponseOutputItemAddedEvent,
    ResponseOutputMessage,
    ResponseOutputTextAnnotationAddedEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    UnknownResponseOutputItem,
    UnknownResponseStreamEvent,
)
from openai_oxide.types.responses.output_message import ResponseOutputText
from openai_oxide.types.responses.response_output_text import UnknownResponseOutputTextAnnotations
from openai_oxide.types.shared.file_object import FileObject


def dumped(model: Any) -> Any:
    """`to_dict()` without pydantic's serializer warnings about the values kept as sent."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.to_dict()


def decode(type_: Any, data: dict[str, Any]) -> Any:
    return json_decoder(type_)(json.dumps(data).encode())


def test_missing_required_fields_read_as_none_and_round_trip() -> None:
    sent = {"id": "file-1", "object": "file"}
    parsed = decode(FileObject, sent)
    assert type(parsed) is FileObject
    assert (parsed.id, parsed.bytes, parsed.filename, parsed.status) == ("file-1", None, None, None)
    assert parsed.to_dict() == sent  # only what was sent


def test_wrong_scalars_are_coerced_as_the_fast_path_would_or_kept_as_sent() -> None:
    sent = {"id": "f", "bytes": "12", "created_at": "yesterday", "object": "file", "x": [1]}
    parsed = decode(FileObject, sent)
    assert parsed.bytes == 12  # lax coercion, as a valid answer would get
    assert parsed.created_at == "yesterday"  # does not fit: kept as sent
    assert parsed.model_extra == {"x": [1]}
    assert dumped(parsed) == {**sent, "bytes": 12}


def test_unknown_enum_values_are_kept_as_strings() -> None:
    batch = decode(
        Batch,
        {
            "id": "b",
            "object": "batches",
            "status": "teleported",
            "created_at": 1,
            "endpoint": "/v1",
        },
    )
    assert (batch.object, batch.status, batch.endpoint) == ("batches", "teleported", "/v1")
    assert batch.input_file_id is None


def test_null_where_an_object_or_list_was_expected() -> None:
    completion = decode(ChatCompletion, {"id": "c", "choices": None, "usage": None, "created": "x"})
    assert completion.choices == []  # null reads as the default: still iterable
    assert completion.usage is None and completion.created == "x"
    run = decode(
        AssistantStreamEvent,
        {"event": "thread.run.created", "data": {"id": "run_1", "usage": None}},
    )
    assert type(run) is ThreadRunCreated
    assert run.data.id == "run_1" and run.data.usage is None and run.data.thread_id is None


def test_extra_fields_are_kept_at_every_level() -> None:
    sent = {
        "id": "r",
        "novel": {"a": 1},
        "created_at": "soon",
        "output": [
            {"type": "message", "role": "assistant", "content": [], "seen": True},
            {"type": "function_call", "name": "f", "arguments": {"x": 1}, "vendor": "v"},
        ],
    }
    response = decode(Response, sent)
    assert response.model_extra == {"novel": {"a": 1}}
    message, call = response.output
    assert type(message) is ResponseOutputMessage and message.model_extra == {"seen": True}
    assert type(call) is ResponseFunctionToolCall
    assert call.arguments == {"x": 1} and call.model_extra == {"vendor": "v"}  # type: ignore[comparison-overlap]
    assert call.call_id is None
    assert dumped(response) == sent
    assert json.loads(response.model_dump_json(exclude_unset=True, warnings=False)) == sent


def test_unknown_union_members_come_back_generic_with_all_their_data() -> None:
    part = {"type": "hologram", "frames": [1, 2]}
    item = {"type": "teleport", "id": "t", "status": "??"}
    response = decode(
        Response,
        {
            "id": "r",
            "created_at": "late",
            "output": [
                item,
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [part, {"type": "output_text"}],
                },
            ],
        },
    )
    unknown, message = response.output
    assert type(unknown) is UnknownResponseOutputItem and unknown.to_dict() == item
    assert [type(p).__name__ for p in message.content] == [  # type: ignore[union-attr]
        "UnknownResponseOutputMessageContent",
        "ResponseOutputText",
    ]
    assert message.content[0].to_dict() == part  # type: ignore[union-attr]
    assert message.content[1].text is None  # type: ignore[union-attr]


def test_a_known_event_with_broken_data_is_its_own_class() -> None:
    sent = {"type": "response.output_text.delta", "delta": "hi", "logprobs": "n/a"}
    event = decode(ResponseStreamEvent, sent)
    assert type(event) is ResponseTextDeltaEvent
    assert (event.delta, event.output_index, event.item_id) == ("hi", None, None)
    assert event.logprobs == "n/a"  # type: ignore[comparison-overlap]
    assert dumped(event) == sent


def test_a_known_event_whose_nested_union_member_is_broken() -> None:
    event = decode(
        ResponseStreamEvent,
        {
            "type": "response.output_item.added",
            "output_index": "0",
            "item": {"type": "message", "role": "robot", "content": [{"type": "output_text"}]},
        },
    )
    assert type(event) is ResponseOutputItemAddedEvent
    assert event.output_index == 0
    assert type(event.item) is ResponseOutputMessage
    assert event.item.role == "robot"  # type: ignore[comparison-overlap]
    assert type(event.item.content[0]) is ResponseOutputText


def test_an_unknown_event_is_kept_whole() -> None:
    sent = {"type": "response.teleported", "sequence_number": 3, "where": {"x": 1}}
    event = decode(ResponseStreamEvent, sent)
    assert type(event) is UnknownResponseStreamEvent and event.to_dict() == sent


class _Dog(BaseModel):
    type: Literal["dog"]
    name: str | None = None


class _Cat(BaseModel):
    type: Literal["cat"]


class _Pet(BaseModel):
    pet: _Dog | _Cat | None = None
    age: int | None = None


def test_a_union_without_a_fallback_member_gives_a_generic_model() -> None:
    pet = construct(_Pet, {"pet": {"type": "emoji"}, "age": "first"})
    assert type(pet.pet) is UnknownModel
    assert pet.pet.to_dict() == {"type": "emoji"}
    assert pet.age == "first"  # type: ignore[comparison-overlap]


def test_an_unknown_annotation_in_an_event_falls_back_as_in_the_output_text() -> None:
    # one union (`ResponseOutputTextAnnotations`) for the event and the message's text
    sent = {"type": "response.output_text.annotation.added", "annotation": {"type": "emoji"}}
    event = decode(ResponseStreamEvent, {**sent, "annotation_index": "first"})
    assert type(event) is ResponseOutputTextAnnotationAddedEvent
    assert type(event.annotation) is UnknownResponseOutputTextAnnotations
    assert event.annotation.to_dict() == {"type": "emoji"}
    assert event.annotation_index == "first"  # type: ignore[comparison-overlap]


def test_aliased_fields() -> None:
    categories = construct(ModerationCategories, {"hate": "maybe", "self-harm": True, "new/cat": 1})
    assert (categories.hate, categories.self_harm, categories.hate_threatening) == (
        "maybe",
        True,
        None,
    )
    assert dumped(categories) == {"hate": "maybe", "self-harm": True, "new/cat": 1}


def test_only_the_broken_items_of_a_list_are_built_leniently() -> None:
    good = {"type": "message", "id": "m", "role": "assistant", "content": []}
    response = construct(Response, {"output": [good, {"type": "message", "content": "x"}]})
    first, second = response.output
    assert first == ResponseOutputMessage.model_validate(good)
    assert second.content == "x" and second.id is None


def test_valid_answers_take_the_fast_path_unchanged() -> None:
    sent = {"id": "f", "bytes": 1, "created_at": 2, "filename": "a", "object": "file"}
    sent |= {"purpose": "batch", "status": "processed"}
    raw = json.dumps(sent).encode()
    assert json_decoder(FileObject)(raw) == FileObject.model_validate_json(raw)
    assert python_decoder(FileObject)(sent) == FileObject.model_validate(sent)


def test_what_is_not_an_object_is_refused() -> None:
    for text in (b"[1, 2]", b"null", b'"text"', b"{not json"):
        with pytest.raises(ValueError):
            json_decoder(FileObject)(text)
    with pytest.raises(ValueError):
        python_decoder(ResponseStreamEvent)(["response.created"])


def test_strict_validation_raises_and_names_the_field() -> None:
    assert not is_strict()
    raw = b'{"type":"response.output_text.delta","delta":5}'
    with pytest.raises(ValidationError, match="delta"):
        checked(json_decoder(ResponseStreamEvent), raw, True)
    with pytest.raises(ValidationError, match="bytes"):
        checked(python_decoder(FileObject), {"id": "f", "bytes": "many"}, True)
    assert not is_strict()  # only during the call
    assert type(checked(json_decoder(ResponseStreamEvent), raw, False)) is ResponseTextDeltaEvent


def test_the_lenient_path_builds_no_model_validator() -> None:
    """Building a nested model's validator costs up to a second (more under Pyodide): the
    lenient path walks the fields instead, so only the fast path's validator is built."""
    code = (
        "from openai_oxide.types.responses import parse_response_stream_event as parse\n"
        "from openai_oxide.types.responses import Response, ResponseOutputMessage as M\n"
        'event = parse(b\'{"type":"response.created","response":{"created_at":"now",'
        '"output":[{"type":"message","role":"robot","content":[]}]}}\')\n'
        "print(type(event.response.output[0]) is M, Response.__pydantic_complete__,"
        " M.__pydantic_complete__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


def test_a_shared_tag_is_routed_by_the_nested_discriminator() -> None:
    """`ResponseItem` has two `message` classes, told apart by `role` on the fast path; a
    broken message is built leniently as the class its `role` selects, as the fast path
    would have (an assistant message is a `ResponseOutputMessage` wherever it is listed)."""
    from openai_oxide.types.responses import ResponseInputMessageItem, ResponseItem

    decode = python_decoder(ResponseItem)
    broken = [None]  # content parts that are not objects: the fast path fails
    said = decode({"type": "message", "id": "m1", "role": "assistant", "content": broken})
    asked = decode({"type": "message", "id": "m2", "role": "user", "content": broken})
    assert type(said) is ResponseOutputMessage and said.id == "m1"
    assert type(asked) is ResponseInputMessageItem and asked.role == "user"


def test_decoders_are_found_by_identity_and_by_equality() -> None:
    # The events union is looked up by identity (no hashing per event); an equal type
    # built anew (a `list[X]` written inline) gets the same decoder, past any bound.
    assert json_decoder(ResponseStreamEvent) is json_decoder(ResponseStreamEvent)
    decoders = {id(json_decoder(list[int])) for _ in range(300)}
    assert len(decoders) == 1
    for n in range(300):  # fresh, equal aliases, each still decoding as its type
        assert json_decoder(dict[str, int])(f'{{"n": {n}}}') == {"n": n}
        assert python_decoder(list[ResponseTextDeltaEvent])([]) == []
    assert json_decoder(list[str])(b'["a"]') == ["a"]


def test_the_response_fields_the_spec_lacks_are_typed_and_lenient() -> None:
    """`Response`'s fields from scripts/gen/spec_additions.py decode to their official classes
    (fast path), an unknown diagnostics `type` is kept whole, a missing field reads as None."""
    from openai_oxide.types.responses.response import (
        PromptCacheDiagnosticsCacheMiss,
        ToolUsageImageGen,
        UnknownPromptCacheDiagnostics,
    )

    data = {
        "id": "r",
        "tool_usage": {"image_gen": {"input_tokens": 3}, "web_search": {"num_requests": 2}},
        "prompt_cache_diagnostics": {"type": "cache_miss", "reason": "tools_changed"},
        "input_transformations": [{"type": "reasoning", "id": "rs_1", "action": "removed"}],
        "error": {"code": "x", "message": "m", "misalignment": {"steer": {"message": "go"}}},
    }
    response = decode(Response, data)
    assert type(response.tool_usage.image_gen) is ToolUsageImageGen  # type: ignore[union-attr]
    assert response.tool_usage.image_gen.input_tokens == 3  # type: ignore[union-attr]
    assert response.tool_usage.image_gen.total_tokens is None  # type: ignore[union-attr]
    assert response.tool_usage.web_search.num_requests == 2  # type: ignore[union-attr]
    miss = response.prompt_cache_diagnostics
    assert type(miss) is PromptCacheDiagnosticsCacheMiss and miss.reason == "tools_changed"
    assert response.input_transformations[0].id == "rs_1"  # type: ignore[index]
    assert response.error.misalignment.steer.message == "go"  # type: ignore[union-attr]
    other = {"type": "cache_warming", "eta": 4}
    later = decode(Response, {"id": "r", "prompt_cache_diagnostics": other})
    assert type(later.prompt_cache_diagnostics) is UnknownPromptCacheDiagnostics
    assert later.prompt_cache_diagnostics.to_dict() == other
