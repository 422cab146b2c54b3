#!/usr/bin/env bash
# One benchmark command: natively, in Pyodide on Node and in headless Chromium (see
# bench/run_all.py for what is measured). Writes bench/results/results.{json,md} and the
# PNG plots. Sets up what it needs: .venv with the pinned `bench` extra (matplotlib, the
# official openai package), and the offline Pyodide bundle (build_wheels.sh; needs Node 20+
# and /usr/bin/chromium, which scripts/test.sh installs).
#
#   scripts/bench.sh           # the full run (several minutes; quote figures from this one)
#   scripts/bench.sh --short   # every part with tiny counts into a temporary folder, then
#                              # check that the table and plots were written (no timings)
#   scripts/bench.sh --hooks-pool  # only bench/bench_hooks_pool.py (natively): the WebSocket
#                                  # pool against HTTP (100 calls at concurrency 10), and the
#                                  # instructions per call of hooks and of lib/otel.py
#                                  # (callgrind); the full run includes it
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=0
HOOKS_POOL=0
for arg in "$@"; do
  case "$arg" in
    --short) SHORT=1 ;;
    --hooks-pool) HOOKS_POOL=1 ;;
    *) echo "usage: scripts/bench.sh [--short|--hooks-pool]" >&2; exit 2 ;;
  esac
done

scripts/setup.sh bench  # the pinned bench extra (a .venv set up for dev keeps its tools)
hooks_pool() {  # `cost` needs valgrind and opentelemetry-sdk (the test extra)
  .venv/bin/python bench/bench_hooks_pool.py pool
  if command -v valgrind >/dev/null && .venv/bin/python -c "import opentelemetry.sdk" 2>/dev/null; then
    .venv/bin/python bench/bench_hooks_pool.py cost
  else
    echo "[bench] hooks cost skipped: needs valgrind and opentelemetry-sdk (scripts/setup.sh dev)"
  fi
}
if [[ $HOOKS_POOL -eq 1 ]]; then
  hooks_pool
  exit 0
fi
bash build_wheels.sh >/dev/null

if [[ $SHORT -eq 1 ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  .venv/bin/python bench/run_all.py --short --out "$out"
  .venv/bin/python bench/bench_bulk.py --short --out "$out"  # the bulk runner vs gather
  .venv/bin/python bench/bench_hooks_pool.py pool --calls 10 --concurrency 5 --runs 1 >/dev/null
else
  .venv/bin/python bench/run_all.py --out bench/results
  .venv/bin/python bench/bench_bulk.py --out bench/results  # bulk.md: the runner vs gather
  hooks_pool | tee bench/results/hooks_pool.txt  # the WebSocket pool vs HTTP; hooks' cost
  echo "[bench] table: bench/results/results.md"
fi
