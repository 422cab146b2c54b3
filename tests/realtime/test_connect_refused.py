"""A refused Realtime handshake raises what the same HTTP status raises over HTTP, with the
API's message and the answer's request id (natively; Node and a page: tests_browser)."""

from __future__ import annotations

import pytest

from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    AuthenticationError,
    NotFoundError,
    OpenAI,
    PermissionDeniedError,
)
from openai_oxide.lib.realtime.handshake import refused
from openai_oxide.testing import FakeOpenAI

MODEL = "gpt-realtime"


async def test_a_wrong_key_is_an_authentication_error_with_the_request_id() -> None:
    fake = FakeOpenAI(api_key="sk-server")
    with fake.running_in_thread():
        client = AsyncOpenAI(api_key="sk-wrong", base_url=fake.url)
        with pytest.raises(AuthenticationError) as info:
            async with client.realtime.connect(model=MODEL):
                pass
        await client.close()
        sync = OpenAI(api_key="sk-wrong", base_url=fake.url)
        with pytest.raises(AuthenticationError):
            sync.realtime.connect(model=MODEL).enter()
        sync.close()
    err = info.value
    assert err.status_code == 401
    assert err.request_id is not None and err.request_id.startswith("req_")
    assert str(err) == (
        f"Error code: 401 - Incorrect API key provided. (request id: {err.request_id})"
    )
    assert err.code == "invalid_api_key"
    assert isinstance(err.__cause__, APIConnectionError)  # the transport's error, chained
    assert "sk-wrong" not in str(err) and "sk-wrong" not in repr(err.body)


async def test_other_statuses_map_as_over_http(fake: FakeOpenAI) -> None:
    fake.configure(websocket=False)  # the upgrade is answered 404
    client = AsyncOpenAI(api_key="test-key", base_url=fake.url)
    with pytest.raises(NotFoundError, match="Invalid URL"):
        async with client.realtime.connect(model=MODEL):
            pass


def test_node_reports_the_status_only_and_a_page_nothing() -> None:
    """What the Pyodide transports give (their messages, checked on each target by the
    `realtime_refused` scenario): Node's `ws` names the status, a page's WebSocket none."""
    node = APIConnectionError("WebSocket connection failed: Unexpected server response: 403")
    mapped = refused(node, "ws://x/v1/realtime")
    assert isinstance(mapped, PermissionDeniedError) and mapped.request_id is None
    page = APIConnectionError("WebSocket connection failed (the browser gives no reason)")
    assert refused(page, "ws://x/v1/realtime") is None
