"""The official `client.beta.chat` and `client.beta.responses` aliases."""

from __future__ import annotations

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.chat.chat_completion import ChatCompletion
from openai_oxide.types.responses import Response
from support import API_KEY


async def test_beta_chat_is_the_chat_group(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    completion = await client.beta.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    )
    assert isinstance(completion, ChatCompletion)
    assert type(client.beta.chat) is type(client.chat)
    assert last_request(fake, "POST", "/chat/completions").query == {}


async def test_beta_responses_send_beta_true(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    beta = client.beta.responses
    response = await beta.create(model="gpt-4o-mini", input="hi")
    assert isinstance(response, Response)
    assert last_request(fake, "POST", "/responses").query == {"beta": "true"}
    assert (await beta.retrieve(response.id)).id == response.id
    assert last_request(fake, "GET", f"/responses/{response.id}").query == {"beta": "true"}
    items = [item async for item in beta.input_items.list(response.id)]
    assert items
    listed = last_request(fake, "GET", f"/responses/{response.id}/input_items")
    assert listed.query["beta"] == "true"
    await beta.input_tokens.count(model="gpt-4o-mini", input="hi")
    assert last_request(fake, "POST", "/responses/input_tokens").query == {"beta": "true"}
    await beta.delete(response.id)
    assert last_request(fake, "DELETE", f"/responses/{response.id}").query == {"beta": "true"}
    # The client's own group is unchanged.
    await client.responses.create(model="gpt-4o-mini", input="hi")
    assert last_request(fake, "POST", "/responses").query == {}


def test_sync_beta_aliases(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        assert isinstance(client.beta.responses.create(model="gpt-4o-mini", input="x"), Response)
        assert last_request(fake, "POST", "/responses").query == {"beta": "true"}
