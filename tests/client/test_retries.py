"""Every retry rule of the official SDK, driven through MockTransport."""

from __future__ import annotations

import email.utils
import time

import pytest

from openai_oxide import (
    APIConnectionError,
    AsyncOpenAI,
    BadRequestError,
    InternalServerError,
    MockResponse,
    MockTransport,
    RateLimitError,
)
from support import scripted

OK = {"object": "list", "data": [{"id": "m1", "object": "model", "created": 1, "owned_by": "me"}]}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record backoff delays instead of sleeping them."""
    recorded: list[float] = []

    async def fake_sleep(delay: float) -> None:
        recorded.append(delay)

    monkeypatch.setattr("openai_oxide._base.asyncio.sleep", fake_sleep)
    return recorded


def client_for(transport: MockTransport, **kwargs: object) -> AsyncOpenAI:
    return AsyncOpenAI(api_key="sk-x", base_url="http://fake/v1", transport=transport, **kwargs)  # type: ignore[arg-type]


def error(status: int, **headers: str) -> MockResponse:
    body = {"error": {"message": f"boom {status}", "type": "x", "param": None, "code": "c"}}
    return MockResponse.json(
        body, status=status, headers={"x-request-id": f"req_{status}", **headers}
    )


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503])
async def test_retryable_status_then_success(status: int, sleeps: list[float]) -> None:
    transport = scripted(error(status), MockResponse.json(OK))
    page = await client_for(transport).models.list()
    assert [m.id for m in page.data] == ["m1"]
    assert len(transport.requests) == 2
    assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5  # 0.5 * (1 - 0.25 * jitter)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_client_errors_are_not_retried(status: int, sleeps: list[float]) -> None:
    transport = scripted(error(status))
    with pytest.raises(Exception) as info:
        await client_for(transport).models.retrieve("m1")
    assert info.value.status_code == status  # type: ignore[attr-defined]
    assert len(transport.requests) == 1 and sleeps == []


async def test_gives_up_after_max_retries_with_exponential_backoff(sleeps: list[float]) -> None:
    transport = scripted(error(500), error(500), error(500), error(500))
    with pytest.raises(InternalServerError) as info:
        await client_for(transport, max_retries=3).models.retrieve("m1")
    assert len(transport.requests) == 4
    assert info.value.request_id == "req_500"
    for delay, base in zip(sleeps, [0.5, 1.0, 2.0], strict=True):
        assert base * 0.75 <= delay <= base


async def test_backoff_is_capped_at_eight_seconds(sleeps: list[float]) -> None:
    transport = scripted(*[error(503)] * 7)
    with pytest.raises(InternalServerError):
        await client_for(transport, max_retries=6).models.retrieve("m1")
    assert max(sleeps) <= 8.0 and sleeps[-1] >= 6.0


async def test_max_retries_zero_sends_once(sleeps: list[float]) -> None:
    transport = scripted(error(429))
    with pytest.raises(RateLimitError):
        await client_for(transport, max_retries=0).models.retrieve("m1")
    assert len(transport.requests) == 1


async def test_with_options_changes_max_retries(sleeps: list[float]) -> None:
    transport = scripted(error(500), error(500), error(500), error(500), MockResponse.json(OK))
    page = await client_for(transport).with_options(max_retries=4).models.list()
    assert len(page.data) == 1 and len(transport.requests) == 5


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "100", "retry-after": "9"}, 0.1),
    ],
)
async def test_server_directed_delay(
    headers: dict[str, str], expected: float, sleeps: list[float]
) -> None:
    transport = scripted(error(429, **headers), MockResponse.json(OK))
    await client_for(transport).models.list()
    assert sleeps == [pytest.approx(expected)]


async def test_retry_after_http_date(sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    transport = scripted(error(429, **{"retry-after": when}), MockResponse.json(OK))
    await client_for(transport).models.list()
    assert 8.0 <= sleeps[0] <= 10.0


async def test_retry_after_beyond_two_minutes_is_not_retried(sleeps: list[float]) -> None:
    transport = scripted(error(429, **{"retry-after": "600"}))
    with pytest.raises(RateLimitError):
        await client_for(transport).models.list()
    assert len(transport.requests) == 1


async def test_x_should_retry_false_wins_over_status(sleeps: list[float]) -> None:
    transport = scripted(error(500, **{"x-should-retry": "false"}))
    with pytest.raises(InternalServerError):
        await client_for(transport).models.list()
    assert len(transport.requests) == 1


async def test_x_should_retry_true_retries_a_400(sleeps: list[float]) -> None:
    transport = scripted(error(400, **{"x-should-retry": "true"}), MockResponse.json(OK))
    page = await client_for(transport).models.list()
    assert len(page.data) == 1 and len(transport.requests) == 2


async def test_connection_errors_are_retried_then_raised(sleeps: list[float]) -> None:
    transport = scripted(*[APIConnectionError("refused")] * 3)
    with pytest.raises(APIConnectionError):
        await client_for(transport).models.list()
    assert len(transport.requests) == 3


async def test_idempotency_key_is_reused_and_retry_count_grows(sleeps: list[float]) -> None:
    resp = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "model": "m",
        "output": [],
        "status": "completed",
    }
    transport = scripted(error(500), error(500), MockResponse.json(resp))
    await client_for(transport).responses.create(model="m", input="hi")
    keys = {r.headers["idempotency-key"] for r in transport.requests}
    assert len(keys) == 1 and next(iter(keys)).startswith("oxide-retry-")
    assert [r.headers["x-stainless-retry-count"] for r in transport.requests] == ["0", "1", "2"]
    assert transport.requests[0].body == transport.requests[2].body


async def test_each_call_gets_its_own_idempotency_key(sleeps: list[float]) -> None:
    resp = {
        "id": "resp_1",
        "object": "response",
        "created_at": 1,
        "model": "m",
        "output": [],
        "status": "completed",
    }
    transport = scripted(MockResponse.json(resp), MockResponse.json(resp))
    client = client_for(transport)
    await client.responses.create(model="m", input="a")
    await client.responses.create(model="m", input="a", idempotency_key="mine")
    first, second = (r.headers.get("idempotency-key") for r in transport.requests)
    assert first and first != second and second == "mine"


async def test_a_default_idempotency_header_is_kept_across_retries(sleeps: list[float]) -> None:
    transport = scripted(error(500), MockResponse.json(OK))
    client = client_for(transport, default_headers={"Idempotency-Key": "from-defaults"})
    await client.post("/models", body={})
    assert [r.headers["idempotency-key"] for r in transport.requests] == ["from-defaults"] * 2


async def test_get_has_no_idempotency_key(sleeps: list[float]) -> None:
    transport = scripted(MockResponse.json(OK))
    await client_for(transport).models.list()
    assert "idempotency-key" not in transport.requests[0].headers


async def test_error_body_fields_are_parsed(sleeps: list[float]) -> None:
    body = {
        "error": {
            "message": "bad model",
            "type": "invalid_request_error",
            "param": "model",
            "code": "nope",
        }
    }
    transport = scripted(MockResponse.json(body, status=400, headers={"x-request-id": "req_abc"}))
    with pytest.raises(BadRequestError) as info:
        await client_for(transport).models.list()
    err = info.value
    assert (err.status_code, err.request_id, err.code, err.param, err.type) == (
        400,
        "req_abc",
        "nope",
        "model",
        "invalid_request_error",
    )
    assert err.body == body["error"] or err.body == body
    assert "bad model" in str(err) and "req_abc" in str(err)


async def test_stream_is_retried_only_before_it_starts(sleeps: list[float]) -> None:
    events = (
        b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
        b'"choices":[]}\n\n'
    )
    transport = scripted(error(429), MockResponse(body=[events, events], drop=True))
    stream = await client_for(transport).chat.completions.create(
        model="m", messages=[], stream=True
    )
    seen = []
    with pytest.raises(APIConnectionError):
        async for chunk in stream:
            seen.append(chunk)
    assert len(seen) == 2
    assert len(transport.requests) == 2  # the 429, then the stream; the drop is not retried


async def test_a_drop_mid_body_of_a_plain_answer_is_retried(sleeps: list[float]) -> None:
    body = b'{"object": "list", "data": []}'
    transport = scripted(MockResponse(body=[body[:10]], drop=True), MockResponse.json(OK))
    page = await client_for(transport).models.list()
    assert [m.id for m in page.data] == ["m1"] and len(transport.requests) == 2


async def test_connection_errors_after_the_head_carry_its_request_id(sleeps: list[float]) -> None:
    """A cut once the head arrived (mid-body, out of retries; mid-stream) names the answer's
    x-request-id; a cut before any answer has none."""
    cut = MockResponse(body=[b'{"object": '], headers={"x-request-id": "req_cut"}, drop=True)
    with pytest.raises(APIConnectionError) as plain:
        await client_for(scripted(cut), max_retries=0).models.list()
    assert plain.value.request_id == "req_cut"
    assert "req_cut" in repr(plain.value)

    chunk = b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m",'
    chunk += b'"choices":[]}\n\n'
    dropped = MockResponse(body=[chunk], headers={"x-request-id": "req_stream"}, drop=True)
    stream = await client_for(scripted(dropped)).chat.completions.create(
        model="m", messages=[], stream=True
    )
    with pytest.raises(APIConnectionError) as mid:
        async for _ in stream:
            pass
    assert mid.value.request_id == "req_stream"

    with pytest.raises(APIConnectionError) as refused:
        await client_for(scripted(APIConnectionError()), max_retries=0).models.list()
    assert refused.value.request_id is None
