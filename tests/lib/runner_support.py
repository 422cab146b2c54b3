"""Function tool definitions shared by the tool runner tests."""

from __future__ import annotations

from typing import Any

WEATHER: dict[str, Any] = {
    "type": "function",
    "name": "get_weather",
    "description": "Weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}
TIME: dict[str, Any] = {**WEATHER, "name": "get_time", "description": "Time in a zone."}

SCREEN = {"type": "computer_screenshot", "image_url": "data:image/png;base64,iVBORw0KGgo="}
MCP: dict[str, Any] = {
    "type": "mcp",
    "server_label": "docs",
    "server_url": "https://mcp.example.com/sse",
    "require_approval": "always",
}


class Screen:
    """An async computer driver that records what it was asked to do."""

    def __init__(self) -> None:
        self.done: list[str] = []

    async def _record(self, action: Any) -> None:
        self.done.append(action.type)

    click = double_click = drag = keypress = move = scroll = type = wait = _record

    async def screenshot(self) -> dict[str, Any]:
        self.done.append("screenshot")
        return dict(SCREEN)


class SyncScreen:
    """The sync twin of `Screen`."""

    def __init__(self) -> None:
        self.done: list[str] = []

    def _record(self, action: Any) -> None:
        self.done.append(action.type)

    click = double_click = drag = keypress = move = scroll = type = wait = _record

    def screenshot(self) -> dict[str, Any]:
        self.done.append("screenshot")
        return dict(SCREEN)
