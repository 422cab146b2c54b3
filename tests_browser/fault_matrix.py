"""The fault matrix (issue 14 item 1): every way a server or the network breaks an answer,
with the outcome the SDK must give, run on every target (native, Pyodide in Node, Chromium).

`ROWS` is the one table. Each row names the scenario that shows it: one of the three
generated here (`fault_matrix_*`, whose transcripts hold one entry per row, checked
against `Row.expect`), or an older
scenario that already covered the fault (checked by its own `check_*` in test_targets).
`Row.tests` lists the native tests of the same fault. docs/fault_matrix.md is `render()`
of this table (tests_browser/test_fault_matrix.py keeps the two equal). The Pyodide
transcripts must equal the native ones, so a row records only what every target can see;
where a target cannot do a row, `Row.targets` says what it gets instead (and
`Row.chromium` is its transcript there).

Retry-After rows run at once (one model id each, the fault matched to its path), so the
2-second ones cost 2 seconds in all. The delay the SDK chose is read from its INFO log
line ("Retrying ... in 1.000s"), never timed.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fake_control import _http, _root, journal, journal_settled, queue_faults, record_error, reset
from scenarios import MODEL, WEATHER_TOOL_RESPONSES, client

from openai_oxide import AsyncOpenAI, Timeout


@dataclass(frozen=True)
class Row:
    name: str
    fault: str  # what the server or the network does
    outcome: str  # what the SDK must do, in words
    scenario: str  # the scenario that shows it on every target
    expect: dict[str, Any] | None = None  # the row's transcript, for the generated scenarios
    tests: tuple[str, ...] = ()  # native tests of the same fault (path::name)
    targets: str = ""  # where a target cannot do the row, what it gets instead
    chromium: dict[str, Any] | None = None  # the row's transcript in Chromium, if not `expect`


# -- 408, 409, 429, 5xx x every Retry-After form --------------------------------------------

STATUS_ERRORS = {
    408: "APIStatusError",
    409: "ConflictError",
    429: "RateLimitError",
    500: "InternalServerError",
    502: "InternalServerError",
    503: "InternalServerError",
    504: "InternalServerError",
}
DATE_AHEAD = 4  # seconds: whole ones, counted from when the faults are queued
# form -> (the headers, how it reads, the delay the SDK must choose: "server", "backoff"
# (0.375 to 0.5 s, the first retry's), or None: not retried)
RETRY_AFTER_FORMS: dict[str, tuple[dict[str, str], str, str | None]] = {
    "seconds": ({"retry-after": "1"}, "`Retry-After: 1`", "server"),
    "date": ({}, f"`Retry-After:` an HTTP date {DATE_AHEAD} s ahead", "server"),
    "ms": ({"retry-after-ms": "250"}, "`retry-after-ms: 250`", "server"),
    "absent": ({}, "no Retry-After", "backoff"),
    "invalid": ({"retry-after": "soon"}, "`Retry-After: soon`", "backoff"),
    "too_large": ({"retry-after": "600"}, "`Retry-After: 600` (over 120 s)", None),
}
SERVER_DELAYS = {"seconds": (1.0, 1.0), "date": (0.6, DATE_AHEAD), "ms": (0.25, 0.25)}


def _status_row(status: int, form: str) -> Row:
    _, said, delay = RETRY_AFTER_FORMS[form]
    if delay is None:
        outcome = f"not retried: {STATUS_ERRORS[status]} with the request id"
        expect = {"statuses": [status], "error": STATUS_ERRORS[status], "request_id": True}
    else:
        waits = "the server's delay" if delay == "server" else "the default backoff"
        outcome = f"retried once after {waits}, then the answer"
        expect = {"statuses": [status, 200], "error": None, "request_id": False}
    if status != 408:
        return Row(
            f"status_{status}_{form}",
            f"{status} with {said}, then 200",
            outcome,
            "fault_matrix_status",
            {**expect, "delay": delay},
        )
    return Row(
        f"status_{status}_{form}",
        f"{status} with {said}, then 200",
        outcome,
        "fault_matrix_status_408",
        {**expect, "delay": delay},
        targets="Chromium resends a request answered 408 on a reused connection by itself"
        " (it takes the 408 for a server closing an idle connection): the SDK sees only the"
        " 200, whatever the Retry-After. The rows run on reused connections, so that they"
        " show it every time",
        chromium={"statuses": [408, 200], "error": None, "request_id": False, "delay": None},
    )


_RETRY_TESTS = (
    "tests/client/test_retries.py::test_retryable_status_then_success",
    "tests/client/test_retries.py::test_server_directed_delay",
    "tests/client/test_retries.py::test_retry_after_http_date",
    "tests/client/test_retries.py::test_retry_after_beyond_two_minutes_is_not_retried",
    "tests/core/test_retry.py::test_parse_retry_after",
)
STATUS_ROWS = [_status_row(status, form) for status in STATUS_ERRORS for form in RETRY_AFTER_FORMS]

_WS_NO_REQUEST_ID = (
    "no request id: WebSocket messages carry none (and a browser hides the handshake's headers)"
)
_PAGE_NO_KEY = (
    "Chromium retries it without an idempotency key: a page sends only the headers a request"
    " needs (docs/security.md, CORS)"
)
_EVENTS = 20  # the fake's answer to MODEL/"hi": 20 Responses events
_COMPLETE = {"events": _EVENTS, "in_order_once": True}

ROWS: list[Row] = [
    *STATUS_ROWS,
    Row(
        "status_retries_exhausted",
        "500 on every try",
        "InternalServerError with the request id after max_retries + 1 requests",
        "retry_500_exhausted",
        tests=(
            "tests/client/test_retries.py::test_gives_up_after_max_retries_with_exponential_backoff",
        ),
    ),
    Row(
        "status_x_should_retry_false",
        "429 with `x-should-retry: false`",
        "not retried: RateLimitError with the request id",
        "no_retry_x_should_retry_false",
        tests=("tests/client/test_retries.py::test_x_should_retry_false_wins_over_status",),
    ),
    # -- the connection ---------------------------------------------------------------------
    Row(
        "reset_before_headers",
        "a streamed POST whose connection is shut before any header",
        "retried (the stream had not started) with the same idempotency key: every event once",
        "fault_matrix_connection",
        {"error": None, **_COMPLETE, "statuses": [None, 200], "same_idempotency_key": True},
        targets=_PAGE_NO_KEY,
        chromium={
            "error": None,
            **_COMPLETE,
            "statuses": [None, 200],
            "same_idempotency_key": False,
        },
    ),
    Row(
        "reset_mid_body",
        "a JSON answer cut after half its Content-Length",
        "retried with the same idempotency key, then the answer",
        "fault_matrix_connection",
        {"error": None, "output_text": True, "requests": 2, "same_idempotency_key": True},
        tests=("tests/client/test_retries.py::test_a_drop_mid_body_of_a_plain_answer_is_retried",),
        targets=_PAGE_NO_KEY,
        chromium={"error": None, "output_text": True, "requests": 2, "same_idempotency_key": False},
    ),
    Row(
        "reset_mid_stream",
        "a stream cut after 4 events (0.1 s apart)",
        "the 4 events, then APIConnectionError with the request id; a started stream is not"
        " retried",
        "dropped_mid_stream",
        tests=(
            "tests/client/test_streams_e2e.py::test_drop_mid_stream_raises_connection_error_after_events",
        ),
    ),
    Row(
        "reset_before_the_consumer_reads",
        "the same cut, all of it received while the app is busy elsewhere",
        "the 4 events (read ahead from the network), then APIConnectionError with the request id",
        "dropped_before_the_consumer_reads",
    ),
    Row(
        "reset_with_the_last_bytes",
        "a background stream cut twice (after 3 events, then after 6 more), each time right"
        " after the last write, so that the bytes and the cut arrive together",
        "resumed from the last sequence_number: every event once, as an undropped read",
        "fault_matrix_stream",
        {"error": None, "in_order_once": True, "same_as_undropped": True, "requests": 5},
        tests=("tests/client/test_resume.py::test_create_stream_resumes_after_three_drops",),
        targets="Chromium's fetch throws away the bytes received with a failed connection"
        " before the page can read them; the resume fetches them again, so the outcome is the"
        " same",
    ),
    Row(
        "dns_failure",
        "a host name that does not resolve",
        "retried, then APIConnectionError (no answer, so no request id)",
        "fault_matrix_connection",
        {"error": "APIConnectionError", "retries": 1},
        targets="a browser reports every network failure as `TypeError: Failed to fetch`, so"
        " it cannot tell DNS from a refused connection: the same APIConnectionError",
    ),
    Row(
        "connection_refused",
        "a port where nothing listens",
        "retried, then APIConnectionError (no answer, so no request id)",
        "fault_matrix_connection",
        {"error": "APIConnectionError", "retries": 1},
        tests=("tests/client/test_retries.py::test_connection_errors_are_retried_then_raised",),
    ),
    # -- time --------------------------------------------------------------------------------
    Row(
        "slow_headers",
        "headers after 1.5 s, connect timeout 0.5 s",
        "the answer: the wait for headers is bounded by read, not connect",
        "delay_before_headers_beyond_connect",
        tests=(
            "tests/client/test_timeouts.py::test_late_headers_are_governed_by_read_not_connect",
        ),
    ),
    Row(
        "slow_headers_default_timeouts",
        "a non-streamed answer whose headers come after 6 s, default timeouts",
        "the answer",
        "slow_headers_default_timeouts",
    ),
    Row(
        "stalled_stream",
        "a stream that stops sending after 3 events",
        "the 3 events, then APITimeoutError with the request id within read; the client hangs up",
        "stalled_stream",
        tests=("tests/client/test_timeouts.py::test_stalled_stream_raises_within_read_timeout",),
    ),
    Row(
        "slow_trickle",
        "20 events 0.15 s apart (3 s in all) with a 0.6 s read timeout",
        "every event, no timeout: read bounds each wait, not the stream",
        "fault_matrix_stream",
        {"error": None, **_COMPLETE, "longer_than_read": True},
        tests=(
            "tests/client/test_timeouts.py::test_slow_but_steady_stream_is_not_cut_by_read_timeout",
        ),
    ),
    Row(
        "never_closes_chat",
        "a Chat stream whose connection stays open after `data: [DONE]`",
        "every chunk, then the end at `[DONE]`; the client hangs up",
        "fault_matrix_stream",
        {"error": None, "ended": True, "disconnected": True},
    ),
    Row(
        "never_closes_responses",
        "a Responses stream whose connection stays open after `response.completed`",
        "every event, then APITimeoutError (with the request id) after the read timeout (a"
        " Responses stream ends"
        " with its body, as in the official SDK); the client hangs up",
        "fault_matrix_stream",
        {"error": "APITimeoutError", **_COMPLETE, "disconnected": True},
    ),
    # -- bytes -------------------------------------------------------------------------------
    Row(
        "malformed_event",
        "event #2 holds broken JSON",
        "the 2 events before it, then StreamError with the request id",
        "malformed_event",
        tests=(
            "tests/client/test_streams_e2e.py::test_malformed_event_raises_stream_error_with_request_id",
        ),
    ),
    Row(
        "oversized_event",
        "event #2 carries 17 MiB of data lines",
        "the 2 events before it, then StreamError (over the 16 MiB event limit) with the"
        " request id",
        "fault_matrix_stream",
        {"error": "StreamError", "events": 2, "request_id": True},
    ),
    Row(
        "split_events",
        "every event and every multi-byte character cut across network chunks",
        "the same events and text as one whole read",
        "utf8_split_across_chunks",
        tests=("tests/client/test_streams_e2e.py::test_utf8_split_across_chunks_is_reassembled",),
    ),
    Row(
        "invalid_utf8",
        "event #2 holds bytes that are not UTF-8",
        "the 2 events before it, then StreamError with the request id",
        "fault_matrix_stream",
        {"error": "StreamError", "events": 2, "request_id": True},
        tests=("tests/client/test_streams_e2e.py::test_invalid_utf8_raises_stream_error",),
    ),
    Row(
        "truncated_json",
        "a JSON answer cut in half, with a matching Content-Length",
        "APIResponseValidationError with the request id; not retried",
        "fault_matrix_stream",
        {"error": "APIResponseValidationError", "request_id": True, "requests": 1},
    ),
    Row(
        "proxy_html_200",
        "a proxy answers an HTML page with status 200",
        "APIResponseValidationError with the request id; not retried",
        "fault_matrix_stream",
        {"error": "APIResponseValidationError", "request_id": True, "requests": 1},
    ),
    Row(
        "proxy_html_502",
        "a proxy answers an HTML page with status 502, twice",
        "retried, then InternalServerError with the request id and the page in its message",
        "fault_matrix_stream",
        {"error": "InternalServerError", "request_id": True, "requests": 2, "page_shown": True},
    ),
    Row(
        "error_event",
        "a recorded stream that ends with an `error` event",
        "every event, the `error` one included, then StreamEventError",
        "responses_stream_every_recording",
        tests=(
            "tests/client/test_streams_e2e.py::test_error_event_is_yielded_and_raised_at_the_end",
        ),
    ),
    # -- WebSocket mode ----------------------------------------------------------------------
    Row(
        "ws_close_mid_response",
        "the WebSocket connection is cut (no close frame) after 4 events of a turn",
        "the 4 events, then WebSocketDisconnectedError saying the turn was not resent; the"
        " next turn reconnects",
        "ws_drop_mid_response",
        tests=("tests/ws/test_session.py::test_drop_mid_response_raises_and_is_not_resent",),
    ),
    Row(
        "ws_close_frame_mid_response",
        "the server closes the WebSocket (close frame 1011) after 4 events of a turn",
        "the 4 events, then WebSocketDisconnectedError saying the turn was not resent; the"
        " next turn reconnects",
        "fault_matrix_stream",
        {
            "error": "WebSocketDisconnectedError",
            "events": 4,
            "not_resent": True,
            "next": [
                "completed",
                2,
            ],
        },
        targets=_WS_NO_REQUEST_ID,
    ),
    Row(
        "ws_error_event",
        "an `error` event (status 500) instead of a turn's response",
        "the `error` event, then WebSocketSessionError; the next turn on the same socket works",
        "fault_matrix_stream",
        {
            "error": "WebSocketSessionError",
            "error_status": 500,
            "events": ["error"],
            "next_turn": "completed",
        },
        tests=("tests/ws/test_session.py::test_error_event_is_yielded_then_raised",),
        targets=_WS_NO_REQUEST_ID,
    ),
]

BY_NAME = {row.name: row for row in ROWS}


# -- the scenarios ---------------------------------------------------------------------------


class _Retries(logging.Handler):
    """The SDK's "Retrying <method> <url> in <delay>s ..." INFO lines."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self._level = logging.NOTSET

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Retrying "):
            self.lines.append(message)

    def __enter__(self) -> _Retries:
        logger = logging.getLogger("openai_oxide")
        self._level = logger.level
        logger.addHandler(self)
        logger.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc: object) -> None:
        logger = logging.getLogger("openai_oxide")
        logger.removeHandler(self)
        logger.setLevel(self._level)

    def delays(self, marker: str) -> list[float]:
        return [
            float(m.group(1))
            for line in self.lines
            if marker in line and (m := re.search(r" in (\d+\.\d+)s ", line))
        ]


def _delay_kind(form: str, delays: list[float]) -> str | None:
    if not delays:
        return None
    (delay,) = delays
    low, high = SERVER_DELAYS.get(form, (-1.0, -1.0))
    if low <= delay <= high:
        return "server"
    if 0.375 <= delay <= 0.5:
        return "backoff"
    return f"unexpected delay {delay}"


def _status_fault(row: Row) -> dict[str, Any]:
    _, status, form = row.name.split("_", 2)
    headers = dict(RETRY_AFTER_FORMS[form][0])
    if form == "date":
        headers["retry-after"] = email.utils.formatdate(time.time() + DATE_AHEAD, usegmt=True)
    return {"status": int(status), "headers": headers, "match": f"fm-{row.name}"}


async def _status_rows(base_url: str, rows: list[Row], *, at_once: bool) -> dict[str, Any]:
    """The status x Retry-After rows, max_retries=1, one model (path) per row: all at once,
    or one after the other, each on a connection that an answer just left idle."""
    await reset(base_url)
    if at_once:
        await queue_faults(base_url, [_status_fault(row) for row in rows])
    out: dict[str, Any] = {}

    async def one(c: AsyncOpenAI, row: Row) -> None:
        result: dict[str, Any] = {"error": None, "error_request_id_present": False}
        try:
            await c.models.retrieve(f"ft:fm-{row.name}")  # the fake knows every ft: model
        except Exception as exc:
            record_error(result, exc)
        out[row.name] = result

    with _Retries() as retries:
        async with client(base_url, max_retries=1) as c:
            if at_once:
                await asyncio.gather(*(one(c, row) for row in rows))
            for row in rows if not at_once else ():
                await queue_faults(base_url, [_status_fault(row)])
                await c.models.retrieve(MODEL)
                await one(c, row)
    entries = await journal(base_url)
    for row in rows:
        result = out[row.name]
        out[row.name] = {
            "statuses": [e["status"] for e in entries if e["path"].endswith(f"fm-{row.name}")],
            "error": result["error"],
            "request_id": result["error_request_id_present"],
            "delay": _delay_kind(row.name.split("_", 2)[2], retries.delays(f"fm-{row.name} ")),
        }
    return out


async def fault_matrix_status(base_url: str) -> dict[str, Any]:
    return await _status_rows(base_url, rows_of("fault_matrix_status"), at_once=True)


async def fault_matrix_status_408(base_url: str) -> dict[str, Any]:
    """One at a time, each on a reused connection: where Chromium resends a 408 itself."""
    return await _status_rows(base_url, rows_of("fault_matrix_status_408"), at_once=False)


async def _stream_facts(stream: Any) -> tuple[dict[str, Any], list[Any]]:
    """Read a Responses stream: (facts, the events), recording the error that ends it."""
    events: list[Any] = []
    facts: dict[str, Any] = {"error": None}
    try:
        async for event in stream:
            events.append(event)
    except Exception as exc:
        record_error(facts, exc)
        facts["request_id"] = facts.pop("error_request_id_present")
    facts.pop("error_request_id_present", None)
    facts["events"] = len(events)
    facts["in_order_once"] = [e.sequence_number for e in events] == list(range(len(events)))
    return facts, events


def _same_key(entries: list[dict[str, Any]]) -> bool:
    keys = {e["headers"].get("idempotency-key") for e in entries}
    return len(entries) > 1 and len(keys) == 1 and None not in keys


async def fault_matrix_connection(base_url: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    await reset(base_url)
    await queue_faults(base_url, [{"match": "/responses", "reset_before_headers": True}])
    async with client(base_url, max_retries=1) as c:
        stream = await c.responses.create(model=MODEL, input="hi", stream=True)
        facts, _ = await _stream_facts(stream)
    entries = await journal(base_url)
    facts["statuses"] = [e["status"] for e in entries]
    out["reset_before_headers"] = {**facts, "same_idempotency_key": _same_key(entries)}

    await reset(base_url)
    await queue_faults(base_url, [{"match": "/responses", "drop_after_events": 1}])
    async with client(base_url, max_retries=1) as c:
        response = await c.responses.create(model=MODEL, input="cut me")
    entries = await journal(base_url)
    out["reset_mid_body"] = {
        "error": None,
        "output_text": "cut me" in response.output_text,
        "requests": len(entries),
        "same_idempotency_key": _same_key(entries),
    }

    refusing = await _http("GET", _root(base_url) + "/__fake__/refusing_port")
    host = base_url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
    for name, url in (
        ("dns_failure", "http://oxide-fault-matrix.invalid/v1"),
        ("connection_refused", f"http://{host}:{refusing['port']}/v1"),
    ):
        result: dict[str, Any] = {"error": None}
        with _Retries() as retries:
            async with client(url, max_retries=1, timeout=Timeout(10.0)) as c:
                try:
                    await c.models.list()
                except Exception as exc:
                    record_error(result, exc)
        out[name] = {"error": result["error"], "retries": len(retries.lines)}
    return out


async def _background_resume(base_url: str) -> dict[str, Any]:
    """Cut a background response's stream twice with the bytes and the end together."""
    await reset(base_url)
    async with client(base_url) as c:
        created = await c.responses.create(
            model=MODEL, input="Weather in Paris?", tools=[WEATHER_TOOL_RESPONSES], background=True
        )
        fault = {"match": f"/responses/{created.id}", "drop_at_once": True}
        await queue_faults(
            base_url, [{**fault, "drop_after_events": 3}, {**fault, "drop_after_events": 6}]
        )
        facts, events = await _stream_facts(await c.responses.retrieve(created.id, stream=True))
        whole = [e async for e in await c.responses.retrieve(created.id, stream=True)]
    del facts["events"]  # in same_as_undropped
    facts["same_as_undropped"] = [e.to_dict() for e in events] == [e.to_dict() for e in whole]
    facts["requests"] = len(await journal(base_url))
    return facts


async def _slow_trickle(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    read = 0.6
    async with client(base_url, timeout=Timeout(10.0, read=read)) as c:
        t0 = time.monotonic()
        stream = await c.responses.create(
            model=MODEL,
            input="hi",
            stream=True,
            extra_headers={"x-fake-fault": '{"delay_between_events": 0.15}'},
        )
        facts, _ = await _stream_facts(stream)
        facts["longer_than_read"] = time.monotonic() - t0 > 3 * read
    return facts


async def _never_closes(base_url: str, chat: bool) -> dict[str, Any]:
    await reset(base_url)
    stall = {"extra_headers": {"x-fake-fault": '{"stall_after_events": 1000}'}}
    async with client(base_url, timeout=Timeout(10.0, read=1.0)) as c:
        if chat:
            facts: dict[str, Any] = {"error": None}
            chunks = await c.chat.completions.create(
                model=MODEL, messages=[{"role": "user", "content": "hi"}], stream=True, **stall
            )
            try:
                last = [chunk async for chunk in chunks][-1]
                facts["ended"] = last.choices[0].finish_reason == "stop"
            except Exception as exc:
                record_error(facts, exc)
                facts.pop("error_request_id_present")
        else:
            stream = await c.responses.create(model=MODEL, input="hi", stream=True, **stall)
            facts, _ = await _stream_facts(stream)
            facts.pop("request_id", None)
    entries = await journal_settled(base_url, lambda es: bool(es) and es[-1]["disconnected"])
    facts["disconnected"] = entries[-1]["disconnected"]
    return facts


async def _broken_stream(base_url: str, fault: str) -> dict[str, Any]:
    await reset(base_url)
    async with client(base_url) as c:
        stream = await c.responses.create(
            model=MODEL, input="hi", stream=True, extra_headers={"x-fake-fault": fault}
        )
        facts, _ = await _stream_facts(stream)
    return {k: facts[k] for k in ("error", "events", "request_id")}


async def _broken_answer(base_url: str, fault: dict[str, Any], models: bool) -> dict[str, Any]:
    await reset(base_url)
    await queue_faults(base_url, [fault])
    result: dict[str, Any] = {"error": None}
    async with client(base_url, max_retries=1) as c:
        try:
            if models:
                await c.models.retrieve(MODEL)
            else:
                await c.responses.create(model=MODEL, input="hi")
        except Exception as exc:
            record_error(result, exc)
            if fault.get("status") == 502:
                result["page_shown"] = "Bad gateway" in str(exc)
    result["request_id"] = result.pop("error_request_id_present")
    result.pop("error_status", None)
    result["requests"] = len(await journal(base_url))
    return result


async def _ws_error_event(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    result: dict[str, Any] = {"error": None, "events": []}
    error = {"error": {"message": "boom", "type": "server_error", "code": None}}
    async with client(base_url) as c, c.ws_session(defaults={"model": MODEL}) as ws:
        await ws.send(input="one")
        await queue_faults(base_url, [{"match": "ws:", "status": 500, "body": error}])
        try:
            async for event in ws.send_stream(input="two"):
                result["events"].append(event.type)
        except Exception as exc:
            record_error(result, exc)
            result.pop("error_request_id_present")
        result["next_turn"] = (await ws.send(input="three")).status
    return result


async def _ws_close_frame(base_url: str) -> dict[str, Any]:
    await reset(base_url)
    result: dict[str, Any] = {"error": None, "events": 0}
    fault = {"match": "ws:", "drop_after_events": 4, "ws_close_code": 1011}
    async with client(base_url, max_retries=2) as c, c.ws_session(defaults={"model": MODEL}) as ws:
        await ws.send(input="one")
        await queue_faults(base_url, [fault])
        try:
            async for _ in ws.send_stream(input="two"):
                result["events"] += 1
        except Exception as exc:
            record_error(result, exc)
            result.pop("error_request_id_present")
            result["not_resent"] = "not resent" in str(exc)
        result["next"] = [(await ws.send(input="three")).status, ws.connections]
    return result


_HTML = "<html><body><h1>{}</h1></body></html>"


async def fault_matrix_stream(base_url: str) -> dict[str, Any]:
    html = {"headers": {"content-type": "text/html"}, "match": "/models", "times": 2}
    return {
        "reset_with_the_last_bytes": await _background_resume(base_url),
        "slow_trickle": await _slow_trickle(base_url),
        "never_closes_chat": await _never_closes(base_url, chat=True),
        "never_closes_responses": await _never_closes(base_url, chat=False),
        "oversized_event": await _broken_stream(base_url, '{"oversized_event_at": 2}'),
        "invalid_utf8": await _broken_stream(base_url, '{"invalid_utf8_at": 2}'),
        "truncated_json": await _broken_answer(
            base_url, {"match": "/responses", "malformed_event_at": 0}, models=False
        ),
        "proxy_html_200": await _broken_answer(
            base_url, {**html, "status": 200, "body": _HTML.format("Welcome")}, models=True
        ),
        "proxy_html_502": await _broken_answer(
            base_url, {**html, "status": 502, "body": _HTML.format("Bad gateway")}, models=True
        ),
        "ws_close_frame_mid_response": await _ws_close_frame(base_url),
        "ws_error_event": await _ws_error_event(base_url),
    }


SCENARIOS: dict[str, Callable[[str], Awaitable[dict[str, Any]]]] = {
    "fault_matrix_status": fault_matrix_status,
    "fault_matrix_status_408": fault_matrix_status_408,
    "fault_matrix_connection": fault_matrix_connection,
    "fault_matrix_stream": fault_matrix_stream,
}


def rows_of(scenario: str) -> list[Row]:
    return [row for row in ROWS if row.scenario == scenario]


def expected_on(target: str, scenario: str, native: dict[str, Any]) -> dict[str, Any]:
    """The transcript `target` must give for `scenario`: the native one, with the rows that
    document a different outcome there replaced by it."""
    if target != "chromium" or scenario not in SCENARIOS:
        return native
    differs = {row.name: row.chromium for row in rows_of(scenario) if row.chromium is not None}
    return {**native, **differs}


# -- the document ----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """docs/fault_matrix.md."""
    lines = [
        "# Fault matrix",
        "",
        "Every way a server or the network breaks an answer, and what the SDK does, on every",
        "target: native CPython, Pyodide in Node and Pyodide in headless Chromium. Generated",
        "from `ROWS` in `tests_browser/fault_matrix.py` (`python tests_browser/fault_matrix.py`",
        "prints it); `tests_browser/test_fault_matrix.py` keeps this file equal to it. Each",
        "row's scenario runs on the three targets and their transcripts must be equal",
        '(`tests_browser/test_targets.py`). "Request id" is the `x-request-id` of the answer',
        "that failed; an APIConnectionError or APITimeoutError carries it when the answer's",
        "head had arrived (cut mid-body or mid-stream), none otherwise. The status rows run with",
        "`max_retries=1`; a stream that has started is never retried, whatever the setting.",
        "The fake cuts a connection 0.1 s after its last write, so that what it wrote arrives",
        "first; where the bytes and the cut arrive together, Chromium's fetch throws the bytes",
        "away before any page code can read them (`reset_with_the_last_bytes`).",
        "",
        "| Row | Fault | Expected outcome | Scenario | Targets |",
        "|---|---|---|---|---|",
    ]
    for row in ROWS:
        cells = (f"`{row.name}`", row.fault, row.outcome, f"`{row.scenario}`", row.targets)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "Native tests of the same faults:", ""]
    for row in ROWS:
        for test in row.tests:
            lines.append(f"- `{row.name}`: `{test}`")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
