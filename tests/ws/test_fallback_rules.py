"""The pure rules of the HTTP fallback: which handshake failures mean "no WebSocket endpoint
here", and how a chain the server cannot resolve is expanded."""

from __future__ import annotations

from typing import Any

import pytest

from openai_oxide import APIConnectionError, APITimeoutError
from openai_oxide._core.ws_chains import Chains, Known
from openai_oxide.lib.ws_fallback import refusal


class _Response:
    def __init__(self, status: int, body: bytes) -> None:
        self.status_code = status
        self.body = body


class InvalidStatus(Exception):  # the names match websockets' exceptions, as the rule does
    def __init__(self, status: int, body: bytes = b"") -> None:
        super().__init__(f"server rejected WebSocket connection: HTTP {status}")
        self.response = _Response(status, body)


class InvalidHandshake(Exception):
    pass


class InvalidUpgrade(InvalidHandshake):
    pass


class InvalidMessage(InvalidHandshake):
    pass


def failed(cause: BaseException | None) -> APIConnectionError:
    exc = APIConnectionError(f"WebSocket connection failed: {cause}")
    exc.__cause__ = cause
    return exc


API_ERROR = b'{"error": {"message": "You lack the scope", "type": "permission_error"}}'


@pytest.mark.parametrize(
    ("cause", "falls_back"),
    [
        (InvalidStatus(404), True),
        (InvalidStatus(405), True),
        (InvalidStatus(400), True),
        (InvalidStatus(426), True),
        (InvalidStatus(200), True),  # served, but not upgraded
        (InvalidStatus(403), True),  # a bare 403: uvicorn/hypercorn have no WebSocket route
        (InvalidStatus(403, API_ERROR), False),  # the API's own 403 stays an error
        (InvalidStatus(401), False),
        (InvalidStatus(401, API_ERROR), False),
        (InvalidStatus(407), False),
        (InvalidStatus(408), False),
        (InvalidStatus(429), False),
        (InvalidStatus(500), False),
        (InvalidStatus(503), False),
        (InvalidUpgrade("missing Connection: Upgrade"), True),
        (InvalidMessage("did not receive a valid HTTP response"), True),
        (ConnectionRefusedError(111, "Connection refused"), False),  # no server: retried
        (OSError("Name or service not known"), False),
        (None, True),  # Pyodide: failed before opening, no status to read
    ],
)
def test_refusal(cause: BaseException | None, falls_back: bool) -> None:
    reason = refusal(failed(cause))
    assert (reason is not None) is falls_back
    if isinstance(cause, InvalidStatus) and reason is not None:
        assert f"HTTP {cause.response.status_code}" in reason


def test_a_timeout_is_never_a_refusal() -> None:
    assert refusal(APITimeoutError("WebSocket connection timed out.")) is None


def user(text: str) -> dict[str, Any]:
    return {"type": "message", "role": "user", "content": text}


def said(text: str) -> dict[str, Any]:
    return {"type": "message", "role": "assistant", "content": [{"type": "output_text"}], "t": text}


def test_a_stored_parent_is_chained_by_id() -> None:
    chains = Chains()
    chains.remember("r1", Known(None, [user("a"), said("A")], stored=True))
    body = {"model": "m", "input": "b", "previous_response_id": "r1"}
    assert chains.expand(body) is body
    unknown = {"model": "m", "input": "b", "previous_response_id": "r_elsewhere"}
    assert chains.expand(unknown) is unknown  # not ours: the server decides


def test_only_what_the_server_lacks_is_resent() -> None:
    chains = Chains()
    chains.remember("r1", Known(None, [user("a"), said("A")], stored=True))
    chains.remember("r2", Known("r1", [user("b"), said("B")], stored=False))
    chains.remember("r3", Known("r2", [user("c"), said("C")], stored=False))
    out = chains.expand({"model": "m", "input": "d", "previous_response_id": "r3"})
    assert out["previous_response_id"] == "r1"  # the nearest ancestor the server stored
    assert out["input"] == [user("b"), said("B"), user("c"), said("C"), user("d")]
    chains.stateless = True  # then nothing is resolvable: the whole conversation
    out = chains.expand({"model": "m", "input": [user("d")], "previous_response_id": "r3"})
    assert "previous_response_id" not in out
    assert [i.get("t", i.get("content")) for i in out["input"]] == list("aAbBcCd")


def test_a_missing_link_leaves_the_body_to_the_server() -> None:
    chains = Chains()
    chains.remember("r2", Known("r_evicted", [user("b")], stored=False))
    chains.stateless = True
    body = {"model": "m", "input": "c", "previous_response_id": "r2"}
    assert chains.expand(body) is body


def test_warmups_lend_their_parameters_to_the_next_turn_only() -> None:
    chains = Chains()
    warm = {"id": "resp_local_1"}
    chains.warmup(
        warm["id"], {"model": "m", "instructions": "Be brief.", "input": "ctx", "tools": []}
    )
    out = chains.expand({"model": "m", "input": "q", "previous_response_id": warm["id"]})
    assert out == {
        "model": "m",
        "instructions": "Be brief.",
        "tools": [],
        "input": [user("ctx"), user("q")],
    }
    again = chains.expand(
        {"model": "m", "instructions": "Mine.", "input": "q", "previous_response_id": warm["id"]}
    )
    assert again["instructions"] == "Mine."  # what the turn sets wins
    chains.remember("r1", Known(warm["id"], [user("q"), said("Q")], stored=False))
    later = chains.expand({"model": "m", "input": "z", "previous_response_id": "r1"})
    assert "instructions" not in later  # only the turn right after a warmup
    assert later["input"] == [user("ctx"), user("q"), said("Q"), user("z")]
