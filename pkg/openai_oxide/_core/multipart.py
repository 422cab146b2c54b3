"""multipart/form-data bodies (RFC 7578), built as bytes so every transport sends the same.

Strategy: the caller's parameters are split into fields and files exactly as the official
SDK does. `extract_files` takes the file values out of the parameters at the given paths
(`["file"]`, `["image", "<array>"]`); the rest is flattened to form fields the way the
official SDK's `_serialize_multipartform` does (nested objects as `key[sub]`, arrays as
`key[]`, booleans as `true`/`false`, None left out). A file is given like the official
`FileTypes`: bytes, a binary file object, a path (`os.PathLike`, read with pathlib; native
only), or a tuple `(filename, content[, content_type[, headers]])`. Without a content type,
a file part's is guessed from its filename as httpx does for the official SDK
(`speech.mp3` -> `audio/mpeg`; the images API refuses `application/octet-stream`).

The result is plain bytes plus the content type with its boundary, so the body can be
sent again on a retry. The boundary is random unless given (tests pass one).
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .request import Omit

__all__ = ["MultipartBody", "encode_multipart", "extract_files", "read_file"]

FileTypes = Any  # bytes | IO[bytes] | os.PathLike | tuple(filename, content, [type, headers])

_DEFAULT_TYPE = "application/octet-stream"


class MultipartBody:
    """An encoded form: `content` (bytes) and the `content_type` header with the boundary."""

    __slots__ = ("content", "content_type")

    def __init__(self, content: bytes, content_type: str) -> None:
        self.content = content
        self.content_type = content_type


def extract_files(params: dict[str, Any], paths: Sequence[Sequence[str]]) -> list[tuple[str, Any]]:
    """Remove the files named by `paths` from `params`; return `(field name, file)` pairs.

    A path is a top-level key, optionally followed by `"<array>"`; a list of files is
    sent as repeated `key[]` parts, as the official SDK does.
    """
    found: list[tuple[str, Any]] = []
    for path in paths:
        key = path[0]
        if key not in params:
            continue
        value = params.pop(key)
        if value is None or isinstance(value, Omit):
            continue
        if isinstance(value, list):
            found.extend((key + "[]", entry) for entry in value)
        else:
            found.append((key, value))
    return found


def read_file(file: FileTypes) -> tuple[str, bytes, str, Mapping[str, str]]:
    """`(filename, content, content_type, extra headers)` for one file value.

    Raises TypeError for anything that is not a file (a `str` is refused: pass a path
    object, or bytes).
    """
    if isinstance(file, tuple):
        if not 2 <= len(file) <= 4:
            raise TypeError("a file tuple is (filename, content[, content_type[, headers]])")
        name = file[0] if file[0] is not None else "upload"
        _, content, _t, _h = _content(file[1])
        content_type = file[2] if len(file) > 2 and file[2] else _guess_type(str(name))
        headers = file[3] if len(file) > 3 and file[3] else {}
        return str(name), content, str(content_type), headers
    return _content(file)


def _content(file: Any) -> tuple[str, bytes, str, Mapping[str, str]]:
    if isinstance(file, bytes | bytearray | memoryview):
        return "upload", bytes(file), _DEFAULT_TYPE, {}
    if isinstance(file, os.PathLike):
        import pathlib

        path = pathlib.Path(file)
        return path.name, path.read_bytes(), _guess_type(path.name), {}
    if isinstance(file, io.IOBase) or hasattr(file, "read"):
        data = file.read()
        if isinstance(data, str):
            data = data.encode()
        name = getattr(file, "name", None)
        name = os.path.basename(name) if isinstance(name, str) and name else "upload"
        return name, bytes(data), _guess_type(name), {}
    raise TypeError(
        f"Expected a file as bytes, a file object, a path or a tuple, got {type(file).__name__}"
    )


def _guess_type(filename: str) -> str:
    import mimetypes  # on first upload: it reads the system's type tables

    return mimetypes.guess_type(filename)[0] or _DEFAULT_TYPE


def flatten_fields(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Form fields for the non-file parameters, in the official SDK's bracket notation."""
    out: list[tuple[str, str]] = []
    for key, value in params.items():
        _flatten(key, value, out)
    return out


def _flatten(key: str, value: Any, out: list[tuple[str, str]]) -> None:
    if value is None or isinstance(value, Omit):
        return
    if isinstance(value, Mapping):
        for sub, item in value.items():
            _flatten(f"{key}[{sub}]", item, out)
    elif isinstance(value, list | tuple | Iterator):  # an `Iterable` param may be a generator
        for item in value:
            _flatten(f"{key}[]", item, out)
    elif isinstance(value, bool):
        out.append((key, "true" if value else "false"))
    elif hasattr(value, "model_dump") and not isinstance(value, type):
        _flatten(key, value.model_dump(mode="json", by_alias=True, exclude_unset=True), out)
    else:
        out.append((key, str(value)))


def _quote(name: str) -> str:
    # WHATWG form encoding: escape quotes and line breaks in names and filenames.
    return name.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def encode_multipart(
    params: Mapping[str, Any],
    files: Sequence[tuple[str, FileTypes]],
    *,
    boundary: str | None = None,
) -> MultipartBody:
    """Encode the form fields of `params` and then the `files`, as one bytes body."""
    boundary = boundary or uuid.uuid4().hex
    sep = b"--" + boundary.encode("ascii")
    parts: list[bytes] = []
    for name, value in flatten_fields(params):
        parts.append(
            sep
            + f'\r\nContent-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, file in files:
        filename, content, content_type, extra = read_file(file)
        head = (
            f'\r\nContent-Disposition: form-data; name="{_quote(name)}"; '
            f'filename="{_quote(filename)}"\r\nContent-Type: {content_type}\r\n'
        )
        for k, v in extra.items():
            head += f"{k}: {v}\r\n"
        parts.append(sep + head.encode() + b"\r\n" + content + b"\r\n")
    body = b"".join(parts) + sep + b"--\r\n"
    return MultipartBody(body, f"multipart/form-data; boundary={boundary}")
