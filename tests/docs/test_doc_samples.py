"""Every code sample of the README and docs/ runs, so none can go stale.

The Python blocks of a page run in order in one namespace, as the cells of a notebook,
against one fake server (`OPENAI_API_KEY` / `OPENAI_BASE_URL` point at it), in a scratch
directory; top-level `await` runs on one event loop per page. Any other sample (a page's
JavaScript, a Worker) carries a marker naming the test that runs the same code where it
can run, or the reason it is not run (markdown_samples.py); the markers are checked here.
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

from docs.markdown_samples import ROOT, RUN, RUN_IN_NODE, RUN_IN_PAGE, Block, documents, samples
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
            path, _, name = what.partition("::")
            assert (ROOT / path).is_file(), f"{block.where}: no {path}"
            if name:
                assert f"def {name}(" in (ROOT / path).read_text(), f"{block.where}: no {name}"


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


def test_the_extraction_finds_the_samples() -> None:
    assert len(documents()) >= 10 and len(RUNNABLE) >= 30, "the extraction broke"
