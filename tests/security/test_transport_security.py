"""Credentials stay with the host they were meant for, and TLS is verified natively: a
redirect never carries `Authorization` or `api-key` to another host (two fake servers), and
a self-signed server is refused unless the caller trusts its CA."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest

from openai_oxide import (
    APIConnectionError,
    APIStatusError,
    AsyncAzureOpenAI,
    AsyncOpenAI,
    AuthenticationError,
    DefaultAsyncHttpxClient,
)
from openai_oxide._transport.native import NativeTransport
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

CREDENTIALS = ("authorization", "api-key")


@pytest.fixture
async def other_host() -> AsyncIterator[FakeOpenAI]:
    """A second server on another port (another origin) that the first redirects to."""
    async with FakeOpenAI() as server:
        yield server


def redirect(fake: FakeOpenAI, target: FakeOpenAI, status: int) -> None:
    fake.inject(Fault(status=status, headers={"location": f"{target.url}/models"}, body={}))


def clients(fake: FakeOpenAI, http_client: Any = None) -> list[AsyncOpenAI]:
    """An OpenAI client (Authorization) and an Azure one (api-key), on `http_client`."""
    # AsyncAzureOpenAI takes no http_client= (yet): both get the same transport.
    kwargs = {"transport": NativeTransport(client=http_client)} if http_client else {}
    return [
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0, **kwargs),
        AsyncAzureOpenAI(
            api_key=API_KEY, api_version="2024-10-21", base_url=fake.url, max_retries=0, **kwargs
        ),
    ]


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_the_sdk_follows_redirects_without_credentials_to_another_host(
    fake: FakeOpenAI, other_host: FakeOpenAI, status: int
) -> None:
    """Redirects are followed by default, as in the official SDK; the other host gets no key."""
    for client in clients(fake):
        redirect(fake, other_host, status)
        async with client:
            with pytest.raises(AuthenticationError):  # the other host saw no key
                await client.models.list()
    assert len(other_host.journal) == 2
    for entry in other_host.journal:
        assert not set(CREDENTIALS) & set(entry.headers), entry.headers
    assert all(e.headers.get("authorization") or e.headers.get("api-key") for e in fake.journal)


@pytest.mark.parametrize("status", [302, 307])
async def test_a_following_client_of_the_callers_drops_credentials_at_another_host(
    fake: FakeOpenAI, other_host: FakeOpenAI, status: int
) -> None:
    for make in (lambda: DefaultAsyncHttpxClient(follow_redirects=True),
                 lambda: httpx2.AsyncClient(follow_redirects=True)):  # fmt: skip
        for client in clients(fake, make()):
            redirect(fake, other_host, status)
            async with client:
                with pytest.raises(AuthenticationError):  # the other host saw no key
                    await client.models.list()
    assert len(other_host.journal) == 4
    for entry in other_host.journal:
        assert not set(CREDENTIALS) & set(entry.headers), entry.headers
    sent = [next(v for k, v in e.headers.items() if k in CREDENTIALS) for e in fake.journal]
    assert all(API_KEY in value for value in sent)  # the first host did get them


async def test_a_redirect_left_unfollowed_is_a_status_error(
    fake: FakeOpenAI, other_host: FakeOpenAI
) -> None:
    """A caller's client that does not follow: the 3xx is an APIStatusError with the request
    id, as the official raises (never a success parsed from the redirect's body)."""
    for client in clients(fake, httpx2.AsyncClient(follow_redirects=False)):
        redirect(fake, other_host, 302)
        async with client:
            with pytest.raises(APIStatusError) as info:
                await client.models.list()
        assert info.value.status_code == 302
        assert info.value.request_id == fake.journal[-1].request_id
    assert other_host.journal == [] and len(fake.journal) == 2  # a 3xx is not retried


async def test_a_redirect_within_the_host_keeps_the_credentials(fake: FakeOpenAI) -> None:
    fake.inject(Fault(status=307, headers={"location": f"{fake.url}/models"}, body={}))
    async with AsyncOpenAI(
        api_key=API_KEY, base_url=fake.url, http_client=httpx2.AsyncClient(follow_redirects=True)
    ) as client:
        await client.models.list()
    assert [e.headers.get("authorization") for e in fake.journal] == [f"Bearer {API_KEY}"] * 2


async def test_tls_is_verified_by_default() -> None:
    async with FakeOpenAI(tls=True) as server:
        async with AsyncOpenAI(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIConnectionError, match=r"(?i)certificate"):
                await client.models.list()
            assert server.journal == []  # the request, and the key, never left
        trusted = DefaultAsyncHttpxClient(
            verify=ssl.create_default_context(cafile=server.ca_cert_path)
        )
        async with AsyncOpenAI(
            api_key=API_KEY, base_url=server.url, max_retries=0, http_client=trusted
        ) as client:
            page = await client.models.list()
        assert page.data and len(server.journal) == 1
