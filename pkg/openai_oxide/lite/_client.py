"""The lite clients: the typed client's configuration, request loop, retries, timeouts,
hedging and WebSocket sessions, with endpoint groups that return dicts."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .._client import AsyncOpenAI as TypedAsyncOpenAI
from .._sync import iterate, run_sync, to_sync
from ._resources import Chat, Completions, Responses

if TYPE_CHECKING:
    from ._session import ResponsesSession

__all__ = ["AsyncOpenAI", "OpenAI"]

# The typed client's other groups return pydantic models: on the lite client they are
# absent, and reaching for one says what to use instead.
TYPED_ONLY = (
    "audio",
    "batches",
    "beta",
    "completions",
    "containers",
    "content_provenance_checks",
    "conversations",
    "embeddings",
    "evals",
    "files",
    "fine_tuning",
    "images",
    "models",
    "moderations",
    "realtime",
    "skills",
    "uploads",
    "vector_stores",
    "videos",
    "webhooks",
)


class _TypedOnly:
    """A typed group on the lite client: an AttributeError that names the way out."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        raise AttributeError(
            f"openai_oxide.lite has no {self._name!r} group (its results are pydantic models): "
            f"call the endpoint with client.get/post/delete(path, ...), which return dicts, "
            f"or use openai_oxide.AsyncOpenAI"
        )


class AsyncOpenAI(TypedAsyncOpenAI):
    """The typed `AsyncOpenAI`'s arguments and behaviour; `responses.create/retrieve/
    create_stream_fc`, `chat.completions.create/create_stream_fc` and `ws_session()`
    return dicts (typed for editors by `openai_oxide.lite.types`); `get/post/delete` reach
    any other endpoint. Nothing here imports pydantic."""

    @cached_property
    def responses(self) -> Responses:  # type: ignore[override]  # the dict-returning group
        return Responses(self)

    @cached_property
    def chat(self) -> Chat:  # type: ignore[override]
        return Chat(self)

    def ws_session(self, **options: Any) -> ResponsesSession:  # type: ignore[override]
        """A Responses WebSocket session whose turns return dicts; the typed
        `ws_session`'s arguments (`chain`, `defaults`, `fallback`, ...)."""
        from ._session import ResponsesSession

        return ResponsesSession(super().ws_session(**options))


for _name in TYPED_ONLY:
    _guard = _TypedOnly()
    _guard.__set_name__(AsyncOpenAI, _name)
    setattr(AsyncOpenAI, _name, _guard)


class OpenAI:
    """The sync lite client: each call runs the async one (natively on the loop the calling
    thread drives, under Pyodide through JSPI), as the typed `OpenAI` does. Streams iterate
    with `for`."""

    def __init__(self, **options: Any) -> None:
        self._async = AsyncOpenAI(**options)

    @property
    def base_url(self) -> str:
        return self._async.base_url

    @cached_property
    def responses(self) -> _SyncGroup:
        return _SyncGroup(self._async.responses)

    @cached_property
    def chat(self) -> _SyncChat:
        return _SyncChat(self._async.chat)

    def get(self, path: str, **options: Any) -> Any:
        return run_sync(self._async.get(path, **options))

    def post(self, path: str, **options: Any) -> Any:
        return run_sync(self._async.post(path, **options))

    def delete(self, path: str, **options: Any) -> Any:
        return run_sync(self._async.delete(path, **options))

    def close(self) -> None:
        run_sync(self._async.close())

    def __enter__(self) -> OpenAI:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<lite.OpenAI base_url={self.base_url!r}>"


class _SyncGroup:
    """A lite group run synchronously: `create` returns the dict, or a sync `Stream`;
    `create_stream_fc` iterates the early-parsed calls with `for`."""

    def __init__(self, group: Responses | Completions) -> None:
        self._group = group

    def create(self, **params: Any) -> Any:
        return to_sync(self._group.create(**params))

    def create_stream_fc(self, **params: Any) -> Iterator[Any]:
        return iterate(self._group.create_stream_fc(**params).__aiter__())


class _SyncChat:
    def __init__(self, chat: Chat) -> None:
        self.completions = _SyncGroup(chat.completions)
