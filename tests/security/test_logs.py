"""Third-party loggers the SDK drives never get the key: websockets logs every handshake
header at DEBUG, so the native transport hands it a logger that masks the credentials;
hpack (HTTP/2) logs every header it indexes, masking only `authorization`, so the
transport masks the other credential headers there."""

from __future__ import annotations

import logging

import pytest

from openai_oxide import AsyncAzureOpenAI, AsyncOpenAI, NativeTransport
from openai_oxide.testing import FakeOpenAI
from support import API_KEY


@pytest.mark.parametrize("auth", ["header", "subprotocol"])
async def test_the_websocket_handshake_log_masks_the_key(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture, auth: str
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, as `logging.basicConfig(level=DEBUG)`
    async with (
        AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client,
        client.ws_session(defaults={"model": "gpt-5"}, auth=auth) as ws,  # type: ignore[arg-type]
    ):
        await ws.send(input="hi")
    handshake = [r.getMessage() for r in caplog.records if r.name == "websockets.client"]
    assert any("<redacted>" in line for line in handshake)  # the header was logged, masked
    assert API_KEY not in caplog.text
    assert fake.journal[0].method == "WS"  # the key did travel (the fake checks it)


async def test_http2_header_logs_mask_azures_api_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    async with FakeOpenAI(tls=True) as fake:
        transport = NativeTransport(verify=fake.client_ssl_context())
        async with AsyncAzureOpenAI(
            api_key=API_KEY, api_version="2024-10-21", base_url=fake.url, transport=transport
        ) as client:
            await client.models.list()
        await transport.aclose()
        assert [e.http_version for e in fake.journal] == ["2"]
    added = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Adding")]
    assert any("api-key" in line and "<masked>" in line for line in added)
    # Only the fake server, decoding the request, may still show it.
    said = [r.getMessage() for r in caplog.records if not r.getMessage().startswith("Decod")]
    assert not [line for line in said if API_KEY in line]
