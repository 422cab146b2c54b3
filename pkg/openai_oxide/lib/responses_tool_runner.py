"""The official module path of the Responses tool runner; the code is in `tool_runner`.
`FunctionResult` and `ToolOutput` are importable here but not in `__all__`, as in the
official."""

from .tool_runner.loop import AsyncResponsesToolRunner
from .tool_runner.sync import ResponsesToolRunner
from .tool_runner.types import (
    AsyncContextBudget,
    AsyncRegisteredFunction,
    AsyncResponsesToolLedger,
    ContextBudget,
    ContextBudgetDecision,
    ContextBudgetSnapshot,
    EarlyExecution,
    RegisteredFunction,
    ResponsesRunnerTurn,
    ResponsesToolCheckpoint,
    ResponsesToolLedger,
    ToolRunnerCancelledError,
    ToolRunnerError,
)
from .tool_runner.types import FunctionResult as FunctionResult
from .tool_runner.types import ToolOutput as ToolOutput

__all__ = [
    "AsyncContextBudget",
    "AsyncRegisteredFunction",
    "AsyncResponsesToolLedger",
    "AsyncResponsesToolRunner",
    "ContextBudget",
    "ContextBudgetDecision",
    "ContextBudgetSnapshot",
    "EarlyExecution",
    "RegisteredFunction",
    "ResponsesRunnerTurn",
    "ResponsesToolCheckpoint",
    "ResponsesToolLedger",
    "ResponsesToolRunner",
    "ToolRunnerCancelledError",
    "ToolRunnerError",
]
