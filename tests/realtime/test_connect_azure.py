"""Realtime on Azure: `AzureOpenAI(...).realtime.connect(...)` opens the WebSocket the
official Azure client opens (URL, `api-version`, `deployment`, `api-key` or AD token),
compared request by request on a recording server, and works end to end on the fake."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import openai
import pytest

import openai_oxide
from openai_oxide.testing import FakeOpenAI
from recording_server import async_counter, recording_server

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MODEL = "gpt-realtime"
CONFIGS: dict[str, dict[str, Any]] = {
    "endpoint, api key": {"azure_endpoint": "{origin}", "api_key": "k-1"},
    "endpoint, deployment, AD token": {
        "azure_endpoint": "{origin}/",
        "azure_deployment": "my-dep",
        "azure_ad_token": "ad-1",
    },
    "endpoint, token provider": {"azure_endpoint": "{origin}", "azure_ad_token_provider": None},
    "endpoint, api key provider": {"azure_endpoint": "{origin}", "api_key": None},
    "base_url with a deployment, default query": {
        "base_url": "{origin}/openai/deployments/fixed",
        "api_key": "k-2",
        "default_query": {"extra": "1"},
    },
}


def _kwargs(config: dict[str, Any], origin: str, prefix: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"api_version": "2025-04-01-preview", "max_retries": 0}
    for key, value in config.items():
        kwargs[key] = async_counter(prefix) if value is None else value
        if isinstance(value, str):
            kwargs[key] = value.format(origin=origin)
    return kwargs


def _parts(url: str) -> tuple[str, str, dict[str, str]]:
    split = urlsplit(str(url))
    return split.scheme, split.path, dict(parse_qsl(split.query))


@pytest.mark.parametrize("name", list(CONFIGS))
async def test_the_handshake_is_the_official_azure_clients(name: str) -> None:
    with recording_server() as (origin, journal):  # an HTTP/1.0 answer: not an upgrade
        ws = origin.replace("http://", "ws://") + "/openai"
        for sdk, error in ((openai, Exception), (openai_oxide, openai_oxide.APIError)):
            kwargs = _kwargs(CONFIGS[name], origin, "t")
            client: Any = sdk.AsyncAzureOpenAI(**kwargs, websocket_base_url=ws)
            with pytest.raises(error):
                async with client.realtime.connect(model=MODEL, extra_query={"q": "1"}):
                    pass
            # Without websocket_base_url: the URL only (both force wss, which this
            # plain-HTTP server does not speak), and the credential the handshake carries.
            plain: Any = sdk.AsyncAzureOpenAI(**_kwargs(CONFIGS[name], origin, "u"))
            target = await plain._configure_realtime(MODEL, {"call_id": "c1"})
            if sdk is openai:
                official_target = target
        official, ours = journal
    assert (ours.method, _parts(ours.target)) == (official.method, _parts(official.target))
    for header in ("api-key", "authorization"):
        assert ours.headers.get(header) == official.headers.get(header), header
    assert "model" not in _parts(ours.target)[2] and _parts(ours.target)[2]["deployment"]
    url, credential = target
    assert _parts(url) == _parts(official_target[0])
    if CONFIGS[name].get("api_key", "") is not None:  # the official's takes a key provider's
        # key from its caller (compared in the handshake above)
        assert {k.lower(): v for k, v in official_target[1].items()} == credential


async def test_azure_realtime_end_to_end_and_its_errors() -> None:
    server = FakeOpenAI(api_key="azure-key")
    with server.running_in_thread():
        ws = server.url.replace("http://", "ws://")
        client = openai_oxide.AsyncAzureOpenAI(
            base_url=server.url, api_key="azure-key", api_version="v", websocket_base_url=ws
        )
        async with client.realtime.connect(model=MODEL) as conn:
            assert (await conn.recv()).type == "session.created"
        wrong = client.with_options(api_key="other-key")
        with pytest.raises(openai_oxide.AuthenticationError):
            async with wrong.realtime.connect(model=MODEL):
                pass
        with pytest.raises(openai_oxide.OpenAIError, match="`model` is required"):
            async with client.realtime.connect():
                pass
        await client.close()


def test_sync_azure_client() -> None:
    server = FakeOpenAI(api_key="azure-key")
    with server.running_in_thread():
        client = openai_oxide.AzureOpenAI(
            base_url=server.url,
            azure_ad_token_provider=lambda: "azure-key",  # the fake takes it as a bearer
            api_version="v",
            websocket_base_url=server.url.replace("http://", "ws://"),
        )
        with client.realtime.connect(model=MODEL) as conn:
            assert conn.recv().type == "session.created"
            conn.session.update(session={"type": "realtime", "instructions": "x"})
            assert conn.recv().type == "session.updated"
        client.close()
    (entry,) = [e for e in server.journal if e.path == "/v1/realtime"]
    assert entry.headers["authorization"] == "Bearer azure-key" and "api-key" not in entry.headers
