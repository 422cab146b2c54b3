"""SDK-only part of `ChoiceDelta` that the spec does not describe yet.

The official 3.57 model has it and servers send it; scripts/gen/overrides_chat.py (`FIELDS`)
adds it to the generated `ChoiceDelta`.
"""

from .._base import BaseModel

__all__ = ["ChoiceDeltaAudio"]


class ChoiceDeltaAudio(BaseModel):
    """A partial audio response."""

    id: str | None = None
    data: str | None = None
    expires_at: int | None = None
    transcript: str | None = None
