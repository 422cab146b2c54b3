#!/usr/bin/env bash
# The README's first command. Sets up .venv, runs the native demo, then the web demo: builds
# the offline Pyodide bundle (build_wheels.sh), starts the fake server and a static server,
# prints the demo's URL and, with no display, loads the page in headless Chromium and prints
# what it streamed (with a display it serves until Ctrl-C). Offline unless OPENAI_API_KEY is
# set (the native demo then calls the real API). DEMO_WEB=0 skips the web demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh testing
.venv/bin/python examples/demo.py
[[ "${DEMO_WEB:-1}" == 0 ]] && exit 0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "(the web demo needs Node >= 20 and npm to build the Pyodide bundle: skipped)"
  exit 0
fi
mkdir -p build
if ! bash build_wheels.sh >build/demo-bundle.log 2>&1; then
  tail -20 build/demo-bundle.log
  echo "build_wheels.sh failed (full log: build/demo-bundle.log)"
  exit 1
fi
exec .venv/bin/python scripts/demo_web.py "$@"
