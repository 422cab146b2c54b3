"""What a computer call must be before the computer toolset acts on it, and the
`computer_call_output` it answers with. Shared by the toolsets and the runner's checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...types.responses import ResponseComputerToolCall


class ComputerUseError(RuntimeError):
    """A computer call stopped (refused, invalid or cancelled); `response` is the last
    response when a run stopped."""

    def __init__(self, message: str, response: Any = None) -> None:
        super().__init__(message)
        self.response = response


MEMBERS: tuple[str, ...] = ("click", "double_click", "drag", "keypress", "move")
MEMBERS += ("screenshot", "scroll", "type", "wait")
_BUTTONS = ("left", "right", "wheel", "back", "forward")


def _point(action: Any) -> bool:
    return all(type(getattr(action, axis, None)) is int for axis in ("x", "y"))


def _valid(action: Any) -> bool:
    keys = getattr(action, "keys", None)
    if keys is not None and not (isinstance(keys, list) and all(type(k) is str for k in keys)):
        return False
    kind = getattr(action, "type", None)
    if kind == "click":
        return _point(action) and action.button in _BUTTONS
    if kind in ("double_click", "move"):
        return _point(action)
    if kind == "scroll":
        return _point(action) and all(
            type(getattr(action, n, None)) is int for n in ("scroll_x", "scroll_y")
        )
    if kind == "drag":
        return isinstance(action.path, list) and all(_point(p) for p in action.path)
    if kind == "keypress":
        return isinstance(keys, list)
    if kind == "type":
        return type(getattr(action, "text", None)) is str
    return kind in ("screenshot", "wait")


def computer_actions(call: ResponseComputerToolCall) -> list[Any]:
    """The call's actions (`actions`, or the legacy single `action`); ComputerUseError
    before any effect when the call is malformed."""
    if not isinstance(call.id, str) or not isinstance(call.call_id, str):
        raise ComputerUseError("Computer call needs a string id and call_id.")
    if (call.actions is None) == (call.action is None):
        raise ComputerUseError("Computer call requires exactly one of action or actions.")
    actions: list[Any] = list(call.actions) if call.actions is not None else [call.action]
    if not actions:
        raise ComputerUseError("Computer call has no actions.")
    if call.action is not None and "pending_safety_checks" not in call.model_fields_set:
        raise ComputerUseError("Legacy computer call is missing safety checks.")
    if not all(_valid(action) for action in actions):
        raise ComputerUseError("Invalid computer action.")
    return actions


def screenshot_output(call: ResponseComputerToolCall, screenshot: object) -> dict[str, Any]:
    image: dict[str, Any] = {"type": "computer_screenshot"}
    source = screenshot if isinstance(screenshot, Mapping) else {}
    for name in ("image_url", "file_id"):
        value = source.get(name)
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                image = {}
                break
            image[name] = value
    if source.get("type") != "computer_screenshot" or len(image) < 2:
        raise ComputerUseError(
            "Driver must return a computer_screenshot with image_url or file_id."
        )
    checks = [
        {"id": check.id, "code": check.code, "message": check.message}
        for check in call.pending_safety_checks or []
    ]
    return {
        "type": "computer_call_output",
        "call_id": call.call_id,
        "output": image,
        "acknowledged_safety_checks": checks,
    }
