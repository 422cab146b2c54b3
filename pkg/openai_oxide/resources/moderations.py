"""`client.moderations`: create."""

from __future__ import annotations

from typing import Any, Unpack

from .._core.request import NOT_GIVEN, Omit
from ..types.moderations import ModerationCreateResponse
from ._common import Resource
from ._options import RequestOptions

__all__ = ["AsyncModerations"]


class AsyncModerations(Resource):
    """Given text and/or image inputs, classifies if those inputs are potentially harmful."""

    __slots__ = ()

    async def create(
        self, *, input: Any, model: Any | Omit = NOT_GIVEN, **options: Unpack[RequestOptions]
    ) -> ModerationCreateResponse:
        """Classifies if text and/or image inputs are potentially harmful."""
        return await self._request(
            "POST",
            "/moderations",
            ModerationCreateResponse,
            options,
            body={"input": input, "model": model},
        )
