"""What every target sends for an SSE request: `Accept: text/event-stream` and, outside a
page, `Cache-Control: no-cache` (a plain JSON call sends neither), read from the fake's
journal. Under Pyodide the headers go through `js.fetch`, so this checks the fetch transport
keeps them; Accept-Encoding is the browser's (a forbidden header for fetch), so it is not
compared.

`IN_A_PAGE` documents where Chromium's transcript differs from native's by design: from a
page the SDK sends only the headers a request needs (docs/security.md, "CORS"), so the
scenarios that read request headers see fewer there.
"""

from __future__ import annotations

from typing import Any

from scenarios import MODEL, client, journal, reset, transcript


async def sse_request_headers(base_url: str) -> dict[str, Any]:
    result = transcript()
    await reset(base_url)
    async with client(base_url) as c:
        stream = await c.responses.create(model=MODEL, input="hi", stream=True)
        result["events"] = [event.type async for event in stream][-1:]
        chunks = await c.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "hi"}], stream=True
        )
        [_ async for _ in chunks]
        await c.responses.create(model=MODEL, input="hi")
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["headers"] = [
        [e["path"], e["headers"].get("accept"), e["headers"].get("cache-control")] for e in entries
    ]
    return result


SCENARIOS = {"sse_request_headers": sse_request_headers}

# scenario -> (why Chromium differs, the transcript's entries as Chromium gives them).
IN_A_PAGE: dict[str, tuple[str, dict[str, Any]]] = {
    "sse_request_headers": (
        "a page sends no cache-control on streams",
        {
            "headers": [
                ["/v1/responses", "text/event-stream", None],
                ["/v1/chat/completions", "text/event-stream", None],
                ["/v1/responses", "application/json", None],
            ]
        },
    ),
    "hooks_sequence": (
        "a page reads only the response headers the server exposes (CORS), and the fake "
        "exposes no x-ratelimit-*",
        {"rate_limits": None},
    ),
    "hooks_ws_sequence": (
        "a page's WebSocket API exposes no header of the handshake's answer",
        {"handshake_request_id": False},
    ),
    "realtime_refused": (
        "a page's WebSocket shows nothing of a refused handshake: no status, no headers",
        {"error": "APIConnectionError", "error_status": None, "status_in_message": False},
    ),
    "retry_429_retry_after": (
        "a page sends no retry count and no idempotency key of its own",
        {"retry_count_headers": [None, None], "same_idempotency_key": False},
    ),
}


def expected_in_page(scenario: str, native: dict[str, Any]) -> dict[str, Any]:
    """The transcript Chromium must give for `scenario`: native's, with `IN_A_PAGE`'s
    entries in place of its own."""
    differs = IN_A_PAGE.get(scenario)
    return native if differs is None else {**native, **differs[1]}
