"""The Batch API end to end: a batch runs its input file through the fake's own endpoints.

As the API: `POST /v1/batches` checks that the input file exists and was uploaded with
purpose `batch`, and answers the batch `validating`. A task on the server's loop then
validates the file as the API does (batch_input.py: the line format, one endpoint and one
model, unique `custom_id`s, `BatchTiming.max_lines` and `max_bytes`). A file that fails leaves the
batch `failed` with `errors.data` (code, message, param, line). Otherwise the batch goes
`in_progress` and each line is answered by `run_line` (the app's own routing, so a line
gets what a direct call would get, queued faults included), counting `request_counts`;
then `finalizing` and `completed`. A 2xx answer goes to the output file, any other to the
error file, both in the Batch API output line format (`id`, `custom_id`,
`response: {status_code, request_id, body}`, `error`), ordered by a hash of the
`custom_id`, not as the input (the API promises no order). A file with no line is not
written (its id stays null).

Cancel: `cancelling` until the line being run ends, then `cancelled`. Expiry: when
`BatchTiming.window` seconds (24 h by default) pass before every line ran, or, queued as
`Fault(batch_status="expired", batch_lines=k, match="/batches")`, after k lines: `expired`.
Either way the partial results are kept and the lines not run go to the error file with
`response: null` and `error.code` `batch_cancelled` / `batch_expired`.
`Fault(batch_status="failed", match="/batches")` fails the validation as the API's
enqueued-token limit does.

With `adopt_unknown_ids` (an account that already holds objects): an input file the fake
never saw is an existing batch file whose lines it does not know (the batch completes with
none run), and an unknown batch id an existing batch in progress (a cancel settles it).

How fast a batch settles: `BatchTiming` (seconds spent validating, per line and
finalizing; all 0 by default, so a batch settles within a few loop turns).
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from .batch_input import batch_error, validate_input
from .content import new_id
from .delivery import Answer
from .errors import error_body
from .faults import Fault

__all__ = ["BatchTiming", "Batches", "FileStore", "RunLine"]

# (url, body, headers) -> (status, body): one line through the app's routing.
RunLine = Callable[[str, bytes, Mapping[str, str]], tuple[int, bytes]]

_WINDOW = 24 * 3600
_PAGE = 20
_FORWARDED = ("authorization", "api-key", "openai-organization", "openai-project")
_LEFT_OVER = {
    "cancelled": (
        "batch_cancelled",
        "This request was not executed because the batch was cancelled.",
    ),
    "expired": (
        "batch_expired",
        "This request could not be executed before the completion window expired.",
    ),
}
_TOKEN_LIMIT = (
    "Enqueued token limit reached for {model} in organization org-fake. Limit: 90,000 "
    "enqueued tokens. Please try again once some in_progress batches have been completed."
)


class FileStore(Protocol):
    """The fake's files (the catalog): read an upload, store a produced file; and whether
    ids the fake never issued name existing objects (`adopt_unknown_ids`)."""

    adopt_unknown_ids: bool

    def file(self, file_id: str) -> tuple[dict[str, Any], bytes] | None: ...

    def add_file(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]: ...


@dataclass
class BatchTiming:
    """Seconds a batch spends validating, per line and finalizing; `window` is how long
    its 24 h completion window lasts here; the API's limits of an input file."""

    validating: float = 0.0
    per_line: float = 0.0
    finalizing: float = 0.0
    window: float = float(_WINDOW)
    max_lines: int = 50_000
    max_bytes: int = 200 * 1024 * 1024

    @classmethod
    def from_mapping(cls, data: Any) -> BatchTiming:
        """From JSON fields (ValueError for unknown fields or non-numbers)."""
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        fields = cls.__dataclass_fields__
        unknown = set(data) - set(fields)
        if unknown:
            raise ValueError(f"unknown fields: {sorted(unknown)}")
        bad = [k for k, v in data.items() if isinstance(v, bool) or not isinstance(v, int | float)]
        if bad or any(v < 0 for v in data.values()):
            raise ValueError(f"fields take non-negative numbers: {sorted(fields)}")
        return cls(**data)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class _Run:
    """One batch and what its task needs: the caller's auth, the fault's outcome."""

    batch: dict[str, Any]
    headers: dict[str, str]
    outcome: str | None = None  # "failed" / "expired" (a queued fault's batch_status)
    expire_after: int = 0
    started: float = field(default_factory=time.monotonic)
    history: list[str] = field(default_factory=list)
    cancel_requested: bool = False
    stopped: bool = False
    adopted: bool = False  # an id or input file the fake never issued (adopt_unknown_ids)


class Batches:
    """The batches of one fake server. Thread-safe (tests read statuses from their thread)."""

    def __init__(self, files: FileStore, run_line: RunLine) -> None:
        self._files = files
        self._run_line = run_line
        self._lock = threading.Lock()
        self._runs: dict[str, _Run] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.timing = BatchTiming()

    def clear(self) -> None:
        """Forget every batch (their tasks stop at their next step) and the timing."""
        with self._lock:
            for run in self._runs.values():
                run.stopped = True
            self._runs.clear()
            self.timing = BatchTiming()

    def close(self) -> None:
        """Cancel the running batches' tasks (on the server's loop, before it stops)."""
        for task in list(self._tasks):
            task.cancel()

    def statuses(self, batch_id: str) -> list[str]:
        """Every status the batch has had, in order (KeyError for an unknown id)."""
        with self._lock:
            return list(self._runs[batch_id].history)

    # -- the endpoints ------------------------------------------------------------------

    def answer(
        self,
        method: str,
        path: str,
        query: Mapping[str, str],
        body: Any,
        headers: Mapping[str, str],
        fault: Fault | None,
    ) -> Answer:
        """`path` without `/v1`: `/batches`, `/batches/{id}`, `/batches/{id}/cancel`."""
        parts = path.strip("/").split("/")[1:]
        if method == "POST" and not parts:
            return self._create(body if isinstance(body, dict) else {}, headers, fault)
        if method == "GET" and not parts:
            return self._list(query)
        with self._lock:
            run = self._runs.get(parts[0])
            if run is None and self._files.adopt_unknown_ids:
                run = self._adopt(parts[0])
            if run is None:
                message = f"No batch found with id '{parts[0]}'."
                return Answer(404, _dumps(error_body(message, code="not_found")))
            if method == "GET" and len(parts) == 1:
                return _ok(run.batch)
            if method == "POST" and parts[1:] == ["cancel"]:
                return self._cancel(run)
        return Answer(404, _dumps(error_body(f"Invalid URL ({method} /v1{path})")))

    def _create(
        self, body: dict[str, Any], headers: Mapping[str, str], fault: Fault | None
    ) -> Answer:
        file_id = str(body.get("input_file_id", ""))
        found = self._files.file(file_id)
        if found is None and not self._files.adopt_unknown_ids:
            message = f"No such File object: {file_id}"
            return Answer(404, _dumps(error_body(message, param="input_file_id")))
        purpose = "batch" if found is None else found[0].get("purpose")
        if purpose != "batch":
            message = (
                f"The input file must be uploaded with purpose 'batch' (file {file_id} "
                f"has purpose '{purpose}')."
            )
            return Answer(400, _dumps(error_body(message, param="input_file_id")))
        batch = _new_batch(new_id("batch_", 32), body)
        forwarded = {k: v for k, v in headers.items() if k in _FORWARDED}
        run = _Run(batch, {**forwarded, "content-type": "application/json"})
        run.adopted = found is None
        run.history.append("validating")
        if fault is not None and fault.batch_status is not None:
            run.outcome = fault.batch_status
            run.expire_after = fault.batch_lines
        with self._lock:
            self._runs[batch["id"]] = run
            snapshot = _ok(batch)
        task = asyncio.get_running_loop().create_task(self._guarded(run))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return snapshot

    def _adopt(self, batch_id: str) -> _Run:
        """Under the lock: an id the fake never issued, as a batch already in progress (no
        task runs it: a cancel settles it at once)."""
        body = {"input_file_id": "file-adopted", "endpoint": "/v1/chat/completions"}
        batch = _new_batch(batch_id, body)
        run = _Run(batch, {}, adopted=True)
        self._runs[batch_id] = run
        self._status(run, "in_progress")
        return run

    def _list(self, query: Mapping[str, str]) -> Answer:
        with self._lock:
            data = [run.batch for run in reversed(self._runs.values())]  # newest first
            after = query.get("after")
            if after:
                ids = [b["id"] for b in data]
                data = data[ids.index(after) + 1 :] if after in ids else []
            try:
                limit = max(1, min(100, int(query.get("limit", _PAGE))))
            except ValueError:
                limit = _PAGE
            page = data[:limit]
            return _ok(
                {
                    "object": "list",
                    "data": page,
                    "first_id": page[0]["id"] if page else None,
                    "last_id": page[-1]["id"] if page else None,
                    "has_more": len(data) > limit,
                }
            )

    def _cancel(self, run: _Run) -> Answer:
        """Under the lock."""
        status = run.batch["status"]
        if status not in ("validating", "in_progress"):
            message = f"Cannot cancel a batch with status '{status}'."
            return Answer(400, _dumps(error_body(message)))
        run.cancel_requested = True
        self._status(run, "cancelling")
        answer = _ok(run.batch)
        if run.adopted and status == "in_progress":  # no task of ours will see the cancel
            self._status(run, "cancelled")
        return answer

    # -- the batch's task ---------------------------------------------------------------

    def _status(self, run: _Run, status: str, **changes: Any) -> None:
        """Under the lock: a new status and its timestamp."""
        run.batch["status"] = status
        run.batch[f"{status}_at"] = int(time.time())
        run.batch.update(changes)
        run.history.append(status)

    def _set(self, run: _Run, status: str, **changes: Any) -> None:
        with self._lock:
            self._status(run, status, **changes)

    async def _guarded(self, run: _Run) -> None:
        """`_run`, a failure of the fake itself failing the batch (not leaving it stuck)."""
        try:
            await self._run(run)
        except Exception as exc:
            error = batch_error("server_error", f"The fake failed running this batch: {exc!r}")
            self._set(run, "failed", errors={"object": "list", "data": [error]})

    async def _run(self, run: _Run) -> None:
        timing = self.timing
        await _pause(timing.validating)
        if run.stopped:
            return
        found = self._files.file(run.batch["input_file_id"])
        lines: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        model: str | None = None
        if found is not None:  # else adopted: its lines are unknown here, so none runs
            endpoint = str(run.batch["endpoint"])
            limits = (timing.max_lines, timing.max_bytes)
            lines, errors, model = validate_input(found[1], endpoint, *limits)
        if not errors and run.outcome == "failed":
            errors = [batch_error("token_limit_exceeded", _TOKEN_LIMIT.format(model=model))]
        with self._lock:
            run.batch["model"] = model
            if run.cancel_requested:
                self._status(run, "cancelled")
                return
            if errors:
                self._status(run, "failed", errors={"object": "list", "data": errors})
                return
            run.batch["request_counts"]["total"] = len(lines)
            self._status(run, "in_progress")
        outputs: list[dict[str, Any]] = []
        errored: list[dict[str, Any]] = []
        ending = "completed"
        for index, line in enumerate(lines):
            if run.stopped:
                return
            if run.cancel_requested:
                ending = "cancelled"
            elif self._expired(run, index, timing):
                ending = "expired"
            if ending != "completed":
                code, message = _LEFT_OVER[ending]
                errored.extend(_output(x["custom_id"], None, code, message) for x in lines[index:])
                with self._lock:
                    run.batch["request_counts"]["failed"] += len(lines) - index
                break
            status, body = self._run_line(line["url"], _dumps(line["body"]), run.headers)
            response = {"status_code": status, "request_id": new_id("req_", 32)}
            response["body"] = _loads(body)
            ok = 200 <= status < 300
            (outputs if ok else errored).append(_output(line["custom_id"], response))
            with self._lock:
                run.batch["request_counts"]["completed" if ok else "failed"] += 1
            await _pause(timing.per_line)
        if ending == "completed":
            self._set(run, "finalizing")
            await _pause(timing.finalizing)
        if run.stopped:
            return
        files = self._write(run, outputs, errored)
        self._set(run, ending, usage=_usage(outputs), **files)

    @staticmethod
    def _expired(run: _Run, index: int, timing: BatchTiming) -> bool:
        if run.outcome == "expired" and index >= run.expire_after:
            return True
        return time.monotonic() - run.started > timing.window

    def _write(
        self, run: _Run, outputs: list[dict[str, Any]], errored: list[dict[str, Any]]
    ) -> dict[str, str | None]:
        """The output and error files, each in its own order (a hash of the custom_id)."""
        ids: dict[str, str | None] = {}
        for name, lines in (("output_file_id", outputs), ("error_file_id", errored)):
            if not lines:
                ids[name] = None
                continue
            salt = str(run.batch["id"]).encode()
            lines.sort(key=lambda x: hashlib.sha1(salt + x["custom_id"].encode()).digest())
            content = b"".join(_dumps(x) + b"\n" for x in lines)
            kind = name.split("_")[0]
            filename = f"{run.batch['id']}_{kind}.jsonl"
            ids[name] = str(self._files.add_file(filename, "batch_output", content)["id"])
        return ids


def _new_batch(batch_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """A batch as `POST /v1/batches` answers it: `validating`, nothing counted yet."""
    now = int(time.time())
    return {
        "id": batch_id,
        "object": "batch",
        "endpoint": body.get("endpoint"),
        "model": None,
        "errors": None,
        "input_file_id": body.get("input_file_id"),
        "completion_window": body.get("completion_window", "24h"),
        "status": "validating",
        "output_file_id": None,
        "error_file_id": None,
        "created_at": now,
        "in_progress_at": None,
        "expires_at": now + _WINDOW,
        "finalizing_at": None,
        "completed_at": None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "metadata": body.get("metadata"),
    }


def _output(
    custom_id: str,
    response: dict[str, Any] | None,
    code: str | None = None,
    message: str | None = None,
) -> dict[str, Any]:
    error = None if code is None else {"code": code, "message": message}
    return {
        "id": new_id("batch_req_", 32),
        "custom_id": custom_id,
        "response": response,
        "error": error,
    }


def _usage(outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """The tokens of the answers (Responses and Chat Completions spell them differently)."""
    used_in = used_out = cached = reasoning = 0
    for line in outputs:
        body = line["response"]["body"]
        usage = body.get("usage") if isinstance(body, dict) else None
        if not isinstance(usage, dict):
            continue
        used_in += int(usage.get("input_tokens", usage.get("prompt_tokens", 0)) or 0)
        used_out += int(usage.get("output_tokens", usage.get("completion_tokens", 0)) or 0)
        details_in = usage.get("input_tokens_details") or usage.get("prompt_tokens_details")
        details_out = usage.get("output_tokens_details") or usage.get("completion_tokens_details")
        cached += int((details_in or {}).get("cached_tokens", 0) or 0)
        reasoning += int((details_out or {}).get("reasoning_tokens", 0) or 0)
    return {
        "input_tokens": used_in,
        "input_tokens_details": {"cached_tokens": cached},
        "output_tokens": used_out,
        "output_tokens_details": {"reasoning_tokens": reasoning},
        "total_tokens": used_in + used_out,
    }


async def _pause(seconds: float) -> None:
    # Even with no delay, yield: a batch never settles inside the request that made it.
    await asyncio.sleep(seconds)


def _loads(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return body.decode("utf-8", "replace")


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def _ok(value: Any) -> Answer:
    return Answer(200, _dumps(value))
