"""Third-party loggers the SDK drives never get the key: websockets logs every handshake
header at DEBUG, so the native transport hands it a logger that masks the credentials."""

from __future__ import annotations

import logging

import pytest

from openai_oxide import AsyncOpenAI
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
