from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_oxide._core import codec

BACKENDS = ["orjson", "pydantic-core", "json"]

Dumps = Any
Loads = Any


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> tuple[Dumps, Loads]:
    return codec._select(request.param)


def test_default_backend_is_the_fastest_installed() -> None:
    assert codec.NAME == "orjson"  # orjson is a native dependency
    assert (codec.dumps({"a": 1}), codec.loads(b'{"a":1}')) == (b'{"a":1}', {"a": 1})


def test_unknown_backend() -> None:
    with pytest.raises(ValueError, match="unknown JSON backend"):
        codec._select("simdjson")


def test_first_available_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    real = codec._select

    def without(*missing: str) -> Any:
        def select(name: str) -> Any:
            if name in missing:
                raise ImportError(name)
            return real(name)

        return select

    monkeypatch.setattr(codec, "_select", without("orjson"))
    assert codec._first_available()[0] == "pydantic-core"
    monkeypatch.setattr(codec, "_select", without("orjson", "pydantic-core"))
    name, dumps, loads = codec._first_available()
    assert name == "json"
    assert loads(dumps({"a": [1]})) == {"a": [1]}


DEEP: list[Any] = []
for _ in range(60):
    DEEP = [DEEP, {"k": DEEP}] if len(repr(DEEP)) < 200 else [DEEP]

# Values every backend must encode to the same bytes and read back unchanged.
CORPUS: list[Any] = [
    None, True, False, 0, -1, 2**53 + 1, -(2**53) - 1, 2**63 - 1, -(2**63), 2**64 - 1,
    "", "plain", "h\u00e9llo \u2603 \U0001f600 \u2028 \x00 \x1f \"q\" \\ /",
    "\u65e5\u672c\u8a9e", 0.1, -0.0, 1.5, 1e16, 1e300, 5e-324, 123456789.123,
    1.7976931348623157e308, [], {}, [1, [2, [3, [4, []]]]],
    {"nested": {"list": [{"a": None}, {"b": [True, False]}], "n": -7, "f": 2.5}},
    {"\u00e9": "\u00fc", "": ""}, {"a": 1, "b": {"c": {"d": {"e": {"f": ["g"]}}}}},
    DEEP,
]  # fmt: skip


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_corpus_identical_in_every_backend(value: Any) -> None:
    encoded = {name: codec._select(name)[0](value) for name in BACKENDS}
    assert len(set(encoded.values())) == 1, encoded
    raw = encoded["json"]
    assert raw == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    for name in BACKENDS:
        loads = codec._select(name)[1]
        for form in (raw, bytearray(raw), memoryview(raw), raw.decode()):
            decoded = loads(form)
            assert decoded == value and type(decoded) is type(value), (name, form)


@pytest.mark.parametrize("value", [1e-7, 1e22, 2.5e-10])
def test_small_exponents_differ_only_in_spelling(value: float) -> None:
    # stdlib writes 1e-07, orjson 1e-7: both are the same JSON number.
    for name in BACKENDS:
        dumps, loads = codec._select(name)
        assert loads(dumps(value)) == value


# Inputs where the fast parsers disagree with the stdlib; the fallback makes them agree.
ODD_INPUTS: list[tuple[bytes, Any]] = [
    (b"123456789012345678901234567890", 123456789012345678901234567890),  # see orjson test
    (b"1e400", math.inf),
    (b"-1e400", -math.inf),
    (b'"\\ud800"', "\ud800"),
    (b'{"a":1,"a":2}', {"a": 2}),
    (b" \n\t[1 , 2]\r\n", [1, 2]),
    (b"[" * 300 + b"]" * 300, "deep"),
    (b'"\\u00e9\\ud83d\\ude00"', "\u00e9\U0001f600"),
]


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize(("raw", "expected"), ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_inputs_agree(name: str, raw: bytes, expected: Any) -> None:
    if name == "orjson" and isinstance(expected, int) and expected >= 2**64:
        expected = float(expected)  # documented: orjson reads these as floats
    result = codec._select(name)[1](raw)
    if expected == "deep":
        depth = 0
        while result:
            result, depth = result[0], depth + 1
        assert depth == 299
    else:
        assert result == expected


def test_orjson_big_int_limitation_is_as_documented() -> None:
    big = 123456789012345678901234567890
    _, loads = codec._select("orjson")
    assert loads(str(big).encode()) == float(big)
    assert loads(str(2**64 - 1).encode()) == 2**64 - 1
    for name in BACKENDS:  # encoding big ints is exact everywhere
        assert codec._select(name)[0]([big, -big]) == f"[{big},{-big}]".encode()


BAD_INPUTS = [
    b"", b" ", b"{", b'{"a":}', b"[1,]", b"{'a':1}", b'{"a":1} x', b"NaN", b"[Infinity]",
    b"-Infinity", b"nan", b'"\t"', b'"\\x"', b"\xff", b'"\xc3("', b"\xef\xbb\xbf{}",
    b"[" * 5000 + b"]" * 5000, b"\x00", b"01", b"1.", b".5", b"+1", b"tru",
]  # fmt: skip


@pytest.mark.parametrize("raw", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_json_raises_value_error(backend: tuple[Dumps, Loads], raw: bytes) -> None:
    _, loads = backend
    forms: list[Any] = [raw, bytearray(raw), memoryview(raw)]
    with contextlib.suppress(UnicodeDecodeError):
        forms.append(raw.decode())
    for form in forms:
        with pytest.raises(ValueError, match="invalid JSON") as info:
            loads(form)
        assert type(info.value) is ValueError
        assert info.value.__cause__ is not None


class Inner(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(populate_by_name=True)
    kind: str = pydantic.Field(alias="type")
    note: str | None = None


class Outer(pydantic.BaseModel):
    name: str
    inner: Inner
    score: float = 1.0
    when: datetime | None = None


class DuckModel:
    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        return {"kwargs": sorted(kwargs.items())}


def test_models_use_model_dump(backend: tuple[Dumps, Loads]) -> None:
    dumps, loads = backend
    model = Outer(name="x", inner=Inner(kind="t"), when=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    # by_alias, exclude_unset (unset defaults are not sent), mode="json" (datetime as text)
    expected = {"name": "x", "inner": {"type": "t"}, "when": "2024-01-02T03:04:05Z"}
    assert loads(dumps(model)) == expected
    assert loads(dumps({"items": [model]})) == {"items": [expected]}
    assert loads(dumps(DuckModel())) == {
        "kwargs": [["by_alias", True], ["exclude_unset", True], ["mode", "json"]]
    }


def test_model_class_is_not_a_model(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend
    with pytest.raises(TypeError):
        dumps(Outer)


def test_datetimes_use_isoformat(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend
    aware = datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2024, 1, 2, 3, 4, 5)
    utc = datetime(2024, 1, 2, tzinfo=UTC)
    expected = f'["{aware.isoformat()}","{naive.isoformat()}","{utc.isoformat()}"]'.encode()
    assert dumps([aware, naive, utc]) == expected


@dataclass
class Point:
    x: int


@pytest.mark.parametrize(
    "value",
    [object(), {1, 2}, b"bytes", Point(1), datetime(2024, 1, 1).date(), [1, object()], {"a": {1}}],
    ids=["object", "set", "bytes", "dataclass", "date", "nested", "nested-set"],
)
def test_unserializable_raises_type_error(backend: tuple[Dumps, Loads], value: Any) -> None:
    dumps, _ = backend
    with pytest.raises(TypeError):
        dumps(value)


def test_circular_and_surrogates_raise_type_error(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend
    loop: list[Any] = []
    loop.append(loop)
    for value in (loop, "\ud800", {"k": ["\udfff"]}):
        with pytest.raises(TypeError):
            dumps(value)


def test_too_deep_raises_type_error(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(TypeError):
        dumps(deep)


def test_non_finite_floats_become_null(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend
    value = {
        "a": [math.nan, math.inf, -math.inf, 1.5],
        "m": Outer(name="n", inner=Inner(kind="k"), score=math.nan),
    }
    assert (
        dumps(value)
        == b'{"a":[null,null,null,1.5],"m":{"name":"n","inner":{"type":"k"},"score":null}}'
    )
    assert dumps((math.nan,)) == b"[null]"


def test_non_str_keys_and_deep_nesting_match_stdlib(backend: tuple[Dumps, Loads]) -> None:
    dumps, loads = backend
    assert dumps({1: "a", "b": 2}) == b'{"1":"a","b":2}'
    deep: Any = []
    for _ in range(300):  # beyond orjson's encoder depth limit
        deep = [deep]
    assert dumps(deep) == b"[" * 301 + b"]" * 301
    assert loads(dumps(deep)) == deep


def test_str_subclasses_and_tuples(backend: tuple[Dumps, Loads]) -> None:
    dumps, _ = backend

    class Tag(str):
        pass

    assert dumps({"t": Tag("x"), "p": (1, 2)}) == b'{"t":"x","p":[1,2]}'


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(deadline=None, max_examples=200)
@given(json_values)
def test_backends_agree_on_generated_values(value: Any) -> None:
    texts = {codec._select(name)[0](value) for name in BACKENDS}
    decoded = [codec._select(name)[1](text) for name in BACKENDS for text in texts]
    assert all(d == decoded[0] for d in decoded)
    assert json.loads(next(iter(texts))) == value


@pytest.mark.parametrize("size", [10, 1_000, 50_000])
def test_dumps_holds_only_the_json_not_the_encoders_buffer(size: int) -> None:
    """orjson returns its working buffer (4 KB for a 44-byte body, ~8x beyond): a request
    body in flight held that much. What dumps returns costs about its own length."""
    import tracemalloc

    body = {"model": "gpt-4.1-mini", "input": "x" * size}
    tracemalloc.start()
    try:
        out = codec.dumps(body)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert out == json.dumps(body, separators=(",", ":")).encode()
    assert held < len(out) + 512
