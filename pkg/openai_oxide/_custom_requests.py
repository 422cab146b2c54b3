"""`client.get/post/patch/put/delete`: requests to endpoints the SDK has no method for, in
the official form (its README's "undocumented endpoints"):
`await client.post("/things", cast_to=Thing, body={...}, options={"headers": {...}})`, or
with `stream=True, stream_cls=AsyncStream[Chunk]` for a server-sent event stream.

The body is `body=` (JSON), `content=` (raw bytes: bytes, a binary file object, or an
iterable of bytes, sent as given) or `body=` with `files=` (multipart/form-data: `body`'s
fields, then the files, given as a mapping or (name, file) pairs), as in the official client.

`cast_to` names what the answer becomes: a model class (validated as the generated methods
validate), `str` (the text), `bytes`, `NoneType` (nothing), or `object`/`dict`/`list` (the
decoded JSON). `options` is the official `RequestOptions` record. Without `cast_to`, the
older oxide form stays: `query=` and the per-call keywords (`extra_headers`, `timeout`,
...), returning the decoded JSON.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Iterable, Mapping, Sequence
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Literal,
    Protocol,
    TypeAlias,
    TypeVar,
    Unpack,
    cast,
    get_args,
    overload,
)

from ._base import BaseClient, CallOptions, without_omitted
from ._core.timeout import Timeout
from ._streaming import AsyncStream
from ._types import NoneType, RequestOptions

if TYPE_CHECKING:
    from ._core.sse import ServerSentEvent
    from .resources._options import RequestOptions as CallKwargs
    from .types._files import FileTypes

__all__ = ["CustomRequests"]

R = TypeVar("R")
S = TypeVar("S", bound=AsyncStream[Any])

# `options` keys of the official record and the per-call option each one is.
_OPTION_NAMES = {
    "headers": "extra_headers",
    "params": "extra_query",
    "extra_json": "extra_body",
    "timeout": "timeout",
    "idempotency_key": "idempotency_key",
}
_JSON = (object, dict, list)

# The official `AsyncBinaryTypes` and `RequestFiles`.
BinaryTypes: TypeAlias = bytes | bytearray | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes]
RequestFiles: TypeAlias = "Mapping[str, FileTypes] | Sequence[tuple[str, FileTypes]]"


async def _raw_body(
    body: object | None, content: BinaryTypes | None, files: RequestFiles | None
) -> bytes | None:
    """The bytes of `content=` (read once, so a retry sends them again); refused beside
    `body=` or `files=`, as the official client does."""
    if content is None:
        return None
    if body is not None:
        raise TypeError("Passing both `body` and `content` is not supported")
    if files is not None:
        raise TypeError("Passing both `files` and `content` is not supported")
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    if isinstance(content, str):
        raise TypeError("content= takes bytes: encode the text, or send JSON as body=")
    read = getattr(content, "read", None)
    if callable(read):
        return bytes(read())
    if isinstance(content, AsyncIterable):
        return b"".join([bytes(part) async for part in content])
    return b"".join(bytes(part) for part in content)


def _file_pairs(files: RequestFiles | None) -> list[tuple[str, Any]] | None:
    if files is None:
        return None
    return list(files.items()) if isinstance(files, Mapping) else list(files)


def _parser(cast_to: object) -> Callable[[bytes], Any]:
    from ._core import codec

    if cast_to is NoneType:
        return lambda content: None
    if cast_to is str:
        return lambda content: content.decode("utf-8", "replace")
    if cast_to is bytes:
        return bytes
    if cast_to in _JSON:
        return lambda content: codec.loads(content) if content else None
    from .types._lenient import json_decoder

    return json_decoder(cast_to)


def _call_options(options: Mapping[str, Any]) -> CallOptions:
    unknown = set(options) - set(_OPTION_NAMES) - {"max_retries"}
    if unknown:
        raise TypeError(
            f"options: unsupported keys {sorted(unknown)} (supported: headers, params,"
            " extra_json, timeout, idempotency_key, max_retries)"
        )
    given = {_OPTION_NAMES[k]: v for k, v in options.items() if k in _OPTION_NAMES}
    if "timeout" in given:
        given["timeout"] = Timeout.coerce(given["timeout"])
    return CallOptions(**given)


class _Reconfigurable(Protocol):
    def with_options(self, *, max_retries: int | None = None) -> BaseClient: ...


class CustomRequests(BaseClient):
    """The base of `AsyncOpenAI` that gives it the official request methods."""

    async def _custom(
        self,
        method: str,
        path: str,
        cast_to: object,
        body: object | None,
        options: Mapping[str, Any],
        stream: bool,
        stream_cls: object,
        query: Mapping[str, object] | None,
        call_options: dict[str, Any],
        content: BinaryTypes | None = None,
        files: RequestFiles | None = None,
    ) -> Any:
        if cast_to is None:  # oxide's own form: query= and per-call keywords
            opts = CallOptions.pop_from(call_options)
            if call_options:
                raise TypeError(f"unexpected keyword arguments: {sorted(call_options)}")
            cast_to = object
        elif call_options or query is not None:
            names = sorted([*call_options, *(["query"] if query is not None else [])])
            raise TypeError(f"with cast_to=, pass {names} inside options= (official form)")
        else:
            opts = _call_options(options)
        client: BaseClient = self
        if "max_retries" in options:
            client = cast("_Reconfigurable", self).with_options(max_retries=options["max_retries"])
        raw = await _raw_body(body, content, files)  # raw bytes go as given (see `_base`)
        body = without_omitted(body) if isinstance(body, Mapping) else body
        body = raw if raw is not None else body
        pairs = _file_pairs(files)
        if not stream:
            parse = _parser(cast_to)
            return await client.request(
                method, path, parse=parse, body=body, query=query, options=opts, files=pairs
            )
        # The events are what `stream_cls` is parametrised with (`AsyncStream[Chunk]`),
        # else `cast_to`, as the official client reads them.
        item = next(iter(get_args(stream_cls)), cast_to)
        parse_event = _parser(item)

        def decode(sse: ServerSentEvent) -> Any:
            return parse_event(sse.data.encode() if isinstance(sse.data, str) else sse.data)

        return await client.stream(
            method, path, decode=decode, body=body, query=query, options=opts, files=pairs
        )

    @overload
    async def get(
        self,
        path: str,
        *,
        cast_to: type[R],
        options: RequestOptions = ...,
        stream: Literal[False] = False,
    ) -> R: ...
    @overload
    async def get(
        self,
        path: str,
        *,
        cast_to: type[R],
        options: RequestOptions = ...,
        stream: Literal[True],
        stream_cls: type[S],
    ) -> S: ...
    @overload
    async def get(
        self,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        **call_options: Unpack[CallKwargs],
    ) -> Any: ...
    async def get(
        self,
        path: str,
        *,
        cast_to: object = None,
        options: RequestOptions | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Mapping[str, object] | None = None,
        **call_options: Any,
    ) -> Any | AsyncStream[Any]:  # a stream: named for the sync client's conversion
        """GET `path` (see the module's doc for `cast_to`, `options` and `stream`)."""
        return await self._custom(
            "GET", path, cast_to, None, options or {}, stream, stream_cls, query, call_options
        )

    @overload
    async def post(
        self,
        path: str,
        *,
        cast_to: type[R],
        body: object | None = None,
        content: BinaryTypes | None = None,
        options: RequestOptions = ...,
        files: RequestFiles | None = None,
        stream: Literal[False] = False,
    ) -> R: ...
    @overload
    async def post(
        self,
        path: str,
        *,
        cast_to: type[R],
        body: object | None = None,
        content: BinaryTypes | None = None,
        options: RequestOptions = ...,
        files: RequestFiles | None = None,
        stream: Literal[True],
        stream_cls: type[S],
    ) -> S: ...
    @overload
    async def post(
        self,
        path: str,
        *,
        body: object | None = None,
        query: Mapping[str, object] | None = None,
        **call_options: Unpack[CallKwargs],
    ) -> Any: ...
    async def post(
        self,
        path: str,
        *,
        cast_to: object = None,
        body: object | None = None,
        content: BinaryTypes | None = None,
        options: RequestOptions | None = None,
        files: RequestFiles | None = None,
        stream: bool = False,
        stream_cls: object = None,
        query: Mapping[str, object] | None = None,
        **call_options: Any,
    ) -> Any | AsyncStream[Any]:  # a stream: named for the sync client's conversion
        """POST `body` (JSON), `content` (raw bytes) or `body` with `files` (multipart)."""
        return await self._custom(
            "POST",
            path,
            cast_to,
            body,
            options or {},
            stream,
            stream_cls,
            query,
            call_options,
            content,
            files,
        )

    async def patch(
        self,
        path: str,
        *,
        cast_to: type[R],
        body: object | None = None,
        content: BinaryTypes | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | None = None,
    ) -> R:
        """PATCH `path` with `body` (JSON), `content` (raw bytes) or `body` with `files`."""
        return cast(
            R,
            await self._custom(
                "PATCH", path, cast_to, body, options or {}, False, None, None, {}, content, files
            ),
        )

    async def put(
        self,
        path: str,
        *,
        cast_to: type[R],
        body: object | None = None,
        content: BinaryTypes | None = None,
        files: RequestFiles | None = None,
        options: RequestOptions | None = None,
    ) -> R:
        """PUT `body` (JSON), `content` (raw bytes) or `body` with `files` at `path`."""
        return cast(
            R,
            await self._custom(
                "PUT", path, cast_to, body, options or {}, False, None, None, {}, content, files
            ),
        )

    @overload
    async def delete(
        self,
        path: str,
        *,
        cast_to: type[R],
        body: object | None = None,
        content: BinaryTypes | None = None,
        options: RequestOptions = ...,
    ) -> R: ...
    @overload
    async def delete(
        self,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        **call_options: Unpack[CallKwargs],
    ) -> Any: ...
    async def delete(
        self,
        path: str,
        *,
        cast_to: object = None,
        body: object | None = None,
        content: BinaryTypes | None = None,
        options: RequestOptions | None = None,
        query: Mapping[str, object] | None = None,
        **call_options: Any,
    ) -> Any:
        """DELETE `path` (with `body` or raw `content` if given)."""
        return await self._custom(
            "DELETE", path, cast_to, body, options or {}, False, None, query, call_options, content
        )
