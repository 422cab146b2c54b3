"""The fake's server settings: no WebSocket mode (`websocket=False`) and no stored responses
(`stateless=True`), from the constructor, the CLI and `POST /__fake__/settings`."""

from __future__ import annotations

import subprocess
import sys

import httpx
import orjson
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from openai_oxide.testing import FakeOpenAI
from testing.fake_helpers import AUTH


async def upgrade_status(url: str) -> int:
    """The status the upgrade to `{url}/responses` gets (101 when it is accepted)."""
    ws_url = "ws" + url.removeprefix("http") + "/responses"
    try:
        async with connect(ws_url, additional_headers=AUTH):
            return 101
    except InvalidStatus as exc:
        if exc.response.status_code == 404:
            body = orjson.loads(exc.response.body)
            assert body["error"]["message"] == "Invalid URL (GET /v1/responses)"
        return exc.response.status_code


async def chain(http: httpx.AsyncClient) -> httpx.Response:
    first = await http.post("/responses", json={"model": "m", "input": "a"})
    second = {"model": "m", "input": "b", "previous_response_id": first.json()["id"]}
    return await http.post("/responses", json=second)


async def test_settings_over_the_control_endpoint(
    fake: FakeOpenAI, http: httpx.AsyncClient
) -> None:
    settings = http.base_url.copy_with(path="/__fake__/settings")
    assert await upgrade_status(fake.url) == 101 and (await chain(http)).status_code == 200
    answer = await http.post(settings, json={"websocket": False, "stateless": True})
    assert answer.json() == {"websocket": False, "stateless": True}
    assert await upgrade_status(fake.url) == 404
    refused = [e for e in fake.journal if e.http_version == "ws"]
    assert [(e.method, e.path, e.status) for e in refused] == [("GET", "/v1/responses", 404)]
    missed = await chain(http)
    assert missed.status_code == 400
    assert missed.json()["error"]["code"] == "previous_response_not_found"
    for bad in ({"websocket": "no"}, {"bogus": True}, [True]):
        assert (await http.post(settings, json=bad)).status_code == 400
    fake.reset()  # back to the constructor's settings
    assert await upgrade_status(fake.url) == 101 and (await chain(http)).status_code == 200
    fake.configure(websocket=False)
    assert await upgrade_status(fake.url) == 404


async def test_cli_flags() -> None:
    command = [sys.executable, "-m", "openai_oxide.testing", "--port", "0"]
    command += ["--no-websocket", "--stateless"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert await upgrade_status(url) == 404
        async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=10) as http:
            assert (await chain(http)).status_code == 400
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
