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


def place_variants(
    placed: Placed, names: dict[str, list[str]], defined: dict[str, dict[str, set[str]]]
) -> None:
    """Add the official names of a module that extend its own class's name
    (`RunCreateParamsBase`, `RunCreateParamsStreaming` beside `RunCreateParams`) where the
    module of ours that defines that class defines them under the same names
    (stream_params.py): the class's own closure does not reach its variants."""
    for module, found in placed.items():
        leaf = module.rpartition(".")[2].replace("_", "")
        own = [n for n in found if n.lower() == leaf and found[n][1] == n]
        if not own:
            continue
        where = found[own[0]][0]
        for name in names.get(module, ()):
            if name not in found and name.startswith(own[0]) and name in defined.get(where, {}):
                found[name] = (where, name)
