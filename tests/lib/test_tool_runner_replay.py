"""Resuming from a ledger replays the saved history; ours checks its assistant,
reasoning, compaction and call items as the official runner does: the same saved
history resumes on both, or is refused by both with the same error."""

from __future__ import annotations

from typing import Any

import openai
import pytest
from openai.lib import responses_tool_runner as official
from runner_support import WEATHER
from test_tool_runner_ledger import answer

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import responses_tool_runner as ours
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

TEXT = {"type": "output_text", "text": "Hi.", "annotations": []}
MESSAGE = {
    "type": "message",
    "id": "msg_a",
    "role": "assistant",
    "status": "completed",
    "content": [TEXT],
}
REASONING = {"type": "reasoning", "id": "rs_a", "summary": [{"type": "summary_text", "text": "t"}]}
CITATION = {
    "type": "url_citation",
    "title": "T",
    "url": "https://e.com",
    "start_index": 0,
    "end_index": 1,
}
LOGPROB = {"token": "Hi", "bytes": [72, 105], "logprob": -0.5, "top_logprobs": []}
CALL = {"type": "function_call", "call_id": "call_a", "name": "get_weather", "arguments": "{}"}


def text(**fields: Any) -> dict[str, Any]:
    return {**MESSAGE, "content": [{**TEXT, **fields}]}


REPLAYS: dict[str, list[dict[str, Any]]] = {
    "assistant": [MESSAGE],
    "assistant-commentary": [{**MESSAGE, "phase": "commentary"}],
    "assistant-bad-phase": [{**MESSAGE, "phase": "aside"}],
    "assistant-no-id": [{k: v for k, v in MESSAGE.items() if k != "id"}],
    "assistant-no-status": [{k: v for k, v in MESSAGE.items() if k != "status"}],
    "assistant-citation": [text(annotations=[CITATION])],
    "assistant-citation-str-index": [text(annotations=[{**CITATION, "start_index": "0"}])],
    "assistant-unknown-annotation": [text(annotations=[{"type": "footnote"}])],
    "assistant-logprobs": [text(logprobs=[LOGPROB])],
    "assistant-logprobs-no-top": [text(logprobs=[{**LOGPROB, "top_logprobs": None}])],
    "assistant-logprobs-str-bytes": [text(logprobs=[{**LOGPROB, "bytes": ["H"]}])],
    "assistant-refusal": [{**MESSAGE, "content": [{"type": "refusal", "refusal": "No."}]}],
    "assistant-refusal-not-text": [{**MESSAGE, "content": [{"type": "refusal", "refusal": 1}]}],
    "assistant-mixed-parts": [{**MESSAGE, "content": [TEXT, {"type": "input_text", "text": "x"}]}],
    "assistant-text-as-input": [{"role": "assistant", "content": "Earlier answer."}],
    "reasoning": [REASONING],
    "reasoning-encrypted": [{**REASONING, "summary": [], "encrypted_content": "gAAA"}],
    "reasoning-no-id": [{k: v for k, v in REASONING.items() if k != "id"}],
    "reasoning-summary-kind": [{**REASONING, "summary": [{"type": "reasoning_text", "text": "t"}]}],
    "reasoning-content": [{**REASONING, "content": [{"type": "reasoning_text", "text": "c"}]}],
    "reasoning-content-kind": [{**REASONING, "content": [{"type": "summary_text", "text": "c"}]}],
    "reasoning-encrypted-not-text": [{**REASONING, "encrypted_content": 5}],
    "reasoning-bad-status": [{**REASONING, "status": "done"}],
    "compaction": [{"type": "compaction", "id": "cmp_a", "encrypted_content": "gAAA"}],
    "compaction-empty": [{"type": "compaction", "id": "cmp_a"}],
    "duplicate-ids": [MESSAGE, {**REASONING, "id": "msg_a"}],
    "unresolved-call": [CALL],
    "resolved-call": [CALL, {"type": "function_call_output", "call_id": "call_a", "output": "x"}],
    "unregistered-call": [
        {**CALL, "name": "get_time"},
        {"type": "function_call_output", "call_id": "call_a", "output": "x"},
    ],
    "orphan-output": [{"type": "function_call_output", "call_id": "call_b", "output": "x"}],
    "reasoning-status-null": [{**REASONING, "status": None}],  # the schema takes it, not replay
    "reasoning-content-null": [{**REASONING, "content": None}],
    "assistant-logprob-numeric-strings": [text(logprobs=[{**LOGPROB, "bytes": ["72"]}])],
    "assistant-citation-float-index": [text(annotations=[{**CITATION, "end_index": 1.0}])],
    "call-without-arguments": [{k: v for k, v in CALL.items() if k != "arguments"}],
    "call-arguments-not-object": [
        {**CALL, "arguments": "[1]"},
        {"type": "function_call_output", "call_id": "call_a", "output": "x"},
    ],
    "output-without-output": [CALL, {"type": "function_call_output", "call_id": "call_a"}],
    "unknown-item": [{"type": "memo", "id": "m_1"}],
    "unsupported-item": [{"type": "custom_tool_call", "call_id": "c", "input": "x", "name": "n"}],
    "input-image-no-detail": [
        {"role": "user", "content": [{"type": "input_image", "image_url": "data:,"}]}
    ],
}


async def _boundary(runner: Any, client: Any, ledger: type[Any]) -> dict[str, Any]:
    saved: list[Any] = []

    async def save(checkpoint: Any) -> None:
        saved.append(checkpoint)

    await runner.run(client, {"model": "m", "input": "weather?"}, ledger=ledger("run-1", save))
    return next(c for c in saved if c["phase"] == "boundary")


async def _resume(
    runner: Any, client: Any, ledger: type[Any], checkpoint: Any, fake: FakeOpenAI
) -> Any:
    async def save(checkpoint: Any) -> None:
        pass

    fake.inject(answer("done", stream=False))
    try:
        response = await runner.run(
            client,
            {"model": "m", "input": "Please continue."},
            ledger=ledger("run-1", save, checkpoint),
        )
    except Exception as exc:
        return type(exc).__name__, str(exc)
    return response.output_text


async def weather(arguments: dict[str, Any]) -> str:
    return "sunny"


@pytest.mark.parametrize("items", list(REPLAYS.values()), ids=list(REPLAYS))
async def test_replayed_history_is_checked_as_the_official(
    fake: FakeOpenAI, items: list[Any]
) -> None:
    outcomes = []
    for module, client_class in ((official, openai.AsyncOpenAI), (ours, AsyncOpenAI)):
        runner = module.AsyncResponsesToolRunner(
            functions=[module.AsyncRegisteredFunction(WEATHER, weather)]
        )
        async with client_class(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
            checkpoint = await _boundary(runner, client, module.AsyncResponsesToolLedger)
            checkpoint = {**checkpoint, "history": [*checkpoint["history"], *items]}
            outcomes.append(
                await _resume(runner, client, module.AsyncResponsesToolLedger, checkpoint, fake)
            )
    assert outcomes[1] == outcomes[0]
