"""Content-free diagnostics of a run (`on_diagnostic`), as the official
`openai.lib.tool_diagnostics`: what happened, to which call, how long it took, never
arguments or outputs. An observer that raises is ignored: it must not stop the run."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from time import monotonic
from typing import Literal, TypedDict

Api = Literal["responses", "decisions", "browser", "computer"]
Stage = Literal[
    "run", "request", "arguments", "approval", "action", "output", "selection", "verification"
]
Reason = Literal[
    "started",
    "completed",
    "refused",
    "cancelled",
    "invalid_input",
    "invalid_output",
    "api_failed",
    "driver_failed",
    "policy_failed",
    "step_limit",
    "busy",
    "closed",
]


class ToolDiagnosticUsage(TypedDict):
    input_tokens: int
    output_tokens: int
    total_tokens: int


class ToolDiagnostic(TypedDict):
    api: Api
    stage: Stage
    reason: Reason
    call_id: str | None
    member: str | None
    duration_ms: float
    usage: ToolDiagnosticUsage | None


ToolDiagnosticObserver = Callable[[ToolDiagnostic], None]


def emit(
    observer: ToolDiagnosticObserver | None,
    stage: Stage,
    reason: Reason,
    started: float,
    *,
    call_id: str | None = None,
    member: str | None = None,
    usage: object = None,
    api: Api = "responses",
) -> None:
    if observer is None:
        return
    tokens = {n: getattr(usage, n, None) for n in ("input_tokens", "output_tokens", "total_tokens")}
    numeric = all(type(v) is int and v >= 0 for v in tokens.values())
    diagnostic: ToolDiagnostic = {
        "api": api,
        "stage": stage,
        "reason": reason,
        "call_id": call_id,
        "member": member,
        "duration_ms": max(0.0, (monotonic() - started) * 1000),
        "usage": ToolDiagnosticUsage(**tokens) if usage is not None and numeric else None,  # type: ignore[typeddict-item]
    }
    with contextlib.suppress(Exception):
        result = observer(diagnostic)
        close = getattr(result, "close", None)  # a coroutine returned by mistake
        if close is not None:
            close()
