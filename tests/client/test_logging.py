"""Logging (`_logs.py`): requests, retries with their reason and delay, timings; never the
key, never a body unless bodies are asked for; nothing formatted while logging is off."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

import pytest

from openai_oxide import APIConnectionError, AsyncOpenAI, MockResponse, MockTransport, _logs
from openai_oxide._core.http import Request
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

OK = {"object": "list", "data": []}


def messages(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "openai_oxide"]


async def test_an_answer_is_one_info_line(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "openai_oxide")
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        await client.models.retrieve("gpt-4o")
    [(level, line)] = messages(caplog)
    request_id = fake.journal[0].request_id
    assert level == logging.INFO
    assert line.startswith(f"HTTP GET {fake.url}/models/gpt-4o -> 200 (request id {request_id}, ")
    assert line.endswith("s)")


async def test_retries_name_reason_delay_and_request_id(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "openai_oxide")
    fake.inject(Fault(status=503, headers={"retry-after-ms": "10"}, match="/models"))
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        await client.models.list()
    lines = [line for _, line in messages(caplog)]
    first_id, second_id = (entry.request_id for entry in fake.journal)
    assert len(lines) == 3
    assert f"-> 503 (request id {first_id}" in lines[0]
    assert lines[1] == (
        f"Retrying GET {fake.url}/models in 0.010s after status 503 "
        f"(request id {first_id}; retry 1 of 2)"
    )
    assert f"-> 200 (request id {second_id}" in lines[2]


async def test_connection_failures_are_logged_with_their_type(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, "openai_oxide")
    answers: list[MockResponse | Exception] = [
        APIConnectionError("reset"),
        MockResponse.json(OK, headers={"x-request-id": "req_ok"}),
    ]

    def handler(request: Request) -> MockResponse:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def no_sleep(delay: float) -> None:
        pass

    monkeypatch.setattr("openai_oxide._base.asyncio.sleep", no_sleep)
    client = AsyncOpenAI(
        api_key=API_KEY, base_url="http://fake/v1", transport=MockTransport(handler)
    )
    await client.models.list()
    lines = [line for _, line in messages(caplog)]
    assert lines[0] == "Sending GET http://fake/v1/models (attempt 1)"
    assert lines[1].startswith("GET http://fake/v1/models failed after ")
    assert lines[1].endswith("s: APIConnectionError")
    assert lines[2].startswith("Retrying GET http://fake/v1/models in ")
    assert lines[2].endswith("s after APIConnectionError (request id None; retry 1 of 2)")
    assert lines[3] == "Sending GET http://fake/v1/models (attempt 2)"
    assert lines[4].startswith("HTTP GET http://fake/v1/models -> 200 (request id req_ok, ")


async def test_nothing_is_formatted_while_logging_is_off(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "openai_oxide")

    def refuse(*args: object) -> str:
        raise AssertionError("formatted a log line while logging is off")

    monkeypatch.setattr(_logs, "safe_url", refuse)
    for name in ("sending", "answered", "status_retry", "failed"):
        monkeypatch.setattr(f"openai_oxide._base.{name}", refuse)
    fake.inject(Fault(status=500, headers={"retry-after-ms": "1"}, match="/models"))
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        await client.models.list()
        stream = await client.responses.create(model="gpt-4o", input="hi", stream=True)
        assert [event.type async for event in stream][-1] == "response.completed"
    assert messages(caplog) == []


def test_safe_url_hides_credentials() -> None:
    url = "https://user:pw@x.test/v1/a?api-version=1&api-key=K&sig=S&limit=2"
    assert _logs.safe_url(url) == (
        "https://x.test/v1/a?api-version=1&api-key=<redacted>&sig=<redacted>&limit=2"
    )


SCRIPT = """
import asyncio, json, sys, urllib.request
from openai_oxide import AsyncOpenAI, APIConnectionError, NotFoundError

async def main(url, key):
    async with AsyncOpenAI(api_key=key, base_url=url, max_retries=1) as client:
        await client.responses.create(model="gpt-4o", input="say BODYMARK")
        stream = await client.responses.create(model="gpt-4o", input="BODYMARK", stream=True)
        [e async for e in stream]
        try:
            await client.responses.retrieve("resp_missing")
        except NotFoundError:
            pass
        fault = {"status": 500, "match": "/models", "headers": {"retry-after-ms": "1"}, "times": 2}
        urllib.request.urlopen(urllib.request.Request(
            url.removesuffix("/v1") + "/__fake__/faults", json.dumps(fault).encode(),
            {"content-type": "application/json"}))
        try:
            await client.models.list()
        except Exception:
            pass
    async with AsyncOpenAI(api_key=key, base_url="http://127.0.0.1:9/v1", max_retries=1) as c:
        try:
            await c.models.list()
        except APIConnectionError:
            pass

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


@pytest.mark.parametrize("bodies", [False, True])
def test_openai_log_debug_never_shows_the_key(fake: FakeOpenAI, bodies: bool) -> None:
    """`OPENAI_LOG=debug` through every logged path (answer, stream, status error, retry,
    connection refused): the canary key never appears; bodies only when asked for."""
    env = {**os.environ, "OPENAI_LOG": "debug", "OPENAI_LOG_BODIES": "1" if bodies else ""}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT), fake.url, API_KEY],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    said = done.stdout + done.stderr
    assert API_KEY not in said and "Bearer" not in said
    for expected in ("-> 200", "-> 404", "after status 500", "after APIConnectionError"):
        assert expected in said
    assert ("BODYMARK" in said) is bodies
    assert ("Request body:" in said) is bodies
