"""The Assistants stream helpers: `runs.stream` / `create_and_stream` /
`submit_tool_outputs_stream`, `threads.create_and_run_stream` (an
`AsyncAssistantStreamManager` handing out the event handler) and
`runs.submit_tool_outputs_and_poll`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.lib.assistant_stream import AsyncAssistantEventHandler
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.beta.threads import Message, Run, RunStep, ThreadMessageDelta
from support import API_KEY


class Recorder(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, Any]] = []

    async def on_event(self, event: Any) -> None:
        self.calls.append(("event", event.event))

    async def on_message_created(self, message: Message) -> None:
        self.calls.append(("message_created", message.id))

    async def on_run_step_created(self, run_step: RunStep) -> None:
        self.calls.append(("step_created", run_step.id))

    async def on_end(self) -> None:
        self.calls.append(("end", None))


async def test_runs_stream_calls_the_hooks(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    thread = await client.beta.threads.create()
    handler = Recorder()
    manager = client.beta.threads.runs.stream(
        thread_id=thread.id, assistant_id="asst_1", instructions="be brief", event_handler=handler
    )
    assert not [e for e in fake.journal if e.path.endswith("/runs")]  # sent on entry
    async with manager as stream:
        assert stream is handler
        events = [event async for event in stream]
    sent = last_request(fake, "POST", f"/threads/{thread.id}/runs")
    assert sent.json["stream"] is True and sent.json["instructions"] == "be brief"
    assert sent.headers["openai-beta"] == "assistants=v2"
    assert [c for c in handler.calls if c[0] == "event"] == [("event", e.event) for e in events]
    assert handler.calls[-1] == ("end", None)
    for event in events:
        if event.event == "thread.message.created":
            assert ("message_created", event.data.id) in handler.calls
        if event.event == "thread.run.step.created":
            assert ("step_created", event.data.id) in handler.calls
    runs = [e.data for e in events if isinstance(e.data, Run)]
    assert runs and handler.current_run == runs[-1]
    messages = [e.data for e in events if isinstance(e.data, Message)]
    assert await handler.get_final_messages() == list({m.id: m for m in messages}.values())


async def test_create_and_run_stream_and_final_run(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    async with client.beta.threads.create_and_run_stream(
        assistant_id="asst_1", thread={"messages": [{"role": "user", "content": "hi"}]}
    ) as stream:
        run = await stream.get_final_run()
    assert isinstance(run, Run)
    assert last_request(fake, "POST", "/threads/runs").json["stream"] is True
    thread = await client.beta.threads.create()
    async with client.beta.threads.runs.create_and_stream(
        thread_id=thread.id, assistant_id="asst_1"
    ) as stream:
        assert isinstance(await stream.get_final_run(), Run)


async def test_submit_tool_outputs_stream_and_poll(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    thread = await client.beta.threads.create()
    run = await client.beta.threads.runs.create(thread.id, assistant_id="asst_1")
    outputs = [{"tool_call_id": "call_1", "output": "42"}]
    path = f"/threads/{thread.id}/runs/{run.id}/submit_tool_outputs"
    runs = client.beta.threads.runs
    async with runs.submit_tool_outputs_stream(
        tool_outputs=outputs, run_id=run.id, thread_id=thread.id
    ) as stream:
        await stream.until_done()
    sent = last_request(fake, "POST", path).json
    assert sent == {"tool_outputs": outputs, "stream": True}
    settled = await runs.submit_tool_outputs_and_poll(
        tool_outputs=outputs, run_id=run.id, thread_id=thread.id, poll_interval_ms=1
    )
    assert isinstance(settled, Run) and settled.status == "completed"
    assert "stream" not in last_request(fake, "POST", path).json
    polled = last_request(fake, "GET", f"/threads/{thread.id}/runs/{run.id}")
    assert polled.headers["x-stainless-poll-helper"] == "true"


class _Raw:
    """A stand-in for the SSE stream: the handler only iterates and closes it."""

    request_id = "req_1"
    response = None  # the head of an HTTP answer: none here

    def __init__(self, events: list[Any]) -> None:
        self._events = events
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[Any]:
        for event in self._events:
            yield event

    async def close(self) -> None:
        self.closed = True


def _delta(*parts: dict[str, Any]) -> ThreadMessageDelta:
    return ThreadMessageDelta.model_validate(
        {
            "event": "thread.message.delta",
            "data": {"id": "msg_1", "object": "thread.message.delta", "delta": {"content": parts}},
        }
    )


async def test_text_deltas() -> None:
    handler = AsyncAssistantEventHandler()
    events = [
        _delta({"index": 0, "type": "text", "text": {"value": "Hel"}}),
        _delta({"index": 0, "type": "image_file", "image_file": {"file_id": "f"}}),
        _delta({"index": 0, "type": "text", "text": {"value": "lo"}}),
    ]
    handler._attach(_Raw(events))  # type: ignore[arg-type]
    assert [text async for text in handler.text_deltas] == ["Hel", "lo"]
    assert handler.current_event is events[-1]


def test_sync_client_streams_a_run(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        thread = client.beta.threads.create()
        with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id="a") as stream:
            events = list(stream)
        assert events and events[0].event.startswith("thread.")


async def test_a_streamed_run_sends_its_query_parameters(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    """`include` is a query parameter of `runs.create`: sent with `stream=True` too (the
    stream helper once dropped the query)."""
    thread = await client.beta.threads.create()
    include = ["step_details.tool_calls[*].file_search.results[*].content"]
    stream = await client.beta.threads.runs.create(
        thread.id, assistant_id="asst_1", include=include, stream=True
    )
    events = [event async for event in stream]
    sent = last_request(fake, "POST", f"/threads/{thread.id}/runs")
    assert sent.json["stream"] is True
    assert sent.query == {"include[]": include[0]}  # arrays in the official bracket form
    assert events  # the run stream came back
