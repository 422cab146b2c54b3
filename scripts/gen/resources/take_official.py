"""The text of `official.py`: the official client's endpoint methods, taken from the
installed `openai` package by `scripts/generate.py --tables` when the pinned official
version changes (the generator reads only the committed table, never the package).

Each row names one method by its dotted path under the client (`vector_stores.files.create`)
with the HTTP verb and path template it calls, the page class of a list (None for another
method), and the parameters it takes positionally.
"""

from __future__ import annotations

import ast
import functools
import inspect
import pprint
import textwrap
from typing import Any

import openai
from openai._resource import AsyncAPIResource

VERBS = {"_get": "GET", "_post": "POST", "_put": "PUT", "_patch": "PATCH", "_delete": "DELETE"}


def _path_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and node.args:  # path_template("/a/{b}", b=b)
        return _path_of(node.args[0])
    if isinstance(node, ast.JoinedStr):
        return "".join(
            "{" + ast.unparse(p.value) + "}" if isinstance(p, ast.FormattedValue) else str(p.value)
            for p in node.values
            if isinstance(p, ast.Constant | ast.FormattedValue)
        )
    return None


def _page_of(call: ast.Call) -> str:
    """The page class a `_get_api_list` call builds (`page=AsyncCursorPage[Model]`)."""
    for kw in call.keywords:
        if kw.arg == "page":
            value = kw.value.value if isinstance(kw.value, ast.Subscript) else kw.value
            return ast.unparse(value)
    raise SystemExit(f"a list without a page class: {ast.unparse(call)}")


def _endpoint(function: Any) -> tuple[str, str, str | None] | None:
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
            continue
        if name in VERBS or name == "_get_api_list":
            path = _path_of(node.args[0]) if node.args else None
            if path is None:
                continue
            verb = VERBS.get(name, "GET")
            for kw in node.keywords:
                if kw.arg == "method" and isinstance(kw.value, ast.Constant):
                    verb = str(kw.value.value).upper()
            return verb, path, _page_of(node) if name == "_get_api_list" else None
    return None


def rows() -> list[tuple[str, str, str, str | None, tuple[str, ...]]]:
    found: list[tuple[str, str, str, str | None, tuple[str, ...]]] = []

    def walk(obj: Any, prefix: str) -> None:
        cls = type(obj)
        for name in sorted(dir(cls)):
            if name.startswith("_") or name in {"with_raw_response", "with_streaming_response"}:
                continue
            attr = inspect.getattr_static(cls, name)
            if isinstance(attr, functools.cached_property | property):
                value = getattr(obj, name)
                if isinstance(value, AsyncAPIResource):
                    walk(value, f"{prefix}{name}.")
            elif prefix and inspect.isfunction(attr):
                endpoint = _endpoint(attr)
                if endpoint is None:
                    continue  # a helper built on other methods (create_and_poll, stream)
                positional = tuple(
                    p.name
                    for p in inspect.signature(attr).parameters.values()
                    if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"
                )
                found.append((prefix + name, *endpoint, positional))

    walk(openai.AsyncOpenAI(api_key="x"), "")
    return sorted(found)


def render() -> str:
    body = pprint.pformat(rows(), width=100)
    return (
        f'"""The official `openai` {openai.__version__} client\'s endpoint methods: (dotted\n'
        "method, HTTP verb, path template, page class of a list, positional parameters).\n\n"
        'Written by take_official.py; read by the resource generator."""\n\n'
        f"METHODS: tuple[tuple[str, str, str, str | None, tuple[str, ...]], ...] = tuple({body})\n"
    )
