"""Sync vs async: what the sync `OpenAI` client costs over the `AsyncOpenAI` it drives.

Run: `.venv/bin/python bench/bench_sync.py [--quick] [--json PATH]`.

The fake server runs in a process of its own. Each round makes one async call (awaited
in this thread's loop) and one sync call (from the same thread, as a notebook cell would:
the sync client runs its own loop in this thread meanwhile), alternating which goes
first. A block of rounds gives the medians and their ratio; several blocks (`--blocks`)
show the spread, each with the load average beside it, and the median ratio is reported. The
CPU time is this process's (`time.process_time`, every thread), so the loop thread's work
and the hand-over between threads are counted. Workloads: a tiny `chat.completions.create`
and the recorded 114-chunk chat stream (fixtures read from ../shared at run time); the
results of both clients are compared every round.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx2
import orjson
from fake_server import API_KEY, start_server

import openai_oxide

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "agent-session"
TINY: dict[str, Any] = {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]}
STREAM: dict[str, Any] = {**TINY, "stream": True}


def _arguments(chunks: list[Any]) -> tuple[int, str]:
    """The chunk count and the joined tool-call arguments: what both clients must agree on."""
    text = "".join(
        tc.function.arguments or ""
        for chunk in chunks
        for choice in chunk.choices
        for tc in (choice.delta.tool_calls or ())
        if tc.function
    )
    return len(chunks), text


async def _async_tiny(client: openai_oxide.AsyncOpenAI) -> Any:
    completion = await client.chat.completions.create(**TINY)
    return completion.choices[0].message.content


def _sync_tiny(client: openai_oxide.OpenAI) -> Any:
    return client.chat.completions.create(**TINY).choices[0].message.content


async def _async_stream(client: openai_oxide.AsyncOpenAI) -> Any:
    return _arguments([chunk async for chunk in await client.chat.completions.create(**STREAM)])


def _sync_stream(client: openai_oxide.OpenAI) -> Any:
    return _arguments(list(client.chat.completions.create(**STREAM)))


WORKLOADS: dict[str, tuple[str, int, Callable[..., Awaitable[Any]], Callable[..., Any]]] = {
    "a": ("tiny chat.completions.create", 400, _async_tiny, _sync_tiny),
    "b": ("114-chunk chat stream", 100, _async_stream, _sync_stream),
}


def _measure(op: Callable[[Any], Any], client: Any) -> tuple[float, float, Any]:
    w0, c0 = time.perf_counter(), time.process_time()
    result = op(client)
    return time.process_time() - c0, time.perf_counter() - w0, result


async def _measure_async(
    op: Callable[[Any], Awaitable[Any]], client: Any
) -> tuple[float, float, Any]:
    w0, c0 = time.perf_counter(), time.process_time()
    result = await op(client)
    return time.process_time() - c0, time.perf_counter() - w0, result


async def _block(
    aclient: openai_oxide.AsyncOpenAI,
    sclient: openai_oxide.OpenAI,
    key: str,
    run_async: Callable[..., Awaitable[Any]],
    run_sync: Callable[..., Any],
    rounds: int,
    warmup: int,
) -> dict[str, Any]:
    """Paired rounds, alternating which client goes first; the medians and their ratio."""
    cpu: dict[str, list[float]] = {"async": [], "sync": []}
    wall: dict[str, list[float]] = {"async": [], "sync": []}
    gc.collect()
    for i in range(warmup + rounds):
        order = ("async", "sync") if i % 2 else ("sync", "async")
        results = {}
        for kind in order:
            if kind == "async":
                c, w, results[kind] = await _measure_async(run_async, aclient)
            else:
                c, w, results[kind] = _measure(run_sync, sclient)
            if i >= warmup:
                cpu[kind].append(c)
                wall[kind].append(w)
        if results["async"] != results["sync"]:
            sys.exit(f"{key}: sync and async results differ: {results!r:.300}")
    summary: dict[str, Any] = {
        kind: {
            "cpu_ms": statistics.median(cpu[kind]) * 1e3,
            "wall_ms": statistics.median(wall[kind]) * 1e3,
        }
        for kind in cpu
    }
    summary["sync_over_async_cpu"] = summary["sync"]["cpu_ms"] / summary["async"]["cpu_ms"]
    summary["load"] = os.getloadavg()[0]
    return summary


async def main(args: argparse.Namespace) -> None:
    proc, base_url = start_server()
    control = httpx2.AsyncClient(base_url=base_url.removesuffix("/v1"))
    chunks = orjson.loads((FIXTURES / "chat-stream-114-chunks.json").read_bytes())
    replay = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks["streamed_data"])
    aclient = openai_oxide.AsyncOpenAI(api_key=API_KEY, base_url=base_url)
    sclient = openai_oxide.OpenAI(api_key=API_KEY, base_url=base_url)
    out: dict[str, Any] = {"python": sys.version.split()[0], "workloads": {}}
    print(
        f"fake server {base_url}; cpu = this process's CPU time (all threads), median; "
        f"load = 1-minute load average on {os.cpu_count()} cores"
    )
    try:
        for key, (title, rounds, run_async, run_sync) in WORKLOADS.items():
            if args.only and key not in args.only:
                continue
            rounds = rounds // 10 if args.quick else rounds
            warmup = 10
            await control.post("/__fake__/reset")
            if key == "b":
                fault = {"replay": replay + "data: [DONE]\n\n", "match": "/chat/completions"}
                fault["times"] = 2 * (rounds + warmup) * args.blocks
                (await control.post("/__fake__/faults", json=fault)).raise_for_status()
            blocks = []
            for block in range(args.blocks):
                summary = await _block(aclient, sclient, key, run_async, run_sync, rounds, warmup)
                blocks.append(summary)
                s, a = summary["sync"], summary["async"]
                print(
                    f"{key}. {title} block {block + 1}/{args.blocks} (median of {rounds}): "
                    f"async {a['cpu_ms']:.3f} ms, sync {s['cpu_ms']:.3f} ms cpu, "
                    f"sync/async {summary['sync_over_async_cpu']:.3f}x, load {summary['load']:.1f}"
                )
            ratios = [b["sync_over_async_cpu"] for b in blocks]
            ratio = statistics.median(ratios)
            print(
                f"{key}. sync/async cpu: median {ratio:.3f}x of {len(ratios)} blocks "
                f"({min(ratios):.3f}-{max(ratios):.3f}), load {blocks[0]['load']:.1f}-"
                f"{blocks[-1]['load']:.1f}\n"
            )
            out["workloads"][key] = {"title": title, "blocks": blocks, "sync_over_async_cpu": ratio}
    finally:
        sclient.close()
        await aclient.close()
        await control.aclose()
        proc.terminate()
        proc.wait(timeout=10)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rounds")
    parser.add_argument("--json", metavar="PATH", help="write the results as JSON")
    parser.add_argument("--only", default="", help="workload keys to run, e.g. 'a'")
    parser.add_argument("--blocks", type=int, default=5, help="paired blocks per workload")
    asyncio.run(main(parser.parse_args()))
