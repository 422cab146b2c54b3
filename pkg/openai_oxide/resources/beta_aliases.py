"""`client.beta.chat`, written by hand and mixed into the generated `AsyncBeta`: the official
alias of `client.chat`. (`client.beta.responses` is a group of its own, generated from the
spec's `/responses?beta=true` operations in `beta_responses`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._common import Resource

if TYPE_CHECKING:
    from .chat import AsyncChat

__all__ = ["BetaAliases"]


class BetaAliases(Resource):
    __slots__ = ()

    @property
    def chat(self) -> AsyncChat:
        """The same group as `client.chat` (the official `beta.chat` is an alias)."""
        from .chat import AsyncChat

        return AsyncChat(self._client)
