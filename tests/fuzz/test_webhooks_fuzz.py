"""Webhook verification against any headers and body: InvalidWebhookSignatureError (or the
documented ValueError for a missing header or a bad secret), never anything else; a signed
delivery verifies whatever its bytes, and any change to it is refused."""

from __future__ import annotations

import base64

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from openai_oxide import InvalidWebhookSignatureError
from openai_oxide._core.webhooks import sign, verify

NOW = 1_700_000_000
SECRET = "whsec_" + base64.b64encode(b"fuzz-secret-0123456789").decode()
NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature", "Webhook-Signature", "x"]
values = st.text(max_size=30) | st.sampled_from(
    [str(NOW), str(NOW - 400), str(NOW + 400), " 1700000000", "\u0661" * 10, "9" * 5000,
     "v1,", "v1,é", "v1,\ud800 v1,AAAA", "v2,abc v1,", SECRET]
)  # fmt: skip
headers = st.dictionaries(st.sampled_from(NAMES), values, max_size=5)
payloads = st.binary(max_size=40) | st.text(max_size=40)
secrets = st.sampled_from([SECRET, "plain", "whsec_", "whsec_!!", "whsec_é", "whsec_abc"])


@given(payloads, headers, secrets)
@example(
    b"{}", {"webhook-id": "a", "webhook-timestamp": str(NOW), "webhook-signature": "v1,é"}, SECRET
)  # found: compare_digest raised TypeError on a non-ASCII signature
@example(
    b"\xff", {"webhook-id": "a", "webhook-timestamp": str(NOW), "webhook-signature": "x"}, SECRET
)  # found: a body that is not UTF-8 raised UnicodeDecodeError
@example(
    "\ud800", {"webhook-id": "a", "webhook-timestamp": str(NOW), "webhook-signature": "x"}, SECRET
)  # a str body with a lone surrogate
@example(
    b"{}", {"webhook-id": "a", "webhook-timestamp": str(NOW), "webhook-signature": "x"}, "whsec_abc"
)  # found: a secret that is not base64 raised binascii.Error
def test_any_delivery_raises_only_the_documented_errors(
    payload: str | bytes, hdrs: dict[str, str], secret: str
) -> None:
    try:
        verify(payload, hdrs, secret=secret, tolerance=300, now=NOW)
    except InvalidWebhookSignatureError:
        pass
    except ValueError as exc:  # documented: a missing header or a secret that is not base64
        assert "header" in str(exc) or "secret" in str(exc)


@given(payloads, st.text(min_size=1, max_size=20), st.integers(NOW - 300, NOW + 300))
def test_signed_deliveries_verify_and_changed_ones_do_not(
    payload: str | bytes, webhook_id: str, timestamp: int
) -> None:
    sig = sign(payload, secret=SECRET, webhook_id=webhook_id, timestamp=timestamp)
    hdrs = {"webhook-id": webhook_id, "webhook-timestamp": str(timestamp)}
    verify(payload, {**hdrs, "webhook-signature": f"v2,x {sig}"}, secret=SECRET, tolerance=300,
           now=NOW)  # fmt: skip
    changed = payload + (b"!" if isinstance(payload, bytes) else "!")
    with pytest.raises(InvalidWebhookSignatureError):
        verify(changed, {**hdrs, "webhook-signature": sig}, secret=SECRET, tolerance=300, now=NOW)
    with pytest.raises(InvalidWebhookSignatureError):
        verify(payload, {**hdrs, "webhook-id": webhook_id + "x", "webhook-signature": sig},
               secret=SECRET, tolerance=300, now=NOW)  # fmt: skip


def test_a_text_body_and_its_utf8_bytes_verify_alike() -> None:
    body = '{"type": "response.completed", "text": "é😀"}'
    sig = sign(body, secret=SECRET, webhook_id="wh_1", timestamp=NOW)
    hdrs = {"webhook-id": "wh_1", "webhook-timestamp": str(NOW), "webhook-signature": sig}
    verify(body, hdrs, secret=SECRET, tolerance=300, now=NOW)
    verify(body.encode(), hdrs, secret=SECRET, tolerance=300, now=NOW)


def test_a_replay_within_the_tolerance_verifies_again() -> None:
    # Documented (docs/security.md): the SDK checks the signature and the timestamp only; a
    # delivery replayed within `tolerance` passes, so the app must store `webhook-id`.
    sig = sign(b"{}", secret=SECRET, webhook_id="wh_1", timestamp=NOW)
    hdrs = {"webhook-id": "wh_1", "webhook-timestamp": str(NOW), "webhook-signature": sig}
    for later in (0, 120, 300):
        verify(b"{}", hdrs, secret=SECRET, tolerance=300, now=NOW + later)
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        verify(b"{}", hdrs, secret=SECRET, tolerance=300, now=NOW + 301)
