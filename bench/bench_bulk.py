"""The bulk runner against the plain reference, under a tight RPM and TPM budget.

    .venv/bin/python bench/bench_bulk.py [--short] [--out DIR] [--requests N]
    .venv/bin/python bench/bench_bulk.py --transports 1000 [--out DIR]

The reference is what users write today: the official `openai` package, every request
from the file handed to `asyncio.gather` behind a semaphore of the same concurrency (its
default of 2 retries, which honour Retry-After). Ours is `bulk.run` with the budget given.
Both talk to one fake server in its own process, charging a `RateBudget` (a minute's
budget enforced over one-second shares, as OpenAI does) and answering after 50 ms. Each
arm runs in a fresh process, so its peak memory (max RSS) is its own.

Per arm: completion time against the budget's ideal (the time the budget needs for the
whole job, at its full rate from a full bucket), the 429s the server sent, ids lost (in no
output) or duplicated, and peak memory. Writes DIR/bulk.json and DIR/bulk.md.

`--transports N`: N Responses lines through `bulk.run` over HTTP and over the WebSocket
pool (`transport="websocket"`, a pool of `POOL` sessions at concurrency `POOL`), against
the fake with no budget and the same latency. Writes DIR/bulk_transports.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CONCURRENCY = 50
LATENCY = 0.05
FULL = {"requests": 10_000, "rpm": 3_000, "tpm": 200_000}
SHORT = {"requests": 300, "rpm": 3_000, "tpm": 200_000}
POOL = 10


def _request(i: int) -> dict[str, Any]:
    text = f"Label item {i}: is this sentence positive or negative?"
    return {
        "custom_id": f"item-{i}",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": text}],
            "max_tokens": 60,
        },
    }


def _responses_request(i: int) -> dict[str, Any]:
    text = f"Label item {i}: is this sentence positive or negative?"
    body = {"model": "gpt-4o-mini", "input": text, "max_output_tokens": 60}
    return {"custom_id": f"item-{i}", "method": "POST", "url": "/v1/responses", "body": body}


def _ideal(path: Path, rpm: float, tpm: float) -> tuple[float, int]:
    """Seconds the budget needs for the job (a full second's share at once, then its rate),
    and the job's tokens as the server charges them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pkg"))
    from openai_oxide.testing.ratelimit_budget import request_tokens

    bodies = [json.loads(line)["body"] for line in path.read_text().splitlines()]
    tokens = sum(request_tokens(b) for b in bodies)
    by_requests = max(0.0, len(bodies) - rpm / 60) / (rpm / 60)
    by_tokens = max(0.0, tokens - tpm / 60) / (tpm / 60)
    return max(by_requests, by_tokens), tokens


# -- the server process ----------------------------------------------------------------


def serve(rpm: float, tpm: float) -> None:
    """Run the fake with the budget; print its URL, then answer `stats`/`reset` on stdin."""
    from openai_oxide.testing import FakeOpenAI, LatencyModel, RateBudget

    budget = RateBudget(rpm=int(rpm), tpm=int(tpm)) if rpm else None  # 0: no budget
    with FakeOpenAI(rate_limits=budget, latency=LatencyModel(LATENCY)).running_in_thread() as fake:
        print(fake.url, flush=True)
        for line in sys.stdin:
            if line.strip() == "reset":
                fake.reset()
            refused = budget.refused if budget else 0
            print(json.dumps({"refused": refused}))
            sys.stdout.flush()


# -- the two arms, each in its own process ---------------------------------------------


async def arm_oxide(url: str, source: Path, output: Path, rpm: float, tpm: float) -> None:
    from openai_oxide import AsyncOpenAI
    from openai_oxide.lib import bulk

    async with AsyncOpenAI(api_key="bench-key", base_url=url) as client:
        await bulk.run(
            client, source, output, rpm=rpm, tpm=tpm, max_concurrency=CONCURRENCY, progress=False
        )


async def arm_official(url: str, source: Path, output: Path, rpm: float, tpm: float) -> None:
    import openai

    client = openai.AsyncOpenAI(api_key="bench-key", base_url=url)
    records = [json.loads(line) for line in source.read_text().splitlines()]
    gate = asyncio.Semaphore(CONCURRENCY)
    with output.open("w") as out, (output.with_suffix(".errors.jsonl")).open("w") as errors:

        async def one(record: dict[str, Any]) -> None:
            async with gate:
                try:
                    answer = await client.chat.completions.create(**record["body"])
                except openai.APIStatusError as exc:
                    failed = {"custom_id": record["custom_id"], "status": exc.status_code}
                    errors.write(json.dumps(failed) + "\n")
                    return
                line = {"custom_id": record["custom_id"], "response": answer.model_dump()}
                out.write(json.dumps(line) + "\n")

        await asyncio.gather(*(one(r) for r in records), return_exceptions=True)
    await client.close()


async def arm_transport(url: str, source: Path, output: Path, transport: str) -> None:
    from openai_oxide import AsyncOpenAI
    from openai_oxide.lib import bulk

    async with AsyncOpenAI(api_key="bench-key", base_url=url) as client:
        await bulk.run(
            client,
            source,
            output,
            max_concurrency=POOL,
            transport="websocket" if transport == "websocket" else "http",
            progress=False,
        )


def run_arm(name: str, url: str, source: str, output: str, rpm: float, tpm: float) -> None:
    # both packages imported before the clock starts
    import openai  # noqa: F401

    import openai_oxide.lib.bulk  # noqa: F401

    started = time.perf_counter()
    if name in ("http", "websocket"):
        asyncio.run(arm_transport(url, Path(source), Path(output), name))
    else:
        arm = arm_oxide if name == "oxide" else arm_official
        asyncio.run(arm(url, Path(source), Path(output), rpm, tpm))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"elapsed": elapsed, "peak_mb": peak}))


# -- the driver ------------------------------------------------------------------------


def _ids(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["custom_id"] for line in path.read_text().splitlines() if line]


def measure(
    counts: dict[str, int], out_dir: Path, arms: tuple[str, ...] = ("oxide", "official")
) -> dict[str, Any]:
    rpm, tpm = counts["rpm"], counts["tpm"]
    here = Path(__file__).resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    source = work / "requests.jsonl"
    make = _request if rpm else _responses_request  # no budget: the transports' comparison
    source.write_text("".join(json.dumps(make(i)) + "\n" for i in range(counts["requests"])))
    ideal, tokens = _ideal(source, rpm, tpm) if rpm else (math.nan, 0)
    server = subprocess.Popen(
        [sys.executable, str(here), "--serve", str(rpm), str(tpm)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    url = server.stdout.readline().strip()
    results: dict[str, Any] = {
        "requests": counts["requests"],
        "rpm": rpm,
        "tpm": tpm,
        "tokens": tokens,
        "ideal_s": ideal,
        "concurrency": CONCURRENCY if rpm else POOL,
        "latency_s": LATENCY,
        "arms": {},
    }
    try:
        for name in arms:
            server.stdin.write("reset\n")
            server.stdin.flush()
            server.stdout.readline()
            time.sleep(1.5)  # the budget's buckets refill from the previous arm's calls
            output = work / f"{name}.jsonl"
            cmd = [sys.executable, str(here), "--arm", name, url, str(source), str(output)]
            proc = subprocess.run(
                [*cmd, str(rpm), str(tpm)], capture_output=True, text=True, timeout=3600
            )
            if proc.returncode != 0:
                raise SystemExit(f"{name} arm failed:\n{proc.stderr[-3000:]}")
            figures = json.loads(proc.stdout.strip().splitlines()[-1])
            server.stdin.write("stats\n")
            server.stdin.flush()
            stats = json.loads(server.stdout.readline())
            written = _ids(output) + _ids(output.with_suffix(".errors.jsonl"))
            succeeded = len(set(_ids(output)))
            figures.update(
                received_429=stats["refused"],
                succeeded=succeeded,
                lost=counts["requests"] - len(set(written)),
                duplicated=len(written) - len(set(written)),
                vs_ideal=figures["elapsed"] / ideal if ideal else math.nan,
            )
            results["arms"][name] = figures
            print(f"[bench_bulk] {name}: {figures}", file=sys.stderr, flush=True)
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "bulk" if rpm else "bulk_transports"
    (out_dir / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    (out_dir / f"{stem}.md").write_text(table(results))
    return results


def table(results: dict[str, Any]) -> str:
    if not results["rpm"]:
        return _transports_table(results)
    rows = [
        f"{results['requests']} chat requests, budget {results['rpm']} RPM / {results['tpm']} "
        f"TPM ({results['tokens']} tokens charged), concurrency {results['concurrency']}, "
        f"server latency {results['latency_s'] * 1000:.0f} ms; the budget's ideal "
        f"{results['ideal_s']:.1f} s.",
        "",
        "| arm | time (s) | time / ideal | 429s received | succeeded | ids lost | ids duplicated "
        "| peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    names = {"oxide": "openai-oxide `bulk.run`", "official": "openai + gather + semaphore"}
    for name, f in results["arms"].items():
        rows.append(
            f"| {names[name]} | {f['elapsed']:.1f} | {f['vs_ideal']:.2f} | {f['received_429']} "
            f"| {f['succeeded']} | {f['lost']} | {f['duplicated']} | {f['peak_mb']:.0f} |"
        )
    return "\n".join(rows) + "\n"


def _transports_table(results: dict[str, Any]) -> str:
    rows = [
        f"{results['requests']} Responses lines through `bulk.run`, concurrency "
        f"{results['concurrency']} (the pool: as many sessions), no budget, server latency "
        f"{results['latency_s'] * 1000:.0f} ms.",
        "",
        "| transport | time (s) | lines/s | succeeded | ids lost | ids duplicated "
        "| peak RSS (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, f in results["arms"].items():
        rate = results["requests"] / f["elapsed"]
        rows.append(
            f"| {name} | {f['elapsed']:.2f} | {rate:.0f} | {f['succeeded']} | {f['lost']} "
            f"| {f['duplicated']} | {f['peak_mb']:.0f} |"
        )
    return "\n".join(rows) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(float(sys.argv[2]), float(sys.argv[3]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--arm":
        name, url, source, output, rpm, tpm = sys.argv[2:8]
        run_arm(name, url, source, output, float(rpm), float(tpm))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="a few hundred requests")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--requests", type=int, help="override the request count")
    parser.add_argument("--transports", type=int, metavar="N", help="HTTP vs the pool, N lines")
    args = parser.parse_args()
    if args.transports:
        counts = {"requests": args.transports, "rpm": 0, "tpm": 0}
        print(table(measure(counts, args.out, ("http", "websocket"))))
        return
    counts = dict(SHORT if args.short else FULL)
    if args.requests:
        counts["requests"] = args.requests
    results = measure(counts, args.out)
    print(table(results))
    if args.short:  # no timing checked; every id must be answered exactly once
        oxide = results["arms"]["oxide"]
        if oxide["lost"] or oxide["duplicated"]:
            raise SystemExit(f"bulk runner lost or duplicated ids: {oxide}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    threading.stack_size(0)
    main()
