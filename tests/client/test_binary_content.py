"""`files.content()` answers an `HttpxBinaryResponseContent` that behaves as the official's:
the same methods, sync iterators and awaited async ones, the same values, through both SDKs
from one fake (async and sync clients)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import openai
import pytest

from openai_oxide import AsyncOpenAI, HttpxBinaryResponseContent, OpenAI
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

DATA = "first line\r\nsecond, café\nthird\rlast".encode() + b"\n"
PUBLIC = sorted(
    name for name in dir(openai._legacy_response.HttpxBinaryResponseContent) if name[0] != "_"
)


def test_every_official_method_is_here_and_async_where_the_officials_is() -> None:
    theirs = openai._legacy_response.HttpxBinaryResponseContent
    for name in PUBLIC:
        ours = getattr(HttpxBinaryResponseContent, name)
        official = inspect.unwrap(getattr(theirs, name))  # under `@deprecated` for two
        assert inspect.iscoroutinefunction(ours) == inspect.iscoroutinefunction(official), name


async def _values(content: Any, path: Path) -> dict[str, Any]:
    content.write_to_file(path)
    return {
        "content": content.content,
        "read": content.read(),
        "aread": await content.aread(),
        "text": content.text,
        "encoding": content.encoding,
        "bytes": list(content.iter_bytes(7)),
        "text_chunks": list(content.iter_text(5)),
        "lines": list(content.iter_lines()),
        "abytes": [c async for c in await content.aiter_bytes(7)],
        "atext": [c async for c in await content.aiter_text(5)],
        "alines": [c async for c in await content.aiter_lines()],
        "file": path.read_bytes(),
    }


async def test_the_values_equal_the_officials(fake: FakeOpenAI, tmp_path: Path) -> None:
    ours = AsyncOpenAI(api_key=API_KEY, base_url=fake.url)
    theirs = openai.AsyncOpenAI(api_key=API_KEY, base_url=fake.url)
    created = await ours.files.create(file=DATA, purpose="user_data")
    mine = await _values(await ours.files.content(created.id), tmp_path / "ours")
    official = await _values(await theirs.files.content(created.id), tmp_path / "theirs")
    assert mine == official
    assert mine["lines"] == ["first line", "second, café", "third", "last"]
    await ours.close()
    await theirs.close()


def test_the_sync_client_iterates_without_a_loop(fake: FakeOpenAI) -> None:
    with OpenAI(api_key=API_KEY, base_url=fake.url) as client:
        created = client.files.create(file=DATA, purpose="user_data")
        content = client.files.content(created.id)
        assert b"".join(content.iter_bytes(4)) == DATA
        assert list(content.iter_lines())[1] == "second, café"
        content.close()


@pytest.mark.parametrize("body", [b"", b"no newline", b"\n\n"])
def test_lines_split_as_httpx_splits_them(body: bytes) -> None:
    import httpx2

    expected = list(httpx2.Response(200, content=body).iter_lines())
    assert list(HttpxBinaryResponseContent(body).iter_lines()) == expected
