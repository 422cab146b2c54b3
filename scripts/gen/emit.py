"""Writing the types' Python source: literals, docstrings, the fixed `_files` module."""

from __future__ import annotations

import textwrap
from typing import Any

from .paths import HEADER


def quote_names(expr: str) -> str:
    return repr(expr)


def py_literal(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


# Typographic characters the spec's prose uses that ruff flags as ambiguous (RUF002).
_PLAIN = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'"})


def docstring(text: Any, indent: str) -> str:
    if not isinstance(text, str) or not text.strip():
        return ""
    para = (
        text.strip().split("\n\n")[0].translate(_PLAIN).replace("\\", "\\\\").replace('"""', "'''")
    )
    para = " ".join(para.split())
    if para.endswith('"'):
        para += " "
    wrapped = textwrap.fill(para, 96 - len(indent), break_long_words=False)
    body = textwrap.indent(wrapped, indent).lstrip()
    if "\n" in body:
        return f'{indent}"""{body}\n{indent}"""'
    return f'{indent}"""{body}"""'


FILES_MODULE = (
    HEADER
    + '''"""What a file upload parameter accepts (multipart bodies are built in ``_core``)."""

from __future__ import annotations

import os
from typing import IO, TypeAlias

__all__ = ["FileContent", "FileTypes"]

FileContent: TypeAlias = bytes | IO[bytes] | os.PathLike[str]
"""The bytes, a binary file object, or (natively) a path."""

FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
)
"""Content, or ``(filename, content)``, or ``(filename, content, content_type)``."""
'''
)
