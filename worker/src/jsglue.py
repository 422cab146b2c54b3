"""Between the JS `Request`/`Response` of a Workers runtime and the runtime-free `proxy`:
`call_from_js` reads a JS Request lazily, `js_body` turns an `Answer`'s body into what a
JS `Response` takes (a pull-based `ReadableStream` for a stream). Shared by entry.py (the
`workers` SDK) and entry_workerd.py (workerd 1.20240806.0's `on_fetch`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from proxy import Answer, Call


def call_from_js(request: Any) -> Call:
    url = urlsplit(str(request.url))
    headers = {str(pair[0]).lower(): str(pair[1]) for pair in request.headers.entries()}

    async def read_body() -> bytes:
        return bytes((await request.arrayBuffer()).to_bytes())

    return Call(
        str(request.method).upper(), url.path or "/", parse_qs(url.query), headers, read_body
    )


def js_body(answer: Answer) -> Any:
    """None for an empty body, a str for a JSON one, a ReadableStream for a stream."""
    if isinstance(answer.body, bytes):
        return answer.body.decode("utf-8") if answer.body else None
    return readable_stream(answer.body)


def readable_stream(chunks: AsyncIterator[bytes]) -> Any:
    """A JS ReadableStream that pulls `chunks` on demand (the runtime serves it as the body).

    A caller that goes away cancels the pull in flight, so the CancelledError lands in
    `chunks` where it waits upstream, and its `finally` closes the SDK stream (which aborts
    the fetch)."""
    from js import ReadableStream
    from pyodide.ffi import create_proxy, to_js

    pending: asyncio.Future[bytes] | None = None

    async def pull(controller: Any) -> None:
        nonlocal pending
        pending = asyncio.ensure_future(anext(chunks))
        try:
            chunk = await pending
        except StopAsyncIteration:
            controller.close()
            _destroy()
        except asyncio.CancelledError:
            pass  # cancel() below did it; the stream is already closed
        except BaseException as exc:
            controller.error(str(exc))
            _destroy()
            raise
        else:
            controller.enqueue(to_js(chunk))
        finally:
            pending = None

    async def cancel(_reason: Any = None) -> None:
        if (task := pending) is not None:
            task.cancel()
            await asyncio.wait([task])  # let the generator unwind (closing the SDK stream)
        await chunks.aclose()  # type: ignore[attr-defined]  # an async generator
        _destroy()

    proxies = [create_proxy(pull), create_proxy(cancel)]

    def _destroy() -> None:
        while proxies:
            proxies.pop().destroy()

    return ReadableStream.new(pull=proxies[0], cancel=proxies[1])
