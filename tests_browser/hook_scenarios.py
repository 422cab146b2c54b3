"""Hooks on every target (issue 20 item 1): the sequence a client's hooks record for a
retried call, a stream and a failed call, and the rate limits the client saw. Native,
Node and Chromium must record the same sequence."""

from __future__ import annotations

from typing import Any

from fake_control import journal, queue_faults, record_error, reset, transcript
from scenarios import API_KEY, MODEL, client

RATE_LIMITS = {
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "499",
    "x-ratelimit-reset-requests": "120ms",
    "x-ratelimit-limit-tokens": "30000",
    "x-ratelimit-remaining-tokens": "29000",
    "x-ratelimit-reset-tokens": "1m2.5s",
}


def _recorder(seen: list[list[Any]]) -> dict[str, Any]:
    def request(event: Any) -> None:  # a sync hook that edits a header the page may send
        event.headers["openai-organization"] = f"org-hook-{event.attempt}"
        seen.append(["request", event.method, event.attempt, event.headers["authorization"]])

    async def response(event: Any) -> None:
        seen.append(["response", event.status, event.retries_taken, bool(event.request_id)])

    async def retry(event: Any) -> None:
        seen.append(["retry", event.attempt, event.reason, event.status])

    def error(event: Any) -> None:
        seen.append(["error", type(event.error).__name__])

    async def stream_end(event: Any) -> None:
        usage = getattr(event.usage, "total_tokens", None)
        ttfe = event.time_to_first_event
        seen.append(["stream_end", event.events, event.completed, usage is not None, ttfe > 0])

    return {
        "request": request,
        "response": response,
        "retry": retry,
        "error": error,
        "stream_end": stream_end,
    }


async def hooks_sequence(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    await queue_faults(
        base_url,
        [
            {"status": 500, "match": "/responses"},
            {"headers": RATE_LIMITS, "match": "/responses"},
        ],
    )
    result = transcript()
    seen: list[list[Any]] = []
    async with client(base_url, max_retries=1, hooks=_recorder(seen)) as c:
        response = await c.responses.create(model=MODEL, input="hooked")
        result["final"] = {"status": response.status}
        limits = c.rate_limits.get(MODEL)  # the last answer's: later ones report none
        stream = await c.responses.create(model=MODEL, input="hooked", stream=True)
        result["events"] = [event.type async for event in stream][-1:]
        await queue_faults(base_url, [{"status": 400, "match": "/responses"}])
        try:
            await c.responses.create(model=MODEL, input="refused")
        except Exception as exc:
            record_error(result, exc)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["organization_sent"] = [e["headers"].get("openai-organization") for e in entries]
    result["hooks"] = seen
    result["rate_limits"] = (
        None
        if limits is None
        else [
            [name, bucket.limit, bucket.remaining, bucket.reset]
            for name, bucket in sorted(limits.buckets.items())
        ]
    )
    return result


async def hooks_ws_sequence(base_url: str) -> dict[str, Any]:
    """A WebSocket session: the handshake's request and response (101), a stream_end per
    turn, error then stream_end for a turn the server refuses. In a page the session
    authenticates with a subprotocol, so the handshake has no authorization header: the
    hook records whether it saw the key in clear, never the value. Whether the 101 told
    its request id depends on the WebSocket the target has (docs/hooks.md)."""
    await reset(base_url)
    result = transcript()
    seen: list[list[Any]] = []
    hooks = _recorder(seen)

    def request(event: Any) -> None:
        clear = any(v.endswith(API_KEY[-8:]) for v in event.headers.values())
        seen.append(["request", event.method, event.attempt, event.url.split(":")[0], clear])

    def stream_end(event: Any) -> None:
        usage = (event.usage or {}).get("total_tokens")
        seen.append(["stream_end", event.events > 2, event.completed, usage is not None])

    async def response(event: Any) -> None:
        seen.append(["response", event.status, event.retries_taken])
        result["handshake_request_id"] = bool(event.request_id)

    hooks.update(request=request, response=response, stream_end=stream_end)
    async with client(base_url, hooks=hooks) as c, c.ws_session(defaults={"model": MODEL}) as ws:
        first = await ws.send(input="one")
        second = await ws.send(input="two")
        result["final"] = {"chained": second.previous_response_id == first.id}
        try:
            async for _ in ws.send_stream(model=None, input="no model"):
                pass
        except Exception as exc:
            record_error(result, exc)
    result["requests"] = len([e for e in await journal(base_url) if e["method"] == "WS"])
    result["hooks"] = seen
    return result


SCENARIOS = {"hooks_sequence": hooks_sequence, "hooks_ws_sequence": hooks_ws_sequence}
