"""Parse the JSON text received so far: arguments and structured output while they stream.

Strategy: one semantics, three backends, chosen once at import time. pydantic-core's
`from_json(text, allow_partial="trailing-strings")` (native and Pyodide, wherever pydantic
is installed), else jiter's `from_json(bytes, partial_mode="trailing-strings")`, else the
pure-Python parser below. The test suite feeds every prefix of a corpus of JSON documents
to all three and requires identical results.

The semantics, for text that is a prefix of a valid JSON document:
- Open objects and arrays are closed where the text ends: `{"a": [1, 2` -> {"a": [1, 2]}.
- A trailing comma or colon is ignored; a key without a value is dropped:
  `{"a": 1, "b"` -> {"a": 1}.
- An unterminated string VALUE is kept with the text received so far ("trailing strings"):
  `{"a": "hel` -> {"a": "hel"}. An escape cut short (`\\`, `\\u00`) or a lone high surrogate
  escape waiting for its pair is dropped from that text. An unterminated KEY drops the key.
- A scalar cut short is dropped: a partial literal (`tr`, `nul`) or a number that is not
  yet a number (`-`, `1.`, `1e`, `1e+`). A number that is complete so far is kept: `[12`
  -> [12] even though more digits may follow. Callers that must not see a possibly cut
  number should wait for the value to be followed by `,`, `}` or `]`.
- When nothing can be recovered yet (empty text, only whitespace, a cut top-level scalar),
  `parse_partial` raises ValueError, as it does for text that is not a prefix of JSON.
  What the backends tolerate in invalid text differs (pydantic-core and jiter ignore
  trailing garbage after a complete value; the fallback rejects it); callers must not
  depend on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

__all__ = ["BACKEND", "parse_partial", "parse_partial_python"]

_WS = " \t\n\r"
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_CUT_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
# At the end of a cut string: a complete high-surrogate escape still waiting for its low
# half, then an escape cut short (a lone backslash or a partial \u escape); either optional.
_CUT_ESCAPE = re.compile(
    r"(?<!\\)(?:\\\\)*((?:\\u[dD][89abAB][0-9a-fA-F]{2})?(?:\\(?:u[0-9a-fA-F]{0,3})?)?)$"
)
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class _Nothing:
    __slots__ = ()


_NOTHING = _Nothing()


class _Cut(Exception):
    """The text ended inside a value; `value` is what it recovered (or _NOTHING)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


def _skip(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


def _string(s: str, i: int) -> tuple[str, int]:
    """`s[i]` is the opening quote. Raises _Cut(text so far) if the string is unterminated."""
    try:
        return _scanstring(s, i + 1)
    except json.JSONDecodeError:
        pass
    # Either the string is cut short (maybe inside an escape) or it is invalid: close the
    # cut text with a quote; the string was cut only if that added quote is what ends it.
    body = s[i + 1 :]
    cut = _CUT_ESCAPE.search(body)
    if cut is not None:
        body = body[: cut.start(1)]
    try:
        text, end = _scanstring(body + '"', 0)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON string at {i}: {exc.msg}") from exc
    if end != len(body) + 1:
        raise ValueError(f"invalid JSON string at {i}")
    raise _Cut(text)


def _value(s: str, i: int) -> tuple[Any, int]:
    """Parse the value starting at `s[i]` (not whitespace). Raises _Cut at the end of text."""
    if i >= len(s):
        raise _Cut(_NOTHING)
    c = s[i]
    if c == "{":
        return _object(s, i + 1)
    if c == "[":
        return _array(s, i + 1)
    if c == '"':
        return _string(s, i)
    if c in "tfn":
        for word, value in _LITERALS.items():
            if s.startswith(word, i):
                return value, i + len(word)
        rest = s[i : i + 5]
        if len(rest) < 5 and any(word.startswith(rest) for word in _LITERALS):
            raise _Cut(_NOTHING)
        raise ValueError(f"invalid JSON literal at {i}")
    cut = _CUT_NUMBER.match(s, i)
    # A number that runs to the end of the text is kept only if it is a number already.
    if cut is not None and len(s) == cut.end() > i and _NUMBER.fullmatch(s, i) is None:
        raise _Cut(_NOTHING)
    m = _NUMBER.match(s, i)
    if m is None:
        raise ValueError(f"invalid JSON value at {i}")
    token = m.group()
    return (float(token) if any(ch in token for ch in ".eE") else int(token)), m.end()


def _object(s: str, i: int) -> tuple[dict[str, Any], int]:
    obj: dict[str, Any] = {}
    i = _skip(s, i)
    if i < len(s) and s[i] == "}":
        return obj, i + 1
    while True:
        if i >= len(s):
            raise _Cut(obj)
        if s[i] != '"':
            raise ValueError(f"expected a key at {i}")
        try:
            key, i = _string(s, i)
        except _Cut:
            raise _Cut(obj) from None
        i = _skip(s, i)
        if i >= len(s):
            raise _Cut(obj)
        if s[i] != ":":
            raise ValueError(f"expected ':' at {i}")
        i = _skip(s, i + 1)
        try:
            obj[key], i = _value(s, i)
        except _Cut as cut:
            if cut.value is not _NOTHING:
                obj[key] = cut.value
            raise _Cut(obj) from None
        i = _skip(s, i)
        if i >= len(s):
            raise _Cut(obj)
        if s[i] == "}":
            return obj, i + 1
        if s[i] != ",":
            raise ValueError(f"expected ',' or '}}' at {i}")
        i = _skip(s, i + 1)


def _array(s: str, i: int) -> tuple[list[Any], int]:
    arr: list[Any] = []
    i = _skip(s, i)
    if i < len(s) and s[i] == "]":
        return arr, i + 1
    while True:
        try:
            item, i = _value(s, i)
        except _Cut as cut:
            if cut.value is not _NOTHING:
                arr.append(cut.value)
            raise _Cut(arr) from None
        arr.append(item)
        i = _skip(s, i)
        if i >= len(s):
            raise _Cut(arr)
        if s[i] == "]":
            return arr, i + 1
        if s[i] != ",":
            raise ValueError(f"expected ',' or ']' at {i}")
        i = _skip(s, i + 1)


def parse_partial_python(text: str | bytes) -> Any:
    """The pure-Python backend of `parse_partial` (same contract)."""
    s = text.decode("utf-8") if isinstance(text, bytes) else text
    i = _skip(s, 0)
    try:
        value, i = _value(s, i)
    except _Cut as cut:
        if cut.value is _NOTHING:
            raise ValueError("no JSON value can be recovered yet") from None
        return cut.value
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc
    if _skip(s, i) != len(s):
        raise ValueError(f"extra data after the JSON value at {i}")
    return value


def _select() -> tuple[str, Callable[[str | bytes], Any]]:
    try:
        from pydantic_core import from_json as pc_from_json

        pc_from_json("[", allow_partial="trailing-strings")
    except (ImportError, TypeError, ValueError):
        pass
    else:

        def pc_parse(text: str | bytes) -> Any:
            try:
                return pc_from_json(text, allow_partial="trailing-strings")
            except ValueError as exc:
                raise ValueError(str(exc)) from exc
            except TypeError:
                # A str holding a lone surrogate (a decoded `\ud800` escape can give one) is
                # refused with TypeError; the fallback parses it (found by fuzzing).
                return parse_partial_python(text)

        return "pydantic-core", pc_parse
    try:
        from jiter import from_json as jiter_from_json

        jiter_from_json(b"[", partial_mode="trailing-strings")
    except (ImportError, TypeError, ValueError):
        pass
    else:

        def jiter_parse(text: str | bytes) -> Any:
            try:
                data = text.encode("utf-8") if isinstance(text, str) else text
            except UnicodeEncodeError:  # a lone surrogate: as pydantic-core's, above
                return parse_partial_python(text)
            try:
                return jiter_from_json(data, partial_mode="trailing-strings")
            except ValueError as exc:
                raise ValueError(str(exc)) from exc

        return "jiter", jiter_parse
    return "python", parse_partial_python


BACKEND, _parse = _select()


def parse_partial(text: str | bytes) -> Any:
    """The value the JSON text received so far stands for (see the module docstring).

    Raises ValueError when nothing can be recovered yet or the text is not a JSON prefix.
    """
    return _parse(text)
