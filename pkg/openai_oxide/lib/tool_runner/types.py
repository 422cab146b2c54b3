"""The public shapes of the Responses tool runner, named as in the official
`openai.lib.responses_tool_runner`: options, checkpoints, ledgers, registered functions,
turns and errors. Behaviour lives in `state` (one run's bookkeeping) and `loop`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, Required, TypeAlias, TypedDict

from ..tools import ResponsesPydanticFunctionTool

if TYPE_CHECKING:
    from ...resources.responses import AsyncResponses
    from ...sync._client import OpenAI
    from ...sync.lib.ws_session import ResponsesSession
    from ...types.responses import Response
    from ..ws_session import AsyncResponsesSession

# The text of a function's output, or a list of input blocks (input_text/image/file).
FunctionResult = str | list[dict[str, Any]]
# An output item the runner sends back: a function_call_output, a computer_call_output
# or an mcp_approval_response.
ToolOutput = dict[str, Any]


class ResponsesClient(Protocol):
    """A client the async runner calls through `responses`: ours, or the official package's
    `AsyncOpenAI` (a duck-typed `responses.create`/`.stream`)."""

    @property
    def responses(self) -> Any: ...


# What the runners (and the computer toolsets) run over: an async client, its `responses`
# or a WebSocket session; for the sync runner, the sync client or a sync session (it drives
# their async side).
AsyncRunnerClient: TypeAlias = "ResponsesClient | AsyncResponses | AsyncResponsesSession"
SyncRunnerClient: TypeAlias = "OpenAI | ResponsesSession"


class EarlyExecution(TypedDict, total=False):
    """Registered tools allowed to start before the stream ends (with stream and eager).

    The first call of a tool not selected here defers it and every later call of the
    turn to the stream's end. Without it (None) every function starts early.
    """

    functions: list[str]
    computer: bool


class ContextBudgetSnapshot(TypedDict):
    history: list[dict[str, Any]]
    eligible_call_ids: list[str]
    input_bytes: int
    input_images: int


class ContextBudgetDecision(TypedDict, total=False):
    drop_call_ids: Required[list[str]]
    summary: str


class _ContextBudgetFields(TypedDict, total=False):
    max_input_bytes: Required[int]
    max_input_images: Required[int]
    keep_recent_screenshots: int


class ContextBudget(_ContextBudgetFields, total=False):
    compact: Callable[[ContextBudgetSnapshot], ContextBudgetDecision]


class AsyncContextBudget(_ContextBudgetFields, total=False):
    compact: Callable[
        [ContextBudgetSnapshot], ContextBudgetDecision | Awaitable[ContextBudgetDecision]
    ]


class ResponsesToolCheckpoint(TypedDict):
    """A run's replay data, saved as plain JSON values (the official's fields).

    `phase` is "boundary" between steps (resumable), "pending" while a turn's tools run
    (`attempted_call_ids` minus `returned_call_ids` may have had effects: reconcile them
    before resuming) and "final" once the model answered.
    """

    version: Literal[1]
    run_id: str
    revision: int
    phase: Literal["boundary", "pending", "final"]
    max_steps: int
    consumed_requests: int
    tools: list[dict[str, Any]]
    output_override_names: list[str]
    history: list[dict[str, Any]]
    attempted_call_ids: list[str]
    returned_call_ids: list[str]
    pending_items: list[dict[str, Any]]
    returned_outputs: list[dict[str, Any]]
    final_response: dict[str, Any] | None


@dataclass(frozen=True)
class ResponsesToolLedger:
    """`save` must durably store each checkpoint (the latest revision wins)."""

    run_id: str
    save: Callable[[ResponsesToolCheckpoint], None]
    resume_from: ResponsesToolCheckpoint | None = None


@dataclass(frozen=True)
class AsyncResponsesToolLedger:
    """The async runner's ledger: `save` is awaited."""

    run_id: str
    save: Callable[[ResponsesToolCheckpoint], Awaitable[None]]
    resume_from: ResponsesToolCheckpoint | None = None


def _checked_tool(tool: Any, execute: Any) -> Any:
    if not isinstance(tool, ResponsesPydanticFunctionTool) or not callable(execute):
        raise ValueError("from_tool requires a Pydantic Responses function tool and an executor.")
    return tool


@dataclass(frozen=True)
class RegisteredFunction:
    """A function tool definition and its executor, called with the arguments dict (or,
    through `from_tool`, with the validated model). It returns text or input blocks."""

    tool: dict[str, Any]
    execute: Callable[[Any], FunctionResult]
    allow_output_override: bool = False
    independent: bool = False

    @classmethod
    def from_tool(
        cls,
        tool: dict[str, Any],
        *,
        execute: Callable[[Any], FunctionResult],
        allow_output_override: bool = False,
        independent: bool = False,
    ) -> RegisteredFunction:
        """Register a `pydantic_responses_function_tool(...)`; `execute` gets the model."""
        return cls(_checked_tool(tool, execute), execute, allow_output_override, independent)


@dataclass(frozen=True)
class AsyncRegisteredFunction:
    """As `RegisteredFunction`, with an async executor."""

    tool: dict[str, Any]
    execute: Callable[[Any], Awaitable[FunctionResult]]
    allow_output_override: bool = False
    independent: bool = False

    @classmethod
    def from_tool(
        cls,
        tool: dict[str, Any],
        *,
        execute: Callable[[Any], Awaitable[FunctionResult]],
        allow_output_override: bool = False,
        independent: bool = False,
    ) -> AsyncRegisteredFunction:
        return cls(_checked_tool(tool, execute), execute, allow_output_override, independent)


@dataclass(frozen=True)
class ResponsesRunnerTurn:
    """One completed model turn. Its tools (other than the ones eager execution already
    ran) run when the iterator advances; `supply_outputs` replaces them for functions
    registered with `allow_output_override`."""

    response: Response
    step: int
    final: bool
    tools_executed: bool
    attempted_call_ids: tuple[str, ...]
    completed_call_ids: tuple[str, ...]
    _supply: Callable[[list[dict[str, Any]]], None] = field(repr=False, compare=False)
    _append: Callable[[str], None] = field(repr=False, compare=False)

    def supply_outputs(self, outputs: list[dict[str, Any]]) -> None:
        self._supply(outputs)

    def append_user_text(self, text: str) -> None:
        """Add a user message after this turn's tool outputs."""
        self._append(text)


class ToolRunnerError(RuntimeError):
    """A stopped run. `attempted_call_ids` may have had effects; `completed_call_ids`
    have outputs. The underlying error, if any, is `__cause__`."""

    def __init__(
        self, message: str, attempted_call_ids: list[str], completed_call_ids: list[str]
    ) -> None:
        super().__init__(message)
        self.attempted_call_ids = tuple(attempted_call_ids)
        self.completed_call_ids = tuple(completed_call_ids)


class ToolRunnerCancelledError(asyncio.CancelledError):
    """The run's task was cancelled; the receipts say which calls may have had effects."""

    def __init__(self, attempted_call_ids: list[str], completed_call_ids: list[str]) -> None:
        super().__init__("Tool run was cancelled.")
        self.attempted_call_ids = tuple(attempted_call_ids)
        self.completed_call_ids = tuple(completed_call_ids)
