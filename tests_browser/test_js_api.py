"""The JS API (wasm_bridge/oxide.mjs) in Node, against the fake server.

One Node process (tests_browser/js_api_main.mjs) boots Pyodide once, runs every call and
prints what it saw; the tests below check that and the fake's journal (what reached the
server, and whether the client went away: an abort must close the connection).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.journal import JournalEntry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECRET = "sk-js-api-test-secret-0123456789"  # the key js_api_main.mjs passes

pytestmark = pytest.mark.timeout(300)


class Run:
    def __init__(self, out: dict[str, Any], journal: list[JournalEntry]) -> None:
        self.out = out
        self.journal = journal

    def entries(self, marker: str) -> list[JournalEntry]:
        """The journaled requests whose body mentions `marker` (their input)."""
        return [e for e in self.journal if marker.encode() in e.body]


@pytest.fixture(scope="module")
def run(bundle: Path) -> Iterator[Run]:
    server = FakeOpenAI()
    with server.running_in_thread():
        proc = subprocess.run(
            ["node", str(HERE / "js_api_main.mjs"), server.url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert proc.returncode == 0, f"js_api_main.mjs failed:\n{proc.stdout}\n{proc.stderr}"
        yield Run(json.loads(proc.stdout.strip().splitlines()[-1]), server.journal)


def test_load_reports_each_step(run: Run) -> None:
    done = [p["step"] for p in run.out["progress"] if p["phase"] == "done"]
    assert done == ["pyodide.mjs", "runtime", "wheels", "import"]
    assert all(p["ms"] >= 0 for p in run.out["progress"] if p["phase"] == "done")


def test_create_text(run: Run) -> None:
    assert "Hello from JS" in run.out["text"]
    (entry,) = run.entries("Hello from JS")
    assert entry.json["model"] == "gpt-4.1-mini"
    assert entry.headers["authorization"] == f"Bearer {SECRET}"


def test_stream_yields_typed_events_in_order(run: Run) -> None:
    events = run.out["events"]
    types = [e["type"] for e in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    deltas = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    final = events[-1]["response"]["output"][0]["content"][0]["text"]
    assert deltas == final and "Stream me" in final


def test_errors_are_error_subclasses_with_status_request_id_and_type(run: Run) -> None:
    err = run.out["notFound"]
    (entry,) = [e for e in run.journal if e.status == 404]
    assert err["isError"] and {"NotFoundError", "APIStatusError", "OxideError"} <= set(
        err["classes"]
    )
    assert (err["name"], err["status"], err["type"], err["code"]) == (
        "NotFoundError",
        404,
        "invalid_request_error",
        "model_not_found",
    )
    assert err["requestId"] == entry.request_id and "No such model" in err["message"]
    limited = run.out["rateLimited"]
    assert (limited["name"], limited["status"], limited["code"]) == (
        "RateLimitError",
        429,
        "rate_limit_exceeded",
    )
    for e in (err, limited, run.out["badParams"]):
        assert SECRET not in e["message"] and SECRET not in e["stack"]


def test_bad_parameters_are_an_oxide_error_not_a_python_one(run: Run) -> None:
    err = run.out["badParams"]
    assert err["isError"] and err["name"] == "OxideError" and err["pythonType"] == "TypeError"
    assert "timeout must be a number" in err["message"]


def test_bad_client_options_and_tools_are_oxide_errors(run: Run) -> None:
    bad_client = run.out["badClient"]
    assert (bad_client["name"], bad_client["pythonType"]) == ("OxideError", "ValueError")
    assert "max_retries" in bad_client["message"] and SECRET not in bad_client["message"]
    assert "needs a string `name`" in run.out["badTool"]["message"]


def test_abort_cancels_a_waiting_request_and_closes_its_connection(run: Run) -> None:
    err = run.out["abortCreate"]
    assert err["name"] == "AbortError" and "AbortError" in err["classes"]
    (entry,) = run.entries("abort-create")
    assert entry.disconnected and not entry.completed


def test_abort_mid_stream_closes_the_connection(run: Run) -> None:
    assert run.out["abortStream"]["name"] == "AbortError"
    assert run.out["abortStreamSeen"] == ["response.created", "response.in_progress"]
    (entry,) = run.entries("abort-stream")
    assert entry.disconnected and not entry.completed


def test_an_already_aborted_signal_sends_nothing(run: Run) -> None:
    assert run.out["preAborted"]["name"] == "AbortError"
    assert run.entries('"never"') == []


def test_ws_session_chains_turns_on_one_socket(run: Run) -> None:
    turns = run.out["wsTurns"]
    assert [t["previous"] for t in turns] == [None, turns[0]["id"], turns[1]["id"]]
    assert all(f"turn {i}" in t["text"] for i, t in enumerate(turns))
    assert not any(b"turn 1" in e.body for e in run.journal if e.method == "POST")


def test_hedged_call_is_won_by_the_copy(run: Run) -> None:
    hedged = run.out["hedged"]
    assert hedged["extraRequests"] == 1 and hedged["hedgedWin"]
    assert "hedge me" in hedged["response"]["output_text"]
    first, second = run.entries("hedge me")
    assert first.disconnected and not first.completed  # the slow copy was cancelled
    assert second.completed


def test_agent_starts_tools_before_the_stream_ends(run: Run) -> None:
    events = run.out["agentEvents"]
    kinds = [(e["kind"], e["name"] or e["type"]) for e in events]
    first_end = kinds.index(("event", "response.completed"))
    started = [i for i, k in enumerate(kinds) if k[0] == "tool_started"]
    assert {kinds[i][1] for i in started} == {"get_weather", "get_time"}
    assert max(started) < first_end
    assert events[max(started)]["at"] <= events[first_end]["at"]
    assert "12:00" in run.out["agent"]["output_text"] or "21" in run.out["agent"]["output_text"]
