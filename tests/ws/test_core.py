"""`_core/ws.py` on its own: messages out, events in, no socket (runs on every target)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_oxide._core.ws import (
    FailureKind,
    ResponsesWebSocket,
    TurnFailed,
    TurnMessage,
    build_create,
    classify_error,
)


def created(rid: str, lane: str | None = None) -> str:
    event: dict[str, Any] = {"type": "response.created", "response": {"id": rid, "output": []}}
    if lane:
        event["stream_id"] = lane
    return json.dumps(event)


def completed(rid: str, output: list[Any], lane: str | None = None) -> str:
    event: dict[str, Any] = {
        "type": "response.completed",
        "response": {"id": rid, "output": output},
    }
    if lane:
        event["stream_id"] = lane
    return json.dumps(event)


def error(code: str, lane: str | None = None) -> str:
    event: dict[str, Any] = {
        "type": "error",
        "status": 400,
        "error": {"code": code, "message": code},
    }
    if lane:
        event["stream_id"] = lane
    return json.dumps(event)


OUT = {"type": "message", "role": "assistant", "content": "hi"}


def sent(proto: ResponsesWebSocket) -> list[dict[str, Any]]:
    return [json.loads(m) for m in proto.messages_to_send()]


def test_build_create_drops_stream_and_refuses_background() -> None:
    assert build_create({"model": "m", "stream": True}, "a") == {
        "type": "response.create",
        "model": "m",
        "stream_id": "a",
    }
    with pytest.raises(ValueError, match="background"):
        build_create({"background": True}, None)
    assert classify_error({"error": {"code": "websocket_connection_limit_reached"}}) is (
        FailureKind.CONNECTION_LIMIT
    )


def test_chaining_queueing_and_the_resend() -> None:
    proto = ResponsesWebSocket(defaults={"model": "m"})
    t1 = proto.submit({"input": "one"})
    t2 = proto.submit({"input": "two"})
    assert sent(proto) == [{"type": "response.create", "model": "m", "input": "one"}]
    proto.receive_message(created("r1"))
    proto.receive_message(completed("r1", [OUT]))
    events = proto.events_received()
    assert [e.turn for e in events] == [t1, t1] and isinstance(events[-1], TurnMessage)
    assert events[-1].terminal
    (second,) = sent(proto)
    assert second["previous_response_id"] == "r1" and second["input"] == "two"
    proto.receive_message(error("previous_response_not_found"))
    assert proto.events_received() == []  # repaired silently
    (resent,) = sent(proto)
    assert "previous_response_id" not in resent
    assert resent["input"] == [
        {"type": "message", "role": "user", "content": "one"},
        OUT,
        {
            "type": "message",
            "role": "user",
            "content": "two",
        },
    ]
    proto.receive_message(completed("r2", [OUT]))
    assert proto.events_received()[-1].turn == t2
    assert proto.lane_state()[0] == "r2" and len(proto.lane_state()[1] or []) == 4


def test_disconnect_fails_the_turn_in_flight_and_keeps_the_queue() -> None:
    proto = ResponsesWebSocket()
    t1 = proto.submit({"model": "m", "input": "one"})
    t2 = proto.submit({"model": "m", "input": "two"})
    sent(proto)
    proto.receive_message(created("r1"))
    proto.connection_lost("reset")
    events = proto.events_received()
    assert isinstance(events[-1], TurnFailed) and events[-1].turn == t1
    assert events[-1].kind is FailureKind.DISCONNECTED and events[-1].response_id == "r1"
    assert proto.pending()  # t2 goes out on the next connection
    (message,) = sent(proto)
    assert message["input"] == "two"
    proto.receive_message(completed("r1", []))  # a late event of the dropped turn: ignored
    proto.receive_message(completed("r2", []))
    assert [e.turn for e in proto.events_received()] == [t2]


def test_lanes_route_by_stream_id_and_errors_end_their_turn() -> None:
    proto = ResponsesWebSocket()
    a = proto.submit({"model": "m", "input": "a"}, lane="a")
    b = proto.submit({"model": "m", "input": "b", "stream_id": "b"})
    assert {m["stream_id"] for m in sent(proto)} == {"a", "b"}
    proto.receive_message(created("rb", "b"))
    proto.receive_message(error("server_error", "a"))
    proto.receive_message(completed("rb", [], "b"))
    events = proto.events_received()
    assert [(e.turn, type(e).__name__) for e in events] == [
        (b, "TurnMessage"),
        (a, "TurnMessage"),
        (a, "TurnFailed"),
        (b, "TurnMessage"),
    ]
    proto.receive_message(error("websocket_connection_limit_reached"))
    assert proto.close_requested


def test_cancel_drops_an_unsent_turn_and_close_fails_the_rest() -> None:
    proto = ResponsesWebSocket()
    t1 = proto.submit({"model": "m", "input": "one"})
    proto.cancel(t1)
    assert not proto.pending() and not proto.busy()
    t2 = proto.submit({"model": "m", "input": "two"})
    sent(proto)
    proto.cancel(t2)  # in flight: the lane stays busy until its response ends
    assert proto.busy()
    proto.close()
    (failure,) = proto.events_received()
    assert isinstance(failure, TurnFailed) and failure.kind is FailureKind.CLOSED
    proto.receive_message(b"not json")
    proto.receive_message("[1]")
    assert proto.events_received() == []


def test_a_message_that_is_not_json_fails_the_turn_in_flight() -> None:
    proto = ResponsesWebSocket()
    first = proto.submit({"model": "m", "input": "a"})
    second = proto.submit({"model": "m", "input": "b"})
    sent(proto)
    proto.receive_message(created("resp_1"))
    proto.receive_message('{"type": "response.output_te')
    events = proto.events_received()
    assert isinstance(events[0], TurnMessage) and events[0].turn == first
    assert isinstance(events[1], TurnFailed) and events[1].turn == first
    assert events[1].kind is FailureKind.MALFORMED and "not JSON" in events[1].message
    proto.receive_message(completed("resp_1", [OUT]))  # the broken response's end: dropped
    assert proto.events_received() == []
    assert [m["input"] for m in sent(proto)] == ["b"]  # the next turn goes out
    assert second in proto._turns
