"""`AsyncResponsesToolRunner`: call the model, run the registered function tools, the
browser and computer toolsets and the application's MCP approvals, send their outputs
back, until the model answers without a call or `max_steps` runs out.

With `stream=True, eager=True` a tool starts the moment early parse reports its call
complete (`response.function_call_arguments.done`, before the item's
`output_item.done`), over HTTP (`client.responses.stream`) or a WebSocket session
(`client.ws_session(chain=False)`, passed as `client`). Nothing here needs a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import sys
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping, Sequence
from time import monotonic
from typing import Any

from ..._core.early import FunctionCallDone, ResponsesFunctionCalls
from ...types.responses import (
    McpApprovalRequest,
    Response,
    ResponseComputerToolCall,
    ResponseFunctionToolCall,
)
from . import budget, replay
from .calls import CloseStatus, Lifecycle, invoke
from .diagnostics import Reason, ToolDiagnosticObserver, emit
from .server_items import SERVER_ITEMS
from .state import (
    MAX_STEPS_REACHED,
    STOPPED,
    Function,
    Run,
    call_key,
    function_output,
    registry,
    wire_item,
)
from .types import (
    AsyncContextBudget,
    AsyncRegisteredFunction,
    AsyncResponsesToolLedger,
    AsyncRunnerClient,
    ContextBudget,
    EarlyExecution,
    ResponsesRunnerTurn,
    ToolRunnerCancelledError,
    ToolRunnerError,
)

OnEvent = Callable[[Any], Awaitable[None]]
BeforeEarlyCall = Callable[[ResponseFunctionToolCall | ResponseComputerToolCall], Awaitable[str]]
ApproveMcp = Callable[[McpApprovalRequest], Awaitable[bool]]
ApproveSafetyChecks = Callable[[ResponseComputerToolCall], Awaitable[bool]]
BeforeAction = Callable[[Any], Awaitable[bool]]


def early_functions(
    early: EarlyExecution | None, names: set[str], computer: bool
) -> tuple[frozenset[str], bool] | None:
    """The function names (and whether computer calls) that may start early."""
    if early is None:
        return None
    if not isinstance(early, dict) or early.keys() - {"functions", "computer"}:
        raise ValueError("early_execution must contain only functions and computer.")
    chosen = early.get("functions", [])
    if (
        not isinstance(chosen, list)
        or any(name not in names for name in chosen)
        or len(set(chosen)) != len(chosen)
    ):
        raise ValueError("Early functions must be unique registered function names.")
    early_computer = early.get("computer", False)
    if type(early_computer) is not bool or (early_computer and not computer):
        raise ValueError("Early computer execution requires a boolean and a registered dispatcher.")
    return frozenset(chosen), early_computer


class AsyncResponsesToolRunner:
    """`await AsyncResponsesToolRunner(functions=[...]).run(client, params)`, where params
    are those of `responses.create` (`model`, `input`, ...) without function tools."""

    def __init__(
        self,
        *,
        browser: Any = None,
        computer: Any = None,
        functions: Sequence[AsyncRegisteredFunction | Function] | None = None,
        early_execution: EarlyExecution | None = None,
    ) -> None:
        # The toolsets' modules build runners (`ComputerToolset.run`): duck-typed here.
        if browser is not None and getattr(browser, "toolset_kind", None) != "browser":
            raise ValueError("browser must be a BrowserToolset or AsyncBrowserToolset.")
        if computer is not None and getattr(computer, "toolset_kind", None) != "computer":
            raise ValueError("computer must be a ComputerToolset or AsyncComputerToolset.")
        self.browser = browser
        self.computer = computer
        browser_tools: list[dict[str, Any]] = list(browser.tools) if browser is not None else []
        self._browser_names = frozenset(tool["name"] for tool in browser_tools)
        tools, self._functions = registry(list(functions or []), self._browser_names)
        self._tools = [*browser_tools, *tools, *([{"type": "computer"}] if computer else [])]
        names = set(self._functions) | self._browser_names
        self._early = early_functions(early_execution, names, computer is not None)
        self._overrides = frozenset(
            name for name, fn in self._functions.items() if fn.allow_output_override
        )
        self._lifecycle = Lifecycle("Responses runner")

    def close(self) -> CloseStatus:
        """Refuse new runs; "draining" while one is still in progress."""
        return self._lifecycle.close()

    async def run(
        self,
        client: AsyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int | None = None,
        stream: bool = False,
        eager: bool = False,
        max_concurrent_calls: int = 2,
        on_event: OnEvent | None = None,
        cancelled: Callable[[], bool] | None = None,
        approve_safety_checks: ApproveSafetyChecks | None = None,
        before_action: BeforeAction | None = None,
        ledger: AsyncResponsesToolLedger | None = None,
        context_budget: AsyncContextBudget | ContextBudget | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
        approve_mcp: ApproveMcp | None = None,
        before_early_call: BeforeEarlyCall | None = None,
    ) -> Response:
        """Iterate to the end; the final `Response`. Takes the options of `iterate`."""
        turns = self.iterate(
            client,
            params,
            max_steps=max_steps,
            stream=stream,
            eager=eager,
            max_concurrent_calls=max_concurrent_calls,
            on_event=on_event,
            cancelled=cancelled,
            approve_safety_checks=approve_safety_checks,
            before_action=before_action,
            ledger=ledger,
            context_budget=context_budget,
            on_diagnostic=on_diagnostic,
            approve_mcp=approve_mcp,
            before_early_call=before_early_call,
        )
        try:
            async for turn in turns:
                if turn.final:
                    return turn.response
        finally:
            await turns.aclose()
        raise AssertionError("unreachable: iterate ends with a final turn or an error")

    async def iterate(
        self,
        client: AsyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int | None = None,
        stream: bool = False,
        eager: bool = False,
        max_concurrent_calls: int = 2,
        on_event: OnEvent | None = None,
        cancelled: Callable[[], bool] | None = None,
        approve_safety_checks: ApproveSafetyChecks | None = None,
        before_action: BeforeAction | None = None,
        ledger: AsyncResponsesToolLedger | None = None,
        context_budget: AsyncContextBudget | ContextBudget | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
        approve_mcp: ApproveMcp | None = None,
        before_early_call: BeforeEarlyCall | None = None,
        _chain: bool = False,
        _sync: bool = False,
    ) -> AsyncGenerator[ResponsesRunnerTurn, None]:
        """Each completed model turn. Tools that eager execution did not already run
        execute when the iterator advances; `aclose()` it to stop early.

        `before_early_call(call)` (with eager) returns "execute" to start a selected call
        now or "defer" to leave it, and every later call of the turn, to the stream's end.
        `approve_safety_checks(call)` and `before_action(action)` are the computer
        toolset's (a refusal stops the run); `approve_mcp(request)` answers each MCP
        approval request (True/False) with an `mcp_approval_response`. A sync runner
        (`_sync`) passes sync callbacks: an awaitable one of them returns is refused as
        the official sync runner refuses it, never awaited.
        """
        self._lifecycle.enter()  # one run at a time, as the official
        try:
            if type(max_concurrent_calls) is not int or max_concurrent_calls < 1:
                raise ValueError("max_concurrent_calls must be a positive integer.")
            if eager and not stream:
                raise ValueError("Eager execution requires streaming.")
            if ledger is not None and not isinstance(ledger, AsyncResponsesToolLedger):
                raise ValueError("An async runner requires an async ledger.")
            run = Run(
                params,
                list(self._tools),
                self._functions,
                max_steps=max_steps,
                cancelled=cancelled,
                ledger=ledger,
                overrides=self._overrides,
                chain=_chain,
                browser_names=self._browser_names,
            )
            # With eager and a ledger, received items are saved as they arrive (also when
            # server tools, whose effects are not the runner's to defer, turn eager off).
            collect = eager and ledger is not None
            eager = eager and not run.server_tools
            run.on_diagnostic = on_diagnostic
            run.sync = _sync
            limits = None if context_budget is None else budget.checked(context_budget, params)
            run.budgeted = limits is not None
            if limits is not None and params.get("truncation") is None:
                run.request["truncation"] = "disabled"
            quiet = ledger is not None or any(t.get("type") == "mcp" for t in run.tools)
            approvals = _Approvals(approve_safety_checks, before_action, approve_mcp, _sync)
            turn = _Turn(self, run, _responses_of(client, quiet), max_concurrent_calls, approvals)
            try:
                for answer, request in run.approvals_to_refresh():
                    approval = McpApprovalRequest.model_validate(request)
                    answer["approve"] = await approvals.mcp(run, approval)
                for step in range(run.consumed_requests, run.max_steps):
                    run.begin(step == run.max_steps - 1)
                    run.check()
                    request = run.request_body()
                    if step > 0:
                        _rotate_idempotency_key(request)
                    if limits is not None:
                        request["input"] = await _within_budget(run, limits)
                    if ledger is not None:
                        run.consumed_requests = step + 1
                        # A server tool may act during the request: no resuming from here.
                        await ledger.save(
                            run.checkpoint("pending" if run.server_tools else "boundary")
                        )
                        run.check()
                    started = monotonic()
                    try:
                        if stream:
                            response = await turn.stream(
                                request, eager, collect, on_event, before_early_call
                            )
                        else:
                            response = await _create(turn.target, request)
                    except (Exception, asyncio.CancelledError) as exc:
                        reason: Reason = (
                            "cancelled" if isinstance(exc, asyncio.CancelledError) else "api_failed"
                        )
                        emit(on_diagnostic, "request", reason, started)
                        raise
                    emit(on_diagnostic, "request", "completed", started, usage=response.usage)
                    run.check()
                    output = [item.to_dict(mode="json") for item in response.output]
                    if response.status != "completed":
                        raise run.error("Response did not complete.")
                    if ledger is not None and any(map(_server_failed, output)):
                        run.pending_items = [wire_item(item) for item in output]
                        await ledger.save(run.checkpoint("pending"))
                    pending = run.preflight(output)
                    final = False if pending else run.finish(response.id, output)
                    if ledger is not None:
                        if pending:
                            run.pending_items = [wire_item(item) for item in output]
                            await ledger.save(run.checkpoint("pending"))
                        elif final:
                            await ledger.save(
                                run.checkpoint("final", response.to_dict(mode="json"))
                            )
                        else:
                            await ledger.save(run.checkpoint("boundary"))
                        run.check()
                    try:
                        yield run.turn(response, output, step + 1, final)
                    finally:
                        run.active_step = None
                    if final:
                        return
                    if pending:
                        for index in range(len(run.items), len(output)):
                            await turn.dispatch(index, output[index])
                        run.finish(response.id, output)
                    if (run.append_boundary_text() or pending) and ledger is not None:
                        await ledger.save(run.checkpoint("boundary"))
                        run.check()
            except ToolRunnerError:
                await turn.settle_quietly()
                raise
            except asyncio.CancelledError:
                await turn.settle_quietly()
                raise ToolRunnerCancelledError(run.attempted, run.completed) from None
            except Exception as exc:
                await turn.settle_quietly()
                raise run.error(STOPPED) from exc
            raise run.error(MAX_STEPS_REACHED)
        finally:
            self._lifecycle.exit()

    async def execute(
        self, run: Run, item: Mapping[str, Any], *, threaded: bool = False
    ) -> dict[str, Any]:
        """Run one accepted call (or take the output the caller supplied). `threaded`: a
        sync executor runs in a worker thread (natively; Pyodide has no threads)."""
        call_id: str = item["call_id"]
        if call_id in run.supplied:
            return run.supplied[call_id]
        name = item["name"]
        function = self._functions[name]
        started = monotonic()
        try:
            arguments = run.arguments[call_id]
            sync = not inspect.iscoroutinefunction(function.execute)
            if threaded and sync and sys.platform != "emscripten":
                result: Any = await asyncio.to_thread(
                    invoke, function.execute, arguments, cancelled=run.cancelled
                )
            else:
                result = invoke(function.execute, arguments, cancelled=run.cancelled)
            if inspect.isawaitable(result):
                if run.sync:
                    _discard(result)
                    raise run.error(
                        "A synchronous function returned an awaitable; use "
                        "AsyncRegisteredFunction with AsyncResponsesToolRunner."
                    )
                result = await result
        except (Exception, asyncio.CancelledError):
            emit(
                run.on_diagnostic, "action", "driver_failed", started, call_id=call_id, member=name
            )
            raise
        emit(run.on_diagnostic, "action", "completed", started, call_id=call_id, member=name)
        output_started = monotonic()
        try:
            return function_output(call_id, result)
        except ValueError:
            emit(
                run.on_diagnostic,
                "output",
                "invalid_output",
                output_started,
                call_id=call_id,
                member=name,
            )
            raise


class _Turn:
    """The I/O of one run: the request of each step and the tool tasks in flight."""

    def __init__(
        self,
        runner: AsyncResponsesToolRunner,
        run: Run,
        target: Any,
        max_concurrent: int,
        approvals: _Approvals,
    ) -> None:
        self.runner = runner
        self.approvals = approvals
        self.run = run
        self.target = target
        self.max_concurrent = max_concurrent
        self.jobs: list[tuple[str, asyncio.Task[dict[str, Any]]]] = []

    async def dispatch(self, index: int, item: Mapping[str, Any]) -> None:
        run, ledger = self.run, self.run.ledger
        if not run.accept(index, item):
            return
        if ledger is not None:
            await ledger.save(run.checkpoint("pending"))  # type: ignore[misc]
            run.check()
        output = await self.output_of(item)
        run.add(call_key(item), output)
        if ledger is not None:
            await ledger.save(run.checkpoint("pending"))  # type: ignore[misc]
            if run.browser_failed:
                raise run.error("Browser result requires reconciliation before another call.")
        run.check()

    async def output_of(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The output item answering one accepted call."""
        run, runner, approvals = self.run, self.runner, self.approvals
        kind = item.get("type")
        if kind == "mcp_approval_request":
            approved = await approvals.mcp(run, McpApprovalRequest.model_validate(item))
            return {
                "type": "mcp_approval_response",
                "approval_request_id": item["id"],
                "approve": approved,
            }
        if kind == "computer_call":
            assert runner.computer is not None  # is_call refuses computer calls without one
            output: dict[str, Any] = await runner.computer.dispatch(
                ResponseComputerToolCall.model_validate(item),
                approve_safety_checks=approvals.safety_checks,
                before_action=approvals.before_action,
                cancelled=run.cancelled,
                on_diagnostic=run.on_diagnostic,
            )
            return output
        if item.get("name") in run.browser_names:
            assert runner.browser is not None
            output, ok = await runner.browser.dispatch(
                ResponseFunctionToolCall.model_validate(item),
                skip=run.browser_failed,
                cancelled=run.cancelled,
                on_diagnostic=run.on_diagnostic,
            )
            run.browser_failed |= not ok
            return output
        return await runner.execute(run, item)

    def start(self, index: int, item: Mapping[str, Any]) -> None:
        """Accept an independent call and run it concurrently with the stream (a sync
        executor in a thread, as the official sync runner's pool)."""
        if self.run.accept(index, item):
            task = asyncio.ensure_future(self.runner.execute(self.run, item, threaded=True))
            self.jobs.append((item["call_id"], task))

    async def settle(self) -> None:
        """Wait for every started call (in order) and record its output; a cancellation
        of this task does not abandon a call that is already running."""
        first: BaseException | None = None
        while self.jobs:
            call_id, job = self.jobs[0]
            while not job.done():
                try:
                    await asyncio.shield(job)
                except asyncio.CancelledError as exc:
                    first = first or exc
                except Exception:
                    break
            try:
                self.run.add(call_id, job.result())
            except BaseException as exc:
                first = first or exc
            self.jobs.pop(0)
        if first is not None:
            raise first

    async def settle_quietly(self) -> None:
        with contextlib.suppress(BaseException):
            await self.settle()

    async def stream(
        self,
        request: dict[str, Any],
        eager: bool,
        collect: bool,
        on_event: OnEvent | None,
        before_early_call: BeforeEarlyCall | None,
    ) -> Any:
        run = self.run
        deferred = False
        collected: set[int] = set()
        async with self.target.stream(**request) as events:
            # Early parse reads the stream's own accumulator: one rebuild of the response.
            calls = ResponsesFunctionCalls(partial=False, accumulator=events.accumulator)
            async for raw, event, derived in events.steps():
                run.check()
                if on_event is not None:
                    await on_event(event.model_copy(deep=True))
                    run.check()
                if not (eager or collect):
                    continue
                arrived: list[tuple[int, dict[str, Any]]] = [
                    (done.output_index, _call_item(done))
                    for done in calls.from_events(derived)
                    if eager and isinstance(done, FunctionCallDone)
                ]
                item = raw.get("item") if raw.get("type") == "response.output_item.done" else None
                if isinstance(item, dict) and not (eager and item.get("type") == "function_call"):
                    arrived.append((int(raw.get("output_index", -1)), item))
                for index, item in arrived:
                    if collect:
                        await self.collect(collected, index, item)
                    if not eager:
                        continue
                    deferred = deferred or self._defers(index, item)
                    if not deferred and before_early_call is not None:
                        deferred = await self._ask(before_early_call, item)
                    if deferred:
                        await self.settle()
                    elif self._independent(item):
                        self.start(index, item)
                        if len(self.jobs) >= self.max_concurrent:
                            await self.settle()
                    else:
                        await self.settle()
                        await self.dispatch(index, item)
            await self.settle()
            return await events.get_final_response()

    async def collect(self, collected: set[int], index: int, item: dict[str, Any]) -> None:
        """Note a received item for "pending" checkpoints; the first one and each server
        tool's item are saved at once (as the official: evidence before any effect)."""
        run = self.run
        if index in collected or run.ledger is None:
            return
        collected.add(index)
        run.pending_items = [*(run.pending_items or []), wire_item(item)]
        if len(run.pending_items) == 1 or item.get("type") in SERVER_ITEMS:
            await run.ledger.save(run.checkpoint("pending"))  # type: ignore[misc]
            run.check()

    async def _ask(self, before_early_call: BeforeEarlyCall, item: dict[str, Any]) -> bool:
        """Whether the application defers this early call (True) or lets it start."""
        kind = item.get("type")
        if kind not in ("function_call", "computer_call"):
            return False
        model = ResponseFunctionToolCall if kind == "function_call" else ResponseComputerToolCall
        decision: object = await _value(
            before_early_call(model.model_validate(item)), self.approvals.sync
        )
        self.run.check()
        if decision not in ("execute", "defer"):
            raise self.run.error("before_early_call must return execute or defer.")
        return decision == "defer"

    def _defers(self, index: int, item: Mapping[str, Any]) -> bool:
        """Only the contiguous prefix runs early, and only the selected calls."""
        early, kind = self.runner._early, item.get("type")
        if index != len(self.run.items) or kind == "mcp_approval_request":
            return True
        if early is None:
            return False
        functions, computer = early
        return (kind == "function_call" and item["name"] not in functions) or (
            kind == "computer_call" and not computer
        )

    def _independent(self, item: Mapping[str, Any]) -> bool:
        function = self.run.functions.get(item.get("name", ""))
        return (
            item.get("type") == "function_call"
            and function is not None
            and function.independent
            and self.run.ledger is None
        )


async def _within_budget(run: Run, limits: dict[str, Any]) -> list[dict[str, Any]]:
    """The request input under the context budget (the full history when it fits); the
    history is checked first, and the projection after compaction (as the official)."""
    run.validate_boundary()
    snapshot = budget.over(limits, run.history, run.browser_names)
    if snapshot is None:
        return list(run.history)
    if "compact" not in limits:
        raise run.error("Native request input exceeds context_budget.")
    decision = limits["compact"](snapshot)
    if inspect.isawaitable(decision):
        if run.sync:
            _discard(decision)
            raise run.error("A sync context_budget requires a synchronous compact callback.")
        decision = await decision
    run.check()
    try:
        projected = budget.projected(limits, run.history, decision, snapshot["eligible_call_ids"])
    except ValueError as exc:
        raise run.error(str(exc)) from exc
    budget_only = run.ledger is None
    replay.check_history(projected, run.tools, run.replay_computer_call, budget_only=budget_only)
    return projected


class _Approvals:
    """The application's approval callbacks of one run (sync or async ones)."""

    def __init__(
        self,
        safety_checks: ApproveSafetyChecks | None,
        before_action: BeforeAction | None,
        mcp: ApproveMcp | None,
        sync: bool,
    ) -> None:
        self.safety_checks = safety_checks
        self.before_action = before_action
        self._mcp = mcp
        self.sync = sync

    async def mcp(self, run: Run, request: McpApprovalRequest) -> bool:
        run.check()
        if self._mcp is None:
            raise run.error("MCP approval requires an application callback.")
        started = monotonic()
        approved = await _value(self._mcp(request.model_copy(deep=True)), self.sync)
        if type(approved) is not bool:
            raise run.error("MCP approval must return True or False.")
        run.check()
        reason: Reason = "completed" if approved else "refused"
        emit(
            run.on_diagnostic, "approval", reason, started, call_id=request.id, member=request.name
        )
        return approved


async def _value(result: Any, sync: bool) -> Any:
    """A callback's result: awaited when it is awaitable, unless the runner is sync: an
    awaitable is then the (invalid) result itself, as the official sync runner sees it."""
    if not inspect.isawaitable(result):
        return result
    if sync:
        _discard(result)
        return result
    return await result


def _discard(result: Any) -> None:
    """Close a coroutine that will never be awaited (no "never awaited" warning)."""
    if inspect.iscoroutine(result):
        result.close()


def _server_failed(item: Mapping[str, Any]) -> bool:
    """A server tool's item that did not complete (its effect may be partial)."""
    return item.get("type") in SERVER_ITEMS and (
        item.get("status") not in (None, "completed") or item.get("error") is not None
    )


def _call_item(done: FunctionCallDone) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "function_call",
        "call_id": done.call_id,
        "name": done.name,
        "arguments": done.arguments_json,
        "status": "completed",
    }
    if done.item_id is not None:
        item["id"] = done.item_id
    return item


def _rotate_idempotency_key(request: dict[str, Any]) -> None:
    """A later step is a new request: an Idempotency-Key the application set in
    `extra_headers` would make the server replay the first answer. (The client's own
    key is already new for each request.)"""
    extra = dict(request.get("extra_headers") or {})
    if any(name.lower() == "idempotency-key" for name in extra):
        extra = {k: v for k, v in extra.items() if k.lower() != "idempotency-key"}
        request["extra_headers"] = {**extra, "Idempotency-Key": f"oxide-runner-{uuid.uuid4()}"}


def _responses_of(client: Any, quiet: bool) -> Any:
    """`client.responses` of a client, or a WebSocket session itself. `quiet`: without
    retries (a retried request could repeat an MCP effect or a checkpointed step)."""
    responses = getattr(client, "responses", None)
    if responses is None:
        return client
    if quiet and hasattr(client, "with_options"):
        return client.with_options(max_retries=0).responses
    return responses


async def _create(target: Any, body: dict[str, Any]) -> Any:
    create = getattr(target, "create", None)
    if create is None:  # a WebSocket session
        return await target.send(**body)
    return await create(**body)
