"""The docs site builds with warnings as errors, and its reference holds the public surface.

`mkdocs build --strict` (mkdocs.yml) fails on a broken link or anchor, a page left out of
the nav, and any mkdocstrings warning (an object that no longer exists, a docstring it
cannot parse). scripts/test.sh builds the site too; this test is what fails in pytest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docs.markdown_samples import ROOT

pytestmark = pytest.mark.timeout(180)

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mkdocs", reason="the docs extra (pip install -e '.[docs]')")
    return subprocess.run(
        [*MKDOCS, "--config-file", str(config), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def test_the_site_builds_strict(tmp_path: Path) -> None:
    proc = build(ROOT / "mkdocs.yml", tmp_path)
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}"
    reference = (tmp_path / "reference" / "clients" / "index.html").read_text()
    for name in ("AsyncOpenAI", "ws_session", "with_options", "OpenAI"):
        assert name in reference, f"the clients reference lost {name}"
    testing = (tmp_path / "reference" / "testing" / "index.html").read_text()
    assert "FakeOpenAI" in testing and "inject" in testing
    for guide in sorted((ROOT / "docs" / "guides").glob("*.md")):
        assert (tmp_path / "guides" / guide.stem / "index.html").is_file(), guide.name


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the guide](guides/missing.md).\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: broken\ndocs_dir: {docs}\nstrict: true\n")
    proc = build(config, tmp_path / "site")
    assert proc.returncode != 0 and "guides/missing.md" in proc.stderr
