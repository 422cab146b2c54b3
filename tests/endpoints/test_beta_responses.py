"""`client.beta.responses`: the beta Responses API (`/responses?beta=true`), answered with the
beta classes generated from the spec's `Beta*` schemas, imported here from their official
paths (`openai.types.beta.beta_*`)."""

from __future__ import annotations

import json
from typing import Any

from endpoints.helpers import last_request
from openai_oxide import AsyncOpenAI, AsyncStream, OpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.beta import BetaResponseOutputText as PackageOutputText
from openai_oxide.types.beta.beta_compacted_response import BetaCompactedResponse
from openai_oxide.types.beta.beta_response import BetaResponse
from openai_oxide.types.beta.beta_response_completed_event import BetaResponseCompletedEvent
from openai_oxide.types.beta.beta_response_created_event import BetaResponseCreatedEvent
from openai_oxide.types.beta.beta_response_input_param import BetaResponseInputParam
from openai_oxide.types.beta.beta_response_output_message import BetaResponseOutputMessage
from openai_oxide.types.beta.beta_response_output_text import BetaResponseOutputText
from openai_oxide.types.beta.beta_response_reasoning_item import BetaResponseReasoningItem
from openai_oxide.types.beta.beta_response_usage import BetaResponseUsage
from openai_oxide.types.beta.responses.input_token_count_response import InputTokenCountResponse
from openai_oxide.types.responses import Response
from support import API_KEY

# A beta response as the API sends it: reasoning, then a message with an annotated text.
PAYLOAD: dict[str, Any] = {
    "id": "resp_1",
    "object": "response",
    "created_at": 1_700_000_000,
    "status": "completed",
    "model": "gpt-5",
    "output": [
        {"id": "rs_1", "type": "reasoning", "summary": [{"type": "summary_text", "text": "t"}]},
        {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [
                {
                    "type": "output_text",
                    "text": "Paris",
                    "annotations": [
                        {"type": "url_citation", "url": "https://x", "title": "x"}
                        | {"start_index": 0, "end_index": 5}
                    ],
                }
            ],
        },
        {"id": "x_1", "type": "some_future_item", "extra": 1},
    ],
    "tools": [],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "usage": {
        "input_tokens": 3,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 2,
        "output_tokens_details": {"reasoning_tokens": 1},
        "total_tokens": 5,
    },
}


def test_a_beta_response_parses_into_the_beta_classes() -> None:
    response = BetaResponse.model_validate(PAYLOAD)
    reasoning, message, future = response.output
    assert isinstance(reasoning, BetaResponseReasoningItem)
    assert isinstance(message, BetaResponseOutputMessage)
    text = message.content[0]
    assert isinstance(text, BetaResponseOutputText) and text.text == "Paris"
    assert text.annotations[0].type == "url_citation"
    assert future.type == "some_future_item"  # an unknown item reaches the user, not dropped
    assert isinstance(response.usage, BetaResponseUsage) and response.usage.total_tokens == 5
    # one class at the official module and package paths, not the Responses one
    assert PackageOutputText is BetaResponseOutputText
    assert not issubclass(BetaResponse, Response)


async def test_every_method_sends_beta_true_and_answers_beta_classes(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    beta = client.beta.responses
    items: BetaResponseInputParam = [{"role": "user", "content": "hi"}]
    response = await beta.create(model="gpt-4o-mini", input=items)
    assert isinstance(response, BetaResponse)
    assert last_request(fake, "POST", "/responses").query == {"beta": "true"}
    retrieved = await beta.retrieve(response.id)
    assert type(retrieved) is BetaResponse and retrieved.id == response.id
    assert last_request(fake, "GET", f"/responses/{response.id}").query == {"beta": "true"}
    listed = [item async for item in beta.input_items.list(response.id)]
    assert listed and type(listed[0]).__module__ == BetaResponse.__module__
    query = last_request(fake, "GET", f"/responses/{response.id}/input_items").query
    assert query["beta"] == "true"
    counted = await beta.input_tokens.count(model="gpt-4o-mini", input="hi")
    assert isinstance(counted, InputTokenCountResponse)
    assert last_request(fake, "POST", "/responses/input_tokens").query == {"beta": "true"}
    image = {"context_compression": "enabled"}
    compacted = await beta.compact(model="gpt-4o-mini", input="hi", image=image)
    assert isinstance(compacted, BetaCompactedResponse)
    sent = last_request(fake, "POST", "/responses/compact")
    assert sent.query == {"beta": "true"} and json.loads(sent.body)["image"] == image
    await beta.delete(response.id)
    assert last_request(fake, "DELETE", f"/responses/{response.id}").query == {"beta": "true"}
    # The client's own group is unchanged: no query, the Responses classes.
    assert type(await client.responses.create(model="gpt-4o-mini", input="hi")) is Response
    assert last_request(fake, "POST", "/responses").query == {}


async def test_betas_are_sent_as_the_openai_beta_header(
    fake: FakeOpenAI, client: AsyncOpenAI
) -> None:
    beta = client.beta.responses
    response = await beta.create(
        model="gpt-4o-mini", input="hi", betas=["responses_multi_agent=v1"]
    )
    sent = last_request(fake, "POST", "/responses").headers
    assert sent["openai-beta"] == "responses_multi_agent=v1"
    # the caller's own header wins, as officially
    await beta.retrieve(
        response.id, betas=["responses_multi_agent=v1"], extra_headers={"OpenAI-Beta": "x"}
    )
    assert last_request(fake, "GET", f"/responses/{response.id}").headers["openai-beta"] == "x"
    listed = [item async for item in beta.input_items.list(response.id, betas=[])]
    assert listed
    query = last_request(fake, "GET", f"/responses/{response.id}/input_items")
    assert query.headers.get("openai-beta", "") == ""
    await beta.delete(response.id)
    assert "openai-beta" not in last_request(fake, "DELETE", f"/responses/{response.id}").headers


async def test_a_beta_stream_yields_the_beta_events(client: AsyncOpenAI) -> None:
    stream = await client.beta.responses.create(model="gpt-4o-mini", input="hi", stream=True)
    assert isinstance(stream, AsyncStream)
    events = [event async for event in stream]
    assert isinstance(events[0], BetaResponseCreatedEvent)
    assert isinstance(events[0].response, BetaResponse)
    done = events[-1]
    assert isinstance(done, BetaResponseCompletedEvent) and isinstance(done.response, BetaResponse)


async def test_the_views_parse_the_beta_classes(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    for view in (client.beta.responses.with_raw_response, client.with_raw_response.beta.responses):
        raw = await view.create(model="gpt-4.1-mini", input="hello")
        assert isinstance(raw.parse(), BetaResponse)
        assert last_request(fake, "POST", "/responses").query == {"beta": "true"}
    created = await client.beta.responses.create(model="gpt-4.1-mini", input="hello")
    streamed = client.beta.responses.with_streaming_response.retrieve(created.id)
    async with streamed as answer:
        assert type(await answer.parse()) is BetaResponse
    assert last_request(fake, "GET", f"/responses/{created.id}").query == {"beta": "true"}


def test_the_sync_client_answers_beta_classes(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        response = client.beta.responses.create(model="gpt-4o-mini", input="x")
        assert type(response) is BetaResponse
        assert last_request(fake, "POST", "/responses").query == {"beta": "true"}
        events = list(client.beta.responses.create(model="gpt-4o-mini", input="x", stream=True))
        assert isinstance(events[-1], BetaResponseCompletedEvent)
