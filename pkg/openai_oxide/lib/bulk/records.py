"""Reading requests and writing results in the Batch API's line formats.

An input line is `{"custom_id", "method", "url", "body"}`; an output or error line is
`{"id", "custom_id", "response": {"status_code", "request_id", "body"} | None,
"error": {"code", "message"} | None}`, as the Batch API's output and error files.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["ResultSink"]


class ResultSink(Protocol):
    """Where finished requests go, one Batch API output line (a dict) at a time.

    `write_result` takes a line for the output file (a 2xx answer), `write_error` one for
    the errors file (any other status, or `error` set). Each `custom_id` is written once.
    """

    async def write_result(self, line: dict[str, Any]) -> None: ...

    async def write_error(self, line: dict[str, Any]) -> None: ...
