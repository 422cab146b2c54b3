"""The partial-JSON parser against any text: every backend returns a value or raises its
documented ValueError, and on complete JSON it agrees with `json.loads`."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from openai_oxide._core.partial_json import parse_partial, parse_partial_python

PARSERS = [parse_partial, parse_partial_python]  # the chosen backend and the fallback
_TOKENS = ["{", "}", "[", "]", ",", ":", '"', "\\", "\\u", "d83d", "\\ud83d", "true",
           "fal", "null", "-", "0", "12", ".5", "e+", " ", "\n", "a", "é", "😀", "\ud800",
           "\x00"]  # fmt: skip
texts = st.lists(st.sampled_from(_TOKENS) | st.text(max_size=3), max_size=40).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=4),
    max_leaves=16,
)  # fmt: skip


def outcome(parse: Any, text: str | bytes) -> Any:
    try:
        return parse(text)
    except ValueError:  # the one documented error (UnicodeError and JSONDecodeError are ones)
        return ValueError


@given(texts | st.binary(max_size=40))
@example("[" * 5000)  # nested past the recursion limit
@example('{"a": "\\ud800')  # a lone surrogate escape, cut
@example(b'["\xff')  # bytes that are not UTF-8
@example("\ud800")  # found: pydantic-core raised TypeError for a lone surrogate in a str
def test_any_input_gives_a_value_or_value_error(text: str | bytes) -> None:
    for parse in PARSERS:
        outcome(parse, text)


def test_a_lone_surrogate_in_text_parses_as_the_fallback_does() -> None:
    # Found by fuzzing: a decoded `\\ud800` escape reached pydantic-core, which raised TypeError.
    assert parse_partial('{"a": "x\ud800') == {"a": "x\ud800"}
    assert outcome(parse_partial, "\ud800") is ValueError


@given(JSON, st.sampled_from([None, 0, 2]), st.booleans())
def test_complete_json_parses_like_json(doc: Any, indent: int | None, ascii: bool) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii)
    expected = json.loads(text)
    for parse in PARSERS:
        assert same(parse(text), expected)
        assert same(parse(text.encode()), expected)


def same(a: Any, b: Any) -> bool:
    """Equal as JSON values: the same types (1 is not 1.0 nor True), floats to the bit."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return bool(a == b)
