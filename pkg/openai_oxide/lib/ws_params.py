"""The keywords of a Responses turn over a WebSocket, as TypedDicts for `**params`.

Imported only for type checking by the WebSocket modules (the generated request params it
builds on are not loaded with a session).
"""

from __future__ import annotations

from ..resources.helper_kwargs import ResponseCreateKwargs
from ..types.responses.response_create_params import ResponseCreateParams

__all__ = ["CreateEventParams", "TurnParams"]


class CreateEventParams(ResponseCreateParams, total=False):
    """A `response.create` event's fields: `responses.create`'s keywords, and `generate`
    (false: the server prepares the turn without generating)."""

    generate: bool


class TurnParams(ResponseCreateKwargs, total=False):
    """A session turn's keywords: those of the `responses.stream` helper (`create`'s and
    the request options), `generate`, and `stream_id` (the lane the turn chains on)."""

    generate: bool
    stream_id: str | None
