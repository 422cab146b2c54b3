"""The generator's override tables (scripts/gen/overrides.py): what a hand-written class added
reaches the generated one (a base or mixin, fields the spec lacks, leniency, the official
field order)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gen() -> Iterator[Any]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen import models
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    yield models


THING = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["thing"], "x-stainless-const": True},
        "name": {"type": "string"},
        "items": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "string"},
    },
    "required": ["type", "name", "items"],
}


def _render(gen: Any, monkeypatch: pytest.MonkeyPatch, **tables: Any) -> tuple[str, Any]:
    for table, value in tables.items():
        monkeypatch.setattr(gen, table, value)
    spec = {"paths": {}, "components": {"schemas": {"Thing": THING}}}
    generator = gen.Generator(spec)
    mod = gen.Module("things")
    generator.render_class(mod, "model", THING, "Thing", "#/components/schemas/Thing", fixed=True)
    return mod.classes[0], mod


def test_a_mixin_is_inherited_before_basemodel_and_imported(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, mod = _render(gen, monkeypatch, BASES={"Thing": ("_mixins.thing", "ThingHelpers")})
    assert source.startswith("class Thing(ThingHelpers, BaseModel):")
    assert mod.imports == {"_mixins.thing": {"ThingHelpers"}}


def test_fields_retype_with_their_imports_and_add_nothing(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An override retypes a spec field; a field the spec lacks is schema, so the generator
    refuses it there (it belongs in spec_additions.py)."""
    from gen.overrides import Extra

    fields = {"Thing": {"name": Extra("Label | None", "retyped", imports=(("labels", "Label"),))}}
    source, mod = _render(gen, monkeypatch, FIELDS=fields)
    assert "    name: Label | None = None" in source  # an override is optional
    assert mod.imports == {"labels": {"Label"}}
    fields["Thing"]["async"] = Extra("bool | None", "a field the spec lacks")
    with pytest.raises(SystemExit, match=r"FIELDS adds Thing\.\['async'\]"):
        _render(gen, monkeypatch, FIELDS=fields)


def test_overrides_add_no_field_the_extended_spec_lacks() -> None:
    """Every `FIELDS` entry names a field of the spec as extended (spec_additions.py): the
    overrides add behaviour (a type, a default), never schema."""
    pytest.importorskip("yaml", reason="pyyaml is needed to read the spec")
    from gen import spec_additions
    from gen.overrides import FIELDS
    from gen.spec import load

    schemas = load()["components"]["schemas"]
    added = [
        f"{where}.{field}"
        for where, fields in FIELDS.items()
        for field in fields
        if field not in _all_properties(schemas, spec_additions._at(schemas, where))
    ]
    assert added == []


def test_fields_moved_to_the_additions_reach_the_request_params_too() -> None:
    """The fields the spec lacks, as additions, are on the official request params as on the
    models (an override reached only the models)."""
    pytest.importorskip("openai")
    from openai.types.responses import ResponseCustomToolCallParam as TheirCustom
    from openai.types.responses import ResponseFunctionToolCallParam as TheirFunction
    from openai.types.responses.response_input_text_param import (
        PromptCacheBreakpoint as TheirBreakpoint,
    )

    from openai_oxide.types.responses import (
        ResponseCustomToolCall,
        ResponseCustomToolCallParam,
        ResponseFunctionToolCallParam,
    )
    from openai_oxide.types.responses.response import ResponseError
    from openai_oxide.types.responses.response_input_text import PromptCacheBreakpoint
    from openai_oxide.types.responses.response_stream_event import ResponseErrorEvent
    from openai_oxide.types.shared_params.input_text_content import (
        PromptCacheBreakpointConfigParam,
    )

    for ours, theirs in (
        (ResponseFunctionToolCallParam, TheirFunction),
        (ResponseCustomToolCallParam, TheirCustom),
        (PromptCacheBreakpointConfigParam, TheirBreakpoint),
    ):
        assert set(ours.__annotations__) == set(theirs.__annotations__), ours
    call = ResponseCustomToolCall.model_validate({"type": "custom_tool_call", "async": True})
    assert call.async_ is True and call.model_dump(by_alias=True)["async"] is True
    assert PromptCacheBreakpoint.model_validate({"mode": "explicit", "ttl": "30m"}).ttl == "30m"
    event = ResponseErrorEvent.model_validate_json(
        b'{"type": "error", "error": {"code": "server_error", "message": "m", "param": "p",'
        b' "type": "invalid_request_error"}}'
    )
    assert isinstance(event.error, ResponseError)
    assert (event.error.param, event.error.type) == ("p", "invalid_request_error")


def test_lenient_defaults_and_the_official_order(gen: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    strict, _ = _render(gen, monkeypatch)
    assert "    name: str\n" in strict and "    items: list[str]\n" in strict
    source, _ = _render(gen, monkeypatch, LENIENT=frozenset({"Thing"}))
    body = [line.strip() for line in source.splitlines()[1:] if line.strip()]
    # required first (the constant tag stays required), then the optional, `id` first in each
    assert body == [
        "items: list[str] = []",
        "name: str | None = None",
        'type: Literal["thing"]',
        "id: str | None = None",
    ]


def test_generated_items_keep_what_the_hand_written_ones_had() -> None:
    from openai_oxide.types.responses import (
        ImageGenerationCall,
        ResponseCustomToolCall,
        ResponseCustomToolCallItem,
        ResponseFunctionToolCall,
        ResponseFunctionToolCallItem,
    )
    from openai_oxide.types.responses.response_output_item import ImageGenerationCallError

    assert issubclass(ResponseFunctionToolCallItem, ResponseFunctionToolCall)
    assert issubclass(ResponseCustomToolCallItem, ResponseCustomToolCall)
    # a partial item (a stream's `output_item.added`) parses on the fast path
    call = ResponseFunctionToolCall.model_validate_json(b'{"type": "function_call", "async": true}')
    assert (call.arguments, call.name, call.async_) == (None, None, True)
    image = ImageGenerationCall.model_validate(
        {"type": "image_generation_call", "error": {"type": "moderation_blocked"}}
    )
    assert isinstance(image.error, ImageGenerationCallError)


@pytest.mark.parametrize(
    "name",
    [
        "ResponseFunctionToolCall",
        "ResponseFunctionToolCallItem",
        "ResponseComputerToolCall",
        "ResponseFileSearchToolCall",
        "ResponseFunctionWebSearch",
        "ResponseInputFile",
        "ResponseOutputMessage",
        "ResponseOutputText",
        "ResponseUsage",
        "response_output_item.McpCall",
        "response_output_item.ImageGenerationCall",
        "ResponseApplyPatchToolCall",
        "ResponseFunctionShellToolCallOutput",
    ],
)
def test_field_order_and_aliases_are_the_officials(name: str) -> None:
    pytest.importorskip("openai")
    where, _, name = name.rpartition(".")
    path = "types.responses" + (f".{where}" if where else "")
    official = importlib.import_module(f"openai.{path}")
    ours = importlib.import_module(f"openai_oxide.{path}")
    theirs, mine = getattr(official, name).model_fields, getattr(ours, name).model_fields
    assert list(mine) == list(theirs)
    assert {k: f.alias for k, f in mine.items()} == {k: f.alias for k, f in theirs.items()}


@pytest.mark.parametrize(
    "name",
    [
        "chat.chat_completion.ChatCompletion",
        "chat.chat_completion.Choice",
        "chat.chat_completion.ChoiceLogprobs",
        "chat.chat_completion_chunk.ChatCompletionChunk",
        "chat.chat_completion_chunk.Choice",
        "chat.chat_completion_chunk.ChoiceDelta",
        "chat.chat_completion_chunk.ChoiceDeltaAudio",
        "chat.chat_completion_chunk.ChoiceDeltaToolCall",
        "chat.chat_completion_message.ChatCompletionMessage",
        "chat.chat_completion_message.Annotation",
        "chat.chat_completion_message.AnnotationURLCitation",
        "chat.chat_completion_audio.ChatCompletionAudio",
        "chat.chat_completion_message_function_tool_call.ChatCompletionMessageFunctionToolCall",
        "chat.chat_completion_message_custom_tool_call.ChatCompletionMessageCustomToolCall",
        "chat.chat_completion_token_logprob.ChatCompletionTokenLogprob",
        "chat.chat_completion_token_logprob.TopLogprob",
        "completion_usage.CompletionUsage",
        "completion_usage.PromptTokensDetails",
        "model.Model",
        "model_deleted.ModelDeleted",
    ],
)
def test_chat_and_models_field_order_is_the_officials(name: str) -> None:
    pytest.importorskip("openai")
    path, _, name = name.rpartition(".")
    official = getattr(importlib.import_module(f"openai.types.{path}"), name)
    ours = getattr(importlib.import_module(f"openai_oxide.types.{path}"), name)
    assert list(ours.model_fields) == list(official.model_fields)


def test_chat_models_keep_the_hand_written_leniency() -> None:
    from openai_oxide.types.chat import ChatCompletion, ChatCompletionChunk
    from openai_oxide.types.chat.chat_completion import ChatCompletionModerationResults
    from openai_oxide.types.chat.chat_completion_message_function_tool_call import (
        ChatCompletionMessageFunctionToolCall,
    )
    from openai_oxide.types.chat.chat_completion_message_tool_call import (
        ChatCompletionMessageToolCall,
        ChatCompletionMessageToolCallUnion,
    )
    from openai_oxide.types.model import Model

    # every field optional, tags open where the spec has one value (compatible servers)
    chunk = ChatCompletionChunk.model_validate_json(b'{"object": "", "choices": [{}]}')
    assert (chunk.id, chunk.object, chunk.choices[0].delta, chunk.usage) == (None, "", None, None)
    completion = ChatCompletion.model_validate_json(
        b'{"choices": [{"message": {"role": "model", "tool_calls": [{"type": "function"}]}}]}'
    )
    message = completion.choices[0].message
    assert message is not None and message.role == "model" and message.tool_calls
    assert type(message.tool_calls[0]) is ChatCompletionMessageFunctionToolCall
    assert ChatCompletionMessageToolCall is ChatCompletionMessageFunctionToolCall
    assert ChatCompletionMessageToolCallUnion is not None
    assert Model.model_validate({"id": "m"}).object is None
    assert (
        ChatCompletionModerationResults.model_validate({"type": "moderation_results"}).results
        is None
    )


def test_order_and_open_tags(gen: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    source, _ = _render(
        gen,
        monkeypatch,
        LENIENT=frozenset({"Thing"}),
        OPEN_TAGS=frozenset({"Thing"}),
        ORDER={"Thing": ("type", "id", "name", "items")},
    )
    body = [line.strip() for line in source.splitlines()[1:] if line.strip()]
    # the constant tag reads other values too (and none), in the order given
    assert body == [
        'type: Literal["thing"] | str | None = None',
        "id: str | None = None",
        "name: str | None = None",
        "items: list[str] = []",
    ]


def _tagged(tag: str, **props: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"type": "string", "enum": [tag]}, **props},
        "required": ["type"],
    }


def _union_of(gen: Any, schemas: dict[str, Any]) -> tuple[Any, Any]:
    """A generator over `schemas` and the union `U` of them, rendered into module `things`."""
    union = {"oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in schemas]}
    generator = gen.Generator({"paths": {}, "components": {"schemas": {**schemas, "U": union}}})
    for name in schemas:
        generator.home[("model", name)], generator.name[("model", name)] = "things", name
    generator.union_members = generator.tagged_union_members()
    generator.nested = generator.nested_tags()
    mod = generator.module("things")
    generator.render_union(mod, "model", union, "U", "#/components/schemas/U", alias="U")
    return generator, mod


def _role(*roles: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(roles)}


def test_members_that_share_a_tag_are_told_apart_by_a_second_discriminator(gen: Any) -> None:
    """Two `message` members (the stored input message and the output message) make one
    member of the `type` union: a union discriminated by `role`, whose tags stay closed."""
    said = {**_tagged("message", role=_role("user", "system")), "required": ["type", "role"]}
    heard = {**_tagged("message", role=_role("assistant")), "required": ["type", "role"]}
    _, mod = _union_of(gen, {"A": _tagged("a"), "In": said, "Out": heard})
    alias = next(expr for name, expr, _ in mod.aliases if name == "U")
    assert alias.startswith(
        'Annotated[Annotated[A | Annotated[In | Out, Field(discriminator="role")], '
        'Field(discriminator="type")] | UnknownU'
    )
    source = "\n".join(mod.classes)
    assert 'role: Literal["user", "system"]\n' in source  # closed: pydantic dispatches on it
    assert 'frozenset({"a", "message"})' in source  # each tag once


def test_a_shared_tag_without_a_second_discriminator_stays_an_untagged_union(gen: Any) -> None:
    one = _tagged("message", role=_role("user"))  # `role` not required: it cannot dispatch
    other = _tagged("message", role=_role("assistant"))
    generator, mod = _union_of(gen, {"One": one, "Other": other})
    assert generator.nested == set()
    assert ("U", "One | Other", {"One", "Other"}) in mod.aliases


def _all_properties(schemas: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The fields of `schema` and of its `allOf` parts, those parts' refs followed."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    out = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        out |= _all_properties(schemas, part)
    return out


def test_the_spec_additions_extend_the_spec_and_yield_to_it(gen: Any) -> None:
    """spec_additions.py adds schemas, fields and union members the spec lacks; what a spec
    has already is left as the spec says it, and every addition is still lacking in
    ../shared/spec/openapi.yaml (else the entry is stale: remove it)."""
    pytest.importorskip("yaml", reason="pyyaml is needed to read the spec")
    from gen import spec_additions
    from gen.spec import load

    raw = load(extended=False)["components"]["schemas"]
    for name in spec_additions.SCHEMAS:
        assert name not in raw, f"the spec has {name} now: remove it from SCHEMAS"
    for where, fields in spec_additions.PROPERTIES.items():
        # an `allOf` part's field may come to the spec in another part (`Response`'s)
        has = set(spec_additions._at(raw, where).get("properties", {}))
        if "/allOf/" in where:
            has |= _all_properties(raw, raw[where.split("/")[0]])
        assert not set(fields) & has, f"the spec has {where}.{set(fields) & has} now"
    for union, members in spec_additions.MEMBERS.items():
        refs = [v.get("$ref") for v in raw[union].get("oneOf") or raw[union]["anyOf"]]
        for name, after in members:
            assert spec_additions.PREFIX + name not in refs
            assert not after or spec_additions.PREFIX + after in refs
    for union, titled in spec_additions.TITLED_MEMBERS.items():
        titles = [v.get("title") for v in raw[union].get("oneOf") or raw[union]["anyOf"]]
        for member, after in titled:
            assert member["title"] not in titles, f"the spec has {member['title']} now"
            assert after in titles

    schemas = load()["components"]["schemas"]
    items = [v["$ref"].rsplit("/", 1)[1] for v in schemas["ItemResource"]["oneOf"]]
    assert items[items.index("AdditionalTools") + 1] == "ConfigurationUpdate"
    assert (
        schemas["ConfigurationUpdate"]["properties"]["reasoning"]["properties"]["effort"]
        == (
            raw["ReasoningEffort"]  # copied from the spec, not restated
        )
    )
    assert "error" in schemas["ImageGenToolCall"]["properties"]
    mine = {"components": {"schemas": {"X": {"type": "object", "properties": {"a": {}}}}}}
    mine["components"]["schemas"] |= {
        name: {"description": "the spec's own"}
        for name in ("ConfigurationUpdate", "ReasoningEffort")
    }
    for where in spec_additions.PROPERTIES:
        node = mine["components"]["schemas"].setdefault(where.split("/")[0], {})
        for part in where.split("/")[1:]:
            node = node.setdefault(part, {})
        node["properties"] = {
            prop: {"description": "the spec's own"} for prop in spec_additions.PROPERTIES[where]
        }
    for union, members in spec_additions.MEMBERS.items():
        # the members the additions follow (or any, for one added last)
        follows = sorted({after or "AdditionalTools" for _, after in members})
        mine["components"]["schemas"][union] = {
            "oneOf": [{"$ref": spec_additions.PREFIX + after} for after in follows]
        }
    for union, titled in spec_additions.TITLED_MEMBERS.items():
        mine["components"]["schemas"][union] = {"anyOf": [{"title": a} for _, a in titled]}
    extended = spec_additions.extend(mine)["components"]["schemas"]
    titles = [v["title"] for v in extended["ResponsesServerEvent"]["anyOf"]]
    assert titles == ["ResponseCodeInterpreterCallWsInterpreting", "ResponseCompactionWsCompacting"]
    assert extended["ConfigurationUpdate"] == {"description": "the spec's own"}
    assert extended["ImageGenToolCall"]["properties"]["error"] == {"description": "the spec's own"}


def test_one_inline_object_met_twice_under_one_name_is_one_class(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = {"type": "object", "properties": {"text": {"type": "string"}}, "description": "x"}
    other = {**part, "description": "the same fields, another docstring"}
    bigger = {
        "type": "object",
        "properties": {"text": {"type": "string"}, "n": {"type": "integer"}},
    }
    monkeypatch.setattr(
        gen, "INLINE_NAMES", {"E1.part": "Part", "E2.part": "Part", "E3.part": "Part"}
    )
    generator = gen.Generator({"paths": {}, "components": {"schemas": {}}})
    mod = gen.Module("events")
    for name, inline in (("E1", part), ("E2", other), ("E3", bigger)):
        schema = {"type": "object", "properties": {"part": inline}}
        generator.render_class(mod, "model", schema, name, f"#/x/{name}", fixed=True)
    defined = [source.split("(")[0] for source in mod.classes]
    assert defined == ["class Part", "class E1", "class E2", "class Part2", "class E3"]
    assert "    part: Part | None = None" in mod.classes[2]  # E2 reuses E1's
    assert ("Part", "#/x/E2/properties/part") in mod.manifest


ADDED_CLASSES = [
    ("responses.response_input_message_item", "ResponseInputMessageItem"),
    ("responses.response_configuration_update_item", "ResponseConfigurationUpdateItem"),
    ("responses.response_output_item", "ImageGenerationCall"),
    ("responses.response_output_item", "ImageGenerationCallError"),
    ("responses.response_output_item", "ImageGenerationCallErrorModerationDetails"),
    ("responses.response_output_item", "ImageGenerationCallSvgUsage"),
    ("responses.response_usage", "InputTokensDetails"),
    ("responses.response_usage", "InputTokensDetailsCacheWriteTokensDetails"),
    ("chat.chat_completion_chunk", "ChoiceDelta"),
    ("chat.chat_completion_chunk", "ChoiceDeltaAudio"),
    ("responses.response_compaction_compacting_event", "ResponseCompactionCompactingEvent"),
    ("responses.response_item_list", "ResponseItemList"),
    *(
        ("responses.response", name)
        for name in (
            "AccessPrograms",
            "Image",
            "InputTransformation",
            "PromptCacheDiagnosticsCacheMiss",
            "PromptCacheDiagnosticsCacheHit",
            "PromptCacheDiagnosticsComparisonResponseNotFound",
            "PromptCacheDiagnosticsUnavailable",
            "ToolUsage",
            "ToolUsageImageGen",
            "ToolUsageImageGenInputTokensDetails",
            "ToolUsageImageGenCachedTokensDetails",
            "ToolUsageImageGenOutputTokensDetails",
            "ToolUsageWebSearch",
        )
    ),
    ("responses.response_error", "Misalignment"),
    ("responses.response_error", "MisalignmentSteer"),
    ("responses.response_error", "ResponseError"),
    ("responses.response_input_text", "PromptCacheBreakpoint"),
    ("responses.response_custom_tool_call", "ResponseCustomToolCall"),
    ("beta.realtime.conversation_item_content", "ConversationItemContent"),
]


@pytest.mark.parametrize(("module", "name"), ADDED_CLASSES)
def test_classes_generated_from_the_additions_have_the_official_fields_in_order(
    module: str, name: str
) -> None:
    """The stored items and the classes generated from spec_additions.py in place of
    hand-written ones: the official class's fields, in its order, at its path."""
    pytest.importorskip("openai")
    official = getattr(importlib.import_module(f"openai.types.{module}"), name)
    ours = getattr(importlib.import_module(f"openai_oxide.types.{module}"), name)
    assert list(ours.model_fields) == list(official.model_fields)
    assert "File generated by" in Path(sys.modules[ours.__module__].__file__ or "").read_text()


@pytest.mark.parametrize(
    "name",
    [
        "responses.response.Response",
        "responses.response.IncompleteDetails",
        "responses.response.Conversation",
        "responses.response.Moderation",
        "responses.response.ToolChoiceSpecificProgrammaticToolCallingParam",
        "responses.response_error.ResponseError",
        "responses.response_error.Misalignment",
        "responses.response_prompt.ResponsePrompt",
        "responses.response_text_config.ResponseTextConfig",
        "responses.tool_choice_allowed.ToolChoiceAllowed",
        "responses.tool_choice_types.ToolChoiceTypes",
        "responses.tool_choice_custom.ToolChoiceCustom",
        "responses.tool_choice_apply_patch.ToolChoiceApplyPatch",
        "responses.tool_choice_shell.ToolChoiceShell",
        "shared.reasoning.Reasoning",
    ],
)
def test_response_classes_field_order_and_aliases_are_the_officials(name: str) -> None:
    """`Response` and the classes of its fields, generated with the overrides: the official
    fields, order and aliases, the five the spec lacks included."""
    pytest.importorskip("openai")
    path, _, name = name.rpartition(".")
    official = getattr(importlib.import_module(f"openai.types.{path}"), name)
    ours = getattr(importlib.import_module(f"openai_oxide.types.{path}"), name)
    theirs, mine = official.model_fields, ours.model_fields
    assert list(mine) == list(theirs)
    assert {k: f.alias for k, f in mine.items()} == {k: f.alias for k, f in theirs.items()}


def test_response_keeps_the_hand_written_leniency() -> None:
    """Every field of `Response` and of its generated field classes may be missing (a
    compatible server, a stream's first view), lists default as the hand-written model had
    them, `object` and enums stay open, and a tool choice keeps its own class."""
    from openai_oxide.types.responses.response import (
        Response,
        ToolChoiceShell,
        ToolChoiceTypes,
    )

    empty = Response.model_validate({})
    assert empty.output == [] and empty.tools == [] and empty.output_text == ""
    assert all(
        getattr(empty, f) is None for f in Response.model_fields if f not in ("output", "tools")
    )
    odd = Response.model_validate(
        {
            "object": "response.compaction",
            "status": "paused",
            "error": {},
            "moderation": {"input": {"type": "later"}, "output": {"type": "error"}},
            "prompt_cache_options": {},
            "tool_choice": {"type": "shell"},
        }
    )
    assert odd.object == "response.compaction" and odd.status == "paused"
    assert odd.error is not None and odd.error.code is None
    assert odd.moderation is not None and odd.moderation.output.type == "error"
    assert type(odd.tool_choice) is ToolChoiceShell
    tool_choice = Response.model_validate({"tool_choice": {"type": "file_search"}}).tool_choice
    assert type(tool_choice) is ToolChoiceTypes


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("beta.realtime.conversation_item_content_param", "ConversationItemContentParam"),
        ("beta.realtime.realtime_connect_params", "RealtimeConnectParams"),
        ("realtime.realtime_connect_params", "RealtimeConnectParams"),
    ],
)
def test_request_params_from_the_additions_are_the_officials(module: str, name: str) -> None:
    """The SDK-only TypedDicts generated from spec_additions.py (no longer written by hand):
    the official keys, required where the official requires them, at the official path."""
    pytest.importorskip("openai")
    official = getattr(importlib.import_module(f"openai.types.{module}"), name)
    ours = getattr(importlib.import_module(f"openai_oxide.types.{module}"), name)

    def keys(typed_dict: Any) -> dict[str, bool]:
        return {
            key: str(getattr(ann, "__forward_arg__", ann)).startswith("Required[")
            for key, ann in typed_dict.__annotations__.items()
        }

    assert keys(ours) == keys(official)
    assert "File generated by" in Path(sys.modules[ours.__module__].__file__ or "").read_text()
