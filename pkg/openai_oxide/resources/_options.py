"""Per-call options every endpoint method accepts, as in the official SDK."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeAlias, TypedDict

from .._core.request import Omit
from .._core.timeout import Timeout


class TimeoutLike(Protocol):
    """An httpx-style timeout (`httpx.Timeout`), read by `Timeout.coerce`."""

    @property
    def connect(self) -> float | None: ...
    @property
    def read(self) -> float | None: ...


# A per-call timeout: seconds, ours, an httpx-style one, None (no limit) or omitted.
TimeoutArg: TypeAlias = float | Timeout | TimeoutLike | Omit | None


class RequestOptions(TypedDict, total=False):
    extra_headers: Mapping[str, str | Omit] | None
    extra_query: Mapping[str, object] | None
    extra_body: Mapping[str, object] | None
    timeout: TimeoutArg
    idempotency_key: str


def require(method: str, params: Mapping[str, Any], names: Sequence[str]) -> None:
    """For a method that takes its parameters as `**params`: raise the TypeError Python
    raises for missing keyword-only arguments, naming each of `names` absent from `params`,
    so a call that lacks a required parameter fails before anything is sent."""
    missing = [repr(name) for name in names if name not in params]
    if not missing:
        return
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    noun = "argument" if len(missing) == 1 else "arguments"
    raise TypeError(f"{method}() missing {len(missing)} required keyword-only {noun}: {listed}")


def with_header(options: RequestOptions, name: str, values: Iterable[str] | Omit) -> RequestOptions:
    """`options` sending a method's header parameter (`betas`, the `openai-beta` header of
    the beta Responses API), its values comma-separated, as the official client sends it;
    the caller's own `extra_headers` win. An omitted parameter sends nothing."""
    if isinstance(values, Omit):
        return options
    headers = {name: ",".join(values), **(options.get("extra_headers") or {})}
    return {**options, "extra_headers": headers}
