"""The per-stream watchdog (`Deadline.watch`): read and total limits, and cancellation,
through `Deadline.iterate` and through an SSE stream's own read loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest

from openai_oxide import APITimeoutError
from openai_oxide._core.http import Headers, Request, ResponseHead
from openai_oxide._streaming import AsyncStream
from openai_oxide._timing import Deadline


async def paced(delays: list[float]) -> AsyncIterator[bytes]:
    for i, delay in enumerate(delays):
        await asyncio.sleep(delay)
        yield str(i).encode()


Collect = Callable[[Deadline, list[float], list[bytes]], Coroutine[Any, Any, None]]


async def by_iterate(deadline: Deadline, delays: list[float], into: list[bytes]) -> None:
    async for chunk in deadline.iterate(paced(delays), None):
        into.append(chunk)


class PacedSSE:
    """A transport response whose body is one SSE event per paced chunk."""

    status = 200
    headers = Headers()

    def __init__(self, delays: list[float]) -> None:
        self.delays = delays
        self.closed = False

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        async for chunk in paced(self.delays):
            yield b"data: " + chunk + b"\n\n"

    async def aclose(self) -> None:
        self.closed = True


async def by_stream(deadline: Deadline, delays: list[float], into: list[bytes]) -> None:
    body = PacedSSE(delays)
    head = ResponseHead(200, Headers(), Request("POST", "http://test/v1/responses"))
    try:
        async for item in AsyncStream(head, body, lambda sse: sse.data.encode(), deadline):
            into.append(item)
    finally:
        assert body.closed  # however the stream ends, the transfer is closed


@pytest.fixture(params=[by_iterate, by_stream], ids=["iterate", "stream"])
def collect(request: pytest.FixtureRequest) -> Collect:
    reader: Collect = request.param
    return reader


async def test_steady_chunks_within_read_pass(collect: Collect) -> None:
    got: list[bytes] = []
    await collect(Deadline(read=0.2, total=None), [0.05] * 10, got)
    assert len(got) == 10  # 0.5 s in all, but never 0.2 s between chunks


async def test_a_stall_raises_timeout_after_the_chunks_before_it(collect: Collect) -> None:
    got: list[bytes] = []
    with pytest.raises(APITimeoutError):
        await collect(Deadline(read=0.2, total=None), [0.01, 0.01, 5.0], got)
    assert got == [b"0", b"1"]


async def test_total_deadline_shortens_a_wait_armed_for_a_long_read(collect: Collect) -> None:
    got: list[bytes] = []
    loop = asyncio.get_running_loop()
    start = loop.time()
    with pytest.raises(APITimeoutError):
        await collect(Deadline(read=30, total=0.3), [0.01, 0.1, 10.0], got)
    assert loop.time() - start < 5  # ended by `total`, not by the 30 s read limit
    assert got == [b"0", b"1"]


async def test_outside_cancellation_stays_a_cancellation(collect: Collect) -> None:
    got: list[bytes] = []
    task = asyncio.create_task(collect(Deadline(read=0.5, total=None), [0.01, 10.0], got))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert got == [b"0"]


async def test_consumer_time_between_chunks_is_not_counted() -> None:
    got: list[bytes] = []
    async for chunk in Deadline(read=0.1, total=None).iterate(paced([0.0] * 3), None):
        got.append(chunk)
        await asyncio.sleep(0.3)  # slow consumer: the stream is not idle, we are
    assert len(got) == 3


async def test_no_limits_passes_through(collect: Collect) -> None:
    got: list[bytes] = []
    await collect(Deadline(read=None, total=None), [0.0, 0.0], got)
    assert got == [b"0", b"1"]


def _counting_timers(loop: asyncio.AbstractEventLoop) -> list[asyncio.TimerHandle]:
    """The timers armed on `loop` from now on (until `del loop.call_at`)."""
    armed: list[asyncio.TimerHandle] = []
    call_at = loop.call_at

    def counting(when: float, callback: Any, *args: Any, **kwargs: Any) -> asyncio.TimerHandle:
        handle = call_at(when, callback, *args, **kwargs)
        armed.append(handle)
        return handle

    loop.call_at = counting  # type: ignore[method-assign]  # call_later goes through it
    return armed


async def test_a_call_arms_one_timer_for_headers_and_body_and_cancels_it() -> None:
    """A non-streaming call bounds the wait for the headers and the body read with the same
    timer, and leaves none behind (Pyodide's loop keeps a cancelled timer's JS timer)."""
    from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

    loop = asyncio.get_running_loop()
    body = {"object": "list", "data": []}
    client = AsyncOpenAI(
        api_key="sk-x",
        base_url="http://api.invalid/v1",
        transport=MockTransport(lambda request: MockResponse.json(body)),
    )
    armed = _counting_timers(loop)
    try:
        for _ in range(3):
            await client.models.list()
    finally:
        del loop.call_at
    assert len(armed) == 3 and all(h.cancelled() for h in armed)


class _Paced:
    """A transport whose answers are `PacedSSE` bodies."""

    def __init__(self, delays: list[float]) -> None:
        self.delays = delays

    async def send(self, request: Request, *, timeout: Any) -> PacedSSE:
        return PacedSSE(self.delays)


def _sse_client(events: int) -> Any:
    from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

    body = b"".join(b'data: {"n": %d}\n\n' % i for i in range(events)) + b"data: [DONE]\n\n"
    return AsyncOpenAI(
        api_key="sk-x",
        base_url="http://api.invalid/v1",
        transport=MockTransport(lambda request: MockResponse(body=body, chunk_size=12)),
    )


async def _open(client: Any) -> Any:
    from openai_oxide._core.sse import ServerSentEvent

    def decode(sse: ServerSentEvent) -> Any:
        return sse.json()

    return await client.stream("POST", "/things", decode=decode, body={"x": 1})


async def test_a_stream_takes_over_the_head_timer_and_cancels_it_at_the_end() -> None:
    """The wait for a stream's headers and every read of its events share one timer."""
    loop = asyncio.get_running_loop()
    armed = _counting_timers(loop)
    try:
        for _ in range(3):
            assert [e async for e in await _open(_sse_client(5))] == [{"n": i} for i in range(5)]
    finally:
        del loop.call_at
    assert len(armed) == 3 and all(h.cancelled() for h in armed)


async def test_a_stream_closed_unread_leaves_no_timer() -> None:
    loop = asyncio.get_running_loop()
    armed = _counting_timers(loop)
    try:
        stream = await _open(_sse_client(2))
        await stream.close()
    finally:
        del loop.call_at
    assert len(armed) == 1 and armed[0].cancelled()


async def test_a_stream_read_in_another_task_times_its_reads_there() -> None:
    """The head's timer watched the task that sent the request: a stream read by another
    task gets a timer of its own (the head's is cancelled), and its read timeout holds."""

    from openai_oxide import AsyncOpenAI, MockTransport

    client = AsyncOpenAI(
        api_key="sk-x",
        base_url="http://api.invalid/v1",
        transport=MockTransport(lambda request: None),  # replaced below
    )
    client._transport = _Paced([0.0, 30.0])  # type: ignore[assignment]
    client = client.with_options(timeout=0.3, max_retries=0)
    loop = asyncio.get_running_loop()
    armed = _counting_timers(loop)
    try:
        stream = await _open(client)
        got: list[Any] = []

        async def read() -> None:
            async for event in stream:
                got.append(event)

        with pytest.raises(APITimeoutError):
            await asyncio.create_task(read())
    finally:
        del loop.call_at
    assert got == [0]
    assert armed[0].cancelled()  # the head's, not left running for the other task


async def test_headers_that_never_come_time_out_within_read() -> None:
    from openai_oxide import AsyncOpenAI, MockTransport

    async def never(request: Any) -> Any:
        await asyncio.sleep(30)

    client = AsyncOpenAI(
        api_key="sk-x",
        base_url="http://api.invalid/v1",
        transport=MockTransport(never),
        max_retries=0,
        timeout=0.2,
    )
    with pytest.raises(APITimeoutError) as info:
        await client.models.list()
    assert info.value.request is not None
