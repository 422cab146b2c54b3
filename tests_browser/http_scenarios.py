"""What every target sends for an SSE request: `Accept: text/event-stream` and
`Cache-Control: no-cache` (a plain JSON call sends neither), read from the fake's journal.
Under Pyodide the headers go through `js.fetch`, so this checks the fetch transport keeps
them; Accept-Encoding is the browser's (a forbidden header for fetch), so it is not compared.
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
