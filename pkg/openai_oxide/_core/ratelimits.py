"""The rate limits an answer reports, read from its `x-ratelimit-*` headers.

OpenAI sends, per bucket (`requests`, `tokens`, sometimes others), three headers:
`x-ratelimit-limit-<bucket>` and `x-ratelimit-remaining-<bucket>` (integers) and
`x-ratelimit-reset-<bucket>`, the time until the bucket refills written as a Go duration
(`1s`, `6m0s`, `20ms`, `1h2m3.5s`). Parsing is lenient: a malformed value gives `None`
for that field and never raises, since a header we misread must not fail a call that
succeeded. No clock here: `reset` is relative to when the answer arrived.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["RateLimit", "RateLimits", "parse_duration"]

_PREFIX = "x-ratelimit-"
_FIELDS = ("limit", "remaining", "reset")
# Go's time.Duration.String units, in seconds (https://pkg.go.dev/time#ParseDuration).
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "ns": 1e-9}
_UNITS.update(dict.fromkeys(("us", "µs", "μs"), 1e-6))
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_PART = re.compile(rf"({_NUMBER})(ns|us|µs|μs|ms|s|m|h)")
_DURATION = re.compile(rf"(?:{_NUMBER}(?:ns|us|µs|μs|ms|s|m|h))+")
_PLAIN = re.compile(_NUMBER)
_MAX_LEN = 64  # a real value is a dozen characters; refuse to scan anything long


def parse_duration(text: str) -> float | None:
    """Seconds in a Go duration (`6m0s` -> 360.0); a bare number is seconds, as some
    OpenAI-compatible servers send it. Anything else (negative, empty, junk) is None."""
    text = text.strip()
    if not text or len(text) > _MAX_LEN:
        return None
    if _PLAIN.fullmatch(text):
        return float(text)
    if not _DURATION.fullmatch(text):
        return None
    return sum(float(n) * _UNITS[unit] for n, unit in _PART.findall(text))


def _parse_count(text: str) -> int | None:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > _MAX_LEN:
        return None
    return int(text)


@dataclass(frozen=True, slots=True)
class RateLimit:
    """One bucket: its size, what is left of it, and seconds until it refills."""

    limit: int | None = None
    remaining: int | None = None
    reset: float | None = None


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Every bucket one answer reported, by name; `requests` and `tokens` are the usual."""

    buckets: Mapping[str, RateLimit] = field(default_factory=dict)

    @property
    def requests(self) -> RateLimit | None:
        return self.buckets.get("requests")

    @property
    def tokens(self) -> RateLimit | None:
        return self.buckets.get("tokens")

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str] | Iterable[tuple[str, str]]
    ) -> RateLimits | None:
        """The snapshot in these headers, or None when they carry no `x-ratelimit-*`."""
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        fields: dict[str, dict[str, str]] = {}
        for name, value in pairs:
            name = name.lower()
            if not name.startswith(_PREFIX):
                continue
            kind, _, bucket = name[len(_PREFIX) :].partition("-")
            if kind in _FIELDS and bucket:
                fields.setdefault(bucket, {}).setdefault(kind, value)  # the first one wins
        if not fields:
            return None
        return cls({bucket: _bucket(found) for bucket, found in fields.items()})


def _bucket(found: Mapping[str, str]) -> RateLimit:
    limit, remaining, reset = (found.get(kind) for kind in _FIELDS)
    return RateLimit(
        limit=None if limit is None else _parse_count(limit),
        remaining=None if remaining is None else _parse_count(remaining),
        reset=None if reset is None else parse_duration(reset),
    )
