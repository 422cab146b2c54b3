"""Read and total timeouts, applied above the transport so every target measures alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import TypeVar

from ._core.errors import APITimeoutError
from ._core.http import Request

T = TypeVar("T")


class Deadline:
    """The budget of one call: `read` bounds each wait for bytes, `total` the whole call."""

    __slots__ = ("_loop", "at", "read")

    def __init__(self, read: float | None, total: float | None) -> None:
        self._loop = asyncio.get_running_loop()
        self.read = read
        self.at = None if total is None else self._loop.time() + total

    def remaining(self) -> float | None:
        return None if self.at is None else self.at - self._loop.time()

    def next_wait(self) -> float | None:
        """The longest the next wait for bytes may take."""
        left = self.remaining()
        if left is None:
            return self.read
        return left if self.read is None else min(self.read, left)

    async def run(self, awaitable: Awaitable[T], request: Request | None) -> T:
        """Await `awaitable` within `next_wait()`; raise `APITimeoutError` when it runs out."""
        wait = self.next_wait()
        if wait is None:
            return await awaitable
        try:
            async with asyncio.timeout(max(wait, 0.0)):
                return await awaitable
        except TimeoutError as exc:
            raise APITimeoutError(request=request) from exc

    async def iterate(
        self, chunks: AsyncIterator[bytes], request: Request | None
    ) -> AsyncIterator[bytes]:
        """Yield `chunks`, each within `next_wait()`: a stalled stream raises APITimeoutError."""
        it = aiter(chunks)
        while True:
            try:
                chunk = await self.run(anext(it), request)
            except StopAsyncIteration:
                return
            yield chunk
