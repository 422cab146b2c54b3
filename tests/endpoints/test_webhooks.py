"""Webhook signatures (Standard Webhooks): valid, tampered, expired, and `unwrap`."""

from __future__ import annotations

import base64
import json
import time

import pytest

from openai_oxide import AsyncOpenAI, InvalidWebhookSignatureError, OpenAI
from openai_oxide._core.webhooks import sign, verify
from openai_oxide.types.webhooks import BatchCompletedWebhookEvent

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
PAYLOAD = json.dumps(
    {
        "id": "evt_1",
        "type": "batch.completed",
        "created_at": 1719168000,
        "object": "event",
        "data": {"id": "batch_1"},
    }
)


def _headers(payload: str, *, at: int | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = int(time.time()) if at is None else at
    signature = sign(payload, secret=secret, webhook_id="wh_1", timestamp=stamp)
    return {"webhook-id": "wh_1", "webhook-timestamp": str(stamp), "webhook-signature": signature}


def test_core_verify() -> None:
    now = 1_700_000_000
    headers = _headers(PAYLOAD, at=now)
    verify(PAYLOAD, headers, secret=SECRET, tolerance=300, now=now + 299)
    verify(PAYLOAD.encode(), headers, secret=SECRET, tolerance=300, now=now - 299)
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        verify(PAYLOAD, headers, secret=SECRET, tolerance=300, now=now + 301)
    with pytest.raises(InvalidWebhookSignatureError, match="too new"):
        verify(PAYLOAD, headers, secret=SECRET, tolerance=300, now=now - 301)
    with pytest.raises(InvalidWebhookSignatureError, match="does not match"):
        verify(PAYLOAD + " ", headers, secret=SECRET, tolerance=300, now=now)
    several = {**headers, "webhook-signature": "v1,bm9wZQ== " + headers["webhook-signature"]}
    verify(PAYLOAD, several, secret=SECRET, tolerance=300, now=now)
    with pytest.raises(InvalidWebhookSignatureError, match="format"):
        verify(PAYLOAD, {**headers, "webhook-timestamp": "soon"}, secret=SECRET, tolerance=1, now=0)
    with pytest.raises(ValueError, match="webhook-id"):
        verify(
            PAYLOAD,
            {"webhook-signature": "x", "webhook-timestamp": "1"},
            secret=SECRET,
            tolerance=1,
            now=1,
        )
    plain = _headers(PAYLOAD, at=now, secret="plain-secret")
    verify(PAYLOAD, plain, secret="plain-secret", tolerance=300, now=now)


async def test_client_unwrap_and_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    client = AsyncOpenAI(api_key="sk-x", webhook_secret=SECRET)
    event = client.webhooks.unwrap(PAYLOAD, _headers(PAYLOAD))
    assert isinstance(event, BatchCompletedWebhookEvent) and event.data.id == "batch_1"
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.unwrap(PAYLOAD, _headers(PAYLOAD, secret="whsec_" + "A" * 44))
    with pytest.raises(InvalidWebhookSignatureError):
        client.webhooks.verify_signature(PAYLOAD, _headers(PAYLOAD, at=1), tolerance=10)
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET", raising=False)
    bare = AsyncOpenAI(api_key="sk-x")
    with pytest.raises(ValueError, match="webhook secret"):
        bare.webhooks.verify_signature(PAYLOAD, _headers(PAYLOAD))
    bare.webhooks.verify_signature(PAYLOAD, _headers(PAYLOAD), secret=SECRET)
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    sync = OpenAI(api_key="sk-x")
    assert sync.webhooks.unwrap(PAYLOAD.encode(), _headers(PAYLOAD)).type == "batch.completed"
