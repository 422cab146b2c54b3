"""The fake validates every request body against the spec's request schema: a wrong
parameter name, type or nesting answers 400 with the instance path as `param`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from openai_oxide import AsyncOpenAI, BadRequestError
from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.catalog import Catalog
from openai_oxide.testing.spec import load_spec
from support import API_KEY

AUTH = {"authorization": f"Bearer {API_KEY}"}


async def test_wrong_enum_value(client: AsyncOpenAI) -> None:
    with pytest.raises(BadRequestError) as info:
        await client.files.create(file=b"x", purpose="training")  # not a purpose
    assert info.value.param == "purpose"
    assert info.value.code == "invalid_value"
    assert "#/components/schemas/CreateFileRequest/properties/purpose" in str(info.value)


async def test_unknown_and_missing_parameters(client: AsyncOpenAI) -> None:
    with pytest.raises(BadRequestError) as info:
        await client.files.create(file=b"x", purpose="batch", extra_body={"colour": "red"})
    assert (info.value.param, info.value.code) == ("colour", "unknown_parameter")
    with pytest.raises(BadRequestError) as info:
        await client.post("/batches", body={"completion_window": "24h", "endpoint": "/v1/chat"})
    assert (info.value.param, info.value.code) == ("input_file_id", "missing_required_parameter")


async def test_nested_path(client: AsyncOpenAI) -> None:
    with pytest.raises(BadRequestError) as info:
        await client.vector_stores.create(
            name="x",
            chunking_strategy={
                "type": "static",
                "static": {"chunk_overlap_tokens": 10, "max_chunk_size_tokens": "big"},
            },
        )
    assert info.value.param == "chunking_strategy.static.max_chunk_size_tokens"
    with pytest.raises(BadRequestError) as info:
        await client.beta.threads.create(messages=[{"role": "robot", "content": "hi"}])
    assert info.value.param == "messages[0].role"


async def test_multipart_fields_are_validated(client: AsyncOpenAI) -> None:
    with pytest.raises(BadRequestError) as info:
        await client.audio.transcriptions.create(
            file=b"RIFF",
            model="whisper-1",
            temperature="hot",  # type: ignore[arg-type]
        )
    assert info.value.param == "temperature"
    with pytest.raises(BadRequestError) as info:
        await client.audio.transcriptions.create(model="whisper-1", file=None)  # type: ignore[arg-type]
    assert info.value.param == "file"


async def test_bad_multipart_and_json(fake: FakeOpenAI) -> None:
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH) as http:
        r = await http.post(
            "/files", content=b"junk", headers={"content-type": "multipart/form-data; boundary=x"}
        )
        assert r.status_code == 400
        r = await http.post("/vector_stores", json={"name": 3})
        assert r.status_code == 400 and r.json()["error"]["param"] == "name"
        r = await http.get("/no/such/endpoint")
        assert r.status_code == 404


def test_without_the_spec() -> None:
    """Users running the fake have no spec: plausible bodies, no validation."""
    catalog = Catalog(spec_path="/nonexistent/openapi.yaml")
    assert catalog.spec is None
    assert catalog.handles("POST", "/vector_stores")
    assert not catalog.handles("POST", "/responses")
    invalid, decoded = catalog.check_request(
        "POST", "/vector_stores", {"content-type": "application/json"}, b'{"name": 3}'
    )
    assert invalid is None and decoded == {"name": 3}
    created = _json(catalog.answer("POST", "/vector_stores", {}, decoded))
    assert created["name"] == 3 and created["object"] == "vector_store"
    got = _json(catalog.answer("GET", f"/vector_stores/{created['id']}", {}, None))
    assert got["id"] == created["id"]
    listed = _json(catalog.answer("GET", "/vector_stores", {}, None))
    assert [o["id"] for o in listed["data"]] == [created["id"]]
    gone = _json(catalog.answer("DELETE", f"/vector_stores/{created['id']}", {}, None))
    assert gone["deleted"] is True
    content = catalog.answer("GET", "/files/file-1/content", {}, None)
    assert len(content.body) == 40_000


def test_spec_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    default = load_spec()
    assert default is not None
    monkeypatch.setenv("OXIDE_OPENAPI_SPEC", "/nonexistent.yaml")
    assert load_spec() is None


def _json(answer: Any) -> Any:
    import json

    return json.loads(answer.body)
