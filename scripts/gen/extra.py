"""The records the override tables hold: `Extra`, a field an override adds to a generated
model or types otherwise; `Member`, a hand-written member of a generated tagged union."""

from __future__ import annotations

from typing import NamedTuple


class Extra(NamedTuple):
    """A field the spec lacks (added after the spec's fields) or types otherwise."""

    annotation: str
    why: str
    default: str = "None"
    imports: tuple[tuple[str, str], ...] = ()  # (module under openai_oxide.types, name)
    spec_type: bool = True  # False: the spec's type of the field is not generated at all


class Member(NamedTuple):
    """A hand-written member of a generated tagged union: the spec lacks its schema."""

    module: str  # under openai_oxide.types
    name: str
    tag: str
    why: str
