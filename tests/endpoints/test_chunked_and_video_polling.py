"""`uploads.upload_file_chunked` (parts in order, then complete) and the video pollers
(`videos.poll`, `videos.create_and_poll`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from endpoints.helpers import last_request
from endpoints.test_polling import in_progress, polls, sleeps  # noqa: F401 (fixture)
from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI, Fault

DATA = bytes(range(256)) * 40  # 10,240 bytes


async def test_upload_file_chunked_from_a_path(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(DATA)
    upload = await client.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="batch", part_size=4096, md5="abc"
    )
    assert upload.status == "completed" and upload.file is not None
    created = last_request(fake, "POST", "/uploads").json
    assert created == {
        "bytes": len(DATA),
        "filename": "corpus.jsonl",
        "mime_type": "text/jsonl",
        "purpose": "batch",
    }
    parts = [e for e in fake.journal if e.path == f"/v1/uploads/{upload.id}/parts"]
    assert len(parts) == 3  # 4096 + 4096 + 2048
    completed = last_request(fake, "POST", f"/uploads/{upload.id}/complete").json
    assert len(completed["part_ids"]) == 3 and completed["md5"] == "abc"
    # The fake joins the parts in `part_ids` order: the file is the original bytes.
    assert (await client.files.content(upload.file.id)).content == DATA


async def test_upload_file_chunked_from_bytes(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    with pytest.raises(TypeError, match="filename"):
        await client.uploads.upload_file_chunked(
            file=DATA, mime_type="text/plain", purpose="assistants", bytes=len(DATA)
        )
    with pytest.raises(TypeError, match="bytes"):
        await client.uploads.upload_file_chunked(
            file=DATA, mime_type="text/plain", purpose="assistants", filename="a.txt"
        )
    assert all(e.path != "/v1/uploads" for e in fake.journal)  # refused before sending
    upload = await client.uploads.upload_file_chunked(
        file=DATA, filename="a.txt", bytes=len(DATA), mime_type="text/plain", purpose="assistants"
    )
    assert upload.file is not None
    assert (await client.files.content(upload.file.id)).content == DATA  # one default part
    assert len([e for e in fake.journal if e.path.endswith("/parts")]) == 1


async def test_video_create_and_poll_follows_the_hint(
    fake: FakeOpenAI,
    client: AsyncOpenAI,
    sleeps: list[float],  # noqa: F811
) -> None:
    in_progress(fake, 2)
    fake.inject(Fault(headers={"openai-poll-after-ms": "25"}, match="/videos/video_"))
    video = await client.videos.create_and_poll(prompt="a cat on a boat", model="sora-2")
    assert video.status == "completed"
    seen = polls(fake, f"/videos/{video.id}")
    assert len(seen) == 3
    assert all("x-stainless-custom-poll-interval" not in e.headers for e in seen)
    assert sleeps == [0.025, 0.025]


async def test_video_poll_with_an_explicit_interval(
    fake: FakeOpenAI,
    client: AsyncOpenAI,
    sleeps: list[float],  # noqa: F811
) -> None:
    video = await client.videos.create(prompt="a dog")
    in_progress(fake, 1)
    done = await client.videos.poll(video.id, poll_interval_ms=5)
    assert done.status == "completed"
    seen = polls(fake, f"/videos/{video.id}")
    assert [e.headers["x-stainless-custom-poll-interval"] for e in seen] == ["5", "5"]
    assert sleeps == [0.005]
