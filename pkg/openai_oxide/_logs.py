"""What the SDK logs, and the `OPENAI_LOG` switch (read as the official SDK reads it).

Everything goes to the `openai_oxide` logger through the standard `logging` module, so it
works the same natively and under Pyodide. INFO: one line per answer (method, URL, status,
request id, elapsed) and one per retry (reason, delay). DEBUG adds each attempt as it is
sent and each failure. Never a header (so never the key), never a query value whose name
looks secret, never a body unless bodies are asked for with `OPENAI_LOG_BODIES=1` (or
`log_bodies(True)`), at DEBUG.

When the logger is off this costs two `isEnabledFor` calls per request (cached by `logging`):
callers guard with `log.isEnabledFor` before building any argument.
"""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from ._core.http import Request, ResponseHead

log = logging.getLogger("openai_oxide")

INFO = logging.INFO
DEBUG = logging.DEBUG

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}
# Query parameters whose values are never logged (Azure SAS tokens, keys passed by hand).
_SECRET_PARAMS = ("key", "token", "secret", "sig", "signature", "password", "credential")
_BODY_LIMIT = 4096

_bodies = os.environ.get("OPENAI_LOG_BODIES", "").lower() in ("1", "true", "yes")


def setup_logging() -> None:
    """`OPENAI_LOG=debug|info|...`: a basic handler and that level for `openai_oxide`,
    as the official SDK does for `openai`; any other value (or none) leaves logging to
    the application."""
    level = _LEVELS.get(os.environ.get("OPENAI_LOG", ""))
    if level is None:
        return
    logging.basicConfig(
        format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
    )
    log.setLevel(level)


def log_bodies(on: bool) -> None:
    """Log request and response bodies at DEBUG (off by default: they hold user data)."""
    global _bodies
    _bodies = on


def safe_url(url: str) -> str:
    """`url` without credentials: no userinfo, and secret-looking query values hidden."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = parts.query
    if query:
        pairs = [
            (k, "<redacted>" if any(s in k.lower() for s in _SECRET_PARAMS) else v)
            for k, v in parse_qsl(query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="<>")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def body(kind: str, content: bytes | None) -> None:
    """Log a body at DEBUG when bodies were asked for (cut at 4 KiB)."""
    if not _bodies or content is None or not log.isEnabledFor(DEBUG):
        return
    text = content[:_BODY_LIMIT].decode("utf-8", "replace")
    more = len(content) - _BODY_LIMIT
    log.debug("%s body: %s%s", kind, text, f" ... ({more} more bytes)" if more > 0 else "")


# The request loop's lines (`_base.BaseClient._send_once`); each is called only after an
# `log.isEnabledFor` check, so their formatting never runs while logging is off.


def sending(request: Request, attempt: int) -> None:
    log.debug("Sending %s %s (attempt %d)", request.method, safe_url(request.url), attempt + 1)
    body("Request", request.body)


def answered(head: ResponseHead, answer: object) -> None:
    """One line per answer: method, URL, status, request id, time to this point (the
    headers of a stream, the whole body otherwise)."""
    request = head.request
    log.info(
        "HTTP %s %s -> %d (request id %s, %.3fs)",
        request.method,
        safe_url(request.url),
        head.status,
        head.request_id,
        head.elapsed,
    )
    if isinstance(answer, bytes):
        body("Response", answer)


def status_retry(head: ResponseHead, content: bytes, delay: float | None, retries: int) -> None:
    body("Response", content)
    reason = f"status {head.status}"
    _retry(head.request, reason, head.request_id, delay, head.retries_taken, retries)


def failed(
    request: Request, exc: Exception, delay: float | None, attempt: int, retries: int, since: float
) -> None:
    log.debug(
        "%s %s failed after %.3fs: %s",
        request.method,
        safe_url(request.url),
        time.monotonic() - since,
        type(exc).__name__,
    )
    _retry(request, type(exc).__name__, None, delay, attempt, retries)


def _retry(
    request: Request,
    reason: str,
    request_id: str | None,
    delay: float | None,
    attempt: int,
    retries: int,
) -> None:
    url = safe_url(request.url)
    if delay is None:
        log.debug("Not retrying %s %s after %s", request.method, url, reason)
        return
    log.info(
        "Retrying %s %s in %.3fs after %s (request id %s; retry %d of %d)",
        request.method,
        url,
        delay,
        reason,
        request_id,
        attempt + 1,
        retries,
    )
