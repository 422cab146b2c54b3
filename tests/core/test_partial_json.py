from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_oxide._core import partial_json
from openai_oxide._core.partial_json import parse_partial, parse_partial_python

pydantic_core = pytest.importorskip("pydantic_core")
jiter = pytest.importorskip("jiter")


def pc(text: str) -> Any:
    return pydantic_core.from_json(text, allow_partial="trailing-strings")


def ji(text: str) -> Any:
    return jiter.from_json(text.encode(), partial_mode="trailing-strings")


BACKENDS: list[Callable[[str], Any]] = [pc, ji, parse_partial_python]


def outcome(fn: Callable[[str], Any], text: str) -> tuple[str, str]:
    try:
        return ("ok", repr(fn(text)))  # repr: 1 vs 1.0 vs True must not compare equal
    except ValueError:
        return ("error", "")


def check_prefixes(text: str) -> None:
    for end in range(len(text) + 1):
        prefix = text[:end]
        results = {outcome(fn, prefix) for fn in BACKENDS}
        assert len(results) == 1, (prefix, results)
        # The fallback never raises on a prefix that already holds a container.
        if prefix.lstrip()[:1] in ("{", "["):
            parse_partial_python(prefix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": [1, 2', {"a": [1, 2]}),
        ('{"a": 1, "b"', {"a": 1}),
        ('{"a": 1,', {"a": 1}),
        ('{"a":', {}),
        ('{"a": "hel', {"a": "hel"}),
        ('{"a": "hel\\', {"a": "hel"}),
        ('{"a": "hel\\u00', {"a": "hel"}),
        ('{"a": "x\\ud83d', {"a": "x"}),
        ('{"a": "x\\ud83d\\ude0', {"a": "x"}),
        ('{"a": "x\\ud83d\\ude00', {"a": "x\U0001f600"}),
        ('{"ke', {}),
        ('{"a": tr', {}),
        ('{"a": 1.', {}),
        ('{"a": -', {}),
        ('{"a": 1e+', {}),
        ('{"a": 12', {"a": 12}),
        ('["ab', ["ab"]),
        ('"abc', "abc"),
        ("[true, nul", [True]),
        ('{"a": {"b": [{"c": "d', {"a": {"b": [{"c": "d"}]}}),
        ("  {}  ", {}),
    ],
)
def test_semantics(text: str, expected: Any) -> None:
    for fn in (*BACKENDS, parse_partial):
        assert fn(text) == expected, fn


@pytest.mark.parametrize("text", ["", "   ", "tr", "-", "1.", "nul"])
def test_nothing_recoverable_raises(text: str) -> None:
    for fn in (*BACKENDS, parse_partial):
        with pytest.raises(ValueError):
            fn(text)


@pytest.mark.parametrize("text", ['{"a" 1}', "[1 2]", "{1: 2}", '{"a": x}', "[1]x", '"\\q"'])
def test_fallback_rejects_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_python(text)


def test_backend_is_chosen() -> None:
    assert partial_json.BACKEND == "pydantic-core"
    assert parse_partial(b'{"a": "b') == {"a": "b"}
    assert parse_partial_python(b'{"a": "b') == {"a": "b"}


SCALARS = [0, 1, -1, 12.5, -0.25, 1e21, 3e-7, 10**30, True, False, None, "", 'a\\b"c', "é😀x",
           "\n\t\x01", "\ud7ff", "tail\\", 1.7976931348623157e308, 5e-324]  # fmt: skip


def random_doc(rnd: random.Random, depth: int = 0) -> Any:
    r = rnd.random()
    if depth > 3 or r < 0.4:
        return rnd.choice(SCALARS)
    if r < 0.7:
        return [random_doc(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    keys = ["k", "key", "é", "\\", '"', "😀"]
    return {rnd.choice(keys) + str(i): random_doc(rnd, depth + 1) for i in range(rnd.randint(0, 4))}


def test_every_prefix_agrees_on_a_corpus() -> None:
    rnd = random.Random(1234)
    for _ in range(150):
        doc = random_doc(rnd)
        for text in (
            json.dumps(doc),
            json.dumps(doc, ensure_ascii=False),
            json.dumps(doc, indent=1),
        ):
            check_prefixes(text)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(doc=JSON, ascii=st.booleans())
def test_every_prefix_agrees_property(doc: Any, ascii: bool) -> None:
    check_prefixes(json.dumps(doc, ensure_ascii=ascii))


def test_complete_documents_parse_like_json() -> None:
    rnd = random.Random(5)
    for _ in range(200):
        doc = random_doc(rnd)
        text = json.dumps(doc)
        assert parse_partial_python(text) == json.loads(text)
