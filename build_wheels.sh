#!/usr/bin/env bash
# Build the SDK wheel (dist/openai_oxide-*.whl) and the offline Pyodide bundle (dist/pyodide/):
#   - the Pyodide core from npm (package.json / package-lock.json pin pyodide 314.0.7),
#   - the SDK wheel (its official-path modules as one table: wasm_bridge/official_table.py)
#     plus every wheel it needs under Pyodide (wasm_bridge/pyodide-wheels.txt:
#     pinned versions and hashes, pydantic-core as its pyemscripten_2026_0_wasm32 build),
#   - a pyodide-lock.json rewritten by wasm_bridge/make_lock.py to point at those files only;
#   - the wheels and the stdlib zip carry bytecode (wasm_bridge/pycompile.py, run in Pyodide).
# Needs: node + npm, a Python >= 3.11 (the repo's .venv if present), and the PyPI and npm
# registries. Idempotent: a second run only rebuilds the SDK wheel (~0.1 s; its bytecode, a
# Pyodide boot, only when the sources changed) and re-checks; outputs are byte-identical
# when the sources did not change.
set -euo pipefail
cd "$(dirname "$0")"

PYODIDE_VERSION=314.0.7
PYODIDE_PLATFORM=pyemscripten_2026_0_wasm32
PYODIDE_PYTHON=3.14
CACHE=build/pyodide-cache          # gitignored (build/)
OUT=dist/pyodide

if [[ -x .venv/bin/python ]]; then PY=.venv/bin/python; else PY=${PYTHON:-python3}; fi
log() { printf '[build_wheels] %s\n' "$*" >&2; }
sha() { sha256sum "$@" | cut -d' ' -f1; }
# Copy only when the content differs, so an unchanged file keeps its mtime.
put() { cmp -s "$1" "$2" 2>/dev/null || cp -f "$1" "$2"; }

mkdir -p "$CACHE" "$OUT" dist

# 1. Pyodide core (and the `ws` package that wasm_bridge uses on Node 20) from npm.
installed=$(node -p "try{require('./node_modules/pyodide/package.json').version}catch(e){''}")
if [[ "$installed" != "$PYODIDE_VERSION" || ! -f node_modules/ws/package.json \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci (pyodide@$PYODIDE_VERSION, ws)"
  npm ci --no-audit --no-fund --loglevel=error
fi
CORE=node_modules/pyodide
for f in pyodide.mjs pyodide.js pyodide.asm.mjs pyodide.asm.wasm \
         pyodide.mjs.map pyodide.js.map pyodide.d.ts ffi.d.ts; do
  put "$CORE/$f" "$OUT/$f"
done

# 2. The SDK wheel, built by a pinned hatchling in its own venv (no build isolation, so no
#    registry round trip on later runs). hatchling builds reproducibly (fixed mtimes).
HATCH=build/hatch-venv
stamp=$(sha wasm_bridge/build-requirements.txt)
if [[ ! -x $HATCH/bin/python || "$(cat $HATCH/.stamp 2>/dev/null)" != "$stamp" ]]; then
  log "creating $HATCH (hatchling)"
  rm -rf "$HATCH"
  "$PY" -m venv "$HATCH"
  "$HATCH/bin/python" -m pip install -q --disable-pip-version-check -r wasm_bridge/build-requirements.txt
  echo "$stamp" > "$HATCH/.stamp"
fi
rm -rf "$CACHE/sdk" && mkdir -p "$CACHE/sdk"
SDK_WHEEL=$("$HATCH/bin/python" -c \
  "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))" "$CACHE/sdk")
for old in dist/openai_oxide-*.whl; do
  [[ -e "$old" && "$(basename "$old")" != "$SDK_WHEEL" ]] && rm -f "$old"
done
put "$CACHE/sdk/$SDK_WHEEL" "dist/$SDK_WHEEL"
# The bundle's copy ships the thin official-path modules as one table (wasm_bridge/
# official_table.py: half the files for loadPackage to unpack); dist/ keeps the files.
mkdir -p "$CACHE/bundle"
"$PY" wasm_bridge/official_table.py "dist/$SDK_WHEEL" "$CACHE/bundle/$SDK_WHEEL"

# 3. The dependency wheels for Pyodide (hash-checked; downloaded once per pin set).
WH=$CACHE/wheelhouse
stamp=$(sha wasm_bridge/pyodide-wheels.txt)
if [[ "$(cat $WH/.stamp 2>/dev/null)" != "$stamp" ]]; then
  log "downloading Pyodide wheels (pydantic-core for $PYODIDE_PLATFORM)"
  rm -rf "$WH" && mkdir -p "$WH"
  "$PY" -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform "$PYODIDE_PLATFORM" --python-version "$PYODIDE_PYTHON" \
    --implementation cp --abi "cp${PYODIDE_PYTHON/./}" \
    --require-hashes -r wasm_bridge/pyodide-wheels.txt -d "$WH"
  echo "$stamp" > "$WH/.stamp"
fi

# 4. Bytecode: every wheel and the stdlib zip gain .pyc files, compiled by Pyodide's own
#    CPython (wasm_bridge/pycompile.py; otherwise each module compiles at its first import in
#    the page), cached by the hash of the input and of the script.
PYC=$CACHE/pyc
mkdir -p "$PYC"
sources=("$CACHE/bundle/$SDK_WHEEL" "$WH"/*.whl "$CORE/python_stdlib.zip")
declare -A compiled=()
todo=()
for f in "${sources[@]}"; do
  compiled[$f]="$PYC/$(cat "$f" wasm_bridge/pycompile.py | sha256sum | cut -c1-16)-$(basename "$f")"
  [[ -f "${compiled[$f]}" ]] || todo+=("$f" "${compiled[$f]}.tmp")
done
if (( ${#todo[@]} )); then
  log "adding bytecode to $(( ${#todo[@]} / 2 )) file(s)"
  node wasm_bridge/run_node.mjs --index-url "$CORE/" --packages "" wasm_bridge/pycompile.py "${todo[@]}"
  for (( i = 1; i < ${#todo[@]}; i += 2 )); do mv -f "${todo[$i]}" "${todo[$i]%.tmp}"; done
fi
declare -A current=()
for f in "${sources[@]}"; do current[${compiled[$f]}]=1; done
for c in "$PYC"/*; do [[ -n "${current[$c]:-}" ]] || rm -f "$c"; done  # older SDK builds

# 5. Assemble: exactly these wheels in $OUT, then the lock that points at them.
declare -A want=()
for f in "${sources[@]}"; do
  put "${compiled[$f]}" "$OUT/$(basename "$f")"
  want[$(basename "$f")]=1
done
for w in "$OUT"/*.whl; do
  [[ -n "${want[$(basename "$w")]:-}" ]] || { log "removing stale $(basename "$w")"; rm -f "$w"; }
done
"$PY" wasm_bridge/make_lock.py "$CORE/pyodide-lock.json" "$OUT" >&2

log "done: dist/$SDK_WHEEL and $OUT ($(du -sh "$OUT" | cut -f1))"
