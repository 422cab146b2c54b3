"""The Bedrock clients send what the official `openai.BedrockOpenAI` sends: bearer keys,
token providers (sync and async, per request) and the environment, compared request by
request on one recording server; SigV4 through botocore, checked by re-signing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import openai
import pytest

import openai_oxide
from recording_server import Recorded, async_counter, counter


def calls(client: Any, *, multipart: bool = True) -> list[Callable[[], Any]]:
    """With `multipart=False`, without the upload, which the official client cannot sign
    (its multipart body is not replayable); ours signs it like any other body."""
    user = [{"role": "user", "content": "hi"}]
    upload = [lambda: client.audio.transcriptions.create(model="w", file=("a.wav", b"RIFF"))]
    return [
        lambda: client.chat.completions.create(model="openai.gpt-oss-120b", messages=user),
        lambda: client.responses.create(model="openai.gpt-oss-120b", input="x"),
        lambda: client.embeddings.create(model="emb", input="x"),
        lambda: client.models.list(),
        *(upload if multipart else []),
    ]


def lines(journal: list[Recorded]) -> list[tuple[str, str, str | None]]:
    return [(r.method, r.target, r.headers.get("authorization")) for r in journal]


CONFIGS: dict[str, dict[str, Any]] = {
    "api key": {"base_url": "{origin}/openai/v1", "api_key": "bedrock-key"},
    "api key, base_url ending in /responses": {
        "base_url": "{origin}/openai/v1/responses/",
        "api_key": "k",
    },
    "token provider": {"base_url": "{origin}/openai/v1", "bedrock_token_provider": None},
    "api key and region": {"base_url": "{origin}", "aws_region": "us-east-1", "api_key": "k2"},
}


def build(config: dict[str, Any], origin: str, provider: Callable[[], Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"max_retries": 0}
    for key, value in config.items():
        kwargs[key] = provider if value is None else value.format(origin=origin)
    return kwargs


@pytest.mark.parametrize("name", list(CONFIGS))
def test_sync_requests_match_the_official_client(
    name: str, origin: tuple[str, list[Recorded]]
) -> None:
    url, journal = origin
    for call in calls(openai.BedrockOpenAI(**build(CONFIGS[name], url, counter()))):
        with pytest.raises(openai.BadRequestError):
            call()
    official = lines(journal)
    journal.clear()
    for call in calls(openai_oxide.BedrockOpenAI(**build(CONFIGS[name], url, counter()))):
        with pytest.raises(openai_oxide.BadRequestError):
            call()
    assert lines(journal) == official
    assert len(official) == len(calls(None)) and all(auth for _, _, auth in official)


@pytest.mark.parametrize("name", list(CONFIGS))
async def test_async_requests_match_the_official_client(
    name: str, origin: tuple[str, list[Recorded]]
) -> None:
    url, journal = origin
    for call in calls(openai.AsyncBedrockOpenAI(**build(CONFIGS[name], url, async_counter()))):
        with pytest.raises(openai.BadRequestError):
            await call()
    official = lines(journal)
    journal.clear()
    ours = openai_oxide.AsyncBedrockOpenAI(**build(CONFIGS[name], url, async_counter()))
    for call in calls(ours):
        with pytest.raises(openai_oxide.BadRequestError):
            await call()
    assert lines(journal) == official


def test_token_provider_is_called_per_request(origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    client = openai_oxide.BedrockOpenAI(base_url=url, bedrock_token_provider=counter())
    for call in calls(client):
        with pytest.raises(openai_oxide.BadRequestError):
            call()
    assert [r.headers["authorization"] for r in journal] == [
        f"Bearer tok-{n}" for n in range(1, len(calls(None)) + 1)
    ]


def test_environment_matches_the_official_client(
    origin: tuple[str, list[Recorded]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, journal = origin
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "env-token")
    monkeypatch.setenv("AWS_BEDROCK_BASE_URL", f"{url}/openai/v1/")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    with pytest.raises(openai.BadRequestError):
        openai.BedrockOpenAI(max_retries=0).models.list()
    with pytest.raises(openai_oxide.BadRequestError):
        openai_oxide.BedrockOpenAI(max_retries=0).models.list()
    assert lines(journal) == [("GET", "/openai/v1/models", "Bearer env-token")] * 2


@pytest.mark.usefixtures("origin")
def test_region_gives_the_mantle_url_as_the_official(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    official = openai.BedrockOpenAI(api_key="k")
    ours = openai_oxide.AsyncBedrockOpenAI(api_key="k")
    assert ours.base_url.rstrip("/") == str(official.base_url).rstrip("/")
    assert ours.base_url == "https://bedrock-mantle.ap-south-1.api.aws/openai/v1"
    assert ours.aws_region == "ap-south-1" and ours.api_key == "k"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"api_key": "k", "bedrock_token_provider": lambda: "t"},
        {"api_key": "k", "aws_profile": "p"},
        {"aws_access_key_id": "AKID"},
        {"api_key": ""},
        {"api_key": "k"},  # neither a region nor a base URL
    ],
    ids=["key and provider", "key and profile", "half static keys", "empty key", "no region"],
)
@pytest.mark.usefixtures("origin")
def test_bad_config_fails_like_the_official(kwargs: dict[str, Any]) -> None:
    with pytest.raises(openai.OpenAIError):
        openai.BedrockOpenAI(**kwargs)
    with pytest.raises(openai_oxide.OpenAIError):
        openai_oxide.BedrockOpenAI(**kwargs)


async def test_request_to_another_origin_is_refused(origin: tuple[str, list[Recorded]]) -> None:
    url, journal = origin
    client = openai_oxide.AsyncBedrockOpenAI(base_url=url, api_key="k")
    with pytest.raises(openai_oxide.OpenAIError, match="origin"):
        await client.get("http://127.0.0.2:1/models")
    with pytest.raises(openai_oxide.OpenAIError, match="Authorization"):
        await client.get("/models", extra_headers={"Authorization": "Bearer other"})
    assert journal == []


# --- SigV4 (botocore, a test dependency; native only) ------------------------------------

STATIC = {
    "aws_region": "us-east-1",
    "aws_access_key_id": "AKIDEXAMPLE",
    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "aws_session_token": "session-token",
}


def resign(request: Recorded, service: str, region: str) -> str:
    """The signature botocore computes for the recorded request's signed headers."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    authorization = request.headers["authorization"]
    signed = authorization.split("SignedHeaders=")[1].split(",")[0].split(";")
    headers = {k: v for k, v in request.headers.items() if k in signed}
    host = headers.pop("host")
    aws = AWSRequest(
        method=request.method,
        url=f"http://{host}{request.target}",
        data=request.body,
        headers=headers,
    )
    aws.context["timestamp"] = request.headers["x-amz-date"]
    credentials = Credentials(STATIC["aws_access_key_id"], STATIC["aws_secret_access_key"])
    auth = SigV4Auth(credentials, service, region)
    canonical = auth.canonical_request(aws)
    signature: str = auth.signature(auth.string_to_sign(aws, canonical), aws)
    return signature


def test_sigv4_matches_the_official_client(origin: tuple[str, list[Recorded]]) -> None:
    pytest.importorskip("botocore")
    url, journal = origin
    theirs_client = openai.BedrockOpenAI(base_url=f"{url}/openai/v1", max_retries=0, **STATIC)
    for call in calls(theirs_client, multipart=False):
        with pytest.raises(openai.BadRequestError):
            call()
    official = list(journal)
    journal.clear()
    ours = openai_oxide.BedrockOpenAI(base_url=f"{url}/openai/v1", max_retries=0, **STATIC)
    for call in calls(ours, multipart=False):
        with pytest.raises(openai_oxide.BadRequestError):
            call()
    assert len(journal) == len(official) == len(calls(None, multipart=False))
    for theirs, mine in zip(official, journal, strict=True):
        assert (mine.method, mine.target) == (theirs.method, theirs.target)
        assert mine.headers["x-amz-security-token"] == theirs.headers["x-amz-security-token"]
        for request in (theirs, mine):  # the JSON bodies differ in spacing, not meaning
            digest = hashlib.sha256(request.body).hexdigest()
            assert request.headers["x-amz-content-sha256"] == digest
        scope = theirs.headers["authorization"].split("Credential=")[1].split("/", 1)[1]
        assert scope.startswith(mine.headers["x-amz-date"][:8])
        assert mine.headers["authorization"].startswith(
            f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope.split(',')[0]}"
        )
        signature = mine.headers["authorization"].rsplit("Signature=", 1)[1]
        assert signature == resign(mine, "bedrock-mantle", "us-east-1")
        assert (
            resign(theirs, "bedrock-mantle", "us-east-1")
            == (theirs.headers["authorization"].rsplit("Signature=", 1)[1])
        )


async def test_sigv4_signs_every_attempt_with_a_credentials_provider(
    origin: tuple[str, list[Recorded]],
) -> None:
    botocore_credentials = pytest.importorskip("botocore.credentials")
    url, journal = origin
    issued: list[int] = []

    def provider() -> object:
        issued.append(1)
        return botocore_credentials.Credentials(
            STATIC["aws_access_key_id"], STATIC["aws_secret_access_key"]
        )

    client = openai_oxide.AsyncBedrockOpenAI(
        base_url=url, aws_region="us-west-2", aws_credentials_provider=provider
    )
    for call in calls(client):  # the upload too
        with pytest.raises(openai_oxide.BadRequestError):
            await call()
    assert len(issued) == len(journal) == len(calls(None)) and client.api_key == ""
    for request in journal:
        signature = request.headers["authorization"].rsplit("Signature=", 1)[1]
        assert signature == resign(request, "bedrock-mantle", "us-west-2")


async def test_with_options_switches_to_a_bearer_credential(
    origin: tuple[str, list[Recorded]],
) -> None:
    pytest.importorskip("botocore")
    url, journal = origin
    signed = openai_oxide.AsyncBedrockOpenAI(base_url=url, **STATIC)
    for client in (
        signed,
        signed.with_options(api_key="bearer-1"),
        signed.with_options(bedrock_token_provider=async_counter()),
        signed.with_options(max_retries=0),  # keeps SigV4
    ):
        with pytest.raises(openai_oxide.BadRequestError):
            await client.models.list()
    auth = [r.headers["authorization"] for r in journal]
    assert auth[0].startswith("AWS4-HMAC-SHA256 ") and auth[3].startswith("AWS4-HMAC-SHA256 ")
    assert auth[1:3] == ["Bearer bearer-1", "Bearer tok-1"]
    with pytest.raises(openai_oxide.OpenAIError, match="ambiguous"):
        signed.with_options(api_key="k", bedrock_token_provider=counter())


async def test_http_client_is_used_as_the_official_uses_it(
    origin: tuple[str, list[Recorded]],
) -> None:
    """`http_client=` (an httpx2 client) carries the calls, sync and async, as with the
    official Bedrock clients: its own headers reach the server."""
    import httpx2

    url, journal = origin
    kwargs = {"base_url": url, "api_key": "bedrock-key", "max_retries": 0}
    async with httpx2.AsyncClient(headers={"x-through": "async"}) as http:
        client = openai_oxide.AsyncBedrockOpenAI(**kwargs, http_client=http)
        with pytest.raises(openai_oxide.BadRequestError):
            await client.models.list()
    with (
        httpx2.Client(headers={"x-through": "sync"}) as sync_http,
        pytest.raises(openai_oxide.BadRequestError),
    ):
        openai_oxide.BedrockOpenAI(**kwargs, http_client=sync_http).models.list()
    assert [(r.headers.get("x-through"), r.headers.get("authorization")) for r in journal] == [
        ("async", "Bearer bedrock-key"),
        ("sync", "Bearer bedrock-key"),
    ]
