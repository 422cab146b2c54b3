"""The record the override tables hold: `Extra`, a field of a generated model an override
types otherwise."""

from __future__ import annotations

from typing import NamedTuple


class Extra(NamedTuple):
    """A spec field typed otherwise (a field the spec lacks is a spec addition)."""

    annotation: str
    why: str
    default: str = "None"
    imports: tuple[tuple[str, str], ...] = ()  # (module under openai_oxide.types, name)
    spec_type: bool = True  # False: the spec's type of the field is not generated at all
