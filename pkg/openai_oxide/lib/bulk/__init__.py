"""The bulk runner: many Batch-API-shaped requests, paced within rate limits, resumable.

    from openai_oxide.lib import bulk
    summary = await bulk.run(client, "requests.jsonl", "results.jsonl", rpm=3_000, tpm=1_000_000)

CLI: `python -m openai_oxide.bulk requests.jsonl results.jsonl --rpm 3000 --tpm 1000000`.
Modules: `runner` (`run`), `pacing` (the budgets), `estimate` (a request's tokens),
`records` (input, output and errors files, resuming, the `ResultSink` that the Batch API
engine writes to as well), `progress` (the bar, callbacks and the summary), `cli`.
"""

from .progress import DEFAULT_PRICES, BulkSummary, Progress, ProgressBar
from .records import BulkInputError, JsonlSink, MemorySink, ResultSink
from .runner import run

__all__ = [
    "DEFAULT_PRICES",
    "BulkInputError",
    "BulkSummary",
    "JsonlSink",
    "MemorySink",
    "Progress",
    "ProgressBar",
    "ResultSink",
    "run",
]
