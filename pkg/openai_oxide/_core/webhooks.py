"""Webhook signature checks (Standard Webhooks, as OpenAI signs them). Pure: the clock is
passed in.

The signed content is `{webhook-id}.{webhook-timestamp}.{body}`, HMAC-SHA256 with the
secret (base64 after a `whsec_` prefix, else its UTF-8 bytes), base64-encoded. The
`webhook-signature` header holds space-separated `v1,<signature>` values; any match is
accepted. A timestamp more than `tolerance` seconds old or ahead is refused, as the
official SDK does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

from .errors import InvalidWebhookSignatureError

__all__ = ["sign", "verify"]


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    raise ValueError(f"Could not find {name} header")


def _secret_bytes(secret: str) -> bytes:
    return base64.b64decode(secret[6:]) if secret.startswith("whsec_") else secret.encode()


def sign(payload: str | bytes, *, secret: str, webhook_id: str, timestamp: int | str) -> str:
    """The `webhook-signature` header value for a payload (for tests and fakes)."""
    body = payload.decode("utf-8") if isinstance(payload, bytes) else payload
    signed = f"{webhook_id}.{timestamp}.{body}".encode()
    digest = hmac.new(_secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    payload: str | bytes, headers: Mapping[str, str], *, secret: str, tolerance: int, now: float
) -> None:
    """Return if the payload was signed with `secret`; raise InvalidWebhookSignatureError
    otherwise (ValueError when a required header is missing)."""
    signature_header = _header(headers, "webhook-signature")
    timestamp = _header(headers, "webhook-timestamp")
    webhook_id = _header(headers, "webhook-id")
    try:
        seconds = int(timestamp)
    except ValueError:
        raise InvalidWebhookSignatureError("Invalid webhook timestamp format") from None
    if int(now) - seconds > tolerance:
        raise InvalidWebhookSignatureError("Webhook timestamp is too old")
    if seconds > int(now) + tolerance:
        raise InvalidWebhookSignatureError("Webhook timestamp is too new")
    # The timestamp is signed as sent: use the header's text.
    expected = sign(payload, secret=secret, webhook_id=webhook_id, timestamp=timestamp)[3:]
    candidates = [part[3:] if part.startswith("v1,") else part for part in signature_header.split()]
    if not any(hmac.compare_digest(expected, sig) for sig in candidates):
        raise InvalidWebhookSignatureError(
            "The given webhook signature does not match the expected signature"
        )
