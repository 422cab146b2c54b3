"""OpenAI's own samples as the drop-in check: every `python` request sample of the spec
runs with the official `openai` package and, its imports swapped, with openai_oxide, on
the same fake server (see `harness.py`). Ours must run wherever the official runs, and
send the same requests; the samples neither runs are listed, with the reason, in
`known_failures.py`.

The fake adopts ids it never issued (`adopt_unknown_ids`), as an account holding the
samples' `file-abc123` would. The samples are read from ../shared/spec at test time and
run once per module (about 155 x 2 in-process runs: some 15 s of wall time when the
machine is idle, 7 s of CPU).
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.testing import FakeOpenAI, JournalEntry
from openai_oxide.testing.forms import UploadedFile, parse_form
from openai_oxide.testing.spec import load_spec
from samples.harness import (
    Outcome,
    Sample,
    extract,
    prepare_sandbox,
    run_sample,
    sample_environment,
    swap_imports,
)
from samples.known_failures import KNOWN_FAILURES
from support import API_KEY, SHARED

pytestmark = pytest.mark.timeout(600)  # the module's runs happen once, in a fixture

SPEC = SHARED / "spec" / "openapi.yaml"
MIN_SAMPLES = 140  # the spec holds 155: far fewer means the extraction broke
SAMPLE_TIMEOUT = 30.0  # seconds; a sample takes well under one


@dataclass(frozen=True, slots=True)
class Run:
    outcome: Outcome
    requests: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Pair:
    sample: Sample
    official: Run
    ours: Run


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    pytest.importorskip("yaml", reason="pyyaml is needed to read the spec")
    spec = load_spec(SPEC)
    if spec is None:
        pytest.skip(f"spec not found at {SPEC}")
    return extract(spec.document)


@pytest.fixture(scope="module")
def pairs(samples: list[Sample], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pair]:
    pytest.importorskip("openai", reason="the official SDK is the reference (bench extra)")
    root = tmp_path_factory.mktemp("samples")
    out: dict[str, Pair] = {}
    server = FakeOpenAI(adopt_unknown_ids=True)
    with (
        server.running_in_thread(),
        sample_environment(server.url, API_KEY, root),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", DeprecationWarning)  # assistants, sora: as written
        for index, sample in enumerate(samples):
            runs = [
                _run(server, sample, code, root / f"{index:03d}-{sdk}")
                for sdk, code in (("official", sample.code), ("ours", swap_imports(sample.code)))
            ]
            out[sample.id] = Pair(sample, *runs)
    return out


def _run(server: FakeOpenAI, sample: Sample, code: str, directory: Path) -> Run:
    server.reset()
    directory.mkdir()
    prepare_sandbox(directory, code)
    outcome = run_sample(code, directory, name=sample.id, timeout=SAMPLE_TIMEOUT)
    return Run(outcome, [_request(entry) for entry in server.journal])


def _request(entry: JournalEntry) -> tuple[Any, ...]:
    """What a request asks for: method, path, query, beta header and body (JSON, or the
    form fields and files of a multipart upload); not the framing (other headers,
    boundaries)."""
    content_type = entry.headers.get("content-type", "")
    body = entry.json
    if content_type.startswith("multipart/form-data"):
        body = _files_summed_up(parse_form(content_type, entry.body))
    beta = entry.headers.get("openai-beta")
    return entry.method, entry.path, sorted(entry.query.items()), beta, body


def _files_summed_up(value: Any) -> Any:
    """Form fields with each file as (filename, content type, size, digest)."""
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256(value.content).hexdigest()[:12]
        return value.filename, value.content_type, len(value.content), digest
    if isinstance(value, dict):
        return {k: _files_summed_up(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_files_summed_up(v) for v in value]
    return value


def test_the_spec_still_holds_its_samples(samples: list[Sample]) -> None:
    ids = [s.id for s in samples]
    assert len(ids) >= MIN_SAMPLES, f"only {len(ids)} python samples found in {SPEC}"
    assert len(set(ids)) == len(ids), "sample ids must be unique"
    assert all("from openai_oxide" not in s.code for s in samples)
    imports_ours = [s.id for s in samples if "openai_oxide" not in swap_imports(s.code)]
    assert imports_ours == [], "samples that would still run the official SDK after the swap"


def test_ours_runs_every_sample_the_official_runs(pairs: dict[str, Pair]) -> None:
    broken = {
        sid: p.ours.outcome.trace.strip()
        for sid, p in pairs.items()
        if p.official.outcome.passed and not p.ours.outcome.passed
    }
    report = "\n\n".join(f"--- {sid}\n{trace}" for sid, trace in broken.items())
    assert not broken, f"{len(broken)} samples run with the official SDK, not ours:\n{report}"


def test_ours_sends_what_the_official_sends(pairs: dict[str, Pair]) -> None:
    """Same requests, in the same order, with the same bodies: the drop-in promise."""
    differ = {
        sid: (p.official.requests, p.ours.requests)
        for sid, p in pairs.items()
        if p.official.outcome.passed and p.official.requests != p.ours.requests
    }
    report = "\n".join(f"{sid}:\n  official {a}\n  ours     {b}" for sid, (a, b) in differ.items())
    assert not differ, f"requests differ from the official SDK's:\n{report}"
    silent = [sid for sid, p in pairs.items() if p.official.outcome.passed and not p.ours.requests]
    assert not silent, f"samples that ran without reaching the fake: {silent}"


def test_known_failures_are_the_samples_neither_runs(
    pairs: dict[str, Pair], capsys: pytest.CaptureFixture[str]
) -> None:
    neither = {
        sid for sid, p in pairs.items() if not (p.official.outcome.passed or p.ours.outcome.passed)
    }
    official = sum(p.official.outcome.passed for p in pairs.values())
    ours = sum(p.ours.outcome.passed for p in pairs.values())
    with capsys.disabled():
        print(
            f"\nspec samples: {len(pairs)}; the official SDK runs {official}, openai_oxide "
            f"{ours}; neither {len(neither)}"
        )
    unlisted = {
        sid: f"official: {pairs[sid].official.outcome.error}\nours: {pairs[sid].ours.outcome.error}"
        for sid in sorted(neither - KNOWN_FAILURES.keys())
    }
    assert not unlisted, (
        "samples that neither SDK runs: make the fake answer them, or list them in "
        f"known_failures.py with the reason:\n{unlisted}"
    )
    gone = sorted(KNOWN_FAILURES.keys() - pairs.keys())
    assert not gone, f"listed samples no longer in the spec: {gone}"
    stale = {
        sid: ("official runs it" if pairs[sid].official.outcome.passed else "ours runs it")
        for sid in sorted(KNOWN_FAILURES.keys() - neither)
    }
    assert not stale, f"listed samples that now run: remove them from known_failures.py: {stale}"
    changed = {
        sid: pairs[sid].official.outcome.error
        for sid, (fragment, _) in KNOWN_FAILURES.items()
        if fragment not in pairs[sid].official.outcome.error
    }
    assert not changed, f"listed samples now fail for another reason: {changed}"
