"""Coverage-guided fuzzing of one Hypothesis target with atheris (scripts/fuzz.sh --atheris).

    python tests/fuzz/atheris_run.py --list                      # every target
    python tests/fuzz/atheris_run.py test_sse_fuzz::test_... [libFuzzer options]

Hypothesis's `fuzz_one_input` turns libFuzzer's bytes into the test's arguments, so the
targets are the property tests themselves, with the SDK's modules instrumented for coverage.
A failure raises out of the test: atheris writes the input to -artifact_prefix and stops.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: `support`, as pytest's pythonpath gives it


def _modules() -> list[ModuleType]:
    out = []
    for path in sorted(HERE.glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.append(module)
    return out


def targets() -> dict[str, Callable[[bytes], object]]:
    """`module::test` -> its `fuzz_one_input`, for every Hypothesis test in tests/fuzz."""
    found = {}
    for module in _modules():
        for name, value in vars(module).items():
            hypothesis = getattr(value, "hypothesis", None)
            if name.startswith("test_") and hypothesis is not None:
                found[f"{module.__name__}::{name}"] = hypothesis.fuzz_one_input
    return found


def main() -> None:
    if sys.argv[1:] == ["--list"]:
        print("\n".join(targets()))
        return
    import atheris  # the `fuzz` extra

    with atheris.instrument_imports(include=["openai_oxide"]):
        found = targets()
    target = found[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
