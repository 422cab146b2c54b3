from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from openai_oxide.testing import FakeOpenAI
from testing.fake_helpers import AUTH


@pytest.fixture(scope="session")
def fake_tls_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(tls=True).running_in_thread() as server:
        yield server


@pytest.fixture
def fake_tls(fake_tls_server: FakeOpenAI) -> FakeOpenAI:
    fake_tls_server.reset()
    return fake_tls_server


@pytest.fixture
async def http(fake: FakeOpenAI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH, timeout=10) as client:
        yield client


@pytest.fixture
async def h2(fake_tls: FakeOpenAI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=fake_tls.url,
        headers=AUTH,
        timeout=10,
        http2=True,
        verify=fake_tls.client_ssl_context(),
    ) as client:
        yield client
