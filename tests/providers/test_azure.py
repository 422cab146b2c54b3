"""The Azure clients send what the official `openai.AzureOpenAI` sends: the same calls go
through both SDKs to one recording server, and the request lines (method, path, query)
and the credential headers must be equal, sync and async."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai
import pytest

import openai_oxide
from openai_oxide.testing import FakeOpenAI
from recording_server import Recorded, async_counter, counter, recording_server

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # official translations

API_VERSION = "2024-10-21"
AUTH_HEADERS = ("api-key", "authorization")


def calls(client: Any) -> list[Callable[[], Any]]:
    """Every deployment-scoped endpoint the official lists that both SDKs have, and some
    that are not (`responses`, `files`, `models`). A model name with `/` and a space checks
    the path quoting."""
    user = [{"role": "user", "content": "hi"}]
    audio = ("a.wav", b"RIFF")
    return [
        lambda: client.chat.completions.create(model="gpt 4o/mini", messages=user),
        lambda: client.completions.create(model="davinci", prompt="Say hi"),
        lambda: client.embeddings.create(model="emb", input="x"),
        lambda: client.audio.transcriptions.create(model="whisper", file=audio),
        lambda: client.audio.translations.create(model="whisper", file=audio),
        lambda: client.audio.speech.create(model="tts", input="hi", voice="alloy"),
        lambda: client.images.generate(model="dall-e", prompt="p"),
        lambda: client.images.edit(model="dall-e", prompt="p", image=("i.png", b"PNG")),
        lambda: client.responses.create(model="r", input="x"),
        lambda: client.files.list(),
        lambda: client.models.list(),
    ]


def send_sync(client: Any, errors: type[Exception]) -> None:
    for call in calls(client):
        with pytest.raises(errors):
            call()


async def send_async(client: Any, errors: type[Exception]) -> None:
    for call in calls(client):
        with pytest.raises(errors):
            await call()


def lines(journal: list[Recorded]) -> list[tuple[str, str, dict[str, str]]]:
    return [
        (r.method, r.target, {k: v for k, v in r.headers.items() if k in AUTH_HEADERS})
        for r in journal
    ]


# Client arguments; `{origin}` is the recording server. `None` picks a token provider.
CONFIGS: dict[str, dict[str, Any]] = {
    "endpoint, api key, no deployment": {"azure_endpoint": "{origin}", "api_key": "k-1"},
    "endpoint with slash, deployment, AD token": {
        "azure_endpoint": "{origin}/",
        "azure_deployment": "my-dep",
        "azure_ad_token": "ad-1",
    },
    "endpoint, deployment, token provider": {
        "azure_endpoint": "{origin}",
        "azure_deployment": "my-dep",
        "azure_ad_token_provider": None,
    },
    "endpoint, api key provider": {"azure_endpoint": "{origin}", "api_key": None},
    "base_url, token provider": {
        "base_url": "{origin}/proxy/openai",
        "azure_ad_token_provider": None,
    },
    "base_url with a deployment, api key": {
        "base_url": "{origin}/openai/deployments/fixed",
        "api_key": "k-2",
        "default_query": {"extra": "1"},
    },
}


def build(config: dict[str, Any], origin: str, provider: Callable[[], Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"api_version": API_VERSION, "max_retries": 0}
    for key, value in config.items():
        if value is None:
            value = provider
        elif isinstance(value, str):
            value = value.format(origin=origin)
        kwargs[key] = value
    return kwargs


@pytest.mark.parametrize("name", list(CONFIGS))
def test_sync_requests_match_the_official_client(
    name: str, origin: tuple[str, list[Recorded]]
) -> None:
    url, journal = origin
    send_sync(openai.AzureOpenAI(**build(CONFIGS[name], url, counter("t"))), openai.APIError)
    official = lines(journal)
    journal.clear()
    ours = openai_oxide.AzureOpenAI(**build(CONFIGS[name], url, counter("t")))
    send_sync(ours, openai_oxide.BadRequestError)
    assert lines(journal) == official
    assert len(official) == len(calls(None))
    assert all(f"api-version={API_VERSION}" in target for _, target, _ in official)
    assert all(auth for _, _, auth in official)


@pytest.mark.parametrize("name", list(CONFIGS))
async def test_async_requests_match_the_official_client(
    name: str, origin: tuple[str, list[Recorded]]
) -> None:
    url, journal = origin
    official_client = openai.AsyncAzureOpenAI(**build(CONFIGS[name], url, async_counter("t")))
    await send_async(official_client, openai.APIError)
    official = lines(journal)
    journal.clear()
    ours = openai_oxide.AsyncAzureOpenAI(**build(CONFIGS[name], url, async_counter("t")))
    await send_async(ours, openai_oxide.BadRequestError)
    assert lines(journal) == official


def test_deployment_paths_and_per_request_tokens(origin: tuple[str, list[Recorded]]) -> None:
    """What the comparison above relies on, spelled out for our client alone."""
    url, journal = origin
    client = openai_oxide.AzureOpenAI(
        azure_endpoint=url, api_version=API_VERSION, azure_ad_token_provider=counter("tok")
    )
    send_sync(client, openai_oxide.BadRequestError)
    assert [r.target.split("?")[0] for r in journal[:3]] == [
        "/openai/deployments/gpt%204o%2Fmini/chat/completions",
        "/openai/deployments/davinci/completions",
        "/openai/deployments/emb/embeddings",
    ]
    assert journal[-1].target == f"/openai/models?api-version={API_VERSION}"
    tokens = [r.headers["authorization"] for r in journal]
    assert tokens == [f"Bearer tok-{n}" for n in range(1, len(calls(None)) + 1)]
    assert all("api-key" not in r.headers for r in journal)


async def test_async_token_provider_is_awaited_on_every_attempt(
    origin: tuple[str, list[Recorded]],
) -> None:
    url, journal = origin
    client = openai_oxide.AsyncAzureOpenAI(
        azure_endpoint=url, api_version=API_VERSION, azure_ad_token_provider=async_counter("a")
    )
    for _ in range(3):
        with pytest.raises(openai_oxide.BadRequestError):
            await client.models.list()
    assert [r.headers["authorization"] for r in journal] == [
        "Bearer a-1",
        "Bearer a-2",
        "Bearer a-3",
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"AZURE_OPENAI_API_KEY": "env-key"},
        {"AZURE_OPENAI_AD_TOKEN": "env-ad"},
        {"AZURE_OPENAI_API_KEY": "env-key", "AZURE_OPENAI_AD_TOKEN": "env-ad"},  # AD wins
    ],
)
def test_environment_variables_match_the_official_client(
    env: dict[str, str], origin: tuple[str, list[Recorded]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, journal = origin
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", url)
    monkeypatch.setenv("OPENAI_API_VERSION", API_VERSION)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    send_sync(openai.AzureOpenAI(max_retries=0), openai.APIError)
    official = lines(journal)
    journal.clear()
    send_sync(openai_oxide.AzureOpenAI(max_retries=0), openai_oxide.BadRequestError)
    assert lines(journal) == official
    assert journal[0].headers.get("api-key") == env.get("AZURE_OPENAI_API_KEY") or (
        journal[0].headers["authorization"] == "Bearer env-ad"
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"azure_endpoint": "https://x", "api_version": "v"},  # no credential
        {"azure_endpoint": "https://x", "api_key": "k"},  # no api_version
        {"api_key": "k", "api_version": "v"},  # no endpoint
        {
            "base_url": "https://x",
            "azure_endpoint": "https://y",
            "api_key": "k",
            "api_version": "v",
        },
        {"azure_endpoint": "https://x", "api_key": "k", "azure_ad_token": "t", "api_version": "v"},
    ],
    ids=["credentials", "api_version", "endpoint", "base_url and endpoint", "two credentials"],
)
@pytest.mark.usefixtures("origin")
def test_missing_or_conflicting_config_fails_as_the_official(kwargs: dict[str, Any]) -> None:
    with pytest.raises(Exception) as official:
        openai.AzureOpenAI(**kwargs)
    with pytest.raises(Exception) as ours:
        openai_oxide.AzureOpenAI(**kwargs)
    assert (type(ours.value).__name__, str(ours.value)) == (
        type(official.value).__name__,
        str(official.value),
    )
    assert isinstance(ours.value, openai_oxide.OpenAIError | ValueError)


async def test_with_options_switches_the_credential(origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    client = openai_oxide.AsyncAzureOpenAI(azure_endpoint=url, api_key="k", api_version="v1")
    other = client.with_options(azure_ad_token="ad", api_version="v2")
    for c in (client, other):
        with pytest.raises(openai_oxide.BadRequestError):
            await c.models.list()
    assert lines(journal) == [
        ("GET", "/openai/models?api-version=v1", {"api-key": "k"}),
        ("GET", "/openai/models?api-version=v2", {"authorization": "Bearer ad"}),
    ]
    assert "k" not in repr(client) and client.api_key == "k"


async def test_api_key_client_works_end_to_end_over_http_and_websocket() -> None:
    """On the fake with a key check: HTTP calls and a Responses WebSocket session (at
    `websocket_base_url`) authenticate with `api-key` alone."""
    server = FakeOpenAI(api_key="azure-key")
    with server.running_in_thread():
        ws_base = server.url.replace("http://", "ws://")
        client = openai_oxide.AsyncAzureOpenAI(
            base_url=server.url, api_key="azure-key", api_version="v", websocket_base_url=ws_base
        )
        response = await client.responses.create(model="gpt-5", input="hi")
        assert response.output_text
        async with client.ws_session(defaults={"model": "gpt-5"}) as ws:
            turn = await ws.send(input="Hello there")
        assert turn.status == "completed"
        assert ws.url == f"{ws_base}/responses?api-version=v"
        http, handshake = server.journal[:2]
        for entry in (http, handshake):
            assert entry.headers["api-key"] == "azure-key" and "authorization" not in entry.headers
        assert (http.path, http.query, handshake.method) == (
            "/v1/responses",
            {"api-version": "v"},
            "WS",  # the fake journals no WebSocket query: `ws.url` above shows it
        )
        wrong = client.with_options(api_key="other-key")
        with pytest.raises(openai_oxide.AuthenticationError):
            await wrong.responses.create(model="gpt-5", input="hi")


def attempts(journal: list[Recorded]) -> list[tuple[str, str]]:
    return [(r.headers["authorization"], r.headers["x-stainless-retry-count"]) for r in journal]


@pytest.mark.usefixtures("origin")
def test_token_provider_is_called_on_every_retry_as_the_official() -> None:
    with recording_server(status=500) as (url, journal):
        kwargs = {"azure_endpoint": url, "api_version": API_VERSION, "max_retries": 2}
        with pytest.raises(openai.InternalServerError):
            openai.AzureOpenAI(azure_ad_token_provider=counter(), **kwargs).models.list()
        official = [
            (r.headers["authorization"], r.headers["x-stainless-retry-count"]) for r in journal
        ]
        journal.clear()
        with pytest.raises(openai_oxide.InternalServerError):
            openai_oxide.AzureOpenAI(azure_ad_token_provider=counter(), **kwargs).models.list()
        ours = attempts(journal)
    assert ours == official == [("Bearer tok-1", "0"), ("Bearer tok-2", "1"), ("Bearer tok-3", "2")]


def test_sync_with_options_keeps_the_azure_client(origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    client = openai_oxide.AzureOpenAI(azure_endpoint=url, api_key="k", api_version="v1")
    other = client.with_options(azure_ad_token_provider=counter("p"))
    assert type(other) is openai_oxide.AzureOpenAI and "AzureOpenAI" in repr(other)
    with pytest.raises(openai_oxide.BadRequestError):
        other.embeddings.create(model="emb", input="x")
    assert lines(journal) == [
        (
            "POST",
            "/openai/deployments/emb/embeddings?api-version=v1",
            {"authorization": "Bearer p-1"},
        )
    ]


async def test_api_key_provider_survives_with_options(origin: tuple[str, list[Recorded]]) -> None:
    """The last key is kept as `api_key`, as in the official client, yet a copy still calls
    the provider; an empty key sends no credential rather than a placeholder."""
    url, journal = origin
    client = openai_oxide.AsyncAzureOpenAI(
        azure_endpoint=url, api_version="v", api_key=async_counter("key")
    )
    for c in (client, client, client.with_options(max_retries=1)):
        with pytest.raises(openai_oxide.BadRequestError):
            await c.models.list()
    assert client.api_key == "key-2"
    empty = openai_oxide.AsyncAzureOpenAI(azure_endpoint=url, api_version="v", api_key="")
    with pytest.raises(openai_oxide.BadRequestError):
        await empty.models.list()
    assert [r.headers.get("api-key") for r in journal] == ["key-1", "key-2", "key-3", None]


async def test_http_client_is_used_as_the_official_uses_it(
    origin: tuple[str, list[Recorded]],
) -> None:
    """`http_client=` (an httpx2 client, e.g. for a proxy or a custom CA) carries the calls,
    sync and async, as with the official Azure clients: its own headers reach the server."""
    import httpx2

    url, journal = origin
    kwargs = {"azure_endpoint": url, "api_key": "k", "api_version": "v1", "max_retries": 0}
    async with httpx2.AsyncClient(headers={"x-through": "async"}) as http:
        client = openai_oxide.AsyncAzureOpenAI(**kwargs, http_client=http)
        with pytest.raises(openai_oxide.BadRequestError):
            await client.models.list()
    with (
        httpx2.Client(headers={"x-through": "sync"}) as sync_http,
        pytest.raises(openai_oxide.BadRequestError),
    ):
        openai_oxide.AzureOpenAI(**kwargs, http_client=sync_http).models.list()
    assert [(r.target, r.headers.get("x-through"), r.headers.get("api-key")) for r in journal] == [
        ("/openai/models?api-version=v1", "async", "k"),
        ("/openai/models?api-version=v1", "sync", "k"),
    ]
