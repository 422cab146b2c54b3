"""The fake's latency model: a median plus a seeded heavy tail, drawn in arrival order.

Distributions are checked by counting draws, never by timing answers."""

from __future__ import annotations

import statistics
import subprocess
import sys

import httpx
import pytest

from openai_oxide.testing import FakeOpenAI, LatencyModel
from testing.fake_helpers import AUTH

ISSUE_MODEL = LatencyModel(median=0.05, tail_p=0.05, tail=1.5, seed=1)


def test_a_seed_fixes_every_draw() -> None:
    assert ISSUE_MODEL.samples(200) == ISSUE_MODEL.samples(200)
    other = LatencyModel(median=0.05, tail_p=0.05, tail=1.5, seed=2)
    assert ISSUE_MODEL.samples(200) != other.samples(200)


@pytest.mark.parametrize("tail_p", [0.0, 0.05, 0.3, 1.0])
def test_the_tail_is_drawn_with_its_probability(tail_p: float) -> None:
    model = LatencyModel(median=0.05, tail_p=tail_p, tail=1.5, seed=7)
    draws = model.samples(10_000)
    in_tail = sum(d >= 1.5 for d in draws)
    assert in_tail == sum(model.in_tail(i) for i in range(10_000))
    # Binomial(10000, p): four standard deviations either side.
    spread = 4 * (10_000 * tail_p * (1 - tail_p)) ** 0.5
    assert abs(in_tail - 10_000 * tail_p) <= spread
    assert set(draws) <= {0.05, 1.55}


def test_sigma_spreads_around_the_median() -> None:
    draws = LatencyModel(median=0.05, sigma=0.5, seed=3).samples(4001)
    assert len(set(draws)) == 4001
    assert statistics.median(draws) == pytest.approx(0.05, rel=0.1)


@pytest.mark.parametrize(
    "fields",
    [{"median": -1}, {"tail_p": 1.5}, {"tail": "long"}, {"speed": 1}, [1]],
)
def test_bad_models_are_refused(fields: object) -> None:
    with pytest.raises(ValueError):
        LatencyModel.from_mapping(fields)


async def test_the_server_applies_the_draws_in_arrival_order(fake: FakeOpenAI) -> None:
    model = LatencyModel(median=0.001, tail_p=0.3, tail=0.004, seed=5)
    fake.set_latency(model)
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH) as http:
        for _ in range(12):
            assert (await http.get("/models")).status_code == 200
    assert [e.delay for e in fake.journal] == model.samples(12)
    fake.reset()  # back to the constructor's model (none), draws restarted
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH) as http:
        await http.get("/models")
    assert [e.delay for e in fake.journal] == [0.0]


async def test_the_control_endpoint_sets_and_reports_the_model(fake: FakeOpenAI) -> None:
    base = fake.url.removesuffix("/v1")
    async with httpx.AsyncClient(base_url=base, headers=AUTH) as http:
        set_ = await http.post("/__fake__/latency", json={"median": 0.002, "seed": 9})
        assert set_.status_code == 200 and set_.json()["seed"] == 9
        assert (await http.get("/__fake__/latency")).json()["median"] == 0.002
        bad = await http.post("/__fake__/latency", json={"tail_p": 2})
        assert bad.status_code == 400 and "tail_p" in bad.json()["error"]["message"]
        await http.get("/v1/models")
    assert [e.delay for e in fake.journal] == [0.002]


def test_the_cli_starts_with_a_latency_model() -> None:
    args = ["--latency", "0.002", "--tail-p", "0.5", "--tail", "0.003", "--seed", "4"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "openai_oxide.testing", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        reported = httpx.get(url.removesuffix("/v1") + "/__fake__/latency", headers=AUTH)
        assert reported.json() == {
            "median": 0.002,
            "tail_p": 0.5,
            "tail": 0.003,
            "seed": 4,
            "sigma": 0.0,
        }
        for _ in range(5):
            httpx.get(url + "/models", headers=AUTH)
        journal = httpx.get(url.removesuffix("/v1") + "/__fake__/journal", headers=AUTH).json()
        model = LatencyModel(median=0.002, tail_p=0.5, tail=0.003, seed=4)
        assert [e["delay"] for e in journal] == model.samples(5)
    finally:
        proc.terminate()
        proc.wait(10)


async def test_requests_on_one_connection_share_a_connection_id(fake: FakeOpenAI) -> None:
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH) as http:
        await http.get("/models")
        await http.get("/models")
    async with httpx.AsyncClient(base_url=fake.url, headers=AUTH) as other:
        await other.get("/models")
    first, second, third = (e.connection for e in fake.journal)
    assert first == second != third and first.startswith("127.0.0.1:")
