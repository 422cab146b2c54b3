#!/usr/bin/env bash
# Create .venv with the pinned toolchain. Idempotent: re-running only installs what changed.
# Usage: scripts/setup.sh [extras]   (default extras: dev)
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${1:-dev}"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip==25.3"
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[${EXTRAS}]"

# pydantic at the floor of pyproject's range, as stock Pyodide 314 ships it, in a directory
# of its own: tests/test_pydantic_floor.py runs the pydantic-sensitive tests against it.
FLOOR=build/pydantic-2.12
FLOOR_PINS="pydantic==2.12.5 pydantic-core==2.41.5"
if [ "$(cat "$FLOOR/.pins" 2>/dev/null)" != "$FLOOR_PINS" ]; then
  rm -rf "$FLOOR"
  # --no-deps: its other requirements (typing-extensions, annotated-types, typing-inspection)
  # are the venv's, pinned by constraints.txt.
  # shellcheck disable=SC2086  # FLOOR_PINS is a list of requirements
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --target "$FLOOR" $FLOOR_PINS
  echo "$FLOOR_PINS" >"$FLOOR/.pins"
fi
