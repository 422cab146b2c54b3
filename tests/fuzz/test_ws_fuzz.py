"""WebSocket message handling against any message: the sans-I/O core routes it, drops it or
fails a turn with a typed TurnFailed, and never raises; the session turns that into a
Response or a documented OpenAIError, never a raw error or a hang."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from openai_oxide import AsyncOpenAI, OpenAIError
from openai_oxide._core import ws as core
from openai_oxide._core.errors import APIConnectionError
from openai_oxide._core.http import Headers
from openai_oxide._transport.mock import MockResponse, MockTransport
from openai_oxide.types.responses import Response
from support import API_KEY

scalars = st.none() | st.booleans() | st.integers(-1, 2) | st.sampled_from(["", "a", "r1", "L"])
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3),
                                                                          inner, max_size=2),
    max_leaves=6,
)  # fmt: skip
TYPES = [
    "response.created", "response.output_text.delta", "response.completed", "response.failed",
    "response.incomplete", "error", "response.in_progress", None,
]  # fmt: skip
events = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES)},
    optional={
        "stream_id": values, "delta": values, "sequence_number": values,
        "response": st.fixed_dictionaries({}, optional={"id": values, "output": values,
                                                        "status": values}) | values,
        "error": st.fixed_dictionaries({}, optional={"code": st.sampled_from(
            ["previous_response_not_found", "websocket_connection_limit_reached", "x", None]),
            "message": values}) | values,
        "status": values, "request_id": values, "code": values,
    },
)  # fmt: skip
# A message: mostly event objects; also other JSON, non-JSON text and bytes.
messages = (
    events.map(json.dumps)
    | events.map(lambda e: json.dumps(e).encode())
    | values.map(json.dumps)
    | st.text(max_size=8)
    | st.binary(max_size=8)
)
submits = st.lists(
    st.fixed_dictionaries({"input": st.sampled_from(["hi", "x"])},
                          optional={"stream_id": st.sampled_from(["L", "M"]),
                                    "previous_response_id": st.sampled_from([None, "r1", "zz"])}),
    min_size=1, max_size=3,
)  # fmt: skip

ERROR_STREAM_ID = json.dumps({"type": "error", "stream_id": ["L"]})
# Found by fuzzing: an unhashable stream_id or response id raised TypeError from the core.
UNHASHABLE = [ERROR_STREAM_ID, json.dumps({"type": "response.created", "response": {"id": {}}})]


@given(submits, st.lists(messages | st.just("LOST") | st.just("SEND"), max_size=14),
       st.booleans())  # fmt: skip
@example([{"input": "hi"}], ["SEND", *UNHASHABLE], True)
@example([{"input": "hi", "stream_id": "L"}], ["SEND", UNHASHABLE[1], UNHASHABLE[1]], True)
def test_the_core_never_raises_on_any_message(
    turns: list[dict[str, Any]], script: list[Any], chain: bool
) -> None:
    proto = core.ResponsesWebSocket(chain=chain, defaults={"model": "m"})
    ids = [proto.submit(params) for params in turns]
    ended: set[int] = set()
    for step in script:
        if step == "SEND":
            for text in proto.messages_to_send():
                assert json.loads(text)["type"] == "response.create"
        elif step == "LOST":
            proto.connection_lost("fuzz")
        else:
            proto.receive_message(step)
        for event in proto.events_received():
            assert event.turn in ids and event.turn not in ended
            if isinstance(event, core.TurnFailed) or event.terminal:
                ended.add(event.turn)
    proto.close()
    closed = {e.turn for e in proto.events_received()}
    assert ended | closed == set(ids) and not ended & closed  # every turn ends exactly once
    assert not proto.busy()


class ScriptedSocket:
    """A WebSocket that answers the first `response.create` with the script, then closes."""

    subprotocol = None

    def __init__(self, script: Sequence[str | bytes]) -> None:
        self._inbox: asyncio.Queue[str | bytes | None] = asyncio.Queue()
        self._script = script

    async def send(self, message: str | bytes) -> None:
        for item in self._script:
            self._inbox.put_nowait(item)
        self._inbox.put_nowait(None)

    async def recv(self) -> str | bytes:
        item = await self._inbox.get()
        if item is None:
            raise APIConnectionError("closed by the script")
        return item

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        self._inbox.put_nowait(None)


class ScriptedTransport(MockTransport):
    def __init__(self, script: Sequence[str | bytes]) -> None:
        super().__init__(lambda request: MockResponse(404))
        self.script = script

    async def connect_ws(
        self, url: str, headers: Headers, subprotocols: Sequence[str] = (), *,
        connect_timeout: float | None,
    ) -> Any:  # fmt: skip
        return ScriptedSocket(self.script)


async def one_turn(script: Sequence[str | bytes]) -> Any:
    client = AsyncOpenAI(api_key=API_KEY, transport=ScriptedTransport(script), max_retries=0)
    async with client, client.ws_session(defaults={"model": "m"}, fallback=False) as ws:
        try:
            return await asyncio.wait_for(ws.send(input="hi"), 10)
        except OpenAIError as exc:  # documented: every session error is one
            return exc


def _completed(response: Any) -> str:
    return json.dumps({"type": "response.completed", "response": response})


@given(st.lists(messages, max_size=6), st.sampled_from([None, {"id": "r1", "output": []}]))
@example([ERROR_STREAM_ID], None)
@example([json.dumps({"type": "response.created", "response": {"id": []}})], None)
# Found: a delta that is not a string escaped send() as the accumulator's StreamStateError.
@example([json.dumps({"type": "response.output_text.delta", "delta": None})], None)
def test_a_session_turn_ends_in_a_response_or_a_typed_error(
    script: list[str | bytes], final: dict[str, Any] | None
) -> None:
    if final is not None:
        script = [*script, _completed(final)]
    outcome = asyncio.run(one_turn(script))
    assert isinstance(outcome, OpenAIError | Response)
