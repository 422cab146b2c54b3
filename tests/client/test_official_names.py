"""`import openai_oxide as openai` keeps the official names: every name in the installed
`openai.__all__` imports from `openai_oxide` and means the same, and the `types`
submodules are compared with the official ones."""

from __future__ import annotations

import dataclasses
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import get_args

import openai
import openai.types
import pytest

import openai_oxide
import openai_oxide.types
from openai_oxide.testing import FakeOpenAI
from support import API_KEY

# Official names that are deliberately not here, each with its reason.
EXCLUDED: dict[str, str] = {}
# Official names still missing. The test fails when one appears, so the list only shrinks.
NOT_YET: dict[str, str] = {}
# Not in `openai.__all__`, but official top-level names that code imports.
ALSO = ("AzureOpenAI", "AsyncAzureOpenAI", "pydantic_function_tool", "VERSION")


def test_every_official_name_imports_from_openai_oxide() -> None:
    missing = {n for n in openai.__all__ if not hasattr(openai_oxide, n)}
    assert missing == set(EXCLUDED) | set(NOT_YET)
    present = [n for n in openai.__all__ if n not in missing]
    assert len(present) == len(openai.__all__) - len(missing)
    assert set(present) <= set(openai_oxide.__all__) | {"__version__", "__title__"}
    for name in (*present, *(n for n in ALSO if n != "VERSION")):
        exec(f"from openai_oxide import {name}", {})


def test_all_is_exactly_what_resolves() -> None:
    for name in openai_oxide.__all__:
        assert getattr(openai_oxide, name) is not None, name


def test_import_stays_light_with_the_new_names() -> None:
    """The new names load on access: importing the package loads neither pydantic nor
    httpx nor botocore, and `types` is a module that loads its groups lazily."""
    code = (
        "import sys, openai_oxide as o; before = sorted(m for m in ('pydantic', 'httpx',"
        " 'botocore', 'openai_oxide.lib.azure') if m in sys.modules);"
        "o.AzureOpenAI; o.types; o.Client; o.Stream; o.ReconnectingEvent;"
        "print(before, 'pydantic' in sys.modules, 'httpx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False False"


def _error_names() -> list[str]:
    return [
        n
        for n in openai.__all__
        if n not in NOT_YET and inspect.isclass(obj := getattr(openai, n))
        if issubclass(obj, Exception)
    ]


def test_error_hierarchy_matches_the_official() -> None:
    names = _error_names()
    assert {"OAuthError", "WebSocketConnectionClosedError", "WebSocketQueueFullError"} <= set(names)
    for a in names:
        for b in names:
            theirs = issubclass(getattr(openai, a), getattr(openai, b))
            assert issubclass(getattr(openai_oxide, a), getattr(openai_oxide, b)) == theirs, (a, b)


def test_websocket_errors_catch_what_the_session_raises() -> None:
    dropped = openai_oxide.WebSocketDisconnectedError("dropped", response_id="resp_1")
    with pytest.raises(openai_oxide.WebSocketConnectionClosedError) as caught:
        raise dropped
    assert caught.value.unsent_messages == [] and caught.value.response_id == "resp_1"
    assert isinstance(dropped, openai_oxide.APIConnectionError)
    full = openai_oxide.WebSocketQueueFullError("send queue is full")
    assert isinstance(full, openai_oxide.OpenAIError)


def test_oauth_error_reads_the_oauth_body() -> None:
    from openai_oxide._core.http import Headers, Request, ResponseHead

    head = ResponseHead(401, Headers({"x-request-id": "req_1"}), Request("POST", "https://x/t"))
    body = {"error": "invalid_grant", "error_description": "token expired"}
    err = openai_oxide.OAuthError(response=head, body=body)
    assert (err.error, str(err), err.status_code, err.request_id) == (
        "invalid_grant",
        "token expired",
        401,
        "req_1",
    )
    assert isinstance(err, openai_oxide.AuthenticationError)
    assert str(openai_oxide.OAuthError(response=head, body=None)) == "OAuth authentication error."


def test_constants_and_sentinels_match() -> None:
    assert openai_oxide.DEFAULT_MAX_RETRIES == openai.DEFAULT_MAX_RETRIES
    theirs, ours = openai.DEFAULT_TIMEOUT, openai_oxide.DEFAULT_TIMEOUT
    assert (ours.connect, ours.read, ours.write) == (theirs.connect, theirs.read, theirs.write)
    assert not openai_oxide.NOT_GIVEN and not openai_oxide.omit
    assert openai_oxide.not_given is openai_oxide.NOT_GIVEN
    assert isinstance(openai_oxide.NOT_GIVEN, openai_oxide.NotGiven)
    assert isinstance(openai_oxide.omit, openai_oxide.Omit)
    assert openai_oxide.NoneType is openai.NoneType is type(None)
    assert get_args(openai_oxide.DataResidency) == get_args(openai.DataResidency)
    assert set(openai_oxide.RequestOptions.__annotations__) <= set(
        openai.RequestOptions.__annotations__
    )
    assert isinstance(openai_oxide.__title__, str) and openai_oxide.__version__


def test_aliases_and_modules() -> None:
    assert openai_oxide.Client is openai_oxide.OpenAI
    assert openai_oxide.AsyncClient is openai_oxide.AsyncOpenAI
    assert isinstance(openai_oxide.types, ModuleType)
    assert openai_oxide.types is openai_oxide.types  # cached after the first access
    from openai_oxide.lib import tools
    from openai_oxide.types import _base

    assert openai_oxide.pydantic_function_tool is tools.pydantic_function_tool
    assert openai_oxide.pydantic_responses_function_tool is tools.pydantic_responses_function_tool
    assert openai_oxide.BaseModel is _base.BaseModel
    assert issubclass(openai_oxide.types.FileObject, openai_oxide.BaseModel)


def test_reconnection_records_have_the_official_fields() -> None:
    def fields(cls: type) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]

    assert fields(openai_oxide.ReconnectingEvent) == fields(openai.ReconnectingEvent)
    assert set(openai_oxide.ReconnectingOverrides.__annotations__) == set(
        openai.ReconnectingOverrides.__annotations__
    )


def test_file_from_path_matches(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    assert openai_oxide.file_from_path(str(path)) == openai.file_from_path(str(path))


def test_aiohttp_client_is_a_clear_error() -> None:
    with pytest.raises(openai_oxide.OpenAIError, match="aiohttp is not supported"):
        openai_oxide.DefaultAioHttpClient()


def test_sync_streams_are_stream_instances(fake: FakeOpenAI) -> None:
    with openai_oxide.Client(api_key=API_KEY, base_url=fake.url) as client:
        stream = client.responses.create(model="gpt-test", input="hi", stream=True)
        assert isinstance(stream, openai_oxide.Stream)
        with stream:
            assert [e.type for e in stream][-1] == "response.completed"
        assert not isinstance(client.models, openai_oxide.Stream)


def test_computer_drivers_mirror_the_official_protocols() -> None:
    from openai.lib import computer as theirs

    from openai_oxide.lib import computer as ours

    for name in ("ComputerDriver", "AsyncComputerDriver"):
        mine, official = getattr(openai_oxide, name), getattr(openai, name)
        assert mine.__abstractmethods__ == official.__abstractmethods__
        for method in official.__abstractmethods__:
            got, want = getattr(mine, method), getattr(official, method)
            assert list(inspect.signature(got).parameters) == list(
                inspect.signature(want).parameters
            )
            assert inspect.iscoroutinefunction(got) == inspect.iscoroutinefunction(want)
    assert ours.Screenshot.__required_keys__ == theirs.Screenshot.__required_keys__
    assert ours.Screenshot.__optional_keys__ == theirs.Screenshot.__optional_keys__

    class Driver(openai_oxide.ComputerDriver):  # a driver missing methods cannot be built
        def click(self, action: object) -> None: ...

    with pytest.raises(TypeError, match="abstract"):
        Driver()  # type: ignore[abstract]


# --- the `types` submodules ----------------------------------------------------------------

# Modules of ours whose names the official package does not have: hand-written groupings
# that #19's generator replaces with the official modules. The list may only shrink.
OWN_MODULES = {
    "batches",
    "beta.assistants",
    "chat.chunk_parsing",
    "chat.completion_usage",
    "chat.stored_completions",
    "completions",
    "content_provenance_checks",
    "embeddings",
    "files",
    "images",
    "models",
    "moderations",
    "responses.events",
    "responses.input_tokens",
    "responses.items",
    "responses.output_items",
    "responses.output_message",
    "responses.responses_model",
    "responses.tool_calls",
    "responses.tools",
    "shared.assistant_tools_code",
    "shared.file_object",
    "shared.function_object",
    "shared.grader_string_check",
    "shared.message",
    "shared.moderation_result_body",
    "shared.tool",
    "shared.transcription_language",  # audio's, also reached by the Realtime events
    "shared_params.assistant_supported_models",
    "shared_params.chat_completion_tool",
    "shared_params.create_model_response_properties",
    "shared_params.easy_input_message",
    "shared_params.file_expiration_after",
    "shared_params.function_object",
    "shared_params.grader_string_check",
    "shared_params.input_fidelity",
    "shared_params.input_text_content",
    "shared_params.mcp",
    "shared_params.mcp_list_tools_tool",  # the Responses input's, also sent by Realtime items
    "shared_params.order_enum",
    "shared_params.parallel_tool_calls",
    "shared_params.prompt",
    "shared_params.prompt_cache_breakpoint_param",
    "shared_params.prompt_cache_options_param",
    "shared_params.skill_reference_param",
    "shared_params.stop_configuration",
    "shared_params.tool_choice_options",
    "shared_params.vector_store_file_attributes",
    "shared_params.verbosity",
    "shared_params.voice_ids_or_custom_voice",
    "videos",
}


def _submodules(package: ModuleType) -> dict[str, bool]:
    """Public submodule names (dotted, below `types`) -> whether each is a package."""
    prefix = package.__name__ + "."
    found = pkgutil.walk_packages(package.__path__, prefix, onerror=lambda _: None)
    names = {m.name.removeprefix(prefix): m.ispkg for m in found}
    return {n: pkg for n, pkg in names.items() if not any(p.startswith("_") for p in n.split("."))}


# Official submodules of `openai.types` that import from the same path here. The others hold
# no class of ours (groups the spec does not describe, classes named otherwise here); the
# floor may only rise.
SUBMODULES_FLOOR = 904


def test_types_submodules_against_the_official() -> None:
    """Official submodules of `openai.types` import from the same path here, a package where
    theirs is one (the generator writes the official paths: scripts/gen/official_paths.py)."""
    theirs, ours = _submodules(openai.types), _submodules(openai_oxide.types)
    assert set(ours) - set(theirs) == OWN_MODULES
    shared = set(ours) & set(theirs)
    assert {name for name in shared if ours[name] != theirs[name]} == set()
    print(f"types submodules: {len(shared)} of the official {len(theirs)} present")
    assert len(shared) >= SUBMODULES_FLOOR
    assert {"responses.response_reasoning_item", "chat.chat_completion_message_param"} <= shared
