"""A request's tokens, estimated before sending as OpenAI's limiter counts them.

The conservative way: the most it may generate (`max_tokens`, `max_completion_tokens` or
`max_output_tokens`, times `n`) plus the prompt, counted with tiktoken when it is installed
and its encoding loads, else as 4 characters a token.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = ["estimate_tokens"]

_PROMPT_FIELDS = ("messages", "input", "prompt", "instructions")
_MAX_FIELDS = ("max_tokens", "max_completion_tokens", "max_output_tokens")
_counter: list[Callable[[str], int]] = []  # the prompt counter, chosen on first use


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def _by_characters(text: str) -> int:
    return math.ceil(len(text) / 4)


def _pick_counter() -> Callable[[str], int]:
    try:
        import tiktoken  # type: ignore[import-not-found, unused-ignore]

        encoding = tiktoken.get_encoding("o200k_base")
    except Exception:  # not installed, or its encoding cannot be fetched (offline, Pyodide)
        return _by_characters

    def count(text: str) -> int:
        return len(encoding.encode(text, disallowed_special=()))

    return count


def estimate_tokens(body: dict[str, Any]) -> int:
    """Tokens to charge `body` before it is sent (see the module docstring)."""
    if not _counter:
        _counter.append(_pick_counter())
    text = "".join(s for name in _PROMPT_FIELDS for s in _strings(body.get(name)))
    prompt = _counter[0](text) if text else 0
    n = body.get("n")
    most = next((body[k] for k in _MAX_FIELDS if isinstance(body.get(k), int)), 0)
    return prompt + most * (n if isinstance(n, int) and n > 1 else 1)
