"""Every stream class that subclasses another with an `__init__` of its own calls the base's
`__init__` (issue 19 item 9): a subclass that skips it (as `ResumingStream` and
`WebSocketStream` once did with `AsyncStream`) leaves the base's state unset, and any base
method that reads it fails. The call may come later than `__init__` (the Assistants event
handler is made by the caller and attached to its stream afterwards, as the official's).
Checked on the source with `ast`, over the whole package.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "pkg" / "openai_oxide"
# Bases whose `__init__` sets state their methods read.
BASES = {"AsyncStream", "HelperStream", "AsyncStreamManager"}


def skipping_init(source: str) -> list[str]:
    """Classes deriving from one of `BASES` that define `__init__` and never call
    `super().__init__`."""
    found = []
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef):
            continue
        bases = {ast.unparse(b).partition("[")[0].rpartition(".")[2] for b in cls.bases}
        if not bases & BASES:
            continue
        own_init = any(isinstance(f, ast.FunctionDef) and f.name == "__init__" for f in cls.body)
        calls = {ast.unparse(n.func) for n in ast.walk(cls) if isinstance(n, ast.Call)}
        if own_init and "super().__init__" not in calls:
            found.append(cls.name)
    return found


def test_the_finder_sees_a_skipped_init() -> None:
    source = "class S(AsyncStream[E]):\n    def __init__(self) -> None:\n        self.x = 1\n"
    assert skipping_init(source) == ["S"]
    good = "class S(AsyncStream[E]):\n    def __init__(self) -> None:\n        super().__init__()\n"
    assert skipping_init(good) == []


def test_no_stream_subclass_skips_its_base_init() -> None:
    found = [
        f"{path.relative_to(PKG)}: {name}"
        for path in sorted(PKG.rglob("*.py"))
        for name in skipping_init(path.read_text())
    ]
    assert found == []
