"""The benchmark parts that run the same on every target (native CPython, Pyodide on Node,
Pyodide in Chromium) against one running fake server; `scripts/bench.sh` drives them
(bench/run_all.py) and turns their JSON into the table and plots.

    .venv/bin/python bench/suite.py URL --fixtures DIR [--short]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py suite URL --fixtures URL [--short]

Parts (each a key of the JSON printed between BEGIN and END):
- overhead: the five foundation workloads (workloads.py), ours / the official `openai` /
  a raw floor, median wall ms per op (natively and on Node also CPU ms: on Node the whole
  process's, fetch included). The floor is httpx2 + orjson natively, `js.fetch` +
  `pydantic_core.from_json` in Pyodide. The SSE per-chunk cost is workload d divided by its
  114 chunks (in the report).
- ws: bench_ws.py's agent loop over 2, 5 and 10 turns, WebSocket vs HTTP keep-alive.
- realtime: bench_realtime.py, a Realtime text turn vs a Responses WebSocket turn (ms per
  turn and per event, no server latency).
- early_parse: bench_early_parse.py, when the tool starts with and without early parse.
- hedge: 1000 calls at HEDGE_CONCURRENCY in flight under the fake's latency model
  (5% of answers 1.5 s late), unhedged, then hedged: a copy after the unhedged arm's p90
  on that target, at most HEDGE_BUDGET extra copies per call (so that a slow client cannot
  hedge itself into overload); p50, p99, p99.9 and the extra-request rate.
- fan_out: 3 and 10 calls one after the other vs `fan_out` at once, FAN_LATENCY s each.
- tool_runner: bench_tool_runner.py, the Responses tool runner's first tool start and whole
  loop, eager and after the stream, ours vs the official's.
"""

from __future__ import annotations

import asyncio
import json
import math
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fake_server import API_KEY
from workloads import (
    REQUEST_FIXTURE,
    STREAM_FIXTURE,
    Floor,
    SDKRunner,
    ToolCalls,
    Workload,
    floor_tool_calls,
    parse_fixtures,
    workloads,
)

BEGIN = "=== oxide bench begin ==="
END = "=== oxide bench end ==="
IN_PYODIDE = sys.platform == "emscripten"
HEDGE_MODEL = {"median": 0.05, "sigma": 0.25, "tail_p": 0.05, "tail": 1.5, "seed": 12}
# The hedge waits the unhedged p90 seen on the target (client time included), below the 5%
# tail as "The Tail at Scale"'s p95 is below its rarer one.
HEDGE_DELAY_PERCENTILE = 90
HEDGE_BUDGET = 0.1
HEDGE_CONCURRENCY = 10
FAN_LATENCY = 0.05
WS_LATENCY = 0.02


class Control:
    """The fake's control endpoints (at the root, not under /v1), without the SDK."""

    def __init__(self, base_url: str) -> None:
        self.root = base_url.rstrip("/").removesuffix("/v1")

    async def post(self, path: str, body: Any = None) -> None:
        await _fetch(self.root + path, b"" if body is None else json.dumps(body).encode())

    async def latency(self, **model: float) -> None:
        await self.post("/__fake__/latency", model)

    async def get(self, path: str) -> Any:
        return json.loads(await _fetch(self.root + path))


async def _fetch(url: str, data: bytes | None = None) -> bytes:
    """GET (or POST `data`) with the target's own HTTP: urllib natively, js.fetch in Pyodide."""
    if IN_PYODIDE:
        import js
        from pyodide.ffi import to_js

        init: dict[str, Any] = {"method": "GET" if data is None else "POST"}
        if data:
            init["body"] = data.decode()
        resp = await js.fetch(url, to_js(init, dict_converter=js.Object.fromEntries))
        if not resp.ok:
            raise RuntimeError(f"{url} -> {resp.status}")
        return bytes((await resp.arrayBuffer()).to_bytes())
    import urllib.request

    def call() -> bytes:
        req = urllib.request.Request(url, data=data, method="GET" if data is None else "POST")
        with urllib.request.urlopen(req, timeout=60) as resp:
            body: bytes = resp.read()
            return body

    return await asyncio.to_thread(call)


async def _fixture(location: str, rel: str) -> bytes:
    if location.startswith("http"):
        return await _fetch(location.rstrip("/") + "/" + rel)
    with open(f"{location}/{rel}", "rb") as f:
        return f.read()


class JsFetchFloor(Floor):
    """The Pyodide floor: one `js.fetch` per call, `pydantic_core.from_json` on the bytes,
    the same minimal SSE splitter as the native floor."""

    def __init__(self, base_url: str) -> None:
        import js
        from pyodide.ffi import to_js

        self.base = base_url.rstrip("/") + "/"
        headers = {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}
        self._js, self._to_js = js, to_js
        self._headers = to_js(headers, dict_converter=js.Object.fromEntries)

    async def _send(self, path: str, body: dict[str, Any]) -> Any:
        init = {"method": "POST", "headers": self._headers, "body": json.dumps(body)}
        init_js = self._to_js(init, dict_converter=self._js.Object.fromEntries)
        resp = await self._js.fetch(self.base + path, init_js)
        if not resp.ok:
            raise RuntimeError(f"{path} -> {resp.status}")
        return resp

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        from pydantic_core import from_json

        resp = await self._send(path, body)
        return from_json(bytes((await resp.arrayBuffer()).to_bytes()))

    async def stream(self, body: dict[str, Any]) -> ToolCalls:
        from pydantic_core import from_json

        reader = (await self._send("chat/completions", body)).body.getReader()

        async def pieces() -> AsyncIterator[bytes]:
            while not (chunk := await reader.read()).done:
                yield bytes(chunk.value.to_bytes())

        return await floor_tool_calls(pieces(), from_json)

    async def aclose(self) -> None:
        pass


async def load_official() -> None:
    """In Pyodide the official package's wheels are loaded on first use."""
    if IN_PYODIDE:
        import pyodide_js

        await pyodide_js.loadPackage("openai")


async def _official(base_url: str) -> Any:
    """The official async client."""
    await load_official()
    import openai

    return openai.AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=2)


def _floor(base_url: str) -> Any:
    if IN_PYODIDE:
        return JsFetchFloor(base_url)
    from bench_overhead import FloorRunner

    return FloorRunner(base_url + "/")


def _node_process() -> Any:
    """Node's `process` in Pyodide on Node, else None (a page has no CPU clock)."""
    if not IN_PYODIDE:
        return None
    import js

    process = getattr(js, "process", None)
    return process if process is not None and hasattr(process, "cpuUsage") else None


_NODE = _node_process()


def _cpu() -> float:
    """CPU seconds of this process: natively this thread's interpreter; on Node the whole
    process (its fetch and stream code run in the same process), which a loaded machine
    disturbs less than the wall clock."""
    if _NODE is not None:
        usage = _NODE.cpuUsage()
        return (usage.user + usage.system) / 1e6
    return 0.0 if IN_PYODIDE else time.process_time()


async def overhead(
    base_url: str,
    fixtures: str,
    *,
    rounds: Callable[[Workload], tuple[int, int]],
    only: str = "",
) -> dict[str, Any]:
    """The five workloads (or those whose keys are in `only`), each `rounds(w)` = (measured,
    warm-up) rounds of one op per client in rotating order; every result is checked."""
    import gc

    from openai_oxide import AsyncOpenAI

    agent, replay, agent_calls = parse_fixtures(
        await _fixture(fixtures, REQUEST_FIXTURE), await _fixture(fixtures, STREAM_FIXTURE)
    )
    control = Control(base_url)
    ours = AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=2)
    runners: list[Any] = [
        _floor(base_url),
        SDKRunner("ours", ours),
        SDKRunner("official", await _official(base_url)),
    ]
    out: dict[str, Any] = {}
    try:
        for w in workloads(agent):
            if only and w.key not in only:
                continue
            measured, warmup = rounds(w)
            await control.post("/__fake__/reset")
            if w.replay:
                times = (warmup + measured) * len(runners)
                await control.post(
                    "/__fake__/faults",
                    {"replay": replay, "match": "/chat/completions", "times": times},
                )
            wall: dict[str, list[float]] = {r.name: [] for r in runners}
            cpu: dict[str, list[float]] = {r.name: [] for r in runners}
            expected: Any = None
            gc.collect()
            for i in range(warmup + measured):
                shift = i % len(runners)
                for runner in runners[shift:] + runners[:shift]:
                    w0, c0 = time.perf_counter(), _cpu()
                    result = await w.op(runner)
                    c1, w1 = _cpu(), time.perf_counter()
                    expected = result if expected is None else expected
                    if result != expected:
                        raise SystemExit(
                            f"{w.key}: {runner.name} gave another result: {result!r:.300}"
                        )
                    if i >= warmup:
                        wall[runner.name].append(w1 - w0)
                        cpu[runner.name].append(c1 - c0)
            if w.replay and expected != agent_calls:
                raise SystemExit(f"{w.key}: tool calls differ from the recording")
            out[w.key] = {
                "title": w.title,
                "n": measured,
                "wall_ms": {k: statistics.median(v) * 1e3 for k, v in wall.items()},
                "cpu_ms": None
                if IN_PYODIDE and _NODE is None
                else {k: statistics.median(v) * 1e3 for k, v in cpu.items()},
            }
    finally:
        for runner in runners:
            await runner.aclose()
    return out


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): of 1000 samples, p99.9 is the 999th."""
    ranked = sorted(values)
    return ranked[max(1, math.ceil(q / 100 * len(ranked) - 1e-9)) - 1]


async def hedge(base_url: str, short: bool) -> dict[str, Any]:
    from openai_oxide import AsyncOpenAI, Hedger, fan_out, hedged_request

    calls = 40 if short else 1000
    control = Control(base_url)
    out: dict[str, Any] = {"calls": calls, "model": HEDGE_MODEL, "max_extra": HEDGE_BUDGET}
    delay = 0.0
    async with AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=0) as client:
        await client.responses.create(model="gpt-4o", input="warm")
        for arm in ("unhedged", "hedged"):
            await control.post("/__fake__/reset")
            await control.latency(**HEDGE_MODEL)
            hedger = Hedger(max_extra=HEDGE_BUDGET)

            async def one(arm: str = arm, hedger: Hedger = hedger, delay: float = delay) -> float:
                t0 = time.perf_counter()
                call: Callable[[], Awaitable[Any]] = lambda: client.responses.create(  # noqa: E731
                    model="gpt-4o", input="hi"
                )
                if arm == "hedged":
                    await hedged_request(call, delay=delay, hedger=hedger)
                else:
                    await call()
                return time.perf_counter() - t0

            times = await fan_out([one] * calls, limit=HEDGE_CONCURRENCY)
            out[arm] = {
                "p50_ms": _percentile(times, 50) * 1e3,
                "p99_ms": _percentile(times, 99) * 1e3,
                "p99.9_ms": _percentile(times, 99.9) * 1e3,
                "extra_rate": hedger.stats.extra_rate if arm == "hedged" else 0.0,
            }
            delay = _percentile(times, HEDGE_DELAY_PERCENTILE)
    out["delay_s"] = delay
    await control.post("/__fake__/reset")
    return out


async def fan_out_part(base_url: str, short: bool) -> dict[str, Any]:
    from openai_oxide import AsyncOpenAI, fan_out

    rounds = 1 if short else 5
    control = Control(base_url)
    await control.post("/__fake__/reset")
    await control.latency(median=FAN_LATENCY)
    out: dict[str, Any] = {"latency_s": FAN_LATENCY}
    async with AsyncOpenAI(api_key=API_KEY, base_url=base_url) as client:

        def call() -> Awaitable[Any]:
            return client.responses.create(model="gpt-4o", input="hi")

        await fan_out([call] * 10)  # open the pool
        for n in (3, 10):
            seq, par = [], []
            for _ in range(rounds):
                t0 = time.perf_counter()
                for _ in range(n):
                    await call()
                t1 = time.perf_counter()
                results = await fan_out([call] * n, limit=n)
                t2 = time.perf_counter()
                assert len(results) == n
                seq.append(t1 - t0)
                par.append(t2 - t1)
            out[str(n)] = {
                "sequential_ms": statistics.median(seq) * 1e3,
                "fan_out_ms": statistics.median(par) * 1e3,
            }
    await control.post("/__fake__/reset")
    return out


async def ws(base_url: str, short: bool) -> dict[str, Any]:
    import bench_ws

    control = Control(base_url)
    await control.post("/__fake__/reset")
    await control.latency(median=WS_LATENCY)
    try:
        results = await bench_ws.run(base_url, 1 if short else 5, WS_LATENCY, (2, 5, 10))
    finally:
        await control.post("/__fake__/reset")
    return {str(k): v for k, v in results.items()}


async def realtime(base_url: str, short: bool) -> dict[str, Any]:
    import bench_realtime

    await Control(base_url).post("/__fake__/reset")
    return await bench_realtime.run(base_url, 10 if short else 50)


async def early_parse(base_url: str, short: bool) -> dict[str, float]:
    import bench_early_parse

    return await bench_early_parse.run(base_url, 1 if short else 3, 0.01 if short else 0.1)


async def tool_runner(base_url: str, short: bool) -> dict[str, float]:
    import bench_tool_runner

    await load_official()
    if short:  # one round, a first turn of ~40 events 5 ms apart: 2-4 s a target
        return await bench_tool_runner.run(base_url, 1, gap=0.005)
    return await bench_tool_runner.run(base_url, 5)


def platform() -> dict[str, Any]:
    facts: dict[str, Any] = {"python": sys.version.split()[0], "platform": sys.platform}
    if IN_PYODIDE:
        import js

        facts["host"] = str(js.navigator.userAgent) if hasattr(js, "navigator") else "node"
    return facts


async def run(base_url: str, fixtures: str, *, short: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"platform": platform(), "short": short}

    def overhead_rounds(w: Workload) -> tuple[int, int]:
        return (1, 1) if short else (w.quick_rounds, 3)

    parts: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        ("overhead", lambda: overhead(base_url, fixtures, rounds=overhead_rounds)),
        ("ws", lambda: ws(base_url, short)),
        ("realtime", lambda: realtime(base_url, short)),
        ("early_parse", lambda: early_parse(base_url, short)),
        ("hedge", lambda: hedge(base_url, short)),
        ("fan_out", lambda: fan_out_part(base_url, short)),
        ("tool_runner", lambda: tool_runner(base_url, short)),
    ]
    for name, part in parts:
        t0 = time.perf_counter()
        result[name] = await part()
        print(f"[suite] {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return result


def _args(argv: list[str]) -> tuple[str, str, bool]:
    url = argv[0]
    fixtures = argv[argv.index("--fixtures") + 1]
    return url, fixtures, "--short" in argv


async def main_async(argv: list[str]) -> None:
    """Pyodide (bench/pyodide_main.py): argv = ["suite", URL, "--fixtures", ..., flags]."""
    url, fixtures, short = _args(argv[1:])
    result = await run(url, fixtures, short=short)
    print(BEGIN, json.dumps(result), END, sep="\n", flush=True)


if __name__ == "__main__":
    url, fixtures, short = _args(sys.argv[1:])
    result = asyncio.run(run(url, fixtures, short=short))
    print(BEGIN, json.dumps(result), END, sep="\n", flush=True)
