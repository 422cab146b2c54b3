"""Plain records for one HTTP exchange, shared by every layer.

Errors and transports carry these instead of httpx or JS objects. Secrets in headers are
redacted from every repr, so a logged request or an exception never shows the API key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

SECRET_HEADERS = frozenset({"authorization", "api-key", "openai-api-key", "proxy-authorization"})


class Headers(Mapping[str, str]):
    """Case-insensitive, ordered header pairs. Names are stored lowercased.

    Lookups return the first value; `get_list` returns all of them.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str]] | Mapping[str, str] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items: tuple[tuple[str, str], ...] = tuple((k.lower(), v) for k, v in pairs)

    @classmethod
    def lowered(cls, pairs: Iterable[tuple[str, str]]) -> Headers:
        """Headers from pairs whose names are already lowercase (a request's built per
        attempt, an answer's from httpx): lowering each name again costs on every call."""
        headers = cls.__new__(cls)
        headers._items = tuple(pairs)
        return headers

    def __getitem__(self, key: str) -> str:
        key = key.lower()
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for k, _ in self._items:
            if k not in seen:
                seen.add(k)
                yield k

    def __len__(self) -> int:
        return len({k for k, _ in self._items})

    def get_list(self, key: str) -> list[str]:
        key = key.lower()
        return [v for k, v in self._items if k == key]

    def raw(self) -> tuple[tuple[str, str], ...]:
        """The pairs as sent or received, for a transport to hand on."""
        return self._items

    def __repr__(self) -> str:
        shown = [(k, "<redacted>" if k in SECRET_HEADERS else v) for k, v in self._items]
        return f"Headers({shown!r})"


@dataclass(frozen=True, slots=True)
class Request:
    """What the client asks a transport to send. `body` is already encoded bytes."""

    method: str
    url: str
    headers: Headers = field(default_factory=Headers)
    body: bytes | None = None

    def __repr__(self) -> str:
        size = 0 if self.body is None else len(self.body)
        return f"<Request {self.method} {self.url} body={size}B>"


@dataclass(frozen=True, slots=True)
class ResponseHead:
    """Status line and headers of an answer; the body travels separately."""

    status: int
    headers: Headers
    request: Request
    # How it was obtained: retries before this answer, and seconds from the call's start
    # until the headers (an open stream) or the whole body arrived.
    retries_taken: int = 0
    elapsed: float = 0.0

    @property
    def request_id(self) -> str | None:
        return self.headers.get("x-request-id")

    def __repr__(self) -> str:
        return f"<ResponseHead {self.status} {self.request.method} {self.request.url}>"
