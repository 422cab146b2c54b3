"""Background streams that resume by themselves (_resume.py) and the SDK's log lines
(_logs.py), on every target: both sit above the transport, so a stream dropped three times
must read as one undropped run, and the log records must read the same, under Pyodide too.

Which event a drop cuts after may differ by one between targets (Chromium can lose the
bytes that arrive with a reset; the resume fetches them again), so the transcripts record
the events and results, not the `starting_after` of each reopening.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from scenarios import (
    API_KEY,
    MODEL,
    WEATHER_TOOL_RESPONSES,
    client,
    journal,
    queue_faults,
    record_error,
    reset,
    transcript,
)

from openai_oxide import NotFoundError, StreamResumeError, log_bodies

ASK: dict[str, Any] = {
    "model": MODEL,
    "input": "Weather in Paris?",
    "tools": [WEATHER_TOOL_RESPONSES],
    "background": True,
}


def _drops(*after: int) -> list[dict[str, Any]]:
    """Streams cut after these many events each, all written at once. (The fake lets them
    leave before the cut: Chromium would lose bytes that arrive with it, testing/delivery.py,
    and a stream that loses its `response.created` has no id to resume with.)"""
    fault = {"match": "/responses"}
    return [{**fault, "drop_after_events": n} for n in after]


async def background_stream_resumes(base_url: str) -> dict[str, Any]:
    """One response's stream dropped three times (raw events), twice (the stream helper's
    final response), twice inside a function call (early parse), then out of attempts."""
    result = transcript()
    await reset(base_url)
    async with client(base_url) as c:
        await queue_faults(base_url, _drops(3, 3, 3))
        stream = await c.responses.create(stream=True, **ASK)
        events = [event async for event in stream]
        rid = events[0].response.id  # type: ignore[union-attr]
        whole = [e async for e in await c.responses.retrieve(rid, stream=True)]
        result["events"] = [e.type for e in events]
        result["raw"] = {
            "in_order_once": [e.sequence_number for e in events] == list(range(len(events))),
            "same_as_undropped": [e.to_dict() for e in events] == [e.to_dict() for e in whole],
        }
        result["requests"] = len(await journal(base_url))

        await reset(base_url)
        await queue_faults(base_url, _drops(4, 4))
        async with c.responses.stream(**ASK) as helper:
            [_ async for _ in helper]
            final = await helper.get_final_response()
        stored = await c.responses.retrieve(final.id)
        result["final"] = {"output_types": [o.type for o in final.output]}
        result["helper_final_equals_stored"] = final.to_dict() == stored.to_dict()

        await reset(base_url)
        await queue_faults(base_url, _drops(6, 1))  # 6: inside the call's arguments
        calls = [[call.name, call.arguments] async for call in c.responses.create_stream_fc(**ASK)]
        # The same request, so the same call as the helper's undropped final response.
        stored_calls = [
            [o.name, json.loads(o.arguments)] for o in stored.output if o.type == "function_call"
        ]
        result["early_calls"] = calls
        result["early_calls_equal_an_undropped_run"] = calls == stored_calls

        await reset(base_url)
        await queue_faults(base_url, _drops(3, 0))
        seen: list[int] = []
        try:
            async for event in await c.with_options(resume_attempts=1).responses.create(
                stream=True, **ASK
            ):
                seen.append(event.sequence_number)
        except StreamResumeError as exc:
            record_error(result, exc)
            result["exhausted"] = [
                seen == list(range(len(seen))) and exc.last_sequence_number == seen[-1],
                len(await journal(base_url)),
            ]
    return result


def _normal(line: str, base_url: str) -> str:
    line = line.replace(base_url.rstrip("/"), "<base>")
    line = re.sub(r"req_[A-Za-z0-9]+", "<rid>", line)
    line = re.sub(r"resp_[A-Za-z0-9]+", "<resp>", line)
    return re.sub(r"(failed after |, )\d+\.\d+s", r"\1<t>", line)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def logging_records(base_url: str) -> dict[str, Any]:
    """The log records of an answer, a stream, a 404, a retried 503 and one call with
    bodies asked for, at DEBUG: the same lines on every target, never the key."""
    result = transcript()
    await reset(base_url)
    logger = logging.getLogger("openai_oxide")
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        async with client(base_url, max_retries=1) as c:
            await c.models.retrieve(MODEL)
            stream = await c.responses.create(model=MODEL, input="hi", stream=True)
            [_ async for _ in stream]
            try:
                await c.responses.retrieve("resp_missing")
            except NotFoundError as exc:
                record_error(result, exc)
            await queue_faults(
                base_url, [{"status": 503, "headers": {"retry-after-ms": "10"}, "match": "/models"}]
            )
            await c.models.list()
            log_bodies(True)
            try:
                await c.models.retrieve(MODEL)
            finally:
                log_bodies(False)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    said = [r.getMessage() for r in handler.records]
    result["lines"] = [[r.levelname, _normal(r.getMessage(), base_url)] for r in handler.records]
    result["key_logged"] = any(API_KEY in m or "Bearer" in m for m in said)
    result["requests"] = len(await journal(base_url))
    return result


SCENARIOS = {
    "background_stream_resumes": background_stream_resumes,
    "logging_records": logging_records,
}
