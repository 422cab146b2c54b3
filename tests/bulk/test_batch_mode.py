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
from openai_oxide.lib.bulk.batch_mode import BatchModeError, run_batches
from openai_oxide.testing import BatchTiming, FakeOpenAI, Fault

CHAT = "/v1/chat/completions"
EMBED = "/v1/embeddings"


class ListSink:
    def __init__(self) -> None:
        self.results: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []

    async def write_result(self, line: dict[str, Any]) -> None:
        self.results.append(line)

    async def write_error(self, line: dict[str, Any]) -> None:
        self.errors.append(line)

    def ids(self) -> list[str]:
        return [x["custom_id"] for x in self.results + self.errors]


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
    sink = ListSink()
    state = tmp_path / "job.state.json"
    summary = await run_batches(
        client, aiter(records), sink, state_path=str(state), poll_interval=0.01, max_lines=10
    )
    # chat/gpt-4o-mini: 10 + 10 + 4 lines; chat/gpt-4o: 1; embeddings: 3 -> five batches.
    assert summary.created == 5 and len(summary.batch_ids) == 5
    assert set(summary.statuses.values()) == {"completed"}
    assert sent(fake, "POST", "/v1/files") == 5 and sent(fake, "POST", "/v1/batches") == 5
    assert sent(fake, "POST", CHAT) == sent(fake, "POST", EMBED) == 0  # no direct call
    assert sorted(sink.ids()) == sorted(r["custom_id"] for r in records)  # each exactly once
    assert summary.lines == len(records) and (summary.succeeded, summary.failed) == (28, 1)
    [error] = sink.errors
    assert error["custom_id"] == "bad" and error["response"]["status_code"] == 400
    by_id = {x["custom_id"]: x for x in sink.results}
    assert "question 12" in by_id["c12"]["response"]["body"]["choices"][0]["message"]["content"]
    assert by_id["e1"]["response"]["body"]["object"] == "list"
    assert by_id["other-model"]["response"]["body"]["model"] == "gpt-4o"
    assert summary.input_tokens > 0 and summary.output_tokens > 0
    saved = json.loads(state.read_text())
    assert [b["batch_id"] for b in saved["batches"]] == summary.batch_ids
    assert all(b["delivered"] for b in saved["batches"])
    # Run again with the state file: nothing is sent again, nothing is written twice.
    again = ListSink()
    await run_batches(client, aiter(records), again, state_path=str(state), max_lines=10)
    assert sent(fake, "POST", "/v1/batches") == 5 and again.ids() == []


async def test_files_split_at_the_byte_limit(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    records = [chat(f"r{i}", "x" * 50) for i in range(12)]
    line = len(json.dumps(records[0], separators=(",", ":")).encode()) + 1
    sink = ListSink()
    summary = await run_batches(
        client, aiter(records), sink, state_path=None, poll_interval=0.01, max_bytes=3 * line + 5
    )
    assert summary.created == 4 and sorted(sink.ids()) == sorted(r["custom_id"] for r in records)
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
    sink = ListSink()
    summary = await run_batches(client, aiter(records), sink, state_path=None, poll_interval=0.01)
    assert list(summary.statuses.values()) == ["expired"] and summary.created == 1
    assert len(sink.results) == 3 and sorted(sink.ids()) == sorted(f"x{i}" for i in range(8))
    assert {e["error"]["code"] for e in sink.errors} == {"batch_expired"}
    assert sent(fake, "POST", "/v1/batches") == 1  # not re-submitted


async def test_a_failed_batch_writes_every_line_as_an_error_with_the_reason(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.inject(Fault(batch_status="failed", match="/batches"))
    sink = ListSink()
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
    sink = ListSink()
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
        client, aiter(records), ListSink(), state_path=str(state), poll_interval=0.01
    )
    # As if killed after the batch was created and before its id was saved.
    saved = json.loads(state.read_text())
    saved["batches"][0].update(batch_id=None, delivered=False)
    state.write_text(json.dumps(saved))
    sink = ListSink()
    resumed = await run_batches(
        client, aiter(records), sink, state_path=str(state), poll_interval=0.01
    )
    assert resumed.batch_ids == first.batch_ids and resumed.created == 0
    assert sent(fake, "POST", "/v1/batches") == 1 and sent(fake, "POST", "/v1/files") == 1
    assert sorted(sink.ids()) == [f"k{i}" for i in range(4)]


async def test_resume_hands_over_only_the_ids_of_this_run(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    records = [chat(f"k{i}") for i in range(6)]
    await run_batches(
        client, aiter(records), ListSink(), state_path=str(state), poll_interval=0.01, max_lines=3
    )
    # As if killed while handing over the first batch, after k0 and k1 were written: the
    # bulk runner then leaves out the ids its files hold.
    saved = json.loads(state.read_text())
    assert [b["ids"] for b in saved["batches"]] == [["k0", "k1", "k2"], ["k3", "k4", "k5"]]
    saved["batches"][0]["delivered"] = False
    state.write_text(json.dumps(saved))
    sink = ListSink()
    summary = await run_batches(
        client, aiter(records[2:]), sink, state_path=str(state), poll_interval=0.01, max_lines=3
    )
    assert sink.ids() == ["k2"] and summary.created == 0
    assert sent(fake, "POST", "/v1/batches") == 2 and sent(fake, "POST", "/v1/files") == 2
    # New records with the same state file: a batch for them alone.
    sink = ListSink()
    more = [*records, chat("new1"), chat("new2")]
    summary = await run_batches(client, aiter(more), sink, state_path=str(state))
    assert summary.created == 1 and sorted(sink.ids()) == ["new1", "new2"]
    newest = json.loads(state.read_text())["batches"][-1]
    assert newest["ids"] == ["new1", "new2"] and newest["delivered"] is True


async def test_an_unreadable_state_file_is_refused(client: AsyncOpenAI, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    for text in ("{not json", '{"version": 99, "batches": []}', '{"version": 1, "batches": [{}]}'):
        state.write_text(text)
        with pytest.raises(BatchModeError, match="not a batch state file"):
            await run_batches(client, aiter([chat("a")]), ListSink(), state_path=str(state))


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("text", "must be a dict, not str"),
        ({**chat("a"), "custom_id": ""}, "`custom_id` must be a non-empty string"),
        ({**chat("a"), "method": "GET"}, "POST requests only"),
        ({**chat("a"), "url": "/v1/models"}, "takes `url` among"),
        ({**chat("a"), "body": [1]}, "`body` must be a dict"),
        (chat("first"), "used twice"),
        ({**chat("a"), "body": {"model": "m", "x": object()}}, "`body` is not JSON"),
    ],
)
async def test_bad_records_raise_before_anything_is_sent(
    fake: FakeOpenAI, client: AsyncOpenAI, record: Any, message: str
) -> None:
    with pytest.raises(BatchModeError, match=message) as caught:
        await run_batches(client, aiter([chat("first"), record]), ListSink(), state_path=None)
    assert "record 2" in str(caught.value)
    assert fake.journal == []


async def test_an_unwritable_state_file_fails_before_anything_is_sent(
    fake: FakeOpenAI, client: AsyncOpenAI, tmp_path: Path
) -> None:
    where = tmp_path / "no such dir" / "state.json"
    with pytest.raises(BatchModeError, match="cannot write the batch state file"):
        await run_batches(client, aiter([chat("a")]), ListSink(), state_path=str(where))
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
            if (
                state.exists()
                and all(b["batch_id"] for b in json.loads(state.read_text())["batches"])
                and len(json.loads(state.read_text())["batches"]) == 3
            ):
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
    assert (tmp_path / "results.batches.json").exists()
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
