"""The sync client drives the async code on a private loop; it also works inside a running loop."""

from __future__ import annotations

import asyncio

import pytest

from openai_oxide import NotFoundError, OpenAI
from openai_oxide.testing import FakeOpenAI
from support import API_KEY


def test_sync_create_stream_and_list(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        response = client.responses.create(model="gpt-test", input="hi")
        assert response.output_text
        again = client.responses.retrieve(response.id)
        assert again.id == response.id and again.output_text == response.output_text
        events = list(client.responses.create(model="gpt-test", input="hi", stream=True))
        assert events[-1].type == "response.completed"
        assert events[-1].response.output_text == response.output_text
        ids = [m.id for m in client.models.list()]
        assert ids and client.models.retrieve(ids[0]).id == ids[0]
        with pytest.raises(NotFoundError):
            client.models.retrieve("no-such-model")


def test_sync_stream_context_manager_closes(fake: FakeOpenAI) -> None:
    client = OpenAI(api_key=API_KEY, base_url=fake.url)
    with client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}], stream=True
    ) as stream:
        first = next(iter(stream))
        assert first.object == "chat.completion.chunk"


async def test_sync_client_inside_a_running_loop(fake: FakeOpenAI) -> None:
    """As in a notebook cell: a loop runs in this thread, and sync calls still work."""
    assert asyncio.get_running_loop().is_running()
    client = OpenAI(api_key=API_KEY, base_url=fake.url)
    completion = client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hi"}]
    )
    assert completion.choices[0].message.content


def test_raw_escape_hatches(fake: FakeOpenAI) -> None:
    client = OpenAI(api_key=API_KEY, base_url=fake.url)
    created = client.post("/responses", body={"model": "gpt-test", "input": "raw"})
    assert created["object"] == "response"
    assert client.get(f"/responses/{created['id']}")["id"] == created["id"]
    deleted = client.delete(f"/responses/{created['id']}")
    assert deleted["deleted"] is True
