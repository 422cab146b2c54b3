"""Helpers for the bulk runner's tests: request files, result files, the fake's journal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openai_oxide.testing import FakeOpenAI


def chat_record(custom_id: str, *, max_tokens: int = 20) -> dict[str, Any]:
    """A chat request whose message names its id, so the fake's journal shows who was sent."""
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": f"item {custom_id}"}],
            "max_tokens": max_tokens,
        },
    }


def write_requests(path: Path, ids: list[str], **kwargs: Any) -> Path:
    path.write_text("".join(json.dumps(chat_record(i, **kwargs)) + "\n" for i in ids))
    return path


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def ids_in(*paths: Path) -> list[str]:
    return [line["custom_id"] for path in paths for line in lines(path)]


def sent_ids(fake: FakeOpenAI, start: int = 0) -> list[str]:
    """The ids of the chat requests the fake received, from the `start`-th on."""
    out = []
    for entry in fake.journal[start:]:
        if entry.path == "/v1/chat/completions" and isinstance(entry.json, dict):
            out.append(entry.json["messages"][0]["content"].removeprefix("item "))
    return out
