"""Dumping a model whose nested classes were never built (`defer_build`, see types/_base).

pydantic-core 2.41 (pydantic 2.12, stock Pyodide's) cannot infer the type of a value whose
class is still a placeholder; newer ones build it. Either way the dump works and the class
ends up built. tests/test_pydantic_floor.py runs this file under pydantic 2.12 too.
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide.types._base import BaseModel


class Leaf(BaseModel):
    x: str


class Box(BaseModel):
    items: list[Leaf | int]


def test_a_dump_builds_the_classes_it_must_infer() -> None:
    assert not Leaf.__pydantic_complete__  # nothing validated a Leaf yet
    # A value kept as sent (as `_lenient` keeps what does not fit): no union member
    # matches, so the serializer infers the item's type from its class.
    box = Box.model_construct(items=[Leaf.model_construct(x={"y": 1}), 2])
    assert box.to_dict(warnings=False) == {"items": [{"x": {"y": 1}}, 2]}
    assert Leaf.__pydantic_complete__
    assert box.to_json(indent=None, warnings=False) == '{"items":[{"x":{"y":1}},2]}'


def test_a_type_error_of_the_callers_own_still_propagates() -> None:
    def refuse(value: Any) -> Any:
        raise TypeError(f"cannot dump {type(value).__name__}")

    box = Box.model_construct(items=[1], extra=object())
    with pytest.raises(TypeError, match="cannot dump object"):
        box.model_dump(fallback=refuse)
