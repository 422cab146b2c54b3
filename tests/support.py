"""Constants and small helpers shared by the native tests."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openai_oxide import APIConnectionError
from openai_oxide._core.http import Request
from openai_oxide._transport.mock import Handler, MockResponse, MockTransport

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = SHARED / "fixtures"
API_KEY = "sk-test-0123456789-SECRET-KEY"


def expected_from_recording(
    path: Path,
) -> tuple[dict[int, str], dict[tuple[int, int], dict[str, str]]]:
    """Content and tool calls per choice, parsed straight from the recorded bytes."""
    content: dict[int, str] = defaultdict(str)
    calls: dict[tuple[int, int], dict[str, str]] = {}
    for block in path.read_bytes().decode().replace("\r\n", "\n").split("\n\n"):
        for line in block.splitlines():
            if not line.startswith("data:") or line[5:].strip() == "[DONE]":
                continue
            chunk = json.loads(line[5:])
            for choice in chunk.get("choices", []):
                delta = choice.get("delta") or {}
                content[choice["index"]] += delta.get("content") or ""
                for tc in delta.get("tool_calls") or []:
                    call = calls.setdefault(
                        (choice["index"], tc["index"]), {"name": "", "arguments": ""}
                    )
                    fn = tc.get("function") or {}
                    call["name"] += fn.get("name") or ""
                    call["arguments"] += fn.get("arguments") or ""
    return dict(content), calls


class ScriptedSocket:
    """A WebSocket that answers each `response.create` with the scripted events."""

    subprotocol = None

    def __init__(self, events: Sequence[dict[str, Any]]) -> None:
        self._events = events
        self._inbox: asyncio.Queue[str | None] = asyncio.Queue()

    async def send(self, message: str | bytes) -> None:
        for event in self._events:
            self._inbox.put_nowait(json.dumps(event))

    async def recv(self) -> str:
        message = await self._inbox.get()
        if message is None:
            raise APIConnectionError("closed")
        return message

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        self._inbox.put_nowait(None)


class ScriptedTransport(MockTransport):
    """HTTP through `handler` (a 500 by default); every WebSocket is a `ScriptedSocket`."""

    def __init__(self, events: Sequence[dict[str, Any]], handler: Handler | None = None) -> None:
        super().__init__(handler or (lambda request: MockResponse(status=500)))
        self._events = events

    async def connect_ws(self, url: str, headers: Any, *args: Any, **kwargs: Any) -> Any:
        return ScriptedSocket(self._events)


def scripted(*answers: MockResponse | Exception) -> MockTransport:
    """A MockTransport that gives these answers in turn (an exception is raised instead)."""
    queue = list(answers)

    def handler(request: Request) -> MockResponse:
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return MockTransport(handler)


def mypy_flags(source: str, tmp_path: Path, *, cache: str) -> tuple[list[int], str]:
    """The lines `mypy --strict` flags in `source` (a file under `tmp_path`, the package on
    MYPYPATH, `.mypy_cache/<cache>` shared by a group of tests), and its output for messages."""
    from mypy import api

    path = tmp_path / "snippet.py"
    path.write_text(source)
    before, limit = os.environ.get("MYPYPATH"), sys.getrecursionlimit()
    os.environ["MYPYPATH"] = str(REPO / "pkg")
    try:
        stdout, stderr, _ = api.run(
            [
                "--strict",
                "--follow-imports=silent",
                "--no-error-summary",
                f"--cache-dir={REPO / '.mypy_cache' / cache}",
                str(path),
            ]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
        if before is None:
            del os.environ["MYPYPATH"]
        else:
            os.environ["MYPYPATH"] = before
    assert not stderr, stderr
    return [int(line.split(":")[1]) for line in stdout.splitlines() if ": error:" in line], stdout
