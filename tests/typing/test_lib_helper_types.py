"""The hand-written `lib/` helpers are typed (issue 19): no public parameter says `Any`, and
mypy checks official-style calls through them as it checks the generated methods.

- `scripts/any_params.py --lib` finds one parameter typed `Any` (Playwright's own launch
  options, passed on unread);
- mypy accepts official-style code and flags each wrong line: on the Azure client's copy on
  ours as on the official package, and on the WebSocket session and tool runner (ours only).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from mypy import api

REPO = Path(__file__).resolve().parents[2]
# a parameter the measure may find, with why
ALLOWED = {"PlaywrightBrowser.launch(options: Any)": "Playwright's `chromium.launch` options"}

AZURE = """\
from {mod} import AsyncAzureOpenAI, AzureOpenAI


async def main(azure: AsyncAzureOpenAI, sync: AzureOpenAI) -> None:
    azure.with_options(timeout=5.0, max_retries=1)
    azure.copy(default_headers={{"x-tag": "a"}}, api_version="2025-01-01")
    sync.with_options(max_retries=0, base_url="https://example.test/openai")
    azure.with_options(max_retriez=1)  # WRONG
    sync.with_options(max_retries="3")  # WRONG
"""

OURS = """\
from openai_oxide import AsyncOpenAI, OpenAI
from openai_oxide.lib.responses_tool_runner import AsyncResponsesToolRunner, ResponsesToolRunner


async def main(client: AsyncOpenAI, sync: OpenAI) -> None:
    async with client.ws_session() as ws:
        await ws.send(model="gpt-5", input="hi", extra_headers={"x-tag": "a"})
        await ws.warmup(model="gpt-5", instructions="be brief", stream_id="lane-a")
        await ws.send(model="gpt-5", input=[{"role": "user", "content": "hi"}])
        async with ws.stream(model="gpt-5", input="hi") as stream:
            await stream.get_final_response()
        await ws.send(modle="gpt-5")  # WRONG
        await ws.send(model="gpt-5", temperature="hot")  # WRONG
    with sync.ws_session() as session:
        session.send(model="gpt-5", input="hi")
        session.send(model="gpt-5", max_output_tokens="many")  # WRONG
    runner = AsyncResponsesToolRunner(functions=[])
    await runner.run(client, {"model": "gpt-5", "input": "hi"})
    await runner.run(client.responses, {"model": "gpt-5", "input": "hi"})
    await runner.run("client", {"model": "gpt-5"})  # WRONG
    ResponsesToolRunner(functions=[]).run(sync, {"model": "gpt-5", "input": "hi"})
    ResponsesToolRunner(functions=[]).run(client, {"model": "gpt-5"})  # WRONG
"""


def _any_params() -> list[str]:
    spec = importlib.util.spec_from_file_location("any_params", REPO / "scripts" / "any_params.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lib = module.PKG / "lib"
    return [f"{method}({param})" for _, method, param in module.untyped_params(lib)]


def test_no_lib_helper_parameter_is_typed_any_but_the_allowed() -> None:
    found = _any_params()
    print(f"\nlib/ parameters typed Any: {len(found)} ({', '.join(found)})")
    assert set(found) == set(ALLOWED)


def _flagged(files: dict[str, str], tmp_path: Path) -> dict[str, set[int]]:
    """File stem -> the lines mypy flags."""
    for name, text in files.items():
        (tmp_path / f"{name}.py").write_text(text)
    limit = sys.getrecursionlimit()
    try:
        stdout, stderr, _ = api.run(
            [
                "--follow-imports=silent",
                "--no-error-summary",
                f"--cache-dir={REPO / '.mypy_cache' / 'reveal'}",
            ]
            + [str(tmp_path / f"{name}.py") for name in files]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
    assert not stderr, stderr
    flagged: dict[str, set[int]] = {name: set() for name in files}
    for line in stdout.splitlines():
        if ": error:" in line:
            path, number, _ = line.split(":", 2)
            flagged[Path(path).stem].add(int(number))
    return flagged


def _wrong(snippet: str) -> set[int]:
    return {i + 1 for i, line in enumerate(snippet.splitlines()) if line.endswith("# WRONG")}


def test_mypy_checks_official_style_calls_through_the_helpers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("openai")
    monkeypatch.setenv("MYPYPATH", str(REPO / "pkg"))
    files = {
        "azure_ours": AZURE.format(mod="openai_oxide"),
        "azure_official": AZURE.format(mod="openai"),
        "helpers_ours": OURS,
    }
    flagged = _flagged(files, tmp_path)
    # every wrong line is flagged and nothing else, on ours as on the official package
    assert flagged == {
        "azure_ours": _wrong(AZURE),
        "azure_official": _wrong(AZURE),
        "helpers_ours": _wrong(OURS),
    }
