"""One run's bookkeeping: the explicit input history, the current turn's items and
outputs, the call receipts, and the checkpoints a ledger saves and resumes from.

Sans-I/O: nothing here awaits. `loop` drives it. The rules follow the official runner:
the request carries the whole history (no `previous_response_id`), a turn with no
function call ends the run, every call id is used once, and a run resumes only from a
"boundary" checkpoint (between steps), because a "pending" one may hold effects the
runner cannot prove finished.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, Any, Literal

import pydantic

from ..helper_body import listed
from ..tools import UnknownToolError
from . import replay
from .diagnostics import ToolDiagnosticObserver, emit
from .results import supplied_result
from .server_items import (
    SERVER_ITEMS,
    SERVER_TOOLS,
    approved_requests,
    check_server_item,
    mcp_policy,
    use_approval,
)
from .types import (
    AsyncRegisteredFunction,
    AsyncResponsesToolLedger,
    RegisteredFunction,
    ResponsesRunnerTurn,
    ResponsesToolCheckpoint,
    ResponsesToolLedger,
    ToolRunnerError,
)

if TYPE_CHECKING:
    from ...types.responses import Response

Function = RegisteredFunction | AsyncRegisteredFunction
Ledger = ResponsesToolLedger | AsyncResponsesToolLedger
Phase = Literal["boundary", "pending", "final"]

DEFAULT_MAX_STEPS = 20
MAX_STEPS_REACHED = "Tool run reached max_steps before completion."
# The official's words exactly; the cause stays reachable as `__cause__` (the official drops it).
STOPPED = "Tool run stopped before completion."
_OWNED = ("stream", "background", "conversation", "previous_response_id")
_PLAIN_ITEMS = ("message", "reasoning", "function_call", "computer_call", "compaction")
_COMPUTERS = ("computer", "computer_use_preview")


def call_key(item: Mapping[str, Any]) -> str:
    """The receipt of a call: its call_id (an MCP approval request: its id)."""
    key = item.get("id") if item.get("type") == "mcp_approval_request" else item.get("call_id")
    return key if isinstance(key, str) else ""


def plain(value: Any) -> Any:
    """A detached copy made of JSON values only (what a ledger can store)."""
    return json.loads(json.dumps(value, allow_nan=False))


def registry(
    functions: list[Function], taken: frozenset[str] = frozenset()
) -> tuple[list[dict[str, Any]], dict[str, Function]]:
    """The tool definitions to send and the functions by name; names must be unique
    (also among `taken`, the browser toolset's)."""
    tools: list[dict[str, Any]] = []
    by_name: dict[str, Function] = {}
    for function in functions:
        if not isinstance(function, (RegisteredFunction, AsyncRegisteredFunction)) or not callable(
            function.execute
        ):
            raise ValueError("Every registered function requires an executor.")
        tool = dict(function.tool)
        name = tool.get("name")
        if tool.get("type") != "function" or not name or name in by_name or name in taken:
            raise ValueError("Function names must be unique and nonempty.")
        tools.append(tool)
        by_name[name] = function
    return tools, by_name


def declared_tools(tools: list[dict[str, Any]], declared: Any) -> list[dict[str, Any]]:
    """The registered tools plus those declared in params: server tools, and at most one
    computer tool standing for the registered computer toolset."""
    tools = list(tools)
    registered = any(t.get("type") == "computer" for t in tools)
    seen_computer = False
    for tool in declared:
        kind = tool.get("type") if isinstance(tool, Mapping) else None
        if kind == "function":
            raise ValueError("Register function tools with the runner, not in params.")
        if kind in _COMPUTERS:
            if not registered or seen_computer:
                raise ValueError(
                    "A single declared computer requires a registered computer driver."
                )
            seen_computer = True
            tools = [t for t in tools if t.get("type") != "computer"]
        elif kind not in SERVER_TOOLS:
            raise ValueError(
                "Only supported declared server tools and registered computer tools are "
                "accepted in params."
            )
        tools.append(dict(tool))
    labels = [t.get("server_label") for t in tools if t.get("type") == "mcp"]
    if any(not isinstance(label, str) or not label for label in labels) or len(set(labels)) != len(
        labels
    ):
        raise ValueError("MCP server labels must be nonempty and unique.")
    return tools


_MCP_HISTORY = ("mcp_approval_request", "mcp_approval_response", "mcp_call")
_LOCAL = ("function", "computer", "computer_use", "computer_use_preview")


def forces_local(choice: Any, tools: list[dict[str, Any]]) -> bool:
    """Whether `tool_choice` makes every turn call a local tool (the run never ends)."""
    if choice == "required":
        return bool(tools) and all(t.get("type") in _LOCAL for t in tools)
    if not isinstance(choice, Mapping):
        return False
    if choice.get("type") in _LOCAL:
        return True
    allowed = choice.get("tools")
    return (
        choice.get("type") == "allowed_tools"
        and choice.get("mode") == "required"
        and isinstance(allowed, list)
        and bool(allowed)
        and all(isinstance(t, Mapping) and t.get("type") in _LOCAL for t in allowed)
    )


class Selection:
    """The tools a `tool_choice` other than auto/required lets the model use."""

    def __init__(self, choice: Any) -> None:
        self.limited = choice not in (None, "auto", "required", "none")
        self.functions: set[str] = set()
        self.computer = False
        self.mcp: list[tuple[Any, Any]] = []
        self.server: set[str] = set()
        if not isinstance(choice, Mapping):
            return
        chosen = choice.get("tools") if choice.get("type") == "allowed_tools" else [choice]
        for tool in chosen if isinstance(chosen, list) else []:
            kind = tool.get("type") if isinstance(tool, Mapping) else None
            if kind == "function" and isinstance(tool.get("name"), str):
                self.functions.add(tool["name"])
            elif kind in _LOCAL[1:]:
                self.computer = True
            elif kind == "mcp":
                self.mcp.append((tool.get("server_label"), tool.get("name")))
            elif kind in SERVER_TOOLS:
                self.server.add(kind)

    def allows(self, item: Mapping[str, Any]) -> bool:
        if not self.limited:
            return True
        kind = item.get("type")
        if kind == "function_call":
            return item.get("name") in self.functions
        if kind == "computer_call":
            return self.computer
        if str(kind).startswith("mcp_"):
            label, name = item.get("server_label"), item.get("name")
            return any(lb == label and n in (None, name) for lb, n in self.mcp)
        if kind in SERVER_ITEMS:
            return not self.server.isdisjoint(SERVER_ITEMS[kind])
        return True


def wire_tools(tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The definitions as a ledger stores them: plain dicts (a pydantic tool dict also
    carries its model), an MCP server without its credentials and with its URL hashed
    (it may hold a token)."""
    stored = []
    for tool in tools:
        entry = plain(dict(tool))
        if entry.get("type") == "mcp":
            entry.pop("authorization", None)
            entry.pop("headers", None)
            url = entry.get("server_url")
            if isinstance(url, str):
                entry["server_url"] = "sha256:" + hashlib.sha256(url.encode()).hexdigest()
        stored.append(entry)
    return stored


class Run:
    """The state of one `iterate(...)`; `chain=True` is `run_agent`'s mode, where a later
    request sends only the new items with `previous_response_id`."""

    def __init__(
        self,
        params: Mapping[str, Any],
        tools: list[dict[str, Any]],
        functions: Mapping[str, Function],
        *,
        max_steps: int | None,
        cancelled: Callable[[], bool] | None,
        ledger: Ledger | None,
        overrides: frozenset[str],
        chain: bool = False,
        browser_names: frozenset[str] = frozenset(),
    ) -> None:
        if not isinstance(params, Mapping):
            raise ValueError("params must be the body parameters of responses.create.")
        params = listed(params, "input", "tools", "include")
        if any(params.get(key) for key in _OWNED):
            raise ValueError(
                "Use explicit input history and foreground responses. Select streaming on run()."
            )
        tools = declared_tools(tools, params.get("tools") or [])
        choice = params.get("tool_choice")
        if not chain and forces_local(choice, tools):
            raise ValueError(
                "ResponsesToolRunner cannot finish when tool_choice always requires a local "
                "tool. Use auto or responses.create for a single forced request."
            )
        self.selection = Selection(choice)
        checkpoint = None if ledger is None else ledger.resume_from
        if max_steps is None:
            max_steps = DEFAULT_MAX_STEPS if checkpoint is None else checkpoint.get("max_steps")
        if type(max_steps) is not int or max_steps < 1:
            raise ValueError("max_steps must be a positive integer.")
        self.max_steps = max_steps
        self.functions = functions
        self.browser_names = browser_names
        self.tools = tools
        self.has_computer = any(t.get("type") in _COMPUTERS for t in tools)
        self.server_tools = any(t.get("type") in SERVER_TOOLS for t in tools)
        self.browser_failed = False
        self.overrides = sorted(overrides)
        self.cancelled = cancelled
        self.ledger = ledger
        self.chain = chain
        self.request: dict[str, Any] = {k: v for k, v in params.items() if k != "input"}
        self.request["tools"] = tools
        if not chain:
            include = [*(params.get("include") or []), "reasoning.encrypted_content"]
            self.request["include"] = list(dict.fromkeys(include))
        original = params.get("input", [])
        self.first_input = original  # chain mode sends it unchanged
        self.history: list[dict[str, Any]] = (
            [{"role": "user", "content": original}]
            if isinstance(original, str)
            else [dict(item) for item in original]
        )
        self.revision = 0
        self.consumed_requests = 0
        self.attempted: list[str] = []
        self.completed: list[str] = []
        self.last_error: ToolRunnerError | None = None
        self.previous_response_id: str | None = None
        self.next_input: list[dict[str, Any]] = []
        self.user_text: list[str] = []
        self.active_step: int | None = None
        self.on_diagnostic: ToolDiagnosticObserver | None = None
        self.sync = False  # a sync runner's: its callbacks' awaitables are refused
        self.budgeted = False  # a context budget is set (`loop` sets it)
        self.seen = {call_key(item) for item in self.history} - {""}
        if checkpoint is not None:
            if ledger is None:  # pragma: no cover - resume_from belongs to a ledger
                raise AssertionError
            self.restore(checkpoint)
        if ledger is not None:
            self.validate_boundary()
        self.clear(last_step=False)

    # -- one turn -----------------------------------------------------------------------

    def clear(self, last_step: bool) -> None:
        self.last_step = last_step
        self.items: list[dict[str, Any]] = []
        self.outputs: list[dict[str, Any]] = []
        self.arguments: dict[str, Any] = {}
        self.supplied: dict[str, dict[str, Any]] = {}
        self.turn_calls: set[str] = set()
        # The MCP grants this turn's MCP calls may use, and the ids its items may not.
        self.approved: dict[str, Mapping[str, Any]] = {}
        self.native_ids: set[str] = set()
        # What a "pending" checkpoint saves as the turn's items: the items received so far
        # (eager with a ledger) or the whole response (before its calls run); else `items`.
        self.pending_items: list[dict[str, Any]] | None = None

    def begin(self, last_step: bool) -> None:
        """A step starts (the history's MCP grants and ids may raise ValueError)."""
        self.clear(last_step)
        self.approved = approved_requests(self.history)
        self.native_ids = replay.native_ids(self.history)

    def request_body(self) -> dict[str, Any]:
        body = dict(self.request)
        if self.chain:
            body["input"] = self.first_input
            if self.previous_response_id is not None:
                body["previous_response_id"] = self.previous_response_id
                body["input"] = self.next_input
        else:
            body["input"] = list(self.history)
        return body

    def error(self, message: str) -> ToolRunnerError:
        self.last_error = ToolRunnerError(message, self.attempted, self.completed)
        return self.last_error

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise self.error("Tool run was cancelled.")

    def is_call(self, item: Mapping[str, Any]) -> bool:
        """Whether `item` is a call to run; raises for what the run cannot replay."""
        kind = item.get("type")
        if not self.selection.allows(item):
            raise self.error("Response contains a tool excluded by tool_choice.")
        if kind in SERVER_ITEMS:
            self._server_item(item)
            if kind != "mcp_approval_request":
                return False
        elif kind not in _PLAIN_ITEMS:
            raise self.error("Response contains a tool the runner cannot execute.")
        if kind == "message":
            if item.get("status") not in (None, "completed"):
                raise self.error("Response message did not complete.")
            return False
        if kind not in ("function_call", "computer_call", "mcp_approval_request"):
            return False
        name = str(item.get("name"))
        registered = name in self.functions or name in self.browser_names
        if kind == "function_call" and not registered:
            unknown = UnknownToolError(name, self.functions)
            raise self.error(f"Function {name!r} was not registered.") from unknown
        if kind == "computer_call":
            self._computer_call(item)
        if item.get("status") not in (None, "completed"):
            raise self.error("Tool call did not complete.")
        if self.last_step:
            raise self.error(MAX_STEPS_REACHED)
        key = call_key(item)
        if not key or key in self.attempted or key in self.seen or key in self.turn_calls:
            raise self.error("Tool call ID is missing or duplicate.")
        self.turn_calls.add(key)
        if kind == "function_call" and name in self.functions:
            self.arguments[key] = self._arguments(name, key, item.get("arguments") or "")
        return True

    def _server_item(self, item: Mapping[str, Any]) -> None:
        """A server tool's item, as `server_items.check_server_item`; an MCP call or
        approval request agrees with its server's declaration."""
        try:
            check_server_item(item, self.tools)
        except ValueError:
            raise self.error(
                "Server tool did not complete or match its declaration and approval."
            ) from None
        if item["type"] in ("mcp_call", "mcp_approval_request"):
            self._mcp_selection(item, self._mcp_declaration(item))

    def _mcp_selection(self, item: Mapping[str, Any], declaration: Mapping[str, Any]) -> None:
        """An MCP item agrees with its server's `require_approval` and `allowed_tools`."""
        name = item.get("name")
        policy = mcp_policy(declaration.get("require_approval"), name)
        if item["type"] == "mcp_approval_request" and policy == "never":
            raise self.error("MCP approval request contradicts require_approval.")
        if (
            item["type"] == "mcp_call"
            and policy == "always"
            and item.get("approval_request_id") is None
        ):
            raise self.error("MCP call requires a matching approval request.")
        allowed = declaration.get("allowed_tools")
        names = allowed.get("tool_names") if isinstance(allowed, Mapping) else allowed
        limited = "tool_names" in allowed if isinstance(allowed, Mapping) else allowed is not None
        if limited and (not isinstance(names, list | tuple) or name not in names):
            raise self.error("MCP response names a tool excluded by allowed_tools.")

    def approvals_to_refresh(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The MCP grants in the history that no MCP call has used yet (a resumed run,
        or imported history), with their requests: the application answers them again,
        since a returned approval alone does not prove the server ran the call. The MCP
        history is checked first (all of it at a boundary, as the official)."""
        if self.consumed_requests >= self.max_steps:
            return []
        history = [i for i in self.history if i.get("type") in _MCP_HISTORY]
        if not history:
            return []
        if self.ledger is None:
            if self.budgeted:
                self.validate_boundary()
            else:
                replay.check_history(history, self.tools, self.replay_computer_call)
        approved = approved_requests(history)
        grants = []
        for item in history:
            request = approved.get(str(item.get("approval_request_id")))
            if item.get("type") == "mcp_approval_response" and request is not None:
                self._mcp_selection(request, self._mcp_declaration(request))
                grants.append((item, dict(request)))
        return grants

    def _mcp_declaration(self, item: Mapping[str, Any]) -> Mapping[str, Any]:
        label = item.get("server_label")
        return next(t for t in self.tools if t.get("type") == "mcp" and t["server_label"] == label)

    def replay_computer_call(self, item: dict[str, Any]) -> None:
        """A replayed computer call: its actions parse, and its fields are the model's
        own (nothing a parse would coerce); ValueError otherwise, as the official."""
        from ...types.responses import ResponseComputerToolCall
        from .computer_calls import ComputerUseError, computer_actions

        try:
            call = ResponseComputerToolCall.model_validate(item)
            computer_actions(call)
        except (ComputerUseError, ValueError):
            raise ValueError("Replay computer actions are malformed.") from None
        parsed = json.dumps(call.to_dict(mode="json"), sort_keys=True)
        if parsed != json.dumps(item, sort_keys=True):
            raise ValueError("Replay computer fields cannot be coerced.")

    def _computer_call(self, item: Mapping[str, Any]) -> None:
        from ...types.responses import ResponseComputerToolCall
        from .computer_calls import ComputerUseError, computer_actions

        if not self.has_computer or item.get("status") != "completed":
            raise self.error("Incomplete or unregistered computer call.")
        try:
            computer_actions(ResponseComputerToolCall.model_validate(item))
        except (ComputerUseError, pydantic.ValidationError) as exc:
            raise self.error(f"Invalid computer call: {exc}") from exc

    def _arguments(self, name: str, call_id: str, text: str) -> Any:
        model = getattr(self.functions[name].tool, "model", None)
        started = monotonic()
        try:
            if model is not None:
                return model.model_validate_json(text or "{}")
            value = json.loads(text or "{}")
            if not isinstance(value, dict):
                raise ValueError("registered functions require a JSON object")
        except (ValueError, pydantic.ValidationError) as exc:
            emit(
                self.on_diagnostic,
                "arguments",
                "invalid_input",
                started,
                call_id=call_id,
                member=name,
            )
            raise self.error(f"Invalid arguments for function {name!r}: {exc}") from exc
        return value

    def preflight(self, output: list[dict[str, Any]]) -> bool:
        """Check the turn's output before it is yielded; True when calls remain to run."""
        if [_comparable(i) for i in self.items] != [
            _comparable(wire_item(i)) for i in output[: len(self.items)]
        ]:
            raise self.error("Completed response differs from collected stream output.")
        ids = set(self.native_ids)
        for item in output:
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in ids:
                    raise self.error("Response output item IDs must be unique across the run.")
                ids.add(item_id)
        seen = set(self.turn_calls)
        try:
            calls = any([self.is_call(item) for item in output[len(self.items) :]])
        finally:
            self.turn_calls = seen
        for item in output:
            if item.get("type") == "mcp_call":
                try:
                    use_approval(item, self.approved)
                except ValueError:
                    raise self.error("Server tool did not match its approval.") from None
        return calls

    def accept(self, index: int, item: Mapping[str, Any]) -> bool:
        """Take the turn's next output item in order; True when it is a call to run."""
        self.check()
        if index != len(self.items):
            raise self.error("Tool stream output items arrived out of order or twice.")
        call = self.is_call(item)
        self.items.append(wire_item(item))
        if call:
            self.attempted.append(call_key(item))
        return call

    def add(self, call_id: str, output: dict[str, Any]) -> None:
        self.outputs.append(output)
        self.completed.append(call_id)

    def finish(self, response_id: str | None, output: list[dict[str, Any]]) -> bool:
        """End the turn: True when it is the final answer, else the history grows by the
        turn's items and outputs."""
        self.check()
        for index in range(len(self.items), len(output)):
            self.accept(index, output[index])  # the items that are not calls
        completed = [wire_item(item) for item in output]
        if [_comparable(i) for i in self.items] != [_comparable(i) for i in completed]:
            raise self.error("Completed response differs from executed stream output.")
        self.items = completed
        if not self.outputs:
            if any(
                i.get("type") == "message"
                or (i.get("type") in SERVER_ITEMS and i.get("type") != "mcp_approval_request")
                for i in completed
            ):
                return True
            raise self.error("Response has no completed final message or tool call.")
        self.history.extend(copy.deepcopy(completed))
        self.history.extend(self.outputs)
        self.previous_response_id = response_id
        self.next_input = list(self.outputs)
        return False

    # -- the caller's hooks on a yielded turn -------------------------------------------

    def turn(
        self, response: Response, output: list[dict[str, Any]], step: int, final: bool
    ) -> ResponsesRunnerTurn:
        self.active_step = step
        eligible = frozenset(  # calls that have not run yet, of overridable functions
            item["call_id"]
            for item in output[len(self.items) :]
            if item.get("type") == "function_call" and item.get("name") in self.overrides
        )
        return ResponsesRunnerTurn(
            response=response,
            step=step,
            final=final,
            tools_executed=bool(self.outputs),
            attempted_call_ids=tuple(self.attempted),
            completed_call_ids=tuple(self.completed),
            _supply=partial(self.supply, step, eligible),
            _append=partial(self.append_user_text, step, final),
        )

    def supply(self, step: int, eligible: frozenset[str], outputs: list[dict[str, Any]]) -> None:
        if self.active_step != step:
            raise ValueError("This turn cannot accept supplied outputs.")
        pending: dict[str, dict[str, Any]] = {}
        for output in outputs:
            if (
                not isinstance(output, dict)
                or output.keys() != {"type", "call_id", "output"}
                or output["type"] != "function_call_output"
            ):
                raise ValueError("Supplied function output fields are invalid.")
            call_id = output["call_id"]
            if call_id not in eligible or call_id in pending:
                raise ValueError("Supplied call ID is unknown, duplicated, or not permitted.")
            pending[call_id] = function_output(call_id, output["output"])
        self.supplied = pending

    def append_user_text(self, step: int, final: bool, text: str) -> None:
        if self.active_step != step or final or not isinstance(text, str) or not text.strip():
            raise ValueError("Only an active non-final turn can append user text.")
        self.user_text.append(text)

    def append_boundary_text(self) -> bool:
        if not self.user_text:
            return False
        added = [{"role": "user", "content": text} for text in self.user_text]
        self.history.extend(added)
        self.next_input.extend(added)
        self.user_text = []
        return True

    # -- the ledger -----------------------------------------------------------------------

    def checkpoint(
        self, phase: Phase, final_response: dict[str, Any] | None = None
    ) -> ResponsesToolCheckpoint:
        if self.ledger is None:  # pragma: no cover - callers check
            raise AssertionError("No ledger was selected.")
        if phase == "boundary":
            self.validate_boundary()
        self.revision += 1
        value: ResponsesToolCheckpoint = {
            "version": 1,
            "run_id": self.ledger.run_id,
            "revision": self.revision,
            "phase": phase,
            "max_steps": self.max_steps,
            "consumed_requests": self.consumed_requests,
            "tools": wire_tools(self.tools),
            "output_override_names": self.overrides,
            "history": self.history,
            "attempted_call_ids": self.attempted,
            "returned_call_ids": self.completed,
            "pending_items": (self.items if self.pending_items is None else self.pending_items)
            if phase == "pending"
            else [],
            "returned_outputs": self.outputs if phase == "pending" else [],
            "final_response": _stored_response(final_response) if phase == "final" else None,
        }
        result: ResponsesToolCheckpoint = plain(value)
        return result

    def restore(self, checkpoint: ResponsesToolCheckpoint) -> None:
        assert self.ledger is not None
        if (
            not isinstance(checkpoint, dict)
            or checkpoint.keys() != ResponsesToolCheckpoint.__annotations__.keys()
            or checkpoint["version"] != 1
            or checkpoint["run_id"] != self.ledger.run_id
            or checkpoint["phase"] != "boundary"
            or checkpoint["max_steps"] != self.max_steps
            or checkpoint["tools"] != wire_tools(self.tools)
            or checkpoint["output_override_names"] != self.overrides
            or checkpoint["attempted_call_ids"] != checkpoint["returned_call_ids"]
            or checkpoint["pending_items"] != []
            or checkpoint["returned_outputs"] != []
            or checkpoint["final_response"] is not None
            or not all(
                type(checkpoint[k]) is list
                for k in ("history", "attempted_call_ids", "returned_call_ids")
            )
            or type(checkpoint["revision"]) is not int
            or checkpoint["revision"] < 1
        ):
            unresolved = _unresolved(checkpoint)
            raise ValueError(
                "Only a matching completed boundary can resume; reconcile pending work "
                f"externally (calls that may have run without a saved output: {unresolved})."
            )
        fresh = self.history
        if not _has_observation(fresh):
            raise ValueError("Resume requires a nonempty current observation in params.input.")
        self.revision = checkpoint["revision"]
        self.consumed_requests = checkpoint["consumed_requests"]
        self.attempted = list(checkpoint["attempted_call_ids"])
        self.completed = list(checkpoint["returned_call_ids"])
        self.history = plain(checkpoint["history"])
        self.validate_boundary()
        self.history = [*self.history, *fresh]

    def validate_boundary(self) -> None:
        """The run between two steps may be saved and replayed: its counters, receipts
        and history, as the official checks them (ValueError)."""
        limit = 9007199254740991
        if (
            type(self.max_steps) is not int
            or not 1 <= self.max_steps <= limit
            or type(self.consumed_requests) is not int
            or not 0 <= self.consumed_requests <= self.max_steps
            or type(self.revision) is not int
            or not 0 <= self.revision < limit
        ):
            raise ValueError("Checkpoint revision or original request budget is invalid.")
        budget_only = self.ledger is None and self.budgeted
        self.seen = replay.check_history(
            plain(self.history), self.tools, self.replay_computer_call, budget_only=budget_only
        )
        if self.attempted != self.completed or any(c not in self.seen for c in self.completed):
            raise ValueError("A boundary cannot contain unresolved call receipts.")
        attempted = self.attempted
        if any(type(c) is not str for c in attempted) or len(set(attempted)) != len(attempted):
            raise ValueError("Checkpoint receipts are missing or duplicated.")


def _stored_response(response: Any) -> Any:
    """The final response as a ledger stores it: its echoed tools as `wire_tools`."""
    if isinstance(response, dict) and isinstance(response.get("tools"), list):
        return {**response, "tools": wire_tools(response["tools"])}
    return response


def function_output(call_id: str, result: Any) -> dict[str, Any]:
    """A `function_call_output` item; the result must be text or a list of input blocks
    (`results.supplied_result`)."""
    try:
        output = supplied_result(result)
    except ValueError as exc:
        raise ValueError(
            f"The function for call {call_id!r} returned {type(result).__name__}, "
            f"not a valid output: {exc}"
        ) from None
    return {"type": "function_call_output", "call_id": call_id, "output": output}


def wire_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """An output item as it is replayed in the next request's input."""
    data: dict[str, Any] = plain(dict(item))
    data.pop("parsed_arguments", None)
    if data.get("type") == "function_call" and data.get("id") is None:
        data.pop("id", None)
    if data.get("type") == "message":
        for part in data.get("content") or []:
            if isinstance(part, dict):
                part.pop("parsed", None)
    return data


def _comparable(item: dict[str, Any]) -> tuple[Any, ...]:
    """What must not change between an item acted on early and the completed response."""
    if item.get("type") == "function_call":
        return ("function_call", item.get("call_id"), item.get("name"), item.get("arguments"))
    return (item.get("type"), item.get("id"))


def _unresolved(checkpoint: Any) -> list[str]:
    if not isinstance(checkpoint, dict):
        return []
    returned = set(checkpoint.get("returned_call_ids") or [])
    return [c for c in checkpoint.get("attempted_call_ids") or [] if c not in returned]


def _has_observation(history: list[dict[str, Any]]) -> bool:
    for item in history:
        if item.get("type", "message") != "message" or item.get("role") != "user":
            continue
        content = item.get("content")
        if isinstance(content, str) and content.strip():
            return True
        if not isinstance(content, list):
            continue
        try:
            blocks = supplied_result(content)
        except ValueError:
            continue
        if isinstance(blocks, list) and any(
            b["type"] != "input_text" or b["text"].strip() for b in blocks
        ):
            return True
    return False
