"""Batches and fine-tuning: jobs, events, checkpoints, permissions and graders."""

from __future__ import annotations

import json

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI
from openai_oxide.testing import BatchTiming, FakeOpenAI
from openai_oxide.types.batches import Batch
from openai_oxide.types.fine_tuning import (
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    GraderRunResponse,
    GraderValidateResponse,
    PermissionDeleteResponse,
)

GRADER = {
    "type": "string_check",
    "name": "exact",
    "input": "{{sample.output_text}}",
    "reference": "{{item.answer}}",
    "operation": "eq",
}


async def test_batches(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.set_batch_timing(BatchTiming(validating=30))  # still validating when cancelled
    line = {"custom_id": "a", "method": "POST", "url": "/v1/responses", "body": {}}
    upload = await client.files.create(
        file=("in.jsonl", json.dumps(line).encode()), purpose="batch"
    )
    created = await client.batches.create(
        completion_window="24h",
        endpoint="/v1/responses",
        input_file_id=upload.id,
        metadata={"team": "ü"},
    )
    assert isinstance(created, Batch) and created.id.startswith("batch_")
    assert created.input_file_id == upload.id and created.metadata == {"team": "ü"}
    assert created.status == "validating"
    assert (await client.batches.retrieve(created.id)).id == created.id
    cancelled = await client.batches.cancel(created.id)
    assert cancelled.status == "cancelling"  # as the API: `cancelled` once the work stops
    second = await client.batches.create(
        completion_window="24h", endpoint="/v1/responses", input_file_id=upload.id
    )
    page = await client.batches.list(limit=1)
    assert [b.id for b in page.data] == [second.id] and page.has_next_page()
    assert [b.id async for b in client.batches.list(limit=1)] == [second.id, created.id]


async def test_fine_tuning_jobs(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    job = await client.fine_tuning.jobs.create(
        model="gpt-4o-mini-2024-07-18",
        training_file="file-train",
        suffix="mine",
        method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 2}}},
    )
    assert isinstance(job, FineTuningJob) and job.id.startswith("ftjob-")
    assert job.training_file == "file-train"
    assert (await client.fine_tuning.jobs.retrieve(job.id)).id == job.id
    assert (await client.fine_tuning.jobs.pause(job.id)).status == "paused"
    assert (await client.fine_tuning.jobs.resume(job.id)).status == "running"
    assert (await client.fine_tuning.jobs.cancel(job.id)).status == "cancelled"
    jobs = [j.id async for j in client.fine_tuning.jobs.list(metadata={"k": "v"})]
    assert jobs == [job.id]
    assert last_request(fake, "GET", "/fine_tuning/jobs").query == {"metadata[k]": "v"}
    events = [e async for e in client.fine_tuning.jobs.list_events(job.id, limit=2)]
    assert len(events) == 3 and all(isinstance(e, FineTuningJobEvent) for e in events)
    checkpoints = await client.fine_tuning.jobs.checkpoints.list(job.id)
    assert all(isinstance(c, FineTuningJobCheckpoint) for c in checkpoints.data)


async def test_checkpoint_permissions_and_graders(client: AsyncOpenAI) -> None:
    checkpoint = "ft:gpt-4o-mini:org:custom:ckpt-step-10"
    permissions = client.fine_tuning.checkpoints.permissions
    created = await permissions.create(checkpoint, project_ids=["proj_1", "proj_2"])
    assert created.data
    listed = await permissions.retrieve(checkpoint, limit=5)
    assert listed is not None
    permission_id = created.data[0].id
    deleted = await permissions.delete(permission_id, fine_tuned_model_checkpoint=checkpoint)
    assert isinstance(deleted, PermissionDeleteResponse) and deleted.id == permission_id
    ran = await client.fine_tuning.alpha.graders.run(
        grader=GRADER, model_sample="Paris", item={"answer": "Paris"}
    )
    assert isinstance(ran, GraderRunResponse)
    valid = await client.fine_tuning.alpha.graders.validate(grader=GRADER)
    assert isinstance(valid, GraderValidateResponse)
