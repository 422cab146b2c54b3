"""The fenced code blocks of the README, llms.txt and docs/, and the markers that say why one is not
run as it stands.

A block is a sample unless its language is a shell, plain text or none (commands and
file trees: CI runs the commands itself). A Python block runs natively
(tests/docs/test_doc_samples.py), a `js` block in Node (tests_browser/
test_doc_js_samples.py), an `html` block as a page in Chromium (tests_browser/
test_doc_page_samples.py); any other sample, or one of those that cannot run there, has
a marker on the line before its fence:

    <!-- sample: excerpt of worker/src/entry.py, run by tests_worker/test_worker.py -->
    <!-- sample: covered by tests_browser/test_stock_pyodide.py -->
    <!-- sample: not run: <the reason> -->

An excerpt's lines must appear, in a row, in the named file, which the named test runs (a
Worker, a page). `covered by` names the test file (optionally `::test_name`) that runs the
same code where it can run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_SAMPLES = frozenset({"", "bash", "sh", "console", "text"})
RUN = frozenset({"python", "py"})
RUN_IN_NODE = frozenset({"js", "javascript"})
RUN_IN_PAGE = frozenset({"html"})

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)(?P<lang>[\w+-]*)[^\n]*$")
_MARKER = re.compile(r"^<!-- sample: (?P<kind>excerpt of|covered by|not run:) (?P<what>.+?) -->$")


@dataclass(frozen=True, slots=True)
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    lang: str
    code: str
    marker: tuple[str, str] | None  # ("excerpt of" | "covered by" | "not run:", what)

    @property
    def where(self) -> str:
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{self.line}"


def documents() -> list[Path]:
    """The README, llms.txt and every page of docs/ (the site's source)."""
    return [ROOT / "README.md", ROOT / "llms.txt", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        indent, fence, lang = len(m["indent"]), m["fence"], m["lang"].lower()
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        if end == len(lines):
            raise ValueError(f"{path}:{i + 1}: unclosed code fence")
        code = "\n".join(line[indent:] for line in lines[i + 1 : end]) + "\n"
        before = lines[i - 1].strip() if i else ""
        mark = _MARKER.match(before)
        marker = (mark["kind"], mark["what"]) if mark else None
        found.append(Block(path, i + 1, lang, code, marker))
        i = end + 1
    return found


def samples() -> list[Block]:
    return [b for path in documents() for b in blocks(path) if b.lang not in NOT_SAMPLES]


_REFERENCE = re.compile(r"`((?:tests|tests_browser|tests_worker)/[\w/]+\.py)(?:::(\w+))?`")


def named_tests(text: str) -> list[tuple[str, str]]:
    """Every `path.py::name` (or `path.py`) the text names in backticks."""
    return [(m[1], m[2] or "") for m in _REFERENCE.finditer(text)]


def missing(references: list[tuple[str, str]]) -> list[str]:
    """The references whose file, or function in it, does not exist."""
    gone = []
    for path, name in references:
        file = ROOT / path
        if not file.is_file():
            gone.append(path)
        elif name and not re.search(rf"^\s*(async )?def {name}\(", file.read_text(), re.M):
            gone.append(f"{path}::{name}")
    return gone
