"""A run paced at a limit stays within it and uses at least 90% of it, counted by the fake.

Measured in counts, not wall-clock bounds: the fake's budget logs when it admitted each
request; the use is what it admitted after the first second (which holds the starting
burst) over what the limit's rate allows in that time. "Within" is the 429s the fake had
to send: the runner's own pacing should leave it none, but the time between sending and
arriving varies on a loaded machine, so a few are allowed (each one paused the run and
was sent again, never lost). The rates are low enough that a loaded machine's CPU, not the
budget, is never what holds the runner back."""

from __future__ import annotations

from pathlib import Path

from bulk_support import MOST_429S, ids_in, sent_ids, use_of, write_requests

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import bulk
from openai_oxide.testing import FakeOpenAI, RateBudget


async def paced_run(
    fake: FakeOpenAI, tmp_path: Path, budget: RateBudget, count: int, **limits: float
) -> None:
    ids = [f"r{i}" for i in range(count)]
    source = write_requests(tmp_path / "requests.jsonl", ids, max_tokens=90)
    output = tmp_path / "results.jsonl"
    fake.set_rate_limits(budget)
    async with AsyncOpenAI(api_key="sk-bulk", base_url=fake.url) as client:
        summary = await bulk.run(client, source, output, progress=False, **limits)  # type: ignore[arg-type]
        assert sorted(ids_in(output, tmp_path / "results.errors.jsonl")) == sorted(ids)
        assert len(ids_in(output)) == count and summary.failed == 0
        assert len(sent_ids(fake)) == count + budget.refused
    assert summary.rate_limited == budget.refused <= MOST_429S * count, budget.refused


async def test_a_run_paced_at_its_rpm_uses_at_least_90_percent_of_it(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    budget = RateBudget(rpm=900, tpm=10_000_000)  # 15 requests a second
    await paced_run(fake, tmp_path, budget, 150, rpm=900, tpm=10_000_000)
    assert use_of(budget.admitted, 900) >= 0.9


async def test_a_run_paced_at_its_tpm_uses_at_least_90_percent_of_it(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    budget = RateBudget(tpm=90_000)  # 1,500 tokens a second, each request ~93
    await paced_run(fake, tmp_path, budget, 150, tpm=90_000)
    assert use_of(budget.admitted, 90_000, cost=0) >= 0.9


async def test_a_run_without_budgets_takes_them_from_the_headers(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    budget = RateBudget(rpm=900)  # 15 a second, only the server knows
    await paced_run(fake, tmp_path, budget, 100, max_concurrency=10)  # the first 10 go blind
    assert use_of(budget.admitted, 900) >= 0.9
