from __future__ import annotations

from collections.abc import Iterator

import pytest

from openai_oxide.testing import FakeOpenAI


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    with server.running_in_thread():
        yield server


@pytest.fixture
def fake(fake_server: FakeOpenAI) -> FakeOpenAI:
    fake_server.reset()
    return fake_server
