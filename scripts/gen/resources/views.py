"""The raw and streaming response views of a generated group, as the official package has
them: `AsyncResponsesWithRawResponse` wraps each method of `AsyncResponses` with
`async_to_raw_response_wrapper` (whose `ParamSpec` keeps the method's overloads), and each
sub-group by its own view.

A view wraps every method that sends a request: the generated ones, and those of the
hand-written helper bases (`create_and_poll`, ...), found in their source. The rule is the
sync generator's (`sync.ClassGen._sends_request`): an `async def` that yields nothing, or
a `def` that returns an `AsyncPaginator`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache

from ..paths import RESOURCES

KINDS = (
    ("raw", "WithRawResponse", "async_to_raw_response_wrapper"),
    ("streaming", "WithStreamingResponse", "async_to_streamed_response_wrapper"),
)
# Bases that end the walk: they define no method of their own that sends a request.
STOP = {"Resource", "Polling", "AsyncAPIResource"}


def view_name(cls: str, suffix: str) -> str:
    return f"{cls}{suffix}"


def properties(cls: str) -> str:
    """The group's `with_raw_response` / `with_streaming_response` properties."""
    return "".join(
        f"\n    @property\n    def with_{kind}_response(self) -> {view_name(cls, suffix)}:\n"
        f"        return {view_name(cls, suffix)}(self)\n"
        for kind, suffix, _ in KINDS
    )


def classes(
    cls: str,
    methods: list[str],
    children: list[tuple[str, str]],
    aliases: tuple[tuple[str, str, str], ...] = (),
) -> str:
    """Both view classes of `cls`: `methods` wrapped, `children` (attribute, group class)
    given as their own views, and `aliases` (attribute, module, group class) too."""
    argument = "resource"
    out = []
    for kind, suffix, wrapper in KINDS:
        lines = [
            f"class {view_name(cls, suffix)}(AsyncResponseView):",
            f'    """`{cls}` methods that return {_WHAT[kind]}."""',
            "",
            f"    def __init__(self, {argument}: {cls}) -> None:",
            f"        super().__init__({argument})",
        ]
        lines += [f"        self.{m} = {wrapper}({argument}.{m})" for m in methods]
        for name, child in children:
            lines += [
                "",
                "    @cached_property",
                f"    def {name}(self) -> {view_name(child, suffix)}:",
                f"        return {view_name(child, suffix)}(self._resource.{name})",
            ]
        for name, module, child in aliases:  # imported on use, as the group's property does
            lines += [
                "",
                "    @cached_property",
                f"    def {name}(self) -> {view_name(child, suffix)}:",
                f"        from .{module} import {view_name(child, suffix)}",
                "",
                f"        return {view_name(child, suffix)}(self._resource.{name})",
            ]
        out.append("\n".join(lines))
    return "\n\n\n".join(out)


_WHAT = {"raw": "the answer with its body read", "streaming": "the body read on demand"}


def helper_methods(bases: tuple[tuple[str, str], ...]) -> list[str]:
    """The request-sending methods the hand-written bases define (theirs first)."""
    found: list[str] = []
    for module, cls in bases:
        for name in _methods(module, cls):
            if name not in found:
                found.append(name)
    return found


def _methods(module: str, cls: str) -> Iterator[str]:
    tree, imported = _source(module)
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    for item in node.body:
        if not isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not item.name.startswith("_") and _sends(item):
            yield item.name
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id not in STOP:
            yield from _methods(imported.get(base.id, module), base.id)


def _sends(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if isinstance(fn, ast.AsyncFunctionDef):
        return not any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(fn))
    returns = ast.unparse(fn.returns) if fn.returns is not None else ""
    return returns.strip("'\"").startswith("AsyncPaginator[")


@cache
def _source(module: str) -> tuple[ast.Module, dict[str, str]]:
    """A hand-written resources module, and where its relative imports come from."""
    tree = ast.parse((RESOURCES / f"{module}.py").read_text())
    imported = {
        alias.asname or alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
        for alias in node.names
    }
    return tree, imported
