"""What the spec's samples needed from the fake: ids it never issued taken as existing
objects (`adopt_unknown_ids`), base64 fields that decode, answers picked by
`response_format`, a streamed legacy completion, and request validation that follows
nested unions and lets documented defaults be left out."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.spec import Spec, load_spec
from testing.fake_helpers import AUTH, parse_sse


@pytest.fixture(scope="module")
def adopting_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(adopt_unknown_ids=True).running_in_thread() as server:
        yield server


@pytest.fixture
async def adopting(adopting_server: FakeOpenAI) -> AsyncIterator[httpx.AsyncClient]:
    adopting_server.reset()
    async with httpx.AsyncClient(base_url=adopting_server.url, headers=AUTH, timeout=10) as c:
        yield c


@pytest.fixture(scope="module")
def spec() -> Spec:
    loaded = load_spec()
    if loaded is None:
        pytest.skip("the spec is needed")
    return loaded


async def test_unknown_ids_answer_404_by_default(http: httpx.AsyncClient) -> None:
    for path in ("/files/file-abc123", "/responses/resp_123", "/models/VAR_model"):
        assert (await http.get(path)).status_code == 404, path


async def test_adopted_ids_are_existing_objects_that_keep_changes(
    adopting: httpx.AsyncClient,
) -> None:
    first = (await adopting.get("/vector_stores/vs_abc123")).json()
    assert first["id"] == "vs_abc123" and first["object"] == "vector_store"
    assert (await adopting.get("/vector_stores/vs_abc123")).json() == first  # deterministic
    updated = await adopting.post("/vector_stores/vs_abc123", json={"name": "Support FAQ"})
    assert updated.json()["name"] == "Support FAQ"
    assert (await adopting.get("/vector_stores/vs_abc123")).json()["name"] == "Support FAQ"
    cancelled = (await adopting.post("/fine_tuning/jobs/ftjob-abc123/cancel")).json()
    assert (cancelled["id"], cancelled["status"]) == ("ftjob-abc123", "cancelled")
    deleted = (await adopting.delete("/files/file-abc123")).json()
    assert deleted == {**deleted, "id": "file-abc123", "deleted": True}
    model = (await adopting.get("/models/VAR_chat_model_id")).json()
    assert model["id"] == "VAR_chat_model_id"


async def test_adopted_responses_and_seeded_collections(adopting: httpx.AsyncClient) -> None:
    response = (await adopting.get("/responses/resp_123")).json()
    assert response["id"] == "resp_123" and response["status"] == "completed"
    items = (await adopting.get("/responses/resp_123/input_items")).json()["data"]
    assert [item["role"] for item in items] == ["user"]
    # A collection the account "already holds" lists three items before any create.
    videos = (await adopting.get("/videos")).json()["data"]
    assert len(videos) == 3 and all(v["id"].startswith("video_") for v in videos)


async def test_base64_fields_decode(http: httpx.AsyncClient) -> None:
    answer = await http.post("/images/generations", json={"prompt": "an otter"})
    image = base64.b64decode(answer.json()["data"][0]["b64_json"], validate=True)
    assert image.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    ("response_format", "field"),
    [("json", "logprobs"), ("verbose_json", "language"), ("diarized_json", "segments")],
)
async def test_response_format_picks_the_answer(
    http: httpx.AsyncClient, response_format: str, field: str
) -> None:
    answer = await http.post(
        "/audio/transcriptions",
        data={"model": "whisper-1", "response_format": response_format},
        files={"file": ("a.mp3", b"ID3", "audio/mpeg")},
    )
    assert answer.status_code == 200 and field in answer.json()


async def test_legacy_completion_streams_chunks_then_done(http: httpx.AsyncClient) -> None:
    answer = await http.post("/completions", json={"model": "m", "prompt": "p", "stream": True})
    events = parse_sse(answer.content)
    assert events[-1] == (None, "[DONE]")
    assert [data["object"] for _, data in events[:-1]] == ["text_completion"]


def test_validation_tries_nested_unions(spec: Spec) -> None:
    """An output message sent back as input sits in `Item`, a union nested in
    `InputItem` beside the tagged `EasyInputMessage`: it validates."""
    message = {
        "id": "msg_001",
        "type": "message",
        "status": "completed",
        "role": "assistant",
        "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": "Hi"}],
    }
    schema = {"$ref": "#/components/schemas/InputItem"}
    assert spec.validate(schema, message) is None
    assert spec.validate(schema, {**message, "status": "bogus"}) is not None


def test_required_fields_with_a_documented_default_may_be_left_out(spec: Spec) -> None:
    image = {"$ref": "#/components/schemas/InputImageContent"}
    assert spec.validate(image, {"type": "input_image", "image_url": "https://x/y.png"}) is None
    static = {"$ref": "#/components/schemas/StaticChunkingStrategyRequestParam"}
    failure = spec.validate(static, {"type": "static"})  # `static` has no default
    assert failure is not None and failure.param == "static"
