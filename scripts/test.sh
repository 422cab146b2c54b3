#!/usr/bin/env bash
# Set up everything, then run every check: ruff, mypy, the native test suite, the
# scenario suite on every target (tests_browser/: native CPython, Pyodide in Node, Pyodide
# in headless Chromium) and `scripts/bench.sh --short`. Needs only PyPI, the npm registry
# and Debian's packages; run as root on a clean clone (Chromium is installed with apt-get
# when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[test.sh] %s\n' "$*" >&2; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# 1. The Python toolchain (.venv, pinned by constraints.txt).
scripts/setup.sh dev

# 2. The Pyodide targets' hosts: Node >= 20 with npm (a prerequisite, like Python), and
#    Debian's chromium for the browser target (tests_browser drives /usr/bin/chromium).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "node/npm missing: trying Debian's nodejs and npm"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  log "Node $(node --version) is too old: Pyodide 314 and wasm_bridge need Node >= 20"
  exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian's chromium"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# 3. The offline Pyodide bundle dist/pyodide (npm ci for pyodide + ws, the SDK wheel, the
#    pinned Pyodide wheels from PyPI, the rewritten lock). Quick when nothing changed.
bash build_wheels.sh

# 4. Lint, types, the docs site (warnings are errors), then every test (tests/ and
#    tests_browser/, see pyproject testpaths).
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
(cd scripts && ../.venv/bin/mypy --strict generate.py)
.venv/bin/python scripts/generate.py --check  # types/, resources/ and sync/ are a fresh run
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict  # the docs site -> build/site (~15 s)
.venv/bin/python -m pytest "$@"

# 5. The benchmark command in its short mode: every part on every target with tiny counts,
#    then a check that the table and plots were written (no timing is asserted).
scripts/bench.sh --short
