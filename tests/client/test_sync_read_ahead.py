"""A sync stream reads ahead of its consumer by a bounded number of items (`_sync.iterate`):
a slow consumer pauses the transfer instead of buffering the whole stream in memory."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from openai_oxide._sync import _READ_AHEAD, iterate

ITEMS = 20 * _READ_AHEAD


class Source:
    """Counts what the pump has pulled, and whether it was closed."""

    def __init__(self) -> None:
        self.pulled = 0
        self.closed = False

    async def items(self) -> AsyncIterator[int]:
        try:
            for i in range(ITEMS):
                self.pulled += 1
                yield i
        finally:
            self.closed = True


def test_a_slow_consumer_holds_the_pump_back_and_still_gets_everything_in_order() -> None:
    source = Source()
    items = iterate(source.items())
    assert next(items) == 0
    time.sleep(0.3)  # room for an unbounded pump to pull everything
    assert source.pulled <= _READ_AHEAD + 2
    taken = [0]
    for item in items:  # the pump is woken again each time half the window is taken
        taken.append(item)
        assert source.pulled - len(taken) <= _READ_AHEAD + 1
    assert taken == list(range(ITEMS)) and source.closed


def test_leaving_while_the_pump_waits_closes_the_source() -> None:
    source = Source()
    items = iterate(source.items())
    assert next(items) == 0
    time.sleep(0.1)
    items.close()  # the pump is parked on a full window
    assert source.closed and source.pulled < ITEMS
