"""Vector stores (files, file batches, search) and the Assistants API (beta)."""

from __future__ import annotations

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types._base import BaseModel
from openai_oxide.types.beta.assistants import Assistant, AssistantDeleted
from openai_oxide.types.beta.threads import (
    Message,
    Run,
    RunStep,
    Thread,
    ThreadDeleted,
)
from openai_oxide.types.vector_stores import (
    VectorStore,
    VectorStoreDeleted,
    VectorStoreFile,
    VectorStoreFileBatch,
    VectorStoreFileDeleted,
    VectorStoreSearchResponse,
)

BETA = "assistants=v2"


async def test_vector_store_lifecycle(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    store = await client.vector_stores.create(
        name="docs", metadata={"k": "v"}, chunking_strategy={"type": "auto"}
    )
    assert isinstance(store, VectorStore) and store.name == "docs"
    assert last_request(fake, "POST", "/vector_stores").headers["openai-beta"] == BETA
    updated = await client.vector_stores.update(store.id, name="renamed")
    assert updated.name == "renamed"
    assert (await client.vector_stores.retrieve(store.id)).name == "renamed"
    assert [s.id async for s in client.vector_stores.list()] == [store.id]
    results = await client.vector_stores.search(
        store.id, query="café", max_num_results=3, rewrite_query=True
    )
    assert all(isinstance(r, VectorStoreSearchResponse) for r in results.data)
    assert not results.has_next_page()
    deleted = await client.vector_stores.delete(store.id)
    assert isinstance(deleted, VectorStoreDeleted) and deleted.deleted


async def test_vector_store_files_and_batches(client: AsyncOpenAI) -> None:
    store = await client.vector_stores.create(name="docs")
    vs_files = client.vector_stores.files
    attached = await vs_files.create(store.id, file_id="file-1", attributes={"lang": "de"})
    assert isinstance(attached, VectorStoreFile) and attached.vector_store_id == store.id
    got = await vs_files.retrieve(attached.id, vector_store_id=store.id)
    assert got.id == attached.id
    updated = await vs_files.update(attached.id, vector_store_id=store.id, attributes={"n": 1})
    assert updated.attributes == {"n": 1}
    listed = [f.id async for f in vs_files.list(store.id, filter="completed")]
    assert listed == [attached.id]
    chunks = [c async for c in vs_files.content(attached.id, vector_store_id=store.id)]
    assert chunks
    removed = await vs_files.delete(attached.id, vector_store_id=store.id)
    assert isinstance(removed, VectorStoreFileDeleted)
    batches = client.vector_stores.file_batches
    batch = await batches.create(store.id, file_ids=["file-1", "file-2"])
    assert isinstance(batch, VectorStoreFileBatch)
    assert (await batches.retrieve(batch.id, vector_store_id=store.id)).id == batch.id
    in_batch = [f async for f in batches.list_files(batch.id, vector_store_id=store.id)]
    assert all(isinstance(f, VectorStoreFile) for f in in_batch)
    assert (await batches.cancel(batch.id, vector_store_id=store.id)).status == "cancelled"


async def test_assistants(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    assistant = await client.beta.assistants.create(
        model="gpt-4o",
        name="Helper",
        instructions="Be brief.",
        tools=[{"type": "code_interpreter"}],
    )
    assert isinstance(assistant, Assistant) and assistant.name == "Helper"
    assert last_request(fake, "POST", "/assistants").headers["openai-beta"] == BETA
    changed = await client.beta.assistants.update(assistant.id, name="Helper 2")
    assert changed.name == "Helper 2"
    assert (await client.beta.assistants.retrieve(assistant.id)).name == "Helper 2"
    assert [a.id async for a in client.beta.assistants.list(order="asc")] == [assistant.id]
    deleted = await client.beta.assistants.delete(assistant.id)
    assert isinstance(deleted, AssistantDeleted)


async def test_threads_messages_runs_steps(client: AsyncOpenAI) -> None:
    threads = client.beta.threads
    thread = await threads.create(messages=[{"role": "user", "content": "Hallo"}])
    assert isinstance(thread, Thread)
    assert (await threads.update(thread.id, metadata={"a": "b"})).metadata == {"a": "b"}
    assert (await threads.retrieve(thread.id)).id == thread.id
    message = await threads.messages.create(thread.id, role="user", content="Grüße")
    assert isinstance(message, Message) and message.thread_id == thread.id
    got = await threads.messages.retrieve(message.id, thread_id=thread.id)
    assert got.id == message.id
    await threads.messages.update(message.id, thread_id=thread.id, metadata={"x": "y"})
    assert [m.id async for m in threads.messages.list(thread.id)] == [message.id]
    run = await threads.runs.create(thread.id, assistant_id="asst_1")
    assert isinstance(run, Run) and run.thread_id == thread.id
    assert (await threads.runs.retrieve(run.id, thread_id=thread.id)).id == run.id
    await threads.runs.update(run.id, thread_id=thread.id, metadata={"x": "y"})
    assert [r.id async for r in threads.runs.list(thread.id)] == [run.id]
    submitted = await threads.runs.submit_tool_outputs(
        run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": "call_1", "output": "42"}]
    )
    assert submitted.id == run.id
    steps = [s async for s in threads.runs.steps.list(run.id, thread_id=thread.id)]
    assert steps and all(isinstance(s, RunStep) for s in steps)
    step = await threads.runs.steps.retrieve(steps[0].id, thread_id=thread.id, run_id=run.id)
    assert step.id == steps[0].id
    assert (await threads.runs.cancel(run.id, thread_id=thread.id)).status == "cancelled"
    both = await threads.create_and_run(assistant_id="asst_1", thread={"messages": []})
    assert isinstance(both, Run)
    await threads.messages.delete(message.id, thread_id=thread.id)
    deleted = await threads.delete(thread.id)
    assert isinstance(deleted, ThreadDeleted)


async def test_run_stream(client: AsyncOpenAI) -> None:
    thread = await client.beta.threads.create()
    stream = await client.beta.threads.runs.create(thread.id, assistant_id="asst_1", stream=True)
    events = [event async for event in stream]
    # typed by their SSE event name, as in the official SDK
    assert events and all(isinstance(e, BaseModel) and e.event and e.data for e in events)
    assert events[0].event.startswith("thread.")
    assert not any(type(e).__name__.startswith("Unknown") for e in events)
