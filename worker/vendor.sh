#!/usr/bin/env bash
# Vendor the Worker's pure-Python packages (requirements-vendor.txt: pinned + hashed) into
# worker/python_modules/ (gitignored), the folder a Python Worker deploy ships beside src/.
# Uses the PLATFORM.md recipe for a Worker (py3-none-any wheels only, no deps pulled in).
# Idempotent: does nothing when the stamp matches the requirements file.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
if [[ -x $ROOT/.venv/bin/python ]]; then PY=$ROOT/.venv/bin/python; else PY=${PYTHON:-python3}; fi
OUT=python_modules
STAMP=$OUT/.vendored-from
if [[ -f $STAMP ]] && cmp -s requirements-vendor.txt "$STAMP"; then
  exit 0
fi
rm -rf "$OUT"
"$PY" -m pip install --quiet --disable-pip-version-check --no-compile \
  --target "$OUT" --no-deps --only-binary=:all: --require-hashes \
  --python-version 3.12 --implementation py --abi none --platform any \
  -r requirements-vendor.txt
cp requirements-vendor.txt "$STAMP"
echo "[worker/vendor.sh] vendored into worker/$OUT: $(ls "$OUT" | grep -v dist-info | tr '\n' ' ')" >&2
