"""The Batch API engine (lib/bulk/batch_mode.py) against the fake's Batch API: split, upload,
create, poll, map back by custom_id; resume from the state file, killed and restarted."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide.lib.bulk import BulkInputError, MemorySink, batch_state
from openai_oxide.lib.bulk.batch_mode import BatchModeError, run_batches
from openai_oxide.lib.bulk.batch_state import BatchEntry, BatchState
from openai_oxide.testing import BatchTiming, FakeOpenAI, Fault

CHAT = "/v1/chat/completions"
EMBED = "/v1/embeddings"


def ids(sink: MemorySink) -> list[str]:
    return [x["custom_id"] for x in sink.results + sink.errors]


def journal(path: Path) -> list[dict[str, Any]]:
    """The state file's whole lines (read only: a child may be appending)."""
    text = path.read_text() if path.exists() else ""
    return [json.loads(line) for line in text.split("\n")[:-1]]


def saved(path: Path) -> list[BatchEntry]:
    """The batches the state file holds, as a restart reads them."""
    return BatchState.open(str(path)).entries


def drop(path: Path, field: str, entry: int | None = None) -> None:
    """As if killed before the updates of `field` (of batch `entry`, or any) were saved."""
    kept = [
        line
        for line in journal(path)
        if field not in line
        or "ids" in line  # a batch's first line
        or (entry is not None and line.get("entry") != entry)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in kept))


def chat(custom_id: str, text: str = "hi", model: str = "gpt-4o-mini") -> dict[str, Any]:
    body = {"model": model, "messages": [{"role": "user", "content": text}]}
    return {"custom_id": custom_id, "method": "POST", "url": CHAT, "body": body}


def embed(custom_id: str) -> dict[str, Any]:
    body = {"model": "text-embedding-3-small", "input": custom_id}
    return {"custom_id": custom_id, "method": "POST", "url": EMBED, "body": body}


async def aiter(records: Iterable[Any]) -> AsyncIterator[Any]:
    for record in records:
        yield record


def sent(fake: FakeOpenAI, method: str, path: str) -> int:
    return sum(1 for e in fake.journal if e.method == method and e.path == path)


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key="sk-fake", base_url=fake.url) as made:
        yield made


async def test_records_go_through_batches_and_back(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    records = [chat(f"c{i}", f"question {i}") for i in range(25)]
    records[7] = {**chat("bad"), "body": {"model": "gpt-4o-mini"}}  # the API answers 400
    records += [embed(f"e{i}") for i in range(3)]
    records.insert(5, chat("other-model", model="gpt-4o"))
    sink = MemorySink()
    state = tmp_path / "job.state.json"
    summary = await run_batches(
        client, aiter(records), sink, state_path=str(state), poll_interval=0.01, max_lines=10
    )
    # chat/gpt-4o-mini: 10 + 10 + 4 lines; chat/gpt-4o: 1; embeddings: 3 -> five batches.
    assert summary.created == 5 and len(summary.batch_ids) == 5
    assert set(summary.statuses.values()) == {"completed"}
    assert sent(fake, "POST", "/v1/files") == 5 and sent(fake, "POST", "/v1/batches") == 5
    assert sent(fake, "POST", CHAT) == sent(fake, "POST", EMBED) == 0  # no direct call
    assert sorted(ids(sink)) == sorted(r["custom_id"] for r in records)  # each exactly once
    assert summary.lines == len(records) and (summary.succeeded, summary.failed) == (28, 1)
    [error] = sink.errors
    assert error["custom_id"] == "bad" and error["response"]["status_code"] == 400
    by_id = {x["custom_id"]: x for x in sink.results}
    assert "question 12" in by_id["c12"]["response"]["body"]["choices"][0]["message"]["content"]
    assert by_id["e1"]["response"]["body"]["object"] == "list"
    assert by_id["other-model"]["response"]["body"]["model"] == "gpt-4o"
    assert summary.input_tokens > 0 and summary.output_tokens > 0
    assert [b.batch_id for b in saved(state)] == summary.batch_ids
    assert all(b.delivered for b in saved(state))
    # Run again with the state file: nothing is sent again, nothing is written twice.
    again = MemorySink()
    await run_batches(client, aiter(records), again, state_path=str(state), max_lines=10)
    assert sent(fake, "POST", "/v1/batches") == 5 and ids(again) == []


async def test_files_split_at_the_byte_limit(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    records = [chat(f"r{i}", "x" * 50) for i in range(12)]
    line = len(json.dumps(records[0], separators=(",", ":")).encode()) + 1
    sink = MemorySink()
    summary = await run_batches(
        client, aiter(records), sink, state_path=None, poll_interval=0.01, max_bytes=3 * line + 5
    )
    assert summary.created == 4 and sorted(ids(sink)) == sorted(r["custom_id"] for r in records)
    for batch_id in summary.batch_ids:
        batch = await client.batches.retrieve(batch_id)
        content = (await client.files.content(batch.input_file_id)).content
        assert len(content) <= 3 * line + 5 and len(content.splitlines()) == 3
        assert (await client.files.retrieve(batch.input_file_id)).purpose == "batch"
        assert batch.completion_window == "24h" and batch.endpoint == CHAT


async def test_an_expired_batch_writes_its_unfinished_lines_as_errors(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(batch_status="expired", batch_lines=3, match="/batches"))
    records = [chat(f"x{i}") for i in range(8)]
    sink = MemorySink()
    summary = await run_batches(client, aiter(records), sink, state_path=None, poll_interval=0.01)
    assert list(summary.statuses.values()) == ["expired"] and summary.created == 1
    assert len(sink.results) == 3 and sorted(ids(sink)) == sorted(f"x{i}" for i in range(8))
    assert {e["error"]["code"] for e in sink.errors} == {"batch_expired"}
    assert sent(fake, "POST", "/v1/batches") == 1  # not re-submitted


async def test_a_failed_batch_writes_every_line_as_an_error_with_the_reason(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(batch_status="failed", match="/batches"))
    sink = MemorySink()
    summary = await run_batches(
        client, aiter([chat("a"), chat("b")]), sink, state_path=None, poll_interval=0.01
    )
    assert list(summary.statuses.values()) == ["failed"] and summary.failed == 2
    assert [e["custom_id"] for e in sink.errors] == ["a", "b"] and not sink.results
    error = sink.errors[0]["error"]
    assert error["code"] == "batch_failed" and "Enqueued token limit" in error["message"]


async def test_polling_backs_off_from_poll_interval(
    fake: FakeOpenAI, client: AsyncOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.set_batch_timing(BatchTiming(per_line=0.02))
    delays: list[float] = []
    real_sleep = asyncio.sleep
    here = threading.get_ident()

    async def recording_sleep(delay: float, result: Any = None) -> Any:
        if threading.get_ident() != here:  # the fake's thread sleeps as it would
            return await real_sleep(delay, result)
        delays.append(delay)
        return await real_sleep(min(delay, 0.01), result)

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)
    sink = MemorySink()
    summary = await run_batches(
        client,
        aiter([chat(f"p{i}") for i in range(40)]),
        sink,
        state_path=None,
        poll_interval=0.5,
        max_poll_interval=2.0,
    )
    assert len(sink.results) == 40
    assert len(delays) >= 3 and delays[:3] == [0.5, 1.0, 2.0]
    assert max(delays) == 2.0
    # One retrieve right after creating, then one after each pause.
    assert sent(fake, "GET", f"/v1/batches/{summary.batch_ids[0]}") == len(delays) + 1


async def test_resume_finds_a_batch_whose_creation_was_not_recorded(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    records = [chat(f"k{i}") for i in range(4)]
    first = await run_batches(
        client, aiter(records), MemorySink(), state_path=str(state), poll_interval=0.01
    )
    # As if killed after the batch was created and before its id was saved.
    drop(state, "batch_id")
    drop(state, "delivered")
    assert [(b.batch_id, b.delivered) for b in saved(state)] == [(None, False)]
    sink = MemorySink()
    resumed = await run_batches(
        client, aiter(records), sink, state_path=str(state), poll_interval=0.01
    )
    assert resumed.batch_ids == first.batch_ids and resumed.created == 0
    assert sent(fake, "POST", "/v1/batches") == 1 and sent(fake, "POST", "/v1/files") == 1
    assert sorted(ids(sink)) == [f"k{i}" for i in range(4)]


async def test_resume_hands_over_only_the_ids_of_this_run(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    records = [chat(f"k{i}") for i in range(6)]
    await run_batches(
        client, aiter(records), MemorySink(), state_path=str(state), poll_interval=0.01, max_lines=3
    )
    # As if killed while handing over the first batch, after k0 and k1 were written: the
    # bulk runner then leaves out the ids its files hold.
    assert [b.ids for b in saved(state)] == [["k0", "k1", "k2"], ["k3", "k4", "k5"]]
    drop(state, "delivered", entry=0)
    sink = MemorySink()
    summary = await run_batches(
        client, aiter(records[2:]), sink, state_path=str(state), poll_interval=0.01, max_lines=3
    )
    assert ids(sink) == ["k2"] and summary.created == 0
    assert sent(fake, "POST", "/v1/batches") == 2 and sent(fake, "POST", "/v1/files") == 2
    # New records with the same state file: a batch for them alone.
    sink = MemorySink()
    more = [*records, chat("new1"), chat("new2")]
    summary = await run_batches(client, aiter(more), sink, state_path=str(state))
    assert summary.created == 1 and sorted(ids(sink)) == ["new1", "new2"]
    newest = saved(state)[-1]
    assert newest.ids == ["new1", "new2"] and newest.delivered is True


async def test_an_unreadable_state_file_is_refused(client: AsyncOpenAI, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    for text in (
        "{not json\n",
        '{"version": 99}\n',
        '{"version": 1, "batches": [{}]}\n',  # the single document of version 1
        '{"version": 2}\n{"entry": 0, "url": "/v1/embeddings"}\n',  # a batch without ids
        '{"version": 2}\n{"entry": 3, "delivered": true}\n',  # a batch never recorded
    ):
        state.write_text(text)
        with pytest.raises(BulkInputError, match="not a batch state file"):
            await run_batches(client, aiter([chat("a")]), MemorySink(), state_path=str(state))


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("text", "must be a JSON object, not str"),
        ({**chat("a"), "custom_id": ""}, "`custom_id` must be a non-empty string"),
        ({**chat("a"), "method": "GET"}, "POST requests only"),
        ({**chat("a"), "url": "/v1/models"}, "takes `url` among"),
        ({**chat("a"), "body": [1]}, "`body` must be a JSON object"),
        (chat("first"), "used twice"),
        ({**chat("a"), "body": {"model": "m", "x": object()}}, "`body` is not JSON"),
    ],
)
async def test_bad_records_raise_before_anything_is_sent(
    fake: FakeOpenAI, client: AsyncOpenAI, record: Any, message: str
) -> None:
    with pytest.raises(BulkInputError, match=message) as caught:
        await run_batches(client, aiter([chat("first"), record]), MemorySink(), state_path=None)
    assert "record 2" in str(caught.value) and caught.value.where.startswith("record 2")
    assert isinstance(caught.value, BatchModeError)  # the former name, kept as an alias
    assert fake.journal == []


async def test_an_unwritable_state_file_fails_before_anything_is_sent(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    where = tmp_path / "no such dir" / "state.json"
    with pytest.raises(BulkInputError, match="cannot write the batch state file"):
        await run_batches(client, aiter([chat("a")]), MemorySink(), state_path=str(where))
    assert fake.journal == []


# The bulk runner's part, in small: the sink appends lines, and a restart leaves out the ids
# the output already holds (a line torn by the kill is not one).
_CHILD = """
import asyncio, json, os, sys
from openai_oxide import AsyncOpenAI
from openai_oxide.lib.bulk.batch_mode import run_batches

def done(path):
    ids = set()
    if os.path.exists(path):
        for raw in open(path):
            try:
                ids.add(json.loads(raw)["custom_id"])
            except ValueError:
                pass
    return ids

async def records(skip):
    for i in range(30):
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"q{i}"}]}
        if f"k{i}" not in skip:
            yield {"custom_id": f"k{i}", "method": "POST", "url": "/v1/chat/completions",
                   "body": body}

class Sink:
    def __init__(self, path): self.out = open(path, "a")
    async def write_result(self, line): self.out.write("\\n" + json.dumps(line)); self.out.flush()
    async def write_error(self, line): await self.write_result(line)

async def main(url, state, out):
    async with AsyncOpenAI(api_key="sk-fake", base_url=url) as client:
        await run_batches(client, records(done(out)), Sink(out), state_path=state,
                          poll_interval=0.05, max_lines=10)

asyncio.run(main(*sys.argv[1:]))
"""


def _written(out: Path) -> list[str]:
    ids = []
    for raw in out.read_text().splitlines() if out.exists() else []:
        with contextlib.suppress(ValueError):  # a line torn by the kill
            ids.append(json.loads(raw)["custom_id"])
    return ids


async def test_killed_and_restarted_it_never_makes_a_second_batch(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.set_batch_timing(BatchTiming(per_line=0.05))  # ~1.5 s of work: time to kill it
    state, out = tmp_path / "state.json", tmp_path / "out.jsonl"
    args = [sys.executable, "-c", _CHILD, fake.url, str(state), str(out)]
    child = subprocess.Popen(args)
    try:
        for _ in range(600):  # until the batch ids are saved (and the child polls)
            if sum(line.get("batch_id") is not None for line in journal(state)) == 3:
                break
            assert child.poll() is None, "the child ended before it was killed"
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the state file never held the batch ids")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert len(_written(out)) < 30  # killed with work left
    assert sent(fake, "POST", "/v1/batches") == 3
    finished = subprocess.run(args, timeout=60, check=False)
    assert finished.returncode == 0
    assert sent(fake, "POST", "/v1/batches") == 3 and sent(fake, "POST", "/v1/files") == 3
    assert sorted(_written(out)) == sorted(f"k{i}" for i in range(30))  # each exactly once
    assert sent(fake, "POST", CHAT) == 0


async def test_the_bulk_runner_and_its_cli_in_batch_mode(fake: FakeOpenAI, tmp_path: Path) -> None:
    """`bulk.run(..., mode="batch")` and `--mode batch`: files in, files out, through
    batches only; run again, they send nothing."""
    from openai_oxide.lib import bulk

    requests = tmp_path / "requests.jsonl"
    records = [chat(f"r{i}") for i in range(5)] + [
        {**chat("bad"), "body": {"model": "gpt-4o-mini"}}
    ]
    requests.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "results.jsonl"
    async with AsyncOpenAI(api_key="sk-fake", base_url=fake.url) as client:
        await bulk.run(client, str(requests), str(out), mode="batch", progress=False)
    written = [json.loads(x)["custom_id"] for x in out.read_text().splitlines()]
    errors = (tmp_path / "results.errors.jsonl").read_text().splitlines()
    assert sorted(written) == [f"r{i}" for i in range(5)]
    assert [json.loads(x)["custom_id"] for x in errors] == ["bad"]
    assert (tmp_path / "results.batches.jsonl").exists()
    assert sent(fake, "POST", CHAT) == 0 and sent(fake, "POST", "/v1/batches") == 1
    env = {**os.environ, "OPENAI_API_KEY": "sk-fake", "OPENAI_BASE_URL": fake.url}
    cli_out = tmp_path / "cli.jsonl"
    command = [sys.executable, "-m", "openai_oxide.bulk", str(requests), str(cli_out)]
    for _ in range(2):  # the second run resumes from the state file: nothing to do
        done = subprocess.run(
            [*command, "--mode", "batch"], env=env, capture_output=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
    assert sorted(json.loads(x)["custom_id"] for x in cli_out.read_text().splitlines()) == sorted(
        written
    )
    assert sent(fake, "POST", "/v1/batches") == 2 and sent(fake, "POST", CHAT) == 0


def test_the_state_file_is_appended_to_each_id_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[int] = []
    real_open = open

    def counting_open(path: str, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        if "w" in mode or "a" in mode:
            write = handle.write
            handle.write = lambda data: written.append(len(data)) or write(data)
        return handle

    monkeypatch.setattr(batch_state, "open", counting_open, raising=False)
    path = tmp_path / "state.jsonl"
    state = BatchState.open(str(path))
    for b in range(40):  # 40 batches of 1,000 lines: each id written once in all
        ids = [f"request-{b}-{i:04d}" for i in range(1_000)]
        entry = BatchEntry("/v1/chat/completions", "gpt-4o-mini", ids, f"file-{b}", 1)
        state.add(entry)
        state.update(entry, batch_id=f"batch_{b}")
    for entry in state.entries:
        state.update(entry, delivered=True)
    size = path.stat().st_size
    assert sum(written) == size  # nothing rewritten (a whole-file save: ~80 times this)
    assert size < 40 * 1_000 * len('"request-10-0000",') + 40 * 400
    again = BatchState.open(str(path))
    assert again.entries == state.entries
    # a kill mid-write leaves a torn last line: dropped, the change it held not made
    with real_open(path, "ab") as handle:
        handle.write(b'{"entry":0,"deliv')
    assert BatchState.open(str(path)).entries == state.entries
    assert path.stat().st_size == size
