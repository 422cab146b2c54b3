from __future__ import annotations

from collections.abc import Iterator

import pytest

from recording_server import Recorded, recording_server

# Every variable an OpenAI, Azure or Bedrock client reads: the tests set what they use.
CLEARED = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "AZURE_OPENAI_ENDPOINT",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_BEDROCK_BASE_URL",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
)


@pytest.fixture
def origin(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[Recorded]]]:
    """`(origin URL, journal)` of a fresh recording server, in a clean environment."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    with recording_server() as server:
        yield server
