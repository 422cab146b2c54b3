"""The raw and streaming views are generated classes with the official methods.

Walked from the installed official client: every method its `with_raw_response` /
`with_streaming_response` views wrap (each group, async and sync) is on ours, reached
through the same path of sub-group views. Ours are real classes (no `__getattr__`), and
every method a generated sync view forwards to exists on the async view it drives.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator
from typing import Any

import openai
from openai._resource import AsyncAPIResource

import openai_oxide
from client.test_method_coverage import _allowed
from openai_oxide._resource import AsyncResponseView
from openai_oxide._sync import _ResponseView as SyncResponseView

KINDS = ("with_raw_response", "with_streaming_response")


def _official_view_methods(client: Any) -> set[str]:
    """`kind:group.method` for every method an official async view wraps."""
    found: set[str] = set()

    def walk(obj: Any, prefix: str) -> None:
        for kind in KINDS:
            view = getattr(obj, kind, None)
            for name, value in getattr(view, "__dict__", {}).items():
                if not name.startswith("_") and callable(value):
                    found.add(f"{kind}:{prefix}{name}")
        cls = type(obj)
        for name in dir(cls):
            attr = inspect.getattr_static(cls, name)
            if not name.startswith("_") and isinstance(attr, functools.cached_property):
                value = getattr(obj, name)
                if isinstance(value, AsyncAPIResource):
                    walk(value, f"{prefix}{name}.")

    walk(client, "")
    return found


def _resolve(root: Any, kind: str, path: str) -> Any:
    """`root.a.b.with_raw_response.method`, reached as `root.with_raw_response.a.b.method`
    too (both must work)."""
    *groups, method = path.split(".")
    via_client = getattr(root, kind)
    obj = root
    for part in groups:
        obj = getattr(obj, part)
        via_client = getattr(via_client, part)
    direct = getattr(getattr(obj, kind), method)
    assert callable(getattr(via_client, method))
    return direct


def test_every_official_view_method_is_on_ours() -> None:
    official = _official_view_methods(openai.AsyncOpenAI(api_key="x"))
    in_scope = sorted(p for p in official if not _allowed(p.partition(":")[2]))
    assert len(in_scope) > 300  # the walk found the tree
    clients = (openai_oxide.AsyncOpenAI(api_key="x"), openai_oxide.OpenAI(api_key="x"))
    missing = []
    for client in clients:
        for entry in in_scope:
            kind, _, path = entry.partition(":")
            try:
                assert callable(_resolve(client, kind, path))
            except AttributeError:
                missing.append(f"{type(client).__name__} {entry}")
    assert missing == []


def _views(client: Any) -> Iterator[tuple[str, Any]]:
    """Every view object under a client (the client's own, and each group's)."""
    seen: set[type] = set()

    def walk(obj: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        for kind in KINDS:
            view = getattr(obj, kind)
            yield f"{prefix}{kind}", view
        cls = type(obj)
        for name in dir(cls):
            attr = inspect.getattr_static(cls, name)
            if name.startswith("_") or not isinstance(attr, property | functools.cached_property):
                continue
            if name in KINDS:
                continue
            value = getattr(obj, name)
            if hasattr(value, KINDS[0]) and type(value) not in seen:
                seen.add(type(value))
                yield from walk(value, f"{prefix}{name}.")

    yield from walk(client, "")


def test_views_are_generated_classes_without_getattr() -> None:
    views = list(_views(openai_oxide.AsyncOpenAI(api_key="x")))
    assert len(views) > 100
    for path, view in views:
        assert isinstance(view, AsyncResponseView), path
        for klass in type(view).__mro__:
            assert "__getattr__" not in vars(klass), (path, klass)


def test_each_sync_view_method_exists_on_the_async_view() -> None:
    views = list(_views(openai_oxide.OpenAI(api_key="x")))
    assert len(views) > 100
    for path, view in views:
        assert isinstance(view, SyncResponseView), path
        for name, attr in vars(type(view)).items():
            if inspect.isfunction(attr) and not name.startswith("_"):
                assert callable(getattr(view._async, name)), f"{path}.{name}"
