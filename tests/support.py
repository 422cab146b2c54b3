"""Constants and small helpers shared by the native tests."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
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
