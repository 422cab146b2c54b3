"""Which of our classes an official inline class is.

The official package names a schema's nested objects shortly in the module of the class
that holds them (`response_input_item_param.ImageGenerationCall`); we name them after their
parent (`ImageGenerationCallParam`, its error `ImageGenerationCallParamError`). Starting
from the classes both sides name alike (`anchors`), this walks the two graphs
(type_graph.py; the official one from the committed official_graph.tsv) in step: the class a
field of an anchor names on the official side is the class the same field names on ours;
the members of two unions pair by their `type` tag, and where tags repeat, by equal field
names; a lone untagged member left on each side pairs too. What pairs
ambiguously is left out rather than guessed.
"""

from __future__ import annotations

from collections import deque

from .type_graph import Graph, Key


def _pairs(
    official: Graph, ours: Graph, theirs: tuple[Key, ...], mine: tuple[Key, ...]
) -> list[tuple[Key, Key]]:
    if len(theirs) == 1 and len(mine) == 1:
        return [(theirs[0], mine[0])]
    left, right = official.leaves(theirs), ours.leaves(mine)
    out: list[tuple[Key, Key]] = []
    for tag in sorted({official.tags[k] for k in left if k in official.tags}):
        a = [k for k in left if official.tags.get(k) == tag]
        b = [k for k in right if ours.tags.get(k) == tag]
        if len(a) == 1 and len(b) == 1:
            out.append((a[0], b[0]))
            continue
        for k in a:  # the same tag more than once (`message`): equal field names decide
            same = [m for m in b if set(ours.fields.get(m, ())) == set(official.fields[k])]
            if len(same) == 1:
                out.append((k, same[0]))
    paired_left = {a for a, _ in out}
    paired_right = {b for _, b in out}
    rest_left = [k for k in left if k not in paired_left]
    rest_right = [k for k in right if k not in paired_right]
    lone = len(rest_left) == 1 and len(rest_right) == 1
    if lone and rest_left[0] not in official.tags and rest_right[0] not in ours.tags:
        out.append((rest_left[0], rest_right[0]))
        return out
    # untagged members (tagged by `object`, which the graphs do not record: the usage
    # results) pair by equal field names, where those are one member's on each side
    untagged_right = [m for m in rest_right if m not in ours.tags]
    for k in rest_left:
        if k in official.tags:
            continue
        fields = set(official.fields.get(k, ()))
        same = [m for m in untagged_right if set(ours.fields.get(m, ())) == fields]
        twins = [o for o in rest_left if set(official.fields.get(o, ())) == fields]
        if fields and len(same) == 1 and len(twins) == 1:
            out.append((k, same[0]))
    return out


def _through(graph: Graph, key: Key) -> Key:
    """A name for another single class (`RunRetrieveResponse = RunCreateResponse`) is
    that class."""
    seen = {key}
    while len(members := graph.edges.get(key, {}).get("is", ())) == 1 and members[0] not in seen:
        key = members[0]
        seen.add(key)
    return key


def _alike(official: Graph, ours: Graph, theirs: Key, mine: Key) -> bool:
    """Two classes share at least half of their field names (a class in the same place that
    is another schema, `VideoCreateError` where ours holds a bare `Error`, does not)."""
    a, b = set(official.fields.get(theirs, ())), set(ours.fields.get(mine, ()))
    return not (a and b) or 2 * len(a & b) >= len(a | b)


def match(official: Graph, ours: Graph, anchors: dict[Key, Key]) -> dict[Key, Key]:
    """Official key -> our key, for the anchors and every class reached from them in step."""
    found = dict(anchors)
    queue = deque(sorted(anchors.items()))
    walked: set[tuple[Key, Key]] = set()
    while queue:
        theirs, mine = queue.popleft()
        if (theirs, mine) in walked:
            continue
        walked.add((theirs, mine))
        theirs, mine = _through(official, theirs), _through(ours, mine)
        a, b = official.edges.get(theirs, {}), ours.edges.get(mine, {})
        if "=" in a and "=" not in b and mine in ours.fields:
            # the official's streaming and non-streaming variants of one request class of
            # ours (`ThreadCreateAndRunParams`): their fields are its fields, but they are
            # not that class (nor is another member of their union: a `response.steer` event
            # beside the `response.create` one)
            variants = official.leaves(a["="])
            if len(variants) == 1 and variants[0] not in found:
                # a name for one class and no other (`McpAllowedTools = Union[List[str],
                # McpAllowedToolsMcpToolFilter]`): that class is ours
                found[variants[0]] = mine
            queue.extend(
                (v, mine) for v in variants if len(variants) == 1 or _alike(official, ours, v, mine)
            )
            continue
        for what in sorted(a.keys() & b.keys()):
            for off, our in _pairs(official, ours, a[what], b[what]):
                if off not in found and our in ours.edges and _alike(official, ours, off, our):
                    found[off] = our
                    queue.append((off, our))
    return found
