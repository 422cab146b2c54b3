"""Every code sample of the README, llms.txt and docs/ runs, so none can go stale.

The Python blocks of a page run in order in one namespace, as the cells of a notebook,
against one fake server (`OPENAI_API_KEY` / `OPENAI_BASE_URL` point at it), in a scratch
directory; top-level `await` runs on one event loop per page. The `js` and `html` samples
run in tests_browser (Node, Chromium). A sample that can run in none of those (a Worker's
code) carries a marker (markdown_samples.py), checked here: an excerpt must still be in
its source file, a named test must exist.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import inspect
import io
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from docs.markdown_samples import (
    ROOT,
    RUN,
    RUN_IN_NODE,
    RUN_IN_PAGE,
    Block,
    blocks,
    documents,
    missing,
    named_tests,
    samples,
)
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.lite import AsyncOpenAI as LiteAsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from samples.harness import prepare_sandbox, sample_environment
from support import API_KEY

pytestmark = pytest.mark.timeout(120)

RUNNABLE = [b for b in samples() if b.lang in RUN and b.marker is None]
PAGES = sorted({b.path for b in RUNNABLE})


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    with server.running_in_thread():
        yield server


def run_page(blocks: list[Block], directory: Path) -> None:
    """Exec each block in one namespace; a block with top-level await runs on the page's
    loop, one without runs as a script would (its own `asyncio.run` included)."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    with asyncio.Runner() as runner:
        for block in blocks:
            code = compile(block.code, f"<{block.where}>", "exec", flags=flags)
            out = io.StringIO()
            with contextlib.chdir(directory), contextlib.redirect_stdout(out):
                try:
                    if code.co_flags & inspect.CO_COROUTINE:
                        runner.run(eval(code, namespace))
                    else:
                        exec(code, namespace)
                except Exception as exc:
                    raise AssertionError(f"the sample at {block.where} failed: {exc!r}") from exc
        for value in list(namespace.values()):  # a reader's script ends; this loop ends first
            if isinstance(value, AsyncOpenAI | LiteAsyncOpenAI):
                runner.run(value.close())
            elif isinstance(value, OpenAI):
                value.close()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_python_samples_of_a_page_run(page: Path, fake: FakeOpenAI, tmp_path: Path) -> None:
    blocks = [b for b in RUNNABLE if b.path == page]
    for block in blocks:
        prepare_sandbox(tmp_path, block.code)
    fake.reset()
    with sample_environment(fake.url, API_KEY, tmp_path), warnings.catch_warnings():
        warnings.simplefilter("error")  # a sample must not lean on anything deprecated
        run_page(blocks, tmp_path)


def test_every_sample_runs_or_names_what_runs_it() -> None:
    runs = RUN | RUN_IN_NODE | RUN_IN_PAGE
    unmarked = [b.where for b in samples() if b.lang not in runs and b.marker is None]
    assert not unmarked, f"samples with neither a run nor a marker: {unmarked}"
    for block in samples():
        kind, what = block.marker or ("", "")
        if kind == "excerpt of":
            source, _, test = what.partition(", run by ")
            assert (ROOT / test).is_file(), f"{block.where}: no test {test}"
            assert _lines_in(block.code, ROOT / source), f"{block.where}: not in {source}"
        elif kind == "covered by":
            assert not missing(named_tests(f"`{what}`")), f"{block.where}: no {what}"


def _lines_in(code: str, source: Path) -> bool:
    """Whether the block's lines appear in a row in `source` (indentation aside)."""
    want = [line.strip() for line in code.strip().splitlines()]
    have = [line.strip() for line in source.read_text(encoding="utf-8").splitlines()]
    return any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def test_an_excerpt_that_drifts_from_its_source_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "entry.py"
    source.write_text("class A:\n    def f(self):\n        return 1\n")
    assert _lines_in("def f(self):\n    return 1\n", source)
    assert not _lines_in("def f(self):\n    return 2\n", source)


def test_a_failing_sample_fails_with_its_place(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Intro.\n\n```python\nx = 1\n```\n\n"
        "<!-- sample: not run: shows a failure -->\n```js\nthrow 1;\n```\n\n"
        "```python\nawait asyncio.sleep(0)\nassert x == 2, 'stale'\n```\n"
    )
    found = blocks(page)
    assert [(b.line, b.lang, b.marker) for b in found] == [
        (3, "python", None),
        (8, "js", ("not run:", "shows a failure")),
        (12, "python", None),
    ]
    namespace_setup = Block(page, 1, "python", "import asyncio\n", None)
    with pytest.raises(AssertionError, match=r"page\.md:12 failed: AssertionError\('stale'\)"):
        run_page([namespace_setup, found[0], found[2]], tmp_path)


def test_the_extraction_finds_the_samples() -> None:
    assert len(documents()) >= 10 and len(RUNNABLE) >= 30, "the extraction broke"
