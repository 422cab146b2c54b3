"""Base of every endpoint group: a thin holder of the client that does the requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._base import BaseClient


class AsyncAPIResource:
    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client
