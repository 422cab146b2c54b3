"""The official polling helpers: vector store files and file batches, runs, files.

The fake creates asynchronous work in progress and settles it on the first retrieve;
`catalog.in_progress_retrieves = N` keeps it in progress for N retrieves, so the helpers
really poll. Their waits are recorded (and skipped) by the `sleeps` fixture; a queued
`Fault(headers=...)` adds the `openai-poll-after-ms` hint to an answer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.testing import FakeOpenAI, Fault
from openai_oxide.types.beta.threads import Run
from openai_oxide.types.vector_stores import VectorStoreFile, VectorStoreFileBatch
from support import API_KEY

HINT = "openai-poll-after-ms"


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The seconds each `asyncio.sleep` of the test's own thread asked for; the waits are
    skipped (the fake's thread sleeps for real)."""
    recorded: list[float] = []
    real_sleep = asyncio.sleep
    me = threading.get_ident()

    async def sleep(delay: float, result: Any = None) -> Any:
        if threading.get_ident() != me:
            return await real_sleep(delay, result)
        recorded.append(delay)
        return await real_sleep(0, result)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    return recorded


def in_progress(fake: FakeOpenAI, retrieves: int) -> None:
    fake._app.catalog.in_progress_retrieves = retrieves


def polls(fake: FakeOpenAI, path: str) -> list[Any]:
    """The helper's retrieves of `/v1{path}` (marked with `x-stainless-poll-helper`)."""
    return [
        e
        for e in fake.journal
        if e.method == "GET"
        and e.path == "/v1" + path
        and e.headers.get("x-stainless-poll-helper") == "true"
    ]


async def test_vector_store_file_create_and_poll_follows_the_hint(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    store = await client.vector_stores.create(name="docs")
    path = f"/vector_stores/{store.id}/files/file-1"
    in_progress(fake, 2)
    fake.inject(Fault(headers={HINT: "7"}, match=path, times=3))
    done = await client.vector_stores.files.create_and_poll(
        "file-1", vector_store_id=store.id, attributes={"lang": "de"}, extra_headers={"x-a": "b"}
    )
    assert isinstance(done, VectorStoreFile) and done.status == "completed"
    attach = last_request(fake, "POST", f"/vector_stores/{store.id}/files")
    assert attach.json["attributes"] == {"lang": "de"} and attach.headers["x-a"] == "b"
    seen = polls(fake, path)
    assert len(seen) == 3
    assert all(e.headers["openai-beta"] == "assistants=v2" for e in seen)
    assert all("x-stainless-custom-poll-interval" not in e.headers for e in seen)
    assert sleeps == [0.007, 0.007]


async def test_explicit_interval_wins_and_default_is_one_second(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    store = await client.vector_stores.create(name="docs")
    files = client.vector_stores.files
    await files.create(store.id, file_id="file-1")
    await files.create(store.id, file_id="file-2")
    in_progress(fake, 1)
    fake.inject(Fault(headers={HINT: "7"}, match="/files/file-1"))
    await files.poll("file-1", vector_store_id=store.id, poll_interval_ms=3)
    seen = polls(fake, f"/vector_stores/{store.id}/files/file-1")
    assert [e.headers["x-stainless-custom-poll-interval"] for e in seen] == ["3", "3"]
    assert sleeps == [0.003]
    sleeps.clear()
    await files.poll("file-2", vector_store_id=store.id)  # no hint: one second
    assert sleeps == [1.0]


async def test_vector_store_file_poll_max_wait(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    store = await client.vector_stores.create(name="docs")
    files = client.vector_stores.files
    await files.create(store.id, file_id="file-1")
    with pytest.raises(ValueError, match="max_wait_seconds"):
        await files.poll("file-1", vector_store_id=store.id, max_wait_seconds=-1)
    with pytest.raises(ValueError, match="max_wait_seconds"):
        await files.create_and_poll(
            "file-2", vector_store_id=store.id, max_wait_seconds=float("inf")
        )
    with pytest.raises(TimeoutError, match="file-1"):
        await files.poll("file-1", vector_store_id=store.id, max_wait_seconds=0)
    assert polls(fake, f"/vector_stores/{store.id}/files/file-1") == []
    assert not any(e.path.endswith("/files/file-2") for e in fake.journal)
    in_progress(fake, 1)
    done = await files.poll("file-1", vector_store_id=store.id, max_wait_seconds=60)
    assert done.status == "completed"
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 1.0  # never past the deadline


async def test_vector_store_file_upload_and_poll(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    store = await client.vector_stores.create(name="docs")
    files = client.vector_stores.files
    attached = await files.upload(vector_store_id=store.id, file=("a.txt", b"alpha"))
    uploaded = last_request(fake, "POST", "/files")
    assert b"assistants" in uploaded.body and b"alpha" in uploaded.body
    assert attached.status == "in_progress" and attached.vector_store_id == store.id
    assert polls(fake, f"/vector_stores/{store.id}/files/{attached.id}") == []
    done = await files.upload_and_poll(
        vector_store_id=store.id, file=("b.txt", b"beta"), attributes={"k": "v"}
    )
    assert done.status == "completed"
    assert last_request(fake, "POST", f"/vector_stores/{store.id}/files").json["attributes"] == {
        "k": "v"
    }
    assert len(polls(fake, f"/vector_stores/{store.id}/files/{done.id}")) == 1


async def test_file_batch_create_and_poll(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    store = await client.vector_stores.create(name="docs")
    batches = client.vector_stores.file_batches
    in_progress(fake, 3)
    fake.inject(Fault(headers={HINT: "2"}, match="/file_batches/"))
    batch = await batches.create_and_poll(store.id, file_ids=["file-1", "file-2"])
    assert isinstance(batch, VectorStoreFileBatch)
    assert batch.file_counts.in_progress == 0 and batch.status == "completed"
    assert len(polls(fake, f"/vector_stores/{store.id}/file_batches/{batch.id}")) == 4
    assert sleeps == [0.002] * 3  # the first unsettled answer's hint holds


async def test_file_batch_upload_and_poll(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    store = await client.vector_stores.create(name="docs")
    in_progress(fake, 1)
    batch = await client.vector_stores.file_batches.upload_and_poll(
        store.id,
        files=[(f"{i}.txt", b"x%d" % i) for i in range(4)],
        file_ids=["file-old"],
        max_concurrency=2,
        poll_interval_ms=1,
    )
    uploads = [e for e in fake.journal if e.method == "POST" and e.path == "/v1/files"]
    assert len(uploads) == 4
    created = last_request(fake, "POST", f"/vector_stores/{store.id}/file_batches").json
    assert created["file_ids"][0] == "file-old" and len(created["file_ids"]) == 5
    assert batch.file_counts.in_progress == 0 and sleeps == [0.001]


async def test_file_batch_upload_failure_raises(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    store = await client.vector_stores.create(name="docs")
    fake.inject(Fault(status=500, match="/files"))
    with pytest.raises(Exception, match="500"):
        await client.vector_stores.file_batches.upload_and_poll(store.id, files=[b"a", b"b"])
    assert not any("/file_batches" in e.path for e in fake.journal)


async def test_runs_create_and_poll(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    thread = await client.beta.threads.create()
    in_progress(fake, 2)
    fake.inject(Fault(headers={HINT: "4"}, match="/runs/"))
    run = await client.beta.threads.runs.create_and_poll(
        thread_id=thread.id, assistant_id="asst_1", instructions="Be brief."
    )
    assert isinstance(run, Run) and run.status == "completed"
    created = last_request(fake, "POST", f"/threads/{thread.id}/runs")
    assert created.json["instructions"] == "Be brief." and "stream" not in created.json
    seen = polls(fake, f"/threads/{thread.id}/runs/{run.id}")
    assert len(seen) == 3 and all(e.headers["openai-beta"] == "assistants=v2" for e in seen)
    assert sleeps == [0.004, 0.004]


@pytest.mark.parametrize(
    "status", ["requires_action", "cancelled", "failed", "expired", "incomplete"]
)
async def test_run_poll_stops_at_every_terminal_status(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float], status: str
) -> None:
    thread = await client.beta.threads.create()
    run = await client.beta.threads.runs.create(thread.id, assistant_id="asst_1")
    assert isinstance(run, Run)
    path = f"/threads/{thread.id}/runs/{run.id}"
    in_progress(fake, 10)
    body = {**run.model_dump(mode="json"), "status": "in_progress"}
    fake.inject(Fault(body=body, match=path))
    fake.inject(Fault(body={**body, "status": status}, match=path))
    got = await client.beta.threads.runs.poll(run.id, thread.id, poll_interval_ms=1)
    assert got.status == status
    assert len(polls(fake, path)) == 2 and sleeps == [0.001]


async def test_run_poll_passes_call_options(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    thread = await client.beta.threads.create()
    run = await client.beta.threads.runs.create(thread.id, assistant_id="asst_1")
    assert isinstance(run, Run)
    await client.beta.threads.runs.poll(
        run.id, thread.id, extra_headers={"x-a": "b"}, extra_query={"q": "1"}, timeout=30
    )
    (seen,) = polls(fake, f"/threads/{thread.id}/runs/{run.id}")
    assert seen.headers["x-a"] == "b" and seen.query == {"q": "1"}


async def test_threads_create_and_run_poll(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    in_progress(fake, 1)
    run = await client.beta.threads.create_and_run_poll(
        assistant_id="asst_1",
        thread={"messages": [{"role": "user", "content": "hi"}]},
        poll_interval_ms=5,
    )
    assert run.status == "completed"
    assert last_request(fake, "POST", "/threads/runs").json["thread"]["messages"]
    assert len(polls(fake, f"/threads/{run.thread_id}/runs/{run.id}")) == 2
    assert sleeps == [0.005]


async def test_files_wait_for_processing(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    file = await client.files.create(file=b"data", purpose="assistants")
    assert file.status == "uploaded"
    in_progress(fake, 2)
    fake.inject(Fault(headers={HINT: "9"}, match="/files/"))  # not used by this helper
    done = await client.files.wait_for_processing(file.id, poll_interval=0.01)
    assert done.status == "processed"
    retrieves = [e for e in fake.journal if e.method == "GET" and e.path == f"/v1/files/{file.id}"]
    assert len(retrieves) == 3 and sleeps == [0.01, 0.01]


async def test_files_wait_for_processing_gives_up(
    fake: FakeOpenAI, client: AsyncOpenAI, sleeps: list[float]
) -> None:
    file = await client.files.create(file=b"data", purpose="assistants")
    in_progress(fake, 100)
    with pytest.raises(RuntimeError, match="Giving up"):
        await client.files.wait_for_processing(file.id, poll_interval=0.0, max_wait_seconds=0)
    assert sleeps == [0.0]


@pytest.fixture
def sync_client(fake: FakeOpenAI) -> Iterator[OpenAI]:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


def test_sync_client_polls_too(fake: FakeOpenAI, sync_client: OpenAI) -> None:
    store = sync_client.vector_stores.create(name="docs")
    in_progress(fake, 2)
    done = sync_client.vector_stores.files.upload_and_poll(
        vector_store_id=store.id, file=b"abc", poll_interval_ms=1
    )
    assert done.status == "completed"
    assert len(polls(fake, f"/vector_stores/{store.id}/files/{done.id}")) == 3
