"""Deterministic content shared by the Responses and Chat Completions fakes.

Everything here is a pure function of the request, except the ids, which come from a
process-wide counter so that stored responses never collide.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import Any

__all__ = ["estimate_tokens", "json_deltas", "new_id", "reply_text", "text_deltas"]

_counter = itertools.count(1)
_WORD_RE = re.compile(r"\s*\S+|\s+")
_JSON_RE = re.compile(r"\w+|[^\w]+")
_SNIPPET_WORDS = 12


def new_id(prefix: str, length: int = 48) -> str:
    """A unique, realistic-looking id such as `resp_68a1...` (thread-safe)."""
    n = next(_counter)
    digest = hashlib.blake2b(f"{prefix}{n}".encode(), digest_size=32).hexdigest()
    return prefix + digest[:length]


def reply_text(user_text: str, tool_output: str | None = None) -> str:
    """The assistant's answer: several words, always with non-ASCII characters."""
    if tool_output is not None:
        snippet = _snippet(tool_output)
        return f"Danke! The tool said “{snippet}” — that\u2019s all I need 👋"
    snippet = _snippet(user_text) or "nothing"
    return f"Hello 👋 — you said: “{snippet}”. Schöne Grüße from the fake server!"


def _snippet(text: str) -> str:
    words = text.split()
    out = " ".join(words[:_SNIPPET_WORDS])
    return out + " …" if len(words) > _SNIPPET_WORDS else out


def text_deltas(text: str) -> list[str]:
    """Word-sized deltas with the leading space attached, like the real API's tokens."""
    return _WORD_RE.findall(text) or [""]


def json_deltas(text: str) -> list[str]:
    """Token-like fragments of a JSON text (`{"`, `city`, `":"`, ...)."""
    return _JSON_RE.findall(text) or [""]


def estimate_tokens(size_in_bytes: int) -> int:
    return max(1, size_in_bytes // 4)


def content_text(content: Any) -> str:
    """The text of a message `content`: a string or a list of text parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                text = part.get("text")
                if isinstance(text, str):
                    parts.append(text)
            elif isinstance(part, str):
                parts.append(part)
        return " ".join(parts)
    return ""
