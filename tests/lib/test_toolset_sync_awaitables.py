"""A sync toolset's driver method or callback that returns an awaitable: ours ends as
the official's does (the same error, output and diagnostics), never with a TypeError."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from browser_support import Tabs
from openai.lib import browser as official_browser
from openai.lib import computer as official_computer
from openai.types.responses import ResponseComputerToolCall as TheirComputerCall
from openai.types.responses import ResponseFunctionToolCall as TheirFunctionCall
from runner_support import SyncScreen

from openai_oxide.lib import browser as ours_browser
from openai_oxide.lib import computer as ours_computer

pytestmark = pytest.mark.filterwarnings("ignore:coroutine .* was never awaited")


async def _later(value: Any = True) -> Any:
    return value


def outcome(run: Callable[[Callable[[Any], None]], Any]) -> tuple[Any, list[tuple[Any, ...]]]:
    """What a call ended with (an output, or the error's class and text without the
    trailing period our messages add) and its diagnostics."""
    seen: list[tuple[Any, ...]] = []

    def observe(d: Any) -> None:
        seen.append((d["api"], d["stage"], d["reason"], d["call_id"], d["member"]))

    try:
        result: Any = run(observe)
    except Exception as exc:
        result = (type(exc).__name__, str(exc).rstrip("."))
    return result, seen


COMPUTER_CALL = {
    "type": "computer_call",
    "id": "cu_1",
    "call_id": "call_1",
    "status": "completed",
    "actions": [{"type": "click", "button": "left", "x": 1, "y": 2}],
    "pending_safety_checks": [{"id": "sc_1", "code": "c", "message": "m"}],
}


class AwaitingClick(SyncScreen):
    def click(self, action: Any) -> Any:  # type: ignore[override]
        self.done.append("click")
        return _later()


class AwaitingScreenshot(SyncScreen):
    def screenshot(self) -> Any:  # type: ignore[override]
        self.done.append("screenshot")
        return _later({"type": "computer_screenshot", "image_url": "data:,"})


def yes(value: Any) -> bool:
    return True


def later(*args: Any) -> Any:
    return _later()


@pytest.mark.parametrize(
    ("driver", "approve", "before"),
    [
        (AwaitingClick, yes, yes),
        (AwaitingScreenshot, yes, yes),
        (SyncScreen, later, yes),  # approve_safety_checks
        (SyncScreen, yes, later),  # before_action
    ],
    ids=["driver-action", "driver-screenshot", "approve_safety_checks", "before_action"],
)
def test_computer_callback_returning_an_awaitable(
    driver: type[SyncScreen], approve: Any, before: Any
) -> None:
    mine, theirs = driver(), driver()
    my_toolset = ours_computer.ComputerToolset(mine)
    their_toolset = official_computer.ComputerToolset(theirs)  # type: ignore[arg-type]
    got = outcome(
        lambda observe: my_toolset.execute(
            dict(COMPUTER_CALL),  # type: ignore[arg-type]
            approve_safety_checks=approve,
            before_action=before,
            on_diagnostic=observe,
        )
    )
    expected = outcome(
        lambda observe: their_toolset.execute(
            TheirComputerCall.model_validate(COMPUTER_CALL),
            approve_safety_checks=approve,
            before_action=before,
            on_diagnostic=observe,
        )
    )
    assert expected[0][0] == "ComputerUseError"
    assert got == expected
    assert mine.done == theirs.done


class AwaitingTabs(Tabs):
    """Tabs whose `state` or `click` returns an awaitable (from a plain method)."""

    def __init__(self, member: str) -> None:
        super().__init__()
        self.member = member

    def state(self) -> Any:
        report = super().state()
        return _later(report) if self.member == "state" else report

    def click(self, action: dict[str, Any]) -> Any:
        super().click(action)
        return _later() if self.member == "click" else None


def _browser_call(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "function_call",
        "call_id": "call_1",
        "name": name,
        "arguments": json.dumps(arguments),
    }


CLICK = _browser_call("browser_click", {"target": "t1", "tab_id": None})
NAVIGATE = _browser_call("browser_navigate", {"url": "https://shop.example.com/", "tab_id": None})
READ = _browser_call("browser_read_page", {"tab_id": None, "filter": "all"})


@pytest.mark.parametrize(
    ("member", "item", "options"),
    [
        ("state", CLICK, {"confirm": yes}),
        ("click", CLICK, {"confirm": yes}),
        ("", CLICK, {"confirm": later}),
        ("", NAVIGATE, {"confirm": yes, "url_policy": later}),
        ("", READ, {"confirm": later, "confirm_reads": ["read_page"]}),
    ],
    ids=["driver-state", "driver-member", "confirm", "url_policy", "confirm_reads"],
)
def test_browser_callback_returning_an_awaitable(
    member: str, item: dict[str, Any], options: dict[str, Any]
) -> None:
    options = {"members": ["click", "navigate", "read_page"], "url_policy": yes, **options}
    mine, theirs = AwaitingTabs(member), AwaitingTabs(member)
    my_toolset = ours_browser.BrowserToolset(mine, **options)
    their_toolset = official_browser.BrowserToolset(theirs, **options)  # type: ignore[arg-type]
    got = outcome(lambda observe: my_toolset.execute(item, on_diagnostic=observe))  # type: ignore[arg-type]
    expected = outcome(
        lambda observe: their_toolset.execute(
            TheirFunctionCall.model_validate(item), on_diagnostic=observe
        )
    )
    assert got == expected
    assert mine.log == theirs.log
    assert "TypeError" not in json.dumps(got)
