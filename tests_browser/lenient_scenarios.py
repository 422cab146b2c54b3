"""Answers that do not match the spec, on every target: the lenient models (types._lenient)
are pure Python over pydantic, so a result, a stream and a webhook must come back typed
the same way under Pyodide, and `strict_response_validation` must refuse them the same way.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from scenarios import client, journal, queue_faults, record_error, reset, transcript

from openai_oxide import APIResponseValidationError, AsyncOpenAI
from openai_oxide._core.webhooks import sign

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
RESPONSE = {
    "id": "resp_1",
    "object": "response",
    "created_at": "now",  # not a number
    "status": "done-ish",  # not in the enum
    "output": [
        {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Hi"}]},  # noqa: E501
        {"type": "vendor_thought", "text": "hmm"},  # an output item type nobody knows
    ],
    "usage": {"input_tokens": "3"},  # most of it missing
    "vendor": {"a": 1},
}  # fmt: skip
EVENTS = [
    {"type": "response.created", "response": {"id": "resp_1", "output": []}},
    {"type": "response.output_text.delta", "delta": "Hi", "logprobs": None},  # no indexes
    {"type": "response.vendor.progress", "pct": 50},
    {"type": "response.completed", "response": RESPONSE},
]
# What a valid answer would have read too: "3" is coerced, as pydantic does on the fast path.
COERCED = {**RESPONSE, "usage": {"input_tokens": 3}}
WEBHOOK = {"id": "evt_1", "type": "batch.completed", "created_at": "now", "data": {"n": 1}}


def _sse(events: list[dict[str, Any]]) -> str:
    return "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"


def _quiet_dump(model: Any) -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # values kept as sent do not match their annotation
        return model.to_dict(mode="json")


async def lenient_answers(base_url: str) -> dict[str, Any]:
    """A broken Response (as JSON and as a stream) and a broken webhook: typed leniently by
    default; refused with APIResponseValidationError (request id, field) when strict."""
    await reset(base_url)
    result = transcript()
    faults = [
        {"body": RESPONSE, "match": "/responses"},
        {"replay": _sse(EVENTS), "match": "/responses"},
        {"body": RESPONSE, "match": "/responses"},
        {"replay": _sse(EVENTS), "match": "/responses"},
    ]
    await queue_faults(base_url, faults)
    async with client(base_url, webhook_secret=SECRET) as c:
        response = await c.responses.create(model="m", input="hi")
        stream = await c.responses.create(model="m", input="hi", stream=True)
        events = [event async for event in stream]
        payload = json.dumps(WEBHOOK)
        event = c.webhooks.unwrap(payload, _signed(payload))
    result["final"] = {
        "response": [type(response).__name__, _quiet_dump(response) == COERCED],
        "output": [type(item).__name__ for item in response.output],
        "output_text": response.output_text,
        "fields": [response.created_at, response.status, response.model, response.model_extra],
        "usage": [response.usage.input_tokens, response.usage.output_tokens]  # type: ignore[union-attr]
        if response.usage
        else None,
    }
    result["events"] = [type(e).__name__ for e in events]
    delta = events[1]
    result["delta"] = [delta.delta, delta.output_index, delta.logprobs]  # type: ignore[union-attr]
    result["webhook"] = [type(event).__name__, event.created_at, event.data.id, _quiet_dump(event)]  # type: ignore[union-attr]
    result["strict"] = await _strict(base_url)
    result["requests"] = len(await journal(base_url))
    return result


async def _strict(base_url: str) -> list[dict[str, Any]]:
    """The same answers under both names of the strict option."""

    async def plain(c: AsyncOpenAI) -> None:
        await c.responses.create(model="m", input="hi")

    async def streamed(c: AsyncOpenAI) -> None:
        stream = await c.responses.create(model="m", input="hi", stream=True)
        [event async for event in stream]

    async def webhook(c: AsyncOpenAI) -> None:
        payload = json.dumps(WEBHOOK)
        c.webhooks.unwrap(payload, _signed(payload))

    cases = [
        (plain, "created_at", {"_strict_response_validation": True}),
        (streamed, "logprobs", {"strict_response_validation": True}),
        (webhook, "data.id", {"strict_response_validation": True}),
    ]
    out: list[dict[str, Any]] = []
    request_ids: list[str | None] = []
    for call, field, option in cases:
        t = transcript(names_field=False)
        async with client(base_url, webhook_secret=SECRET, **option) as c:
            try:
                await call(c)
            except APIResponseValidationError as exc:
                record_error(t, exc)
                t["names_field"] = field in str(exc)
                request_ids.append(exc.request_id)
        out.append(t)
    journaled = {e["request_id"] for e in await journal(base_url)}
    for t, request_id in zip(out, request_ids, strict=True):
        t["request_id_journaled"] = request_id in journaled
    return out


def _signed(payload: str) -> dict[str, str]:
    stamp = int(time.time())
    signature = sign(payload, secret=SECRET, webhook_id="wh_1", timestamp=stamp)
    return {"webhook-id": "wh_1", "webhook-timestamp": str(stamp), "webhook-signature": signature}


SCENARIOS = {"lenient_answers": lenient_answers}
