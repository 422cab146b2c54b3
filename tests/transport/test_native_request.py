"""The native transport builds its httpx request itself (without `build_request`
re-normalising our headers): what goes on the wire must be what `build_request` makes."""

from __future__ import annotations

from typing import Any

import httpx
import httpx2
import pytest

from openai_oxide import NativeTransport
from openai_oxide._core.http import Headers, Request
from openai_oxide._core.timeout import Timeout

OURS = Headers.lowered(
    [
        ("accept", "application/json"),
        ("content-type", "application/json"),
        ("authorization", "Bearer sk-test"),
        ("user-agent", "openai-oxide/0.1.0"),
        ("x-stainless-retry-count", "0"),
    ]
)
CASES = [
    Request("POST", "https://api.example.com/v1/responses", OURS, b'{"model":"m"}'),
    Request("POST", "https://api.example.com/v1/responses/r/cancel", OURS, None),
    Request("GET", "http://127.0.0.1:8080/v1/models?limit=2&after=x", OURS, None),
    Request("DELETE", "https://api.example.com:8443/v1/files/f", OURS, None),
    # a caller's own Host and Content-Length are kept, as `build_request` keeps them
    Request(
        "POST",
        "https://api.example.com/v1/x",
        Headers.lowered([("host", "proxy.example"), ("content-length", "2")]),
        b"{}",
    ),
]


def _wire(req: Any) -> tuple[Any, ...]:
    """What the request sends: method, URL, headers (names lowercased, any order), body,
    timeouts."""
    headers = sorted((k.lower(), v) for k, v in req.headers.raw)
    return req.method, str(req.url), headers, req.read(), req.extensions["timeout"]


def _reference(client: Any, request: Request, timeout: Timeout, lib: Any) -> Any:
    """What the transport sent before, through `build_request`."""
    return client.build_request(
        request.method,
        request.url,
        headers=list(request.headers.raw()),
        content=request.body,
        timeout=lib.Timeout(
            connect=timeout.connect, read=None, write=timeout.write, pool=timeout.connect
        ),
    )


@pytest.mark.parametrize("lib", [httpx2, httpx], ids=["httpx2", "httpx"])
@pytest.mark.parametrize("request_", CASES, ids=lambda r: f"{r.method} {r.url}")
async def test_the_request_is_what_build_request_makes(lib: Any, request_: Request) -> None:
    client = lib.AsyncClient(headers={"X-Team": "blue", "Accept": "text/plain"})
    transport = NativeTransport(client=client)
    timeout = Timeout(connect=3.0, write=7.0, read=11.0)
    ours = transport._build(client, request_, timeout)
    assert _wire(ours) == _wire(_reference(client, request_, timeout, lib))
    # ours win over the client's, whose others are kept
    assert ours.headers["accept"] == request_.headers.get("accept", "text/plain")
    assert ours.headers["x-team"] == "blue"
    await client.aclose()


async def test_a_client_header_set_later_is_sent() -> None:
    client = httpx2.AsyncClient()
    transport = NativeTransport(client=client)
    first = transport._build(client, CASES[0], Timeout())
    client.headers["X-Later"] = "1"
    later = transport._build(client, CASES[0], Timeout(connect=1.0))
    assert "x-later" not in first.headers
    assert later.headers["x-later"] == "1"
    assert later.extensions["timeout"]["connect"] == 1.0  # a changed timeout is used
    await client.aclose()


class _Stamping(httpx2.AsyncClient):
    def build_request(self, *args: Any, **kwargs: Any) -> httpx2.Request:
        request = super().build_request(*args, **kwargs)
        request.headers["x-stamp"] = "yes"
        return request


@pytest.mark.parametrize(
    "client",
    [
        lambda: _Stamping(),
        lambda: httpx2.AsyncClient(params={"api-version": "2025"}),
        lambda: httpx2.AsyncClient(cookies={"session": "abc"}),
    ],
    ids=["own build_request", "params", "cookies"],
)
async def test_what_a_client_adds_at_build_time_is_kept(client: Any) -> None:
    http = client()
    transport = NativeTransport(client=http)
    built = transport._build(http, CASES[0], Timeout())
    assert _wire(built) == _wire(_reference(http, CASES[0], Timeout(), httpx2))
    assert (
        built.headers.get("x-stamp") == "yes"
        or built.url.params.get("api-version") == "2025"
        or built.headers.get("cookie") == "session=abc"
    )
    await http.aclose()
