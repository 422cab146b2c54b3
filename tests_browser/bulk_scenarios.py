"""The bulk runner on every target (issue 20 item 4): records in memory, a results file in
the target's file system (Pyodide's in-memory one in a page), a 400, a 429 and a 500; and
the same over the WebSocket pool (item 5). Native, Node and Chromium must give the same
transcript."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from fake_control import journal, queue_faults, reset, transcript
from scenarios import MODEL, client

from openai_oxide.lib import bulk


def _record(custom_id: str) -> dict[str, Any]:
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": MODEL, "messages": [{"role": "user", "content": custom_id}]},
    }


async def bulk_in_memory(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    match = "/chat/completions"
    await queue_faults(
        base_url,
        [
            {"status": 400, "match": match},
            {"status": 429, "headers": {"retry-after-ms": "50"}, "match": match},
            {"status": 500, "match": match},
        ],
    )
    result = transcript()
    ids = [f"r{i}" for i in range(6)]
    sink = bulk.MemorySink()
    seen: list[int] = []
    async with client(base_url) as c:
        # one at a time, so the faults meet the same records on every target
        summary = await bulk.run(
            c,
            [_record(i) for i in ids],
            sink,
            max_concurrency=1,
            rpm=6_000,
            progress=lambda p: seen.append(p.done),
        )
        result["results"] = sorted(line["custom_id"] for line in sink.results)
        result["errors"] = [
            [line["custom_id"], line["response"]["status_code"]] for line in sink.errors
        ]
        result["summary"] = [
            summary.total,
            summary.succeeded,
            summary.failed,
            summary.rate_limited,
            summary.retried,
        ]
        result["progress"] = seen
        # many at once, into a file and resumed: a second run sends nothing
        folder = tempfile.mkdtemp()
        output = os.path.join(folder, "results.jsonl")
        many = [_record(f"m{i}") for i in range(24)]
        first = await bulk.run(c, many, output, max_concurrency=8, rpm=6_000, tpm=600_000)
        before = len(await journal(base_url))
        again = await bulk.run(c, many, output, max_concurrency=8)
        after = len(await journal(base_url))
        with open(output, encoding="utf-8") as f:
            written = sorted(line.split('"custom_id":"')[1].split('"')[0] for line in f)
        result["file"] = [first.succeeded, again.skipped, again.succeeded, after - before]
        result["file_ids_once"] = written == sorted(r["custom_id"] for r in many)
    result["requests"] = len(await journal(base_url))
    return result


def _turn(custom_id: str) -> dict[str, Any]:
    body = {"model": MODEL, "input": custom_id, "max_output_tokens": 16}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/responses", "body": body}


async def bulk_websocket(base_url: str) -> dict[str, Any]:
    """Responses lines as turns over the pool, chat lines over HTTP: a 429 error event
    pauses and resends, a 400 event is an error line; into a file and resumed."""
    await reset(base_url)
    wait = "Rate limit reached for requests per min. Please try again in 50ms."
    await queue_faults(
        base_url,
        [
            {"status": 429, "match": "ws:", "body": {"error": {"message": wait}}},
            {"status": 400, "match": "ws:"},
        ],
    )
    result = transcript()
    records = [_turn(f"w{i}") for i in range(6)] + [_record(f"c{i}") for i in range(2)]
    sink = bulk.MemorySink()
    async with client(base_url) as c:
        summary = await bulk.run(
            c, records, sink, max_concurrency=1, transport="websocket", ws_pool_size=2
        )
        result["results"] = sorted(line["custom_id"] for line in sink.results)
        result["errors"] = [
            [line["custom_id"], line["response"]["status_code"]] for line in sink.errors
        ]
        result["summary"] = [summary.total, summary.succeeded, summary.failed]
        result["rate_limited"] = summary.rate_limited
        turn = next(line for line in sink.results if line["custom_id"] == "w1")
        result["turn_line"] = [
            turn["response"]["status_code"],
            turn["response"]["request_id"],
            turn["response"]["body"]["object"],
            turn["response"]["body"]["status"],
        ]
        folder = tempfile.mkdtemp()
        output = os.path.join(folder, "results.jsonl")
        many = [_turn(f"m{i}") for i in range(12)]
        kwargs: dict[str, Any] = {"max_concurrency": 4, "transport": "websocket"}
        first = await bulk.run(c, many, output, **kwargs)
        before = len(await journal(base_url))
        again = await bulk.run(c, many, output, **kwargs)
        after = len(await journal(base_url))
        result["file"] = [first.succeeded, again.skipped, again.succeeded, after - before]
    entries = await journal(base_url)
    turns = [e for e in entries if e["method"] == "WS"]
    result["turns"] = sorted(e["json"]["input"] for e in turns if e["status"] == 200)
    result["refused_turns"] = sorted(
        [e["json"]["input"], e["status"]] for e in turns if e["status"] != 200
    )
    result["http"] = sorted(f"{e['method']} {e['path']}" for e in entries if e["method"] != "WS")
    result["sockets"] = len({e["request_id"] for e in turns})
    result["requests"] = len(entries)
    return result


SCENARIOS = {"bulk_in_memory": bulk_in_memory, "bulk_websocket": bulk_websocket}
