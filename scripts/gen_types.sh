#!/usr/bin/env bash
# Regenerate the typed models from the OpenAPI spec, as one command.
#
#   scripts/gen_types.sh                 # show the diff against the committed files (exit 1 if any)
#   scripts/gen_types.sh --write         # write them
#   scripts/gen_types.sh --spec NEW.yaml # either mode, against a newer spec
#
# Then run tests/types/test_spec_coverage.py: it fails on any schema, field, type or enum
# value of an implemented endpoint that the models miss.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " != *" --write "* && " $* " != *" --check "* ]]; then
  set -- --check "$@"
fi
exec .venv/bin/python scripts/gen_types.py "$@"
