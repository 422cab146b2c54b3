"""The last step of every part: ruff over the text, then the files compared or written."""

from __future__ import annotations

import difflib
import subprocess
import sys
import tempfile
from pathlib import Path

from .paths import ROOT, RUFF


def _ruff(args: list[str], text: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUFF), *args, "--stdin-filename", str(path), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def formatted(text: str, path: Path, long_lines_after: str | None = None) -> str:
    """Lint-fixed and formatted by ruff, so a re-run is byte-identical. With
    `long_lines_after` (the file's header), a file that still has lines over the limit
    (long literals ruff cannot wrap) says so in a `noqa` line below that header."""
    for args in (["check", "--fix", "--quiet", "--exit-zero"], ["format", "--quiet"]):
        done = _ruff(args, text, path)
        if done.returncode != 0:
            raise SystemExit(f"ruff {args[0]} failed on {path}:\n{done.stderr}")
        text = done.stdout
    if long_lines_after is not None and _long_lines(text, path):
        text = text.replace(long_lines_after, long_lines_after + "# ruff: noqa: E501\n", 1)
    return text


def formatted_all(files: dict[Path, str]) -> dict[Path, str]:
    """`formatted` for many small files at once: one ruff run over a copy of them."""
    with tempfile.TemporaryDirectory() as tmp:
        copies = {path: Path(tmp, *path.relative_to(ROOT).parts) for path in files}
        for path, copy in copies.items():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(files[path])
        config = ["--config", str(ROOT / "pyproject.toml")]
        for args in (["check", "--fix", "--quiet", "--exit-zero"], ["format", "--quiet"]):
            done = subprocess.run(
                [str(RUFF), *args, *config, tmp], capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise SystemExit(f"ruff {args[0]} failed:\n{done.stderr}")
        return {path: copy.read_text() for path, copy in copies.items()}


def _long_lines(text: str, path: Path) -> bool:
    return _ruff(["check", "--quiet", "--select", "E501"], text, path).returncode != 0


def apply(
    files: dict[Path, str], *, write: bool, under: Path | None = None, header: str = ""
) -> int:
    """Write `files` (and delete the files under `under` marked with `header` that a run no
    longer makes), or print how the committed files differ. Returns how many differ."""
    owned = [] if under is None else sorted(under.rglob("*.py"))
    gone = [p for p in owned if p not in files and p.read_text().startswith(header)]
    stale = 0
    for path in gone:
        stale += 1
        rel = path.relative_to(ROOT)
        if write:
            path.unlink()
            print(f"deleted {rel}", file=sys.stderr)
        else:
            print(f"--- a/{rel}\n+++ /dev/null (no longer generated)")
    for path, text in sorted(files.items()):
        old = path.read_text() if path.exists() else ""
        if old == text:
            continue
        stale += 1
        rel = path.relative_to(ROOT)
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {rel}", file=sys.stderr)
        else:
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"a/{rel}",
                    f"b/{rel}",
                )
            )
    return stale
