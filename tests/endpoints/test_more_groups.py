"""Realtime, videos, containers, evals, conversations, responses extras and stored chat
completions."""

from __future__ import annotations

from pathlib import Path

import pytest

from endpoints.helpers import last_request, received_file, received_form
from openai_oxide import AsyncOpenAI, NotFoundError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.chat.chat_completion import ChatCompletion
from openai_oxide.types.containers import ContainerCreateResponse, FileCreateResponse
from openai_oxide.types.conversations import Conversation, ConversationItemList
from openai_oxide.types.evals import EvalCreateResponse, RunCreateResponse
from openai_oxide.types.realtime import ClientSecretCreateResponse
from openai_oxide.types.responses.compacted_response import CompactedResponse
from openai_oxide.types.responses.input_tokens import InputTokenCountResponse
from openai_oxide.types.videos import Video, VideoDeleteResponse

MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(64)


async def test_realtime(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    secret = await client.realtime.client_secrets.create(
        expires_after={"anchor": "created_at", "seconds": 600},
        session={"type": "realtime", "model": "gpt-realtime"},
    )
    assert isinstance(secret, ClientSecretCreateResponse)
    # The spec's RealtimeSessionCreateRequest requires `client_secret` (the fake follows it).
    session = await client.realtime.sessions.create(
        model="gpt-4o-realtime-preview", client_secret={"value": "ek_1", "expires_at": 1}
    )
    assert session is not None
    beta = await client.beta.realtime.transcription_sessions.create(input_audio_format="pcm16")
    assert beta is not None
    calls = client.realtime.calls
    await calls.accept("rtc_1", type="realtime", model="gpt-realtime")
    await calls.refer("rtc_1", target_uri="tel:+14155550123")
    await calls.reject("rtc_1", status_code=486)
    await calls.hangup("rtc_1")
    assert last_request(fake, "POST", "/realtime/calls/rtc_1/hangup").status == 200


async def test_videos(fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path) -> None:
    video = await client.videos.create(prompt="a cat on a boat", model="sora-2", seconds="4")
    assert isinstance(video, Video) and video.id.startswith("video_")
    assert received_form(fake, "/videos")["prompt"] == "a cat on a boat"
    with_reference = await client.videos.create(
        prompt="same cat", input_reference=("ref.png", b"\x89PNG", "image/png")
    )
    assert received_file(fake, "/videos", "input_reference").content == b"\x89PNG"
    assert (await client.videos.retrieve(video.id)).id == video.id
    assert [v.id async for v in client.videos.list(limit=1)] == [with_reference.id, video.id]
    remixed = await client.videos.remix(video.id, prompt="now at night")
    assert isinstance(remixed, Video)
    content = await client.videos.download_content(video.id)
    assert len(content.content) > 1000
    assert last_request(fake, "GET", f"/videos/{video.id}/content").status == 200
    async with client.videos.with_streaming_response.download_content(
        video.id, variant="video"
    ) as response:
        assert response.content_type == "video/mp4"
        await response.write_to_file(tmp_path / "v.mp4")
    assert (tmp_path / "v.mp4").read_bytes() == content.content
    edited = await client.videos.edit(prompt="brighter", video=MP4)
    assert isinstance(edited, Video)
    deleted = await client.videos.delete(video.id)
    assert isinstance(deleted, VideoDeleteResponse)
    with pytest.raises(NotFoundError):
        await client.videos.retrieve(video.id)


async def test_containers(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    container = await client.containers.create(name="sandbox", memory_limit="4g")
    assert isinstance(container, ContainerCreateResponse) and container.name == "sandbox"
    assert (await client.containers.retrieve(container.id)).id == container.id
    assert [c.id async for c in client.containers.list()] == [container.id]
    files = client.containers.files
    uploaded = await files.create(container.id, file=("data.csv", b"a,b\n1,2\n", "text/csv"))
    assert isinstance(uploaded, FileCreateResponse)
    assert received_file(fake, f"/containers/{container.id}/files").content == b"a,b\n1,2\n"
    by_id = await files.create(container.id, file_id="file-abc")
    # Multipart even without a file, as the official SDK sends it.
    assert received_form(fake, f"/containers/{container.id}/files") == {"file_id": "file-abc"}
    got = await files.retrieve(uploaded.id, container_id=container.id)
    assert got.id == uploaded.id
    assert {f.id async for f in files.list(container.id)} == {uploaded.id, by_id.id}
    content = await files.content.retrieve(uploaded.id, container_id=container.id)
    assert content.content == b"a,b\n1,2\n"
    assert await files.delete(uploaded.id, container_id=container.id) is None
    assert await client.containers.delete(container.id) is None


async def test_evals(client: AsyncOpenAI) -> None:
    created = await client.evals.create(
        name="capitals",
        data_source_config={
            "type": "custom",
            "item_schema": {"type": "object", "properties": {"q": {"type": "string"}}},
        },
        testing_criteria=[
            {
                "type": "string_check",
                "name": "match",
                "input": "{{sample.output_text}}",
                "reference": "{{item.a}}",
                "operation": "eq",
            }
        ],
    )
    assert isinstance(created, EvalCreateResponse) and created.name == "capitals"
    assert (await client.evals.retrieve(created.id)).id == created.id
    assert (await client.evals.update(created.id, name="caps")).name == "caps"
    assert [e.id async for e in client.evals.list(order_by="created_at")] == [created.id]
    run = await client.evals.runs.create(
        created.id,
        name="first",
        data_source={
            "type": "jsonl",
            "source": {"type": "file_content", "content": [{"item": {"q": "France?"}}]},
        },
    )
    assert isinstance(run, RunCreateResponse) and run.eval_id == created.id
    assert (await client.evals.runs.retrieve(run.id, eval_id=created.id)).id == run.id
    assert [r.id async for r in client.evals.runs.list(created.id)] == [run.id]
    items = [i async for i in client.evals.runs.output_items.list(run.id, eval_id=created.id)]
    assert items
    item = await client.evals.runs.output_items.retrieve(
        items[0].id, eval_id=created.id, run_id=run.id
    )
    assert item.id == items[0].id
    cancelled = await client.evals.runs.cancel(run.id, eval_id=created.id)
    assert cancelled.status in ("canceled", "cancelled")
    assert (await client.evals.runs.delete(run.id, eval_id=created.id)) is not None
    assert (await client.evals.delete(created.id)) is not None


async def test_conversations(client: AsyncOpenAI) -> None:
    conversation = await client.conversations.create(
        metadata={"topic": "demo"},
        items=[{"type": "message", "role": "user", "content": "Bonjour"}],
    )
    assert isinstance(conversation, Conversation)
    got = await client.conversations.retrieve(conversation.id)
    assert got.id == conversation.id
    updated = await client.conversations.update(conversation.id, metadata={"topic": "x"})
    assert updated.metadata == {"topic": "x"}
    added = await client.conversations.items.create(
        conversation.id,
        items=[{"type": "message", "role": "user", "content": "Salut"}],
        include=["message.output_text.logprobs"],
    )
    assert isinstance(added, ConversationItemList)
    listed = [i async for i in client.conversations.items.list(conversation.id, limit=1)]
    assert listed
    assert await client.conversations.delete(conversation.id) is not None


async def test_responses_extras(client: AsyncOpenAI) -> None:
    count = await client.responses.input_tokens.count(model="gpt-4o", input="Wie viele?")
    assert isinstance(count, InputTokenCountResponse)
    compacted = await client.responses.compact(model="gpt-5", input="a long conversation")
    assert isinstance(compacted, CompactedResponse)


async def test_stored_chat_completions(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    completions = client.chat.completions
    listed = await completions.list(limit=2, metadata={"k": "v"}, model="gpt-4o")
    assert all(isinstance(c, ChatCompletion) for c in listed.data)
    assert last_request(fake, "GET", "/chat/completions").query["metadata[k]"] == "v"
    first = listed.data[0]
    assert (await completions.retrieve(first.id)).id == first.id
    updated = await completions.update(first.id, metadata={"tag": "ü"})
    assert updated.id == first.id
    messages = [m async for m in completions.messages.list(first.id, limit=1)]
    assert messages
    deleted = await completions.delete(first.id)
    assert deleted.deleted


async def test_video_characters_and_extensions(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    character = await client.videos.create_character(
        name="Ada", video=("ada.mp4", MP4, "video/mp4")
    )
    assert received_file(fake, "/videos/characters", "video").content == MP4
    got = await client.videos.get_character(character.id)
    assert got.id == character.id
    extended = await client.videos.extend(prompt="keep going", seconds="4", video=MP4)
    assert isinstance(extended, Video)
    assert received_form(fake, "/videos/extensions")["seconds"] == "4"


async def test_file_retrieve_content_as_text(client: AsyncOpenAI) -> None:
    created = await client.files.create(file="grüße\n".encode(), purpose="user_data")
    assert await client.files.retrieve_content(created.id) == "grüße\n"
