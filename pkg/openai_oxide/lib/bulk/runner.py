"""`bulk.run`: send every request of a Batch API input, paced within the rate limits.

Records are read as they are needed (at most `max_concurrency` in memory), filtered by
the ids already written (a resumed run) and by the shard, and each is sent once admitted
by the pacer (pacing.py). A 429 pauses every request for the server's Retry-After and the
request is sent again: it is never written as an error. A 401 or a 429 for an exhausted
quota (`insufficient_quota`) stops the run, since every other request would fail alike
and must stay unwritten for the next run. Any other 4xx goes to the errors file at once;
5xx, 408, 409 and connection errors are retried with jittered backoff up to
`max_retries` times, then written as errors.

`transport="websocket"` sends the `POST /v1/responses` lines as turns over a pool of
WebSocket sessions (lib/ws_pool.py), one response at a time per session; every other line
goes over HTTP as before, so a mixed file needs no split. A turn takes its session first,
then the pacer's admission, so the pool's queue never bunches sends past the pacer. An
`error` event is handled as the HTTP status it carries (a 429 event pauses the runner;
the wait is read from its message, since a socket has no Retry-After header), and a
turn's line has status 200 and `request_id` null (a WebSocket turn has no request id).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sys
import time
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..._core import codec
from ..._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    ConnectionLimitReachedError,
    WebSocketSessionError,
)
from ..._core.ratelimits import RateLimits, parse_duration
from ..._core.retry import backoff_delay, parse_retry_after
from ..ws_pool import WebSocketPool
from .estimate import estimate_tokens
from .pacing import Pacer, Sent
from .progress import BulkSummary, Progress, ProgressBar, Tally
from .records import BulkInputError, ResultSink, Source, aiter_records, open_sink, result_line

if TYPE_CHECKING:
    from ..._client import AsyncOpenAI

__all__ = ["parse_shard", "run"]

_RETRIED_STATUSES = (408, 409)
_BACKOFF = (0.5, 30.0)  # the first retry's delay and the longest, in seconds
_WS_URL = "/v1/responses"
# "... Please try again in 1.2s." in a rate-limit error's message: a WebSocket `error`
# event's only hint of when to retry.
_TRY_AGAIN = re.compile(r"try again in (\S+?)\.?(?:\s|$)")
Transport = Literal["http", "websocket"]


def parse_shard(shard: str | tuple[int, int] | None) -> tuple[int, int]:
    """`"i/n"` or `(i, n)`, 1 <= i <= n (the i-th of n machines), as (i, n)."""
    if shard is None:
        return 1, 1
    try:
        i, n = (int(p) for p in shard.split("/")) if isinstance(shard, str) else shard
    except ValueError:
        raise ValueError(f"shard must be 'i/n' such as '1/4', not {shard!r}") from None
    if not 1 <= i <= n:
        raise ValueError(f"shard {i}/{n}: i must be between 1 and n")
    return i, n


def in_shard(custom_id: str, i: int, n: int) -> bool:
    """A stable split of the ids: the same id lands in the same shard on every machine."""
    return n == 1 or zlib.crc32(custom_id.encode()) % n == i - 1


class _Counting:
    """A sink that counts what passes through (for the progress and the summary), in
    either mode, before handing it on."""

    def __init__(
        self, sink: ResultSink, tally: Tally, progress: Callable[[Progress], None] | None
    ) -> None:
        self.sink, self.tally, self.progress = sink, tally, progress

    async def write_result(self, line: dict[str, Any]) -> None:
        await self.sink.write_result(line)
        self.tally.succeeded += 1
        self.tally.count_usage((line.get("response") or {}).get("body"))
        self._report()

    async def write_error(self, line: dict[str, Any]) -> None:
        await self.sink.write_error(line)
        self.tally.failed += 1
        self._report()

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.tally.snapshot())


# What one exchange gave: status, request id, the decoded body, the answer's headers.
_Answer = tuple[int, str | None, Any, Mapping[str, str]]


class _Left:
    """`pacer.sent` just after a request left (what was sent later is not in the
    `x-ratelimit-remaining-*` of its answer)."""

    __slots__ = ("since",)

    def __init__(self) -> None:
        self.since = Sent()


class _Run:
    def __init__(
        self,
        client: AsyncOpenAI,
        sink: _Counting,
        pacer: Pacer,
        max_retries: int,
        pool: WebSocketPool | None = None,
    ) -> None:
        self.client = client.with_options(max_retries=0)  # retries are the runner's own
        self.sink, self.pacer, self.tally = sink, pacer, sink.tally
        self.max_retries = max_retries
        self.pool = pool  # set: `POST /v1/responses` lines go over it
        self.gate = asyncio.Lock()  # FIFO: requests are admitted in input order
        self.pauses = 0  # 429s in a row without an answer in between

    async def admit(self, tokens: int) -> Sent:
        """Wait for the pacer to let `tokens` go; `pacer.sent` just after."""
        async with self.gate:
            while (wait := self.pacer.take(time.monotonic(), tokens)) > 0:
                await asyncio.sleep(wait)
            return self.pacer.sent

    def observe(self, headers: Mapping[str, str], since: Sent) -> None:
        limits = RateLimits.from_headers(headers)
        if limits is not None:
            self.pacer.observe(limits, time.monotonic(), since)

    async def send(self, record: dict[str, Any]) -> None:
        custom_id: str = record["custom_id"]
        tokens = estimate_tokens(record.get("body") or {})
        attempt = 0
        while True:
            left = _Left()
            try:
                status, request_id, answer, headers = await self.exchange(record, tokens, left)
            except (APIStatusError, WebSocketSessionError) as exc:
                if isinstance(exc, ConnectionLimitReachedError) and attempt < self.max_retries:
                    attempt += 1  # the turn did not run; the pool opens a new connection
                    continue
                self.observe(exc.response.headers, left.since)
                if exc.status_code == 429 and exc.code != "insufficient_quota":
                    self.rate_limited(exc.response.headers, exc.message)
                    continue
                if isinstance(exc, AuthenticationError) or exc.status_code == 429:
                    raise
                if (exc.status_code >= 500 or exc.status_code in _RETRIED_STATUSES) and (
                    attempt < self.max_retries
                ):
                    attempt = await self.back_off(attempt)
                    continue
                body = exc.body
                if isinstance(exc, WebSocketSessionError) and isinstance(body, dict):
                    body = {"error": body.get("error")}  # as the HTTP error's body
                line = result_line(
                    custom_id, status=exc.status_code, request_id=exc.request_id, body=body
                )
                await self.sink.write_error(line)
                return
            except APIResponseValidationError as exc:  # a 2xx whose body is not JSON
                error = {"code": "invalid_response", "message": exc.message}
                line = result_line(
                    custom_id, status=exc.status_code, request_id=exc.request_id, body=None
                )
                await self.sink.write_error({**line, "error": error})
                return
            except APIConnectionError as exc:
                if attempt < self.max_retries:
                    attempt = await self.back_off(attempt)
                    continue
                error = {"code": type(exc).__name__, "message": str(exc)}
                line = result_line(custom_id, status=None, request_id=None, body=None, error=error)
                await self.sink.write_error(line)
                return
            self.pauses = 0
            self.observe(headers, left.since)
            line = result_line(custom_id, status=status, request_id=request_id, body=answer)
            await self.sink.write_result(line)
            return

    async def exchange(self, record: dict[str, Any], tokens: int, left: _Left) -> _Answer:
        """Send `record` once admitted (noting `pacer.sent` as it left in `left`)."""
        body: dict[str, Any] = record.get("body") or {}
        method: str = record.get("method", "POST")
        url: str = record["url"]
        if self.pool is not None and method == "POST" and url == _WS_URL:
            async with self.pool.session(self.client) as ws:
                left.since = await self.admit(tokens)
                turn = {k: v for k, v in body.items() if k != "stream"}  # a turn streams
                response = await ws.send(extra_body=turn)
            return 200, None, response.to_dict(mode="json"), {}
        left.since = await self.admit(tokens)
        path = url[3:] if url.startswith("/v1/") else url
        answer, head = await self.client.request_with_head(
            method, path, parse=codec.loads, body=body or None
        )
        return head.status, head.request_id, answer, head.headers

    def rate_limited(self, headers: Mapping[str, str], message: str) -> None:
        self.tally.rate_limited += 1
        delay = parse_retry_after(headers, time.time())
        if delay is None and (hint := _TRY_AGAIN.search(message)) is not None:
            delay = parse_duration(hint.group(1))
        if delay is None or not 0 < delay <= 60:
            delay = backoff_delay(self.pauses, *_BACKOFF, random.random())
        self.pauses += 1
        self.pacer.pause(time.monotonic() + delay)

    async def back_off(self, attempt: int) -> int:
        self.tally.retried += 1
        await asyncio.sleep(backoff_delay(attempt, *_BACKOFF, random.random()))
        return attempt + 1


async def _pending(
    source: Source, done: set[str], shard: tuple[int, int], tally: Tally
) -> AsyncIterator[dict[str, Any]]:
    """The records still to do, each id checked for duplicates."""
    seen: set[str] = set()
    async for where, record in aiter_records(source):
        custom_id = record["custom_id"]
        if custom_id in seen:
            raise BulkInputError(f"custom_id {custom_id!r} appears twice", where)
        seen.add(custom_id)
        if not in_shard(custom_id, *shard):
            continue
        if custom_id in done:
            tally.skipped += 1
            continue
        yield record


async def _count(source: Source, shard: tuple[int, int]) -> int | None:
    """How many records are this shard's: a first pass over a file (which also finds a bad
    or repeated line before anything is sent), the length of a list, else unknown."""
    if isinstance(source, str | os.PathLike):
        count = 0
        async for _ in _pending(source, set(), shard, Tally()):
            count += 1
        return count
    if isinstance(source, list | tuple):
        ids = (r.get("custom_id") if isinstance(r, dict) else None for r in source)
        return sum(1 for custom_id in ids if in_shard(str(custom_id), *shard))
    return None


async def _direct(records: AsyncIterator[dict[str, Any]], run: _Run, max_concurrency: int) -> None:
    slots = asyncio.Semaphore(max_concurrency)
    tasks: set[asyncio.Task[None]] = set()
    failed: list[BaseException] = []

    def settle(task: asyncio.Task[None]) -> None:
        tasks.discard(task)
        slots.release()
        error = None if task.cancelled() else task.exception()
        if error is not None:
            failed.append(error)

    try:
        async for record in records:
            await slots.acquire()
            if failed:
                break
            task = asyncio.ensure_future(run.send(record))
            tasks.add(task)
            task.add_done_callback(settle)
        while tasks and not failed:
            await asyncio.wait(set(tasks), return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(set(tasks))
    if failed:
        raise failed[0]


async def run(
    client: AsyncOpenAI,
    source: Source,
    output: str | os.PathLike[str] | ResultSink,
    *,
    max_concurrency: int = 50,
    rpm: float | None = None,
    tpm: float | None = None,
    errors: str | os.PathLike[str] | None = None,
    mode: Literal["direct", "batch"] = "direct",
    shard: str | tuple[int, int] | None = None,
    prices: Mapping[str, tuple[float, float]] | None = None,
    progress: Callable[[Progress], None] | bool | None = None,
    max_retries: int = 6,
    transport: Transport = "http",
    ws_pool_size: int | None = None,
) -> BulkSummary:
    """Send every request of `source` and write each answer, keyed by `custom_id`.

    `source`: a Batch API input file (JSONL: `custom_id`, `method`, `url`, `body`), or an
    iterable or async iterable of such records. `output`: the results file (appended to,
    so a second run with the same arguments resumes: ids already in it or in the errors
    file are skipped), or any `ResultSink` (e.g. `MemorySink()`). `errors`: the errors
    file, by default `<output stem>.errors.jsonl` beside the output.
    `rpm`/`tpm`: the budgets to pace within (None: taken from the first answer's
    `x-ratelimit-limit-*`). `shard="i/n"`: only this machine's share of the ids (a hash
    of `custom_id`), with that share of the budgets. `progress`: a callback given a
    `Progress` after each request; None draws a bar when stderr is a terminal; False none.
    `prices`: (input, output) dollars per million tokens per model for the summary's cost.
    `transport="websocket"`: the `POST /v1/responses` lines go as turns over a pool of
    `ws_pool_size` WebSocket sessions (default `max_concurrency`; one response at a time
    each), the other lines over HTTP; not with `mode="batch"`, which sends no direct call.
    Raises BulkInputError for a bad input line, ValueError for bad arguments, and
    `AuthenticationError` / `RateLimitError` (exhausted quota) when the run cannot go on.
    """
    if max_concurrency < 1:
        raise ValueError("max_concurrency must be at least 1")
    if mode not in ("direct", "batch"):
        raise ValueError(f"mode must be 'direct' or 'batch', not {mode!r}")
    if transport not in ("http", "websocket"):
        raise ValueError(f"transport must be 'http' or 'websocket', not {transport!r}")
    if transport == "websocket" and mode == "batch":
        raise ValueError("transport='websocket' sends direct calls: not with mode='batch'")
    pool = None
    if transport == "websocket":
        pool = WebSocketPool(max_concurrency if ws_pool_size is None else ws_pool_size)
    parts = parse_shard(shard)
    callback = _progress_callback(progress)
    tally = Tally(total=await _count(source, parts))
    sink: ResultSink
    if isinstance(output, str | os.PathLike):
        opened, done = open_sink(output, errors)
        sink, closing = opened, opened.close
    else:
        sink, done, closing = output, set(), None
    try:
        records = _pending(source, done, parts, tally)
        counting = _Counting(sink, tally, callback)
        if mode == "batch":
            await _batches(client, records, counting, output)
        else:
            pacer = Pacer(rpm, tpm, now=time.monotonic(), share=1 / parts[1])
            work = _Run(client, counting, pacer, max_retries, pool)
            await _direct(records, work, max_concurrency)
    finally:
        if pool is not None:
            await pool.close()
        if closing is not None:
            closing()
    if isinstance(callback, ProgressBar):
        callback(tally.snapshot(), final=True)
    return tally.summary(prices)


def _progress_callback(
    progress: Callable[[Progress], None] | bool | None,
) -> Callable[[Progress], None] | None:
    if progress is None:
        return ProgressBar() if sys.stderr is not None and sys.stderr.isatty() else None
    if progress is True:
        return ProgressBar()
    return progress or None


async def _batches(
    client: AsyncOpenAI,
    records: AsyncIterator[dict[str, Any]],
    sink: ResultSink,
    output: str | os.PathLike[str] | ResultSink,
) -> None:
    """`mode="batch"`: the Batch API engine, its state file beside the output file."""
    from .batch_mode import run_batches  # only this mode needs it

    state = None
    if isinstance(output, str | os.PathLike):
        out = Path(output)
        state = str(out.with_name(f"{out.stem}.batches.jsonl"))
    await run_batches(client, records, sink, state_path=state)
