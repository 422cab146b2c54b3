"""The sync `OpenAI` façade drives the same resources: a few groups end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_oxide import NotFoundError, OpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.files import FileObject
from support import API_KEY


@pytest.fixture
def sync_client(fake: FakeOpenAI) -> Iterator[OpenAI]:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        yield client


def test_files_pages_and_content(sync_client: OpenAI, tmp_path: Path) -> None:
    ids = [sync_client.files.create(file=b"n%d" % i, purpose="batch").id for i in range(3)]
    assert all(isinstance(sync_client.files.retrieve(i), FileObject) for i in ids)
    page = sync_client.files.list(limit=2)
    assert page.has_next_page() and len(page.data) == 2
    assert [f.id for f in page.get_next_page().data] == [ids[0]]
    assert [f.id for f in sync_client.files.list(limit=1)] == ids[::-1]
    assert sync_client.files.content(ids[0]).content == b"n0"
    with sync_client.files.with_streaming_response.content(ids[1]) as response:
        assert b"".join(response.iter_bytes()) == b"n1"
    with sync_client.files.with_streaming_response.content(ids[2]) as response:
        response.write_to_file(tmp_path / "f")
    assert (tmp_path / "f").read_bytes() == b"n2"
    sync_client.files.delete(ids[0])
    with pytest.raises(NotFoundError):
        sync_client.files.retrieve(ids[0])


def test_other_groups(sync_client: OpenAI) -> None:
    store = sync_client.vector_stores.create(name="s")
    assert (
        sync_client.vector_stores.files.create(store.id, file_id="file-1").vector_store_id
        == store.id
    )
    speech = sync_client.audio.speech.create(model="tts-1", voice="alloy", input="hi")
    assert len(speech.content) == 40_000
    embedding = sync_client.embeddings.create(model="text-embedding-3-small", input="x")
    assert isinstance(embedding.data[0].embedding[0], float)
    stream = sync_client.images.generate(prompt="a cat", stream=True)
    assert [e.type for e in stream][-1] == "image_generation.completed"
    job = sync_client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file="file-1")
    assert len(list(sync_client.fine_tuning.jobs.list_events(job.id))) == 3
