"""`python -m openai_oxide.bulk requests.jsonl results.jsonl --rpm 3000 --tpm 1000000`:
the bulk runner's command line (see `openai_oxide.lib.bulk`)."""

from __future__ import annotations

from .lib.bulk.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
