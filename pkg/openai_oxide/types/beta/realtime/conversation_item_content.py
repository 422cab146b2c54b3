"""A content part of the beta protocol's conversation items, as the official
`openai.types.beta.realtime.conversation_item_content` has it (the spec no longer lists the
beta item: its events carry the GA item union, `types.beta.realtime.ConversationItem`)."""

from __future__ import annotations

from typing import Literal

from ..._base import BaseModel

__all__ = ["ConversationItemContent"]


class ConversationItemContent(BaseModel):
    id: str | None = None
    audio: str | None = None
    text: str | None = None
    transcript: str | None = None
    type: Literal["input_text", "input_audio", "item_reference", "text", "audio"] | str | None = (
        None
    )
