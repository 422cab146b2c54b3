"""`_core.multipart`: fields and files to bytes, exactly, and back through the fake's parser."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from openai_oxide._core.multipart import encode_multipart, extract_files, flatten_fields, read_file
from openai_oxide._core.request import NOT_GIVEN
from openai_oxide.testing.forms import UploadedFile, parse_form


def test_exact_bytes_with_a_fixed_boundary() -> None:
    body = encode_multipart(
        {"purpose": "batch"}, [("file", ("a.txt", b"hi", "text/plain"))], boundary="BOUND"
    )
    assert body.content_type == "multipart/form-data; boundary=BOUND"
    assert body.content == (
        b'--BOUND\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhi\r\n--BOUND--\r\n"
    )
    again = encode_multipart(
        {"purpose": "batch"}, [("file", ("a.txt", b"hi", "text/plain"))], boundary="BOUND"
    )
    assert again.content == body.content


def test_nested_fields_like_the_official_sdk() -> None:
    fields = flatten_fields(
        {
            "chunking_strategy": {"type": "server_vad", "threshold": 0.5},
            "timestamp_granularities": ["word", "segment"],
            "stream": True,
            "skip": None,
            "omitted": NOT_GIVEN,
            "n": 2,
        }
    )
    assert fields == [
        ("chunking_strategy[type]", "server_vad"),
        ("chunking_strategy[threshold]", "0.5"),
        ("timestamp_granularities[]", "word"),
        ("timestamp_granularities[]", "segment"),
        ("stream", "true"),
        ("n", "2"),
    ]


def test_every_file_form(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"P")
    named = io.BytesIO(b"F")
    named.name = "/a/b/named.bin"
    assert read_file(b"B") == ("upload", b"B", "application/octet-stream", {})
    assert read_file(bytearray(b"B"))[1] == b"B"
    assert read_file(named)[:2] == ("named.bin", b"F")
    assert read_file(io.StringIO("text"))[:2] == ("upload", b"text")
    assert read_file(path)[:2] == ("x.bin", b"P")
    assert read_file(("t.txt", b"T")) == ("t.txt", b"T", "text/plain", {})
    # Without a type, the filename's is sent, as httpx does for the official SDK.
    assert read_file(("s.mp3", b"T"))[2] == "audio/mpeg"
    assert read_file(("no-extension", b"T"))[2] == "application/octet-stream"
    named.seek(0)
    assert read_file(named)[2] == "application/octet-stream"  # .bin: no registered type
    png = tmp_path / "a.png"
    png.write_bytes(b"P")
    assert read_file(png)[2] == "image/png"
    assert read_file(("t.txt", path, "text/plain", {"x-a": "1"})) == (
        "t.txt",
        b"P",
        "text/plain",
        {"x-a": "1"},
    )
    assert read_file((None, b"T"))[0] == "upload"
    with pytest.raises(TypeError):
        read_file("not a file")
    with pytest.raises(TypeError):
        read_file(("only-a-name",))


def test_extract_files_and_round_trip() -> None:
    params = {
        "image": [b"1", ("b.png", b"2", "image/png")],
        "mask": b"m",
        "prompt": "p",
        "none": None,
    }
    files = extract_files(params, [["image"], ["image", "<array>"], ["mask"], ["none"], ["absent"]])
    assert [name for name, _ in files] == ["image[]", "image[]", "mask"]
    assert params == {"prompt": "p"}
    body = encode_multipart(
        {**params, "meta": {"k": ["a", "b"]}},
        [*files, ("headers", ("h.txt", b"h", "text/plain", {"X-Extra": "1"}))],
    )
    form = parse_form(body.content_type, body.content)
    assert form is not None
    assert form["prompt"] == "p" and form["meta"] == {"k": ["a", "b"]}
    assert [f.content for f in form["image"]] == [b"1", b"2"]
    assert isinstance(form["mask"], UploadedFile) and form["mask"].content == b"m"
    assert parse_form("multipart/form-data", body.content) is None
    assert parse_form(body.content_type, b"garbage") is None


def test_quoted_names() -> None:
    body = encode_multipart({}, [("file", ('we"ird\nname.txt', b"x"))], boundary="B")
    assert b'filename="we%22ird%0Aname.txt"' in body.content
