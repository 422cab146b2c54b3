"""The computer-use driver protocols of the official `openai.lib.computer`.

`ComputerDriver` / `AsyncComputerDriver` are what an environment implements: one method per
action, each taking the action model (the Responses `computer_call` action, current or
legacy shape) and raising when it cannot run it; `screenshot()` returns a `Screenshot`.
The toolsets that drive them (`ComputerToolset`, `AsyncComputerToolset`) are not here yet.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Literal, Protocol, Required, TypedDict

if TYPE_CHECKING:
    from ..types.responses.tool_calls import (
        ActionClick,
        ActionDoubleClick,
        ActionDrag,
        ActionKeypress,
        ActionMove,
        ActionScroll,
        ActionType,
        ActionWait,
        Click,
        DoubleClick,
        Drag,
        Keypress,
        Move,
        Scroll,
        Type,
        Wait,
    )

__all__ = ["AsyncComputerDriver", "ComputerDriver", "Screenshot"]


class Screenshot(TypedDict, total=False):
    """A computer screenshot image used with the computer use tool
    (`ResponseComputerToolCallOutputScreenshotParam`)."""

    type: Required[Literal["computer_screenshot"]]
    file_id: str
    """The identifier of an uploaded file that contains the screenshot."""
    image_url: str
    """The URL of the screenshot image."""


class ComputerDriver(Protocol):
    """Implement each action used by your environment. Screenshots use native pixels.

    Drivers own permissions, bounds checks, waits, and cleanup. A method must raise if it
    cannot execute an action; do not silently ignore unsupported input.
    """

    @abstractmethod
    def click(self, action: Click | ActionClick) -> None: ...
    @abstractmethod
    def double_click(self, action: DoubleClick | ActionDoubleClick) -> None: ...
    @abstractmethod
    def drag(self, action: Drag | ActionDrag) -> None: ...
    @abstractmethod
    def keypress(self, action: Keypress | ActionKeypress) -> None: ...
    @abstractmethod
    def move(self, action: Move | ActionMove) -> None: ...
    @abstractmethod
    def scroll(self, action: Scroll | ActionScroll) -> None: ...
    @abstractmethod
    def type(self, action: Type | ActionType) -> None: ...
    @abstractmethod
    def wait(self, action: Wait | ActionWait) -> None: ...
    @abstractmethod
    def screenshot(self) -> Screenshot: ...


class AsyncComputerDriver(Protocol):
    """Asynchronous version of ComputerDriver, with caller-owned cleanup."""

    @abstractmethod
    async def click(self, action: Click | ActionClick) -> None: ...
    @abstractmethod
    async def double_click(self, action: DoubleClick | ActionDoubleClick) -> None: ...
    @abstractmethod
    async def drag(self, action: Drag | ActionDrag) -> None: ...
    @abstractmethod
    async def keypress(self, action: Keypress | ActionKeypress) -> None: ...
    @abstractmethod
    async def move(self, action: Move | ActionMove) -> None: ...
    @abstractmethod
    async def scroll(self, action: Scroll | ActionScroll) -> None: ...
    @abstractmethod
    async def type(self, action: Type | ActionType) -> None: ...
    @abstractmethod
    async def wait(self, action: Wait | ActionWait) -> None: ...
    @abstractmethod
    async def screenshot(self) -> Screenshot: ...
