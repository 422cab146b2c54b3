"""The official `client.beta.chat` alias (`client.beta.responses` is its own group:
test_beta_responses.py)."""

from __future__ import annotations

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.chat.chat_completion import ChatCompletion


async def test_beta_chat_is_the_chat_group(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    completion = await client.beta.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    )
    assert isinstance(completion, ChatCompletion)
    assert type(client.beta.chat) is type(client.chat)
    assert last_request(fake, "POST", "/chat/completions").query == {}
