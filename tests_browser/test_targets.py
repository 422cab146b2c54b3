"""One scenario suite, three targets: native CPython, Pyodide in Node, Pyodide in Chromium.

Session fixtures start one fake server (in a thread), make sure the Pyodide bundle is
current (`build_wheels.sh`, fast when nothing changed), and collect the transcripts of
every scenario (tests_browser/scenarios.py) from each target, one target after the other
(scenarios reset the shared server, so they must not overlap):

- native: in this process;
- Node: ONE `node wasm_bridge/run_node.mjs` process for all scenarios (no JSPI), plus one
  with `--jspi` for the sync-client scenario;
- Chromium: ONE headless Debian chromium page (wasm_bridge/index.html, served by a
  stdlib static server) that runs all scenarios and POSTs its output back.

Then (1) each native transcript must show the documented outcome, and (2) the Node and
Chromium transcripts must EQUAL the native ones, scenario by scenario. Node and chromium
are required: a missing one fails the suite (scripts/test.sh installs them).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing import profiles as fake_profiles

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"
sys.path.insert(0, str(HERE))

import run_scenarios  # noqa: E402
import scenarios  # noqa: E402

sys.path.insert(0, str(ROOT / "wasm_bridge"))
import chromium_page  # noqa: E402

profile_scenarios = scenarios.profile_scenarios  # imported by scenarios, which it imports
fault_matrix = scenarios.fault_matrix
http_scenarios = scenarios.http_scenarios

NAMES = list(scenarios.SCENARIOS)
CHROMIUM = os.environ.get("OXIDE_CHROMIUM", "/usr/bin/chromium")
NODE_TIMEOUT = 300.0
PAGE_TIMEOUT = 300.0
PER_SCENARIO_TIMEOUT = 60.0
TIMINGS: dict[str, float] = {}
# The scenarios that block (the sync client, the sync tool runner): JSPI under Pyodide.
SYNC_SCENARIOS = ("sync_client", "toolkit_sync_runner")

# The session fixtures below run inside the first test that needs them.
pytestmark = pytest.mark.timeout(900)

Transcripts = dict[str, dict[str, Any]]


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fake_url() -> Iterator[str]:
    server = FakeOpenAI()
    with server.running_in_thread():
        yield server.url


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not (FIXTURES / "agent-session" / "request-320-messages.json").is_file():
        pytest.fail(f"the shared fixtures are missing: {FIXTURES}")
    return FIXTURES


@pytest.fixture(scope="session")
def native(fake_url: str, fixtures_dir: Path) -> Transcripts:
    scenarios.set_fixtures(str(fixtures_dir))
    t0 = time.perf_counter()
    out = asyncio.run(run_scenarios.run(fake_url, timeout=PER_SCENARIO_TIMEOUT))
    TIMINGS["native"] = time.perf_counter() - t0
    return out


def _run_node(fake_url: str, *extra: str, jspi: bool = False) -> Transcripts:
    cmd = ["node", str(ROOT / "wasm_bridge" / "run_node.mjs")]
    if jspi:
        cmd.append("--jspi")
    cmd += ["--mount", str(SHARED), str(HERE / "pyodide_main.py"), fake_url]
    cmd += ["--fixtures", str(FIXTURES), "--timeout", str(PER_SCENARIO_TIMEOUT), *extra]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=NODE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"Pyodide in Node did not finish within {NODE_TIMEOUT} s: {exc.stderr!r}")
    if proc.returncode != 0:
        pytest.fail(f"Pyodide in Node exited with {proc.returncode}:\n{proc.stderr[-5000:]}")
    return run_scenarios.extract(proc.stdout)


@pytest.fixture(scope="session")
def node(native: Transcripts, bundle: Path, fake_url: str, fixtures_dir: Path) -> Transcripts:
    """Node without JSPI for everything (the sync client must refuse there), then Node with
    --jspi for the sync scenarios, whose transcripts then replace the refusals."""
    t0 = time.perf_counter()
    plain = _run_node(fake_url)
    TIMINGS["node"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with_jspi = _run_node(fake_url, "--only", ",".join(SYNC_SCENARIOS), jspi=True)
    TIMINGS["node --jspi (sync scenarios)"] = time.perf_counter() - t0
    return {
        **plain,
        **{"no_jspi:" + name: plain[name] for name in SYNC_SCENARIOS},
        "no_jspi:" + run_scenarios.PLATFORM_KEY: plain[run_scenarios.PLATFORM_KEY],
        **with_jspi,
    }


def _chromium_page(fake_url: str, *extra: str) -> dict[str, Any]:
    """Open index.html running pyodide_main.py in headless chromium (wasm_bridge/
    chromium_page.py serves the repo and the fixtures) and return the page's result."""
    try:
        return chromium_page.run_page(
            CHROMIUM,
            ROOT,
            FIXTURES,
            "/tests_browser/pyodide_main.py",
            lambda server: [fake_url, "--fixtures", server.fixtures_url, "--timeout", "60", *extra],
            PAGE_TIMEOUT,
        )
    except chromium_page.PageError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def chromium(node: Transcripts, bundle: Path, fake_url: str) -> Transcripts:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install -y chromium; scripts/test.sh does it)"
        )
    t0 = time.perf_counter()
    page = _chromium_page(fake_url)
    TIMINGS["chromium"] = time.perf_counter() - t0
    output = page.get("output", "")
    if page.get("rc") != 0:
        pytest.fail(f"the Chromium page exited with {page.get('rc')}:\n{output[-5000:]}")
    return run_scenarios.extract(output)


@pytest.fixture(scope="session", autouse=True)
def _report_timings(request: pytest.FixtureRequest) -> Iterator[None]:
    """After the session: the time per target, and how many (scenario, helper) pairs of the
    profile and quirk scenarios rebuilt the expected result on each target."""
    yield
    lines = []
    if TIMINGS:
        shown = ", ".join(f"{k} {v:.1f} s" for k, v in TIMINGS.items())
        lines.append(f"time per target: {shown}")
    for target in dict.fromkeys(t for t, _, _ in HELPER_OUTCOMES):
        counts = []
        for kind in ("profile", "quirk"):
            got = [
                ok
                for (t, name, _), ok in HELPER_OUTCOMES.items()
                if t == target and name.startswith(kind + "_")
            ]
            counts.append(f"{kind}s x helpers {sum(got)}/{len(got)}")
        lines.append(f"{target}: " + ", ".join(counts) + " pass")
    if lines:
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print("".join(f"\n[tests_browser] {line}" for line in lines))


# -- (1) the documented outcome of each scenario, checked on the native transcript --------


def _ok(t: dict[str, Any], requests: int = 1) -> None:
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    assert t["error"] is None, t
    assert t["requests"] == requests, t


def _failed(t: dict[str, Any], error: str, requests: int = 1) -> None:
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    assert t["error"] == error, t
    assert t["requests"] == requests, t


def check_responses_create(t: dict[str, Any]) -> None:
    _ok(t)
    final = t["final"]
    assert final["object"] == "response" and final["status"] == "completed"
    assert final["id"] == "<id1>" and final["created_at"] == "<time>"
    assert t["output_text"].startswith("Hello") and "Say hello in two languages" in t["output_text"]
    assert t["statuses"] == [200]


def check_responses_stream(t: dict[str, Any]) -> None:
    _ok(t)
    types = t["types"]
    assert types[:2] == ["response.created", "response.in_progress"]
    assert types[-1] == "response.completed"
    assert "response.output_text.done" in types and "response.output_item.done" in types
    assert t["sequence_numbers"] == list(range(len(types)))
    assert len(t["events"]) == len(types)
    assert t["deltas"] and "".join(t["deltas"]) == t["final"]["output_text"]
    assert t["completed"] == [True]


def check_chat_stream_tool_calls(t: dict[str, Any]) -> None:
    _ok(t)
    final = t["final"]
    assert len(final["tool_calls"]) == 1
    call = final["tool_calls"][0]
    assert call["name"] == "get_weather"
    assert set(call["arguments"]) == {"city", "unit"} and call["arguments"]["unit"] in ("c", "f")
    assert final["finish_reason"] == "tool_calls"
    assert final["usage_chunk_has_no_choices"] is True
    assert final["usage"]["total_tokens"] > 0
    assert len(t["events"]) > 3  # role chunk, argument deltas, finish chunk, usage chunk


def check_retry_429_retry_after(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    assert t["statuses"] == [429, 200]
    assert t["retry_count_headers"] == ["0", "1"]
    assert t["same_idempotency_key"] is True
    assert t["waited_at_least_retry_after"] is True


def check_retry_500_then_success(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    assert t["statuses"] == [500, 200]
    assert t["final"]["output_text"]


def check_hooks_sequence(t: dict[str, Any]) -> None:
    _failed(t, "BadRequestError", requests=4)
    assert t["organization_sent"] == ["org-hook-0", "org-hook-1", "org-hook-0", "org-hook-0"]
    redacted = "<redacted>"
    hooks = t["hooks"]
    assert [h[0] for h in hooks] == [
        *["request", "response", "retry", "request", "response"],  # 500, retried
        *["request", "response", "stream_end"],  # a stream
        *["request", "response", "error"],  # a 400
    ]
    assert hooks[0] == ["request", "POST", 0, redacted] and hooks[3][2:] == [1, redacted]
    assert hooks[1][:3] == ["response", 500, 0] and hooks[4] == ["response", 200, 1, True]
    assert hooks[2] == ["retry", 1, "status 500", 500]
    assert hooks[7][0] == "stream_end" and hooks[7][1] > 2 and hooks[7][2:] == [True] * 3
    assert hooks[10] == ["error", "BadRequestError"]
    assert t["rate_limits"] == [
        ["requests", 500, 499, pytest.approx(0.12)],
        ["tokens", 30000, 29000, 62.5],
    ]


def check_bulk_in_memory(t: dict[str, Any]) -> None:
    _ok(t, requests=6 + 2 + 24)  # six records, r1 again after a 429 and a 500, 24 once
    assert t["results"] == ["r1", "r2", "r3", "r4", "r5"]
    assert t["errors"] == [["r0", 400]]
    assert t["summary"] == [6, 5, 1, 1, 1]  # total, succeeded, failed, 429s, retries
    assert t["progress"] == [1, 2, 3, 4, 5, 6]
    assert t["file"] == [24, 24, 0, 0] and t["file_ids_once"] is True


def check_bulk_websocket(t: dict[str, Any]) -> None:
    """See tests_browser/bulk_scenarios.py (and tests/lib/test_bulk_websocket.py)."""
    _ok(t, requests=7 + 2 + 12)  # w0 twice (a 429 event, then a 400 event), 2 chats, 12 once
    assert t["results"] == ["c0", "c1", "w1", "w2", "w3", "w4", "w5"]
    assert t["errors"] == [["w0", 400]] and t["rate_limited"] == 1
    assert t["summary"] == [8, 7, 1]
    assert t["turn_line"] == [200, None, "response", "completed"]
    assert t["file"] == [12, 12, 0, 0]  # the second run skipped all and sent nothing
    assert t["turns"] == sorted([f"w{i}" for i in range(1, 6)] + [f"m{i}" for i in range(12)])
    assert t["refused_turns"] == [["w0", 400], ["w0", 429]]
    assert t["http"] == ["POST /v1/chat/completions"] * 2  # no Responses line over HTTP
    assert 2 <= t["sockets"] <= 1 + 4  # one for the first run, at most four for the second


def check_batch_mode_engine(t: dict[str, Any]) -> None:
    """See tests_browser/batch_scenarios.py (and tests/bulk/test_batch_mode.py)."""
    assert t["error"] is None
    final = t["final"]
    assert final["created"] == 5 and final["statuses"] == ["completed"]  # 3+1 chat, 1 embed
    assert (final["succeeded"], final["failed"]) == (9, 1)
    assert final["results"] == sorted([*(f"c{i}" for i in range(7)), "e0", "e1"])
    assert final["errors"] == [["bad", 400]] and "q3" in final["answer"]
    assert final["again"] == 0 and final["state_saved"]  # the second run made nothing
    assert "POST /v1/chat/completions" not in t["sent"] and "POST /v1/embeddings" not in t["sent"]
    assert {"POST /v1/files", "POST /v1/batches", "GET /v1/batches"} <= set(t["sent"])


def check_hooks_ws_sequence(t: dict[str, Any]) -> None:
    _failed(t, "WebSocketSessionError", requests=3)
    assert t["handshake_request_id"] is True  # natively the 101's x-request-id is seen
    assert t["final"] == {"chained": True}
    assert t["hooks"] == [
        ["request", "GET", 0, "ws", False],  # the handshake; the key never in clear
        ["response", 101, 0],
        ["stream_end", True, True, True],
        ["stream_end", True, True, True],
        ["error", "WebSocketSessionError"],
        ["stream_end", False, False, False],  # only the error event
    ]


def check_ws_pool_fanout(t: dict[str, Any]) -> None:
    _ok(t, requests=13)
    assert t["final"] == {
        "statuses": ["completed"] * 13,
        "own_input": True,
        "opened": 3,
        "idle": [3],
    }
    assert t["sockets"] == 3 and t["chained"] == 0


def check_retry_500_exhausted(t: dict[str, Any]) -> None:
    _failed(t, "InternalServerError", requests=2)  # max_retries=1
    assert t["statuses"] == [500, 500]
    assert t["error_status"] == 500 and t["error_request_id_present"] is True


def check_no_retry_x_should_retry_false(t: dict[str, Any]) -> None:
    _failed(t, "RateLimitError", requests=1)  # max_retries=3, yet no retry
    assert t["statuses"] == [429]
    assert t["error_request_id_present"] is True


def check_delay_before_headers_beyond_connect(t: dict[str, Any]) -> None:
    _ok(t)
    assert t["statuses"] == [200] and t["final"]["output_text"]


def check_slow_headers_default_timeouts(t: dict[str, Any]) -> None:
    _ok(t)
    assert t["statuses"] == [200] and "six seconds" in t["final"]["output_text"]


def check_stalled_stream(t: dict[str, Any]) -> None:
    _failed(t, "APITimeoutError")  # a stream that started is never retried
    assert t["error_request_id_present"] is True  # the stalled answer's head had one
    assert t["events"] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert t["disconnected"] == [True] and t["completed"] == [False]


def check_dropped_mid_stream(t: dict[str, Any]) -> None:
    _failed(t, "APIConnectionError")
    assert t["error_request_id_present"] is True  # the cut answer's head had one
    assert len(t["events"]) == 4 and t["events"][0] == "response.created"
    assert t["completed"] == [False]


def check_dropped_before_the_consumer_reads(t: dict[str, Any]) -> None:
    check_dropped_mid_stream(t)


def check_malformed_event(t: dict[str, Any]) -> None:
    _failed(t, "StreamError")
    assert t["events"] == ["response.created", "response.in_progress"]
    assert t["error_request_id_present"] is True


def check_utf8_split_across_chunks(t: dict[str, Any]) -> None:
    _ok(t)
    final = t["final"]
    assert final["matches_completed"] is True
    assert "Grüße, 世界 🌍" in final["text"] and "👋" in final["text"]
    assert "\ufffd" not in final["text"]


def check_cancel_mid_stream(t: dict[str, Any]) -> None:
    _failed(t, "CancelledError")
    assert t["task_cancelled"] is True
    assert t["events"] == ["response.created", "response.in_progress"]
    assert t["disconnected"] == [True] and t["completed"] == [False]


def check_agent_request_roundtrip(t: dict[str, Any]) -> None:
    _ok(t)
    assert t["request_body_intact"] is True
    assert t["request_messages"] == 320 and t["request_tools"] == 42
    assert t["events"] == {"chunks": 114}
    calls = t["final"]["tool_calls"]
    assert len(calls) == 3
    assert all(isinstance(c["arguments"], dict) and c["arguments"] for c in calls)
    assert t["final"]["usage"]["total_tokens"] == 152960


def check_sync_client(t: dict[str, Any]) -> None:
    _ok(t, requests=4)
    assert t["statuses"] == [429, 200, 200, 404]
    final = t["final"]
    assert "sync hello" in final["output_text"] and "sync stream" in final["stream_text"]
    assert final["stream_types"][-1] == "response.completed"
    assert final["not_found"] == ["NotFoundError", 404, True]


def check_responses_stream_helper(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    assert t["sent_stream"] == [True, True] and t["completed"] == [True, True]
    events = t["events"]
    assert events[0] == ["response.created", "ResponseCreatedEvent"]
    assert events[-1] == ["response.completed", "ResponseCompletedEvent"]
    assert ["response.output_text.delta", "ResponseTextDeltaEvent"] in events
    snapshots = t["snapshots"]
    assert len(snapshots) == sum(e[0] == "response.output_text.delta" for e in events) > 1
    assert t["snapshots_grow"] is True and all(t["current_snapshot_in_step"])
    assert snapshots[-1] == t["output_text"] == t["final_output_text"]
    assert "Stream me a greeting" in t["output_text"]
    assert t["final_equals_completed"] is True and t["final_type"] == "ParsedResponse"
    assert t["final"]["status"] == "completed" and t["final"]["id"] == "<id1>"
    assert "Only the text please" in t["text_deltas"] and t["text_deltas_equal_final"] is True


def check_responses_stream_recorded(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    tool_call, web_search = t["final"].values()
    assert all(f["equals_recorded_completed"] is True for f in (tool_call, web_search))
    assert tool_call["output_types"] == ["function_call"] and tool_call["status"] == "completed"
    assert web_search["output_types"][-1] == "message"
    assert web_search["output_types"].count("web_search_call") == 4
    assert (
        web_search["output_text"].startswith("Here")
        and "Berlin Art Week" in (web_search["output_text"])
    )
    assert [len(e["types"]) for e in t["events"]] == [12, web_search["recorded_events"]]
    web_types = {tuple(x) for x in t["events"][1]["types"]}
    assert ("response.output_text.annotation.added", "ResponseOutputTextAnnotationAddedEvent") in (
        web_types
    )


def check_chat_stream_recorded(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    parallel, refusal = t["events"]
    assert [(c["index"], c["name"]) for c in parallel["tool_calls_done"]] == [
        (0, "GetWeatherArgs"),
        (1, "get_stock_price"),
    ]
    assert parallel["tool_calls_done"][1]["parsed_arguments"] == {
        "exchange": "NASDAQ",
        "ticker": "AAPL",
    }
    assert (
        parallel["types"][0] == "chunk"
        and parallel["types"].count("tool_calls.function.arguments.done") == 2
    )
    assert refusal["refusal_done"] == ["I'm very sorry, but I can't assist with that."]
    assert "logprobs.refusal.delta" in refusal["types"]
    assert refusal["logprobs_done"][0][0] == "logprobs.refusal.done"
    assert "".join(refusal["logprobs_done"][0][1]) == refusal["refusal_done"][0]
    for final in t["final"].values():
        assert final["matches_recording"] is True and final["snapshot_matches_final"] is True
        assert final["message_type"] == "ParsedChatCompletionMessage"
        assert final["usage_total_tokens"] > 0
    assert [c["name"] for c in t["final"]["f82268f2fefd"]["completion"]["0"]["tool_calls"]] == [
        "GetWeatherArgs",
        "get_stock_price",
    ]


def check_responses_stream_every_recording(t: dict[str, Any]) -> None:
    _ok(t, requests=len(scenarios.RESPONSES_RECORDINGS))
    finals = t["final"]
    assert len(finals) == 14
    for name, f in finals.items():
        assert f["events"] == f["recorded_events"], name
        if name == "openai-error.1":  # an `error` event: raised once the stream is read
            assert f["error"] == "StreamEventError" and "quota" in f["error_message"]
            continue
        assert f["error"] is None and f["equals_recorded_terminal"] is True, (name, f)
    assert finals["openai-response-failed-only.1"]["status"] == "failed"


def check_chat_stream_every_recording(t: dict[str, Any]) -> None:
    _ok(t, requests=len(scenarios.CHAT_RECORDINGS))
    finals = t["final"]
    assert len(finals) == 12 and all(f["matches_recording"] is True for f in finals.values())
    assert not [n for n, f in finals.items() if f["error"]]  # the one cut by length too
    assert finals["a491adda08c3"]["choices"] == 3
    assert finals["f82268f2fefd"]["event_counts"]["tool_calls.function.arguments.done"] == 2
    assert finals["83b060bae42e"]["event_counts"]["logprobs.content.done"] == 1


def check_chat_stream_length_error(t: dict[str, Any]) -> None:
    _ok(t, requests=2)  # a plain stream cut by length ends normally
    assert t["final"] == t["recorded"]
    assert t["recorded"]["0"]["finish_reason"] == "length"
    assert t["events"][-2:] == ["content.done", "chunk"]
    structured = t["structured"]  # raised at the finish chunk, before its events
    assert structured["error"] == "LengthFinishReasonError"
    assert "content.done" not in structured["events"]


def check_one_timer_per_call(t: dict[str, Any]) -> None:
    _ok(t, requests=3)
    assert t["timers"] == 3 and t["left_armed"] == 0


def check_official_type_paths(t: dict[str, Any]) -> None:
    assert t["error"] is None and t["same_object"] is True
    paths = t["paths"]
    assert list(paths) == list(scenarios.OFFICIAL_PATHS)
    message = paths["openai_oxide.types.conversations.message"]
    assert message["all"] == ["Content", "ContentReasoningText", "Message"]
    assert message["bound_on_parent"] is True
    assert message["names"] == {
        "Content": "typing.Annotated",  # the union of a message's parts, as officially
        "ContentReasoningText": "openai_oxide.types.responses.response_reasoning_item.Content",
        "Message": "openai_oxide.types.shared.message.Message",
    }
    assert all(p["names"] and set(p["names"]) == set(p["all"]) for p in paths.values())


def check_responses_create_stream_fc_early(t: dict[str, Any]) -> None:
    _ok(t)
    *partials, call = t["events"]
    assert partials and all(p["kind"] == "FunctionCallArgumentsPartial" for p in partials)
    assert [p["partial"] for p in partials][-2:] == [{"city": "Be"}, {"city": "Beijing"}]
    assert call["kind"] == "FunctionCall" and call["name"] == "get_weather"
    assert call["arguments"] == {"city": "Beijing"} and call["output_index"] == 0
    assert t["completed_when_yielded"] == [False]  # handed over before the stream ended
    assert t["completed"] == [True]
    assert t["final"] == {"output_types": ["function_call"], "equals_recorded_completed": True}


def check_chat_create_stream_fc_early(t: dict[str, Any]) -> None:
    _ok(t)
    calls = t["events"]
    assert [c["output_index"] for c in calls] == [0, 1, 2]
    assert all(c["name"] == "read" and c["arguments"] for c in calls)
    assert [c["call_id"] for c in calls] == ["<id1>", "<id2>", "<id3>"]
    assert all(c["partial_updates_before"] > 0 for c in calls)
    assert t["completed_when_yielded"] == [False, False]
    assert t["partials_are_prefixes"] is True and t["completed"] == [True]
    tool_calls = t["final"]["0"]["tool_calls"]
    assert [json.loads(tc["arguments"]) for tc in tool_calls] == [c["arguments"] for c in calls]


def check_responses_parse_structured(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    final = t["final"]
    assert final["type"] == "Forecast" and final["parsed_equals_text"] is True
    assert final["response_type"] == "ParsedResponse"
    fmt = t["sent_format"]
    assert fmt["type"] == "json_schema" and fmt["strict"] is True and fmt["name"] == "Forecast"
    _check_strict_forecast_schema(fmt["schema"])
    assert t["refusal"] == {
        "output_parsed": None,
        "parts": [["refusal", "I can't help with that."]],
    }


def _check_strict_forecast_schema(schema: dict[str, Any]) -> None:
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["place", "unit", "days", "summary", "alert"]
    assert set(schema["$defs"]) == {"Place", "Day", "Unit"}
    assert schema["properties"]["place"] == {"$ref": "#/$defs/Place"}
    assert schema["properties"]["alert"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert schema["properties"]["summary"]["anyOf"] == [{"type": "string"}, {"type": "integer"}]
    assert "default" not in schema["properties"]["alert"]
    place = schema["$defs"]["Place"]
    assert place["additionalProperties"] is False and place["required"] == ["city", "country"]
    assert schema["$defs"]["Day"]["properties"]["day"]["enum"] == ["mon", "tue", "wed"]
    assert schema["$defs"]["Unit"]["enum"] == ["c", "f"]


def check_chat_parse_structured(t: dict[str, Any]) -> None:
    _failed(t, "ContentFilterFinishReasonError", requests=4)
    assert t["error_has_completion"] is True
    final = t["final"]
    assert final["type"] == "Forecast" and final["parsed_equals_content"] is True
    assert final["completion_type"] == "ParsedChatCompletion"
    fmt = t["sent_response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    _check_strict_forecast_schema(fmt["json_schema"]["schema"])
    [tool] = t["sent_tools"]
    assert tool["function"]["strict"] is True and tool["function"]["name"] == "LookupWeather"
    assert tool["function"]["parameters"]["additionalProperties"] is False
    [call] = t["tool_calls"]
    assert call["name"] == "LookupWeather" and call["parsed_type"] == "LookupWeather"
    assert set(call["parsed_arguments"]) == {"city", "unit"}
    assert t["refusal"] == {"parsed": None, "refusal": "I can't do that."}


def check_structured_stream_partials(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    steps = t["events"]["responses"]
    partials = [p for p, _ in steps]
    assert partials[0] == {} and any(p and p != partials[-1] for p in partials)
    assert all(set(a) <= set(b) for a, b in itertools.pairwise(partials))  # keys only grow
    assert steps[0][1] is None and steps[-1][1] is not None  # the model once it validates
    final = t["final"]
    assert final["responses_type"] == "Person" and final["responses_last_step_equals_final"]
    assert steps[-1][0] == final["responses_parsed"]
    assert t["events"]["chat"][-1] == final["chat_done"] == final["chat_final_parsed"]
    assert final["chat_done_type"] == "Person"


def check_agent_run_tools(t: dict[str, Any]) -> None:
    _ok(t, requests=3)  # turn 1, turn 2, and the retrieve of turn 1
    calls = t["events"]
    assert [c["name"] for c in calls] == ["get_weather", "get_time"]
    assert t["tool_log"] == sorted(
        [
            f"get_weather({calls[0]['arguments']['city']!r}, 'c')",
            f"get_time({calls[1]['arguments']['zone']!r})",
        ]
    )
    outputs = t["outputs_sent"]
    assert [o["type"] for o in outputs] == ["function_call_output"] * 2
    assert [o["call_id"] for o in outputs] == [c["call_id"] for c in calls]
    assert json.loads(outputs[0]["output"])["temp"] == 21
    assert outputs[1]["output"].startswith("12:00 in ")
    assert t["turn1_calls"] == [["function_call", c["call_id"]] for c in calls]
    assert t["previous_response_id"] != t["final"]["response_id"]
    assert t["final"]["turns"] == 2 and outputs[1]["output"] in t["final"]["output_text"]
    weather, time_tool = t["sent_tools"]
    assert weather["name"] == "get_weather" and weather["description"] == "Weather for a city."
    assert weather["strict"] is True
    assert weather["parameters"]["properties"]["city"]["description"] == "The city name."
    assert time_tool["parameters"]["required"] == ["zone"]


def check_agent_unknown_tool(t: dict[str, Any]) -> None:
    _failed(t, "UnknownToolError")
    assert t["error_tool"] == "launch_rockets"
    assert t["error_known"] == ["get_time", "get_weather"]
    assert t["error_is_lookup_error"] is True and t["tool_log"] == []


def check_ws_chained_turns(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    first, second = t["messages"]
    assert t["sockets"] == 1 and t["chained"] is True and t["history_items"] == 4
    assert first == {
        "type": "response.create",
        "model": "gpt-5",
        "store": False,
        "input": "Hello there",
    }
    assert second["input"] == "And again"  # only the new input...
    assert second["previous_response_id"] == t["final"][0]["id"]  # ...chained to the first


def check_ws_streamed_turn_and_warmup(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    warm, turn = t["messages"]
    assert warm["generate"] is False and t["warmup_output"] == []
    assert "generate" not in turn and turn["previous_response_id"]
    types = [e["type"] for e in t["events"]]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert [e["sequence_number"] for e in t["events"]] == list(range(len(types)))
    assert t["final_equals_completed"] is True and t["sockets"] == 1


def check_ws_cache_miss_resend(t: dict[str, Any]) -> None:
    _ok(t, requests=3)
    _first, chained, resent = t["messages"]
    assert chained["previous_response_id"] and chained["input"] == "What did I say?"
    assert "previous_response_id" not in resent  # the full context instead
    roles = [item.get("role") for item in resent["input"]]
    assert roles == ["user", "assistant", "user"]
    assert t["final"]["previous_response_id"] is None


def check_ws_drop_mid_response(t: dict[str, Any]) -> None:
    _failed(t, "WebSocketDisconnectedError", requests=4)
    assert len(t["events"]) == 4 and t["not_resent_in_message"] is True
    inputs = [m["input"] if isinstance(m["input"], str) else "full" for m in t["messages"]]
    assert inputs == ["one", "two", "three", "full"]  # "two" went out once
    assert t["connections"] == 2 and t["sockets"] == 2
    assert t["final"]["status"] == "completed"


def check_ws_early_function_call(t: dict[str, Any]) -> None:
    _ok(t)
    (call,) = t["events"]
    assert call["name"] == "get_weather" and isinstance(call["arguments"]["city"], str)
    assert call["status_when_handed_over"] == "in_progress"  # before the response completed
    assert t["final"]["status"] == "completed"


def check_ws_http_fallback(t: dict[str, Any]) -> None:
    _failed(t, "APIConnectionError", requests=8)  # the last step: fallback=False raises
    assert t["http_fallback"] is True and t["same_as_websocket"] is True
    assert t["events"][0] == "response.created" and t["events"][-1] == "response.completed"
    (call,) = t["calls"]
    assert call["name"] == "get_weather" and call["status"] == "in_progress"
    assert t["connect_events"] == t["events"]  # responses.connect() over HTTP too
    assert t["fallback_logs"] == 3 and t["stateless_logs"] == 1  # once per session
    assert t["upgrades"] == [404] * 4  # one per session or connection, never retried
    first, second, fc, _connect, *stateless = t["messages"]
    assert "previous_response_id" not in first and second["input"] == "And again"
    assert second["previous_response_id"] != fc["previous_response_id"]  # each to the last one
    assert {first["stream"], second["stream"], fc["stream"]} == {True}
    assert t["statuses"] == [200, 200, 200, 200, 200, 400, 200, 200]
    _one, two_by_id, two_full, three = stateless
    assert two_by_id["previous_response_id"] and two_by_id["input"] == "two"
    assert "previous_response_id" not in two_full and len(two_full["input"]) == 3
    assert "previous_response_id" not in three and len(three["input"]) == 5
    assert t["final"]["previous_response_id"] is None and "three" in str(t["final"]["output"])


def _multipart(received: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """The file part of a journaled multipart body, after checking its framing and fields."""
    assert received["content_type"] == "multipart/form-data; boundary=<boundary>", received
    assert received["closing_delimiter"] is True and received["boundary_length"] == 32
    *values, file_part = received["parts"]
    assert {p["name"]: p["value"] for p in values} == fields
    return dict(file_part)


def check_files_upload_forms(t: dict[str, Any]) -> None:
    _ok(t, requests=10)  # five uploads, five downloads of what the fake stored
    assert t["types"] == ["FileObject"]
    text, binary = t["expected_sha256"]["text"], t["expected_sha256"]["bin"]
    received = t["received"]
    tuple_part = _multipart(received["tuple"], {"purpose": "user_data"})
    assert tuple_part == {
        "name": "file",
        "filename": "named.jsonl",
        "content_type": "application/jsonl",
        "length": t["expected_length"]["text"],
        "sha256": text,
    }
    named = _multipart(received["file_object"], {"purpose": "batch"})
    assert named["filename"] == "train.jsonl" and named["sha256"] == text  # basename only
    assert named["content_type"] == "application/octet-stream"
    for label, purpose in (("bytes", "fine-tune"), ("file_object_unnamed", "assistants")):
        part = _multipart(received[label], {"purpose": purpose})  # exact bytes: see below
        assert part["filename"] == "upload" and part["journaled_with_replacements"] is True
    odd = _multipart(received["bytearray_tuple_2"], {"purpose": "user_data"})
    assert odd["filename"] == "données.bin" and odd["content_type"] == "application/octet-stream"
    assert t["stored_sha256"] == {
        "bytes": binary,
        "tuple": text,
        "file_object": text,
        "file_object_unnamed": binary,
        "bytearray_tuple_2": binary,
    }
    final = t["final"]
    assert sorted(f["id"] for f in final.values()) == [f"<id{i}>" for i in range(1, 6)]
    assert final["tuple"]["filename"] == "named.jsonl" and final["tuple"]["purpose"] == "user_data"
    assert final["bytes"]["bytes"] == t["expected_length"]["bin"]
    assert final["file_object"]["filename"] == "train.jsonl"
    assert all(f["object"] == "file" and f["created_at"] == "<time>" for f in final.values())


def check_binary_downloads(t: dict[str, Any]) -> None:
    _ok(t, requests=10)
    head = {"status": 200, "request": ["GET", True], "retries": 0, "request_id": True}
    assert t["final"]["streamed_head"] == {**head, "elapsed": True}
    assert t["final"]["raw_model"] == {**head, "elapsed": True, "id": "gpt-4o", "json_id": "gpt-4o"}
    f = t["final"]["file"]
    assert f["type"] == "HttpxBinaryResponseContent" and f["read_is_content"] is True
    assert f["sha256"] == f["streamed_read_sha256"] == t["expected_sha256"]
    assert f["streamed_chunk_sizes"] == [1000, 1000, f["length"] - 2000]
    assert t["final"]["retrieve_content_text"] == "grüße\n"
    speech = t["final"]["speech"]
    assert speech["length"] == 40_000 and speech["streamed_equals_bytes"] is True
    assert speech["streamed_content_type"] == "audio/wav" and speech["early_chunk"] == 10
    assert t["accept"] == ["application/binary"] * 3 + ["application/json"] * 2
    assert t["speech_accept"] == ["application/octet-stream"] * 3
    assert t["speech_sent"][0] == {
        "model": "gpt-4o-mini-tts",
        "voice": "alloy",
        "input": "Grüß Gott",
        "response_format": "wav",
    }


def check_cursor_pagination(t: dict[str, Any]) -> None:
    _ok(t, requests=23)
    final = t["final"]
    ids = final["created"]
    assert ids == [f"<id{i}>" for i in range(1, 6)]
    assert final["pages"] == [ids[::-1][:2], ids[::-1][2:4], ids[::-1][4:]]
    assert final["has_next_page"] == [True, True, False]
    assert final["past_the_end"] == "RuntimeError"
    assert final["async_for_desc"] == ids[::-1] and final["async_for_asc"] == ids
    assert final["iter_pages_sizes"] == [2, 2, 1]
    assert final["vector_store_names"] == ["c", "b", "a"]
    assert final["vector_store_single_page"] == [3, False]
    assert final["page_type"] == "AsyncCursorPage"  # files.list takes `after`, as the official
    assert t["list_queries"][:3] == [
        {"limit": "2", "purpose": "batch"},
        {"limit": "2", "purpose": "batch", "after": ids[3]},
        {"limit": "2", "purpose": "batch", "after": ids[1]},
    ]
    assert t["list_queries"][6:8] == [
        {"limit": "3", "order": "asc"},
        {"limit": "3", "order": "asc", "after": ids[2]},
    ]


def check_groups_models_media(t: dict[str, Any]) -> None:
    _ok(t, requests=16)  # 15, and the batch input file uploaded
    assert all(line.endswith(" 200") for line in t["sent"])
    final = t["final"]
    emb = final["embeddings"]
    assert t["embedding_formats"] == ["float", "base64"]  # base64 by default, decoded
    assert [len(d["embedding"]) for d in emb["decoded"]["data"]] == [8, 8]
    assert all(isinstance(x, float) for d in emb["decoded"]["data"] for x in d["embedding"])
    assert emb["decoded_close"] is True
    assert final["images"]["data"] and final["moderation"]["results"]
    assert isinstance(final["transcription"]["text"], str)
    transcription, part_one, part_two, batch_file = t["received_forms"]
    assert _multipart(batch_file, {"purpose": "batch"})["filename"] == "batch.jsonl"
    file_part = _multipart(
        transcription,
        {"model": "gpt-4o-transcribe", "timestamp_granularities[]": "segment"},
    )
    assert [p["value"] for p in transcription["parts"][1:3]] == ["word", "segment"]
    assert file_part["filename"] == "speech.wav" and file_part["content_type"] == "audio/wav"
    assert _multipart(part_one, {})["name"] == _multipart(part_two, {})["name"] == "data"
    upload = final["upload"]
    assert upload["created"]["status"] == "pending" and upload["created"]["filename"] == "big.bin"
    assert [p["upload_id"] for p in upload["parts"]] == [upload["created"]["id"]] * 2
    assert upload["completed"]["status"] == "completed"
    assert upload["completed"]["file"]["bytes"] == upload["created"]["bytes"]
    assert upload["assembled_equals_data"] is True
    assert final["batch"]["created"]["object"] == "batch"
    assert final["batch"]["cancelled"] == "cancelling"  # as the API: cancelled later
    assert final["fine_tuning"]["job"]["object"] == "fine_tuning.job"
    assert final["fine_tuning"]["events"] == ["FineTuningJobEvent"] * 3  # two pages


def check_groups_stores_beta_more(t: dict[str, Any]) -> None:
    _ok(t, requests=16)
    assert all(line.endswith(" 200") for line in t["sent"])
    final = t["final"]
    assert final["vector_store"]["created"]["name"] == "docs"
    assert final["vector_store"]["search_has_next"] is False
    beta = final["beta"]
    assert beta["assistant"]["object"] == "assistant" and beta["assistant"]["name"] == "Helper"
    assert beta["message"]["thread_id"] == beta["thread"]["id"]
    assert t["beta_headers"] == ["assistants=v2"]
    assert final["realtime_client_secret"]["expires_at"] == "<time>"
    assert final["realtime_client_secret"]["value"] == "ek_"
    assert final["video"]["created"]["prompt"] == "a cat on a boat"
    assert final["video"]["content"][0] > 1000
    container = final["container"]
    assert container["created"]["name"] == "sandbox" and container["file"]["bytes"] == 8
    assert final["eval"]["name"] == "capitals"
    assert final["conversation"]["created"]["metadata"] == {"topic": "demo"}
    assert final["input_tokens"]["object"] == "response.input_tokens"
    assert final["compact"]["type"] == "CompactedResponse"
    assert final["stored_chat"] == {"types": ["ChatCompletion"], "count": 2, "has_next": True}
    assert final["webhooks"] == {
        "valid": ["BatchCompletedWebhookEvent", "batch.completed", "batch_1"],
        "invalid": "InvalidWebhookSignatureError",
        "tampered": "InvalidWebhookSignatureError",
    }


def check_generated(name: str, t: dict[str, Any]) -> None:
    """A profile/quirk scenario: the fake was switched as asked and every helper ran (what
    each one rebuilt is checked per target by test_stream_helper_under_quirks)."""
    _ok(t, requests=t["requests"])
    assert t["requests"] > 0
    switch = t["server"]
    if name.startswith("profile_"):
        profile = name.removeprefix("profile_")
        assert switch == {"profile": profile, "quirks": sorted(fake_profiles.PROFILES[profile])}
    else:
        assert switch == {"profile": None, "quirks": [name.removeprefix("quirk_")]}
    assert list(t["final"]) == profile_scenarios.HELPERS_OF[name]


def check_azure_and_bedrock_credentials(t: dict[str, Any]) -> None:
    final = t["final"]
    chat = ["NotFoundError", "NotFoundError", None, None]  # Azure deployment paths: no route
    assert final["outcomes"] == [[True, "completed", c] for c in chat]
    assert final["provider_calls"] == ["azure"] * 3 + ["bedrock"] * 3  # once per request
    sent = t["sent"]
    assert t["requests"] == len(sent) == 12
    key, bearer = {"api-key": "<key>"}, {"authorization": "Bearer <key>"}
    version = {"api-version": "2024-10-21"}
    assert [s[3] for s in sent] == [key] * 3 + [bearer] * 9
    assert [s[2] for s in sent] == [version] * 6 + [{}] * 6
    assert sent[2][1] == "/v1/deployments/gpt-4o/chat/completions"
    assert sent[8][1] == "/v1/chat/completions"


def check_lenient_answers(t: dict[str, Any]) -> None:
    """See tests_browser/lenient_scenarios.py (and tests/client/test_lenient_e2e.py)."""
    _ok(t, requests=4)
    final = t["final"]
    assert final["response"] == ["Response", True]
    assert final["output"] == ["ResponseOutputMessage", "UnknownResponseOutputItem"]
    assert final["output_text"] == "Hi"
    assert final["fields"] == ["now", "done-ish", None, {"vendor": {"a": 1}}]
    assert final["usage"] == [3, None]
    assert t["events"] == [
        "ResponseCreatedEvent",
        "ResponseTextDeltaEvent",
        "UnknownResponseStreamEvent",
        "ResponseCompletedEvent",
    ]
    assert t["delta"] == ["Hi", None, []]
    kind, created_at, data_id, dumped = t["webhook"]
    assert (kind, created_at, data_id) == ("BatchCompletedWebhookEvent", "now", None)
    assert dumped == {
        "id": "evt_1",
        "type": "batch.completed",
        "created_at": "now",
        "data": {"n": 1},
    }
    errors = [[s["error"], s["names_field"], s["request_id_journaled"]] for s in t["strict"]]
    assert errors == [
        ["APIResponseValidationError", True, True],
        ["StreamError", True, True],
        ["APIResponseValidationError", True, False],  # a webhook has no request of ours
    ]


def check_hedged_tail_and_fan_out(t: dict[str, Any]) -> None:
    """See tests_browser/hedge_scenarios.py (and tests/lib/test_hedge.py)."""
    _failed(t, "BadRequestError", requests=2)
    assert t["error_request_id_present"] and t["others"] == ["BadRequestError"]
    assert t["final"] == {"answered": True}
    one_won_one_aborted = [[False, False, True], [True, True, False]]
    assert t["hedged"] == t["client_level"] == one_won_one_aborted
    assert t["stats"] == [1, 1, 1]
    assert t["events"] == ["response.completed"]
    assert t["fan_out"] == ["0", "1", "2", "3", "4"]


def check_background_stream_resumes(t: dict[str, Any]) -> None:
    """See tests_browser/reliability_scenarios.py (and tests/lib/test_resume.py)."""
    _failed(t, "StreamResumeError", requests=5)  # 1 create + 3 reopenings + the undropped read
    assert t["error_request_id_present"]
    assert t["events"][0] == "response.created" and t["events"][-1] == "response.completed"
    assert t["raw"] == {"in_order_once": True, "same_as_undropped": True}
    assert t["final"] == {"output_types": ["function_call"]}
    assert t["helper_final_equals_stored"] and t["early_calls_equal_an_undropped_run"]
    assert [name for name, _ in t["early_calls"]] == ["get_weather"]
    assert t["exhausted"] == [True, 2]  # events once in order up to the last one; requests


def check_logging_records(t: dict[str, Any]) -> None:
    """See tests_browser/reliability_scenarios.py (and tests/client/test_logging.py)."""
    _failed(t, "NotFoundError", requests=6)
    assert t["key_logged"] is False
    ok = "-> 200 (request id <rid>, <t>)"
    retry = "(request id <rid>; retry 1 of 1)"
    assert t["lines"] == [
        ["DEBUG", "Sending GET <base>/models/gpt-4o (attempt 1)"],
        ["INFO", f"HTTP GET <base>/models/gpt-4o {ok}"],
        ["DEBUG", "Sending POST <base>/responses (attempt 1)"],
        ["INFO", f"HTTP POST <base>/responses {ok}"],
        ["DEBUG", "Sending GET <base>/responses/<resp> (attempt 1)"],
        ["INFO", "HTTP GET <base>/responses/<resp> -> 404 (request id <rid>, <t>)"],
        ["DEBUG", "Not retrying GET <base>/responses/<resp> after status 404"],
        ["DEBUG", "Sending GET <base>/models (attempt 1)"],
        ["INFO", "HTTP GET <base>/models -> 503 (request id <rid>, <t>)"],
        ["INFO", "Retrying GET <base>/models in 0.010s after status 503 " + retry],
        ["DEBUG", "Sending GET <base>/models (attempt 2)"],
        ["INFO", f"HTTP GET <base>/models {ok}"],
        ["DEBUG", "Sending GET <base>/models/gpt-4o (attempt 1)"],
        ["INFO", f"HTTP GET <base>/models/gpt-4o {ok}"],
        ["DEBUG", t["lines"][-1][1]],
    ]
    body = t["lines"][-1][1]
    assert body.startswith("Response body: {") and '"id":"gpt-4o"' in body  # asked for


def check_sse_request_headers(t: dict[str, Any]) -> None:
    """See tests_browser/http_scenarios.py (natively also tests/transport/test_tuning.py)."""
    assert t["error"] is None and t["events"] == ["response.completed"] and t["requests"] == 3
    assert t["headers"] == [
        ["/v1/responses", "text/event-stream", "no-cache"],
        ["/v1/chat/completions", "text/event-stream", "no-cache"],
        ["/v1/responses", "application/json", None],
    ]


def check_toolkit_agent(t: dict[str, Any]) -> None:
    """See tests_browser/agent_scenarios.py (and tests/lib/test_tool_runner_approvals.py)."""
    _failed(t, "ToolRunnerError", requests=3)
    assert t["message"] == "Tool run stopped before completion."  # the official's words
    assert t["cause"] == "ComputerUseError" and "explicit approval" in t["cause_message"]
    kinds = [event[0] for event in t["events"]]
    assert kinds == ["tool", "tool", "approve_mcp", "compact", "safety_checks"]
    assert t["events"][3][1] == ["<id1>", "<id2>"] and t["events"][3][2] > 950
    assert t["events"][4] == ["safety_checks", ["malicious_instructions"]]
    assert t["computer"] == []  # the denied call did nothing
    assert t["attempted"] == ["<id1>", "<id2>", "<id3>", "<id4>"]
    assert t["completed"] == ["<id1>", "<id2>", "<id3>"]
    assert t["sent_tools"] == [["get_weather", "get_time", "computer", "mcp"]] * 3
    third = t["sent"][2]
    assert [i.get("type", "message") for i in third] == [
        *["message"] * 3,
        "mcp_approval_request",
        "mcp_approval_response",
    ]
    assert third[4] == {
        "type": "mcp_approval_response",
        "approval_request_id": "<id3>",
        "approve": True,
    }
    assert "<id1>" in third[1]["content"] and "<id2>" in third[1]["content"]


def check_toolkit_sync_runner(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    assert t["final"]["calls"] == ["get_weather", "get_time"]
    assert t["final"]["turns"] == [[1, False, False], [2, True, False]]
    assert "noon" in t["final"]["output_text"]


def check_toolkit_browser_origins(t: dict[str, Any]) -> None:
    """IDNA 2008 hosts (the idna package ships in the Pyodide bundle with the SDK)."""
    _ok(t, requests=0)
    refused = "Browser state report failed."
    assert t["final"] == [
        "http://xn--fa-hia.de",  # IDNA 2003 would show "fass.de"
        *[refused] * 3,  # IDNA 2003 would map these hosts (xn--n3h, example, viii)
        "https://xn--bcher-kva.example:8443",
    ]


def check_lite_create_and_stream(t: dict[str, Any]) -> None:
    """See tests_browser/lite_scenarios.py: plain dicts, the same text streamed or not."""
    _ok(t, requests=4)
    assert t["final"] == {
        "types": ["dict", "dict", "dict"],
        "text_matches_stream": True,
        "status": "completed",
        "chat_text_matches": True,
    }
    assert t["events"] == ["response.created", "response.completed"]


def check_lite_retries_and_errors(t: dict[str, Any]) -> None:
    _failed(t, "BadRequestError", requests=4)
    assert t["error_request_id_present"] and t["error_status"] == 400
    assert t["statuses"] == [500, 200] and t["final"] == {"status": "completed"}
    assert t["drop_error"] == "APIConnectionError" and len(t["events"]) == 3


def check_lite_timeouts(t: dict[str, Any]) -> None:
    _failed(t, "APITimeoutError", requests=2)
    assert t["final"] == {"slow_answer": "completed"} and len(t["events"]) == 3


def check_lite_early_parse(t: dict[str, Any]) -> None:
    _ok(t, requests=2)
    # Each call was handed over while its stream was still open (finished == False).
    assert t["events"] == [
        ["responses", "get_weather", ["city"], False],
        ["chat", "get_weather", ["city"], False],
    ]
    assert t["final"] == {"responses_status": "completed", "chat_finish": "tool_calls"}


def check_lite_ws_session(t: dict[str, Any]) -> None:
    _ok(t, requests=4)  # four turns, one socket, no HTTP fallback
    assert t["final"] == {
        "chained": True,
        "texts": True,
        "connections": 1,
        "http_fallback": False,
    }
    assert t["events"] == ["response.created", "response.completed", [["get_weather", ["city"]]]]


def check_lite_hedging(t: dict[str, Any]) -> None:
    _ok(t, requests=0)
    one_won_one_aborted = [[False, False, True], [True, True, False]]
    assert t["hedged"] == t["client_level"] == one_won_one_aborted
    assert t["final"] == {"answered": True} and t["events"] == ["response.completed"]


def check_fault_matrix(name: str, t: dict[str, Any]) -> None:
    """Each row of a generated fault-matrix scenario gives its documented outcome."""
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    rows = fault_matrix.rows_of(name)
    assert set(t) == {row.name for row in rows}
    wrong = {row.name: t[row.name] for row in rows if t[row.name] != row.expect}
    assert not wrong, wrong


_REALTIME_TEXT_TURN = [
    "conversation.item.added",
    "conversation.item.done",
    "response.created",
    "response.output_item.added",
    "conversation.item.added",
    "response.content_part.added",
]


def _realtime_ok(t: dict[str, Any], requests: int, sockets: int = 1) -> None:
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    assert t["requests"] == requests and t["sockets"] == sockets, t
    assert t["credential"] is True


def check_realtime_text_turn(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=3)
    assert t["error"] is None
    assert t["first"] == ["SessionCreatedEvent", "gpt-realtime"]
    assert t["updated"] == ["SessionUpdatedEvent", "Be brief."]
    final = t["final"]
    assert final["events"][:6] == _REALTIME_TEXT_TURN and final["events"][-1] == "response.done"
    assert "response.output_text.delta" in final["events"]
    assert final["status"] == "completed" and "Hi there" in final["text"]
    assert final["usage_positive"] is True
    assert t["messages"] == ["session.update", "conversation.item.create", "response.create"]


def check_realtime_function_call(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=6)
    early = t["early"]
    (call,) = early["calls"]
    assert call["name"] == "get_weather" and isinstance(call["arguments"]["city"], str)
    # handed over right at its arguments' done event, before the response ended
    assert early["events"][call["at"] - 1] == "response.function_call_arguments.done"
    assert call["at"] < len(early["events"])
    run = t["final"]["run_tools"]
    assert (
        run.count("response.done") == 2 and run[run.index("response.done") + 1] == "function_call"
    )
    assert run[-1] == "message" and "Sunny in" in t["final"]["text"]
    assert t["messages"][-3:] == ["response.create", "conversation.item.create", "response.create"]


def check_realtime_error_event(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=4)
    assert t["errors"] == [
        ["RealtimeErrorEvent", "invalid_request_error", "invalid_value", "evt_1"],
        ["RealtimeErrorEvent", "invalid_request_error", "input_audio_buffer_commit_empty", None],
    ]
    assert t["events"][0] == "input_audio_buffer.committed"
    assert t["events"][-1] == "conversation.item.input_audio_transcription.completed"
    assert t["final"] == "What is the weather in Paris today?"


def check_realtime_drop(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=6, sockets=2)
    assert t["error"] == "WebSocketDisconnectedError"
    assert t["response_id_present"] is True and t["reconnected_in_message"] is True
    assert t["events"] == _REALTIME_TEXT_TURN  # the item's 2 events, 4 of the response, the drop
    assert t["attempts"] == [[1, 1006, 5]]
    assert t["after"] == ["session.created", "session.updated", "Be brief."]  # sent again
    assert t["messages"][3] == "session.update"
    assert t["final"]["status"] == "completed"


def check_realtime_voice_turn(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=1 + 11)  # session.update, then 11 appends of 100 ms
    assert t["detection"] == ["server_vad", 0.5, True]
    assert t["events"][:5] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        "conversation.item.added",
        "conversation.item.done",
    ]
    assert t["speech_ms"] == [200, 900] and t["one_item"] is True
    assert "response.created" in t["events"] and t["events"][-1] == "response.done"
    assert "response.output_audio.delta" in t["events"]
    final = t["final"]
    assert final["status"] == "completed" and final["modalities"] == ["audio"]
    assert final["part"] == ["output_audio", final["transcript"]]
    assert "What is the weather in Paris today?" in final["transcript"]  # what was heard
    assert t["audio"][0] == 480 * len(final["transcript"]) and final["audio_tokens"] > 0
    assert set(t["messages"]) == {"session.update", "input_audio_buffer.append"}


def check_realtime_handlers(t: dict[str, Any]) -> None:
    _realtime_ok(t, requests=4, sockets=2)
    assert t["queue_full"] == "WebSocketQueueFullError"
    assert t["events"] == [
        "first:session.created",
        "start:Be brief.",
        "delta",
        "done:completed",
    ]
    assert t["error"] == "OpenAIError" and t["error_names_event"] is True
    assert t["messages"] == [
        "session.update",  # queued before the connection opened
        "conversation.item.create",
        "response.create",
        "no.such.event",
    ]


def check_realtime_translation(t: dict[str, Any]) -> None:
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    assert t["first"] == "RealtimeTranslationSessionCreatedEvent"
    per_chunk = [
        "RealtimeTranslationInputTranscriptDeltaEvent",
        "RealtimeTranslationOutputTranscriptDeltaEvent",
        "RealtimeTranslationOutputAudioDeltaEvent",
    ]
    assert t["events"] == [
        "RealtimeTranslationSessionUpdatedEvent",
        *per_chunk,
        *per_chunk,
        "RealtimeTranslationSessionClosedEvent",
    ]
    assert t["final"] == "¿Qué tiempo"
    assert t["messages"] == [
        "session.update",
        "session.input_audio_buffer.append",
        "session.input_audio_buffer.append",
        "session.close",
    ]
    assert t["offered_custom"] is True


def check_realtime_refused(t: dict[str, Any]) -> None:
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    assert t["final"] is None
    assert t["error"] == "NotFoundError" and t["error_status"] == 404
    assert t["status_in_message"] is True


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    name: functools.partial(check_generated, name)
    if name in profile_scenarios.SCENARIOS
    else functools.partial(check_fault_matrix, name)
    if name in fault_matrix.SCENARIOS
    else globals()[f"check_{name}"]
    for name in NAMES
}


def test_every_scenario_has_a_check() -> None:
    assert set(CHECKS) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_native_outcome(name: str, native: Transcripts) -> None:
    CHECKS[name](native[name])


# -- (2) the Pyodide targets give the SAME transcripts ------------------------------------


def _diff(want: Any, got: Any, path: str = "") -> list[str]:
    """Where two transcripts differ (paths), for a readable failure message."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for k in sorted(set(want) | set(got), key=str):
            if k not in got:
                out.append(f"{path}/{k}: missing")
            elif k not in want:
                out.append(f"{path}/{k}: unexpected {json.dumps(got[k])[:300]}")
            else:
                out += _diff(want[k], got[k], f"{path}/{k}")
        return out
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [
            d
            for i, (w, g) in enumerate(zip(want, got, strict=True))
            for d in _diff(w, g, f"{path}[{i}]")
        ]
    if want != got:
        return [f"{path}: native {json.dumps(want)[:300]} != {json.dumps(got)[:300]}"]
    return []


def _assert_same(name: str, target: str, native: Transcripts, other: Transcripts) -> None:
    assert name in other, f"{target} did not run {name}"
    got = other[name]
    assert "unexpected" not in got, f"{target}: {got.get('traceback') or got['unexpected']}"
    # The fault matrix's rows that a target cannot do give their documented outcome there.
    # So do the scenarios that read request headers: a page sends fewer (http_scenarios).
    where = target.rpartition("/")[2].lower()
    want = fault_matrix.expected_on(where, name, native[name])
    if where == "chromium":
        want = http_scenarios.expected_in_page(name, want)
    diff = _diff(want, got)
    assert not diff, f"{target} differs from native in {name}:\n" + "\n".join(diff)


# Known SDK bugs, (target, scenario) -> reason. Strict: the test fails once it is fixed,
# so that this entry gets removed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _params(target: str) -> list[Any]:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason=KNOWN_BUGS[(target, name)], strict=True),
        )
        if (target, name) in KNOWN_BUGS
        else name
        for name in NAMES
    ]


@pytest.mark.parametrize("name", _params("node"))
def test_node_equals_native(name: str, native: Transcripts, node: Transcripts) -> None:
    _assert_same(name, "Pyodide/Node", native, node)


@pytest.mark.parametrize("name", _params("chromium"))
def test_chromium_equals_native(name: str, native: Transcripts, chromium: Transcripts) -> None:
    _assert_same(name, "Pyodide/Chromium", native, chromium)


def test_structured_stream_cut_by_length_raises_length_error(native: Transcripts) -> None:
    structured = native["chat_stream_length_error"]["structured"]
    assert structured["error"] == "LengthFinishReasonError", structured


def test_node_without_jspi_refuses_the_sync_client(node: Transcripts) -> None:
    t = node["no_jspi:sync_client"]
    assert t["error"] == "SyncUnavailableError", t
    assert t["error_says_use_async"] is True
    assert t["requests"] == 0 and t["final"] is None


def test_node_without_jspi_refuses_the_sync_tool_runner(node: Transcripts) -> None:
    t = node["no_jspi:toolkit_sync_runner"]
    assert t["error"] == "SyncUnavailableError", t
    assert t["requests"] == 0 and t["final"] is None


@pytest.mark.parametrize(
    ("target", "key", "jspi"),
    [
        ("node", "no_jspi:" + run_scenarios.PLATFORM_KEY, False),
        ("node", run_scenarios.PLATFORM_KEY, True),  # the --jspi run
        ("chromium", run_scenarios.PLATFORM_KEY, True),
    ],
)
def test_pyodide_platform(
    target: str, key: str, jspi: bool, request: pytest.FixtureRequest
) -> None:
    """Under Pyodide: the fetch transport, the pydantic-core codec, no native-only module
    loaded, and JSPI exactly where the runtime offers it."""
    facts = request.getfixturevalue(target)[key]
    assert facts == {
        "platform": "emscripten",
        "codec": "pydantic-core",
        "httpx_loaded": False,
        "orjson_loaded": False,
        "transport": "JsFetchTransport",
        "jspi": jspi,
        "official_paths": "table",
    }


# -- (3) every stream helper under every profile and quirk, on every target ---------------


def test_profile_scenarios_name_every_profile_and_quirk() -> None:
    assert tuple(fake_profiles.PROFILES) == profile_scenarios.PROFILES
    assert profile_scenarios.RESPONSES_QUIRKS == fake_profiles.RESPONSES_QUIRKS
    assert profile_scenarios.CHAT_QUIRKS == fake_profiles.CHAT_QUIRKS
    assert profile_scenarios.FRAMING_QUIRKS == fake_profiles.FRAMING_QUIRKS


HELPER_OUTCOMES: dict[tuple[str, str, str], bool] = {}  # summed up after the session

# (scenario, helper) -> the fix it waits for. Strict: the test fails once the helper copes,
# so that the entry gets removed. Empty today: every helper copes with every quirk.
KNOWN_HELPER_FAILURES: dict[tuple[str, str], str] = {}


def _helper_params() -> list[Any]:
    return [
        pytest.param(
            target,
            name,
            helper,
            id=f"{target}-{name}-{helper}",
            marks=[pytest.mark.xfail(reason=KNOWN_HELPER_FAILURES[(name, helper)], strict=True)]
            if (name, helper) in KNOWN_HELPER_FAILURES
            else [],
        )
        for target in ("native", "node", "chromium")
        for name, helpers in profile_scenarios.HELPERS_OF.items()
        for helper in helpers
    ]


@pytest.mark.parametrize(("target", "name", "helper"), _helper_params())
def test_stream_helper_under_quirks(
    target: str, name: str, helper: str, request: pytest.FixtureRequest
) -> None:
    """The helper rebuilt what the fake meant (text, calls and their arguments,
    finish_reason, usage where the server sent it), whatever the quirks."""
    t = request.getfixturevalue(target)[name]
    assert "unexpected" not in t, t.get("traceback") or t["unexpected"]
    expected = profile_scenarios.EXPECT[helper](set(t["server"]["quirks"]))
    HELPER_OUTCOMES[(target, name, helper)] = t["final"][helper] == expected
    assert t["final"][helper] == expected
