"""`resources/` (the endpoint groups) from the OpenAPI spec.

official.py  the official client's method names per HTTP operation (a committed table;
             take_official.py takes it from the official package: generate.py --tables)
layout.py    which groups are generated, into which module and class (hand-written)
typemap.py   spec schemas to the generated classes of `types/` (through `_spec_map.py`)
plan.py      one Method per official method: parameters, result, stream variant
emit.py      the module text
views.py     each group's raw and streaming response views (`Async*WithRawResponse`)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..output import formatted
from ..paths import RESOURCES, TYPES
from . import layout
from .emit import KwargsModule, Module
from .plan import Planner
from .typemap import TypeMap


def generate(document: dict[str, Any]) -> dict[Path, str]:
    tags = {t["name"]: (t.get("description") or "").strip() for t in document.get("tags", ())}
    groups = Planner(document, TypeMap()).groups()
    files: dict[Path, str] = {}
    for name in layout.MODULES:
        members = [g for g in groups if g.spec.module == name and not g.spec.external]
        path = RESOURCES / f"{name}.py"
        files[path] = formatted(Module(name, members, TYPES, tags).render(), path)
    path = RESOURCES / f"{layout.KWARGS}.py"
    files[path] = formatted(KwargsModule(layout.KWARGS, groups, TYPES, tags).render(), path)
    return files
