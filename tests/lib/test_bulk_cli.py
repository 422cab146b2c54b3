"""`python -m openai_oxide.bulk`: a real process, killed mid-run and started again."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bulk_support import ids_in, lines, sent_ids, write_requests

from openai_oxide.lib.bulk import ProgressBar
from openai_oxide.lib.bulk.progress import Progress
from openai_oxide.testing import FakeOpenAI, RateBudget


def cli(fake: FakeOpenAI, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "OPENAI_API_KEY": "sk-cli", "OPENAI_BASE_URL": fake.url}
    return subprocess.Popen(
        [sys.executable, "-m", "openai_oxide.bulk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def complete_ids(path: Path) -> set[str]:
    """The ids on finished lines (a torn last line has no newline yet)."""
    text = path.read_text() if path.exists() else ""
    whole = text[: text.rfind("\n") + 1]
    return {json.loads(line)["custom_id"] for line in whole.splitlines() if line.strip()}


def test_killed_mid_run_and_started_again_it_sends_nothing_twice(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    ids = [f"job-{i}" for i in range(150)]
    source = write_requests(tmp_path / "requests.jsonl", ids)
    output, errors = tmp_path / "results.jsonl", tmp_path / "results.errors.jsonl"
    args = [str(source), str(output), "--rpm", "1200", "--max-concurrency", "8"]  # 20 a second
    first = cli(fake, *args)
    deadline = time.monotonic() + 60
    while len(complete_ids(output)) < 40 and first.poll() is None:
        assert time.monotonic() < deadline, "the first run wrote too little"
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done_before = complete_ids(output)
    assert 40 <= len(done_before) < len(ids)
    journal_before = len(fake.journal)

    second = cli(fake, *args)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert f"{len(done_before)} already done" in err
    assert sorted(ids_in(output, errors)) == sorted(ids)  # each id exactly once
    resent = set(sent_ids(fake, journal_before))
    assert not resent & done_before  # nothing written was sent again
    assert resent | done_before == set(ids)


def test_the_cli_reports_and_refuses_bad_arguments(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.set_rate_limits(RateBudget(rpm=6_000))
    source = write_requests(tmp_path / "requests.jsonl", ["a", "b", "c"])
    output, errors = tmp_path / "out.jsonl", tmp_path / "errs.jsonl"
    run = cli(fake, str(source), str(output), "--errors", str(errors), "--shard", "1/1")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "3 succeeded, 0 errors" in err
    assert sorted(ids_in(output)) == ["a", "b", "c"] and lines(errors) == []
    bad = cli(fake, str(source), str(output), "--shard", "5/2")
    _, err = bad.communicate(timeout=60)
    assert bad.returncode == 2 and "shard 5/2" in err
    (tmp_path / "broken.jsonl").write_text("{not json\n")
    broken = cli(fake, str(tmp_path / "broken.jsonl"), str(tmp_path / "o2.jsonl"))
    _, err = broken.communicate(timeout=60)
    assert broken.returncode == 1 and "broken.jsonl:1: not JSON" in err


def test_the_progress_bar_shows_rate_tokens_errors_and_eta() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, every=0.0)
    bar(Progress(100, 40, 2, 8, 3, 1, 900, 100, elapsed=10.0))
    bar(Progress(100, 90, 2, 8, 3, 1, 900, 100, elapsed=20.0), final=True)
    first, last = stream.getvalue().split("\r")[1:]
    assert first.startswith("[#########") and "42/92" in first and "4.2/s" in first
    assert "tokens 1000" in first and "errors 2" in first and "429s 3" in first
    assert "ETA 11s" in first
    assert "92/92" in last and last.endswith("ETA 0s\n")


def test_the_cli_sends_responses_lines_over_the_websocket_pool(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    source = tmp_path / "requests.jsonl"
    body = {"model": "gpt-4o-mini", "input": "hello"}
    records = [
        {"custom_id": f"t{i}", "method": "POST", "url": "/v1/responses", "body": body}
        for i in range(6)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    output = tmp_path / "out.jsonl"
    run = cli(fake, str(source), str(output), "--transport", "websocket", "--ws-pool-size", "2")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "6 succeeded, 0 errors" in err, err
    assert sorted(ids_in(output)) == [f"t{i}" for i in range(6)]
    turns = [e for e in fake.journal if e.method == "WS"]
    assert len(turns) == 6 and len({e.request_id for e in turns}) <= 2
    assert not [e for e in fake.journal if e.method == "POST"]  # none over HTTP
