"""Helpers for the fake-server tests: the auth header and a tiny SSE parser
(kept apart from the SDK under test)."""

from __future__ import annotations

from typing import Any

import orjson

AUTH = {"authorization": "Bearer sk-fake"}


def parse_sse(raw: bytes) -> list[tuple[str | None, Any]]:
    """(event name, decoded data) per event; `[DONE]` and empty data stay strings, and
    comment-only blocks (keep-alives) are left out."""
    out: list[tuple[str | None, Any]] = []
    for block in raw.replace(b"\r\n", b"\n").split(b"\n\n"):
        if not block.strip():
            continue
        name = None
        data: list[bytes] = []
        for line in block.split(b"\n"):
            if line.startswith(b"event: "):
                name = line[7:].decode()
            elif line.startswith(b"data:"):
                data.append(line[5:].removeprefix(b" "))
        if name is None and not data:
            continue
        payload = b"\n".join(data)
        raw = payload in (b"[DONE]", b"")
        out.append((name, payload.decode() if raw else orjson.loads(payload)))
    return out
