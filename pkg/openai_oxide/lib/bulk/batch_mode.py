"""The Batch API as the engine for work that can wait (the bulk runner's `mode="batch"`).

    summary = await run_batches(client, records, sink, state_path="job.state.jsonl")

The records (Batch API input lines) are split into batch input files, in memory: one per
endpoint and model (the API takes one of each per batch), each within `max_lines` lines and
`max_bytes` bytes (the API's 50,000 and 200 MB). Each is uploaded (`purpose="batch"`) and
made a batch (`completion_window="24h"`), and the batch ids are saved to the state file
before any polling. Polling starts at `poll_interval` seconds and doubles up to
`max_poll_interval` while nothing settles. A settled batch's output and error files are
downloaded and every line goes to the sink by its `custom_id` (the files come in any
order): a 2xx answer to `write_result`, anything else to `write_error`. No request is sent
directly.

A batch that does not complete is not re-submitted: its lines may already have run (and
been billed), and a file the API refused would be refused again. Its unfinished lines go to
`write_error`: an expired or cancelled batch's as the API writes them
(`batch_expired`, `batch_cancelled`); a failed batch's (its input refused) with
`error.code` `batch_failed` and the API's reasons. So every id is written exactly once, and
a caller re-runs the ids of the errors it wants retried.

Restarted with the same state file, the engine resumes: a record whose `custom_id` is in a
batch the state file holds is not sent again (it never creates a second batch for the
same lines: an upload whose batch creation was not recorded is looked up among the
batches before a new one is made), the other records make new batches, and polling
resumes. Only the ids among this run's records are handed to the sink: the bulk runner
leaves out the ids its files already hold, so a batch whose results were being handed over
when the process died is finished, not repeated. A state file belongs to one job.
"""

from __future__ import annotations

import asyncio
import functools
import json
import typing
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .batch_state import BatchEntry, BatchState
from .records import BulkInputError, ResultSink, check_record

if TYPE_CHECKING:
    from ..._client import AsyncOpenAI
    from ...types.batches import Batch

__all__ = ["BatchModeError", "BatchSummary", "run_batches"]

BatchModeError = BulkInputError  # batch mode's former name for it: one error type

_SETTLED = frozenset({"completed", "failed", "expired", "cancelled"})
# What happened to the lines a settled batch left without an answer.
_UNFINISHED = {
    "failed": ("batch_failed", "The batch failed before this request ran"),
    "expired": ("batch_expired", "The batch expired before this request ran"),
    "cancelled": ("batch_cancelled", "The batch was cancelled before this request ran"),
    "completed": ("batch_missing_result", "The completed batch returned no line for it"),
}


@dataclass
class BatchSummary:
    """What a run did: its batches and their final statuses, lines and tokens."""

    batch_ids: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    created: int = 0  # batches made by this run (the others came from the state file)
    lines: int = 0  # this run's records
    succeeded: int = 0
    failed: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass
class _Chunk:
    """The lines of one future batch, as the bytes of its input file."""

    url: str
    model: str | None
    data: bytearray = field(default_factory=bytearray)
    ids: list[str] = field(default_factory=list)


async def run_batches(
    client: AsyncOpenAI,
    records: AsyncIterable[dict[str, Any]],
    sink: ResultSink,
    *,
    state_path: str | None,
    poll_interval: float = 1.0,
    max_poll_interval: float = 60.0,
    max_lines: int = 50_000,
    max_bytes: int = 200 * 2**20,
) -> BatchSummary:
    """Run `records` (Batch API input lines) as batches and hand every result to `sink`.

    See the module docstring. Raises BulkInputError for a record the Batch API cannot take
    (with its position and `custom_id`) or a state file it cannot read or write."""
    if max_lines < 1 or max_bytes < 1 or poll_interval <= 0:
        raise ValueError("max_lines, max_bytes and poll_interval must be positive")
    state = BatchState.open(state_path)
    summary = BatchSummary()
    for entry in state.entries:  # uploaded before a kill; its batch may exist, unrecorded
        if entry.batch_id is None:
            await _create(client, state, entry, summary, recovering=True)
    covered = {custom_id for entry in state.entries for custom_id in entry.ids}
    wanted: set[str] = set()  # this run's ids: those the sink is handed
    async for chunk in _chunks(records, max_lines, max_bytes, covered, wanted):
        name = f"batch-{len(state.entries) + 1:05d}.jsonl"
        uploaded = await client.files.create(
            file=(name, bytes(chunk.data), "application/jsonl"), purpose="batch"
        )
        entry = BatchEntry(chunk.url, chunk.model, chunk.ids, uploaded.id, uploaded.created_at)
        state.add(entry)
        await _create(client, state, entry, summary)
    summary.lines = len(wanted)
    await _poll(client, state, wanted, sink, summary, poll_interval, max_poll_interval)
    return summary


async def _chunks(
    records: AsyncIterable[dict[str, Any]],
    max_lines: int,
    max_bytes: int,
    covered: set[str],
    seen: set[str],
) -> AsyncIterator[_Chunk]:
    """The records not `covered` by a saved batch as batch input files: a (url, model)
    chunk is yielded when the next line would break a limit, the rest at the end. Every
    record's id is added to `seen`."""
    open_chunks: dict[tuple[str, str | None], _Chunk] = {}
    position = 0
    async for record in records:
        position += 1
        url, model, line = _line(record, position, seen)
        if record["custom_id"] in covered:
            continue
        key = (url, model)
        if len(line) + 1 > max_bytes:
            raise BulkInputError(
                f"{len(line)} bytes, more than a batch file's max_bytes={max_bytes}",
                f"record {position} ({record['custom_id']!r})",
            )
        chunk = open_chunks.get(key)
        if chunk is not None and (
            len(chunk.ids) >= max_lines or len(chunk.data) + len(line) + 1 > max_bytes
        ):
            yield open_chunks.pop(key)
            chunk = None
        if chunk is None:
            chunk = open_chunks[key] = _Chunk(url, model)
        chunk.data += line + b"\n"
        chunk.ids.append(record["custom_id"])
    for chunk in open_chunks.values():
        yield chunk


def _line(record: Any, position: int, seen: set[str]) -> tuple[str, str | None, bytes]:
    """A record's endpoint, model and input line (BulkInputError if the API would refuse
    it; the ids must be unique across the job, so results map back)."""
    record = check_record(record, f"record {position}")  # the runner's checks, then the API's
    custom_id, method, url = record["custom_id"], record.get("method", "POST"), record["url"]
    body: dict[str, Any] = record.get("body") or {}
    where = f"record {position} ({custom_id!r})"
    if custom_id in seen:
        raise BulkInputError("the `custom_id` is used twice; each must be unique", where)
    seen.add(custom_id)
    if method != "POST":
        raise BulkInputError(f"the Batch API sends POST requests only, not {method!r}", where)
    if url not in _endpoints():
        raise BulkInputError(f"the Batch API takes `url` among {sorted(_endpoints())}", where)
    model = body.get("model")
    line = {"custom_id": custom_id, "method": "POST", "url": url, "body": body}
    try:
        encoded = json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, ValueError) as exc:
        raise BulkInputError(f"`body` is not JSON ({exc})", where) from exc
    return url, model if isinstance(model, str) else None, encoded


@functools.cache
def _endpoints() -> frozenset[str]:
    """The endpoints a batch takes, as the generated `BatchCreateParams` spells them."""
    from ...types.batches import BatchCreateParams

    hint = typing.get_type_hints(BatchCreateParams)["endpoint"]  # Literal[...] | str
    literal = next(a for a in typing.get_args(hint) if typing.get_origin(a) is typing.Literal)
    return frozenset(typing.get_args(literal))


async def _create(
    client: AsyncOpenAI,
    state: BatchState,
    entry: BatchEntry,
    summary: BatchSummary,
    *,
    recovering: bool = False,
) -> None:
    """The batch of an uploaded file (when `recovering` from a kill, the one made before
    it, if any), its id saved before any poll."""
    batch_id = None
    if recovering:
        batch_id = await _find_batch(client, entry.input_file_id, entry.uploaded_at)
    if batch_id is None:
        batch = await client.batches.create(
            input_file_id=entry.input_file_id, endpoint=entry.url, completion_window="24h"
        )
        batch_id = batch.id
        summary.created += 1
    state.update(entry, batch_id=batch_id)


async def _find_batch(client: AsyncOpenAI, input_file_id: str, since: int) -> str | None:
    """The batch made from this upload, if any: among those made since it (newest first)."""
    async for batch in client.batches.list(limit=100):
        if batch.input_file_id == input_file_id:
            return batch.id
        if batch.created_at < since:
            break
    return None


async def _poll(
    client: AsyncOpenAI,
    state: BatchState,
    wanted: set[str],
    sink: ResultSink,
    summary: BatchSummary,
    poll_interval: float,
    max_poll_interval: float,
) -> None:
    """Poll the batches not yet handed over until each settles; hand each over."""
    summary.batch_ids = [str(entry.batch_id) for entry in state.entries]
    waiting = [i for i, entry in enumerate(state.entries) if not entry.delivered]
    delay = poll_interval
    while True:
        still: list[int] = []
        for index in waiting:
            entry = state.entries[index]
            batch = await client.batches.retrieve(str(entry.batch_id))
            summary.statuses[batch.id] = batch.status
            if batch.status not in _SETTLED:
                still.append(index)
                continue
            ids = [custom_id for custom_id in entry.ids if custom_id in wanted]
            await _deliver(client, batch, ids, sink, summary)
            state.update(entry, delivered=True)
        if not still:
            return
        if len(still) < len(waiting):
            delay = poll_interval  # something settled: the rest may be close
        waiting = still
        await asyncio.sleep(delay)
        delay = min(delay * 2, max_poll_interval)


async def _deliver(
    client: AsyncOpenAI, batch: Batch, ids: list[str], sink: ResultSink, summary: BatchSummary
) -> None:
    """The lines of `ids` in a settled batch to the sink, once each: its files' lines, then
    the ids no file mentions, with the reason."""
    if batch.usage is not None:
        summary.input_tokens += batch.usage.input_tokens
        summary.output_tokens += batch.usage.output_tokens
    pending = set(ids)
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id is None:
            continue
        content = (await client.files.content(file_id)).content
        for raw in content.splitlines():
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except ValueError as exc:
                raise BulkInputError(
                    f"a line that is not JSON ({exc})", f"file {file_id} of batch {batch.id}"
                ) from exc
            custom_id = line.get("custom_id") if isinstance(line, dict) else None
            if custom_id not in pending:  # not ours, or already written
                continue
            pending.discard(custom_id)
            response = line.get("response")
            status = response.get("status_code") if isinstance(response, dict) else None
            if line.get("error") is None and isinstance(status, int) and 200 <= status < 300:
                summary.succeeded += 1
                await sink.write_result(line)
            else:
                summary.failed += 1
                await sink.write_error(line)
    if not pending:
        return
    code, message = _UNFINISHED.get(batch.status, _UNFINISHED["failed"])
    message = f"{message} (batch {batch.id}, status {batch.status})."
    if batch.errors is not None and batch.errors.data:
        reasons = "; ".join(
            f"line {e.line}: {e.message}" if e.line else str(e.message) for e in batch.errors.data
        )
        message = f"{message} The API refused its input file: {reasons}"
    for custom_id in ids:
        if custom_id in pending:
            summary.failed += 1
            error = {"code": code, "message": message}
            await sink.write_error(
                {"id": None, "custom_id": custom_id, "response": None, "error": error}
            )
