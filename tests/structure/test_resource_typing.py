"""The generated resources as mypy sees them (issue 19 item 2): `stream=` is typed by
overloads (the event stream for `stream=True`, the result without it, either for a `bool`),
and parameters are typed from the spec, so a mistyped argument is an error.

Runs mypy (with the project's configuration and cache) on small programs and reads its
`reveal_type` notes and errors.
"""

from __future__ import annotations

import re
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
from openai_oxide import AsyncOpenAI

async def main(client: AsyncOpenAI, flag: bool) -> None:
    reveal_type(await client.completions.create(model="m", prompt="p"))
    reveal_type(await client.completions.create(model="m", prompt="p", stream=False))
    reveal_type(await client.completions.create(model="m", prompt="p", stream=True))
    reveal_type(await client.completions.create(model="m", prompt="p", stream=flag))
    reveal_type(await client.batches.retrieve("batch_1"))
    reveal_type(client.fine_tuning.jobs.list(limit=2))
    reveal_type(await client.beta.threads.runs.create("thread_1", assistant_id="a"))
    reveal_type(await client.beta.threads.runs.create("thread_1", assistant_id="a", stream=True))
"""

# mypy spells a union alias out: the run stream's events start with `ThreadCreated`.
ASSISTANT_EVENT = "openai_oxide.types.beta.threads.ThreadCreated | "
EXPECTED = [
    "openai_oxide.types.completions.Completion",
    "openai_oxide.types.completions.Completion",
    "openai_oxide._streaming.AsyncStream[openai_oxide.types.completions.Completion]",
    "openai_oxide.types.completions.Completion"
    " | openai_oxide._streaming.AsyncStream[openai_oxide.types.completions.Completion]",
    "openai_oxide.types.batches.Batch",
    "openai_oxide._pagination.AsyncPaginator[openai_oxide.types.fine_tuning.FineTuningJob,"
    " openai_oxide._pagination.AsyncCursorPage[openai_oxide.types.fine_tuning.FineTuningJob]]",
    "openai_oxide.types.beta.threads.Run",
    "openai_oxide._streaming.AsyncStream[" + ASSISTANT_EVENT,
]


MISTYPED = """
from openai_oxide import AsyncOpenAI

async def main(client: AsyncOpenAI) -> None:
    await client.vector_stores.create(chunking_strategy={"type": "sometimes"})
    await client.batches.create(completion_window="24h", endpoint="/v1/x", input_file_id=7)
    await client.fine_tuning.jobs.list(limit="two")
"""


def _mypy(tmp_path: Path, source: str) -> str:
    program = tmp_path / "program.py"
    program.write_text(source)
    out, err, _ = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--no-error-summary", str(program)]
    )
    return out + err


def test_mypy_sees_the_stream_overloads(tmp_path: Path) -> None:
    out = _mypy(tmp_path, PROGRAM)
    revealed = re.findall(r'Revealed type is "([^"]+)"', out)
    assert len(revealed) == len(EXPECTED), out
    for got, want in zip(revealed, EXPECTED, strict=True):
        assert got == want or (want.endswith("| ") and got.startswith(want)), got


def test_mypy_rejects_arguments_the_spec_does_not_allow(tmp_path: Path) -> None:
    out = _mypy(tmp_path, MISTYPED)
    lines = {int(m) for m in re.findall(r"program\.py:(\d+): error", out)}
    # chunking_strategy is a union of TypedDicts, input_file_id a str, limit an int.
    assert lines == {5, 6, 7}, out
