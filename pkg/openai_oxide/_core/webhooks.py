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
    if not secret.startswith("whsec_"):
        return _utf8(secret)
    try:
        return base64.b64decode(secret[6:])
    except ValueError:  # binascii.Error
        raise ValueError(
            "The webhook secret is not valid: the part after 'whsec_' must be base64, as the "
            "dashboard shows it"
        ) from None


def _utf8(text: str) -> bytes:
    # "surrogatepass": a lone surrogate (from a framework's surrogateescape decoding) cannot
    # have been signed, so it must give a mismatch, not a UnicodeEncodeError.
    return text.encode("utf-8", "surrogatepass")


def sign(payload: str | bytes, *, secret: str, webhook_id: str, timestamp: int | str) -> str:
    """The `webhook-signature` header value for a payload (for tests and fakes)."""
    # The body's bytes as received are signed: bytes that are not UTF-8 cannot raise here.
    body = payload if isinstance(payload, bytes) else _utf8(payload)
    signed = _utf8(f"{webhook_id}.{timestamp}.") + body
    digest = hmac.new(_secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    payload: str | bytes, headers: Mapping[str, str], *, secret: str, tolerance: int, now: float
) -> None:
    """Return if the payload was signed with `secret`; raise InvalidWebhookSignatureError
    otherwise, whatever the headers and body hold (ValueError when a required header is
    missing or the secret is not valid).

    Replays: a signed delivery verifies again for as long as its timestamp is within
    `tolerance`; the app must store each `webhook-id` it handled and skip repeats."""
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
    # Bytes: compare_digest refuses str holding non-ASCII with TypeError (found by fuzzing).
    if not any(hmac.compare_digest(expected.encode(), _utf8(sig)) for sig in candidates):
        raise InvalidWebhookSignatureError(
            "The given webhook signature does not match the expected signature"
        )
