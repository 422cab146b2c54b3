"""The sync client is generated from the async one (scripts/gen/sync.py): the committed
files are a fresh run, every sync method has its async twin's signature, nothing answers
through `__getattr__`, and sync streams keep the async ones' order, errors and aborts."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import time
from pathlib import Path

import pytest

import openai_oxide.sync
from openai_oxide import APIConnectionError, OpenAI
from openai_oxide._sync import SyncCursorPage, SyncPage, SyncWrapper
from openai_oxide.sync._registry import SYNC_CLASSES
from openai_oxide.testing import FakeOpenAI, Fault
from support import API_KEY

REPO = Path(__file__).resolve().parents[2]


def _generated_modules() -> list[object]:
    found = pkgutil.walk_packages(openai_oxide.sync.__path__, "openai_oxide.sync.")
    names = [m.name for m in found]
    return [importlib.import_module(name) for name in ["openai_oxide._sync", *names]]


def test_the_committed_sync_client_is_a_fresh_run() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from gen import sync
    finally:
        sys.path.remove(str(REPO / "scripts"))
    files = sync.generate()
    assert len(files) > 30
    stale = [str(p) for p, text in files.items() if p.read_text() != text]
    assert stale == [], "run scripts/generate.py --write"


def test_no_class_answers_through_getattr() -> None:
    for module in _generated_modules():
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == getattr(module, "__name__", None):
                assert "__getattr__" not in vars(cls), cls


def test_every_sync_method_has_its_async_twins_signature() -> None:
    checked = 0
    for async_path, (module, name) in SYNC_CLASSES.items():
        async_module, _, async_name = async_path.rpartition(".")
        async_cls = getattr(importlib.import_module(async_module), async_name)
        sync_cls = getattr(importlib.import_module(module), name)
        assert issubclass(sync_cls, SyncWrapper)
        for attr, value in vars(async_cls).items():
            if attr.startswith("_") or not inspect.isfunction(value):
                continue
            sync_method = getattr(sync_cls, attr)
            ours = inspect.signature(sync_method).parameters
            theirs = inspect.signature(value).parameters
            assert [(p.name, p.kind, p.default) for p in ours.values()] == [
                (p.name, p.kind, p.default) for p in theirs.values()
            ], f"{name}.{attr}"
            checked += 1
    assert checked > 150


def test_a_sync_stream_yields_the_events_then_the_error(fake: FakeOpenAI) -> None:
    fake.inject(Fault(drop_after_events=3))
    with OpenAI(api_key=API_KEY, base_url=fake.url, max_retries=0) as client:
        stream = client.responses.create(model="gpt-test", input="hello there", stream=True)
        seen = []
        with pytest.raises(APIConnectionError):
            for event in stream:
                seen.append(event)
        assert [e.type for e in seen][:1] == ["response.created"]
        assert len(seen) == 3


def test_leaving_a_sync_stream_early_aborts_the_transfer(fake: FakeOpenAI) -> None:
    fake.inject(Fault(delay_between_events=0.2))
    client = OpenAI(api_key=API_KEY, base_url=fake.url)
    with client.responses.create(model="gpt-test", input="hello there", stream=True) as stream:
        for event in stream:
            assert event.type == "response.created"
            break
    deadline = time.monotonic() + 5
    while not fake.journal[-1].disconnected and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake.journal[-1].disconnected


def test_the_sync_client_shows_the_async_ones_settings() -> None:
    client = OpenAI(
        api_key="sk-x",
        organization="org-1",
        project="proj-1",
        base_url="http://host/v1",
        max_retries=5,
        default_headers={"x-a": "1"},
    )
    public = {k: v for k, v in vars(client._async).items() if not k.startswith("_")}
    assert {"organization", "project", "base_url", "max_retries", "default_headers"} <= set(public)
    for name, value in public.items():
        assert getattr(client, name) == value, name
    assert client.with_options(max_retries=1).max_retries == 1


def test_a_cursor_list_gives_cursor_pages_across_pages(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        ids = [client.files.create(file=b"f%d" % i, purpose="batch").id for i in range(3)]
        first = client.files.list(limit=2)
        assert type(first) is SyncCursorPage and first.has_next_page()
        second = first.get_next_page()
        assert type(second) is SyncCursorPage
        assert [f.id for f in first] == ids[::-1]  # iterating goes on across pages
        raw = client.files.with_raw_response.list(limit=2).parse()
        assert type(raw) is SyncCursorPage and len(raw.data) == 2
        assert type(client.models.list()) is SyncPage  # models.list takes no cursor
