#!/usr/bin/env bash
# Temporary smoke check of the Pyodide bundle: build it, start the fake server, run
# tests_pyodide_smoke/smoke.py in Pyodide on Node (and in headless Chromium with --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
bash build_wheels.sh
out=$(mktemp)
"$PY" -m openai_oxide.testing --port 0 >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.1; done
url=$(head -1 "$out")
node wasm_bridge/run_node.mjs --timings tests_pyodide_smoke/smoke.py "$url"
if [[ "${1:-}" == "--browser" ]]; then
  "$PY" tests_pyodide_smoke/browser_smoke.py "$url"
fi
