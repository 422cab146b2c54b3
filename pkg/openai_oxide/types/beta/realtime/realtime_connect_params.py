"""The query of a beta Realtime connection (`client.beta.realtime.connect(model=...)`), as the
official `openai.types.beta.realtime.realtime_connect_params` has it; the spec has no schema
for a WebSocket's query."""

from __future__ import annotations

from typing import Required, TypedDict

__all__ = ["RealtimeConnectParams"]


class RealtimeConnectParams(TypedDict, total=False):
    model: Required[str]
