"""The official names of `types.shared_params`: a request TypedDict there is named as its
model is (`shared_params.comparison_filter.ComparisonFilter`), where ours carries the
`Param` suffix (`ComparisonFilterParam`) beside the model of `types.shared`.

So an official name `X` of a `shared_params` module is our `XParam` of a `shared_params`
module, under both names: one class (a TypedDict, or the alias of a request shape such as
`Metadata`). The placer (official_paths.py) leaves these out, as it must not answer a
`shared_params` path with a model.
"""

from __future__ import annotations

from .official_paths import Placed, Placer

PACKAGE = "shared_params"


def placed(
    names: dict[str, list[str]], done: dict[str, Placed], placer: Placer
) -> dict[str, Placed]:
    """For each official `shared_params` module: its names not placed in `shared_params`
    yet (`done`: the placer may have found the model of `types.shared`) that a
    `shared_params` module of ours defines with the `Param` suffix -> (that module, our name).
    The nearest such module (the one at the official path, if it defines it) wins."""
    out: dict[str, Placed] = {}
    for module, official in sorted(names.items()):
        if not module.startswith(PACKAGE + ".") or module in placer.packages:
            continue
        for name in official:
            where_done = done.get(module, {}).get(name)
            if where_done is not None and where_done[0].split(".")[0] == PACKAGE:
                continue  # a request shape already (`ChatModel`, one alias for both sides)
            # our model of the `shared` path, named otherwise (`CustomToolInputFormat` is
            # our `CustomToolFormat`), or the official name itself, + `Param`
            model = done.get("shared" + module.removeprefix(PACKAGE), {}).get(name)
            ours, homes = name, []
            for ours in dict.fromkeys([name + "Param", *([model[1] + "Param"] if model else [])]):
                homes = [m for m in placer.defs.get(ours, []) if m.split(".")[0] == PACKAGE]
                if homes:
                    break
            if homes:
                where = module if module in homes else sorted(homes)[0]
                out.setdefault(module, {})[name] = (where, ours)
    return out
