"""A local HTTP server that records each request line and its headers, then answers 400
(or the status it was started with).

Two SDKs sent the same calls to it can be compared request by request; the 400 makes
both raise `BadRequestError` at once (no retry, nothing to parse); a 500 makes them retry.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Recorded:
    method: str
    target: str  # path and query, as sent
    headers: dict[str, str]  # names lowercased
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _record(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.journal.append(Recorded(self.command, self.path, headers, body))
        payload = json.dumps({"error": {"message": "recorded", "type": "invalid_request_error"}})
        self.send_response(self.server.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload.encode())

    do_GET = do_POST = do_DELETE = _record

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    journal: list[Recorded]
    status: int


@contextmanager
def recording_server(status: int = 400) -> Iterator[tuple[str, list[Recorded]]]:
    """`(origin, journal)`: e.g. `("http://127.0.0.1:PORT", [...])`."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.journal, server.status = [], status
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.journal
    finally:
        server.shutdown()
        server.server_close()


def counter(prefix: str = "tok") -> Callable[[], str]:
    """A token provider that gives a new token per call (`tok-1`, `tok-2`, ...): equal
    sequences in two SDKs show that both call it once per request."""
    numbers = itertools.count(1)
    return lambda: f"{prefix}-{next(numbers)}"


def async_counter(prefix: str = "tok") -> Callable[[], Awaitable[str]]:
    """The same as an async provider."""
    sync = counter(prefix)

    async def provider() -> str:
        await asyncio.sleep(0)
        return sync()

    return provider
