"""The spec's ResponseStreamEvent union is fully covered; the types import lazily."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

from openai_oxide.types.responses import ResponseStreamEvent

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "openapi.yaml"


def _union_classes() -> dict[str, Any]:
    tagged = typing.get_args(typing.get_args(ResponseStreamEvent)[0])[0]
    members = typing.get_args(typing.get_args(tagged)[0])
    return {t: c for c in members for t in typing.get_args(c.model_fields["type"].annotation)}


def test_spec_stream_events_have_dedicated_classes_with_all_properties() -> None:
    yaml = pytest.importorskip(
        "yaml", reason="pyyaml is not installed: add pyyaml to the test extras to walk the spec"
    )
    if not SPEC.is_file():
        pytest.skip(f"spec not found at {SPEC}")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    schemas = yaml.load(SPEC.read_bytes(), Loader=loader)["components"]["schemas"]
    union = schemas["ResponseStreamEvent"]
    refs = [m["$ref"].rsplit("/", 1)[1] for m in union.get("anyOf") or union["oneOf"]]
    assert len(refs) >= 58
    ours = _union_classes()
    for ref in refs:
        props = schemas[ref]["properties"]
        (tag,) = props["type"]["enum"]
        assert tag in ours, f"{ref} ({tag}) has no class"
        missing = set(props) - set(ours[tag].model_fields)
        assert not missing, f"{ours[tag].__name__} lacks {sorted(missing)}"


def _loaded_after(statement: str) -> set[str]:
    code = (
        f"import sys; {statement}; "
        "print('\\n'.join(m for m in sys.modules if m.startswith('openai_oxide.types')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_isolation() -> None:
    chat = _loaded_after("import openai_oxide.types.chat.chat_completion_chunk")
    assert not any(m.startswith("openai_oxide.types.responses") for m in chat), chat
    responses = _loaded_after("import openai_oxide.types.responses.events")
    assert not any(m.startswith("openai_oxide.types.chat") for m in responses), responses
    bare = _loaded_after("import openai_oxide.types")
    assert bare == {"openai_oxide.types"}, bare
    lazy = _loaded_after("from openai_oxide.types import Model")
    assert "openai_oxide.types.models" in lazy
    assert not any(".chat" in m or ".responses" in m for m in lazy), lazy
    assert "openai" not in _loaded_after(
        "import openai_oxide.types.responses.events; import openai"
    )


def test_no_validator_is_built_at_import() -> None:
    code = (
        "import openai_oxide.types.responses.events, openai_oxide.types.chat; "
        "from openai_oxide.types import _lenient as v; "
        "from openai_oxide.types.responses.response import Response; "
        "print(v._validators.cache_info().currsize, Response.__pydantic_complete__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]
