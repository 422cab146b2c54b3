"""Streams of background responses that resume by themselves after a drop.

A background response (`responses.create(..., background=True, stream=True)`, or
`responses.retrieve(id, stream=True)`) lives on the server whether or not anyone reads
it, so a stream that drops (reset, read timeout, truncated body: an `APIConnectionError`
mid-stream) is reopened with `responses.retrieve(id, stream=True, starting_after=N)`,
N being the last `sequence_number` the caller saw. Events already yielded are skipped,
so the caller (and the helpers over it: `responses.stream`, the accumulators, early
parse) sees every event once, in order.

Up to `resume_attempts` reopenings in a row without a new event (the client option,
default 5; 0 turns this off), after the same backoff as retries; then
`StreamResumeError`, an `APIConnectionError` carrying the last request id.
"""

from __future__ import annotations

import asyncio
import functools
import random
import time
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

from ._core import retry
from ._core.errors import APIConnectionError
from ._core.request import path_param
from ._logs import INFO, log, safe_url
from ._streaming import AsyncStream, EventDecoder, EventStream

if TYPE_CHECKING:
    from ._base import BaseClient, CallOptions
    from ._core.http import Request, ResponseHead
    from ._timing import Deadline
    from ._transport.base import TransportResponse

__all__ = ["ResumingStream", "StreamResumeError", "resuming_stream"]

E = TypeVar("E")

_TERMINAL = frozenset({"response.completed", "response.failed", "response.incomplete"})


class StreamResumeError(APIConnectionError):
    """A background response's stream dropped and could not be resumed within
    `resume_attempts`; `request_id` is the last stream's, `response_id` the response's
    (resume it later with `responses.retrieve(response_id, stream=True, starting_after=
    last_sequence_number)`)."""

    def __init__(
        self,
        message: str,
        request: Request | None,
        *,
        request_id: str | None,
        response_id: str,
        last_sequence_number: int | None,
    ) -> None:
        super().__init__(message, request)
        self.request_id = request_id
        self.response_id = response_id
        self.last_sequence_number = last_sequence_number


async def resuming_stream(
    client: BaseClient,
    method: str,
    path: str,
    *,
    decode: EventDecoder[E],
    body: Mapping[str, object] | None = None,
    query: Mapping[str, object] | None = None,
    options: CallOptions,
) -> AsyncStream[E]:
    """`client.stream(...)` for a Responses stream, resuming by itself when it is a
    background response's (a `background=True` create, or a retrieve) and the client's
    `resume_attempts` is above 0."""
    attempts = client.resume_attempts
    background = method == "GET" or bool(body and body.get("background"))
    if not background or attempts <= 0:
        return await client.stream(
            method, path, decode=decode, body=body, query=query, options=options
        )
    after = (query or {}).get("starting_after")
    make = functools.partial(
        ResumingStream,
        client=client,
        options=options,
        attempts=attempts,
        response_id=unquote(path.rsplit("/", 1)[1]) if method == "GET" else None,
        after=after if isinstance(after, int) else None,
    )
    return await client.stream(
        method, path, decode=decode, body=body, query=query, options=options, stream_cls=make
    )


class ResumingStream(AsyncStream[E]):
    """An `AsyncStream` of Responses events (typed, or the helpers' (dict, typed) pairs)
    that reopens itself after a drop; see the module docstring. It reads its own answer
    first, then each reopened stream (`EventStream`s: only their events, head and close
    are used)."""

    def __init__(
        self,
        head: ResponseHead,
        response: TransportResponse,
        decode: EventDecoder[E],
        deadline: Deadline,
        *,
        strict: bool = False,
        client: BaseClient,
        options: CallOptions,
        attempts: int,
        response_id: str | None,
        after: int | None,
    ) -> None:
        # Set before the base builds the iterator (`_events` below reads them).
        self._client = client
        self._reopened: EventStream[E] | None = None
        self._decode = decode
        self._options = options
        self._attempts = attempts
        self.response_id = response_id
        self.last_sequence_number = after
        super().__init__(head, response, decode, deadline, strict=strict)

    async def _events(self) -> AsyncIterator[E]:
        failures = 0  # reopenings in a row without a new event
        complete = False  # the terminal event was yielded
        segment: AsyncIterator[E] | None = super()._events()  # this stream's own answer
        while True:
            try:
                if segment is None:
                    self._reopened = await self._reopen()
                    self.response = self._reopened.response
                    segment = aiter(self._reopened)
                async for item in segment:
                    event = item[1] if isinstance(item, tuple) else item
                    seq = getattr(event, "sequence_number", None)
                    last = self.last_sequence_number
                    if isinstance(seq, int):
                        if last is not None and seq <= last:
                            continue  # already yielded before the drop
                        self.last_sequence_number = seq
                        failures = 0
                    kind = getattr(event, "type", None)
                    if kind == "response.created":
                        self.response_id = getattr(getattr(event, "response", None), "id", None)
                    elif kind in _TERMINAL:
                        complete = True
                    yield item
                return
            except APIConnectionError as exc:
                if complete:
                    return  # a drop after the last event loses nothing
                await self._close_reopened()
                segment = None
                delay = self._delay(failures, exc)
                failures += 1
                await asyncio.sleep(delay)

    def _delay(self, failures: int, exc: APIConnectionError) -> float:
        """The wait before reopening, or `exc` (or StreamResumeError) when out of attempts."""
        response_id = self.response_id
        if response_id is None:
            raise exc  # the drop came before the response's id: nothing to resume
        request_id = self.response.request_id
        if failures >= self._attempts:
            message = (
                f"The stream of response {response_id} dropped and could not be resumed "
                f"after {self._attempts} attempts: {exc} (request id: {request_id})"
            )
            raise StreamResumeError(
                message,
                self.response.request,
                request_id=request_id,
                response_id=response_id,
                last_sequence_number=self.last_sequence_number,
            ) from exc
        delay = retry.retry_delay(
            failures, self._attempts, None, now=time.time(), random=random.random()
        )
        if log.isEnabledFor(INFO):
            log.info(
                "Resuming the stream of %s after %s in %.3fs (after event %s; %s; attempt %d)",
                response_id,
                type(exc).__name__,
                delay,
                self.last_sequence_number,
                safe_url(self.response.request.url),
                failures + 1,
            )
        return delay

    async def _reopen(self) -> EventStream[E]:
        assert self.response_id is not None
        query: dict[str, Any] = {"stream": True}
        if self.last_sequence_number is not None:
            query["starting_after"] = self.last_sequence_number
        path = f"/responses/{path_param(self.response_id)}"
        return await self._client.stream(
            "GET", path, decode=self._decode, query=query, options=self._options
        )

    async def _close_reopened(self) -> None:
        if self._reopened is not None:
            reopened, self._reopened = self._reopened, None
            await reopened.close()

    async def close(self) -> None:
        await super().close()  # the iterator and this stream's own answer
        await self._close_reopened()
