"""Decoding an answer into its model: exact when it matches, lenient when it does not.

Strategy: every answer is first validated straight from its bytes by pydantic-core (the
fast path, unchanged). Only when that fails, and the client is not strict
(`_core.strictness`), is the answer decoded to plain JSON and built by `construct`, which
walks the model annotations in the spirit of the official SDK's `construct_type`:

- models are built field by field; each value that holds no model (a scalar, a Literal, a
  list of strings...) is validated against its annotation, so what matches reads exactly
  as the fast path would give it;
- a missing or null field reads as its default (None for a required field), a value that
  does not fit is kept as sent (an unknown enum value stays a `str`), unknown fields are
  kept as extras, and `__pydantic_fields_set__` holds the fields that were sent, so
  `to_dict()` gives the answer back;
- a tagged union is routed by its tag: a known tag builds that class leniently, an unknown
  one builds the union's `Unknown*` member (or a plain `UnknownModel`) with every field.

`json_decoder` and `python_decoder` are the one place that decision is made; every typed
decode in the SDK goes through them. Pure Python and pydantic, so it runs under Pyodide.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin, overload

import pydantic
from pydantic import Field, TypeAdapter, ValidationError

from .._core import codec
from .._core.strictness import is_strict
from ._base import UnknownModel

__all__ = ["construct", "json_decoder", "json_validator", "python_decoder"]

_UNIONS = (typing.Union, types.UnionType)


T = TypeVar("T")
R = TypeVar("R")
JSONText = bytes | bytearray | str


@overload
def json_decoder(type_: type[T]) -> Callable[[JSONText], T]: ...
@overload
def json_decoder(type_: Any) -> Callable[[JSONText], Any]: ...
def json_decoder(type_: Any) -> Callable[[JSONText], Any]:
    """`bytes -> type_`: validated from the bytes; if that fails, built by `construct` from
    the decoded JSON, unless strict validation is in force (the ValidationError propagates).
    Built once per type.

    The decoder raises ValueError for text that is not JSON, or that is not an object where
    a model is expected."""
    return _json_decoder(type_)


def json_validator(type_: Any) -> Callable[[JSONText], Any]:
    """`json_decoder`'s fast path alone: pydantic-core's validator for `type_`, which
    raises a ValidationError where `json_decoder` would go on to build leniently."""
    return _validators(type_).validate_json


@overload
def python_decoder(type_: type[T]) -> Callable[[Any], T]: ...
@overload
def python_decoder(type_: Any) -> Callable[[Any], Any]: ...
def python_decoder(type_: Any) -> Callable[[Any], Any]:
    """`json_decoder` for a value already decoded from JSON (a page's item, a snapshot)."""
    return _python_decoder(type_)


def _by_identity(build: Callable[[Any], R]) -> Callable[[Any], R]:
    """`build` cached per type, looked up by identity first: hashing a big `Annotated`
    union (as functools.cache does) costs microseconds, and a stream decodes every event
    through here. The identity table is bounded, since a `list[X]` written inline is a new
    object at each call; past the bound, lookups hash."""
    by_hash = functools.cache(build)
    by_id: dict[int, tuple[Any, R]] = {}

    def get(type_: Any) -> R:
        hit = by_id.get(id(type_))
        if hit is not None and hit[0] is type_:
            return hit[1]
        value = by_hash(type_)
        if len(by_id) < 256:
            by_id[id(type_)] = (type_, value)  # holds type_, so the id stays its own
        return value

    return get


@_by_identity
def _json_decoder(type_: Any) -> Callable[[JSONText], Any]:
    return _decoder(type_, _validators(type_).validate_json, codec.loads)


@_by_identity
def _python_decoder(type_: Any) -> Callable[[Any], Any]:
    return _decoder(type_, _validators(type_).validate_python, lambda value: value)


def _decoder(
    type_: Any, validate: Callable[[Any], Any], load: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """The fast path, else (unless strict) `construct` from the `load`ed JSON value."""

    def decode(data: Any) -> Any:
        try:
            return validate(data)
        except ValidationError:
            if is_strict():
                raise
        return _top(type_, load(data))

    return decode


def construct(type_: Any, value: Any) -> Any:
    """`value` (decoded JSON) as `type_`, built leniently where it does not validate.

    Never raises for a mismatch: what cannot be typed is kept as it was sent."""
    return _value(type_, value)


def _top(type_: Any, value: Any) -> Any:
    if not isinstance(value, Mapping) and _routes(type_).models:
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return _build(type_, value)


# -- validators, cached per type -------------------------------------------------------------------


class _Validators(typing.NamedTuple):
    validate_json: Callable[[JSONText], Any]
    validate_python: Callable[[Any], Any]


@functools.cache
def _validators(type_: Any) -> _Validators:
    """The methods of pydantic-core's validator for `type_`, called directly: the Python
    wrappers (`model_validate_json`, `TypeAdapter.validate_json`) cost about a microsecond
    per call. A model's own validator is used (and shared with `model_validate`). Models
    are built lazily: reading a method off the placeholder builds the real validator."""
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        validator: Any = type_.__pydantic_validator__
    else:
        validator = TypeAdapter(type_).validator
    return _Validators(validator.validate_json, validator.validate_python)


def _value(type_: Any, value: Any) -> Any:
    """A value that holds models is built part by part; any other value is validated
    against its annotation (so it reads as the fast path would give it), else built."""
    if value is None:
        return None
    if not _holds_models(type_):
        try:
            return _validators(type_).validate_python(value)
        except (ValidationError, TypeError):  # TypeError: an unhashable annotation
            pass
    return _build(type_, value)


def _per_type(compute: Callable[[Any], R]) -> Callable[[Any], R]:
    """`compute` cached per type; an unhashable annotation is computed every time."""
    cached = functools.cache(compute)

    def call(type_: Any) -> R:
        try:
            return cached(type_)
        except TypeError:
            return compute(type_)

    return call


@_per_type
def _holds_models(type_: Any) -> bool:
    """Whether a value of `type_` can contain a model. Those are never validated as a
    whole here: building their validators (a `TypeAdapter` of the output item union, say)
    would cost up to a second the first time, while building part by part costs
    microseconds and gives the same result for the parts that match."""
    type_, _ = _strip(type_)
    if isinstance(type_, type):
        return issubclass(type_, pydantic.BaseModel)
    return any(_holds_models(arg) for arg in get_args(type_))


def _strip(type_: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type under `Annotated[...]`, with the metadata."""
    meta: tuple[Any, ...] = ()
    while get_origin(type_) is Annotated:
        meta += type_.__metadata__
        type_ = type_.__origin__
    return type_, meta


def _build(type_: Any, value: Any) -> Any:
    """`value` as `type_` when it did not validate as a whole: models, unions, lists and
    dicts are built part by part; anything else is kept as sent."""
    type_, _ = _strip(type_)
    if value is None:
        return None
    origin = get_origin(type_)
    if origin in _UNIONS:
        return _union(type_, value)
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return _model(type_, value) if isinstance(value, Mapping) else value
    args = get_args(type_)
    if origin in (list, Sequence) and isinstance(value, list):
        item = args[0] if args else Any
        return [_value(item, v) for v in value]
    if origin in (dict, Mapping) and isinstance(value, Mapping):
        item = args[1] if len(args) > 1 else Any
        return {k: _value(item, v) for k, v in value.items()}
    # A scalar, Literal or enum value that failed validation, or a shape we cannot use.
    return value


# -- models ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    key: str  # the name in the JSON
    type: Any
    info: pydantic.fields.FieldInfo


@functools.cache
def _fields(cls: type[pydantic.BaseModel]) -> tuple[_Field, ...]:
    if not getattr(cls, "__pydantic_fields_complete__", cls.__pydantic_complete__):
        cls.model_rebuild()  # a forward reference left to resolve (builds the validator)
    out = []
    for name, info in cls.__pydantic_fields__.items():
        annotation = info.rebuild_annotation()
        if info.discriminator is not None:
            annotation = Annotated[annotation, Field(discriminator=info.discriminator)]
        key = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
        out.append(_Field(name, key or name, annotation, info))
    return tuple(out)


def _model(cls: type[pydantic.BaseModel], data: Mapping[str, Any]) -> Any:
    """`cls` built from `data` without failing: see the module docstring."""
    rest = dict(data)
    values: dict[str, Any] = {}
    sent: set[str] = set()
    for field in _fields(cls):
        if field.key in rest:
            raw = rest.pop(field.key)
        elif field.name in rest:
            raw = rest.pop(field.name)
        else:
            values[field.name] = _default(field.info, values)
            continue
        sent.add(field.name)
        # null reads as the field's default (an empty list stays iterable), as in the
        # official SDK; anything else is validated, or built leniently.
        values[field.name] = (
            _default(field.info, values) if raw is None else _value(field.type, raw)
        )
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", sent)
    extra = rest if cls.model_config.get("extra") == "allow" else None
    object.__setattr__(model, "__pydantic_extra__", extra)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _default(info: pydantic.fields.FieldInfo, values: dict[str, Any]) -> Any:
    if info.is_required():
        return None
    return info.get_default(call_default_factory=True, validated_data=values)


# -- unions ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Routes:
    key: str | None  # the tag's name in the JSON (`type`, or `event` for Assistants events)
    tags: Mapping[str, tuple[type[pydantic.BaseModel], ...]]  # several: a nested discriminator
    fallback: type[pydantic.BaseModel] | None  # the member that takes unknown tags
    models: tuple[type[pydantic.BaseModel], ...]
    others: tuple[Any, ...]  # members that are not models (str, list[...], Literal, ...)


def _members(type_: Any) -> tuple[list[Any], str | None]:
    """A union's members, nested unions flattened, and its declared discriminator."""
    type_, meta = _strip(type_)
    key = next(
        (m.discriminator for m in meta if isinstance(getattr(m, "discriminator", None), str)),
        None,
    )
    if get_origin(type_) not in _UNIONS:
        return [type_], key
    out: list[Any] = []
    for arg in get_args(type_):
        members, inner = _members(arg)
        out.extend(members)
        key = key or inner
    return out, key


def _literal_tags(cls: type[pydantic.BaseModel], key: str) -> tuple[str, ...]:
    info = cls.__pydantic_fields__.get(key)
    if info is None or get_origin(info.annotation) is not Literal:
        return ()
    return tuple(t for t in get_args(info.annotation) if isinstance(t, str))


@_per_type
def _routes(type_: Any) -> _Routes:
    members, key = _members(type_)
    models = tuple(m for m in members if isinstance(m, type) and issubclass(m, pydantic.BaseModel))
    others = tuple(m for m in members if m not in models and m is not types.NoneType)
    if key is None and models and all(_literal_tags(m, "type") for m in models):
        key = "type"  # an untagged union whose members all carry a literal `type`
    tags: dict[str, tuple[type[pydantic.BaseModel], ...]] = {}
    fallback = None
    for cls in models if key else ():
        found = _literal_tags(cls, key or "")
        for tag in found:
            if cls not in tags.get(tag, ()):
                tags[tag] = (*tags.get(tag, ()), cls)
        if not found and fallback is None:
            fallback = cls
    return _Routes(key, tags, fallback, models, others)


def _by_literals(
    candidates: tuple[type[pydantic.BaseModel], ...], value: Mapping[str, Any]
) -> type[pydantic.BaseModel]:
    """Of the members that share a tag (a nested union on `role`, say), the first whose other
    Literal fields accept what was sent, as the fast path would have chosen."""
    for cls in candidates:
        if all(
            not tags or value[name] in tags
            for name in cls.__pydantic_fields__
            if name in value and isinstance(value[name], str)
            for tags in (_literal_tags(cls, name),)
        ):
            return cls
    return candidates[0]


def _union(type_: Any, value: Any) -> Any:
    routes = _routes(type_)
    if isinstance(value, Mapping) and routes.models:
        if routes.key is not None:
            tag = value.get(routes.key)
            known = routes.tags.get(tag) if isinstance(tag, str) else None
            if known:
                return _model(_by_literals(known, value), value)
            return _model(routes.fallback or UnknownModel, value)
        return _model(_best_fit(routes.models, value), value)
    for other in routes.others:
        if _same_shape(other, value):
            return _build(other, value)
    return value


def _best_fit(models: tuple[type[pydantic.BaseModel], ...], value: Mapping[str, Any]) -> Any:
    """The member of an untagged union of models that shares the most fields with `value`."""
    return max(models, key=lambda cls: sum(1 for f in _fields(cls) if f.key in value))


def _same_shape(type_: Any, value: Any) -> bool:
    origin = get_origin(_strip(type_)[0])
    if isinstance(value, list):
        return origin in (list, Sequence)
    if isinstance(value, Mapping):
        return origin in (dict, Mapping)
    return False
