"""mypy sees the same result types on the sync client as on the async one.

One snippet, written once, is made into an async and a sync variant (`await`/`async for`/
`async with` dropped) for our clients and for the installed official ones, and run
through mypy (`mypy.api`) in one go. Every `reveal_type` line carries its row's name in a
comment. Our sync results must equal our async ones with the async names mapped to their
sync counterparts (`AsyncStream` -> `Stream`, `AsyncPaginator` -> `SyncPage`, ...), and
the plain model results must equal the official sync client's. The table is printed
(`pytest -s`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from mypy import api

REPO = Path(__file__).resolve().parents[2]

SNIPPET = """\
import {mod}
import {mod}.lib.responses_tool_runner as runners
from {mod} import {Client}

M = "gpt-4.1-mini"


{async_}def check(c: {Client}) -> None:
    reveal_type({aw}c.responses.create(model=M, input="hi"))  # responses.create
    reveal_type({aw}c.responses.create(model=M, input="", stream=True))  # responses stream=True
    reveal_type({aw}c.chat.completions.create(model=M, messages=[]))  # chat.completions.create
    reveal_type({aw}c.chat.completions.create(model=M, messages=[], stream=True))  # chat stream
    reveal_type(c.models.list())  # models.list()
    {async_}for model in c.models.list():
        reveal_type(model)  # models.list() item
    reveal_type({aw}c.files.create(file=b"x", purpose="batch"))  # files.create
    reveal_type(c.vector_stores.files.list("vs"))  # vector_stores.files.list
    reveal_type({aw}c.responses.input_items.list("r"))  # responses.input_items.list first page
    reveal_type({aw}c.beta.responses.create(model=M, input="hi"))  # beta.responses.create
    reveal_type({aw}c.beta.responses.retrieve("r"))  # beta.responses.retrieve
    reveal_type(c.videos.list())  # videos.list
    reveal_type({aw}c.beta.chatkit.threads.list())  # chatkit.threads.list first page
    reveal_type(c.conversations.items.list("conv"))  # conversations.items.list
    reveal_type({aw}c.beta.threads.runs.retrieve("r", thread_id="t"))  # runs.retrieve
    reveal_type({aw}c.beta.threads.runs.create("t", assistant_id="a"))  # runs.create
    {async_}with c.responses.stream(model=M, input="hi") as stream:
        reveal_type(stream)  # responses.stream(...) as s
        reveal_type({aw}stream.get_final_response())  # s.get_final_response()
    {async_}with c.chat.completions.stream(model=M, messages=[]) as chat_stream:
        reveal_type(chat_stream)  # chat.completions.stream(...) as s
    reveal_type({aw}c.chat.completions.parse(model=M, messages=[]))  # chat.completions.parse
    reveal_type(c.beta.threads.runs.stream(thread_id="t", assistant_id="a"))  # runs.stream(...)
    raw = {aw}c.responses.with_raw_response.create(model=M, input="hi")
    reveal_type(raw)  # with_raw_response.create()
    reveal_type(raw.parse())  # with_raw_response.create().parse()
    reveal_type({aw}c.responses.with_raw_response.create(model=M, input="", stream=True))  # raw sse
    reveal_type({aw}c.chat.completions.with_raw_response.create(model=M, messages=[]))  # raw chat
    reveal_type({aw}c.models.with_raw_response.list())  # raw models.list()
    reveal_type({aw}c.beta.threads.runs.with_raw_response.retrieve("r", thread_id="t"))  # raw runs
    reveal_type({aw}c.files.with_raw_response.content("f"))  # raw files.content
    reveal_type({aw}c.with_raw_response.models.retrieve("m"))  # client.with_raw_response.models
    reveal_type(c.responses.with_streaming_response.create(model=M, input="hi"))  # streaming create
    {async_}with c.responses.with_streaming_response.create(model=M, input="hi") as r:
        reveal_type(r)  # with_streaming_response.create() as r
        reveal_type({aw}r.parse())  # r.parse()
    {async_}with c.vector_stores.files.with_streaming_response.list("vs") as listed:
        reveal_type(listed)  # streaming vector_stores.files.list
    reveal_type(c.with_options(max_retries=1))  # c.with_options(...)
    reveal_type({aw}c.get("/models/m", cast_to={mod}.types.Model))  # client.get(cast_to=)
    reveal_type({aw}c.patch("/x", cast_to={mod}.types.Model, body={{}}))  # client.patch
    runner = runners.{runner}()
    reveal_type({aw}runner.run(c, {{"model": M, "input": "hi"}}))  # tool runner run()
    {async_}for turn in runner.iterate(c, {{"model": M, "input": "hi"}}):
        reveal_type(turn.response)  # tool runner turn.response


def module_client() -> None:
    reveal_type({mod}.chat.completions.create(model=M, messages=[]))  # module: chat.completions
    reveal_type({mod}.responses.create(model=M, input="hi"))  # module: responses.create
"""

# Rows whose result has the same class names in both packages.
# The raw/streaming views and the stream helper: the same on the async clients too.
ASYNC_SAME_AS_OFFICIAL = {
    "tool runner run()",
    "tool runner turn.response",
    "responses.stream(...) as s",
    "with_raw_response.create()",
    "with_raw_response.create().parse()",
    "raw chat",
    "raw models.list()",
    "raw runs",
    "raw files.content",
    "client.with_raw_response.models",
    "streaming create",
    "with_streaming_response.create() as r",
    "r.parse()",
    # A list's paginator names its page class (cursor pages for a list that takes `after`).
    "models.list()",
    "vector_stores.files.list",
    "videos.list",
    "chatkit.threads.list first page",
    "streaming vector_stores.files.list",
    "runs.stream(...)",
    "client.get(cast_to=)",
    "chat.completions.stream(...) as s",
    "chat.completions.parse",
    "client.patch",
}
SAME_AS_OFFICIAL = {
    *ASYNC_SAME_AS_OFFICIAL,
    "responses.create",
    "beta.responses.create",
    "beta.responses.retrieve",
    "chat.completions.create",
    "models.list() item",
    "files.create",
    "runs.retrieve",
    "with_raw_response.create().parse()",
    "module: chat.completions",
    "module: responses.create",
}
# An async list gives an `AsyncPaginator`; its sync twin is the first page, a `SyncPage`,
# or the sync twin of the list's official page class (`SyncCursorPage`, ...).
PAGES = ("SyncPage", "SyncCursorPage", "SyncConversationCursorPage")


def _variant(mod: str, client: str, is_async: bool) -> str:
    aw, async_ = ("await ", "async ") if is_async else ("", "")
    runner = "AsyncResponsesToolRunner" if is_async else "ResponsesToolRunner"
    return SNIPPET.format(mod=mod, Client=client, aw=aw, async_=async_, runner=runner)


def _short(revealed: str) -> str:
    """Class names without their modules."""
    return re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", revealed)


def _as_sync(revealed: str, page: str) -> str:
    # A paginator's sync twin is its first page: `AsyncPaginator[X, AsyncPage[X]]` -> `SyncPage[X]`.
    revealed = re.sub(r"^AsyncPaginator\[.+?, (Async\w*Page\[.+\])\]$", r"\1", revealed)
    revealed = re.sub(r"\bAsync(\w*Page)\b", r"Sync\1", revealed)
    revealed = re.sub(r"\bAsyncPag(?:inator|e)\b", page, revealed)
    return re.sub(r"\bAsync(\w+)", r"\1", revealed)


def _reveal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    variants = {
        "ours async": _variant("openai_oxide", "AsyncOpenAI", True),
        "ours sync": _variant("openai_oxide", "OpenAI", False),
        "official async": _variant("openai", "AsyncOpenAI", True),
        "official sync": _variant("openai", "OpenAI", False),
    }
    files = {}
    for name, text in variants.items():
        path = tmp_path / (name.replace(" ", "_") + ".py")
        path.write_text(text)
        files[path.name] = (name, text.splitlines())
    monkeypatch.setenv("MYPYPATH", str(REPO / "pkg"))
    cache = REPO / ".mypy_cache" / "reveal"
    limit = sys.getrecursionlimit()
    try:
        stdout, stderr, _ = api.run(
            ["--follow-imports=silent", "--no-error-summary", f"--cache-dir={cache}"]
            + [str(tmp_path / name) for name in files]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
    assert not stderr, stderr
    table: dict[str, dict[str, str]] = {}
    for line in stdout.splitlines():
        found = re.match(r'(.+?):(\d+): note: Revealed type is "(.*)"$', line)
        if not found:
            continue
        # By file name: mypy reports a fresh module's notes from its cache, under the
        # path it had then (another run's tmp_path).
        name, lines = files[Path(found[1]).name]
        label = lines[int(found[2]) - 1].rpartition("# ")[2]
        table.setdefault(label, {})[name] = _short(found[3])
    return table


def test_sync_results_are_the_async_ones_with_sync_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _reveal(tmp_path, monkeypatch)
    labels = [line.rpartition("# ")[2] for line in SNIPPET.splitlines() if "reveal_type" in line]
    assert sorted(table) == sorted(labels)
    print()
    for label in labels:
        row = table[label]
        print(f"{label}\n" + "".join(f"  {k:<15}{v[:150]}\n" for k, v in row.items()))
    for label in labels:
        row = table[label]
        assert "Any" not in row["ours sync"].replace("[Any]", ""), (label, row)
        if "ours async" in row:
            assert row["ours sync"] in {_as_sync(row["ours async"], p) for p in PAGES}, label
        if label in SAME_AS_OFFICIAL:
            assert row["ours sync"] == row["official sync"], label
        if label in ASYNC_SAME_AS_OFFICIAL:
            assert row["ours async"] == row["official async"], label
    # conversation items come in the official page class (the item unions differ in members)
    items = table["conversations.items.list"]
    assert "AsyncConversationCursorPage[" in items["ours async"] and (
        items["ours sync"].startswith("SyncConversationCursorPage[")
    )
