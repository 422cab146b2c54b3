#!/usr/bin/env bash
# Set up the runtime (plus the fake server) and run the demo. Offline unless OPENAI_API_KEY is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh testing
exec .venv/bin/python examples/demo.py
