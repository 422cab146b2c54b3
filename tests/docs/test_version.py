"""One version: the package's `__version__`, pyproject.toml, the JS API's `VERSION`, the
changelog's latest entry and every wheel name the docs mention. (The bundle's wheel and
what the JS API reports at run time: tests_browser/test_version.py.)"""

from __future__ import annotations

import re
import tomllib

import openai_oxide
from docs.markdown_samples import ROOT, documents

VERSION = openai_oxide.__version__


def test_pyproject_and_the_package_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == VERSION


def test_the_js_api_declares_the_same_version() -> None:
    source = (ROOT / "wasm_bridge" / "oxide.mjs").read_text()
    declared = re.search(r'^export const VERSION = "([^"]+)";$', source, re.M)
    assert declared and declared[1] == VERSION


def test_the_changelog_leads_with_this_version() -> None:
    headings = re.findall(r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert headings and headings[0] == VERSION


def test_the_docs_name_this_versions_wheel() -> None:
    names = {
        (path.name, wheel)
        for path in documents()
        for wheel in re.findall(r"openai_oxide-([\w.]+?)-py3-none-any\.whl", path.read_text())
    }
    assert names and all(wheel == VERSION for _, wheel in names), names
