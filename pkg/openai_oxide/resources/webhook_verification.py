"""`client.webhooks`' methods, written by hand and mixed into the generated `AsyncWebhooks`:
verify a webhook's signature and parse its event (no request)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .._core import webhooks
from .._core.errors import APIResponseValidationError
from .._core.http import Headers, Request, ResponseHead
from .._core.strictness import checked, validation_message
from ..types._lenient import json_decoder
from ..types.webhooks import UnwrapWebhookEvent
from ._common import Resource

__all__ = ["WebhookVerification"]

_NO_SECRET = (
    "The webhook secret must either be set using the env var, OPENAI_WEBHOOK_SECRET, "
    "on the client class, OpenAI(webhook_secret='123'), or passed to this function"
)


class WebhookVerification(Resource):
    """Plain (sync) methods on both clients, as in the official SDK."""

    __slots__ = ()

    def unwrap(
        self, payload: str | bytes, headers: Mapping[str, str], *, secret: str | None = None
    ) -> UnwrapWebhookEvent:
        """Verify the signature (InvalidWebhookSignatureError if it is wrong), then parse
        the event; an event type this SDK does not know parses as `UnknownWebhookEvent`,
        and an event that does not match its model is built leniently.

        Raises APIResponseValidationError for a payload that is not a JSON object, or that
        does not match under `strict_response_validation`."""
        self.verify_signature(payload, headers, secret=secret)
        strict = self._client.strict_response_validation
        try:
            body = payload.decode("utf-8") if isinstance(payload, bytes) else payload
            event: UnwrapWebhookEvent = checked(json_decoder(UnwrapWebhookEvent), body, strict)
        except ValueError as exc:  # ValidationError, JSON and UTF-8 errors
            # No HTTP answer to point at: the error carries the webhook's own headers.
            head = ResponseHead(200, Headers(headers), Request("POST", "webhook"))
            raise APIResponseValidationError(
                head, _preview(payload), message=validation_message(exc)
            ) from exc
        return event

    def verify_signature(
        self,
        payload: str | bytes,
        headers: Mapping[str, str],
        *,
        secret: str | None = None,
        tolerance: int = 300,
    ) -> None:
        """Raise InvalidWebhookSignatureError unless `payload` was signed with the secret
        within `tolerance` seconds (ValueError when the secret or a header is missing)."""
        if secret is None:
            secret = _client_secret(self._client)
        if secret is None:
            raise ValueError(_NO_SECRET)
        webhooks.verify(payload, headers, secret=secret, tolerance=tolerance, now=time.time())


def _preview(payload: str | bytes) -> str:
    text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
    return text if len(text) <= 200 else text[:200] + "…"


def _client_secret(client: Any) -> str | None:
    secret = getattr(client, "webhook_secret", None)
    return secret if isinstance(secret, str) else None
