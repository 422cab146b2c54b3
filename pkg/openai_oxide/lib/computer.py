"""Computer use: the official `openai.lib.computer` driver protocols and toolsets.

`ComputerDriver` / `AsyncComputerDriver` are what an environment implements: one method per
action, each taking the action model (the Responses `computer_call` action, current or
legacy shape) and raising when it cannot run it; `screenshot()` returns a `Screenshot`.
`ComputerToolset` / `AsyncComputerToolset` run a `computer_call` through a driver: pending
safety checks need `approve_safety_checks` (a denial stops with `ComputerUseError`),
`before_action` may refuse each action, and the screen is captured once after the batch
into a `computer_call_output` that acknowledges the approved checks. `run` is the
Responses tool runner with only this toolset. Nothing here needs a thread.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Awaitable, Callable, Mapping
from time import monotonic
from typing import TYPE_CHECKING, Any, Literal, Protocol, Required, TypeAlias, TypedDict

from .tool_runner.calls import CloseStatus, Lifecycle, drive, flavor, invoke, settle
from .tool_runner.computer_calls import (
    MEMBERS,
    ComputerUseError,
    computer_actions,
    screenshot_output,
)
from .tool_runner.diagnostics import Reason, Stage, ToolDiagnosticObserver, emit

if TYPE_CHECKING:
    from ..types.responses import ResponseComputerToolCall
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
        ResponseComputerToolCallAction,
        ResponseComputerToolCallActions,
        Scroll,
        Type,
        Wait,
    )
    from .tool_runner.types import AsyncRunnerClient, SyncRunnerClient

    ComputerActionInput: TypeAlias = (
        ResponseComputerToolCallAction | ResponseComputerToolCallActions
    )
else:
    ComputerActionInput = Any

__all__ = [
    "AsyncComputerDriver",
    "AsyncComputerToolset",
    "ComputerActionInput",
    "ComputerDriver",
    "ComputerToolset",
    "ComputerUseError",
    "Screenshot",
]


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


class _Toolset:
    """One core for both flavors (see `tool_runner.calls`)."""

    toolset_kind = "computer"  # what the runner takes it for
    _asynchronous: bool

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self._handlers: dict[str, Callable[..., Any]] = {}
        for member in MEMBERS:
            handler = getattr(driver, member, None)
            if not callable(handler):
                raise ValueError("Computer toolset requires callable computer driver methods.")
            kind = flavor(handler)
            if kind is not None and kind != self._asynchronous:
                right = "AsyncComputerToolset" if kind else "ComputerToolset"
                raise ValueError(
                    f"Computer member {member!r} has the wrong method flavor; use {right}."
                )
            self._handlers[member] = handler
        self._lifecycle = Lifecycle("Computer toolset")

    def close(self) -> CloseStatus:
        """Refuse new calls ("draining" while one runs); the caller owns the driver."""
        return self._lifecycle.close()

    async def _call(
        self, fn: Callable[..., Any], *args: Any, cancelled: Any, refusal: Exception | None
    ) -> Any:
        return await settle(invoke(fn, *args, cancelled=cancelled), self._asynchronous, refusal)

    async def dispatch(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Any] | None,
        before_action: Callable[[Any], Any] | None,
        cancelled: Callable[[], bool] | None,
        on_diagnostic: ToolDiagnosticObserver | None,
    ) -> dict[str, Any]:
        """The `computer_call_output` of one call (the runner's and `execute`'s core)."""
        with self._lifecycle.admitted():
            return await self._dispatch(
                call,
                approve_safety_checks=approve_safety_checks,
                before_action=before_action,
                cancelled=cancelled,
                on_diagnostic=on_diagnostic,
            )

    async def _dispatch(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Any] | None,
        before_action: Callable[[Any], Any] | None,
        cancelled: Callable[[], bool] | None,
        on_diagnostic: ToolDiagnosticObserver | None,
    ) -> dict[str, Any]:
        call = call.model_copy(deep=True)
        if call.type != "computer_call" or call.status != "completed":
            raise ComputerUseError("Computer call did not complete.")
        actions = computer_actions(call)
        if actions[-1].type != "screenshot":  # before_action is asked for it too (as the official)
            from ..types.responses.tool_calls import ActionScreenshot

            actions.append(ActionScreenshot(type="screenshot"))
        call_id = call.call_id

        def check() -> None:
            if cancelled is not None and cancelled():
                raise ComputerUseError("Computer run was cancelled.")

        def note(stage: Stage, reason: Reason, started: float, member: str | None = None) -> None:
            emit(
                on_diagnostic,
                stage,
                reason,
                started,
                call_id=call_id,
                member=member,
                api="computer",
            )

        async def ask(fn: Any, value: Any, member: str | None, refusal: str) -> None:
            started = monotonic()
            try:
                approved = fn is not None and await self._call(
                    fn,
                    value.model_copy(deep=True),
                    cancelled=cancelled,
                    refusal=None,
                )
                check()
            except Exception:
                if cancelled is not None and cancelled():
                    note("approval", "cancelled", started, member)
                    raise ComputerUseError("Computer run was cancelled.") from None
                raise
            if approved is not True:
                note("approval", "refused", started, member)
                raise ComputerUseError(refusal)
            note("approval", "completed", started, member)

        async def act(member: str, *args: Any) -> Any:
            check()
            started = monotonic()
            try:
                text = (
                    "Synchronous computer driver returned an awaitable; use AsyncComputerToolset."
                )
                result = await self._call(
                    self._handlers[member],
                    *args,
                    cancelled=cancelled,
                    refusal=ComputerUseError(text),
                )
                check()
            except Exception:
                stopped = cancelled is not None and cancelled()
                note("action", "cancelled" if stopped else "driver_failed", started, member)
                if stopped:
                    raise ComputerUseError("Computer run was cancelled.") from None
                raise
            note("action", "completed", started, member)
            return result

        check()
        if call.pending_safety_checks:
            refusal = "Computer safety checks require explicit approval."
            await ask(approve_safety_checks, call, None, refusal)
        for action in actions:
            check()
            if before_action is not None:
                await ask(before_action, action, action.type, "Computer action was not approved.")
            if action.type != "screenshot":  # the screen is captured once, after the batch
                await act(action.type, action.model_copy(deep=True))
        output = screenshot_output(call, await act("screenshot"))
        check()
        return output


def _as_call(call: Any) -> ResponseComputerToolCall:
    import pydantic

    from ..types.responses import ResponseComputerToolCall

    if isinstance(call, ResponseComputerToolCall):
        return call
    try:
        return ResponseComputerToolCall.model_validate(call)
    except pydantic.ValidationError as exc:
        raise ComputerUseError(f"Invalid computer call: {exc}") from None


class ComputerToolset(_Toolset):
    """Run computer calls with a sync `ComputerDriver`."""

    _asynchronous = False

    def __init__(self, driver: ComputerDriver) -> None:
        super().__init__(driver)

    def execute(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], bool] | None = None,
        before_action: Callable[[ComputerActionInput], bool] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> dict[str, Any]:
        """The `computer_call_output` of one complete call (for your own loop)."""
        return drive(
            self.dispatch(
                _as_call(call),
                approve_safety_checks=approve_safety_checks,
                before_action=before_action,
                cancelled=cancelled,
                on_diagnostic=on_diagnostic,
            )
        )

    def run(
        self,
        client: SyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int = 20,
        approve_safety_checks: Callable[[ResponseComputerToolCall], bool] | None = None,
        before_action: Callable[[ComputerActionInput], bool] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> Any:
        """Call the model and run its computer calls until it answers; the final Response."""
        from .tool_runner.sync import ResponsesToolRunner
        from .tool_runner.types import ToolRunnerError

        try:
            return ResponsesToolRunner(computer=self).run(
                client,
                _computer_params(params),
                max_steps=max_steps,
                approve_safety_checks=approve_safety_checks,
                before_action=before_action,
                cancelled=cancelled,
                on_diagnostic=on_diagnostic,
            )
        except ToolRunnerError as exc:
            raise _computer_error(exc) from exc.__cause__


class AsyncComputerToolset(_Toolset):
    """Run computer calls with an `AsyncComputerDriver`."""

    _asynchronous = True

    def __init__(self, driver: AsyncComputerDriver) -> None:
        super().__init__(driver)

    async def execute(
        self,
        call: ResponseComputerToolCall,
        *,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Awaitable[bool]] | None = None,
        before_action: Callable[[ComputerActionInput], Awaitable[bool]] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> dict[str, Any]:
        """The `computer_call_output` of one complete call (for your own loop)."""
        return await self.dispatch(
            _as_call(call),
            approve_safety_checks=approve_safety_checks,
            before_action=before_action,
            cancelled=cancelled,
            on_diagnostic=on_diagnostic,
        )

    async def run(
        self,
        client: AsyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int = 20,
        approve_safety_checks: Callable[[ResponseComputerToolCall], Awaitable[bool]] | None = None,
        before_action: Callable[[ComputerActionInput], Awaitable[bool]] | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> Any:
        """Call the model and run its computer calls until it answers; the final Response."""
        from .tool_runner.loop import AsyncResponsesToolRunner
        from .tool_runner.types import ToolRunnerError

        try:
            return await AsyncResponsesToolRunner(computer=self).run(
                client,
                _computer_params(params),
                max_steps=max_steps,
                approve_safety_checks=approve_safety_checks,
                before_action=before_action,
                cancelled=cancelled,
                on_diagnostic=on_diagnostic,
            )
        except ToolRunnerError as exc:
            raise _computer_error(exc) from exc.__cause__


def _computer_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The official toolset takes exactly one computer tool in params (default computer)."""
    tools = params.get("tools")
    tools = None if tools is None else list(tools)  # any iterable, read twice below
    if tools is not None and (
        len(tools) != 1 or tools[0].get("type") not in ("computer", "computer_use_preview")
    ):
        raise ValueError("ComputerToolset requires exactly one computer tool.")
    return {**params, "tools": list(tools or [{"type": "computer"}])}


def _computer_error(exc: Exception) -> ComputerUseError:
    cause = exc.__cause__
    message = str(cause) if isinstance(cause, ComputerUseError) else str(exc)
    return ComputerUseError(message)
