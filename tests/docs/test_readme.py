"""The README's claims that tests can keep true: the feature matrix names only tests and
names that exist, and the benchmark table is the committed run's (bench/results)."""

from __future__ import annotations

import importlib
import re

from docs.markdown_samples import ROOT, missing, named_tests

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def importable(dotted: str) -> bool:
    module, _, name = dotted.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def test_every_feature_row_names_an_existing_test_or_name() -> None:
    rows = table_rows(section("Feature matrix"))
    assert len(rows) >= 15, "the feature matrix lost rows"
    for feature, _official, _ours, shown in rows:
        reference = shown.strip("`")
        if reference.startswith(("tests/", "tests_browser/", "tests_worker/")):
            assert not missing(named_tests(shown)), f"{feature}: {shown} does not exist"
            assert "::" in reference, f"{feature}: name the test, not only its file"
        else:
            assert importable(reference), f"{feature}: {reference} does not import"


def test_the_checker_refuses_a_name_that_is_gone() -> None:
    assert not importable("openai_oxide.testing.NoSuchServer")
    assert importable("openai_oxide.testing.FakeOpenAI")


def test_the_benchmark_table_is_the_committed_runs() -> None:
    results = (ROOT / "bench" / "results" / "results.md").read_text(encoding="utf-8")
    summary = table_rows(results.split("\n## ", 1)[0])
    ours = table_rows(section("Benchmarks"))
    assert ours and ours == summary, "README's table differs from bench/results/results.md"
    plot = re.search(r"!\[[^\]]*\]\((bench/results/[\w.]+\.png)\)", section("Benchmarks"))
    assert plot and (ROOT / plot[1]).is_file()
    measured = re.search(r"Measured (\S+ \S+) UTC", section("Benchmarks"))
    assert measured and measured[1] in results.splitlines()[2], "say when and where it ran"
