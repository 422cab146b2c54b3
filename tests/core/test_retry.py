from __future__ import annotations

import itertools
import math
import time
from email.utils import formatdate
from typing import Any

import pytest

from openai_oxide._core import retry
from openai_oxide._core.http import Headers
from openai_oxide._core.retry import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    decide,
    parse_retry_after,
    retry_delay,
    should_retry_status,
    validate_max_retries,
)

NOW = 1_750_000_000.25  # a fixed clock; the core owns none


def date(offset: float) -> str:
    return formatdate(NOW + offset, usegmt=True)  # IMF-fixdate, RFC 9110 section 5.6.7


def test_constants_match_the_official_package() -> None:
    from openai import _constants

    assert DEFAULT_MAX_RETRIES == _constants.DEFAULT_MAX_RETRIES == 2
    assert INITIAL_RETRY_DELAY == _constants.INITIAL_RETRY_DELAY == 0.5
    assert MAX_RETRY_DELAY == _constants.MAX_RETRY_DELAY == 8.0
    assert MAX_RETRY_AFTER == _constants.MAX_RETRY_AFTER_DELAY == 120


# --- parse_retry_after ----------------------------------------------------------------------

PARSE_CASES: list[tuple[dict[str, str], float | None]] = [
    ({}, None),
    ({"retry-after": "3"}, 3.0),
    ({"retry-after": "1.5"}, 1.5),
    ({"retry-after": " 7 "}, 7.0),
    ({"retry-after": "1_0"}, 10.0),  # Python float() syntax, as the official SDK
    ({"retry-after": "0"}, 0.0),
    ({"retry-after": "-4"}, -4.0),
    ({"retry-after": "121"}, 121.0),
    ({"retry-after": "1e400"}, MAX_RETRY_AFTER + 1),  # overflow: an excessive delay
    ({"retry-after": "-1e400"}, -math.inf),
    ({"retry-after": "abc"}, None),
    ({"retry-after": ""}, None),
    ({"retry-after-ms": "1500"}, 1.5),
    ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),  # milliseconds first
    ({"retry-after-ms": "soon", "retry-after": "9"}, 9.0),  # an unreadable ms is skipped
    ({"retry-after-ms": "soon"}, None),
    ({"retry-after-ms": "1e400"}, MAX_RETRY_AFTER + 1),
    ({"retry-after": date(30)}, 30.0 - 0.25),  # HTTP-dates have whole seconds
    ({"retry-after": date(-30)}, -30.0 - 0.25),
    ({"retry-after": date(1000)}, 1000.0 - 0.25),
    ({"retry-after": "Wed, 11 Jun 2025 15:07:00 +0100"}, 1749650820 - NOW),
    ({"retry-after": "Wednesday, 11-Jun-25 14:07:00 GMT"}, 1749650820 - NOW),  # RFC 850
    ({"retry-after": "Wed Jun 11 14:07:00 2025"}, 1749650820 - NOW),  # asctime, no zone: GMT
    ({"retry-after": "Wed, 32 Foo 2025 99:99:99 GMT"}, None),
    ({"retry-after": "Wed, 11 Jun 99999 15:07:00 GMT"}, None),  # year out of range
    ({"retry-after-ms": "x", "retry-after": date(5)}, 5.0 - 0.25),
]


@pytest.mark.parametrize(("headers", "expected"), PARSE_CASES, ids=range(len(PARSE_CASES)))
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers, NOW) == expected
    assert parse_retry_after(Headers({k.title(): v for k, v in headers.items()}), NOW) == expected


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "+Infinity", "-inf"])
def test_parse_retry_after_non_finite_literals(value: str) -> None:
    for name, divisor in (("retry-after", 1), ("retry-after-ms", 1000)):
        parsed = parse_retry_after({name: value}, NOW)
        assert parsed is not None and not math.isfinite(parsed)
        assert math.isnan(parsed) == math.isnan(float(value) / divisor)


def test_parse_retry_after_without_headers() -> None:
    assert parse_retry_after(None, NOW) is None


# --- should_retry_status --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "retried"),
    [(400, False), (401, False), (403, False), (404, False), (408, True), (409, True),
     (410, False), (422, False), (429, True), (499, False), (500, True), (502, True),
     (503, True), (504, True), (599, True), (600, True), (301, False)],
)  # fmt: skip
def test_should_retry_status_codes(status: int, retried: bool) -> None:
    assert should_retry_status(status, {}, now=NOW) is retried


@pytest.mark.parametrize("status", [400, 404, 429, 500])
def test_x_should_retry_overrides_the_status(status: int) -> None:
    assert should_retry_status(status, {"x-should-retry": "true"}, now=NOW) is True
    assert should_retry_status(status, {"x-should-retry": "false"}, now=NOW) is False
    default = should_retry_status(status, {}, now=NOW)
    for other in ("TRUE", "1", "yes", ""):  # exact lowercase values only
        assert should_retry_status(status, {"x-should-retry": other}, now=NOW) is default


def test_long_retry_after_wins_over_x_should_retry() -> None:
    # Official order: the Retry-After cap is checked before x-should-retry.
    for hdrs in ({"retry-after": "121"}, {"retry-after-ms": "120001"}, {"retry-after": date(600)}):
        assert should_retry_status(429, {**hdrs, "x-should-retry": "true"}, now=NOW) is False
        assert should_retry_status(503, hdrs, now=NOW) is False
    assert should_retry_status(429, {"retry-after": "120"}, now=NOW) is True
    # Non-finite values are ignored by the cap (but overflow counts as excessive).
    assert should_retry_status(429, {"retry-after": "inf"}, now=NOW) is True
    assert should_retry_status(429, {"retry-after": "nan"}, now=NOW) is True
    assert should_retry_status(429, {"retry-after": "9" * 400}, now=NOW) is False


# --- retry_delay ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempt", "base"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (999, 8.0)]
)
def test_backoff_doubles_up_to_the_cap(attempt: int, base: float) -> None:
    assert retry_delay(attempt, 1000, None, now=NOW, random=0.0) == base
    assert retry_delay(attempt, 1000, {}, now=NOW, random=0.5) == base * 0.875
    low = retry_delay(attempt, 1000, None, now=NOW, random=math.nextafter(1.0, 0.0))
    assert base * 0.75 <= low < base * 0.75 + 1e-9  # jitter takes off at most 25%


def test_backoff_exponent_is_capped() -> None:
    assert retry_delay(10**6, 10**6 + 1, None, now=NOW, random=0.0) == MAX_RETRY_DELAY


@pytest.mark.parametrize(
    ("headers", "honoured"),
    [({"retry-after": "3"}, 3.0), ({"retry-after": "120"}, 120.0), ({"retry-after-ms": "10"}, 0.01),
     ({"retry-after": date(60)}, 60.0 - 0.25), ({"retry-after": "0"}, None),
     ({"retry-after": "-1"}, None), ({"retry-after": "121"}, None), ({"retry-after": "nan"}, None),
     ({"retry-after": "inf"}, None), ({"retry-after": "1e400"}, None), ({"retry-after": "x"}, None),
     ({"retry-after": date(-5)}, None), ({"retry-after": date(500)}, None)],
)  # fmt: skip
def test_server_delay_honoured_only_within_bounds(
    headers: dict[str, str], honoured: float | None
) -> None:
    delay = retry_delay(1, 2, headers, now=NOW, random=0.5)
    assert delay == (honoured if honoured is not None else 1.0 * 0.875)


def test_retry_delay_rejects_misuse() -> None:
    for attempt, max_retries in ((2, 2), (0, 0), (-1, 2)):
        with pytest.raises(ValueError, match="no retry left"):
            retry_delay(attempt, max_retries, None, now=NOW, random=0.0)
    for rnd in (1.0, -0.1, math.nan):
        with pytest.raises(ValueError, match="random"):
            retry_delay(0, 2, None, now=NOW, random=rnd)


# --- decide ---------------------------------------------------------------------------------


def test_decide_connection_errors_retry_while_retries_remain() -> None:
    assert decide(0, 2, status=None, headers=None, now=NOW, random=0.0) == 0.5
    assert decide(1, 2, status=None, headers=None, now=NOW, random=0.0) == 1.0
    assert decide(2, 2, status=None, headers=None, now=NOW, random=0.0) is None
    assert decide(0, 0, status=None, headers=None, now=NOW, random=0.0) is None
    # A connection error has no answer: headers are ignored.
    hdrs = {"retry-after": "3"}
    assert decide(0, 2, status=None, headers=hdrs, now=NOW, random=0.0) == 0.5


def test_decide_status() -> None:
    assert decide(0, 2, status=429, headers={"retry-after": "3"}, now=NOW, random=0.0) == 3.0
    assert decide(0, 2, status=429, headers=None, now=NOW, random=0.0) == 0.5
    assert decide(0, 2, status=400, headers={}, now=NOW, random=0.0) is None
    assert decide(1, 1, status=500, headers={}, now=NOW, random=0.0) is None
    hdrs = {"retry-after": "200", "x-should-retry": "true"}
    assert decide(0, 2, status=500, headers=hdrs, now=NOW, random=0.0) is None


@pytest.mark.parametrize(
    ("value", "error"), [(None, TypeError), ("2", TypeError), (1.0, TypeError), (-1, ValueError)]
)
def test_validate_max_retries(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        validate_max_retries(value)


def test_validate_max_retries_accepts_ints() -> None:
    assert validate_max_retries(0) == 0
    assert validate_max_retries(5) == 5


# --- the official package, decision for decision ---------------------------------------------

STATUSES = [400, 404, 408, 409, 422, 429, 500, 503]
HEADER_SETS: list[dict[str, str]] = [
    {}, {"retry-after": "2"}, {"retry-after": "0"}, {"retry-after": "-3"}, {"retry-after": "120"},
    {"retry-after": "121"}, {"retry-after": "nan"}, {"retry-after": "inf"},
    {"retry-after": "1e400"}, {"retry-after": "junk"}, {"retry-after": " 2.5 "},
    {"retry-after-ms": "250"}, {"retry-after-ms": "250", "retry-after": "9"},
    {"retry-after-ms": "bad", "retry-after": "9"}, {"retry-after-ms": "130000"},
    {"retry-after": date(20)}, {"retry-after": date(-20)}, {"retry-after": date(300)},
    {"retry-after": "Wed, 11 Jun 2025 15:07:00 +0100"},
    {"retry-after": "Wed, 11 Jun 99999 15:07:00 GMT"},
    {"x-should-retry": "true"}, {"x-should-retry": "false"}, {"x-should-retry": "True"},
    {"x-should-retry": "true", "retry-after": "500"},
    {"x-should-retry": "false", "retry-after": "5"},
]  # fmt: skip
ATTEMPTS = [(0, 2), (1, 2), (2, 2), (0, 0), (3, 5), (4, 5), (12, 20)]
RANDOMS = [0.0, 0.3, 0.999]


@pytest.fixture(scope="module")
def official() -> Any:
    openai = pytest.importorskip("openai")
    return openai


def test_decisions_match_the_official_package(
    official: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx2
    from openai import _base_client
    from openai._models import FinalRequestOptions

    monkeypatch.setattr(time, "time", lambda: NOW)  # the official SDK reads time.time()
    clients = {m: official.OpenAI(api_key="x", max_retries=m) for _, m in ATTEMPTS}
    options = FinalRequestOptions(method="post", url="/x")
    checked = 0
    for (attempt, max_retries), rnd in itertools.product(ATTEMPTS, RANDOMS):
        client = clients[max_retries]
        monkeypatch.setattr(_base_client, "random", lambda rnd=rnd: rnd)
        remaining = max_retries - attempt
        # A connection error or timeout: the official loop retries while retries remain.
        want = client._calculate_retry_timeout(remaining, options, None) if remaining > 0 else None
        assert decide(attempt, max_retries, status=None, headers=None, now=NOW, random=rnd) == want
        for status, hdrs in itertools.product(STATUSES, HEADER_SETS):
            response = httpx2.Response(status, headers=hdrs)
            assert parse_retry_after(hdrs, NOW) == pytest.approx(
                client._parse_retry_after_header(response.headers), nan_ok=True
            )
            retried = remaining > 0 and client._should_retry(response)
            want = (
                client._calculate_retry_timeout(remaining, options, response.headers)
                if retried
                else None
            )
            got = decide(attempt, max_retries, status=status, headers=hdrs, now=NOW, random=rnd)
            assert got == want, (attempt, max_retries, rnd, status, hdrs)
            checked += 1
    assert checked == len(ATTEMPTS) * len(RANDOMS) * len(STATUSES) * len(HEADER_SETS)


def test_module_api() -> None:
    assert set(retry.__all__) >= {"decide", "parse_retry_after", "retry_delay"}
