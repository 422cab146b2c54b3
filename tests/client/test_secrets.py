"""The API key never shows up in a repr, a str, a log line or an exception."""

from __future__ import annotations

import logging
import traceback

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, MockResponse, MockTransport, OpenAI
from openai_oxide._core.http import Request
from openai_oxide.testing import FakeOpenAI
from support import API_KEY


def everything_said(exc: BaseException, *objects: object) -> str:
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    parts += [repr(o) for o in objects] + [str(o) for o in objects]
    parts += [repr(vars(exc)), repr(getattr(exc, "request", None))]
    return "\n".join(parts)


async def test_key_absent_from_status_error_and_logs(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=1)
    fake.inject(fake_fault(status=500, times=2))
    with pytest.raises(Exception) as info:
        await client.models.retrieve("gpt-test")
    said = everything_said(info.value, client, info.value.request, info.value.request.headers)  # type: ignore[attr-defined]
    said += caplog.text
    assert API_KEY not in said
    assert "Bearer" not in said
    # ...yet the key was really sent
    assert fake.journal[0].headers["authorization"] == f"Bearer {API_KEY}"


async def test_key_absent_from_connection_error() -> None:
    def refuse(request: Request) -> MockResponse:
        raise APIConnectionError("Connection error: refused", request)

    client = AsyncOpenAI(
        api_key=API_KEY,
        base_url="http://127.0.0.1:9/v1",
        transport=MockTransport(refuse),
        max_retries=0,
    )
    with pytest.raises(APIConnectionError) as info:
        await client.models.list()
    assert API_KEY not in everything_said(info.value, client)


async def test_key_absent_from_real_connection_refused() -> None:
    client = AsyncOpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9/v1", max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        await client.models.list()
    assert API_KEY not in everything_said(info.value, client)
    await client.close()


def test_sync_client_repr_hides_key() -> None:
    client = OpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9/v1")
    assert API_KEY not in repr(client) and API_KEY not in str(client)
    assert client.api_key == API_KEY  # readable on purpose, like the official SDK


def fake_fault(**kwargs: object) -> object:
    from openai_oxide.testing import Fault

    return Fault(**kwargs)  # type: ignore[arg-type]
