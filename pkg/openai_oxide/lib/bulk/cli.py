"""`python -m openai_oxide.bulk requests.jsonl results.jsonl --rpm 3000 --tpm 1000000`.

The client comes from `OPENAI_API_KEY` and `OPENAI_BASE_URL`, as everywhere. Run it again
with the same arguments after a crash or Ctrl-C: it resumes where the files end. Exit
status 0 when every request was answered (errors included), 1 when the run stopped
(bad input, a refused key, an exhausted quota), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from ..._core.errors import OpenAIError
from .progress import BulkSummary

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m openai_oxide.bulk",
        description="Send a Batch API input file's requests within rate limits; resumable.",
    )
    parser.add_argument("input", help="requests, one Batch API line each (JSONL)")
    parser.add_argument("output", help="results, appended (Batch API output lines)")
    parser.add_argument("--rpm", type=float, help="requests per minute to stay within")
    parser.add_argument("--tpm", type=float, help="tokens per minute to stay within")
    parser.add_argument("--max-concurrency", type=int, default=50, help="requests in flight")
    parser.add_argument("--mode", choices=("direct", "batch"), default="direct")
    parser.add_argument(
        "--transport",
        choices=("http", "websocket"),
        default="http",
        help="websocket: /v1/responses lines as turns over a pool of WebSocket sessions",
    )
    parser.add_argument("--ws-pool-size", type=int, help="sessions (default: max-concurrency)")
    parser.add_argument("--errors", help="errors file (default: <output stem>.errors.jsonl)")
    parser.add_argument("--shard", help="i/n: this machine's share of the ids, e.g. 1/4")
    return parser


def _report(summary: BulkSummary) -> str:
    cost = "" if summary.cost is None else f", about ${summary.cost:.4f}"
    return (
        f"{summary.succeeded} succeeded, {summary.failed} errors, {summary.skipped} already "
        f"done; {summary.rate_limited} 429s, {summary.retried} retries; "
        f"{summary.input_tokens} input + {summary.output_tokens} output tokens{cost}; "
        f"{summary.elapsed:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from ..._client import AsyncOpenAI
    from .runner import parse_shard, run

    try:
        parse_shard(args.shard)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    async def go() -> BulkSummary:
        async with AsyncOpenAI() as client:
            return await run(
                client,
                args.input,
                args.output,
                max_concurrency=args.max_concurrency,
                rpm=args.rpm,
                tpm=args.tpm,
                errors=args.errors,
                mode=args.mode,
                shard=args.shard,
                transport=args.transport,
                ws_pool_size=args.ws_pool_size,
            )

    try:
        summary = asyncio.run(go())
    except (OpenAIError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted: run the same command again to resume", file=sys.stderr)
        return 130
    print(_report(summary), file=sys.stderr)
    return 0
