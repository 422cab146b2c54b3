"""SDK-only parts of `ImageGenerationCall` that the spec does not describe yet.

The official 3.57 model has them and servers send them; scripts/gen/overrides.py (`FIELDS`)
adds them to the generated `ImageGenerationCall`.
"""

from .._base import BaseModel

__all__ = [
    "ImageGenerationCallError",
    "ImageGenerationCallErrorModerationDetails",
    "ImageGenerationCallSvgUsage",
]


class ImageGenerationCallErrorModerationDetails(BaseModel):
    """Public details for a `moderation_blocked` error, when available."""

    categories: list[str] = []
    moderation_stage: str | None = None


class ImageGenerationCallError(BaseModel):
    """Details of a moderation failure, when available."""

    code: str | None = None
    message: str | None = None
    param: str | None = None
    type: str
    moderation_details: ImageGenerationCallErrorModerationDetails | None = None


class ImageGenerationCallSvgUsage(BaseModel):
    """(Shallow for now: its fields stay extras.)"""
