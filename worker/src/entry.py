"""A Cloudflare Python Worker that answers through openai-oxide.

    GET|POST /            stream the answer as Server-Sent Events, as it arrives:
                              event: delta   data: "<text delta, JSON string>"
                              event: done    data: {"id", "model", "output_text", "request_id"}
                              event: error   data: {"error": {...}}   (failure mid-stream)
    GET|POST /?mode=json  the whole answer: {"id", "model", "output_text"}

The prompt is `?q=...` or the request body. Bindings: OPENAI_API_KEY (a secret),
OPENAI_BASE_URL and OPENAI_MODEL (vars, optional). An API error becomes a 5xx JSON answer
that names the upstream status and request id (429 stays 429 so callers can back off).

The stream is pull-based: the runtime asks for the next chunk when the client is ready for
it, and a client that goes away cancels the SDK stream, which aborts the upstream fetch.
Nothing runs after `fetch` returns except that pull, so no `ctx.waitUntil` is needed.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from workers import Request, Response, WorkerEntrypoint

from openai_oxide import APIConnectionError, APIError, APIStatusError, APITimeoutError, AsyncOpenAI

DEFAULT_MODEL = "gpt-4.1-mini"


class Default(WorkerEntrypoint):
    async def fetch(self, request: Request) -> Response:
        query = parse_qs(urlsplit(request.url).query)
        prompt = query.get("q", [""])[0] or await request.text()
        if not prompt:
            return Response.from_json(
                {"error": {"message": "give a prompt as ?q= or the body"}}, 400
            )
        client = AsyncOpenAI(
            api_key=self.env.OPENAI_API_KEY,
            base_url=getattr(self.env, "OPENAI_BASE_URL", None) or None,
        )
        model = getattr(self.env, "OPENAI_MODEL", None) or DEFAULT_MODEL
        try:
            if query.get("mode", [""])[0] == "json":
                response = await client.responses.create(model=model, input=prompt)
                return Response.from_json(_summary(response))
            # Awaiting create() returns once the headers are in, so an HTTP error is still
            # raised here and becomes a proper status; later failures go into the stream.
            stream = await client.responses.create(model=model, input=prompt, stream=True)
        except APIError as exc:
            return _error_response(exc)
        return Response(
            _readable_stream(_sse(stream)),
            headers={
                "content-type": "text/event-stream; charset=utf-8",
                "cache-control": "no-store",
            },
        )


async def _sse(stream: Any) -> AsyncIterator[bytes]:
    """SDK events -> SSE frames: one per text delta, then `done` (or `error`)."""
    try:
        async for event in stream:
            if event.type == "response.output_text.delta":
                yield _frame("delta", event.delta)
            elif event.type == "response.completed":
                yield _frame("done", {**_summary(event.response), "request_id": stream.request_id})
    except APIError as exc:
        yield _frame("error", _error_body(exc))
    finally:
        await stream.close()


def _readable_stream(chunks: AsyncIterator[bytes]) -> Any:
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
        await chunks.aclose()  # a no-op then; closes it here if no pull was in flight
        _destroy()

    proxies = [create_proxy(pull), create_proxy(cancel)]

    def _destroy() -> None:
        while proxies:
            proxies.pop().destroy()

    return ReadableStream.new(pull=proxies[0], cancel=proxies[1])


def _summary(response: Any) -> dict[str, Any]:
    return {"id": response.id, "model": response.model, "output_text": response.output_text}


def _frame(event: str, data: object) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _error_body(exc: APIError) -> dict[str, Any]:
    return {
        "error": {
            "type": type(exc).__name__,
            "message": exc.message,
            "upstream_status": exc.status_code,
            "request_id": exc.request_id,
        }
    }


def _error_response(exc: APIError) -> Response:
    if isinstance(exc, APITimeoutError):
        status = 504
    elif isinstance(exc, APIStatusError) and exc.status_code == 429:
        status = 429
    elif isinstance(exc, APIConnectionError | APIStatusError):
        status = 502
    else:
        status = 500
    headers = {"x-upstream-request-id": exc.request_id} if exc.request_id else None
    return Response.from_json(_error_body(exc), status, headers=headers)
