"""Constructor arguments, environment variables, with_options and per-client headers."""

from __future__ import annotations

import pytest

from openai_oxide import AsyncOpenAI, MockResponse, MockTransport, OpenAIError, Timeout
from openai_oxide._core.http import Request

MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "o"}


def recording() -> MockTransport:
    return MockTransport(lambda request: MockResponse.json(MODEL))


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)


def test_missing_api_key_is_a_clear_error() -> None:
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        AsyncOpenAI()


async def test_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.example/v9")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-env")
    transport = recording()
    await AsyncOpenAI(transport=transport).models.retrieve("m")
    sent = transport.requests[0]
    assert sent.url == "http://env.example/v9/models/m"
    assert sent.headers["authorization"] == "Bearer sk-env"
    assert sent.headers["openai-organization"] == "org-env"
    assert sent.headers["openai-project"] == "proj-env"


async def test_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    transport = recording()
    client = AsyncOpenAI(
        api_key="sk-arg",
        base_url="http://arg.example/v1/",
        organization="org-arg",
        default_headers={"X-Team": "a"},
        default_query={"api-version": "1"},
        transport=transport,
    )
    await client.models.retrieve("a/b")
    sent = transport.requests[0]
    assert sent.url == "http://arg.example/v1/models/a%2Fb?api-version=1"
    assert sent.headers["authorization"] == "Bearer sk-arg"
    assert sent.headers["x-team"] == "a" and sent.headers["openai-organization"] == "org-arg"
    assert sent.headers["user-agent"].startswith("openai-oxide/")


async def test_with_options_copies_and_overrides() -> None:
    transport = recording()
    base = AsyncOpenAI(api_key="sk-1", base_url="http://a/v1", transport=transport)
    other = base.with_options(api_key="sk-2", timeout=3, default_headers={"x-extra": "1"})
    await other.models.retrieve("m")
    await base.models.retrieve("m")
    first, second = transport.requests
    assert first.headers["authorization"] == "Bearer sk-2" and first.headers["x-extra"] == "1"
    assert second.headers["authorization"] == "Bearer sk-1" and "x-extra" not in second.headers
    assert other.timeout == Timeout(connect=3, read=3, write=3) and base.timeout == Timeout()
    assert other._transport is base._transport  # one connection pool


async def test_per_call_header_can_remove_a_default() -> None:
    from openai_oxide import NOT_GIVEN

    transport = recording()
    client = AsyncOpenAI(
        api_key="sk", base_url="http://a/v1", organization="org", transport=transport
    )
    await client.models.retrieve("m", extra_headers={"openai-organization": NOT_GIVEN})
    assert "openai-organization" not in transport.requests[0].headers


async def test_not_given_parameters_are_left_out_of_the_body() -> None:
    from openai_oxide import NOT_GIVEN
    from openai_oxide._core.codec import loads as codec_loads_for_tests

    seen: list[Request] = []

    def handler(request: Request) -> MockResponse:
        seen.append(request)
        return MockResponse.json({"id": "r", "object": "response", "output": []})

    client = AsyncOpenAI(api_key="sk", base_url="http://a/v1", transport=MockTransport(handler))
    await client.responses.create(model="m", input="hi", temperature=NOT_GIVEN, store=None)
    assert codec_loads_for_tests(seen[0].body) == {"model": "m", "input": "hi", "store": None}


def test_timeout_coercion() -> None:
    assert Timeout.coerce(None) == Timeout(connect=None, read=None, write=None, total=None)
    assert Timeout.coerce(2) == Timeout(connect=2.0, read=2.0, write=2.0)
    with pytest.raises(TypeError):
        Timeout.coerce("10")


def test_import_and_client_creation_stay_light() -> None:
    """Types load per resource on first use; the transport's httpx on the first request."""
    import subprocess
    import sys

    code = (
        "import sys; from openai_oxide import AsyncOpenAI; c = AsyncOpenAI(api_key='k');"
        "print(sorted(m for m in ('pydantic', 'httpx', 'openai_oxide.types.chat',"
        " 'openai_oxide.types.responses') if m in sys.modules));"
        "c.chat; print('openai_oxide.types.chat' in sys.modules,"
        " 'openai_oxide.types.responses' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True False"]
