"""`client.beta.chat` and `client.beta.responses`, written by hand and mixed into the
generated `AsyncBeta`: the official aliases of `client.chat` and of `client.responses` with
`?beta=true` on every call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, cast

from ._common import Resource

if TYPE_CHECKING:
    from .._base import BaseClient
    from .chat import AsyncChat
    from .responses import AsyncResponses

__all__ = ["BetaAliases"]


class _Reconfigurable(Protocol):
    """A client that copies itself with other settings (`AsyncOpenAI` is one): typed by
    what is used, so this group does not depend on the client module that imports it."""

    def with_options(self, *, default_query: Mapping[str, object] | None = None) -> BaseClient: ...


class BetaAliases(Resource):
    __slots__ = ()

    @property
    def chat(self) -> AsyncChat:
        """The same group as `client.chat` (the official `beta.chat` is an alias)."""
        from .chat import AsyncChat

        return AsyncChat(self._client)

    @property
    def responses(self) -> AsyncResponses:
        """The Responses API with `?beta=true` on every call, as the official `beta.responses`
        sends it (the answers are parsed as `Response`)."""
        from .responses import AsyncResponses

        client = cast("_Reconfigurable", self._client)
        return AsyncResponses(client.with_options(default_query={"beta": "true"}))
