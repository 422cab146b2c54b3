"""The browser toolset of the official `openai.lib.browser`: function tools named
`browser_<member>` that run through a caller-owned driver.

A driver implements `state()` (its tabs) and the members it supports (`navigate`,
`read_page`, `click`, ... each taking its typed input). Every result tells the model the
tabs before and after; page content is untrusted. State-changing members need `confirm`
(the application's consent to the fixed arguments), navigation needs `url_policy`, and
`confirm_reads` asks before chosen reads. A refusal or a driver failure is an output the
model sees (`{"ok": false, "error": ...}`), not an exception; later browser calls of the
same turn are then skipped. Nothing here needs a thread.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Callable, Sequence
from time import monotonic
from typing import TYPE_CHECKING, Any, Protocol

from .browser_types import (
    BrowserConfirmContext,
    BrowserDialogDismissed,
    BrowserDownload,
    BrowserFileInput,
    BrowserFileOutcome,
    BrowserNavigationRefused,
    BrowserObservationV1,
    BrowserPoint,
    BrowserReadConfirmContext,
    BrowserReadElement,
    BrowserReadOption,
    BrowserReadScope,
    BrowserReadV1,
    BrowserScopedReadV1,
    BrowserState,
    BrowserStateChange,
    BrowserTab,
    BrowserTabChange,
    ClickAtInput,
    ClickInput,
    DragPathInput,
    FindInput,
    HoldKeysInput,
    HoverAtInput,
    KeyInput,
    NavigateInput,
    NewTabInput,
    ReadDiagnosticsInput,
    ReadPageInput,
    ReadPageScopedInput,
    RunScriptInput,
    ScrollInput,
    SelectOptionInput,
    SetCheckedInput,
    TabInput,
    TypeInput,
    WaitForInput,
    ZoomInput,
)
from .tool_runner import browser_members as vocab
from .tool_runner import browser_reports as reports
from .tool_runner.calls import CloseStatus, Lifecycle, drive, flavor, invoke, settle
from .tool_runner.diagnostics import Reason, Stage, ToolDiagnosticObserver, emit

if TYPE_CHECKING:
    from ..types.responses import ResponseFunctionToolCall

__all__ = [
    "BROWSER_MEMBERS",
    "DEFAULT_BROWSER_MEMBERS",
    "AsyncBrowserClickDriver",
    "AsyncBrowserDriver",
    "AsyncBrowserNavigationDriver",
    "AsyncBrowserReadDriver",
    "AsyncBrowserScreenshotDriver",
    "AsyncBrowserToolset",
    "BrowserCancelledError",
    "BrowserClickDriver",
    "BrowserConfirmContext",
    "BrowserDialogDismissed",
    "BrowserDownload",
    "BrowserDriver",
    "BrowserError",
    "BrowserFileInput",
    "BrowserFileOutcome",
    "BrowserNavigationDriver",
    "BrowserNavigationRefused",
    "BrowserObservationV1",
    "BrowserPoint",
    "BrowserReadConfirmContext",
    "BrowserReadDriver",
    "BrowserReadElement",
    "BrowserReadOption",
    "BrowserReadScope",
    "BrowserReadV1",
    "BrowserScopedReadV1",
    "BrowserScreenshotDriver",
    "BrowserState",
    "BrowserStateChange",
    "BrowserTab",
    "BrowserTabChange",
    "BrowserToolset",
    "ClickAtInput",
    "ClickInput",
    "DragPathInput",
    "FindInput",
    "HoldKeysInput",
    "HoverAtInput",
    "KeyInput",
    "NavigateInput",
    "NewTabInput",
    "ReadDiagnosticsInput",
    "ReadPageInput",
    "ReadPageScopedInput",
    "RunScriptInput",
    "ScrollInput",
    "SelectOptionInput",
    "SetCheckedInput",
    "TabInput",
    "TypeInput",
    "WaitForInput",
    "ZoomInput",
]

BROWSER_MEMBERS = tuple(vocab.MEMBERS)
DEFAULT_BROWSER_MEMBERS = tuple(m for m in BROWSER_MEMBERS if m not in vocab.EXPLICIT_ONLY)


class BrowserDriver(Protocol):
    """Caller-owned browser. An opted-in run_script returns valid Unicode text."""

    def state(self) -> BrowserState: ...


class AsyncBrowserDriver(Protocol):
    """Async caller-owned browser. An opted-in run_script returns valid Unicode text."""

    async def state(self) -> BrowserState: ...


class BrowserReadDriver(BrowserDriver, Protocol):
    @abstractmethod
    def read_page(self, action: ReadPageInput) -> str | BrowserReadV1 | None: ...


class AsyncBrowserReadDriver(AsyncBrowserDriver, Protocol):
    @abstractmethod
    async def read_page(self, action: ReadPageInput) -> str | BrowserReadV1 | None: ...


class BrowserNavigationDriver(BrowserDriver, Protocol):
    @abstractmethod
    def navigate(self, action: NavigateInput) -> None: ...


class AsyncBrowserNavigationDriver(AsyncBrowserDriver, Protocol):
    @abstractmethod
    async def navigate(self, action: NavigateInput) -> None: ...


class BrowserClickDriver(BrowserDriver, Protocol):
    @abstractmethod
    def click(self, action: ClickInput) -> None: ...


class AsyncBrowserClickDriver(AsyncBrowserDriver, Protocol):
    @abstractmethod
    async def click(self, action: ClickInput) -> None: ...


class BrowserScreenshotDriver(BrowserDriver, Protocol):
    @abstractmethod
    def screenshot(self, action: TabInput) -> dict[str, Any]: ...


class AsyncBrowserScreenshotDriver(AsyncBrowserDriver, Protocol):
    @abstractmethod
    async def screenshot(self, action: TabInput) -> dict[str, Any]: ...


class BrowserError(Exception):
    """A controlled refusal/error whose text is safe to send to the model."""


class BrowserCancelledError(RuntimeError):
    """A browser execution cancelled before it could build an output."""


Confirm = Callable[[Any], Any]
UrlPolicy = Callable[[BrowserConfirmContext, str], Any]


def _selected(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError("Browser members must be a sequence of unique fixed member names.")
    names = tuple(value)
    if any(name not in vocab.MEMBERS for name in names) or len(set(names)) != len(names):
        raise ValueError("Browser members must be a sequence of unique fixed member names.")
    return frozenset(names)


def _output(
    call: ResponseFunctionToolCall, state: Any, result: Any, error: str | None
) -> tuple[dict[str, Any], bool]:
    """The `function_call_output`: a JSON text block (ok, tabs, result or error), then
    the image of a screenshot or zoom."""
    member = (call.name or "")[len("browser_") :]
    ok = error is None and (member not in reports.FILE_TRANSFERS or result["status"] == "completed")
    payload: dict[str, Any] = {"ok": ok}
    if state is not None:
        payload["state"] = state
    content: list[dict[str, Any]] = []
    if error is not None:
        payload["error"] = error
    elif member in ("screenshot", "zoom"):
        content.append(result)
    else:
        reports.plain_result(member, result)
        payload["result"] = result
    content.insert(0, {"type": "input_text", "text": json.dumps(payload, ensure_ascii=True)})
    return {"type": "function_call_output", "call_id": call.call_id, "output": content}, ok


class _Toolset:
    """One coroutine core for both flavors (see `tool_runner.calls`)."""

    toolset_kind = "browser"  # what the runner takes it for
    _asynchronous: bool

    def __init__(
        self,
        driver: Any,
        *,
        members: Sequence[str] | None,
        additional_members: Sequence[str] | None,
        confirm_reads: Sequence[str] | None,
        confirm: Confirm | None,
        url_policy: UrlPolicy | None,
    ) -> None:
        if members is not None and additional_members is not None:
            raise ValueError("Use either members or additional_members, not both.")
        selected, additional = _selected(members), _selected(additional_members)
        required = selected if selected is not None else additional or frozenset()
        self._check_flavor(getattr(driver, "state", None), "state")
        self._explicit = selected is not None
        self._handlers: dict[str, Callable[..., Any]] = {}
        for member in vocab.MEMBERS:
            wanted = (
                member in selected
                if selected is not None
                else (member not in vocab.EXPLICIT_ONLY or member in required)
            )
            if not wanted or member == "list_tabs":
                continue
            method = getattr(driver, member, None)
            if callable(method):
                self._check_flavor(method, member)
                self._handlers[member] = method
            elif member in required:
                raise ValueError("A selected browser member is not implemented by the driver.")
        lists = selected is None or "list_tabs" in selected
        self._members = frozenset([*self._handlers, *(["list_tabs"] if lists else [])])
        reads = tuple(confirm_reads or ())
        if (
            isinstance(confirm_reads, (str, bytes))
            or len(set(reads)) != len(reads)
            or any(m not in vocab.READ_ONLY or m not in self._members for m in reads)
        ):
            raise ValueError("confirm_reads must contain unique selected read-only members.")
        self._confirm_reads = frozenset(reads)
        changes = any(m not in vocab.READ_ONLY for m in self._handlers)
        if confirm is None and (self._confirm_reads or changes):
            raise ValueError("State-changing browser members require confirm.")
        if url_policy is None and self._members & vocab.NAVIGATION:
            raise ValueError("Browser navigation members require url_policy.")
        self.driver = driver
        self.confirm = confirm
        self.url_policy = url_policy
        self._lifecycle = Lifecycle("Browser toolset")

    def _check_flavor(self, method: Any, member: str) -> None:
        kind = flavor(method) if callable(method) else None
        if kind is not None and kind != self._asynchronous:
            right = "AsyncBrowserToolset" if kind else "BrowserToolset"
            raise ValueError(f"Browser member {member!r} has the wrong method flavor; use {right}.")

    def close(self) -> CloseStatus:
        """Refuse new calls ("draining" while one runs); the caller owns the driver."""
        return self._lifecycle.close()

    @property
    def tools(self) -> list[dict[str, Any]]:
        """The function tools to declare (the runner declares them itself)."""
        return [vocab.tool(m) for m in vocab.MEMBERS if m in self._members]

    async def _call(
        self, fn: Callable[..., Any], *args: Any, cancelled: Any, member: str | None = None
    ) -> Any:
        """A driver `member`'s or (member None) a policy's result; see `settle`."""
        refusal = None
        if member is not None:
            text = f"Browser member {member!r} returned an awaitable; use AsyncBrowserToolset."
            refusal = RuntimeError(text)
        return await settle(invoke(fn, *args, cancelled=cancelled), self._asynchronous, refusal)

    async def _state(
        self, cancelled: Callable[[], bool] | None, previous: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        try:
            report = await self._call(self.driver.state, cancelled=cancelled, member="state")
            _check(cancelled)
            return reports.state(report, previous)
        except Exception:
            _check(cancelled)
            raise RuntimeError("Browser state report failed.") from None

    async def dispatch(
        self,
        call: ResponseFunctionToolCall,
        *,
        skip: bool = False,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> tuple[dict[str, Any], bool]:
        """The output of one call and whether it succeeded; `skip`: an earlier browser
        call of the turn failed, so this one only reports the tabs."""
        with self._lifecycle.admitted():
            return await self._dispatch(
                call, skip=skip, cancelled=cancelled, on_diagnostic=on_diagnostic
            )

    async def _dispatch(
        self,
        call: ResponseFunctionToolCall,
        *,
        skip: bool,
        cancelled: Callable[[], bool] | None,
        on_diagnostic: ToolDiagnosticObserver | None,
    ) -> tuple[dict[str, Any], bool]:
        call = call.model_copy(deep=True)
        _check(cancelled)
        name = call.name or ""
        member = name[len("browser_") :] if name.startswith("browser_") else ""
        if (
            member in vocab.MEMBERS
            and member not in self._members
            and (self._explicit or member in vocab.EXPLICIT_ONLY)
        ):
            raise BrowserError("Browser tool is disabled.")
        if not isinstance(call.call_id, str):
            raise RuntimeError("BrowserToolset requires a string call_id.")

        def note(stage: Stage, reason: Reason, started: float) -> None:
            emit(
                on_diagnostic,
                stage,
                reason,
                started,
                call_id=call.call_id,
                member=member or None,
                api="browser",
            )

        started = monotonic()
        if call.status not in (None, "completed") or member not in self._members:
            note("arguments", "invalid_input", started)
            return _output(call, None, None, "Browser tool is unavailable or incomplete.")
        if member in self._confirm_reads and not await self._read_approved(
            call, member, skip, cancelled, note
        ):
            text = '{"ok":false,"error":"Browser read was not approved."}'  # as the official
            block = {"type": "input_text", "text": text}
            output = {"type": "function_call_output", "call_id": call.call_id, "output": [block]}
            return output, False
        state = await self._state(cancelled)
        if skip:
            skipped = "Not executed: an earlier browser action in this turn failed."
            return _output(call, state, None, skipped)
        result, error = await self._act(call, member, state, cancelled, note)
        after = await self._state(cancelled, state.get("observation"))
        return _output(call, after, result, error)

    async def _read_approved(
        self, call: ResponseFunctionToolCall, member: str, skip: bool, cancelled: Any, note: Any
    ) -> bool:
        if skip:
            return False
        started = monotonic()
        try:
            context: BrowserReadConfirmContext = {
                "member": member,
                "arguments": vocab.arguments(member, call.arguments or ""),
                "state": None,
                "call_id": str(call.call_id),
                "phase": "before_read",
            }
            assert self.confirm is not None  # checked at construction
            approved = await self._call(self.confirm, context, cancelled=cancelled)
        except Exception:
            if cancelled is not None and cancelled():
                note("approval", "cancelled", started)
                raise BrowserCancelledError("Browser execution was cancelled.") from None
            note("approval", "policy_failed", started)
            return False
        _check(cancelled)
        note("approval", "completed" if approved is True else "refused", started)
        return approved is True

    async def _act(
        self,
        call: ResponseFunctionToolCall,
        member: str,
        state: dict[str, Any],
        cancelled: Any,
        note: Any,
    ) -> tuple[Any, str | None]:
        """Check the arguments, ask the policies, run the member: (result, error)."""
        stage: Stage = "arguments"
        started = monotonic()
        try:
            try:
                arguments = vocab.arguments(member, call.arguments or "")
            except ValueError as exc:  # its text names no page content
                raise BrowserError(str(exc)) from None
            context: BrowserConfirmContext = {
                "member": member,
                "arguments": arguments,
                "state": state,  # type: ignore[typeddict-item]
                "call_id": str(call.call_id),
            }
            stage, started = "approval", monotonic()
            url = arguments.get("url")
            if member in vocab.NAVIGATION and isinstance(url, str):
                assert self.url_policy is not None  # checked at construction
                allowed = await self._call(
                    self.url_policy,
                    json.loads(json.dumps(context)),
                    url,
                    cancelled=cancelled,
                )
                if allowed is not True:
                    raise BrowserError("Browser navigation was not approved.")
                _check(cancelled)
            if member not in vocab.READ_ONLY:
                assert self.confirm is not None  # checked at construction
                approved = await self._call(
                    self.confirm,
                    json.loads(json.dumps(context)),
                    cancelled=cancelled,
                )
                if approved is not True:
                    raise BrowserError(
                        "Browser action was not approved. Do not retry it unless the user asks."
                    )
                _check(cancelled)
                note("approval", "completed", started)
            stage, started = "action", monotonic()
            result = None
            if member != "list_tabs":
                result = await self._call(
                    self._handlers[member], arguments, cancelled=cancelled, member=member
                )
            _check(cancelled)
        except BrowserCancelledError:
            note(stage, "cancelled", started)
            raise
        except BrowserError as exc:
            reasons: dict[str, Reason] = {"approval": "refused", "arguments": "invalid_input"}
            note(stage, reasons.get(stage, "driver_failed"), started)
            return None, str(exc)
        except Exception:
            if cancelled is not None and cancelled():
                note(stage, "cancelled", started)
                raise BrowserCancelledError("Browser execution was cancelled.") from None
            reasons = {"approval": "policy_failed", "arguments": "invalid_input"}
            note(stage, reasons.get(stage, "driver_failed"), started)
            return None, "Browser action failed."
        result = reports.result(member, result)  # an invalid one ends the call (as the official)
        note("action", "completed", started)
        return result, None


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise BrowserCancelledError("Browser execution was cancelled.")


def _as_call(call: Any) -> ResponseFunctionToolCall:
    from ..types.responses import ResponseFunctionToolCall

    if isinstance(call, ResponseFunctionToolCall):
        return call
    return ResponseFunctionToolCall.model_validate(call)


class BrowserToolset(_Toolset):
    """Browser function tools over a sync `BrowserDriver`."""

    _asynchronous = False

    def __init__(
        self,
        driver: BrowserDriver,
        *,
        members: Sequence[str] | None = None,
        additional_members: Sequence[str] | None = None,
        confirm_reads: Sequence[str] | None = None,
        confirm: Callable[[Any], bool] | None = None,
        url_policy: Callable[[BrowserConfirmContext, str], bool] | None = None,
    ) -> None:
        super().__init__(
            driver,
            members=members,
            additional_members=additional_members,
            confirm_reads=confirm_reads,
            confirm=confirm,
            url_policy=url_policy,
        )

    def execute(
        self,
        call: ResponseFunctionToolCall,
        *,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> dict[str, Any]:
        """The `function_call_output` of one browser call (for your own loop)."""
        coro = self.dispatch(_as_call(call), cancelled=cancelled, on_diagnostic=on_diagnostic)
        return drive(coro)[0]


class AsyncBrowserToolset(_Toolset):
    """Browser function tools over an `AsyncBrowserDriver`."""

    _asynchronous = True

    def __init__(
        self,
        driver: AsyncBrowserDriver,
        *,
        members: Sequence[str] | None = None,
        additional_members: Sequence[str] | None = None,
        confirm_reads: Sequence[str] | None = None,
        confirm: Callable[[Any], Any] | None = None,
        url_policy: Callable[[BrowserConfirmContext, str], Any] | None = None,
    ) -> None:
        super().__init__(
            driver,
            members=members,
            additional_members=additional_members,
            confirm_reads=confirm_reads,
            confirm=confirm,
            url_policy=url_policy,
        )

    async def execute(
        self,
        call: ResponseFunctionToolCall,
        *,
        cancelled: Callable[[], bool] | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
    ) -> dict[str, Any]:
        """The `function_call_output` of one browser call (for your own loop)."""
        coro = self.dispatch(_as_call(call), cancelled=cancelled, on_diagnostic=on_diagnostic)
        return (await coro)[0]
