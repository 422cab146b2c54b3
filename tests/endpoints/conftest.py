from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from support import API_KEY


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c
