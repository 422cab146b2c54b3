"""`FunctionCall`: what early parse hands over (typed and lite clients alike), and
`function_call`, which decodes a complete call's arguments. No pydantic here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._core.errors import StreamError

if TYPE_CHECKING:
    from .._core.early import FunctionCallDone
    from .._core.http import ResponseHead

__all__ = ["FunctionCall", "function_call"]


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """A function call handed over the moment its arguments were complete."""

    name: str
    call_id: str | None
    arguments: dict[str, Any]
    arguments_json: str
    item_id: str | None
    output_index: int


def function_call(done: FunctionCallDone, head: ResponseHead) -> FunctionCall:
    """The call handed to the caller, its arguments decoded. Raises StreamError (with the
    request id) when they are not a JSON object: cut short, or not JSON."""
    try:
        arguments = done.arguments()
    except ValueError as exc:
        arguments = exc
    if not isinstance(arguments, dict):
        raise StreamError(
            head,
            done.arguments_json,
            message=f"Function call {done.name!r} has arguments that are not a JSON object",
        ) from (arguments if isinstance(arguments, Exception) else None)
    return FunctionCall(
        done.name, done.call_id, arguments, done.arguments_json, done.item_id, done.output_index
    )
