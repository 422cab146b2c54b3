"""Run the lite scenarios (tests_browser/lite_scenarios.py) in a process where pydantic and
pydantic-core cannot be imported; print their transcripts and what got imported as JSON.

    python tests/lite/no_pydantic_run.py BASE_URL
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from importlib.machinery import ModuleSpec
from typing import Any

BLOCKED = ("pydantic", "pydantic_core")


class _Blocked:
    """A meta path finder that refuses pydantic, as a runtime without it would."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


def main(base_url: str) -> None:
    sys.meta_path.insert(0, _Blocked())
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "..", "tests_browser"))
    import lite_scenarios

    async def run() -> dict[str, Any]:
        return {name: await f(base_url) for name, f in lite_scenarios.SCENARIOS.items()}

    transcripts = asyncio.run(run())
    from openai_oxide._core import codec

    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    typed = sorted(m for m in sys.modules if m.startswith("openai_oxide.types"))
    print(
        json.dumps(
            {
                "transcripts": transcripts,
                "pydantic_modules": loaded,
                "typed_modules": typed,
                "codec": codec.NAME,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
