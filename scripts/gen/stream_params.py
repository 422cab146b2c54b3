"""The official streaming and non-streaming variants of a request with `stream`.

The official package types such a request as a base without `stream` and two variants,
`ResponseCreateParamsNonStreaming` (`stream: Literal[False] | None`) and
`ResponseCreateParamsStreaming` (`stream: Required[Literal[True]]`), and names their union
`ResponseCreateParams`. Ours stays the one TypedDict of the schema (`stream: bool | None`, as
the spec says), now a subclass of the base beside the variants, so every official name
imports and a dict typed with any of them is accepted where ours is.
"""

from __future__ import annotations

import re
from typing import Protocol

STREAM_FIELD = re.compile(r'^    stream: [^\n]*\n(?:    """.*?"""\n)?', re.M | re.S)


class _Module(Protocol):
    classes: list[str]
    names: set[str]
    exports: list[str]
    typing: set[str]


def split_stream(mod: _Module, name: str) -> bool:
    """Split the TypedDict `name` of `mod` into `{name}Base` and its three subclasses;
    False where `mod` has no such class with a `stream` field."""
    head = f"class {name}(TypedDict, total=False):\n"
    at = next((i for i, source in enumerate(mod.classes) if source.startswith(head)), None)
    if at is None:
        return False
    source = mod.classes[at]
    found = STREAM_FIELD.search(source)
    if found is None:
        return False
    stream = found.group(0)
    doc = stream.partition("\n")[2]  # the field's docstring, if the spec gives one
    base = f"{name}Base"
    body = source[: found.start()] + source[found.end() :]
    mod.classes[at : at + 1] = [
        body.replace(head, f"class {base}(TypedDict, total=False):\n", 1),
        f"class {name}({base}, total=False):\n{stream}",
        f"class {name}NonStreaming({base}, total=False):\n    stream: Literal[False] | None\n{doc}",
        f"class {name}Streaming({base}):\n    stream: Required[Literal[True]]\n{doc}",
    ]
    for extra in (base, f"{name}NonStreaming", f"{name}Streaming"):
        mod.names.add(extra)
        mod.exports.append(extra)
    mod.typing.update({"Literal", "Required"})
    return True
