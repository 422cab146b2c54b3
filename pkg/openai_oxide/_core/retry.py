"""Retry policy as pure functions: the caller passes in the clock and the random number.

Strategy: mirror the official `openai` package rule for rule (`_base_client.py`:
`_should_retry`, `_parse_retry_after_header`, `_calculate_retry_timeout`, and the request
loop around them; `_constants.py`), minus the sleeping and the logging. The client loop
needs one call; the others are its parts, public for tests and for hedging:

    delay = decide(attempt, max_retries, status=..., headers=..., now=time.time(),
                   random=random.random())
    if delay is None: raise the error          # no retry
    else: sleep(delay); attempt += 1; send again

`attempt` counts the retries already made: 0 after the first try failed. `status` is the
error status of the answer (>= 400), or None for a connection error or a timeout, which is
always retried while retries remain. The caller also stops if it cannot replay the body.

Headers: any Mapping; names are looked up in lowercase (`http.Headers` is case-insensitive).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "backoff_delay",
    "decide",
    "parse_retry_after",
    "retry_delay",
    "should_retry_status",
    "validate_max_retries",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 120.0  # official: MAX_RETRY_AFTER_DELAY = 2 * 60

_MAX_EXPONENT = 1000  # official: caps the retry count so pow() cannot overflow
_INF_LITERALS = frozenset({"inf", "+inf", "infinity", "+infinity"})


def validate_max_retries(value: object) -> int:
    """Check a `max_retries` setting as the official client does. Raises TypeError/ValueError."""
    if value is None:
        raise TypeError(
            "max_retries cannot be None. Use 0 to disable retries "
            "or a large integer for a larger retry budget."
        )
    if not isinstance(value, int):
        raise TypeError("max_retries must be a non-negative integer")
    if value < 0:
        raise ValueError("max_retries must be a non-negative integer")
    return value


def parse_retry_after(headers: Mapping[str, str] | None, now: float) -> float | None:
    """The server's requested delay in seconds, or None if it gave none that parses.

    `retry-after-ms` (milliseconds) wins over `Retry-After`. A value is read with Python's
    `float()`, as the official SDK does (so "1.5", " 2 ", "nan" and "-3" parse); a value that
    overflows to infinity becomes MAX_RETRY_AFTER + 1 so that it refuses the retry. A
    `Retry-After` that is not a number is read as an HTTP-date (RFC 9110 section 10.2.3)
    and measured from `now`, a Unix timestamp; the result may be negative. The caller must
    still check the value: non-finite, <= 0 or > MAX_RETRY_AFTER means "not honoured".
    """
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            delay = float(value)
        except ValueError:
            continue
        if delay == math.inf and value.strip().lower() not in _INF_LITERALS:
            return MAX_RETRY_AFTER + 1
        return delay / divisor
    return _parse_http_date(headers.get("retry-after"), now)


def _parse_http_date(value: str | None, now: float) -> float | None:
    # RFC 9110 section 5.6.7 (IMF-fixdate, plus the obsolete RFC 850 and asctime forms),
    # parsed leniently by the stdlib as the official SDK does. Imported here: rare path.
    import calendar
    from email.utils import parsedate_tz

    if value is None:
        return None
    try:
        parts = parsedate_tz(value)
        if parts is None:
            return None
        # HTTP-dates are in GMT: a date without a zone is read as UTC. The official SDK
        # reads it in the machine's local zone (email.utils.mktime_tz); with a zone, the same.
        stamp = calendar.timegm(parts[:6]) - (parts[9] or 0)
    except (TypeError, ValueError, OverflowError):
        return None
    return float(stamp - now)


def should_retry_status(status: int, headers: Mapping[str, str], *, now: float) -> bool:
    """Whether an error answer may be retried (retries left permitting). Official order:

    1. a finite Retry-After (or retry-after-ms) over MAX_RETRY_AFTER: no, even if the server
       also says `x-should-retry: true`;
    2. `x-should-retry: true` / `false` (exact, lowercase): obey;
    3. 408 (timeout), 409 (lock), 429 (rate limit) and any status >= 500: yes;
    4. otherwise no.
    """
    retry_after = parse_retry_after(headers, now)
    if retry_after is not None and math.isfinite(retry_after) and retry_after > MAX_RETRY_AFTER:
        return False
    should = headers.get("x-should-retry")
    if should == "true":
        return True
    if should == "false":
        return False
    return status in (408, 409, 429) or status >= 500


def retry_delay(
    attempt: int,
    max_retries: int,
    headers: Mapping[str, str] | None,
    *,
    now: float,
    random: float,
) -> float:
    """Seconds to wait before retry number `attempt + 1` (`attempt` = retries made so far).

    A server delay in (0, MAX_RETRY_AFTER] is honoured as is, without jitter. Otherwise:
    min(INITIAL_RETRY_DELAY * 2**attempt, MAX_RETRY_DELAY) * (1 - 0.25 * random), so the
    first retry waits 0.375..0.5 s and later ones at most 8 s. `random` is in [0, 1).
    Raises ValueError if no retry is left (attempt >= max_retries) or `random` is out of range.
    """
    if not 0 <= attempt < max_retries:
        raise ValueError(f"no retry left: attempt={attempt}, max_retries={max_retries}")
    if not 0.0 <= random < 1.0:
        raise ValueError(f"random must be in [0, 1), not {random!r}")
    retry_after = parse_retry_after(headers, now)
    if (
        retry_after is not None
        and math.isfinite(retry_after)
        and 0 < retry_after <= MAX_RETRY_AFTER
    ):
        return retry_after
    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(attempt, _MAX_EXPONENT), MAX_RETRY_DELAY)
    return backoff * (1.0 - 0.25 * random)


def backoff_delay(attempt: int, initial: float, maximum: float, random: float) -> float:
    """Seconds before retry number `attempt + 1` of a reconnection loop with its own bounds
    (the official WebSocket clients' `initial_delay`/`max_delay`):
    min(initial * 2**attempt, maximum) * (1 - 0.25 * random), `random` in [0, 1)."""
    if not 0.0 <= random < 1.0:
        raise ValueError(f"random must be in [0, 1), not {random!r}")
    return min(initial * 2.0 ** min(attempt, _MAX_EXPONENT), maximum) * (1.0 - 0.25 * random)


def decide(
    attempt: int,
    max_retries: int,
    *,
    status: int | None,
    headers: Mapping[str, str] | None,
    now: float,
    random: float,
) -> float | None:
    """After a failed attempt: the delay before retrying, or None to give up and raise.

    `status` None means a connection error or timeout (retried, headers ignored); otherwise
    it is the error status and `headers` are the answer's headers.
    """
    if attempt >= max_retries:
        return None
    if status is None:
        return retry_delay(attempt, max_retries, None, now=now, random=random)
    hdrs: Mapping[str, str] = headers if headers is not None else {}
    if not should_retry_status(status, hdrs, now=now):
        return None
    return retry_delay(attempt, max_retries, hdrs, now=now, random=random)
