"""The one path of the generator that names an inline shape (scripts/gen/named_inline.py's
tables, by JSON pointer; models.py's `named_inline`): the alias is defined once, in one
module, with the `None` (and an official closed enum's `| str`) left at the field."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AT = "#/components/schemas/Thing/properties/"
MODE = {"type": "string", "enum": ["fast", "slow"]}
SHAPE = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "properties": {"n": {"type": "integer"}}},
        {"type": "null"},
    ]
}


@pytest.fixture
def gen() -> Iterator[Any]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen import models, named_inline
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    yield models, named_inline


def _patch(gen: Any, monkeypatch: pytest.MonkeyPatch, **tables: Any) -> Any:
    """`tables` in place of the committed ones, where models.py and named_inline.py read them."""
    models, named_inline = gen
    monkeypatch.setattr(models, "ENUM_NAMES", tables.get("ENUM_NAMES", {}))
    for table in ("ENUM_NAMES", "MODEL_ALIASES", "REQUEST_ALIASES"):
        monkeypatch.setattr(named_inline, table, tables.get(table, {}))
    for table in ("UNION_NAMES", "MODEL_UNION_NAMES"):
        for module in (models, named_inline):
            monkeypatch.setattr(module, table, {})
    return models.Generator({"paths": {}, "components": {"schemas": {}}})


def _fields(mod: Any) -> list[str]:
    return [line.strip() for source in mod.classes for line in source.splitlines()[1:]]


def test_an_official_enum_is_one_closed_alias_and_the_field_stays_open(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    models, _ = gen
    generator = _patch(gen, monkeypatch, ENUM_NAMES={AT + "mode": "ThingMode"})
    mod = models.Module("things")
    schema = {"type": "object", "properties": {"mode": MODE}}
    for name in ("Thing", "Other"):  # the second class's field is the same shape elsewhere
        at = f"#/components/schemas/{name}"
        generator.render_class(mod, "param", schema, name, at, fixed=True)
    assert [a[:2] for a in mod.aliases] == [("ThingMode", 'Literal["fast", "slow"]')]
    assert "mode: ThingMode | str" in _fields(mod)
    assert 'mode: Literal["fast", "slow"] | str' in _fields(mod)  # not its pointer
    assert mod.exports.count("ThingMode") == 1


def test_a_named_union_keeps_its_none_at_the_field_and_names_its_members(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    models, _ = gen
    generator = _patch(gen, monkeypatch, REQUEST_ALIASES={AT + "shape": "ShapeParam"})
    mod = models.Module("things")
    schema = {"type": "object", "properties": {"shape": SHAPE}}
    generator.render_class(mod, "param", schema, "Thing", AT.removesuffix("/properties/"))
    assert ("ShapeParam", "str | ShapeParamVariant2") in [a[:2] for a in mod.aliases]
    assert "shape: ShapeParam | None" in _fields(mod)
    # the model side has no entry: the union stays spelled out there
    models_mod = models.Module("thing_models")
    generator.render_class(models_mod, "model", schema, "Thing", AT.removesuffix("/properties/"))
    assert "shape: str | ThingShapeVariant2 | None = None" in _fields(models_mod)


def test_a_name_met_in_a_second_module_is_refused(
    gen: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    models, _ = gen
    generator = _patch(gen, monkeypatch, ENUM_NAMES={AT + "mode": "ThingMode"})
    schema = {"type": "object", "properties": {"mode": MODE}}
    at = AT.removesuffix("/properties/")
    generator.render_class(models.Module("a"), "param", schema, "Thing", at, fixed=True)
    with pytest.raises(SystemExit, match="ThingMode is used in a and b"):
        generator.render_class(models.Module("b"), "param", schema, "Thing", at, fixed=True)


def test_an_entry_no_field_meets_is_reported(gen: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    models, _ = gen
    tables = {"REQUEST_ALIASES": {AT + "shape": "ShapeParam", AT + "gone": "GoneParam"}}
    generator = _patch(gen, monkeypatch, **tables)
    schema = {"type": "object", "properties": {"shape": SHAPE}}
    at = AT.removesuffix("/properties/")
    generator.render_class(models.Module("things"), "param", schema, "Thing", at, fixed=True)
    assert generator.inline.unmet() == [f"param {AT}gone"]


def test_a_beta_twin_is_named_where_the_spec_has_its_pointer(gen: Any) -> None:
    _, named_inline = gen
    shape = {"properties": {"shape": SHAPE}}
    spec = {"components": {"schemas": {"Thing": shape, "BetaThing": shape, "Other": shape}}}
    other = "#/components/schemas/Other/properties/shape"
    table = {AT + "shape": "ShapeParam", other: "OtherShapeParam", AT + "gone": "GoneParam"}
    # `BetaOther` is named otherwise by its own entry; `BetaThing` has no `gone`
    table["#/components/schemas/BetaOther/properties/shape"] = "OwnName"
    twins = named_inline.beta_twins(table, spec)
    assert twins["#/components/schemas/BetaThing/properties/shape"] == "BetaShapeParam"
    assert "#/components/schemas/BetaThing/properties/gone" not in twins
    assert twins["#/components/schemas/BetaOther/properties/shape"] == "OwnName"


def test_the_committed_beta_twins_name_the_official_beta_unions(gen: Any) -> None:
    _, named_inline = gen
    spec = importlib.import_module("gen.spec").load()  # imported by the fixture's models
    aliases = named_inline.NamedInline(spec).request_aliases
    beta = "#/components/schemas/Beta"
    assert aliases[beta + "WebSearchToolCall/properties/action"] == (
        "BetaResponseFunctionWebSearchParamAction"
    )
    # a twin named otherwise keeps its own entry
    shell = beta + "FunctionShellCallItemParam/properties/environment/anyOf/0"
    assert aliases[shell] == "BetaShellCallEnvironmentParam"
