"""Our runner and the official `openai` runner send the same requests for the same
scripted conversation on the fake server (journal equality, ids normalised)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from runner_support import TIME, WEATHER

from openai_oxide import AsyncOpenAI
from openai_oxide.lib import responses_tool_runner as ours
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

official = pytest.importorskip("openai.lib.responses_tool_runner")
openai = pytest.importorskip("openai")

GENERATED_ID = re.compile(r"\b(?:call|fc|msg|resp|rs)_[0-9a-f]{16,}\b")


def normalised(value: Any, names: dict[str, str]) -> Any:
    """The value with each generated id replaced by its order of first appearance."""
    if isinstance(value, dict):
        return {k: normalised(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [normalised(v, names) for v in value]
    if isinstance(value, str):  # also inside text (the budget's receipts)
        return GENERATED_ID.sub(lambda m: names.setdefault(m[0], f"<id{len(names)}>"), value)
    return value


async def execute(arguments: dict[str, Any]) -> str:
    return f"result for {sorted(arguments.items())}"


def bodies(fake: FakeOpenAI) -> list[Any]:
    names: dict[str, str] = {}
    return [normalised(entry.json, names) for entry in fake.journal]


@pytest.mark.parametrize(("stream", "eager"), [(False, False), (True, False), (True, True)])
async def test_same_requests_as_the_official_runner(
    fake: FakeOpenAI, stream: bool, eager: bool
) -> None:
    params = {"model": "m", "input": "weather and time?", "max_output_tokens": 64}
    theirs = official.AsyncResponsesToolRunner(
        functions=[official.AsyncRegisteredFunction(t, execute) for t in (WEATHER, TIME)]
    )
    async with openai.AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        expected = await theirs.run(client, dict(params), stream=stream, eager=eager)
    sent_by_official = bodies(fake)
    fake.reset()
    mine = ours.AsyncResponsesToolRunner(
        functions=[ours.AsyncRegisteredFunction(t, execute) for t in (WEATHER, TIME)]
    )
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        got = await mine.run(client, dict(params), stream=stream, eager=eager)
    assert len(sent_by_official) == 2
    assert bodies(fake) == sent_by_official
    assert got.output_text == expected.output_text


async def test_same_context_budget_compaction_as_the_official_runner(fake: FakeOpenAI) -> None:
    """Over budget, the application's decision drops completed calls (and their outputs)
    from the request and adds its summary and the receipts; the full history is kept."""

    async def big(arguments: dict[str, Any]) -> str:
        return "x" * 1000

    def compact(snapshot: Any) -> dict[str, Any]:
        return {"drop_call_ids": snapshot["eligible_call_ids"], "summary": "both tools ran"}

    params = {"model": "m", "input": "weather and time?"}
    budget = {"max_input_bytes": 800, "max_input_images": 0, "compact": compact}
    errors = []
    for module, client_class in ((official, openai.AsyncOpenAI), (ours, AsyncOpenAI)):
        fake.reset()
        runner = module.AsyncResponsesToolRunner(
            functions=[module.AsyncRegisteredFunction(t, big) for t in (WEATHER, TIME)]
        )
        async with client_class(api_key=API_KEY, base_url=fake.url) as client:
            # The fake calls the tools again after a user message: max_steps ends the run.
            with pytest.raises(module.ToolRunnerError, match="max_steps") as info:
                await runner.run(client, dict(params), max_steps=3, context_budget=budget)
        errors.append(bodies(fake))
        assert len(info.value.completed_call_ids) == 4
    assert errors[1] == errors[0]
    second = errors[1][1]
    assert second["truncation"] == "disabled"
    assert [i.get("type", "message") for i in second["input"]] == ["message"] * 3
    assert second["input"][0]["content"].endswith("both tools ran")


@pytest.mark.parametrize(("stream", "eager"), [(False, False), (True, True)])
@pytest.mark.parametrize("result", ["fine", 42])
async def test_same_diagnostics_as_the_official_runner(
    fake: FakeOpenAI, stream: bool, eager: bool, result: Any
) -> None:
    async def tool(arguments: dict[str, Any]) -> Any:
        return result

    seen: list[list[Any]] = []
    for module, client_class in ((official, openai.AsyncOpenAI), (ours, AsyncOpenAI)):
        fake.reset()
        names: dict[str, str] = {}
        diagnostics: list[Any] = []

        def observe(d: Any, out: list[Any] = diagnostics, names: dict[str, str] = names) -> None:
            out.append(
                (d["api"], d["stage"], d["reason"], d["member"], normalised(d["call_id"], names))
            )
            out.append(d["usage"] is None and d["stage"] != "request")  # usage on requests
            assert d["duration_ms"] >= 0

        runner = module.AsyncResponsesToolRunner(
            functions=[module.AsyncRegisteredFunction(t, tool) for t in (WEATHER, TIME)]
        )
        async with client_class(api_key=API_KEY, base_url=fake.url) as client:
            try:
                await runner.run(
                    client,
                    {"model": "m", "input": "both?"},
                    stream=stream,
                    eager=eager,
                    on_diagnostic=observe,
                )
            except module.ToolRunnerError:
                assert result == 42
        seen.append(diagnostics)
    assert seen[1] == seen[0]
    assert ("responses", "action", "completed", "get_weather", "<id0>") in seen[1]
    stages = [entry[1:3] for entry in seen[1] if isinstance(entry, tuple)]
    assert (("output", "invalid_output") in stages) == (result == 42)


def _public_parameters(fn: Any) -> list[tuple[str, Any, Any]]:
    """Name, kind and default of each parameter a caller may pass (not `_private` ones
    nor `**private`)."""
    import inspect

    return [
        (p.name, p.kind, p.default)
        for p in inspect.signature(fn).parameters.values()
        if not p.name.startswith("_") and p.kind is not p.VAR_KEYWORD
    ]


def test_the_runner_module_has_the_official_names_and_signatures() -> None:
    """Every public name the official module defines imports from ours (also the
    `FunctionResult` and `ToolOutput` aliases outside `__all__`), and the runners'
    methods take the official's arguments, in its order, with its defaults."""
    import inspect

    assert set(ours.__all__) == set(official.__all__)
    source = inspect.getsource(official)
    defined = set(re.findall(r"^(?:class |def )?([A-Z]\w*)\s*(?:\(|:|=)", source, re.M))
    assert {"FunctionResult", "ToolOutput", "ToolRunnerError"} <= defined
    assert [name for name in sorted(defined) if not hasattr(ours, name)] == []
    for name in ("ResponsesToolRunner", "AsyncResponsesToolRunner"):
        for method in ("__init__", "run", "iterate", "close"):
            got = _public_parameters(getattr(getattr(ours, name), method))
            want = _public_parameters(getattr(getattr(official, name), method))
            assert got == want, (name, method)
    for name in ("RegisteredFunction", "AsyncRegisteredFunction"):
        got = _public_parameters(getattr(ours, name).from_tool)
        assert got == _public_parameters(getattr(official, name).from_tool)
