#!/usr/bin/env bash
# The Workers-shaped check (issue 3, item 7): run worker/src/entry.py under Pyodide 314 in Node
# with the vendored workers-runtime-sdk, against the fake OpenAI server, and check streaming,
# the JSON route, error mapping and cancellation. Last line: "N passed, M failed"; exit 0/1.
#
#   bash worker/test.sh            # vendors (worker/vendor.sh) and refreshes dist/pyodide first
#   WORKER_TEST_NO_BUILD=1 bash worker/test.sh   # reuse dist/pyodide as it is
# Needs node >= 20 and the repo's .venv (for the fake server); builds need PyPI + npm.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/python ]]; then PY=.venv/bin/python; else PY=${PYTHON:-python3}; fi
fail() { echo "worker/test.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

bash worker/vendor.sh >&2 || fail "vendoring failed"
if [[ -z "${WORKER_TEST_NO_BUILD:-}" || ! -f dist/pyodide/pyodide-lock.json ]]; then
  bash build_wheels.sh >/dev/null 2>&1 || fail "build_wheels.sh failed (run it to see why)"
fi

LOG=$(mktemp -d)
# The fake checks keys: check.mjs gives the Worker this one, and a page only the secrets minted.
PYTHONPATH=pkg${PYTHONPATH:+:$PYTHONPATH} "$PY" -m openai_oxide.testing --port 0 --api-key sk-worker-test >"$LOG/url" 2>"$LOG/err" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null; wait $FAKE 2>/dev/null; rm -rf "$LOG"' EXIT
# Up to 60 s: a loaded 2-core machine took 7-9 s to import the fake server.
for _ in $(seq 600); do [[ -s $LOG/url ]] && break; kill -0 $FAKE 2>/dev/null || break; sleep 0.1; done
[[ -s $LOG/url ]] || fail "the fake server did not start: $(cat "$LOG/err")"
BASE=$(head -n1 "$LOG/url" | cut -d' ' -f1)

set +e
node worker/harness/check.mjs "$BASE"
exit $?
