"""The module-level client: `import openai_oxide as openai; openai.models.list()`, built
from the package's settings and the environment, rebuilt when a setting changes."""

from __future__ import annotations

import pytest

import openai_oxide
from openai_oxide import OpenAIError
from openai_oxide.testing import FakeOpenAI
from support import API_KEY


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI) -> pytest.MonkeyPatch:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(openai_oxide, "base_url", fake.url)
    return monkeypatch


def _authorization(fake: FakeOpenAI) -> str:
    return str(fake.journal[-1].headers["authorization"])


def test_groups_use_a_client_built_from_the_package_settings(
    settings: pytest.MonkeyPatch, fake: FakeOpenAI
) -> None:
    settings.setattr(openai_oxide, "api_key", API_KEY)
    settings.setattr(openai_oxide, "organization", "org-1")
    models = openai_oxide.models  # taken once: it follows later setting changes too
    assert "gpt-4o" in [m.id for m in models.list()]
    assert _authorization(fake) == f"Bearer {API_KEY}"
    assert fake.journal[-1].headers["openai-organization"] == "org-1"

    settings.setattr(openai_oxide, "api_key", "sk-changed")
    assert models.retrieve("gpt-4o").id == "gpt-4o"
    assert _authorization(fake) == "Bearer sk-changed"


def test_unset_settings_come_from_the_environment(
    settings: pytest.MonkeyPatch, fake: FakeOpenAI
) -> None:
    settings.setenv("OPENAI_API_KEY", "sk-from-env")
    openai_oxide.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    )
    assert fake.journal[-1].path == "/v1/chat/completions"
    assert _authorization(fake) == "Bearer sk-from-env"


def test_without_a_key_the_call_fails_as_openai_does(settings: pytest.MonkeyPatch) -> None:
    with pytest.raises(OpenAIError, match="api_key"):
        openai_oxide.embeddings.create(model="m", input="x")


def test_only_the_official_groups_are_on_the_package() -> None:
    assert "module-level client" in repr(openai_oxide.audio)
    with pytest.raises(AttributeError):
        openai_oxide.not_a_group  # noqa: B018
