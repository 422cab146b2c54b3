"""Reading requests and writing results in the Batch API's line formats.

An input line is `{"custom_id", "method", "url", "body"}`; an output or error line is
`{"id", "custom_id", "response": {"status_code", "request_id", "body"} | None,
"error": {"code", "message"} | None}`, as the Batch API's output and error files.

Files are read a line at a time, never whole. Results are appended one `write` per line, so
a run killed at any moment leaves at most its last line torn: `open_sink` cuts that line
off and returns the ids already written, which the runner then skips.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from ..._core import codec
from ..._core.errors import OpenAIError

__all__ = [
    "BulkInputError",
    "JsonlSink",
    "MemorySink",
    "ResultSink",
    "Source",
    "aiter_records",
    "check_record",
    "open_sink",
    "read_jsonl",
    "result_line",
]

# What `bulk.run` takes as input: a JSONL path, or records (sync or async).
Source = str | os.PathLike[str] | Iterable[dict[str, Any]] | AsyncIterable[dict[str, Any]]
_METHODS = frozenset({"POST", "GET", "DELETE"})


class BulkInputError(OpenAIError, ValueError):
    """Input the bulk runner or its Batch API engine cannot use: a request line, a results
    or state file; `where` names it (`file:line`, `record N`, a path), when there is one."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message if where is None else f"{where}: {message}")
        self.where = where


class ResultSink(Protocol):
    """Where finished requests go, one Batch API output line (a dict) at a time.

    `write_result` takes a line for the output file (a 2xx answer), `write_error` one for
    the errors file (any other status, or `error` set). Each `custom_id` is written once.
    """

    async def write_result(self, line: dict[str, Any]) -> None: ...

    async def write_error(self, line: dict[str, Any]) -> None: ...


def check_record(record: object, where: str) -> dict[str, Any]:
    """The record if it is a usable Batch API request line, else BulkInputError."""
    if not isinstance(record, dict):
        raise BulkInputError(f"a request must be a JSON object, not {type(record).__name__}", where)
    custom_id = record.get("custom_id")
    if not isinstance(custom_id, str) or not custom_id:
        raise BulkInputError("`custom_id` must be a non-empty string", where)
    method = record.get("method", "POST")
    if method not in _METHODS:
        raise BulkInputError(f"`method` must be one of {sorted(_METHODS)}, not {method!r}", where)
    url = record.get("url")
    if not isinstance(url, str) or not url.startswith("/"):
        raise BulkInputError("`url` must be a path such as '/v1/chat/completions'", where)
    if not isinstance(record.get("body", {}), dict):
        raise BulkInputError("`body` must be a JSON object", where)
    return record


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """(line number, decoded value) for each non-blank line, read one line at a time."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            if raw.strip():
                try:
                    yield number, codec.loads(raw)
                except ValueError as exc:
                    raise BulkInputError(f"not JSON ({exc})", f"{path}:{number}") from exc


async def aiter_records(source: Source) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """(where, record) for each input record, checked, from a path or (async) iterable."""
    if isinstance(source, str | os.PathLike):
        for number, value in read_jsonl(source):
            where = f"{source}:{number}"
            yield where, check_record(value, where)
    elif isinstance(source, AsyncIterable):
        count = 0
        async for value in source:
            count += 1
            yield f"record {count}", check_record(value, f"record {count}")
    else:
        for count, value in enumerate(source, 1):
            yield f"record {count}", check_record(value, f"record {count}")


def result_line(
    custom_id: str,
    *,
    status: int | None,
    request_id: str | None,
    body: object,
    error: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Batch API output line; `status=None` for a request that got no answer."""
    response = (
        None if status is None else {"status_code": status, "request_id": request_id, "body": body}
    )
    return {
        "id": f"batch_req_{os.urandom(12).hex()}",
        "custom_id": custom_id,
        "response": response,
        "error": error,
    }


def _done_ids(path: Path, into: set[str]) -> None:
    """Add the ids in a results file to `into`, cutting off a torn last line."""
    if not path.exists():
        return
    kept = 0
    with open(path, "rb+") as f:
        for number, raw in enumerate(f, 1):
            if not raw.endswith(b"\n"):
                break  # killed mid-write: this line was never finished
            kept += len(raw)
            if not raw.strip():
                continue
            try:
                custom_id = codec.loads(raw)["custom_id"]
            except (ValueError, KeyError, TypeError) as exc:
                raise BulkInputError(
                    "not a results line: move this file aside or fix the line", f"{path}:{number}"
                ) from exc
            into.add(str(custom_id))
        f.truncate(kept)


class JsonlSink:
    """Appends output lines to `output` and error lines to `errors`, one write each."""

    def __init__(self, output: Path, errors: Path) -> None:
        self.output, self.errors = output, errors
        self._files = {
            "out": open(output, "ab", buffering=0),  # noqa: SIM115 - closed by close()
            "err": open(errors, "ab", buffering=0),  # noqa: SIM115
        }

    async def write_result(self, line: dict[str, Any]) -> None:
        self._files["out"].write(codec.dumps(line) + b"\n")

    async def write_error(self, line: dict[str, Any]) -> None:
        self._files["err"].write(codec.dumps(line) + b"\n")

    def close(self) -> None:
        for f in self._files.values():
            f.close()


class MemorySink:
    """Keeps the lines in lists: for a page, or a caller that wants them in memory."""

    def __init__(self) -> None:
        self.results: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []

    async def write_result(self, line: dict[str, Any]) -> None:
        self.results.append(line)

    async def write_error(self, line: dict[str, Any]) -> None:
        self.errors.append(line)


def open_sink(
    output: str | os.PathLike[str], errors: str | os.PathLike[str] | None
) -> tuple[JsonlSink, set[str]]:
    """The sink appending to `output` and its errors file (default `<output
    stem>.errors.jsonl` beside it), and the ids the two already hold."""
    out = Path(output)
    err = Path(errors) if errors is not None else out.with_name(f"{out.stem}.errors.jsonl")
    if out.resolve() == err.resolve():
        raise BulkInputError("the errors file must differ from the output file", str(err))
    done: set[str] = set()
    _done_ids(out, done)
    _done_ids(err, done)
    return JsonlSink(out, err), done
