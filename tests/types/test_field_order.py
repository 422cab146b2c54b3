"""Field order is the official's: it shows in `model_dump()`, JSON key order and reprs.

Every model at an official path (scripts/gen/official_names.tsv) whose fields are the
official class's fields must have them in the official order; the mismatches are listed.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "scripts" / "gen" / "official_names.tsv"
# classes compared on this spec and openai 3.57 (499 when written): a drop means the walk
# broke, not that the order got better
FLOOR = 450


def _model(package: str, module: str, name: str) -> Any:
    try:
        found = getattr(importlib.import_module(".".join(filter(None, (package, module)))), name)
    except (ImportError, AttributeError):
        return None
    return found if isinstance(found, type) and hasattr(found, "model_fields") else None


def order_mismatches() -> tuple[int, list[str]]:
    """(classes compared, `module.Name: ours != official` for each order that differs)."""
    compared, out, seen = 0, [], set()
    for line in TABLE.read_text().splitlines():
        if not line or line.startswith("#") or not line.split("\t")[1]:
            continue
        module, name = line.split("\t")
        ours = _model("openai_oxide.types", module, name)
        if ours is None or ours in seen:
            continue
        theirs = _model("openai.types", module, name)
        if theirs is None or set(theirs.model_fields) != set(ours.model_fields):
            continue
        seen.add(ours)
        compared += 1
        if list(ours.model_fields) != list(theirs.model_fields):
            out.append(f"{module}.{name}: {list(ours.model_fields)} != {list(theirs.model_fields)}")
    return compared, out


def test_every_model_with_the_official_fields_has_them_in_the_official_order() -> None:
    pytest.importorskip("openai")
    compared, mismatches = order_mismatches()
    print(f"\nfield order: {compared} classes compared, {len(mismatches)} differ")
    assert compared >= FLOOR
    assert mismatches == [], "\n".join(mismatches)


def test_easy_input_message_dumps_as_the_officials() -> None:
    """`types.responses.easy_input_message.EasyInputMessage` (the evals' template message
    too, officially one class) dumps `content` before `role`, as the official's."""
    official = pytest.importorskip("openai.types.responses.easy_input_message")
    from openai_oxide.types.evals import EasyInputMessage as EvalsMessage
    from openai_oxide.types.responses.easy_input_message import EasyInputMessage

    data = {"role": "user", "content": "hi", "type": "message"}
    ours = EasyInputMessage.model_validate(data)
    theirs = official.EasyInputMessage.model_validate(data)
    assert EvalsMessage is EasyInputMessage
    assert ours.model_dump_json(exclude_none=True) == theirs.model_dump_json(exclude_none=True)
    assert (
        list(ours.model_dump())
        == list(theirs.model_dump())
        == [
            "content",
            "role",
            "phase",
            "type",
        ]
    )
