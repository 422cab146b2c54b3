"""The official package's type names, read from the committed table (official_names.tsv,
written by official_table.py through `generate.py --tables`), never from an installed
`openai`: the generator's output depends only on the spec and the files in this repository."""

from __future__ import annotations

import functools

from .paths import OFFICIAL_NAMES


@functools.cache
def _table() -> tuple[tuple[str, str], ...]:
    rows = []
    for line in OFFICIAL_NAMES.read_text().splitlines():
        if line and not line.startswith("#"):
            module, name = line.split("\t")
            rows.append((module, name))
    return tuple(rows)


def official_rows() -> tuple[tuple[str, str], ...]:
    """``(module under openai.types, name)`` for every name the official package defines or
    re-exports."""
    return tuple(row for row in _table() if row[1])


def official_modules() -> tuple[dict[str, list[str]], set[str]]:
    """Each official module under `openai.types` (dotted) -> its names, and which of them
    are packages (a module with others below it, or a package without names)."""
    names: dict[str, list[str]] = {}
    for module, name in _table():
        names.setdefault(module, []).extend([name] if name else [])
    packages = {m for m, name in _table() if not name} | {
        m.rpartition(".")[0] for m in names if "." in m
    }
    packages.discard("")
    return names, packages


def official_names() -> set[str]:
    """Every class and type alias name of the official `openai.types`."""
    return {name for _, name in official_rows()}
