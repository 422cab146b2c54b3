"""Client overhead: openai_oxide vs the official `openai` SDK vs a raw httpx2+orjson floor.

Run: `.venv/bin/python bench/bench_overhead.py [--quick] [--json PATH]`.

One fake server (`python -m openai_oxide.testing`) runs in a separate process, so its CPU
does not share our GIL. Per round, every client does one op of the workload (the start
of the order rotates each round to share machine noise and GC debt). Each op reports wall
time and this process's CPU time (`time.process_time`); the CPU time is the client's own
cost, since the server is elsewhere. Every op's result is checked against the others, so a
client that skips work cannot look fast. Fixtures are read from ../shared at run time.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import openai
import orjson
from fake_server import API_KEY, start_server

import openai_oxide

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO.parent / "shared" / "fixtures" / "agent-session"
MODEL = "gpt-4.1-mini"
TINY: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Say hello"}]}
ToolCalls = list[tuple[str, str, str]]  # (id, name, joined arguments) by index


def _catalog_schema(items: int) -> dict[str, Any]:
    """A strict json_schema whose deterministic instance is ~5 KB with `items` entries."""
    text = {"type": "string"}
    entry = {
        "type": "object",
        "properties": {
            "sku": {"type": "string", "format": "uuid"},
            "title": text,
            "city": text,
            "note": text,
            "price": {"type": "number"},
            "stock": {"type": "integer"},
            "active": {"type": "boolean"},
            "tags": {"type": "array", "items": text, "minItems": 3},
        },
        "required": ["sku", "title", "city", "note", "price", "stock", "active", "tags"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"items": {"type": "array", "items": entry, "minItems": items}},
        "required": ["items"],
        "additionalProperties": False,
    }


STRUCTURED: dict[str, Any] = {
    "model": MODEL,
    "input": "List the catalog.",
    "store": False,
    "text": {
        "format": {
            "type": "json_schema",
            "name": "catalog",
            "strict": True,
            "schema": _catalog_schema(27),
        }
    },
}


def _join(calls: dict[int, list[str]], index: int, id_: Any, name: Any, args: Any) -> None:
    entry = calls.setdefault(index, ["", "", ""])
    entry[0] = id_ or entry[0]
    entry[1] = name or entry[1]
    entry[2] += args or ""


def _ordered(calls: dict[int, list[str]]) -> ToolCalls:
    return [(c[0], c[1], c[2]) for _, c in sorted(calls.items())]


class SDKRunner:
    """Ours and the official client: same names, same calls."""

    def __init__(self, name: str, client: Any) -> None:
        self.name = name
        self.client = client

    async def tiny(self) -> str:
        completion = await self.client.chat.completions.create(**TINY)
        return str(completion.choices[0].message.content)

    async def structured(self) -> str:
        response = await self.client.responses.create(**STRUCTURED)
        return str(response.output_text)

    async def stream(self, body: dict[str, Any]) -> ToolCalls:
        calls: dict[int, list[str]] = {}
        stream = await self.client.chat.completions.create(**body)
        async for chunk in stream:
            for choice in chunk.choices:
                for tc in (choice.delta and choice.delta.tool_calls) or ():
                    fn = tc.function
                    _join(calls, tc.index, tc.id, fn and fn.name, fn and fn.arguments)
        return _ordered(calls)

    async def aclose(self) -> None:
        await self.client.close()


class FloorRunner:
    """No SDK: one keep-alive httpx2 client (the official SDK's HTTP library), orjson both
    ways, a minimal SSE line splitter."""

    name = "floor"

    def __init__(self, base_url: str) -> None:
        headers = {"authorization": f"Bearer {API_KEY}", "content-type": "application/json"}
        self.http = httpx2.AsyncClient(base_url=base_url, headers=headers, timeout=120)

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(path, content=orjson.dumps(body))
        response.raise_for_status()
        return orjson.loads(response.content)

    async def tiny(self) -> str:
        data = await self._post("chat/completions", TINY)
        return str(data["choices"][0]["message"]["content"])

    async def structured(self) -> str:
        data = await self._post("responses", STRUCTURED)
        return "".join(
            part["text"]
            for item in data["output"]
            if item["type"] == "message"
            for part in item["content"]
            if part["type"] == "output_text"
        )

    async def stream(self, body: dict[str, Any]) -> ToolCalls:
        calls: dict[int, list[str]] = {}
        content = orjson.dumps(body)
        async with self.http.stream("POST", "chat/completions", content=content) as response:
            response.raise_for_status()
            rest = b""
            async for piece in response.aiter_bytes():
                *lines, rest = (rest + piece).split(b"\n")
                for line in lines:
                    if not line.startswith(b"data:") or line[5:].strip() == b"[DONE]":
                        continue
                    for choice in orjson.loads(line[5:]).get("choices") or ():
                        for tc in choice.get("delta", {}).get("tool_calls") or ():
                            fn = tc.get("function") or {}
                            _join(
                                calls,
                                tc["index"],
                                tc.get("id"),
                                fn.get("name"),
                                fn.get("arguments"),
                            )
        return _ordered(calls)

    async def aclose(self) -> None:
        await self.http.aclose()


Runner = SDKRunner | FloorRunner


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    rounds: int
    quick_rounds: int
    op: Callable[[Runner], Awaitable[Any]]
    replay: bool = False


def _workloads(agent: dict[str, Any]) -> list[Workload]:
    small_stream = {**TINY, "stream": True}

    async def twenty(runner: Runner) -> list[str]:
        return [await runner.tiny() for _ in range(20)]

    return [
        Workload("a", "tiny chat.completions.create", 1000, 100, lambda r: r.tiny()),
        Workload("b", "~5 KB structured responses.create", 1000, 100, lambda r: r.structured()),
        Workload(
            "c", "699 KB agent request, 114-chunk stream", 100, 10, lambda r: r.stream(agent), True
        ),
        Workload(
            "d", "114-chunk stream, small request", 400, 40, lambda r: r.stream(small_stream), True
        ),
        Workload("e", "20 sequential tiny calls", 100, 10, twenty),
    ]


@dataclass
class Stats:
    wall: list[float]
    cpu: list[float]

    def summary(self) -> dict[str, float]:
        return {
            "wall_ms": statistics.median(self.wall) * 1e3,
            "cpu_ms": statistics.median(self.cpu) * 1e3,
            "n": len(self.wall),
        }


async def _run_workload(
    w: Workload, runners: list[Runner], rounds: int, warmup: int, control: httpx2.AsyncClient
) -> dict[str, Stats]:
    await control.post("/__fake__/reset")
    if w.replay:
        times = (warmup + rounds) * len(runners)
        fault = {"replay": REPLAY, "match": "/chat/completions", "times": times}
        (await control.post("/__fake__/faults", content=orjson.dumps(fault))).raise_for_status()
    stats = {r.name: Stats([], []) for r in runners}
    expected: Any = None
    gc.collect()
    for i in range(warmup + rounds):
        shift = i % len(runners)
        for runner in runners[shift:] + runners[:shift]:
            w0, c0 = time.perf_counter(), time.process_time()
            result = await w.op(runner)
            c1, w1 = time.process_time(), time.perf_counter()
            if expected is None:
                expected = result
            elif result != expected:
                sys.exit(f"{w.key}: {runner.name} returned a different result:\n{result!r:.300}")
            if i >= warmup:
                stats[runner.name].wall.append(w1 - w0)
                stats[runner.name].cpu.append(c1 - c0)
    if w.replay and expected != AGENT_CALLS:
        sys.exit(f"{w.key}: tool calls differ from the recording: {expected!r:.300}")
    return stats


def _ratio(a: float, b: float) -> str:
    return f"{a / b:5.2f}x" if b else "  n/a"


def _print(w: Workload, summary: dict[str, dict[str, float]]) -> None:
    n = int(summary["floor"]["n"])
    print(f"\n{w.key}. {w.title}  (median of {n})")
    print(f"  {'client':<10}{'wall ms/op':>12}{'cpu ms/op':>12}")
    for name, s in summary.items():
        print(f"  {name:<10}{s['wall_ms']:>12.3f}{s['cpu_ms']:>12.3f}")
    ours, official, floor = summary["ours"], summary["official"], summary["floor"]
    for kind in ("cpu_ms", "wall_ms"):
        print(
            f"  {kind[:-3]:<5} ours/floor {_ratio(ours[kind], floor[kind])}"
            f"  official/floor {_ratio(official[kind], floor[kind])}"
            f"  official/ours {_ratio(official[kind], ours[kind])}"
        )


def _load_fixtures() -> tuple[dict[str, Any], str, ToolCalls]:
    agent = orjson.loads((FIXTURES / "request-320-messages.json").read_bytes())
    recorded = orjson.loads((FIXTURES / "chat-stream-114-chunks.json").read_bytes())
    chunks = recorded["streamed_data"]
    replay = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    calls: dict[int, list[str]] = {}
    for chunk in chunks:
        for choice in chunk["choices"]:
            for tc in choice["delta"].get("tool_calls") or ():
                fn = tc.get("function") or {}
                _join(calls, tc["index"], tc.get("id"), fn.get("name"), fn.get("arguments"))
    return agent, replay, _ordered(calls)


AGENT, REPLAY, AGENT_CALLS = _load_fixtures()


async def main(args: argparse.Namespace) -> None:
    proc, base_url = start_server()
    root = base_url.removesuffix("/v1")
    control = httpx2.AsyncClient(base_url=root)
    runners: list[Runner] = [
        FloorRunner(base_url + "/"),
        SDKRunner(
            "ours", openai_oxide.AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=2)
        ),
        SDKRunner(
            "official", openai.AsyncOpenAI(api_key=API_KEY, base_url=base_url, max_retries=2)
        ),
    ]
    warmup = 3 if args.quick else 10
    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "openai": openai.__version__,
        "httpx2": httpx2.__version__,
        "quick": args.quick,
        "workloads": {},
    }
    try:
        print(f"fake server {base_url} (separate process); cpu = this process's CPU time")
        for w in _workloads(AGENT):
            if args.only and w.key not in args.only:
                continue
            rounds = w.quick_rounds if args.quick else w.rounds
            stats = await _run_workload(w, runners, rounds, warmup, control)
            summary = {name: stats[name].summary() for name in ("ours", "official", "floor")}
            _print(w, summary)
            results["workloads"][w.key] = {"title": w.title, "clients": summary}
    finally:
        for runner in runners:
            await runner.aclose()
        await control.aclose()
        proc.terminate()
        proc.wait(timeout=10)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few iterations (< 30 s)")
    parser.add_argument("--json", metavar="PATH", help="write the results as JSON")
    parser.add_argument("--only", default="", help="workload keys to run, e.g. 'ac'")
    started = time.perf_counter()
    asyncio.run(main(parser.parse_args()))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
