"""The chaining cache of the Responses WebSocket endpoint, for its emulation over HTTP
(`lib/ws_fallback.py`): pure, no I/O, no clock.

Strategy. The WebSocket server caches every response of a connection, so a turn chained by
`previous_response_id` works even for `store: false` responses. Over HTTP only stored
responses can be chained, and some servers store none. So the endpoint remembers each
response it produced as a link: its parent id, the items of its turn (input as asked, then
output), whether the server stored it, and for a local warmup its parameters. A turn whose
`previous_response_id` the server cannot resolve is expanded: the links back to the nearest
ancestor the server stored go in front of its input, chained to that ancestor by id (or as
the whole conversation when there is none). `stateless` (the server proved it keeps
nothing) makes every link unresolvable. The cache holds the last `CACHE_SIZE` responses; a
chain with a missing link is left to the server, which answers `previous_response_not_found`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from .ws import TERMINAL, input_items

__all__ = ["CACHE_SIZE", "Chains", "Known", "TurnRecorder"]

CACHE_SIZE = 256


@dataclass(slots=True)
class Known:
    """A response the endpoint produced: its parent, the items of its turn (input + output),
    whether the server can resolve it, and for a local warmup its parameters."""

    parent: str | None
    items: list[Any]
    stored: bool
    warmup: dict[str, Any] | None = None


class Chains:
    """Which responses the server can resolve, and how to expand a chain it cannot."""

    def __init__(self) -> None:
        self.stateless = False  # the server keeps no responses: always expand
        self._known: OrderedDict[str, Known] = OrderedDict()

    def remember(self, response_id: str, known: Known) -> None:
        self._known[response_id] = known
        self._known.move_to_end(response_id)
        while len(self._known) > CACHE_SIZE:
            self._known.popitem(last=False)

    def known(self, response_id: Any) -> bool:
        return response_id in self._known

    def resolvable(self, response_id: str) -> bool:
        """Whether the server can chain from `response_id` by itself (an id that is not
        ours is assumed to be the server's)."""
        known = self._known.get(response_id)
        return known.stored and not self.stateless if known is not None else not self.stateless

    def expand(self, body: dict[str, Any]) -> dict[str, Any]:
        """`body` with the conversation the server does not know put into its input; `body`
        itself when there is nothing to expand or the chain is not known here."""
        previous = body.get("previous_response_id")
        if previous is None or self.resolvable(previous):
            return body
        chunks: list[list[Any]] = []
        defaults: dict[str, Any] = {}
        warm = True  # only the warmups right before this turn lend it their parameters
        node_id: str | None = previous
        while node_id is not None and not self.resolvable(node_id):
            known = self._known.get(node_id)
            if known is None:
                return body  # a link is missing (evicted): let the server answer
            if warm and known.warmup is not None:
                for key, value in known.warmup.items():
                    defaults.setdefault(key, value)
            else:
                warm = False
            chunks.append(known.items)
            node_id = known.parent
        out = {**defaults, **body}
        out.pop("previous_response_id")
        if node_id is not None:
            out["previous_response_id"] = node_id
        history = [item for chunk in reversed(chunks) for item in chunk]
        out["input"] = [*history, *input_items(body.get("input"))]
        return out

    def warmup(self, response_id: str, body: dict[str, Any]) -> None:
        """Remember a warmup (`generate: false`, never sent) under a local `response_id`:
        its input joins the conversation, its other parameters go to the next turn."""
        params = {k: v for k, v in body.items() if k not in ("input", "previous_response_id")}
        parent = body.get("previous_response_id")
        self.remember(response_id, Known(parent, input_items(body.get("input")), False, params))


class TurnRecorder:
    """Follows the events of one turn (`see`) and remembers its response once it ends.
    `body` is the turn as asked (before `expand`), so the links stay short."""

    def __init__(self, chains: Chains, body: dict[str, Any]) -> None:
        self._chains = chains
        self._body = body
        self._items: list[Any] = []  # output_item.done items, for a completed with no output
        self.ended = False

    def see(self, payload: dict[str, Any]) -> None:
        kind = payload.get("type")
        if kind == "response.output_item.done" and isinstance(payload.get("item"), dict):
            self._items.append(payload["item"])
        if kind == "error":
            self.ended = True  # the session ends the turn on it
        if kind not in TERMINAL:
            return
        self.ended = True
        response = payload.get("response")
        if kind == "response.failed" or not isinstance(response, dict):
            return
        if not isinstance(response.get("id"), str):
            return
        output = response.get("output") or self._items
        stored = self._body.get("store") is not False and response.get("store") is not False
        items = [*input_items(self._body.get("input")), *output]
        self._chains.remember(
            response["id"], Known(self._body.get("previous_response_id"), items, stored)
        )
