"""The fake server's control endpoints and the transcript helpers every scenario module
uses. Stdlib only (no pydantic, no SDK), so the lite client's scenarios run with pydantic
made unimportable (tests/lite/test_no_pydantic.py)."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

IN_PYODIDE = sys.platform == "emscripten"


def transcript(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "events": [],
        "final": None,
        "error": None,
        "error_request_id_present": False,
        "requests": 0,
    }
    base.update(fields)
    return base


def record_error(result: dict[str, Any], exc: BaseException) -> None:
    result["error"] = type(exc).__name__
    result["error_request_id_present"] = bool(getattr(exc, "request_id", None))
    status = getattr(exc, "status_code", None)
    if status is not None:
        result["error_status"] = status


# -- the fake server's control endpoints (at the root, not under /v1) --------------------


def _root(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base[: -len("/v1")] if base.endswith("/v1") else base


async def _http(method: str, url: str, body: Any = None) -> Any:
    """A plain HTTP call, independent of the SDK (urllib natively, js.fetch in Pyodide)."""
    data = None if body is None else json.dumps(body).encode()
    if IN_PYODIDE:
        import js
        from pyodide.ffi import to_js

        init: dict[str, Any] = {"method": method}
        if data is not None:
            init["body"] = to_js(data)
        resp = await js.fetch(url, to_js(init, dict_converter=js.Object.fromEntries))
        text = str(await resp.text())
        if not resp.ok:
            raise RuntimeError(f"{method} {url} -> {resp.status}: {text[:200]}")
        return json.loads(text) if text else None

    import urllib.request

    def call() -> Any:
        req = urllib.request.Request(url, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    return await asyncio.to_thread(call)


async def reset(base_url: str) -> None:
    await _http("POST", _root(base_url) + "/__fake__/reset")


async def queue_faults(base_url: str, faults: list[dict[str, Any]]) -> None:
    await _http("POST", _root(base_url) + "/__fake__/faults", faults)


async def settings(base_url: str, values: dict[str, bool]) -> None:
    """The fake's server settings (`websocket`, `stateless`) until the next reset."""
    await _http("POST", _root(base_url) + "/__fake__/settings", values)


async def journal(base_url: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = await _http("GET", _root(base_url) + "/__fake__/journal")
    return entries


async def journal_settled(
    base_url: str, until: Callable[[list[dict[str, Any]]], bool], wait: float = 5.0
) -> list[dict[str, Any]]:
    """The journal once `until(entries)` holds, or after `wait` seconds (the last snapshot)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + wait
    while True:
        entries = await journal(base_url)
        if until(entries) or loop.time() >= end:
            return entries
        await asyncio.sleep(0.05)


def fault_header(**fault: Any) -> dict[str, str]:
    return {"x-fake-fault": json.dumps(fault)}


# The fake's latency model (testing/latency.py) with seed 2, tail_p 0.5 and a 30 s tail puts
# the first request to arrive in the tail and the next two out of it, whichever copy sends
# first; so hedging transcripts record sorted facts, never which copy won.
TAIL = 30.0
TAIL_FIRST = {"tail_p": 0.5, "tail": TAIL, "seed": 2}


async def set_latency(base_url: str, model: dict[str, Any]) -> None:
    await _http("POST", _root(base_url) + "/__fake__/latency", model)


def all_settled(entries: list[dict[str, Any]]) -> bool:
    return all(e["completed"] or e["disconnected"] for e in entries)


def tail_outcomes(entries: list[dict[str, Any]]) -> list[list[Any]]:
    """(in the tail, aborted, completed) per request, sorted."""
    return sorted([e["delay"] >= TAIL, e["disconnected"], e["completed"]] for e in entries)
