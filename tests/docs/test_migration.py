"""docs/migration.md: every test it names exists, and each known difference from the
official `openai` package that no other test shows is shown here, both SDKs side by side
on one fake server. A difference that goes away fails its test: then update the guide.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from docs.markdown_samples import ROOT, missing, named_tests
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

official = pytest.importorskip("openai", reason="the official SDK is the reference (bench extra)")
import openai_oxide  # noqa: E402

GUIDE = ROOT / "docs" / "migration.md"


def test_every_test_the_guide_names_exists() -> None:
    references = named_tests(GUIDE.read_text(encoding="utf-8"))
    assert len(references) >= 10, "the guide lost its tests"
    gone = missing(references)
    assert not gone, f"docs/migration.md names tests that do not exist: {gone}"


def test_a_renamed_test_is_caught() -> None:
    assert missing([("tests/docs/test_migration.py", "no_such_test")])
    assert not missing([("tests/docs/test_migration.py", "test_a_renamed_test_is_caught")])


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(adopt_unknown_ids=True)
    with fake.running_in_thread():
        yield fake


@pytest.fixture
def clients(server: FakeOpenAI) -> Iterator[dict[str, Any]]:
    """The official sync client and ours, on the same fake."""
    made = {
        name: module.OpenAI(api_key=API_KEY, base_url=server.url, max_retries=0)
        for name, module in (("official", official), ("ours", openai_oxide))
    }
    yield made
    for client in made.values():
        client.close()


HTML = Fault(
    status=200,
    headers={"content-type": "text/html"},
    body="<html><body>Sign in to the proxy</body></html>",
    match="/responses",
)


def test_an_html_page_with_status_200_raises_here_and_the_official_returns_it(
    server: FakeOpenAI, clients: dict[str, Any]
) -> None:
    server.inject(HTML)
    page = clients["official"].responses.create(model="m", input="x")
    assert isinstance(page, str) and "Sign in" in page
    server.inject(HTML)
    with pytest.raises(openai_oxide.APIResponseValidationError) as info:
        clients["ours"].responses.create(model="m", input="x")
    assert info.value.request_id == server.journal[-1].request_id


def test_a_sync_on_event_returning_an_awaitable_raises_here(clients: dict[str, Any]) -> None:
    from openai.lib.responses_tool_runner import ResponsesToolRunner as TheirRunner

    from openai_oxide.lib.responses_tool_runner import ResponsesToolRunner, ToolRunnerError

    async def handler(event: object) -> None:
        return None

    params = {"model": "m", "input": "hi"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the official's coroutine never awaited
        TheirRunner().run(clients["official"], params, stream=True, on_event=handler)
    with pytest.raises(ToolRunnerError, match="stopped before completion") as info:
        ResponsesToolRunner().run(clients["ours"], params, stream=True, on_event=handler)
    assert isinstance(info.value.__cause__, ValueError)
    assert "returned an awaitable" in str(info.value.__cause__)


def test_an_admin_only_client_sends_other_calls_without_a_key(
    server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only `admin_api_key`, a non-admin call raises TypeError before sending in the
    official client; here it goes out with no `Authorization` (the server answers 401)."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    theirs = official.OpenAI(api_key="", admin_api_key=API_KEY, base_url=server.url)
    with pytest.raises(TypeError, match="authentication"):
        theirs.models.list()
    seen: list[dict[str, str]] = []
    ours = openai_oxide.OpenAI(
        admin_api_key=API_KEY,
        base_url=server.url,
        max_retries=0,
        hooks={"request": lambda request: seen.append(dict(request.headers))},
    )
    try:
        ours.models.list()
    except openai_oxide.APIStatusError:
        pass  # the fake may refuse a call without a key
    finally:
        ours.close()
    assert seen and all("authorization" not in {k.lower() for k in h} for h in seen)
