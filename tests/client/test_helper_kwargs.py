"""The hand-written stream and parse helpers take their call's keyword arguments typed by the
generated `helper_kwargs` TypedDicts (issue 19 item 2), and still refuse a call that lacks a
required one before anything is sent.

Each TypedDict must hold exactly the keyword parameters of the generated method it stands
for (path parameters, `stream` and those the helpers take by name left out), with the same
required ones: the helpers' runtime checks (`REQUIRED` tuples) are compared with the
TypedDict's `Required[...]` fields.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openai_oxide import AsyncOpenAI
from openai_oxide._transport.mock import MockResponse, MockTransport
from openai_oxide.resources import _assistant_streams, chat_create, helper_kwargs
from openai_oxide.resources._options import RequestOptions

_PROBE = AsyncOpenAI(api_key="sk-test", transport=MockTransport(lambda request: MockResponse()))
# TypedDict -> (the generated method it stands for, its parameters left out besides `stream`:
# the path ones, or those the helpers take by name; the helpers' required-argument check).
KWARGS: dict[str, tuple[Any, set[str], tuple[str, ...] | None]] = {
    "ResponseCreateKwargs": (_PROBE.responses.create, set(), None),
    "CompletionCreateKwargs": (
        _PROBE.chat.completions.create,
        {"response_format"},  # taken by name: a class to parse into, or a dict
        chat_create.REQUIRED,
    ),
    "RunCreateKwargs": (
        _PROBE.beta.threads.runs.create,
        {"thread_id"},
        _assistant_streams.RUN_REQUIRED,
    ),
    "RunSubmitToolOutputsKwargs": (
        _PROBE.beta.threads.runs.submit_tool_outputs,
        {"run_id", "thread_id"},
        _assistant_streams.SUBMIT_REQUIRED,
    ),
    "ThreadCreateAndRunKwargs": (
        _PROBE.beta.threads.create_and_run,
        set(),
        _assistant_streams.THREAD_RUN_REQUIRED,
    ),
}


def _fields() -> dict[str, dict[str, bool]]:
    """Each TypedDict's own fields and whether each is `Required[...]`, read from the source
    (under `from __future__ import annotations` the runtime cannot tell)."""
    tree = ast.parse(Path(inspect.getfile(helper_kwargs)).read_text())
    found: dict[str, dict[str, bool]] = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef):
            found[cls.name] = {
                f.target.id: ast.unparse(f.annotation).startswith("Required[")
                for f in cls.body
                if isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name)
            }
    return found


def test_every_kwargs_class_is_listed() -> None:
    assert sorted(_fields()) == sorted(KWARGS) == sorted(helper_kwargs.__all__)


@pytest.mark.parametrize("name", sorted(KWARGS))
def test_kwargs_hold_the_methods_keyword_parameters(name: str) -> None:
    method, left_out, required_check = KWARGS[name]
    fields = _fields()[name]
    params = inspect.signature(method).parameters
    keywords = {n for n, p in params.items() if p.kind is p.KEYWORD_ONLY}
    assert set(fields) == keywords - left_out - {"stream"}
    # The per-call options ride along, as on the method itself.
    assert set(RequestOptions.__annotations__) <= set(getattr(helper_kwargs, name).__annotations__)
    required = {n for n in fields if fields[n]}
    no_default = {n for n in keywords - left_out if params[n].default is inspect.Parameter.empty}
    assert required == no_default - {"stream"}
    if required_check is not None:
        assert set(required_check) == required


def _calls(client: AsyncOpenAI) -> dict[str, tuple[Callable[..., Any], dict[str, Any], str]]:
    runs, threads = client.beta.threads.runs, client.beta.threads
    return {
        "runs.stream": (runs.stream, {"thread_id": "t"}, "assistant_id"),
        "runs.create_and_stream": (runs.create_and_stream, {"thread_id": "t"}, "assistant_id"),
        "runs.submit_tool_outputs_stream": (
            runs.submit_tool_outputs_stream,
            {"thread_id": "t", "run_id": "r"},
            "tool_outputs",
        ),
        "runs.submit_tool_outputs_and_poll": (
            runs.submit_tool_outputs_and_poll,
            {"thread_id": "t", "run_id": "r"},
            "tool_outputs",
        ),
        "threads.create_and_run_stream": (threads.create_and_run_stream, {}, "assistant_id"),
        "chat.completions.stream": (client.chat.completions.stream, {"model": "m"}, "messages"),
    }


@pytest.mark.parametrize("helper", sorted(_calls(_PROBE)))
async def test_assistant_helpers_refuse_a_missing_required_argument(helper: str) -> None:
    sent: list[object] = []
    transport = MockTransport(lambda request: sent.append(request) or MockResponse(200, body=b"{}"))
    client = AsyncOpenAI(api_key="sk-test", transport=transport, max_retries=0)
    call, given, missing = _calls(client)[helper]
    with pytest.raises(TypeError, match=f"required keyword-only argument: '{missing}'"):
        result = call(**given)
        if inspect.isawaitable(result):
            await result
    assert sent == []
