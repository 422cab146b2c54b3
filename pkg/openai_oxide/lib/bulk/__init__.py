"""The bulk runner: many Batch-API-shaped requests, paced within rate limits, resumable.

    from openai_oxide.lib import bulk
    summary = await bulk.run(client, "requests.jsonl", "results.jsonl", rpm=3_000, tpm=1_000_000)

`records` reads the input and writes the output and errors files (the `ResultSink` that
the Batch API engine writes to as well).
"""

from .records import ResultSink

__all__ = ["ResultSink"]
