"""`stream=` is typed by overloads on the generated methods: mypy sees the event stream for
`stream=True`, the result without it, and either for a `bool` (issue 19 item 2).

Runs mypy (with the project's configuration and cache) on a small program and reads its
`reveal_type` notes.
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
    "openai_oxide._pagination.AsyncPaginator[openai_oxide.types.fine_tuning.FineTuningJob]",
    "openai_oxide.types.beta.threads.Run",
    "openai_oxide._streaming.AsyncStream[" + ASSISTANT_EVENT,
]


def test_mypy_sees_the_stream_overloads(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(PROGRAM)
    out, err, _ = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--no-error-summary", str(program)]
    )
    revealed = re.findall(r'Revealed type is "([^"]+)"', out)
    assert len(revealed) == len(EXPECTED), out + err
    for got, want in zip(revealed, EXPECTED, strict=True):
        assert got == want or (want.endswith("| ") and got.startswith(want)), got
