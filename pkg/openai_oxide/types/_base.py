"""The base of every typed model, and the fallback for tagged unions.

Strategy: the API grows. A model must keep what it does not know (``extra="allow"``)
and a tagged union must route a ``type`` it does not know to a fallback class instead of
failing. Each union is written as::

    Annotated[Annotated[A | B | ..., Field(discriminator="type")] | UnknownX,
              Field(union_mode="left_to_right")]

pydantic-core resolves the inner union by a dict lookup on ``type`` (straight from JSON
bytes, no Python dict in between); only when the tag is unknown does it try ``UnknownX``.
``UnknownX`` refuses the tags the inner union knows, so a known event with broken data
fails this fast path instead of passing as unknown; `_lenient` then builds it as its own
class (missing fields None), or the strict client raises. A callable ``Discriminator``
gives the same routing, but pydantic-core must first turn the JSON object into a Python
dict to call it: measured on a 1,393-event recording, 2.45 us/event against 1.72 us/event
for this form.

Models are built lazily (``defer_build=True``): the validator is made on first use, which
halves import time (``responses.events``: ~50 ms instead of ~108 ms on top of pydantic).
A class reached only inside another model (an output item of a `Response`) may thus never
be built; pydantic-core 2.41 (pydantic 2.12, stock Pyodide's; 2.50 builds it) then fails to
dump it when it must infer its type (a value `_lenient` kept as sent, an extra), since it
reads the class's serializer without building it. `model_dump` builds such classes and
retries.
Nothing here is random or time-based.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

import pydantic
from pydantic import ConfigDict, field_validator

__all__ = ["BaseModel", "UnknownModel"]

R = TypeVar("R")


class BaseModel(pydantic.BaseModel):
    """A lenient pydantic model: unknown fields are kept and dumped back."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
    )

    def __str__(self) -> str:
        # As the official models print (`print(response)` in every sample): `Name(a=1, b=2)`,
        # where pydantic's own str drops the class name.
        return repr(self)

    if not TYPE_CHECKING:  # editors keep pydantic's signatures

        def model_dump(self, **kwargs: Any) -> dict[str, Any]:
            return _dump(self, super().model_dump, kwargs)

        def model_dump_json(self, **kwargs: Any) -> str:
            return _dump(self, super().model_dump_json, kwargs)

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        """Return the model as a dict, by default only the fields the API sent."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """Return the model as a JSON string, by default only the fields the API sent."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )


def _dump(model: BaseModel, dump: Callable[..., R], kwargs: dict[str, Any]) -> R:
    """`dump(**kwargs)`, again once the classes it reached unbuilt are built."""
    try:
        return dump(**kwargs)
    except TypeError:
        if not _build_deferred(model):
            raise
    return dump(**kwargs)


def _build_deferred(value: Any) -> bool:
    """Build the classes of the models in `value` (fields, extras, containers) that are not
    built yet; whether there was any."""
    if isinstance(value, pydantic.BaseModel):
        cls = type(value)
        built = not cls.__pydantic_complete__
        if built:
            cls.model_rebuild()
        children = [*value.__dict__.values(), *(value.__pydantic_extra__ or {}).values()]
    elif isinstance(value, (list, tuple)):
        built, children = False, list(value)
    elif isinstance(value, dict):
        built, children = False, list(value.values())
    else:
        return False
    # No short-circuit: every class in the tree is built in one pass.
    return any([built, *(_build_deferred(child) for child in children)])


class UnknownModel(BaseModel):
    """Fallback member of a tagged union: a ``type`` this SDK does not know yet.

    Every field the API sent is kept as an extra attribute. Subclasses list the tags the
    union knows in ``known_types``; those are refused here so that a known object with
    invalid data fails validation instead of passing as unknown (and is then built
    leniently as its own class, see `_lenient`). Also the generic member built for an
    unknown tag of a union that has no fallback of its own.
    """

    known_types: ClassVar[frozenset[str]] = frozenset()

    type: str

    @field_validator("type")
    @classmethod
    def _refuse_known(cls, value: str) -> str:
        if value in cls.known_types:
            raise ValueError(f"invalid data for known type {value!r}")
        return value
