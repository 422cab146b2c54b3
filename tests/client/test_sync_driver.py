"""How the sync client runs the async code (`_sync._Driver`): the calling thread drives the
one loop itself, other threads' calls join it, an interrupt cancels the request, and tasks
that outlive a call go on in the background."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import signal
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from openai_oxide import OpenAI, SyncUnavailableError
from openai_oxide._sync import run_sync
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

TINY = {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]}
REQUEST = contextvars.ContextVar("REQUEST", default="")


async def _where() -> tuple[str, str]:
    await asyncio.sleep(0)
    return threading.current_thread().name, REQUEST.get()


def _threads() -> set[str]:
    return {t.name for t in threading.enumerate()}


def test_a_call_runs_on_the_calling_thread_with_its_context() -> None:
    REQUEST.set("mine")
    before = _threads()
    assert run_sync(_where()) == (threading.current_thread().name, "mine")
    assert _threads() == before  # no loop thread to hand the call to


def test_a_sync_call_inside_a_call_is_refused_rather_than_hanging() -> None:
    async def nested() -> None:
        run_sync(_where())

    with pytest.raises(SyncUnavailableError, match="from another thread"):
        run_sync(nested())
    assert run_sync(_where())[0] == threading.current_thread().name  # the loop was freed


def test_calls_from_many_threads_share_the_loop_and_all_finish(fake: FakeOpenAI) -> None:
    """Thread A's call waits on an event that only thread B's call sets: both run on one
    loop at once, whichever thread drives it; the busy threads' calls hand it on."""
    gate = asyncio.Event()
    results: dict[str, object] = {}

    async def wait_for_gate() -> str:
        await asyncio.wait_for(gate.wait(), 10)
        return "opened"

    async def open_gate() -> str:
        gate.set()
        return "set"

    client = OpenAI(api_key=API_KEY, base_url=fake.url)

    def run(name: str, work: Callable[[], object]) -> None:
        try:
            results[name] = work()
        except BaseException as exc:  # reported by the assertion below
            results[name] = exc

    threads = [threading.Thread(target=run, args=("a", lambda: run_sync(wait_for_gate())))]
    threads += [
        threading.Thread(
            target=run,
            args=(f"c{i}", lambda: client.chat.completions.create(**TINY).choices[0].message),
        )
        for i in range(6)
    ]
    for t in threads:
        t.start()
    time.sleep(0.2)  # thread A is parked on the gate
    assert run_sync(open_gate()) == "set"
    for t in threads:
        t.join(20)
    assert results.pop("a") == "opened"
    assert len(results) == 6 and all(getattr(m, "content", None) for m in results.values())
    assert run_sync(_where())[0] == threading.current_thread().name  # the loop is free again
    client.close()


@contextlib.contextmanager
def _ctrl_c_after(seconds: float) -> Iterator[None]:
    """SIGINT to this thread after `seconds`, as Ctrl-C would send it."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    timer = threading.Timer(seconds, signal.pthread_kill, (threading.get_ident(), signal.SIGINT))
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _eventually(check: Callable[[], bool]) -> bool:
    for _ in range(250):
        if check():
            return True
        time.sleep(0.02)
    return False


def test_ctrl_c_in_a_blocked_call_cancels_its_request(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_before_headers=5))
    client = OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0)
    with _ctrl_c_after(0.5), pytest.raises(KeyboardInterrupt):
        client.chat.completions.create(**TINY)
    assert _eventually(lambda: fake.journal[-1].disconnected)
    assert client.chat.completions.create(**TINY).choices[0].message.content
    client.close()


def test_ctrl_c_in_a_blocked_stream_closes_its_connection(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_between_events=0.3))
    client = OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0)
    stream = client.responses.create(model="gpt-test", input="a long answer", stream=True)
    events = iter(stream)
    assert next(events).type == "response.created"
    with _ctrl_c_after(0.1), pytest.raises(KeyboardInterrupt):
        for _ in events:
            pass
    assert _eventually(lambda: fake.journal[-1].disconnected)
    client.close()


def test_ctrl_c_while_another_thread_drives_cancels_only_this_call(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_before_headers=1.5))  # the other thread's request
    fake.inject(Fault(delay_before_headers=5))  # this thread's
    client = OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0)
    other: list[object] = []
    driver = threading.Thread(
        target=lambda: other.append(client.chat.completions.create(**TINY).choices[0].message)
    )
    driver.start()
    assert _eventually(lambda: len(fake.journal) == 1)  # the other thread drives the loop
    with _ctrl_c_after(0.5), pytest.raises(KeyboardInterrupt):
        client.chat.completions.create(**TINY)
    assert _eventually(lambda: len(fake.journal) == 2 and fake.journal[1].disconnected)
    driver.join(10)
    assert len(other) == 1 and getattr(other[0], "content", None)
    assert not fake.journal[0].disconnected
    assert client.chat.completions.create(**TINY).choices[0].message.content
    client.close()


def test_tasks_that_outlive_a_call_go_on_between_calls() -> None:
    """A task left running (as a WebSocket's keepalive is) is driven by a background thread
    while no call runs; once no such task is left, calls run on their own thread again."""
    ticks: list[int] = []
    stop = asyncio.Event()
    kept: list[asyncio.Task[None]] = []

    async def tick() -> None:
        while not stop.is_set():
            ticks.append(1)
            await asyncio.sleep(0.01)

    async def start() -> None:
        kept.append(asyncio.get_running_loop().create_task(tick()))

    async def finish() -> None:
        stop.set()
        await kept[0]

    run_sync(start())
    seen = len(ticks)
    assert _eventually(lambda: len(ticks) > seen + 5)
    run_sync(finish())
    me = threading.current_thread().name
    assert _eventually(lambda: run_sync(_where())[0] == me)
