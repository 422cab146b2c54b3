"""Official names that are another name for a class (`ChatCompletionReasoningEffort =
ReasoningEffort`, `tool_param.WebSearchTool = WebSearchToolParam`): the committed graph
records them as `is` edges (type_graph.py). Such a name is placed where the class it names is
placed, so its official path gives that one class under the official's second name."""

from __future__ import annotations

from .type_graph import Graph, Key

# official module -> {official name: (our module defining the class, its name there)}
Placed = dict[str, dict[str, tuple[str, str]]]


def place_second_names(official: Graph, placed: Placed, names: dict[str, list[str]]) -> None:
    """Add to `placed` every official `is` name whose target is placed (through chains of
    them, `A is B is C`); a name already placed keeps its place."""
    seconds: dict[Key, Key] = {
        key: edges["is"][0]
        for key, edges in official.edges.items()
        if len(edges.get("is", ())) == 1 and key[1] in names.get(key[0], ())
    }
    changed = True
    while changed:
        changed = False
        for (module, name), (there, target) in sorted(seconds.items()):
            at = placed.get(there, {}).get(target)
            if at is not None and module in placed and name not in placed[module]:
                placed[module][name] = at
                changed = True
