"""A deterministic fake OpenAI server for tests, benchmarks and demos (host only).

    from openai_oxide.testing import FakeOpenAI, Fault

    with FakeOpenAI() as server:             # daemon thread; or `async with` on your loop
        server.inject(Fault(status=429, headers={"retry-after": "1"}))
        ...  # point a client at server.url
        assert server.journal[0].path == "/v1/responses"

`FakeOpenAI(profile="ollama")` or `Fault(quirks=[...])` make streamed answers depart from
OpenAI's the way compatible servers do (see `profiles.py` for the table).

Needs the `testing` extra (hypercorn, trustme). Never imported by the SDK itself.
"""

from __future__ import annotations

from .batches import BatchTiming
from .faults import Fault
from .journal import JournalEntry
from .latency import LatencyModel
from .ratelimit_budget import RateBudget
from .server import FakeOpenAI

__all__ = ["BatchTiming", "FakeOpenAI", "Fault", "JournalEntry", "LatencyModel", "RateBudget"]
