"""Shared helpers for the endpoint tests: what the fake received."""

from __future__ import annotations

from typing import Any

from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.forms import UploadedFile, parse_form


def last_request(fake: FakeOpenAI, method: str, path: str) -> Any:
    """The last journal entry for `method` `/v1{path}`."""
    entries = [e for e in fake.journal if e.method == method and e.path == "/v1" + path]
    assert entries, f"no {method} {path} in the journal"
    return entries[-1]


def received_form(fake: FakeOpenAI, path: str) -> dict[str, Any]:
    entry = last_request(fake, "POST", path)
    form = parse_form(entry.headers["content-type"], entry.body)
    assert form is not None
    return form


def received_file(fake: FakeOpenAI, path: str, field: str = "file") -> UploadedFile:
    value = received_form(fake, path)[field]
    assert isinstance(value, UploadedFile)
    return value
