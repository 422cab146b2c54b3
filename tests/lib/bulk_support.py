"""Helpers for the bulk runner's tests: request files, result files, the fake's journal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.lib.bulk import runner
from openai_oxide.lib.bulk.pacing import Pacer
from openai_oxide.testing import FakeOpenAI
from openai_oxide.testing.ratelimit_budget import Admission


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


MOST_429S = 0.03  # of the requests


def use_of(admitted: Sequence[Admission], per_minute: float, cost: int = 1) -> float:
    """The share of the limit's rate used after the first second (whose burst the runner
    keeps below a full second's share on purpose)."""
    start = admitted[0].at + 1.0
    steady = [a for a in admitted if a.at >= start]
    assert len(steady) > len(admitted) / 3, "too short a run to measure"
    used = sum(cost if cost else a.tokens for a in steady)
    return used / (per_minute / 60 * (steady[-1].at - start))


def record_pacing(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[float], list[tuple[float, float]]]:
    """Make the runner's pacer note when it admits a request and each pause (when it was
    asked, until when): the two lists it fills."""
    admitted: list[float] = []
    pauses: list[tuple[float, float]] = []

    class Recording(Pacer):
        def take(self, now: float, tokens: int) -> float:
            wait = super().take(now, tokens)
            if wait == 0:
                admitted.append(now)
            return wait

        def pause(self, until: float) -> None:
            pauses.append((runner.time.monotonic(), until))
            super().pause(until)

    monkeypatch.setattr(runner, "Pacer", Recording)
    return admitted, pauses
