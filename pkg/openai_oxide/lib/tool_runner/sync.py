"""`ResponsesToolRunner`: the sync runner drives `AsyncResponsesToolRunner` the way the
sync client drives the async one (`_sync.run_sync`: natively one loop, run by the calling
thread; JSPI under Pyodide). Sync executors run on the thread that runs that loop, one at
a time (independent ones in worker threads).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any

from ..._sync import run_sync
from .calls import CloseStatus
from .diagnostics import ToolDiagnosticObserver
from .loop import AsyncResponsesToolRunner
from .types import (
    AsyncResponsesToolLedger,
    ContextBudget,
    EarlyExecution,
    RegisteredFunction,
    ResponsesRunnerTurn,
    ResponsesToolLedger,
    SyncRunnerClient,
)

if TYPE_CHECKING:
    from ...types.responses import Response


class ResponsesToolRunner:
    """`ResponsesToolRunner(functions=[...]).run(OpenAI(), {"model": ..., "input": ...})`."""

    def __init__(
        self,
        *,
        browser: Any = None,
        computer: Any = None,
        functions: list[RegisteredFunction] | None = None,
        early_execution: EarlyExecution | None = None,
    ) -> None:
        self._async = AsyncResponsesToolRunner(
            browser=browser,
            computer=computer,
            functions=list(functions or []),
            early_execution=early_execution,
        )

    def close(self) -> CloseStatus:
        """Refuse new runs; "draining" while one is still in progress."""
        return self._async.close()

    def run(
        self,
        client: SyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int | None = None,
        stream: bool = False,
        eager: bool = False,
        max_concurrent_calls: int = 2,
        on_event: Callable[[Any], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        approve_safety_checks: Callable[[Any], bool] | None = None,
        before_action: Callable[[Any], bool] | None = None,
        ledger: ResponsesToolLedger | None = None,
        context_budget: ContextBudget | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
        approve_mcp: Callable[[Any], bool] | None = None,
        before_early_call: Callable[[Any], str] | None = None,
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
            for turn in turns:
                if turn.final:
                    return turn.response
        finally:
            turns.close()
        raise AssertionError("unreachable: iterate ends with a final turn or an error")

    def iterate(
        self,
        client: SyncRunnerClient,
        params: Mapping[str, Any],
        *,
        max_steps: int | None = None,
        stream: bool = False,
        eager: bool = False,
        max_concurrent_calls: int = 2,
        on_event: Callable[[Any], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        approve_safety_checks: Callable[[Any], bool] | None = None,
        before_action: Callable[[Any], bool] | None = None,
        ledger: ResponsesToolLedger | None = None,
        context_budget: ContextBudget | None = None,
        on_diagnostic: ToolDiagnosticObserver | None = None,
        approve_mcp: Callable[[Any], bool] | None = None,
        before_early_call: Callable[[Any], str] | None = None,
    ) -> Generator[ResponsesRunnerTurn, None, None]:
        """Each completed turn, as `AsyncResponsesToolRunner.iterate`; close the generator
        (or exhaust it) to release the run."""
        options: dict[str, Any] = {
            "max_steps": max_steps,
            "stream": stream,
            "eager": eager,
            "max_concurrent_calls": max_concurrent_calls,
            "on_event": on_event,
            "cancelled": cancelled,
            "approve_safety_checks": approve_safety_checks,
            "before_action": before_action,
            "ledger": ledger,
            "context_budget": context_budget,
            "on_diagnostic": on_diagnostic,
            "approve_mcp": approve_mcp,
            "before_early_call": before_early_call,
        }
        turns = self._async.iterate(_async_client(client), params, **_async_options(options))
        try:
            while True:
                try:
                    turn = run_sync(_anext(turns))
                except StopAsyncIteration:
                    return
                yield turn
        finally:
            run_sync(turns.aclose())


async def _anext(turns: AsyncGenerator[ResponsesRunnerTurn, None]) -> ResponsesRunnerTurn:
    return await anext(turns)


def _async_client(client: Any) -> Any:
    """The async client behind `OpenAI` (or the session behind a sync session view)."""
    for name in ("_async", "_target"):
        inner = getattr(client, name, None)
        if inner is not None:
            return inner
    raise TypeError("ResponsesToolRunner takes the sync OpenAI client.")


def _async_options(options: dict[str, Any]) -> dict[str, Any]:
    """The sync run's options for the async loop: `_sync` makes it refuse an awaitable
    from the other callbacks (`approve_mcp`, `before_early_call`, a registered function,
    `context_budget.compact`) as the official sync runner does."""
    ledger = options.get("ledger")
    if ledger is not None:
        if not isinstance(ledger, ResponsesToolLedger):
            raise ValueError("A sync runner requires a sync ledger.")
        save = _awaiting(ledger.save, "A sync recorder cannot return an awaitable")
        options["ledger"] = AsyncResponsesToolLedger(ledger.run_id, save, ledger.resume_from)
    if options.get("on_event") is not None:
        refusal = "A sync on_event returned an awaitable"
        options["on_event"] = _awaiting(options["on_event"], refusal)
    return {**options, "_sync": True}


def _awaiting(fn: Callable[[Any], object], refusal: str) -> Callable[[Any], Any]:
    """`fn` for the async loop; its result is ignored unless it is an awaitable, which a
    sync callback cannot return (ValueError, as the official's `_save_sync`)."""

    async def call(value: Any) -> None:
        result = fn(value)
        if inspect.isawaitable(result):
            if inspect.iscoroutine(result):
                result.close()
            raise ValueError(f"{refusal}; use the async runner.")

    return call
