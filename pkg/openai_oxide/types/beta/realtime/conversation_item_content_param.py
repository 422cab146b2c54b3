"""The request form of `ConversationItemContent` (see its module)."""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = ["ConversationItemContentParam"]


class ConversationItemContentParam(TypedDict, total=False):
    id: str
    audio: str
    text: str
    transcript: str
    type: Literal["input_text", "input_audio", "item_reference", "text", "audio"]
