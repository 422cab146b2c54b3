"""`AsyncStream`: SSE bytes from a transport in, typed events out.

The decoder of each endpoint maps one `ServerSentEvent` to an item. What ends the stream
(`data: [DONE]`, an `event: done`, or the body simply ending) and what is a keep-alive
(`ping` events, empty data) is decided here, once, by `_core.sse.signal_of`: a keep-alive
never reaches a decoder or the caller. Framing faults and undecodable events become
`StreamError`, a dropped connection `APIConnectionError`, and an `error` event
`StreamEventError` once every event has been yielded. Leaving early (break, close, cancel)
aborts the transfer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import Any, Generic, NamedTuple, Protocol, Self, TypeVar

from ._core.errors import APIConnectionError, APIError, StreamError, StreamEventError
from ._core.http import ResponseHead
from ._core.sse import SIGNAL_EVENT_LINES, ServerSentEvent, SSEDecoder, SSEError, signal_of
from ._core.strictness import checked, describe
from ._timing import Deadline
from ._transport.base import TransportResponse

E = TypeVar("E")


class RaiseAtEnd(Generic[E]):
    """A decoder result: yield `item` (an `error` event) and the events after it, then raise
    what `payload` reports, so nothing the server sent is lost."""

    __slots__ = ("item", "payload")

    def __init__(self, item: E, payload: dict[str, Any]) -> None:
        self.item = item
        self.payload = payload


EventDecoder = Callable[[ServerSentEvent], "E | RaiseAtEnd[E]"]


class FastPath(NamedTuple, Generic[E]):
    """A `JSONEvents` decoder's parts: `validate` reads an event's data bytes; `decode`
    decodes any event; an item of a class in `slow` (an `error` event) is decoded again
    by `decode`."""

    validate: Callable[[bytes], E]
    decode: EventDecoder[E]
    slow: tuple[type[Any], ...] = ()


class JSONEvents(Generic[E]):
    """An `EventDecoder` for streams whose answer events are JSON of one type, with the
    fast path `AsyncStream` takes: an event's data bytes go straight to pydantic-core, with
    no `ServerSentEvent`, str (decoded, then encoded back for non-ASCII text) or decoder
    call in between (a 21-event Responses stream: -160 kIr, 3% of the whole call). What
    fails there goes through `decode`, as every event did before, so the items are the
    same. `load` gives the parts on first use (the models are imported then)."""

    __slots__ = ("_load", "_parts")

    def __init__(self, load: Callable[[], FastPath[E]]) -> None:
        self._load = load
        self._parts: FastPath[E] | None = None

    @property
    def parts(self) -> FastPath[E]:
        if self._parts is None:
            self._parts = self._load()
        return self._parts

    def __call__(self, sse: ServerSentEvent) -> E | RaiseAtEnd[E]:
        return self.parts.decode(sse)


class StreamDecoder(Generic[E]):
    """Decodes one SSE event at a time into an item, as every event stream does (HTTP or
    WebSocket): under `strict`, a mismatch is a StreamError; an undecodable event carrying
    `{"error": ...}` raises that error; an `error` event (`RaiseAtEnd`) is returned as its
    item and its payload kept in `failure`, for `raise_failure()` once the events are out."""

    __slots__ = ("_decode", "_strict", "failure", "fast", "head")

    def __init__(self, decode: EventDecoder[E], head: ResponseHead, *, strict: bool) -> None:
        self._decode = decode
        self._strict = strict
        self.head = head
        self.failure: dict[str, Any] | None = None
        # A `JSONEvents` decoder's parts; its own decoder then decodes the usual way.
        self.fast = decode.parts if isinstance(decode, JSONEvents) else None
        if self.fast is not None:
            self._decode = self.fast.decode

    def decode(self, sse: ServerSentEvent) -> E:
        try:
            item = checked(self._decode, sse, True) if self._strict else self._decode(sse)
        except APIError:
            raise
        except ValueError as exc:
            payload = _json_or_none(sse)
            if isinstance(payload, dict) and payload.get("error"):
                raise_stream_error(self.head, payload)
            raise StreamError(
                self.head,
                _preview(sse.data),
                message=f"Malformed event in stream (event {sse.event or 'message'!r}): "
                + describe(exc),
            ) from exc
        if isinstance(item, RaiseAtEnd):
            self.failure = self.failure or item.payload
            return item.item
        return item

    def raise_failure(self) -> None:
        """Raise the first `error` event's error, if there was one."""
        if self.failure is not None:
            raise_stream_error(self.head, self.failure)


class EventStream(Generic[E]):
    """What every stream of events offers, whatever carries it: `async for`, `close()`,
    `async with`, and the `response` head. Subclasses set `response` and `_iterator`."""

    response: ResponseHead
    _iterator: AsyncIterator[E]

    @property
    def request_id(self) -> str | None:
        return self.response.request_id

    def __aiter__(self) -> AsyncIterator[E]:
        return self._iterator

    async def __anext__(self) -> E:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        raise NotImplementedError

    async def aclose(self) -> None:
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


class AsyncStream(EventStream[E]):
    """Iterate with `async for`; use `async with` or `close()` to leave early. With
    `strict`, an event that does not match its model is a StreamError."""

    def __init__(
        self,
        head: ResponseHead,
        response: TransportResponse,
        decode: EventDecoder[E],
        deadline: Deadline,
        *,
        strict: bool = False,
    ) -> None:
        self.response = head
        self._transport_response = response
        self._decoder = StreamDecoder(decode, head, strict=strict)
        self._deadline = deadline
        self._iterator = self._events()

    async def _events(self) -> AsyncIterator[E]:
        # One generator per stream, with the read timeout's watch, the SSE framing and, for
        # a `JSONEvents` decoder, the decoding of the usual event inline: every Python call
        # on the way costs a little on each event.
        decoder = SSEDecoder()
        feed = decoder.feed
        decode = self._decoder.decode
        fast = self._decoder.fast
        whole = decoder.whole_events if fast is not None else None
        validate, slow = (fast.validate, fast.slow) if fast is not None else (_untyped, ())
        chunks = aiter(self._transport_response.aiter_bytes())
        watch = self._deadline.watch(self.response.request)
        fault: SSEError | None = None
        ended = False
        try:
            while not ended and fault is None:
                watch.start()
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    decoder.feed_eof()  # raises SSEError for a malformed last line
                    break
                except asyncio.CancelledError as exc:
                    watch.raise_if_expired(exc)  # a read timeout
                    raise
                finally:
                    watch.waiting = False
                blocks = whole(chunk) if whole is not None else None
                if blocks is not None:
                    for i, block in enumerate(blocks):
                        # An answer event: one `data: ` line after one `event: ` line or
                        # not, whose data `signal_of` would read as an answer's JSON
                        # object (the name is no signal; "ping" can only be in a
                        # non-ASCII object under 48 characters if it is in the data).
                        if block[:6] == b"data: ":
                            data = block[6:]
                            usual = 0x0A not in data
                        else:
                            line, found, data = block.partition(b"\ndata: ")
                            usual = (
                                found == b"\ndata: "
                                and line[:7] == b"event: "
                                and 0x0A not in data
                                and 0x0A not in line
                                and line not in SIGNAL_EVENT_LINES
                                and line.isascii()
                            )
                        if (
                            usual
                            and data[:1] == b"{"
                            and data[-1:] == b"}"
                            and len(data) >= 48
                            and (b"ping" not in data or data.isascii())
                        ):
                            try:
                                item = validate(data)
                            except ValueError:
                                pass  # decoded the usual way below: leniently, or an error
                            else:
                                if type(item) not in slow:
                                    yield item
                                    continue
                        # The rest of the chunk goes the usual way, from this event on.
                        chunk = b"\n\n".join(blocks[i:]) + b"\n\n"
                        break
                    else:
                        continue
                try:
                    batch = feed(chunk)
                except SSEError as exc:
                    batch, fault = exc.events, exc  # the events before the fault come first
                for sse in batch:
                    signal = signal_of(sse)
                    if signal is None:
                        yield decode(sse)
                    elif signal == "end":
                        ended = True  # the end counts, even with a fault after it
                        break
            if fault is not None and not ended:
                raise fault
        except SSEError as exc:
            raise StreamError(self.response, message=f"Malformed event stream: {exc}") from exc
        except APIConnectionError as exc:  # a drop or a read timeout after the head arrived
            if exc.request_id is None:
                exc.request_id = self.response.request_id
            raise
        finally:
            watch.stop()
            await self._transport_response.aclose()
        self._decoder.raise_failure()

    async def close(self) -> None:
        """Stop reading and abort the transfer. Safe to call more than once."""
        await self._iterator.aclose()  # type: ignore[attr-defined]
        self._deadline.release()  # the head's timer, if no read took it over
        await self._transport_response.aclose()


class StreamFactory(Protocol[E]):
    """What builds a stream over an answer: `AsyncStream`, or a subclass's constructor with
    its own arguments bound (`_resume.ResumingStream`)."""

    def __call__(
        self,
        head: ResponseHead,
        response: TransportResponse,
        decode: EventDecoder[E],
        deadline: Deadline,
        *,
        strict: bool = ...,
    ) -> AsyncStream[E]: ...


def raise_stream_error(head: ResponseHead, payload: dict[str, Any]) -> None:
    """Raise the error that an `error` event or `{"error": ...}` chunk reports."""
    err = payload.get("error") or payload  # an `error` event may carry `"error": null`
    message = err.get("message") if isinstance(err, dict) else None
    text = f"An error occurred during streaming: {message if message else repr(err)}"
    raise StreamEventError(text, head, body=err)


def _untyped(data: bytes) -> Any:
    raise ValueError("no bytes path")  # never called: `whole` is None without a fast path


def _preview(data: str, limit: int = 200) -> str:
    return data if len(data) <= limit else data[:limit] + "…"


def _json_or_none(sse: ServerSentEvent) -> Any:
    try:
        return sse.json()
    except ValueError:
        return None


class _Closable(Protocol):
    async def close(self) -> None: ...


S = TypeVar("S", bound=_Closable)


class AsyncStreamManager(Generic[S]):
    """What the `stream(...)` helpers return: `async with` sends the request on entry and
    closes the stream on exit, however the block ends."""

    def __init__(self, open_stream: Callable[[], Awaitable[S]]) -> None:
        self._open = open_stream
        self._stream: S | None = None

    async def __aenter__(self) -> S:
        self._stream = await self._open()
        return self._stream

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._stream is not None:
            await self._stream.close()


class HelperStream(EventStream[E]):
    """Base of the helper streams (`responses.stream`, `chat.completions.stream`):
    iteration, `until_done()`, `close()` and `async with` over a raw `EventStream`, whose
    `response` head it shares. Subclasses set their state, then call
    `super().__init__(raw)`, and define `_events()`."""

    def __init__(self, raw: EventStream[Any]) -> None:
        self._raw = raw
        self.response = raw.response
        self._iterator = self._events()

    def _events(self) -> AsyncIterator[E]:
        raise NotImplementedError

    async def until_done(self) -> Self:
        async for _ in self:
            pass
        return self

    async def close(self) -> None:
        await self._raw.close()
