"""The bulk runner over the WebSocket pool (`transport="websocket"`): Responses lines as turns
on pooled sessions, the rest over HTTP, rate-limit events pausing the run, resuming."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from bulk_support import MOST_429S, chat_record, ids_in, lines, record_pacing, sent_ids, use_of

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import bulk
from openai_oxide.testing import FakeOpenAI, Fault, RateBudget

IDS = [f"resp-{i}" for i in range(24)]


def responses_record(custom_id: str) -> dict[str, Any]:
    body = {"model": "gpt-4o-mini", "input": f"item {custom_id}", "max_output_tokens": 16}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/responses", "body": body}


def turns(fake: FakeOpenAI, status: int | None = None) -> list[str]:
    """The ids of the WebSocket turns the fake received (answered with `status`, if given)."""
    return [
        e.json["input"].removeprefix("item ")
        for e in fake.journal
        if e.method == "WS" and (status is None or e.status == status)
    ]


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key="sk-bulk", base_url=fake.url) as c:
        yield c


async def test_responses_lines_go_over_the_pool_and_the_others_over_http(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    chats = [f"chat-{i}" for i in range(5)]
    records = [responses_record(i) for i in IDS] + [chat_record(i) for i in chats]
    output = tmp_path / "results.jsonl"
    summary = await bulk.run(
        client,
        records,
        output,
        transport="websocket",
        ws_pool_size=3,
        max_concurrency=8,
        progress=False,
    )
    assert (summary.total, summary.succeeded, summary.failed) == (29, 29, 0)
    assert sorted(ids_in(output)) == sorted(IDS + chats)
    assert sorted(turns(fake)) == sorted(IDS)  # each Responses line once, as a turn
    assert not [e for e in fake.journal if e.method == "POST" and e.path == "/v1/responses"]
    assert sorted(sent_ids(fake)) == sorted(chats)  # the chat lines over HTTP
    assert len({e.request_id for e in fake.journal if e.method == "WS"}) <= 3  # 3 sockets
    by_id = {line["custom_id"]: line for line in lines(output)}
    turn = by_id[IDS[0]]
    assert turn["id"].startswith("batch_req_") and turn["error"] is None
    assert turn["response"]["status_code"] == 200 and turn["response"]["request_id"] is None
    assert turn["response"]["body"]["object"] == "response"
    assert f"item {IDS[0]}" in json.dumps(turn["response"]["body"]["output"])
    assert by_id[chats[0]]["response"]["request_id"].startswith("req_")
    assert summary.input_tokens > 0 and summary.output_tokens > 0  # turns' usage counted


async def test_a_rate_limit_event_pauses_the_whole_runner_for_the_time_it_names(
    fake: FakeOpenAI, client: AsyncOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    admitted, pauses = record_pacing(monkeypatch)
    message = "Rate limit reached for gpt-4o-mini on requests per min. Please try again in 300ms."
    error = {"message": message, "type": "requests", "code": "rate_limit_exceeded"}
    fake.inject(Fault(status=429, body={"error": error}, match="ws:"))
    sink = bulk.MemorySink()
    records = [responses_record(i) for i in IDS]
    summary = await bulk.run(client, records, sink, transport="websocket", progress=False)
    assert (summary.rate_limited, summary.succeeded, summary.failed) == (1, 24, 0)
    [(paused_at, until)] = pauses
    assert until - paused_at == pytest.approx(0.3, abs=0.05)  # from the message
    assert not [t for t in admitted if paused_at <= t < until]
    assert sorted(turns(fake, 200)) == sorted(IDS)  # the refused turn was sent again, once
    assert len(turns(fake)) == 25


async def test_a_spent_budget_over_websocket_loses_and_repeats_nothing(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    # No rpm given and no headers on a socket: the runner learns the budget by 429 events.
    fake.set_rate_limits(RateBudget(rpm=600))  # 10 a second
    sink = bulk.MemorySink()
    records = [responses_record(i) for i in IDS]
    summary = await bulk.run(
        client, records, sink, transport="websocket", ws_pool_size=6, progress=False
    )
    assert summary.rate_limited > 0 and (summary.succeeded, summary.failed) == (24, 0)
    assert sorted(line["custom_id"] for line in sink.results) == sorted(IDS)
    assert Counter(turns(fake, 200)) == Counter(IDS)  # each admitted exactly once
    assert len(turns(fake, 429)) == summary.rate_limited


async def test_other_error_events_go_to_the_errors_file_5xx_are_retried(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    fake.inject(Fault(status=400, match="ws:"))
    fake.inject(Fault(status=500, match="ws:"))
    output, errors = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    summary = await bulk.run(
        client,
        [responses_record(i) for i in IDS[:6]],
        output,
        transport="websocket",
        max_concurrency=1,
        progress=False,
    )
    [failed] = lines(errors)
    assert failed["custom_id"] == IDS[0] and failed["response"]["status_code"] == 400
    assert failed["response"]["body"]["error"]["message"]  # the HTTP error body's shape
    assert (summary.succeeded, summary.failed, summary.retried) == (5, 1, 1)
    assert sorted(ids_in(output, errors)) == sorted(IDS[:6])


async def test_resumes_over_websocket_without_sending_what_is_written(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = tmp_path / "requests.jsonl"
    source.write_text("".join(json.dumps(responses_record(i)) + "\n" for i in IDS))
    output = tmp_path / "results.jsonl"
    done = [{"id": "batch_req_1", "custom_id": i, "response": None} for i in IDS[:10]]
    torn = json.dumps({"id": "batch_req_2", "custom_id": IDS[10]})[:20]
    output.write_text("".join(json.dumps(d) + "\n" for d in done) + torn)
    summary = await bulk.run(client, source, output, transport="websocket", progress=False)
    assert (summary.skipped, summary.succeeded) == (10, 14)
    assert sorted(turns(fake)) == sorted(IDS[10:])
    assert sorted(ids_in(output)) == sorted(IDS)


async def test_websocket_with_batch_mode_or_an_unknown_transport_is_refused(
    client: AsyncOpenAI,
) -> None:
    with pytest.raises(ValueError, match="not with mode='batch'"):
        await bulk.run(client, [], bulk.MemorySink(), transport="websocket", mode="batch")
    with pytest.raises(ValueError, match="transport must be"):
        await bulk.run(client, [], bulk.MemorySink(), transport="grpc")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="size must be at least 1"):
        await bulk.run(client, [], bulk.MemorySink(), transport="websocket", ws_pool_size=0)


async def test_a_connection_at_its_time_limit_is_replaced_and_the_turn_sent_again(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    error = {"message": "connection limit reached", "code": "websocket_connection_limit_reached"}
    fake.inject(Fault(status=400, body={"error": error}, match="ws:"))
    sink = bulk.MemorySink()
    records = [responses_record(i) for i in IDS[:5]]
    summary = await bulk.run(
        client, records, sink, transport="websocket", max_concurrency=1, progress=False
    )
    assert (summary.succeeded, summary.failed) == (5, 0)
    assert turns(fake, 400) == [IDS[0]] and sorted(turns(fake, 200)) == sorted(IDS[:5])
    assert len({e.request_id for e in fake.journal if e.method == "WS"}) == 2  # replaced


async def test_a_run_over_websocket_paced_at_its_tpm_uses_at_least_90_percent_of_it(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    # As tests/lib/test_bulk_limits.py over HTTP: counted from the fake's admissions.
    # 200 tokens a second, each turn ~20: 10 turns a second, slow enough that a loaded
    # machine (or debug logging, as the canary runs it) still keeps up with the budget.
    budget = RateBudget(tpm=12_000)
    fake.set_rate_limits(budget)
    ids = [f"t{i}" for i in range(60)]
    sink = bulk.MemorySink()
    summary = await bulk.run(
        client,
        [responses_record(i) for i in ids],
        sink,
        tpm=12_000,
        transport="websocket",
        ws_pool_size=8,
        progress=False,
    )
    assert sorted(line["custom_id"] for line in sink.results) == sorted(ids)
    assert Counter(turns(fake, 200)) == Counter(ids)
    assert summary.rate_limited == budget.refused <= MOST_429S * len(ids)
    assert use_of(budget.admitted, 12_000, cost=0) >= 0.9
