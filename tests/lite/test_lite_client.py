"""The lite client's own surface: the sync client, the groups it leaves out, the key."""

from __future__ import annotations

import pytest

from openai_oxide.lite import AsyncOpenAI, OpenAI, OpenAIError, output_text
from openai_oxide.testing import FakeOpenAI

KEY = "sk-lite-secret-123"


def test_sync_client_returns_dicts_and_streams(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=KEY, base_url=fake.url, max_retries=0) as client:
        response = client.responses.create(model="gpt-4o", input="Hello")
        events = list(client.responses.create(model="gpt-4o", input="Hello", stream=True))
        chat = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "Hi"}]
        )
        models = client.get("/models")
        calls = list(
            client.chat.completions.create_stream_fc(
                model="gpt-4o",
                messages=[{"role": "user", "content": "Weather?"}],
                tools=[{"type": "function", "function": {"name": "get_weather"}}],
            )
        )
    assert type(response) is dict and output_text(response)
    deltas = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    assert deltas == output_text(response)
    assert events[-1]["type"] == "response.completed"
    assert chat["object"] == "chat.completion"
    assert isinstance(models["data"], list)
    assert [call.name for call in calls] == ["get_weather"]
    assert KEY not in repr(client)


async def test_typed_groups_are_absent_with_a_way_out(fake: FakeOpenAI) -> None:
    async with AsyncOpenAI(api_key=KEY, base_url=fake.url) as client:
        with pytest.raises(AttributeError, match=r"client.get/post/delete"):
            _ = client.files
        assert not hasattr(client, "models")
        listed = await client.get("/models")
        assert listed["object"] == "list"
        assert KEY not in repr(client)


async def test_with_options_keeps_the_lite_groups(fake: FakeOpenAI) -> None:
    async with AsyncOpenAI(api_key=KEY, base_url=fake.url) as client:
        other = client.with_options(max_retries=5)
        assert type(other) is AsyncOpenAI and other.max_retries == 5
        response = await other.responses.create(model="gpt-4o", input="Hi")
        assert type(response) is dict


def test_missing_key_is_an_actionable_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        AsyncOpenAI()


async def test_a_non_object_answer_is_a_validation_error(fake: FakeOpenAI) -> None:
    from openai_oxide.lite import APIResponseValidationError
    from openai_oxide.testing import Fault

    fake.inject(Fault(status=200, body=[1, 2], match="/v1/responses"))
    async with AsyncOpenAI(api_key=KEY, base_url=fake.url, max_retries=0) as client:
        with pytest.raises(APIResponseValidationError, match="JSON object") as info:
            await client.responses.create(model="gpt-4o", input="Hi")
    assert info.value.request_id
