"""PEP 562 lazy attributes: a package names its public objects and the submodule holding
each; a submodule is imported on first access of one of its names, then cached."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, name_to_module: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The `__getattr__` for `package`: `name_to_module` maps a public name to the
    submodule (relative, without the dot) that defines it."""

    def __getattr__(name: str) -> Any:
        module = name_to_module.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    return __getattr__
