"""The bulk runner's direct mode against the fake: outputs, errors, retries, resume."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from bulk_support import chat_record, ids_in, lines, record_pacing, sent_ids, write_requests

from openai_oxide import AsyncOpenAI, AuthenticationError
from openai_oxide.lib import bulk
from openai_oxide.testing import FakeOpenAI, Fault

IDS = [f"req-{i}" for i in range(30)]


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key="sk-bulk", base_url=fake.url) as c:
        yield c


async def test_every_id_once_in_the_output_in_the_batch_format(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    summary = await bulk.run(client, source, tmp_path / "results.jsonl", progress=False)
    out = lines(tmp_path / "results.jsonl")
    assert sorted(line["custom_id"] for line in out) == sorted(IDS)
    first = out[0]
    assert first["id"].startswith("batch_req_") and first["error"] is None
    assert first["response"]["status_code"] == 200
    assert first["response"]["request_id"].startswith("req_")
    assert first["response"]["body"]["object"] == "chat.completion"
    assert lines(tmp_path / "results.errors.jsonl") == []
    assert sorted(sent_ids(fake)) == sorted(IDS)
    assert (summary.total, summary.succeeded, summary.failed) == (30, 30, 0)
    assert summary.input_tokens > 0 and summary.output_tokens > 0
    assert summary.cost is not None and summary.cost > 0  # gpt-4o-mini is in the default table


async def test_4xx_go_to_the_errors_file_5xx_and_429_are_retried(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    fake.inject(Fault(status=400))
    fake.inject(Fault(status=500, times=2))
    fake.inject(Fault(status=429, headers={"retry-after-ms": "50"}, times=3))
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    errors = tmp_path / "failed.jsonl"
    summary = await bulk.run(
        client, source, tmp_path / "out.jsonl", errors=errors, progress=False, max_concurrency=1
    )
    failed = lines(errors)
    assert len(failed) == 1 and failed[0]["custom_id"] == IDS[0]
    assert failed[0]["response"]["status_code"] == 400
    assert failed[0]["response"]["body"]["error"]["type"] == "invalid_request_error"
    assert sorted(ids_in(tmp_path / "out.jsonl", errors)) == sorted(IDS)
    assert (summary.succeeded, summary.failed, summary.rate_limited, summary.retried) == (
        29,
        1,
        3,
        2,
    )
    assert len(fake.journal) == 30 + 2 + 3


async def test_an_answer_that_is_not_json_is_an_error_line_not_a_crash(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(body="<html>gateway hiccup</html>"))
    sink = bulk.MemorySink()
    summary = await bulk.run(client, [chat_record(i) for i in IDS[:3]], sink, progress=False)
    assert (summary.succeeded, summary.failed) == (2, 1)
    [line] = sink.errors
    assert line["response"]["status_code"] == 200 and line["response"]["body"] is None
    assert line["error"]["code"] == "invalid_response" and line["error"]["message"]


async def test_a_429_pauses_the_whole_runner_for_retry_after(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admitted, pauses = record_pacing(monkeypatch)
    fake.inject(Fault(status=429, headers={"retry-after-ms": "300"}))
    summary = await bulk.run(
        client, [chat_record(i) for i in IDS], bulk.MemorySink(), progress=False
    )
    assert summary.rate_limited == 1 and summary.succeeded == 30 and summary.failed == 0
    [(paused_at, until)] = pauses
    assert until - paused_at == pytest.approx(0.3, abs=0.05)
    assert not [t for t in admitted if paused_at <= t < until]
    assert any(t >= until for t in admitted)  # the 429'd request, at least, went after it


async def test_resumes_after_a_torn_line_without_resending_what_is_written(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    output = tmp_path / "results.jsonl"
    written = [{"id": "batch_req_1", "custom_id": i, "response": None} for i in IDS[:5]]
    torn = json.dumps({"id": "batch_req_2", "custom_id": IDS[5], "response": None})[:30]
    output.write_text("".join(json.dumps(w) + "\n" for w in written) + torn)
    (tmp_path / "results.errors.jsonl").write_text(
        json.dumps({"id": "batch_req_3", "custom_id": IDS[6], "response": None}) + "\n"
    )
    summary = await bulk.run(client, source, output, progress=False)
    assert summary.skipped == 6 and summary.succeeded == 24
    assert sorted(sent_ids(fake)) == sorted(IDS[5:6] + IDS[7:])
    assert sorted(ids_in(output, tmp_path / "results.errors.jsonl")) == sorted(IDS)
    assert output.read_text().endswith("\n")  # the torn line was cut, not continued


async def test_records_from_an_async_iterable_into_memory(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    async def records() -> AsyncIterator[dict[str, Any]]:
        for i in IDS:
            yield chat_record(i)

    seen: list[bulk.Progress] = []
    sink = bulk.MemorySink()
    summary = await bulk.run(
        client, records(), sink, progress=seen.append, prices={"gpt-4o-mini": (1e6, 0.0)}
    )
    assert sorted(line["custom_id"] for line in sink.results) == sorted(IDS)
    assert [p.done for p in seen] == list(range(1, 31))
    assert seen[-1].total is None and seen[-1].eta is None
    assert summary.cost == summary.input_tokens  # a dollar a token, by that table


async def test_a_bad_or_repeated_line_stops_before_anything_is_sent(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    with source.open("a") as f:
        f.write(json.dumps({"custom_id": "x", "url": "/v1/chat/completions", "body": []}) + "\n")
    with pytest.raises(bulk.BulkInputError, match=r"requests.jsonl:31: `body` must be"):
        await bulk.run(client, source, tmp_path / "out.jsonl", progress=False)
    write_requests(source, [*IDS, IDS[3]])
    with pytest.raises(bulk.BulkInputError, match="'req-3' appears twice") as info:
        await bulk.run(client, source, tmp_path / "out.jsonl", progress=False)
    assert info.value.where.endswith("requests.jsonl:31")
    assert fake.journal == []


async def test_a_refused_key_stops_the_run_and_writes_nothing(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.inject(Fault(status=401, times=100))
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    async with AsyncOpenAI(api_key="sk-bulk", base_url=fake.url) as client:
        with pytest.raises(AuthenticationError):
            await bulk.run(client, source, tmp_path / "out.jsonl", progress=False)
    assert ids_in(tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl") == []


async def test_shards_split_one_job_with_a_share_of_the_budget(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = write_requests(tmp_path / "requests.jsonl", IDS)
    outputs = [tmp_path / f"part{i}.jsonl" for i in (1, 2, 3)]
    totals = [
        (await bulk.run(client, source, out, shard=f"{i}/3", progress=False)).total
        for i, out in enumerate(outputs, 1)
    ]
    parts = [ids_in(out) for out in outputs]
    assert sorted(i for part in parts for i in part) == sorted(IDS) and all(parts)
    assert totals == [len(p) for p in parts]


async def test_batch_mode_counts_into_the_same_summary_and_resumes(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    source = write_requests(tmp_path / "requests.jsonl", IDS[:6])
    output = tmp_path / "results.jsonl"
    seen: list[bulk.Progress] = []
    summary = await bulk.run(client, source, output, mode="batch", progress=seen.append)
    assert (summary.total, summary.succeeded, summary.failed) == (6, 6, 0)
    assert summary.input_tokens > 0 and [p.done for p in seen] == list(range(1, 7))
    assert sorted(ids_in(output)) == sorted(IDS[:6]) and sent_ids(fake) == []  # no direct call
    again = await bulk.run(client, source, output, mode="batch", progress=False)
    assert (again.skipped, again.succeeded) == (6, 0)
    assert sum(1 for e in fake.journal if e.path == "/v1/batches" and e.method == "POST") == 1


async def test_bad_arguments_are_refused(client: AsyncOpenAI, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_concurrency"):
        await bulk.run(client, [], bulk.MemorySink(), max_concurrency=0)
    with pytest.raises(ValueError, match="shard"):
        await bulk.run(client, [], bulk.MemorySink(), shard="3/2")
    with pytest.raises(bulk.BulkInputError, match="must differ"):
        await bulk.run(client, [], tmp_path / "a.jsonl", errors=tmp_path / "a.jsonl")
