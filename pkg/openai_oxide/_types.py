"""Small names of the official top level: `NoneType`, `DataResidency`, `RequestOptions` and
`file_from_path`. Light on purpose: `import openai_oxide` loads this module."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, TypedDict

from ._core.request import Omit
from ._core.timeout import Timeout

__all__ = ["DataResidency", "NoneType", "RequestOptions", "file_from_path"]

NoneType: type[None] = type(None)

DataResidency = Literal["global", "us", "eu", "ae", "au", "in", "jp"]
"""The official client's named regional endpoints (`data_residency=`)."""


class RequestOptions(TypedDict, total=False):
    """The official per-request options record (a type; oxide's methods take the
    `extra_headers` / `extra_query` / `extra_body` / `timeout` keywords instead)."""

    headers: Mapping[str, str | Omit]
    max_retries: int
    timeout: float | Timeout | None
    params: Mapping[str, object]
    extra_json: Mapping[str, object]
    idempotency_key: str
    follow_redirects: bool


def file_from_path(path: str) -> tuple[str, bytes]:
    """`(file name, contents)` of the file at `path`, ready for any upload parameter."""
    with open(path, "rb") as file:
        return os.path.basename(path), file.read()
