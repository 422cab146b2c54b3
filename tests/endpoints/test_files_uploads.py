"""Files and Uploads: multipart uploads from every file form, content downloads (bytes and
streamed), cursor pagination, and the Upload lifecycle."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from endpoints.helpers import last_request, received_file, received_form
from openai_oxide import AsyncOpenAI, NotFoundError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.files import FileDeleted, FileObject
from openai_oxide.types.uploads import Upload, UploadPart

DATA = b'{"prompt": "caf\xc3\xa9"}\n' + bytes(range(256)) * 40


async def test_create_from_bytes(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    created = await client.files.create(file=DATA, purpose="fine-tune")
    assert isinstance(created, FileObject)
    assert created.id.startswith("file-") and created.purpose == "fine-tune"
    assert created.bytes == len(DATA)
    sent = received_file(fake, "/files")
    assert sent.content == DATA and sent.filename == "upload"
    assert received_form(fake, "/files")["purpose"] == "fine-tune"
    entry = last_request(fake, "POST", "/files")
    assert entry.headers["content-type"].startswith("multipart/form-data; boundary=")


async def test_create_from_file_object_path_and_tuple(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    buffer = io.BytesIO(DATA)
    buffer.name = "/some/dir/train.jsonl"
    first = await client.files.create(file=buffer, purpose="batch")
    assert received_file(fake, "/files").filename == "train.jsonl"
    assert first.filename == "train.jsonl"

    path = tmp_path / "données.jsonl"
    path.write_bytes(DATA)
    second = await client.files.create(file=path, purpose="batch")
    assert received_file(fake, "/files").content == DATA
    assert second.filename == "données.jsonl"

    third = await client.files.create(
        file=("named.jsonl", DATA, "application/jsonl"), purpose="user_data"
    )
    sent = received_file(fake, "/files")
    assert (sent.filename, sent.content_type, sent.content) == (
        "named.jsonl",
        "application/jsonl",
        DATA,
    )
    assert third.bytes == len(DATA)


async def test_content_as_bytes_and_streamed(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    created = await client.files.create(file=DATA, purpose="user_data")
    content = await client.files.content(created.id)
    assert content.content == DATA and content.read() == DATA
    assert last_request(fake, "GET", f"/files/{created.id}/content").headers["accept"] == (
        "application/binary"
    )
    async with client.files.with_streaming_response.content(created.id) as response:
        chunks = [chunk async for chunk in response.iter_bytes(chunk_size=1000)]
    assert b"".join(chunks) == DATA and max(len(c) for c in chunks) == 1000
    target = tmp_path / "out.bin"
    async with client.files.with_streaming_response.content(created.id) as response:
        await response.write_to_file(target)
    assert target.read_bytes() == DATA
    content.write_to_file(tmp_path / "whole.bin")
    assert (tmp_path / "whole.bin").read_bytes() == DATA


async def test_retrieve_delete_and_missing(client: AsyncOpenAI) -> None:
    created = await client.files.create(file=b"abc", purpose="assistants")
    assert (await client.files.retrieve(created.id)).id == created.id
    deleted = await client.files.delete(created.id)
    assert isinstance(deleted, FileDeleted) and deleted.deleted and deleted.id == created.id
    with pytest.raises(NotFoundError):
        await client.files.retrieve(created.id)


async def test_list_pages(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    ids = [(await client.files.create(file=b"x%d" % i, purpose="batch")).id for i in range(5)]
    page = await client.files.list(limit=2, purpose="batch")
    assert [f.id for f in page.data] == ids[::-1][:2]
    assert page.has_next_page()
    second = await page.get_next_page()
    assert [f.id for f in second.data] == ids[::-1][2:4]
    assert last_request(fake, "GET", "/files").query == {
        "limit": "2",
        "purpose": "batch",
        "after": ids[3],
    }
    everything = [f.id async for f in client.files.list(limit=2)]
    assert everything == ids[::-1]
    ascending = [f.id async for f in client.files.list(limit=3, order="asc")]
    assert ascending == ids
    last = await second.get_next_page()
    assert not last.has_next_page()
    with pytest.raises(RuntimeError):
        await last.get_next_page()


async def test_upload_lifecycle(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    upload = await client.uploads.create(
        bytes=len(DATA), filename="big.jsonl", mime_type="text/jsonl", purpose="batch"
    )
    assert isinstance(upload, Upload) and upload.filename == "big.jsonl"
    half = len(DATA) // 2
    one = await client.uploads.parts.create(upload.id, data=DATA[:half])
    two = await client.uploads.parts.create(upload.id, data=io.BytesIO(DATA[half:]))
    assert isinstance(one, UploadPart) and one.upload_id == upload.id
    assert received_file(fake, f"/uploads/{upload.id}/parts", "data").content == DATA[half:]
    done = await client.uploads.complete(upload.id, part_ids=[one.id, two.id])
    assert done.status == "completed" and done.file is not None
    assert (await client.files.content(done.file.id)).content == DATA
    other = await client.uploads.create(
        bytes=1, filename="x", mime_type="text/plain", purpose="batch"
    )
    assert (await client.uploads.cancel(other.id)).status == "cancelled"


async def test_multipart_retry_resends_the_same_bytes(fake: FakeOpenAI) -> None:
    from openai_oxide.testing import Fault
    from support import API_KEY

    fake.inject(Fault(status=500, match="/files", headers={"retry-after-ms": "1"}))
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=1) as client:
        created = await client.files.create(file=io.BytesIO(DATA), purpose="batch")
    first, second = [e for e in fake.journal if e.path == "/v1/files"]
    assert (first.status, second.status) == (500, 200)
    assert first.body == second.body
    assert first.headers["content-type"] == second.headers["content-type"]
    assert created.bytes == len(DATA)


async def test_with_options_rebinds_groups(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    assert client.files is client.files  # cached per client
    other = client.with_options(max_retries=3)
    assert other.files is not client.files and other.files._client is other
    created = await other.files.create(file=b"x", purpose="batch")
    assert (await client.files.retrieve(created.id)).id == created.id
