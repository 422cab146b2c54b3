"""Many concurrent streams (issue 14, item 4): N streamed `responses.create` at once
against the fake, for openai_oxide, the official `openai` package and a raw floor.

    .venv/bin/python bench/bench_streams_load.py URL [--streams 100,250,500]
        [--clients floor,ours,official] [--short]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_streams_load URL --streams 50
        [--clients floor,ours] [--timed 0] [--short]

Natively each (client, N) runs in a fresh worker process of its own (`--worker CLIENT`),
so peak RSS and open file descriptors are that client's; in Pyodide everything runs in
the one interpreter (ours and the `js.fetch` floor; the official's wheels take longer to
load than the run). Per client and N, with the fake pacing events PACE_S apart:

1. timed: N streams at once, each read to the end and compared with a reference stream
   read alone first; p50/p99 of the time per stream (request to last event) and, natively,
   the client's CPU per stream. Overhead = the client's percentile minus the floor's, both
   measured in the same run against the same fake.
2. cancellation: N streams at once; once every stream has read HOLD_AT events, the tasks of
   the even-numbered ones are cancelled (the fake stalls those after STALL_AT events, so
   they are midway on the server too). Every other stream must still equal the reference;
   the fake's journal must show each cancelled request disconnected and never completed,
   and its connection closed on the server's side.
3. leaks, after the client is closed: no asyncio task left, no file descriptor more than
   before the client existed, no connection in the client's httpx2 pool (none active
   before closing either), and none of the run's connections open on the server.

Peak RSS is the worker's high-water mark (ru_maxrss), with its growth over the RSS once
warm; in Pyodide, the wasm heap (which never shrinks) instead. Figures go in the
benchmark table (bench/report.py); the checks are assertions in tests/load/.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fake_server import API_KEY
from suite import BEGIN, END, IN_PYODIDE, Control

BODY: dict[str, Any] = {"model": "gpt-4.1-mini", "input": "Tell me a story", "stream": True}
PACE_S = 0.005  # between two events: streams overlap, and are midway when cancelled
HOLD_AT = 3  # events every stream has read when half of them are cancelled
# The fake stalls the streams to be cancelled after this many events (until the client
# leaves): they are midway on both sides, whatever the TCP buffers hold.
STALL_AT = 6
TAG = "x-load-stream"  # "<run id>-<index>": finds each stream's request in the journal
# The SDKs wait this long at most (as bench_load's floor) and keep their default retries:
# a loaded fake is slow to accept, and the official's 5 s connect timeout would fail
# streams, not slow them.
TIMEOUT_S = 600.0
SETTLE_S = 10.0  # the fake closes an idle keep-alive connection after 5 s (hypercorn)

Event = tuple[str, str]  # (type, delta): what must equal the reference, ids aside


async def _sse(pieces: AsyncIterator[bytes], loads: Callable[[bytes], Any]) -> AsyncIterator[Event]:
    rest = b""
    async for piece in pieces:
        *lines, rest = (rest + piece).split(b"\n")
        for line in lines:
            if line.startswith(b"data:"):
                data = loads(line[5:])
                yield data["type"], data.get("delta") or ""


class SDK:
    """Ours or the official: `async with stream:` closes the response however the block ends."""

    def __init__(self, client: Any, pool: Any = None) -> None:
        self.client, self.pool = client, pool

    @asynccontextmanager
    async def open(self, headers: dict[str, str]) -> AsyncIterator[AsyncIterator[Event]]:
        stream = await self.client.responses.create(**BODY, extra_headers=headers)
        async with stream:
            yield ((e.type, getattr(e, "delta", None) or "") async for e in stream)

    async def aclose(self) -> None:
        await self.client.close()


class HttpxFloor:
    """No SDK: bench_load's floor client (httpx2 with the official's pool limits, orjson),
    streaming this module's body through a minimal SSE splitter."""

    def __init__(self, url: str, limit: int) -> None:
        import orjson
        from bench_load import Floor

        floor = Floor(url, limit)
        self.http = self.pool = floor.http
        self.loads, self.content = floor.loads, orjson.dumps(BODY)

    @asynccontextmanager
    async def open(self, headers: dict[str, str]) -> AsyncIterator[AsyncIterator[Event]]:
        async with self.http.stream(
            "POST", "responses", content=self.content, headers=headers
        ) as resp:
            resp.raise_for_status()
            yield _sse(resp.aiter_bytes(), self.loads)

    async def aclose(self) -> None:
        await self.http.aclose()


class JsFetchFloor:
    """The Pyodide floor: `js.fetch` (aborted on leaving), `pydantic_core.from_json`."""

    pool = None

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/") + "/responses"

    @asynccontextmanager
    async def open(self, headers: dict[str, str]) -> AsyncIterator[AsyncIterator[Event]]:
        import js
        from pydantic_core import from_json
        from pyodide.ffi import to_js

        abort = js.AbortController.new()
        head = {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}
        init = {
            "method": "POST",
            "headers": {**head, **headers},
            "body": json.dumps(BODY),
            "signal": abort.signal,
        }
        resp = await js.fetch(self.url, to_js(init, dict_converter=js.Object.fromEntries))
        if not resp.ok:
            raise RuntimeError(f"HTTP {resp.status}")
        reader = resp.body.getReader()

        async def pieces() -> AsyncIterator[bytes]:
            while not (chunk := await reader.read()).done:
                yield bytes(chunk.value.to_bytes())

        try:
            yield _sse(pieces(), from_json)
        finally:
            abort.abort()  # a no-op once the body is read

    async def aclose(self) -> None:
        pass  # fetch has no client to close


def make_client(name: str, url: str, limit: int) -> Any:
    if name == "floor":
        return JsFetchFloor(url) if IN_PYODIDE else HttpxFloor(url, limit)
    if name == "ours" and IN_PYODIDE:
        import openai_oxide

        return SDK(openai_oxide.AsyncOpenAI(api_key=API_KEY, base_url=url, timeout=TIMEOUT_S))
    import httpx2

    limits = httpx2.Limits(max_connections=limit, max_keepalive_connections=100)
    if name == "ours":
        import openai_oxide

        http = openai_oxide.DefaultAsyncHttpxClient(limits=limits)
        client = openai_oxide.AsyncOpenAI(
            api_key=API_KEY, base_url=url, http_client=http, timeout=TIMEOUT_S
        )
        return SDK(client, http)
    import openai

    http = openai.DefaultAsyncHttpxClient(limits=limits)
    official = openai.AsyncOpenAI(
        api_key=API_KEY, base_url=url, http_client=http, timeout=TIMEOUT_S
    )
    return SDK(official, http)


async def _read(
    client: Any, headers: dict[str, str], hold: Callable[[], Awaitable[None]] | None = None
) -> tuple[list[Event], float]:
    """One stream read to its end: its events and its seconds from request to last event.
    With `hold`, awaited once HOLD_AT events are in (the stream is left open meanwhile)."""
    t0 = time.perf_counter()
    events: list[Event] = []
    opened: AbstractAsyncContextManager[AsyncIterator[Event]] = client.open(headers)
    async with opened as stream:
        async for event in stream:
            events.append(event)
            if hold is not None and len(events) == HOLD_AT:
                await hold()
    return events, time.perf_counter() - t0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _fds() -> int:
    return -1 if IN_PYODIDE else len(os.listdir("/proc/self/fd"))


def _wasm_heap_kb() -> int:
    """Pyodide's linear memory: it only grows, so its size is also its peak."""
    import pyodide_js

    return int(pyodide_js._module.HEAP8.length) // 1024


def _rss_kb() -> int:
    if IN_PYODIDE:
        return _wasm_heap_kb()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _peak_rss_kb() -> int:
    if IN_PYODIDE:
        return _wasm_heap_kb()
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def _pool_connections(pool: Any) -> list[Any]:
    """The httpx2 client's pooled connections (httpcore2's); [] in Pyodide (fetch's pool
    is the host's)."""
    inner = getattr(getattr(pool, "_transport", None), "_pool", None)
    return list(getattr(inner, "connections", []))


async def _journal(control: Control, run: str) -> dict[int, dict[str, Any]]:
    entries = await control.get("/__fake__/journal")
    prefix = run + "-"
    return {
        int(e["headers"][TAG].removeprefix(prefix)): e
        for e in entries
        if e["headers"].get(TAG, "").startswith(prefix)
    }


async def _still_open(control: Control, peers: set[str], settle: float) -> list[str]:
    """Which of `peers` the server still holds open after up to `settle` seconds."""
    deadline = time.perf_counter() + settle
    while True:
        left = sorted(peers & set((await control.get("/__fake__/connections"))["open"]))
        if not left or time.perf_counter() > deadline:
            return left
        await asyncio.sleep(0.1)


async def measure(
    name: str,
    url: str,
    streams: int,
    *,
    pace: float = PACE_S,
    timed: bool = True,
    settle: float = SETTLE_S,
) -> dict[str, Any]:
    """Both phases (the first only when `timed`) and the leak checks for one client; see
    the module docstring."""
    control = Control(url)
    run = uuid.uuid4().hex[:12]
    tasks_before = asyncio.all_tasks()
    fds_before = _fds()
    client = make_client(name, url, max(1000, streams))
    paced = json.dumps({"delay_between_events": pace})
    stalled = json.dumps({"delay_between_events": pace, "stall_after_events": STALL_AT})

    def headers(i: int, fault: str = paced) -> dict[str, str]:
        return {TAG: f"{run}-{i}", "x-fake-fault": fault}

    reference, _ = await _read(client, headers(-1))  # also warms the client
    gc.collect()
    rss_warm = _rss_kb()

    # 1. timed
    c0 = 0.0 if IN_PYODIDE else time.process_time()
    reads = [_read(client, headers(i)) for i in range(streams if timed else 0)]
    finished = await asyncio.gather(*reads)
    cpu = 0.0 if IN_PYODIDE else time.process_time() - c0
    durations = [d for _, d in finished] or [0.0]
    wrong_timed = sum(events != reference for events, _ in finished)

    # 2. cancellation: the even-numbered streams are cancelled once all hold HOLD_AT events
    holding = 0
    all_holding, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        nonlocal holding
        holding += 1
        if holding == streams:
            all_holding.set()
        await release.wait()

    base = streams  # journal indices after the timed phase's
    cancelled = range(0, streams, 2)
    tasks = [
        asyncio.ensure_future(
            _read(client, headers(base + i, stalled if i in cancelled else paced), hold)
        )
        for i in range(streams)
    ]
    waiting = asyncio.ensure_future(all_holding.wait())
    await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if not waiting.done():
        waiting.cancel()
        failed = next(t for t in tasks if t.done())
        raise RuntimeError(f"{name}: a stream ended before the rest held: {failed.exception()!r}")
    for i in cancelled:
        tasks[i].cancel()
    release.set()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    not_cancelled = [i for i in cancelled if not isinstance(outcomes[i], asyncio.CancelledError)]
    wrong_rest = [
        i
        for i, out in enumerate(outcomes)
        if i not in cancelled and (isinstance(out, BaseException) or out[0] != reference)
    ]
    pool_active = [repr(c) for c in _pool_connections(client.pool) if not c.is_idle()]

    journal = await _journal(control, run)
    cancelled_entries = [journal.get(base + i) for i in cancelled]
    server_unaware = [
        i
        for i, e in zip(cancelled, cancelled_entries, strict=True)
        if e is None or not e["disconnected"] or e["completed"]
    ]
    rest_incomplete = [
        i
        for i in range(streams)
        if i not in cancelled and not journal.get(base + i, {}).get("completed")
    ]
    cancelled_peers = {e["connection"] for e in cancelled_entries if e}
    # HTTP/1.1 here (no TLS): one connection per stream, so a cancelled stream's
    # connection is not reused and must be closed.
    cancelled_open = await _still_open(control, cancelled_peers, settle)

    # 3. leaks
    await client.aclose()
    pool_after = [repr(c) for c in _pool_connections(client.pool)]
    await asyncio.sleep(0)
    tasks_left = [repr(t) for t in asyncio.all_tasks() - tasks_before if not t.done()]
    gc.collect()
    fds_after = _fds()
    run_peers = {e["connection"] for e in journal.values() if e["connection"]}
    server_open = await _still_open(control, run_peers, settle)
    peak = _peak_rss_kb()
    return {
        "client": name,
        "streams": streams,
        "events_per_stream": len(reference),
        "p50_ms": _percentile(durations, 50) * 1e3,
        "p99_ms": _percentile(durations, 99) * 1e3,
        "cpu_ms_per_stream": cpu / streams * 1e3 if timed else 0.0,
        "rss_warm_mb": rss_warm / 1024,
        "peak_rss_mb": peak / 1024,
        "peak_over_warm_mb": (peak - rss_warm) / 1024,
        "checks": {
            "timed_streams_not_equal_reference": wrong_timed,
            "cancelled": len(cancelled),
            "cancelled_but_not_cancelled": not_cancelled,
            "uncancelled_not_equal_reference": wrong_rest,
            "cancelled_not_disconnected_on_server": server_unaware,
            "uncancelled_not_completed_on_server": rest_incomplete,
            "cancelled_connections_open_on_server": cancelled_open,
            "pool_active_after_run": pool_active,
            "pool_connections_after_close": pool_after,
            "tasks_left": tasks_left,
            "fds_before": fds_before,
            "fds_after": fds_after,
            "connections_open_on_server_after_close": server_open,
        },
    }


def failures(result: dict[str, Any]) -> list[str]:
    """The checks of one `measure` result that failed (empty when all held)."""
    checks = result["checks"]
    bad = [k for k, v in checks.items() if isinstance(v, list) and v]
    bad += [k for k in ("timed_streams_not_equal_reference",) if checks[k]]
    if checks["fds_after"] > checks["fds_before"]:
        bad.append(f"fds {checks['fds_before']} -> {checks['fds_after']}")
    return bad


# ---------------------------------------------------------------- orchestration


def _spawn(name: str, url: str, streams: int, pace: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, url, "--worker", name, "--streams", str(streams)]
    cmd += ["--pace", str(pace)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise SystemExit(f"worker {name} at {streams} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


async def run(
    url: str, levels: list[int], names: list[str], pace: float, timed: bool = True
) -> dict[str, Any]:
    """Every client at every level: natively a worker process each, in Pyodide in turn.
    Clients rotate between levels, so none always runs first against a fresh fake."""
    out: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": None if IN_PYODIDE else round(os.getloadavg()[0], 2),
        "pace_s": pace,
        "hold_at": HOLD_AT,
        "levels": {},
    }
    for k, streams in enumerate(levels):
        per: dict[str, Any] = {}
        for name in names[k % len(names) :] + names[: k % len(names)]:
            t0 = time.perf_counter()
            if IN_PYODIDE:
                per[name] = await measure(name, url, streams, pace=pace, timed=timed)
            else:
                per[name] = await asyncio.to_thread(_spawn, name, url, streams, pace)
            per[name]["failed"] = failures(per[name])
            took = time.perf_counter() - t0
            print(f"[streams] {name} x{streams}: {took:.1f} s", file=sys.stderr, flush=True)
        out["levels"][str(streams)] = {n: per[n] for n in names}
    return out


def _args(argv: list[str]) -> tuple[str, dict[str, str]]:
    opts = dict(zip(argv[1::2], argv[2::2], strict=False))
    return argv[0], opts


async def main_async(argv: list[str]) -> None:
    """Pyodide (bench/pyodide_main.py): argv = ["bench_streams_load", URL, options...]."""
    url, opts = _args([a for a in argv[1:] if a != "--short"])
    short = "--short" in argv
    levels = [int(x) for x in opts.get("--streams", "10" if short else "50").split(",")]
    names = opts.get("--clients", "floor,ours").split(",")
    pace = 0.0 if short else float(opts.get("--pace", PACE_S))
    result = await run(url, levels, names, pace, timed=opts.get("--timed") != "0")
    print(BEGIN, json.dumps(result), END, sep="\n", flush=True)


def main() -> None:
    url, opts = _args([a for a in sys.argv[1:] if a != "--short"])
    pace = float(opts.get("--pace", PACE_S))
    if "--worker" in opts:
        result = asyncio.run(measure(opts["--worker"], url, int(opts["--streams"]), pace=pace))
        print(json.dumps(result))
        return
    short = "--short" in sys.argv
    levels = [int(x) for x in opts.get("--streams", "20" if short else "100,250,500").split(",")]
    names = opts.get("--clients", "floor,ours,official").split(",")
    result = asyncio.run(run(url, levels, names, 0.0 if short else pace))
    print(BEGIN, json.dumps(result), END, sep="\n", flush=True)


if __name__ == "__main__":
    main()
