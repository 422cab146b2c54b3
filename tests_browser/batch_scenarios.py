"""The Batch API engine on every target (issue 20 item 4, `mode="batch"`): records in
memory split into batches, uploaded as bytes, polled, mapped back by custom_id; run again
with its state file (on this target's file system) it makes no second batch."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from typing import Any

from fake_control import journal, reset, transcript
from scenarios import client

from openai_oxide.lib.bulk import MemorySink
from openai_oxide.lib.bulk.batch_mode import run_batches


def _records() -> list[dict[str, Any]]:
    chat = "/v1/chat/completions"
    out = [
        {
            "custom_id": f"c{i}",
            "method": "POST",
            "url": chat,
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"q{i}"}]},
        }
        for i in range(7)
    ]
    out.append({"custom_id": "bad", "method": "POST", "url": chat, "body": {"model": "gpt-4o"}})
    body = {"model": "text-embedding-3-small", "input": "x"}
    out += [
        {"custom_id": f"e{i}", "method": "POST", "url": "/v1/embeddings", "body": body}
        for i in range(2)
    ]
    return out


async def _aiter(records: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    for record in records:
        yield record


async def batch_mode_engine(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    result = transcript()
    state = os.path.join(tempfile.mkdtemp(), "batches.state.jsonl")
    sink, again = MemorySink(), MemorySink()
    async with client(base_url) as c:
        summary = await run_batches(
            c, _aiter(_records()), sink, state_path=state, poll_interval=0.02, max_lines=3
        )
        await run_batches(c, _aiter(_records()), again, state_path=state, max_lines=3)
    entries = await journal(base_url)
    result["requests"] = len(entries)
    result["sent"] = sorted(
        {f"{e['method']} {'/'.join(e['path'].split('/')[:3])}" for e in entries}
    )
    result["final"] = {
        "created": summary.created,
        "statuses": sorted(set(summary.statuses.values())),
        "succeeded": summary.succeeded,
        "failed": summary.failed,
        "results": sorted(x["custom_id"] for x in sink.results),
        "errors": [[x["custom_id"], x["response"]["status_code"]] for x in sink.errors],
        "answer": next(
            x["response"]["body"]["choices"][0]["message"]["content"]
            for x in sink.results
            if x["custom_id"] == "c3"
        ),
        "again": len(again.results) + len(again.errors),
        "state_saved": os.path.exists(state),
    }
    return result


SCENARIOS = {"batch_mode_engine": batch_mode_engine}
