"""No resource method takes a parameter typed `Any` (issue 19's measure, counted by
scripts/any_params.py): every parameter of the generated async and sync resources says
what it takes, so an editor and mypy can check a call."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("any_params", ROOT / "scripts" / "any_params.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_resource_parameter_is_typed_any() -> None:
    script = _script()
    found = [
        row
        for root in (script.PKG / "resources", script.PKG / "sync" / "resources")
        for row in script.untyped_params(root)
    ]
    assert found == []


def test_the_count_sees_an_untyped_parameter(tmp_path: Path) -> None:
    script = _script()
    (tmp_path / "group.py").write_text(
        textwrap.dedent(
            """
            class Group:
                def create(self, a: Any | Omit, b: object, c, d: Mapping[str, Any],
                           e: int, **options: Unpack[RequestOptions]) -> None: ...
                def _private(self, x: Any) -> None: ...
            """
        )
    )
    found = [param for _, _, param in script.untyped_params(tmp_path)]
    assert found == ["a: Any | Omit", "b: object", "c: (none)"]
