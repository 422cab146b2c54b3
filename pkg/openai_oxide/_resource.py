"""Base of every endpoint group: a thin holder of the client that does the requests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ._base import BaseClient

M = TypeVar("M")


class AsyncAPIResource:
    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client


def validator(model: type[M]) -> Any:
    """`model.model_validate_json`: answers are validated straight from bytes."""
    return model.model_validate_json  # type: ignore[attr-defined]
