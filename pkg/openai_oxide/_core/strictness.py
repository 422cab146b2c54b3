"""Whether an answer that does not match its model is an error (the client's
`strict_response_validation`) or is built leniently (the default).

Decoders are plain functions of bytes, shared by every client and called deep inside
streams, pages and helpers, so the client does not pass the choice down: it runs each
decode under `checked(...)`, and the decoders ask `is_strict()` only after the fast path
failed. A lenient client sets nothing, so the happy path costs nothing. No pydantic here.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["checked", "describe", "is_strict", "validation_message"]

A = TypeVar("A")
T = TypeVar("T")

_STRICT: ContextVar[bool] = ContextVar("openai_oxide_strict_response_validation", default=False)


def is_strict() -> bool:
    """True while a strict client decodes: a mismatch must raise instead of being kept."""
    return _STRICT.get()


def checked(decode: Callable[[A], T], data: A, strict: bool) -> T:
    """`decode(data)`, with strict validation in force during the call when `strict`."""
    if not strict:
        return decode(data)
    token = _STRICT.set(True)
    try:
        return decode(data)
    finally:
        _STRICT.reset(token)


def describe(exc: ValueError) -> str:
    """What failed: pydantic's field paths and messages when there are any (duck-typed:
    no pydantic here), else the error itself (bad JSON, not an object)."""
    errors = getattr(exc, "errors", None)
    details = [
        f"{'.'.join(map(str, e.get('loc', ()))) or '(root)'}: {e.get('msg')}"
        for e in (errors() if callable(errors) else ())[:5]
    ]
    return "; ".join(details) or str(exc)


def validation_message(exc: ValueError) -> str:
    """The message of an APIResponseValidationError for `exc`."""
    return f"Data returned by API invalid for expected schema: {describe(exc)}"
