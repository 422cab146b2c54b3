from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from openai_oxide.testing import FakeOpenAI

# Hypothesis: CI is deterministic (a fixed seed per test, no example database, so a run does
# not depend on an earlier one); `scripts/fuzz.sh` picks "fuzz": random seeds, many examples,
# failures kept in .hypothesis/fuzz and replayed first. Found cases become @example.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=DirectoryBasedExampleDatabase(".hypothesis/fuzz"),
    deadline=None,
    print_blob=True,
    max_examples=int(os.environ.get("OXIDE_FUZZ_EXAMPLES", "2000")),
)
settings.load_profile(os.environ.get("OXIDE_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    with server.running_in_thread():
        yield server


@pytest.fixture
def fake(fake_server: FakeOpenAI) -> FakeOpenAI:
    fake_server.reset()
    return fake_server
