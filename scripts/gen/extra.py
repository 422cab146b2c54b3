"""The record the override tables hold: `Extra`, a field an override adds to a generated
model or types otherwise."""

from __future__ import annotations

from typing import NamedTuple


class Extra(NamedTuple):
    """A field the spec lacks (added after the spec's fields) or types otherwise."""

    annotation: str
    why: str
    default: str = "None"
    imports: tuple[tuple[str, str], ...] = ()  # (module under openai_oxide.types, name)
    spec_type: bool = True  # False: the spec's type of the field is not generated at all
