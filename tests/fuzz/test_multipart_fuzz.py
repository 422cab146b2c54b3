"""multipart/form-data encoding against any fields and files: the fields are flattened as
the official SDK's querystring does, and the body round-trips through a real server-side
parser (python-multipart, Starlette's) part by part, bytes for bytes. (The standard
library's email parser is no oracle: it splits header lines at U+0085 and U+2028.)"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from openai._qs import Querystring
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

from openai_oxide._core.multipart import encode_multipart, flatten_fields

# Text a caller can send (no lone surrogates: those cannot be encoded at all).
text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
keys = text.filter(lambda k: "[" not in k and "]" not in k)  # brackets are the notation
leaves = st.none() | st.booleans() | st.integers() | text | st.floats(allow_nan=False)
params = st.dictionaries(
    keys,
    st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(keys, inner, max_size=3), max_leaves=8),
    max_size=4,
)  # fmt: skip
names = text | st.sampled_from(['a"b', "a\r\nb", "a\\b", "é.png", "x.mp3", ""])
contents = st.binary(max_size=64) | st.sampled_from([b"\r\n--", b"--\r\n", b"\r\n\r\n"])
files = st.lists(
    st.tuples(names, st.one_of(
        contents,
        st.tuples(names, contents),
        st.tuples(names, contents, st.sampled_from(["text/plain", "image/png", None])),
        contents.map(io.BytesIO),
    )),
    max_size=3,
)  # fmt: skip


@given(params)
def test_fields_flatten_as_the_official_querystring(form: dict[str, Any]) -> None:
    official = Querystring().stringify_items(form, array_format="brackets")
    assert flatten_fields(form) == official


@given(params, files)
@example({"a": "v\r\n--x"}, [("file", ('f"\r\n.txt', b"\r\n--\r\n", "text/plain"))])
def test_the_body_round_trips_through_a_parser(form: dict[str, Any], uploads: list[Any]) -> None:
    expected_files = [(name, _read(value)) for name, value in uploads]
    body = encode_multipart(form, uploads)
    parts = parse(body.content_type, body.content)
    fields = flatten_fields(form)
    assert len(parts) == len(fields) + len(uploads)
    for (params, _, data), (name, value) in zip(parts[: len(fields)], fields, strict=True):
        assert params == {b"name": _escaped(name)}
        assert data == value.encode()
    for (params, ctype, data), (name, (filename, content, stated)) in zip(
        parts[len(fields) :], expected_files, strict=True
    ):
        assert params == {b"name": _escaped(name), b"filename": _escaped(filename)}
        assert ctype == stated.encode() if stated else ctype  # else guessed from the name
        assert data == content


Part = tuple[dict[bytes, bytes], bytes, bytes]  # disposition params, content type, data


def parse(content_type: str, body: bytes) -> list[Part]:
    """The parts of a body, as python-multipart's callbacks report them."""
    _, options = parse_options_header(content_type)
    parts: list[Part] = []
    headers: dict[bytes, bytes] = {}
    field: list[bytes] = [b""]
    data: list[bytes] = []

    def begin() -> None:
        headers.clear()
        data.clear()

    def header_field(buf: bytes, start: int, end: int) -> None:
        field[0] += buf[start:end]

    def header_value(buf: bytes, start: int, end: int) -> None:
        key = field[0].lower()
        headers[key] = headers.get(key, b"") + buf[start:end]

    def header_end() -> None:
        field[0] = b""

    def end() -> None:
        _, params = parse_options_header(headers[b"content-disposition"])
        parts.append((params, headers.get(b"content-type", b""), b"".join(data)))

    parser = MultipartParser(options[b"boundary"], {
        "on_part_begin": begin, "on_header_field": header_field,
        "on_header_value": header_value, "on_header_end": header_end,
        "on_part_data": lambda buf, start, stop: data.append(buf[start:stop]),
        "on_part_end": end,
    })  # fmt: skip
    parser.write(body)
    parser.finalize()
    return parts


def _read(value: Any) -> tuple[str, bytes, str | None]:
    """(filename, content, content type if given) of one upload, as the encoder must send it."""
    if isinstance(value, tuple):
        name = value[0] if value[0] is not None else "upload"
        return name, value[1], value[2] if len(value) > 2 else None
    if isinstance(value, io.BytesIO):
        return "upload", value.getvalue(), None
    return "upload", value, None


def _escaped(name: str) -> bytes:
    """WHATWG's form encoding of a name: `"`, CR and LF percent-encoded (the rest as is)."""
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A").encode()
