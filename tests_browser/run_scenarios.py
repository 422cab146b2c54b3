"""Run the scenarios against a fake server and print `{name: transcript}` as JSON.

Natively:
    python tests_browser/run_scenarios.py BASE_URL [--only a,b] [--fixtures DIR|URL]
In Pyodide the entry point is `pyodide_main.py` (it needs top-level await, which native
Python cannot compile), with the same arguments:
    node wasm_bridge/run_node.mjs [--jspi] --mount ../shared tests_browser/pyodide_main.py URL
    wasm_bridge/index.html?script=/tests_browser/pyodide_main.py&arg=URL&arg=--fixtures&arg=...

The JSON goes to stdout between BEGIN_MARK and END_MARK lines, progress to stderr; it
also holds the target's platform facts under PLATFORM_KEY.
A scenario that raises something unexpected or exceeds --timeout is recorded with an
`unexpected` field instead of stopping the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import traceback
from typing import Any

import scenarios

BEGIN_MARK = "=== oxide scenario transcripts begin ==="
END_MARK = "=== oxide scenario transcripts end ==="
PLATFORM_KEY = "__platform__"  # scenarios.platform_facts(), added by the CLI


async def run(
    base_url: str,
    names: list[str] | None = None,
    *,
    timeout: float = 60.0,
    log: Any = None,
) -> dict[str, dict[str, Any]]:
    """Run the chosen scenarios (all by default) one after the other."""
    chosen = names or list(scenarios.SCENARIOS)
    unknown = [n for n in chosen if n not in scenarios.SCENARIOS]
    if unknown:
        raise SystemExit(f"unknown scenarios: {unknown}")
    out: dict[str, dict[str, Any]] = {}
    for name in chosen:
        t0 = time.perf_counter()
        try:
            out[name] = await asyncio.wait_for(scenarios.SCENARIOS[name](base_url), timeout)
        except TimeoutError:
            out[name] = scenarios.transcript(unexpected=f"scenario timed out after {timeout} s")
        except Exception as exc:
            out[name] = scenarios.transcript(
                unexpected=f"{type(exc).__name__}: {exc}",
                traceback=traceback.format_exc(),
            )
        if log is not None:
            print(f"[scenarios] {name}: {time.perf_counter() - t0:.2f} s", file=log, flush=True)
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="run_scenarios.py")
    ap.add_argument("base_url", help="the fake server's base URL, ending in /v1")
    ap.add_argument("--only", default="", help="comma-separated scenario names")
    ap.add_argument("--fixtures", default=None, help="../shared/fixtures: a directory or URL")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per scenario")
    return ap.parse_args(argv)


async def amain(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.fixtures:
        scenarios.set_fixtures(args.fixtures)
    names = [n for n in args.only.split(",") if n] or None
    results = await run(args.base_url, names, timeout=args.timeout, log=sys.stderr)
    results[PLATFORM_KEY] = scenarios.platform_facts()
    print(BEGIN_MARK)
    print(json.dumps(results, sort_keys=True))
    print(END_MARK, flush=True)
    return 0


def extract(output: str) -> dict[str, dict[str, Any]]:
    """The transcripts from a run's stdout (raises ValueError when they are missing)."""
    start = output.find(BEGIN_MARK)
    end = output.find(END_MARK, start)
    if start < 0 or end < 0:
        raise ValueError("no transcripts in the output")
    data: dict[str, dict[str, Any]] = json.loads(output[start + len(BEGIN_MARK) : end])
    return data


if __name__ == "__main__":
    if sys.platform == "emscripten":  # no loop to block on here: see pyodide_main.py
        sys.exit("in Pyodide run tests_browser/pyodide_main.py (same arguments)")
    sys.exit(asyncio.run(amain(sys.argv[1:])))
