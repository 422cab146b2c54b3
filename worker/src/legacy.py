"""`GET|POST /`: the prompt (`?q=` or the body) answered as a text stream
(`event: delta` per text delta, then `event: done` {id, model, output_text, request_id}, or
a final `event: error`), or whole with `?mode=json` ({id, model, output_text})."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from proxy import (
    SSE_HEADERS,
    Answer,
    Call,
    Config,
    error_body,
    frame,
    problem,
    summary,
    upstream_error,
)

from openai_oxide.lite import APIError


async def text_route(call: Call, body: bytes, config: Config) -> Answer:
    prompt = call.query.get("q", [""])[0] or body.decode("utf-8", "replace")
    if not prompt:
        return problem(400, "invalid_request", "Give a prompt as ?q= or the body.")
    client = config.client()
    try:
        if call.query.get("mode", [""])[0] == "json":
            response = await client.responses.create(model=config.model, input=prompt)
            return Answer(200, _json(summary(response)), {"content-type": "application/json"})
        stream = await client.responses.create(model=config.model, input=prompt, stream=True)
    except APIError as exc:
        return upstream_error(exc, config)
    return Answer(200, _text_frames(stream, config), dict(SSE_HEADERS))


async def _text_frames(stream: Any, config: Config) -> AsyncIterator[bytes]:
    try:
        async for event in stream:
            if event["type"] == "response.output_text.delta":
                yield frame("delta", event["delta"])
            elif event["type"] == "response.completed":
                yield frame("done", {**summary(event["response"]), "request_id": stream.request_id})
    except APIError as exc:
        yield frame("error", error_body(exc, config))
    finally:
        await stream.close()


def _json(data: object) -> bytes:
    import json

    return json.dumps(data, ensure_ascii=False).encode()
