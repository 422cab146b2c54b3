"""Hedged requests, speculative alternatives and fan-out against the fake server.

No timing is asserted: a seeded `LatencyModel` puts one chosen request in a long tail, and
the tests check the journal (which request completed, which was aborted), the winner and
the statistics.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from openai_oxide import (
    AsyncOpenAI,
    BadRequestError,
    Hedger,
    NativeTransport,
    fan_out,
    hedged_request,
    hedged_request_n,
    speculative,
)
from openai_oxide.lib import hedge_stats
from openai_oxide.lib.hedge import HedgedStream
from openai_oxide.testing import FakeOpenAI, JournalEntry, LatencyModel
from support import API_KEY

TAIL = 30.0  # far longer than any test runs: the slow copy can only lose


def tail_pattern(*in_tail: bool) -> LatencyModel:
    """A model whose requests (by arrival) are in the tail as given, found by searching
    seeds rather than hard-coded."""
    for seed in range(10_000):
        model = LatencyModel(tail_p=0.5, tail=TAIL, seed=seed)
        if all(model.in_tail(i) == slow for i, slow in enumerate(in_tail)):
            return model
    raise AssertionError("no seed found")


def tail_first() -> LatencyModel:
    return tail_pattern(True, False, False)


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as c:
        yield c


async def settled(fake: FakeOpenAI, count: int) -> list[JournalEntry]:
    """The journal once `count` entries have either completed or disconnected."""
    for _ in range(250):
        journal = fake.journal
        if len(journal) >= count and all(e.completed or e.disconnected for e in journal):
            return journal
        await asyncio.sleep(0.02)
    return fake.journal


def assert_one_won_one_aborted(journal: list[JournalEntry]) -> tuple[JournalEntry, JournalEntry]:
    assert len(journal) == 2
    won = [e for e in journal if e.completed]
    lost = [e for e in journal if e.disconnected]
    assert len(won) == 1 and len(lost) == 1 and won[0] is not lost[0]
    return won[0], lost[0]


async def test_a_second_copy_wins_over_a_copy_in_the_tail_and_the_loser_is_aborted(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(tail_first())
    hedger = Hedger()
    response = await hedged_request(
        lambda: client.responses.create(model="gpt-test", input="hedge me"),
        delay=0.05,
        hedger=hedger,
    )
    assert response.output_text
    won, lost = assert_one_won_one_aborted(await settled(fake, 2))
    assert lost.status is None  # aborted before the headers (it was waiting in the tail)
    assert hedger.stats.calls == 1 and hedger.stats.extra_requests == 1
    assert hedger.stats.cancelled == 1
    assert won.json == lost.json  # the copy is the same request


async def test_copies_start_one_delay_apart_until_one_answers(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(tail_pattern(True, True, False))
    hedger = Hedger()
    response = await hedged_request_n(
        lambda: client.responses.create(model="gpt-test", input="third time"),
        n=4,
        delay=0.05,
        hedger=hedger,
    )
    assert response.output_text
    journal = await settled(fake, 3)
    assert len(journal) == 3  # the third copy answered, so no fourth was sent
    assert [e.completed for e in journal] == [False, False, True]
    assert [e.disconnected for e in journal] == [True, True, False]
    assert hedger.stats.extra_requests == 2 and hedger.stats.cancelled == 2


async def test_cancelling_a_hedged_call_aborts_every_copy(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(LatencyModel(tail_p=1.0, tail=TAIL))
    task = asyncio.ensure_future(
        hedged_request(
            lambda: client.responses.create(model="gpt-test", input="never"),
            delay=0.01,
            hedger=Hedger(),
        )
    )
    for _ in range(250):
        if len(fake.journal) == 2:
            break
        await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    journal = await settled(fake, 2)
    assert len(journal) == 2 and all(e.disconnected for e in journal)


async def test_a_fast_answer_sends_no_copy(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    hedger = Hedger()
    response = await hedged_request_n(
        lambda: client.responses.create(model="gpt-test", input="quick"),
        n=3,
        delay=20.0,
        hedger=hedger,
    )
    assert response.output_text
    assert len(fake.journal) == 1
    assert hedger.stats.extra_requests == 0 and hedger.stats.hedged_wins == 0


async def test_when_every_copy_fails_the_last_error_is_raised_with_the_others(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    calls = 0

    def factory() -> Awaitable[Any]:
        nonlocal calls
        calls += 1
        fault = {"status": 400, "body": {"error": {"message": f"copy {calls} failed"}}}
        return client.responses.create(
            model="gpt-test", input="x", extra_headers={"x-fake-fault": json.dumps(fault)}
        )

    with pytest.raises(BadRequestError) as info:
        await hedged_request_n(factory, n=3, delay=20.0, hedger=Hedger())
    assert "copy 3 failed" in str(info.value)
    others = info.value.hedge_errors  # type: ignore[attr-defined]
    assert [type(e) for e in others] == [BadRequestError, BadRequestError]
    assert "copy 1 failed" in str(others[0]) and "copy 2 failed" in str(others[1])
    assert len(info.value.__notes__) == 2
    assert len(fake.journal) == 3  # a failed copy starts the next one without waiting


async def test_a_stream_is_hedged_until_its_first_event(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(tail_first())
    stream = await hedged_request(
        lambda: client.responses.create(model="gpt-test", input="stream me", stream=True),
        delay=0.05,
        hedger=Hedger(),
    )
    assert isinstance(stream, HedgedStream)
    events = [event async for event in stream]
    assert events[0].type == "response.created" and events[-1].type == "response.completed"
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert_one_won_one_aborted(await settled(fake, 2))


async def test_the_budget_caps_extra_copies(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.set_latency(LatencyModel(median=0.05))  # every call is slower than the delay
    hedger = Hedger(max_extra=0.1)
    for i in range(10):
        await hedged_request(
            lambda i=i: client.responses.create(model="gpt-test", input=f"call {i}"),
            delay=0.0,
            hedger=hedger,
        )
    # Ten calls earn one extra copy (at the tenth); the other nine were denied.
    assert hedger.stats.extra_requests == 1 and hedger.stats.denied_by_budget == 9
    assert len(fake.journal) == 11
    assert hedger.stats.extra_rate == pytest.approx(0.1)


async def test_adaptive_delay_learns_per_endpoint_and_model(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    hedger = Hedger()
    for model in ("gpt-a", "gpt-a", "gpt-b"):
        await hedged_request_n(
            lambda model=model: client.responses.create(model=model, input="x"),
            delay="adaptive",
            hedger=hedger,
        )
    await hedged_request_n(lambda: client.models.retrieve("gpt-4o"), hedger=hedger)
    assert hedger.tracker.count(("/responses", "gpt-a")) == 2
    assert hedger.tracker.count(("/models/gpt-4o", None)) == 1
    assert hedger.tracker.count(("/responses", "gpt-b")) == 1
    # Fewer samples than the minimum: the documented default delay, so no copy was sent.
    assert hedger.stats.extra_requests == 0 and len(fake.journal) == 4


async def test_speculative_returns_the_first_alternative_to_answer(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(tail_first())
    response = await speculative(
        [
            lambda: client.responses.create(model="gpt-a", input="which?"),
            lambda: client.responses.create(model="gpt-b", input="which?"),
        ],
        hedger=Hedger(),
    )
    won, lost = assert_one_won_one_aborted(await settled(fake, 2))
    assert response.model == won.json["model"] != lost.json["model"]


async def test_the_default_hedger_counts_calls() -> None:
    before = hedge_stats().calls

    async def answer() -> int:
        return 7

    assert await hedged_request(answer) == 7
    assert hedge_stats().calls == before + 1


# -- fan-out -----------------------------------------------------------------------------


async def test_fan_out_keeps_input_order_within_the_limit(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(LatencyModel(median=0.01, sigma=1.0, seed=3))  # answers finish out of order
    in_flight = peak = 0

    def call(i: int) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            try:
                return await client.responses.create(
                    model="gpt-test", input=f"item {i}", metadata={"i": str(i)}
                )
            finally:
                in_flight -= 1

        return run

    results = await fan_out([call(i) for i in range(8)], limit=3)
    assert [r.metadata["i"] for r in results] == [str(i) for i in range(8)]
    assert peak == 3
    assert len(fake.journal) == 8


async def test_fan_out_cancels_the_rest_on_the_first_failure(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    def call(fault: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
        headers = {"x-fake-fault": json.dumps(fault)}
        return lambda: client.responses.create(model="gpt-test", input="x", extra_headers=headers)

    slow = {"delay_before_headers": TAIL}
    with pytest.raises(BadRequestError):
        await fan_out([call(slow), call({"status": 400}), call(slow)], cancel_on_error=True)
    journal = await settled(fake, 3)
    assert sorted(e.status or 0 for e in journal) == [0, 0, 400]
    assert sum(e.disconnected for e in journal) == 2


async def test_fan_out_without_cancelling_returns_every_outcome(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    bad = {"x-fake-fault": json.dumps({"status": 400})}
    factories: list[Callable[[], Awaitable[Any]]] = [
        lambda: client.responses.create(model="gpt-test", input="a"),
        lambda: client.responses.create(model="gpt-test", input="b", extra_headers=bad),
        lambda: client.responses.create(model="gpt-test", input="c"),
    ]
    results = await fan_out(factories, return_exceptions=True)
    assert results[0].output_text and results[2].output_text
    assert isinstance(results[1], BadRequestError)
    with pytest.raises(BadRequestError):
        await fan_out(factories)
    assert len(fake.journal) == 6  # without cancel_on_error every call ran to its end


async def test_fan_out_of_ten_calls_shares_one_http2_connection() -> None:
    async with FakeOpenAI(tls=True) as server:
        transport = NativeTransport(verify=server.client_ssl_context())
        async with AsyncOpenAI(api_key=API_KEY, base_url=server.url, transport=transport) as c:
            results = await fan_out(
                [
                    lambda i=i: c.responses.create(model="gpt-test", input=f"call {i}")
                    for i in range(10)
                ]
            )
        await transport.aclose()
    assert all(r.output_text for r in results)
    journal = server.journal
    assert len(journal) == 10 and {e.http_version for e in journal} == {"2"}
    assert len({e.connection for e in journal}) == 1 and journal[0].connection


async def test_a_loser_that_finished_anyway_has_its_usage_reported() -> None:
    class Usage:
        def __init__(self, n: int) -> None:
            self.input_tokens, self.output_tokens = n, 2 * n

    class Answer:
        def __init__(self, n: int) -> None:
            self.usage = Usage(n)

    gate = asyncio.Event()

    def copy(n: int) -> Callable[[], Awaitable[Answer]]:
        async def run() -> Answer:
            await gate.wait()
            return Answer(n)

        return run

    hedger = Hedger()
    race = asyncio.ensure_future(speculative([copy(1), copy(10)], hedger=hedger))
    await asyncio.sleep(0.01)  # both copies are waiting at the gate
    gate.set()  # ... and both finish in the same loop turn
    winner = await race
    loser_tokens = 10 if winner.usage.input_tokens == 1 else 1
    assert hedger.stats.loser_usage == {
        "input_tokens": loser_tokens,
        "output_tokens": 2 * loser_tokens,
    }
    assert hedger.stats.cancelled == 0


# -- the client-level option ---------------------------------------------------------------


async def test_a_hedging_client_races_its_calls_without_rewriting_them(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    hedger = Hedger(delay=0.05)
    hedged = client.with_options(hedge=hedger)
    fake.set_latency(tail_first())
    response = await hedged.responses.create(model="gpt-test", input="plain call")
    assert response.output_text
    assert_one_won_one_aborted(await settled(fake, 2))
    assert hedger.stats.extra_requests == 1 and hedger.stats.cancelled == 1
    assert hedger.tracker.count(("/responses", "gpt-test")) == 1

    fake.reset()
    fake.set_latency(tail_first())
    stream = await hedged.responses.create(model="gpt-test", input="streamed", stream=True)
    events = [event async for event in stream]
    assert events[-1].type == "response.completed"
    assert_one_won_one_aborted(await settled(fake, 2))


async def test_a_hedging_client_never_copies_a_call_that_creates_an_object(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(LatencyModel(median=0.05))  # slower than the delay: copies would start
    hedger = Hedger(delay=0.0)
    hedged = client.with_options(hedge=hedger)
    await hedged.vector_stores.create(name="docs")
    assert len(fake.journal) == 1 and hedger.stats.calls == 0
    await hedged.models.retrieve("gpt-4o")
    assert hedger.stats.calls == 1 and hedger.stats.extra_requests == 1


def test_the_sync_client_hedges_too(fake: FakeOpenAI) -> None:
    from openai_oxide import OpenAI

    hedger = Hedger(delay=0.05)
    fake.set_latency(tail_first())
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0, hedge=hedger) as client:
        response = client.responses.create(model="gpt-test", input="sync")
    assert response.output_text
    assert hedger.stats.extra_requests == 1 and hedger.stats.cancelled == 1
    assert len(fake.journal) == 2


@pytest.mark.parametrize("bad", ["soon", -1.0])
def test_a_bad_hedge_option_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError):
        AsyncOpenAI(api_key=API_KEY, hedge=bad)


async def test_over_http1_the_same_fan_out_needs_a_connection_per_call_in_flight(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    fake.set_latency(LatencyModel(median=0.2))  # all ten are in flight together
    await fan_out(
        [lambda i=i: client.responses.create(model="gpt-test", input=f"{i}") for i in range(10)]
    )
    journal = fake.journal
    assert {e.http_version for e in journal} == {"1.1"}
    assert len({e.connection for e in journal}) > 1  # (10 unless the machine is very slow)
