#!/usr/bin/env bash
# The long fuzz run. The short one is part of the test suite (tests/fuzz under the "ci"
# Hypothesis profile: a fixed seed per test, about 100 examples each, no database).
#
#   scripts/fuzz.sh [--examples N] [--seconds S] [--atheris]
#
# Hypothesis ("fuzz" profile, tests/conftest.py): N examples per test (default 2000), random
# seeds, in rounds until S seconds have passed (default: one round). A failure stops the
# run; it is kept in .hypothesis/fuzz and replayed first next time: turn it into an
# @example (or a plain test) beside the test that found it, then fix the module at fault.
# --atheris: afterwards, coverage-guided fuzzing of every target with atheris (the `fuzz`
# extra; CPython on x86-64 Linux), S seconds in all (default 60), crashes in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=2000 SECONDS_BUDGET=0 ATHERIS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --examples) EXAMPLES="$2"; shift 2 ;;
    --seconds) SECONDS_BUDGET="$2"; shift 2 ;;
    --atheris) ATHERIS=1; shift ;;
    *) echo "usage: scripts/fuzz.sh [--examples N] [--seconds S] [--atheris]" >&2; exit 2 ;;
  esac
done

if [[ $ATHERIS == 1 ]]; then scripts/setup.sh dev,fuzz; else scripts/setup.sh dev; fi

export OXIDE_HYPOTHESIS_PROFILE=fuzz OXIDE_FUZZ_EXAMPLES="$EXAMPLES"
end=$((SECONDS + SECONDS_BUDGET))
round=1
while :; do
  seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
  echo "[fuzz.sh] round $round: $EXAMPLES examples per test, seed $seed" >&2
  .venv/bin/python -m pytest tests/fuzz -q -x -p no:cacheprovider --timeout=0 --hypothesis-seed="$seed"
  round=$((round + 1))
  if (( SECONDS >= end )); then break; fi
done

if [[ $ATHERIS == 1 ]]; then
  mkdir -p build/fuzz
  mapfile -t targets < <(.venv/bin/python tests/fuzz/atheris_run.py --list)
  budget=$(( (SECONDS_BUDGET > 0 ? SECONDS_BUDGET : 60) / ${#targets[@]} + 1 ))
  for target in "${targets[@]}"; do
    echo "[fuzz.sh] atheris: $target for ${budget}s" >&2
    .venv/bin/python tests/fuzz/atheris_run.py "$target" -max_total_time="$budget" \
      -artifact_prefix=build/fuzz/ -print_final_stats=1
  done
fi
