"""SDK-only part of `ResponseUsage` that the spec does not describe yet.

The official 3.57 model has it and servers send it; scripts/gen/overrides.py (`FIELDS`) adds
it to the generated `InputTokensDetails`.
"""

from .._base import BaseModel

__all__ = ["InputTokensDetailsCacheWriteTokensDetails"]


class InputTokensDetailsCacheWriteTokensDetails(BaseModel):
    """The input tokens written to the cache, by cache TTL."""

    ttl_12h_tokens: int | None = None
    ttl_30m_tokens: int | None = None
