"""Run in a page by test_realtime_worker_page.py: fetch an ephemeral Realtime secret from
the Worker (argv[1]) as a page does, then run one text turn on the API (argv[2]) with it;
prints the outcome as one JSON line."""

import json
import sys
from typing import Any

from pyodide.http import pyfetch

from openai_oxide import AsyncOpenAI

USER = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi page"}]}


async def main(worker: str, base_url: str) -> dict[str, Any]:
    answer = await pyfetch(
        worker + "/v1/realtime/client_secret",
        method="POST",
        headers={"content-type": "application/json"},
        body=json.dumps({"session": {"instructions": "Be brief."}}),
    )
    secret = await answer.json()
    page = AsyncOpenAI(api_key=secret["value"], base_url=base_url)
    text, last = "", ""
    async with page.realtime.connect(model="gpt-realtime", client_secret=secret["value"]) as conn:
        await conn.conversation.item.create(item=USER)
        await conn.response.create()
        async for event in conn:
            last = event.type
            if event.type == "response.output_text.delta":
                text += event.delta
            if event.type in ("response.done", "error"):
                break
    return {"status": answer.status, "secret": secret, "text": text, "last": last}


print(json.dumps(await main(sys.argv[1], sys.argv[2])))  # noqa: F704  # the page runs it async
