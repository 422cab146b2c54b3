"""`POST /v1/realtime/client_secret`: mint an ephemeral Realtime client secret with the
Worker's key, so a page can open `client.realtime.connect()` (the subprotocol
`openai-insecure-api-key.<secret>`) while the real key stays here.

    {"session"?: {<only the fields in REALTIME_SESSION_FIELDS>}}
    -> {"value": "ek_...", "expires_at": <unix seconds>}

The Worker fixes the session's `type` and `model` (`REALTIME_MODEL`) and the secret's
lifetime (`REALTIME_SECRET_TTL` seconds); the page may set only the allowed session fields
(default `instructions`). Only the value and the expiry go back: not the upstream session,
never the key.
"""

from __future__ import annotations

import json
from typing import Any

from proxy import Answer, Config, problem, upstream_error

from openai_oxide.lite import APIError


async def secret_route(params: dict[str, Any], config: Config) -> Answer:
    session = params.get("session", {})
    unknown = sorted(set(params) - {"session"})
    if unknown or not isinstance(session, dict):
        return problem(400, "invalid_request", 'Send {"session"?: {...}} and nothing else.')
    refused = sorted(set(session) - set(config.realtime_fields))
    if refused:
        allowed = ", ".join(config.realtime_fields) or "none"
        return problem(
            400,
            "invalid_request",
            f"Session fields {refused} are not allowed (allowed: {allowed}).",
        )
    body = {
        "session": {**session, "type": "realtime", "model": config.realtime_model},
        "expires_after": {"anchor": "created_at", "seconds": config.realtime_ttl},
    }
    try:
        secret = await config.client().post("/realtime/client_secrets", body=body)
    except APIError as exc:
        return upstream_error(exc, config)
    fields = secret if isinstance(secret, dict) else {}
    value, expires_at = fields.get("value"), fields.get("expires_at")
    if not isinstance(value, str) or not value or config.api_key in value:
        return problem(502, "bad_upstream_answer", "The upstream API sent no usable secret.")
    out = json.dumps({"value": value, "expires_at": expires_at}).encode()
    return Answer(200, out, {"content-type": "application/json", "cache-control": "no-store"})
