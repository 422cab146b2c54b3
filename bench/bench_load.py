"""Client cost under concurrency: CPU per call at 1 to 1,000 calls in flight, and memory
per open stream, for openai_oxide, the official `openai` package and a raw httpx2 floor.

Run: `.venv/bin/python bench/bench_load.py [--runs 3] [--levels 1,16,50,200,1000]
[--modes plain,sse] [--mem 500,5000] [--json PATH]`.

One fake server (`python -m openai_oxide.testing`) runs in its own process, and every
measurement runs in a fresh worker process of its own (`--worker CLIENT`), so each
client has its own GIL, heap and pool, and no client pays another's import or GC debt.

CPU: at each level L, L tasks share a queue of max(--calls, 2*L) tiny `responses.create`
calls (plain: JSON answer parsed; sse: `stream=True`, every event parsed), so L calls stay
in flight until the queue runs dry. One warm-up wave of L calls opens the pool first.
The figure is the worker's `time.process_time()` (all its threads) over the measured
calls, divided by their number: the client's own cost, since the server is elsewhere.
Beside it, the connections each worker opened (the fake's count of accepted connections).

Memory: N streams are opened, at most OPENING at a time (the fake sends one event, then
stalls each until the client leaves); once every stream has its first event, the worker's RSS
(/proc/self/statm, after gc) minus its RSS before opening them, divided by N. RSS is
what the OS charges (Python objects, SSL/h11 buffers, allocator slack), which
tracemalloc would not see. The pool limit is raised to N for every client, since the
default of 1,000 connections cannot hold 5,000 streams open.

Per run, the client order rotates; the report gives the median over runs (and the
min), and ratios are taken within each run, then their median, so machine noise that
hits one run hits every client alike.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from fake_server import API_KEY, start_server

REPO = Path(__file__).resolve().parent.parent
BODY: dict[str, Any] = {"model": "gpt-4.1-mini", "input": "Say hello"}
STALL = json.dumps({"stall_after_events": 1})
# `ours-before` runs our SDK from another checkout (e.g. `git archive main pkg`), so a
# change and the code before it are measured in the same run.
BEFORE = os.environ.get("BENCH_BEFORE_PKG")


# ---------------------------------------------------------------- worker side


# Idle connections each client's pool keeps (the official's 100 by default), the same for
# every client: at more calls in flight than this, a burst's end closes the surplus and the
# next burst opens it again (the connection counts show it). BENCH_KEEPALIVE=1000 keeps all.
KEEPALIVE = int(os.environ.get("BENCH_KEEPALIVE", "100"))
# The fake's idle timeout: long enough that at 1,000 in flight it does not drop connections
# whose request it has not read yet (hypercorn's 5 s did), not longer: hypercorn holds a
# connection's socket until this timer ends even after the client closed it, so at 300 s
# the sockets of earlier workers piled up to the fake's 20,000 open files.
KEEP_ALIVE = 30.0
# Generous timeouts for every client: under load the fake (one hypercorn process) is
# slow to accept, and the official's 5 s connect timeout would fail calls, not slow them.
TIMEOUT = 600.0
# A connection the fake drops under load is retried with the SDKs' backoff, so no
# client fails a level (the fake's accept backlog is 4096 since it reset connections
# at 1,000 in flight with hypercorn's default of 100).
RETRIES = 5


def _ours(url: str, limit: int) -> Any:
    import openai_oxide

    timeout = openai_oxide.Timeout(connect=TIMEOUT, read=TIMEOUT)

    try:
        from openai_oxide import DefaultAsyncHttpxClient  # type: ignore[attr-defined]
    except ImportError:  # the code before httpx2: only a transport could set the pool
        from openai_oxide import NativeTransport

        transport = NativeTransport(max_connections=limit, max_keepalive_connections=KEEPALIVE)
        return openai_oxide.AsyncOpenAI(
            api_key=API_KEY,
            base_url=url,
            transport=transport,
            timeout=timeout,
            max_retries=RETRIES,
        )
    import httpx2

    limits = httpx2.Limits(max_connections=limit, max_keepalive_connections=KEEPALIVE)
    http = DefaultAsyncHttpxClient(limits=limits)
    return openai_oxide.AsyncOpenAI(
        api_key=API_KEY, base_url=url, http_client=http, timeout=timeout, max_retries=RETRIES
    )


def _official(url: str, limit: int) -> Any:
    import httpx2
    import openai

    limits = httpx2.Limits(max_connections=limit, max_keepalive_connections=KEEPALIVE)
    http = openai.DefaultAsyncHttpxClient(limits=limits, timeout=httpx2.Timeout(TIMEOUT))
    return openai.AsyncOpenAI(api_key=API_KEY, base_url=url, http_client=http, max_retries=RETRIES)


class SDK:
    def __init__(self, client: Any) -> None:
        self.client = client

    async def plain(self) -> int:
        response = await self.client.responses.create(**BODY)
        return len(response.output_text)

    async def sse(self) -> int:
        n = 0
        async for _event in await self.client.responses.create(**BODY, stream=True):
            n += 1
        return n

    async def hold(self, opened: asyncio.Event, release: asyncio.Event) -> int:
        stream = await _reopened(self._open_stream)
        opened.set()
        await release.wait()
        await stream.close()
        return 1

    async def _open_stream(self) -> Any:
        stream = await self.client.responses.create(
            **BODY, stream=True, extra_headers={"x-fake-fault": STALL}
        )
        try:
            await anext(aiter(stream))
        except BaseException:
            await stream.close()
            raise
        return stream

    async def aclose(self) -> None:
        await self.client.close()


# While thousands of streams open, the fake (one process) falls seconds behind, and
# hypercorn closes a new connection whose request it has not read within its keep-alive
# timeout (5 s by default, `tcp_server._idle_timeout`; KEEP_ALIVE here): at 5,000 streams
# that outlasted the SDKs' own retries of the request. A stream that failed to open is
# opened again: the measure is of streams held, not of the fake.
REOPENS = 10


async def _reopened(open_stream: Any) -> Any:
    for attempt in range(REOPENS + 1):
        try:
            return await open_stream()
        except Exception as exc:
            if attempt == REOPENS or not _dropped(exc):
                raise
            await asyncio.sleep(1.0)
    raise AssertionError


def _dropped(exc: Exception) -> bool:
    """A connection failure: either SDK's APIConnectionError (by name: importing the other
    SDK would add to the RSS measured), or httpx2's for the floor."""
    import httpx2

    names = {c.__name__ for c in type(exc).__mro__}
    return "APIConnectionError" in names or isinstance(exc, httpx2.TransportError)


class Floor:
    """No SDK: one httpx2 client with the official's limits, orjson both ways. Like the
    SDKs (max_retries=2), it retries a call whose connection failed: under load the
    fake may close an idle keep-alive connection just as a request goes out."""

    def __init__(self, url: str, limit: int) -> None:
        import httpx2
        import orjson

        self.loads, self.content = orjson.loads, orjson.dumps(BODY)
        self.http = httpx2.AsyncClient(
            base_url=url + "/",
            headers={"authorization": f"Bearer {API_KEY}", "content-type": "application/json"},
            timeout=TIMEOUT,
            limits=httpx2.Limits(max_connections=limit, max_keepalive_connections=KEEPALIVE),
        )

    async def plain(self) -> int:
        return await self._retried(self._plain)

    async def sse(self) -> int:
        return await self._retried(self._sse)

    async def _retried(self, op: Any) -> Any:
        import httpx2

        for attempt in range(RETRIES + 1):  # the SDKs' backoff: 0.5 s doubling
            try:
                return await op()
            except httpx2.TransportError:
                if attempt == RETRIES:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise AssertionError

    async def _plain(self) -> int:
        response = await self.http.post("responses", content=self.content)
        response.raise_for_status()
        data = self.loads(response.content)
        return sum(
            len(part["text"])
            for item in data["output"]
            if item["type"] == "message"
            for part in item["content"]
            if part["type"] == "output_text"
        )

    async def _events(self, headers: dict[str, str] | None = None) -> Any:
        body = {**BODY, "stream": True}
        async with self.http.stream(
            "POST", "responses", content=json.dumps(body), headers=headers
        ) as response:
            response.raise_for_status()
            rest = b""
            async for piece in response.aiter_bytes():
                *lines, rest = (rest + piece).split(b"\n")
                for line in lines:
                    if line.startswith(b"data:"):
                        yield self.loads(line[5:])

    async def _sse(self) -> int:
        return sum([1 async for _ in self._events()])

    async def hold(self, opened: asyncio.Event, release: asyncio.Event) -> int:
        async def open_stream() -> Any:
            events = aiter(self._events({"x-fake-fault": STALL}))
            await anext(events)
            return events

        events = await _reopened(lambda: self._retried(open_stream))
        opened.set()
        await release.wait()
        await events.aclose()  # type: ignore[attr-defined]
        return 1

    async def aclose(self) -> None:
        await self.http.aclose()


def _client(name: str, url: str, limit: int) -> SDK | Floor:
    if name == "floor":
        return Floor(url, limit)
    return SDK(_official(url, limit) if name == "official" else _ours(url, limit))


async def _cpu(name: str, url: str, mode: str, level: int, calls: int) -> dict[str, Any]:
    runner = _client(name, url, max(1000, level))
    op = runner.plain if mode == "plain" else runner.sse
    results: list[int] = []

    async def drain(queue: list[int]) -> None:
        while queue:
            queue.pop()
            results.append(await op())

    async def wave(n: int) -> None:
        queue = list(range(n))
        await asyncio.gather(*(drain(queue) for _ in range(min(level, n))))

    await wave(level)  # warm-up: opens the pool, fills caches
    results.clear()
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    await wave(calls)
    c1, w1 = time.process_time(), time.perf_counter()
    await runner.aclose()
    if len(results) != calls or len(set(results)) != 1 or not results[0]:
        sys.exit(f"{name}: inconsistent results {sorted(set(results))[:5]}")
    cpu_ms = (c1 - c0) / calls * 1e3
    return {"cpu_ms": cpu_ms, "wall_s": w1 - w0, "calls": calls, "check": results[0]}


# Streams opened at once by the memory measure: 5,000 connections opened together
# overflowed the fake's accept backlog past every client's retries.
OPENING = 100


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def _memory(name: str, url: str, streams: int) -> dict[str, Any]:
    runner = _client(name, url, streams)
    await runner.sse()  # warm: imports, first connection, caches
    gc.collect()
    before = _rss()
    release = asyncio.Event()
    opened = [asyncio.Event() for _ in range(streams)]
    gate = asyncio.Semaphore(OPENING)

    async def hold(ev: asyncio.Event) -> int:
        # At most OPENING streams are being opened at a time; open ones stay open.
        async with gate:
            task = asyncio.ensure_future(runner.hold(ev, release))
            await asyncio.wait(
                [task, asyncio.ensure_future(ev.wait())], return_when="FIRST_COMPLETED"
            )
        return await task

    tasks = [asyncio.ensure_future(hold(ev)) for ev in opened]
    waiting = asyncio.ensure_future(asyncio.gather(*(ev.wait() for ev in opened)))
    done, _ = await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if not waiting.done():  # a stream ended before the rest opened: it failed
        sys.exit(f"{name}: a stream failed to open: {next(iter(done)).exception()!r}")
    gc.collect()
    after = _rss()
    release.set()
    await asyncio.gather(*tasks)
    await runner.aclose()
    return {"kb_per_stream": (after - before) / streams / 1024, "streams": streams}


def _worker(args: argparse.Namespace) -> None:
    if args.streams:
        out = asyncio.run(_memory(args.worker, args.url, args.streams))
    else:
        out = asyncio.run(_cpu(args.worker, args.url, args.mode, args.level, args.calls))
    print(json.dumps(out))


# ---------------------------------------------------------------- orchestrator side


def _accepted(url: str) -> int:
    """The connections the fake has accepted so far, this query's own included."""
    root = url.removesuffix("/v1")
    with urllib.request.urlopen(f"{root}/__fake__/connections", timeout=60) as resp:
        count: int = json.load(resp)["accepted"]
    return count


def _spawn(name: str, url: str, extra: list[str]) -> dict[str, Any]:
    env = dict(os.environ)
    if name == "ours-before":
        assert BEFORE, "set BENCH_BEFORE_PKG to the pkg/ folder of the code before"
        env["PYTHONPATH"] = BEFORE
    worker = "ours" if name == "ours-before" else name
    cmd = [sys.executable, __file__, "--worker", worker, "--url", url, *extra]
    # 5,000 streams on a loaded machine can take longer than the default 15 min.
    limit = float(os.environ.get("BENCH_WORKER_TIMEOUT", "900"))
    before = _accepted(url)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=limit)
    if proc.returncode != 0:
        sys.exit(f"worker {name} {extra} failed:\n{proc.stderr[-2000:]}{proc.stdout[-500:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    # Connections the worker opened (warm-up included); the second query's own left out.
    result["connections"] = _accepted(url) - before - 1
    return result


def _table(title: str, key: str, rows: dict[str, dict[str, list[float]]], names: list[str]) -> None:
    print(f"\n{title}")
    head = "".join(f"{n:>22}" for n in names)
    print(f"  {'level':<8}{head}")
    for level, per in rows.items():
        cells = ""
        for n in names:
            vals = per.get(n, [])
            cells += f"{statistics.median(vals):>12.3f} ({min(vals):6.3f})" if vals else f"{'':>22}"
        print(f"  {level:<8}{cells}")
    print(f"  ({key}: median over runs, min in brackets)")


def _ratios(rows: dict[str, dict[str, list[float]]], names: list[str]) -> None:
    pairs = [(a, b) for a in names for b in ("floor", "official") if a != b and b in names]
    if "ours" in names and "ours-before" in names:
        pairs.append(("ours", "ours-before"))  # a change against the code before it
    if not pairs:
        return
    print("  ratios (median over runs of the ratio within each run):")
    for level, per in rows.items():
        parts = []
        for a, b in pairs:
            if per.get(a) and per.get(b):
                r = [x / y for x, y in zip(per[a], per[b], strict=True)]
                parts.append(f"{a}/{b} {statistics.median(r):5.2f}x")
        print(f"  {level:<8}" + "  ".join(parts))


def main(args: argparse.Namespace) -> None:
    names = args.clients.split(",")
    proc, url = start_server(keep_alive=KEEP_ALIVE)
    print(f"fake server {url}; load {os.getloadavg()[0]:.2f}; clients {names}", flush=True)
    results: dict[str, Any] = {"runs": args.runs, "cpu": {}, "memory": {}}
    try:
        for mode in filter(None, args.modes.split(",")):
            rows: dict[str, dict[str, list[float]]] = {}
            for level in (int(x) for x in args.levels.split(",")):
                calls = max(args.calls, 2 * level)
                per: dict[str, list[float]] = rows.setdefault(str(level), {})
                conns: dict[str, list[int]] = {}
                for run in range(args.runs):
                    shift = run % len(names)
                    for name in names[shift:] + names[:shift]:
                        args_ = ["--mode", mode, "--level", str(level), "--calls", str(calls)]
                        out = _spawn(name, url, args_)
                        per.setdefault(name, []).append(out["cpu_ms"])
                        conns.setdefault(name, []).append(out["connections"])
                print(  # connections opened per run: reconnects show against the level
                    f"  {mode} {level} (load {os.getloadavg()[0]:.1f}): "
                    + "  ".join(
                        f"{n} {statistics.median(v):.3f} ({'/'.join(map(str, conns[n]))} conn)"
                        for n, v in per.items()
                    ),
                    flush=True,
                )
            _table(f"client CPU ms per call, {mode}", "cpu ms/call", rows, names)
            _ratios(rows, names)
            results["cpu"][mode] = rows
        mem_rows: dict[str, dict[str, list[float]]] = {}
        for streams in (int(x) for x in filter(None, args.mem.split(","))):
            per = mem_rows.setdefault(str(streams), {})
            for run in range(args.runs):
                shift = run % len(names)
                for name in names[shift:] + names[:shift]:
                    out = _spawn(name, url, ["--streams", str(streams)])
                    per.setdefault(name, []).append(out["kb_per_stream"])
            print(  # as it goes: a later count may fail or outlast the session
                f"  memory {streams}: "
                + "  ".join(f"{n} {statistics.median(v):.1f} KB" for n, v in per.items()),
                flush=True,
            )
        if mem_rows:
            _table("RSS KB per open stream", "KB/stream", mem_rows, names)
            _ratios(mem_rows, names)
            results["memory"] = mem_rows
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"load {os.getloadavg()[0]:.2f} at the end")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--levels", default="1,16,50,200,1000")
    parser.add_argument("--calls", type=int, default=1000, help="calls per level (at least)")
    parser.add_argument("--modes", default="plain,sse")
    parser.add_argument("--mem", default="500,5000", help="concurrent streams ('' to skip)")
    parser.add_argument("--clients", default="floor,ours,official")
    parser.add_argument("--json", metavar="PATH")
    # worker side
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="plain", help=argparse.SUPPRESS)
    parser.add_argument("--level", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--streams", type=int, default=0, help=argparse.SUPPRESS)
    started = time.perf_counter()
    parsed = parser.parse_args()
    if parsed.worker:
        _worker(parsed)
    else:
        main(parsed)
        print(f"total {time.perf_counter() - started:.1f} s")
