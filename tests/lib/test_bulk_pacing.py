"""The bulk runner's pacer and token estimate: pure functions of a clock we move."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from openai_oxide._core.ratelimits import RateLimit, RateLimits
from openai_oxide.lib.bulk import estimate
from openai_oxide.lib.bulk.estimate import estimate_tokens
from openai_oxide.lib.bulk.pacing import BURST, MARGIN, Pacer, Sent
from openai_oxide.lib.bulk.runner import in_shard, parse_shard


def sent_within(pacer: Pacer, start: float, seconds: float, step: float, tokens: int = 0) -> int:
    """Ask as often as `step` allows for `seconds`; how many went."""
    count, now = 0, start
    while now < start + seconds:
        while pacer.take(now, tokens) == 0:
            count += 1
        now += step
    return count


def test_never_more_than_a_seconds_share_at_once() -> None:
    pacer = Pacer(6_000, None, now=0.0)  # 100 a second
    assert sent_within(pacer, 0.0, 0.001, 1.0) == int(100 * BURST)
    assert pacer.take(0.0, 0) == pytest.approx(1 / (100 * MARGIN))


def test_paces_at_the_margin_of_the_limit_over_a_minute() -> None:
    pacer = Pacer(600, None, now=0.0)  # 10 a second
    count = sent_within(pacer, 0.0, 60.0, 0.01)
    assert 600 * MARGIN <= count <= 600 * MARGIN + 10 * BURST + 1


def test_tokens_bind_when_they_run_out_first() -> None:
    pacer = Pacer(6_000, 60_000, now=0.0)  # 100 requests or 1,000 tokens a second
    count = sent_within(pacer, 0.0, 10.0, 0.01, tokens=100)
    assert count == pytest.approx(10 * 1000 * MARGIN / 100, abs=BURST * 10 + 1)
    assert pacer.sent.tokens == 100 * count


def test_a_request_larger_than_the_share_goes_alone_when_the_bucket_is_full() -> None:
    pacer = Pacer(None, 600, now=0.0)  # 10 tokens a second
    assert pacer.take(0.0, 50) == 0  # the full bucket admits it, into debt
    assert pacer.take(0.0, 1) == pytest.approx((50 - 10 * BURST + 1) / (10 * MARGIN))


def test_a_pause_holds_every_request() -> None:
    pacer = Pacer(6_000, None, now=0.0)
    pacer.pause(2.0)
    assert pacer.take(1.5, 0) == pytest.approx(0.5)
    assert pacer.take(2.0, 0) == 0  # refilled while paused, from empty


def test_remaining_lowers_the_budget_less_what_was_sent_since() -> None:
    pacer = Pacer(6_000, None, now=0.0)
    assert pacer.take(0.0, 0) == 0
    since = pacer.sent
    for _ in range(3):
        assert pacer.take(0.0, 0) == 0
    limits = RateLimits({"requests": RateLimit(limit=6_000, remaining=5, reset=0.1)})
    pacer.observe(limits, 0.0, since)  # 5 left when it arrived, 3 sent after it: 2 left
    assert sent_within(pacer, 0.0, 0.001, 1.0) == 2


def test_a_budget_not_given_is_taken_from_the_headers_times_the_share() -> None:
    pacer = Pacer(None, None, now=0.0, share=0.5)
    assert all(pacer.take(0.0, 10) == 0 for _ in range(1_000))  # no budget yet
    limits = RateLimits({"requests": RateLimit(limit=1_200, remaining=1_200, reset=0.0)})
    pacer.observe(limits, 0.0, pacer.sent)
    assert pacer.take(0.0, 0) > 0  # starts empty: the blind requests spent the share
    assert sent_within(pacer, 60.0, 0.001, 1.0) == int(1_200 * 0.5 / 60 * BURST)


def test_a_budget_set_higher_than_the_servers_limit_comes_down_to_it() -> None:
    pacer = Pacer(60_000, None, now=0.0)  # the caller says 1,000 a second
    limits = RateLimits({"requests": RateLimit(limit=600, remaining=590, reset=1.0)})
    pacer.observe(limits, 0.0, pacer.sent)  # the server says 10
    assert sent_within(pacer, 0.0, 0.001, 1.0) == int(10 * BURST)
    assert sent_within(pacer, 60.0, 0.001, 1.0) == int(10 * BURST)


def test_estimate_is_the_prompt_plus_the_most_it_may_generate() -> None:
    body = {"messages": [{"role": "user", "content": "x" * 36}], "max_tokens": 50, "n": 2}
    assert estimate_tokens(body) == 10 + 100
    assert estimate_tokens({"input": "abcd", "max_output_tokens": 7}) == 1 + 7
    assert estimate_tokens({"input": ["a" * 8, "b" * 8]}) == 4
    assert estimate_tokens({}) == 0


def test_shards_split_the_ids_stably_and_evenly() -> None:
    ids = [f"request-{i}" for i in range(3_000)]
    shards = [{c for c in ids if in_shard(c, i, 3)} for i in (1, 2, 3)]
    assert set().union(*shards) == set(ids) and sum(map(len, shards)) == len(ids)
    assert all(900 < len(s) < 1_100 for s in shards)
    assert shards[0] == {c for c in ids if in_shard(c, 1, 3)}
    assert parse_shard("2/3") == (2, 3) and parse_shard(None) == (1, 1)
    for bad in ("0/3", "4/3", "x", "1/2/3"):
        with pytest.raises(ValueError, match="shard"):
            parse_shard(bad)


def test_sent_counts_requests_and_tokens() -> None:
    pacer = Pacer(None, None, now=0.0)
    pacer.take(0.0, 7)
    pacer.take(0.0, 5)
    assert pacer.sent == Sent(2, 12)


def _spent(reset: float | None, *, tpm: int = 60_000) -> Pacer:
    """A pacer whose one request found the server's token bucket empty, full in `reset`."""
    pacer = Pacer(None, tpm, now=0.0)
    assert pacer.take(0.0, 100) == 0
    limits = RateLimits({"tokens": RateLimit(limit=tpm, remaining=0, reset=reset)})
    pacer.observe(limits, 0.0, pacer.sent)
    return pacer


def test_a_reset_sooner_than_the_linear_refill_shortens_the_wait() -> None:
    # 1,000 tokens a second: the linear refill makes 500 tokens wait half a second
    assert _spent(None).take(0.01, 500) == pytest.approx(0.49)
    assert _spent(60.0).take(0.01, 500) == pytest.approx(0.49)  # what linear says anyway
    # the server says its bucket is full again in 20 ms: 500 tokens go after 10 ms
    assert _spent(0.02).take(0.0, 500) == pytest.approx(0.02 * 500 / 60_000)
    assert _spent(0.02).take(0.01, 500) == 0


def test_a_reset_later_than_the_linear_refill_lengthens_the_wait() -> None:
    # full again in 2 minutes, not one: half the linear rate
    assert _spent(120.0).take(0.01, 500) == pytest.approx((500 - 0.01 * 500) / 500)
    pacer = _spent(120.0, tpm=6_000)  # 100 tokens a second; the server refills 50
    assert sent_within(pacer, 0.0, 30.0, 0.01, tokens=100) == pytest.approx(15, abs=1)
    # once the server's bucket is full the linear rate (at the margin) holds again
    assert sent_within(pacer, 200.0, 60.0, 0.01, tokens=100) == pytest.approx(
        60 * MARGIN, abs=BURST + 1
    )


def _stand_in_tiktoken(monkeypatch: pytest.MonkeyPatch, *, loads: bool) -> list[Any]:
    """A `tiktoken` module whose encoding counts a token per word (not 4 characters), and
    a fresh choice of counter; the calls it saw are returned."""
    calls: list[Any] = []

    class Encoding:
        def encode(self, text: str, *, disallowed_special: Any = "all") -> list[int]:
            calls.append(("encode", text, disallowed_special))
            return list(range(len(text.split())))

    def get_encoding(name: str) -> Encoding:
        calls.append(("get_encoding", name))
        if not loads:  # as offline: the BPE file is fetched on first use
            raise ConnectionError("cannot fetch o200k_base.tiktoken")
        return Encoding()

    module = types.ModuleType("tiktoken")
    module.get_encoding = get_encoding  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tiktoken", module)
    monkeypatch.setattr(estimate, "_counter", [])
    return calls


def test_the_estimate_counts_the_prompt_with_tiktoken_when_its_encoding_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _stand_in_tiktoken(monkeypatch, loads=True)
    prompt = "one two three four five six seven eight nine ten"  # 10 words, 48 characters
    body = {"messages": [{"role": "user", "content": prompt}], "max_tokens": 5, "n": 2}
    assert estimate_tokens(body) == 10 + 5 * 2  # by characters it would be 12 + 10
    assert estimate_tokens({"input": "a b c", "max_output_tokens": 1}) == 3 + 1
    assert calls[0] == ("get_encoding", "o200k_base")  # chosen once, then reused
    assert [c[0] for c in calls[1:]] == ["encode", "encode"]
    assert all(c[2] == () for c in calls[1:])  # special-token text counts, never raises


def test_the_estimate_falls_back_to_characters_when_the_encoding_cannot_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _stand_in_tiktoken(monkeypatch, loads=False)
    prompt = "one two three four five six seven eight nine ten"
    assert estimate_tokens({"input": prompt, "max_output_tokens": 5}) == 12 + 5
    assert calls == [("get_encoding", "o200k_base")]
