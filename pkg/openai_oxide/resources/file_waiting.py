"""`files.wait_for_processing`, the official helper, written by hand and mixed into the
generated `AsyncFiles` (whose `retrieve` it calls)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ..types.files import FileObject
from ._common import Resource

__all__ = ["FileWaiting"]

_FILE_TERMINAL_STATES = frozenset({"processed", "error", "deleted"})


class FileWaiting(Resource):
    __slots__ = ()
    if TYPE_CHECKING:
        retrieve: Callable[..., Awaitable[FileObject]]

    async def wait_for_processing(
        self, id: str, *, poll_interval: float = 5.0, max_wait_seconds: float = 30 * 60
    ) -> FileObject:
        """Waits for the given file to be processed (`processed`, `error` or `deleted`),
        retrieving it every `poll_interval` seconds; raises `RuntimeError` after
        `max_wait_seconds` (default 30 minutes)."""
        start = time.monotonic()
        file = await self.retrieve(id)
        while file.status not in _FILE_TERMINAL_STATES:
            await asyncio.sleep(poll_interval)
            file = await self.retrieve(id)
            if time.monotonic() - start > max_wait_seconds:
                raise RuntimeError(
                    f"Giving up on waiting for file {id} to finish processing after "
                    f"{max_wait_seconds} seconds."
                )
        return file
