"""`to_strict_json_schema` and friends against the official `openai` SDK as an oracle."""

from __future__ import annotations

import json
import re
from typing import Any

import pydantic
import pytest
from strict_corpus import (
    CORPUS,
    UNEXPRESSIBLE,
    Address,
    Everything,
    Node,
    Owner,
    Page,
    PydDataclass,
    StdDataclass,
    WithDict,
)

from openai_oxide.lib import (
    StrictSchemaError,
    pydantic_function_tool,
    to_strict_json_schema,
    type_to_response_format,
    type_to_text_format,
)
from openai_oxide.lib.tools import pydantic_responses_function_tool

official_pydantic = pytest.importorskip("openai.lib._pydantic")
official_tools = pytest.importorskip("openai.lib._tools")
official_completions = pytest.importorskip("openai.lib._parsing._completions")
official_responses = pytest.importorskip("openai.lib._parsing._responses")


def _ids(items: list[object]) -> list[str]:
    return [getattr(m, "__name__", repr(m)) for m in items]


def _one_of_to_any_of(node: Any) -> Any:
    """Our one deliberate difference, applied to the official output for comparison."""
    if isinstance(node, dict):
        return {
            ("anyOf" if k == "oneOf" else k): _one_of_to_any_of(v)
            for k, v in node.items()
            if not (k == "discriminator" and "oneOf" in node)
        }
    if isinstance(node, list):
        return [_one_of_to_any_of(v) for v in node]
    return node


def _same(ours: object, theirs: object) -> None:
    # Key order matters too: compare the JSON text, not just the dicts.
    assert json.dumps(ours, indent=1) == json.dumps(_one_of_to_any_of(theirs), indent=1)


def _api_name(name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]", "_", name)


def _official_input(model: Any) -> Any:
    if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
        return model
    return pydantic.TypeAdapter(model)


@pytest.mark.parametrize("model", CORPUS, ids=_ids(CORPUS))
def test_strict_schema_matches_official(model: object) -> None:
    theirs = official_pydantic.to_strict_json_schema(_official_input(model))
    _same(to_strict_json_schema(model), theirs)


@pytest.mark.parametrize("model", CORPUS + UNEXPRESSIBLE, ids=_ids(CORPUS + UNEXPRESSIBLE))
def test_unchecked_schema_matches_official(model: object) -> None:
    theirs = official_pydantic.to_strict_json_schema(_official_input(model))
    _same(to_strict_json_schema(model, check=False), theirs)


@pytest.mark.parametrize("tp", [PydDataclass, StdDataclass, list[Address], Address | None])
def test_type_adapter_inputs_match_official(tp: Any) -> None:
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(tp)
    theirs = official_pydantic.to_strict_json_schema(adapter)
    _same(to_strict_json_schema(tp), theirs)
    _same(to_strict_json_schema(adapter), theirs)


def test_discriminated_union_becomes_any_of() -> None:
    schema = to_strict_json_schema(Owner)
    pet = schema["properties"]["pet"]
    assert "oneOf" not in pet and "discriminator" not in pet
    assert pet["anyOf"] == [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]
    assert "oneOf" not in json.dumps(schema)


def test_strict_invariants_hold_everywhere() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node["additionalProperties"] is False
                assert node["required"] == list(node.get("properties", {}))
            if "$ref" in node:
                assert len(node) == 1, node
            assert node.get("default", 0) is not None
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in CORPUS:
        walk(to_strict_json_schema(model))


def test_recursive_model_keeps_refs() -> None:
    schema = to_strict_json_schema(Node)
    assert schema["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert schema["$defs"]["Node"]["additionalProperties"] is False
    assert schema["type"] == "object"


def test_result_is_fresh() -> None:
    first = to_strict_json_schema(Everything)
    first["properties"].clear()
    assert to_strict_json_schema(Everything)["properties"]


@pytest.mark.parametrize("model", UNEXPRESSIBLE, ids=_ids(UNEXPRESSIBLE))
def test_unexpressible_types_raise(model: object) -> None:
    with pytest.raises(StrictSchemaError) as info:
        to_strict_json_schema(model)
    assert "strict mode" in str(info.value)


def test_error_names_the_path() -> None:
    with pytest.raises(StrictSchemaError, match=r"dict\[str, X\].*properties/mapping"):
        to_strict_json_schema(WithDict)


@pytest.mark.parametrize("model", [m for m in CORPUS if isinstance(m, type)], ids=str)
def test_response_format_matches_official(model: type) -> None:
    theirs = official_completions.type_to_response_format_param(model)
    ours = type_to_response_format(model)
    theirs["json_schema"]["schema"] = _one_of_to_any_of(theirs["json_schema"]["schema"])
    # Deliberate difference: names the API would refuse (`Page[int]`) are sanitized.
    theirs["json_schema"]["name"] = _api_name(theirs["json_schema"]["name"])
    assert ours == theirs


def test_text_format_matches_official() -> None:
    for model in (Everything, Address, PydDataclass):
        theirs = official_responses.type_to_text_format_param(model)
        theirs["schema"] = _one_of_to_any_of(theirs["schema"])
        assert type_to_text_format(model) == theirs
    assert type_to_text_format(Address, name="addr")["name"] == "addr"


def test_response_format_name_is_sanitized_for_generics() -> None:
    fmt = type_to_response_format(Page[Address])
    assert fmt["json_schema"]["name"] == "Page_Address_"
    assert type_to_response_format(Address, name="custom")["json_schema"]["name"] == "custom"


def test_response_format_root_must_be_object() -> None:
    with pytest.raises(StrictSchemaError, match="root"):
        type_to_response_format(list[Address])


@pytest.mark.parametrize("model", [m for m in CORPUS if isinstance(m, type)], ids=str)
def test_pydantic_function_tool_matches_official(model: type[pydantic.BaseModel]) -> None:
    theirs = official_tools.pydantic_function_tool(model)
    theirs["function"]["parameters"] = _one_of_to_any_of(theirs["function"]["parameters"])
    theirs["function"]["name"] = _api_name(theirs["function"]["name"])
    ours = pydantic_function_tool(model)
    assert ours == theirs
    assert json.dumps(ours) == json.dumps(theirs)
    assert ours["function"].model is model


def test_pydantic_function_tool_overrides_match_official() -> None:
    kwargs = {"name": "get_address", "description": "Look it up"}
    assert pydantic_function_tool(Address, **kwargs) == official_tools.pydantic_function_tool(
        Address, **kwargs
    )


def test_pydantic_responses_function_tool_matches_official() -> None:
    for model in (Address, Everything):
        theirs = dict(official_tools.pydantic_responses_function_tool(model, defer_loading=True))
        theirs["parameters"] = _one_of_to_any_of(theirs["parameters"])
        ours = pydantic_responses_function_tool(model, defer_loading=True)
        assert ours == theirs
        assert ours.model is model  # type: ignore[attr-defined]
