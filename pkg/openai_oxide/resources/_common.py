"""What every endpoint group shares: one call helper per shape of endpoint.

A resource method only names its path, its result model and its parameters; these
helpers split per-call options from parameters, drop NOT_GIVEN values, send JSON or
multipart, and parse the answer into the model (or a tagged union, or bytes). Results are
validated straight from the answer's bytes, else built leniently (`types._lenient`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import FunctionType, NoneType
from typing import Any, ClassVar, TypeVar, overload

from .._base import CallOptions, list_fetcher, without_omitted
from .._binary import BinaryResponseContent
from .._core.sse import ServerSentEvent
from .._pagination import AsyncPage, AsyncPaginator
from .._resource import AsyncAPIResource
from .._resume import resuming_stream
from .._streaming import AsyncStream, FastPath, JSONEvents
from ..types._lenient import json_decoder, json_validator, python_decoder

__all__ = ["Enveloped", "Resource"]

T = TypeVar("T")

_DEFAULT_OPTIONS = CallOptions()


class Enveloped:
    """An event union tagged by the SSE `event:` name rather than a field of the data (the
    Assistants run stream): each event is validated as `{"event": name, "data": payload}`."""

    __slots__ = ("union",)

    def __init__(self, union: Any) -> None:
        self.union = union


def _event_decoder(event: Any) -> Callable[[ServerSentEvent], Any]:
    if isinstance(event, FunctionType | JSONEvents):  # a hand-written one (`decode_event`)
        given: Callable[[ServerSentEvent], Any] = event
        return given
    if isinstance(event, Enveloped):
        from .._core import codec

        validate = python_decoder(event.union)
        return lambda sse: validate(
            {"event": sse.event or "message", "data": codec.loads(sse.data)}
        )
    parse = json_decoder(event)

    def decode(sse: ServerSentEvent) -> Any:
        return parse(sse.data)

    return JSONEvents(lambda: FastPath(json_validator(event), decode))


def _query(params: Mapping[str, Any]) -> dict[str, Any]:
    """Query parameters without NOT_GIVEN values; objects in the official SDK's bracket
    notation (`metadata[key]=value`)."""
    out: dict[str, Any] = {}
    for key, value in without_omitted(params).items():
        if isinstance(value, Mapping):
            for sub, item in _query(value).items():
                out[f"{key}[{sub}]"] = item
        else:
            out[key] = value
    return out


def _files(
    payload: dict[str, Any] | None, files: Sequence[Sequence[str]] | None
) -> list[tuple[str, Any]] | None:
    """The file parts taken out of a multipart body (`files` names where they are; an
    empty `files` still sends a form), or None for a JSON body."""
    if files is None or payload is None:
        return None
    from .._core.multipart import extract_files

    return extract_files(payload, files)


def _ignore(content: bytes) -> None:
    return None


def _text(content: bytes) -> str:
    return content.decode("utf-8", "replace")


class Resource(AsyncAPIResource):
    """Base of the generated endpoint groups. `_headers` are sent with every call (e.g.
    the `OpenAI-Beta` header of the Assistants API)."""

    __slots__ = ()
    _headers: ClassVar[Mapping[str, str]] = {}

    def _options(
        self, options: Mapping[str, Any], extra: Mapping[str, str] | None = None
    ) -> CallOptions:
        if not options and not extra and not self._headers:
            return _DEFAULT_OPTIONS  # the common call: no per-call option, no group header
        params = dict(options)
        headers = {**self._headers, **(extra or {})}
        if headers:
            params["extra_headers"] = {**headers, **(params.get("extra_headers") or {})}
        opts = CallOptions.pop_from(params)
        if params:
            raise TypeError(f"unexpected keyword arguments: {sorted(params)}")
        return opts

    @overload
    async def _request(
        self,
        method: str,
        path: str,
        result: type[T],
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        files: Sequence[Sequence[str]] | None = None,
    ) -> T: ...
    @overload
    async def _request(
        self,
        method: str,
        path: str,
        result: Callable[[bytes], T],
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        files: Sequence[Sequence[str]] | None = None,
    ) -> T: ...
    @overload
    async def _request(
        self,
        method: str,
        path: str,
        result: object,
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        files: Sequence[Sequence[str]] | None = None,
    ) -> Any: ...

    async def _request(
        self,
        method: str,
        path: str,
        result: Any,
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        files: Sequence[Sequence[str]] | None = None,
    ) -> Any:
        """One JSON (or multipart, when `files` names file parameters) call, parsed into
        `result` (a model class, or a union type through a TypeAdapter), or by `result`
        when it is a parser function."""
        opts = self._options(options)
        payload = None if body is None else without_omitted(body)
        file_parts = None if files is None else _files(payload, files)
        parse: Callable[[bytes], Any]
        if isinstance(result, FunctionType):  # a hand-written parser (`embeddings_parser`)
            parse = result
        else:
            parse = _text if result is str else json_decoder(result)
        if result is NoneType:
            parse = _ignore  # no answer body to speak of (hangup, container delete)
        return await self._client.request(
            method,
            path,
            parse=parse,
            body=payload,
            query=None if query is None else _query(query),
            options=opts,
            files=file_parts,
        )

    async def _stream(
        self,
        method: str,
        path: str,
        event: Any,
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        files: Sequence[Sequence[str]] | None = None,
        resume: bool = False,
    ) -> AsyncStream[Any]:
        """A server-sent event stream of `event` values (a model or union, an `Enveloped`
        union, or a decoding function): `stream: true` in the body, or in the query of a
        call without one (a resumed GET). `resume`: a Responses stream that reopens itself
        after a drop when it is a background response's (`_resume`)."""
        opts = self._options(options)
        if body is None:
            payload = None
            query = {**(query or {}), "stream": True}
        else:
            payload = {**without_omitted(body), "stream": True}
        if resume:
            return await resuming_stream(
                self._client,
                method,
                path,
                decode=_event_decoder(event),
                body=payload,
                query=None if query is None else _query(query),
                options=opts,
            )
        return await self._client.stream(
            method,
            path,
            decode=_event_decoder(event),
            body=payload,
            query=None if query is None else _query(query),
            options=opts,
            files=_files(payload, files),
        )

    def _list(
        self,
        path: str,
        item: Any,
        options: Mapping[str, Any],
        *,
        query: Mapping[str, Any] | None = None,
        method: str = "GET",
        body: Mapping[str, Any] | None = None,
        page: type[AsyncPage[Any]] = AsyncPage,
    ) -> AsyncPaginator[Any, Any]:
        """A cursor-paginated list (`after`/`has_more`); a list without `has_more` is one page."""
        payload = None if body is None else without_omitted(body)
        fetch = list_fetcher(
            self._client,
            path,
            python_decoder(item),
            self._options(options),
            method=method,
            body=payload,
            page=page,
        )
        return AsyncPaginator(fetch, {} if query is None else _query(query))

    async def _binary(
        self,
        method: str,
        path: str,
        options: Mapping[str, Any],
        *,
        body: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        accept: str = "application/octet-stream",
        files: Sequence[Sequence[str]] | None = None,
    ) -> BinaryResponseContent:
        """A binary answer (audio, file or video content) as bytes; through
        `with_streaming_response` its body is read as it arrives instead."""
        payload = None if body is None else without_omitted(body)
        return await self._client.request(
            method,
            path,
            parse=BinaryResponseContent,
            body=payload,
            query=None if query is None else _query(query),
            options=self._options(options, {"accept": accept}),
            files=_files(payload, files),
        )
