"""The root `openai_oxide.types` package, the official type aliases of inline spec shapes, and
`shared_params`, as code written for the official package imports them.

- `from openai.types import FileObject, AudioModel, VectorStore, ...` works here with the
  root changed, giving the one class or alias our endpoints use; the root package is
  generated (scripts/gen/root_init.py) and stays lazy.
- An official alias of an enum the spec writes inline (`AudioModel`, `FilePurpose`,
  `RunStatus`, ...: scripts/gen/named_inline.py) is the very object our params, models
  and resource signatures name.
- `shared_params.X` is our request TypedDict `XParam` (scripts/gen/official_params.py), never
  the response model of `shared.X`.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, get_args

import pytest

import openai_oxide.types as types
from support import mypy_flags

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "scripts" / "gen" / "official_names.tsv"


def _root_rows() -> list[str]:
    rows = [line.split("\t") for line in TABLE.read_text().splitlines()[1:]]
    return [name for module, name in rows if module == "" and name]


def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _mentions(annotation: Any, alias: Any) -> bool:
    """The annotation names `alias` itself (`str | AudioModel`), not an equal copy of it."""
    if annotation is alias:
        return True
    return any(_mentions(arg, alias) for arg in get_args(annotation))


def test_import_of_the_root_loads_no_group_and_no_pydantic() -> None:
    code = (
        "import sys, openai_oxide.types as t; "
        "print('pydantic' in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith('openai_oxide.types.'))); "
        "t.AudioModel; print('openai_oxide.types.audio' in sys.modules, "
        "'openai_oxide.types.audio_model' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # the alias is taken from the module defining it, not through its thin official path
    assert out.stdout.split("\n")[:2] == ["False []", "True False"]


def test_the_root_gives_the_official_root_names_from_their_one_definition() -> None:
    names = _root_rows()
    present = [n for n in names if hasattr(types, n)]
    # the rest are groups the spec lacks (decisions, WebSocket options) or shapes it does
    # not name (see the report of this change); the root is generated, so this only rises
    assert len(present) >= 116, sorted(set(names) - set(present))
    assert set(present) <= set(types.__all__)
    from openai_oxide.types import completions, files, shared, vector_stores
    from openai_oxide.types.file_create_params import FileCreateParams

    # a name several groups define is the one of the resource its official module names
    assert types.FileCreateParams is files.FileCreateParams is FileCreateParams
    assert types.CompletionCreateParams is completions.CompletionCreateParams
    assert types.VectorStoreSearchParams is vector_stores.VectorStoreSearchParams
    assert types.Metadata is shared.Metadata
    assert types.AllModels is types.ResponsesModel
    assert types.audio is importlib.import_module("openai_oxide.types.audio")


ALIASES = [  # (official module, name, the class whose field uses it, that field)
    ("audio_model", "AudioModel", "audio.TranscriptionCreateParams", "model"),
    ("audio.speech_model", "SpeechModel", "audio.SpeechCreateParams", "model"),
    ("embedding_model", "EmbeddingModel", "embeddings.EmbeddingCreateParams", "model"),
    ("image_model", "ImageModel", "images.ImageGenerateParams", "model"),
    ("moderation_model", "ModerationModel", "moderations.ModerationCreateParams", "model"),
    ("file_purpose", "FilePurpose", "files.FileCreateParams", "purpose"),
    ("beta.threads.run_status", "RunStatus", "beta.threads.Run", "status"),
    (
        "beta.threads.runs.run_step_include",
        "RunStepInclude",
        "beta.threads.StepListParams",
        "include",
    ),
]


@pytest.mark.parametrize(("official", "name", "user", "field"), ALIASES)
def test_an_official_alias_is_what_our_field_names(
    official: str, name: str, user: str, field: str
) -> None:
    alias = getattr(importlib.import_module(f"openai_oxide.types.{official}"), name)
    module, _, cls = user.rpartition(".")
    owner = getattr(importlib.import_module(f"openai_oxide.types.{module}"), cls)
    assert _mentions(_hints(owner)[field], alias)
    assert get_args(alias) and all(isinstance(v, str) for v in get_args(alias))
    if official.count(".") == 0:
        assert getattr(types, name) is alias


def test_resources_take_the_official_aliases() -> None:
    from openai_oxide.resources.audio import AsyncTranscriptions
    from openai_oxide.resources.files import AsyncFiles
    from openai_oxide.sync.resources.embeddings import Embeddings

    def annotation(method: Any, param: str) -> str:
        return str(inspect.signature(method).parameters[param].annotation)

    assert "AudioModel" in annotation(AsyncTranscriptions.create, "model")
    assert "FilePurpose" in annotation(AsyncFiles.create, "purpose")
    assert "EmbeddingModel" in annotation(Embeddings.create, "model")


def test_a_run_status_validates_known_and_new_values() -> None:
    from openai_oxide.types.beta.threads import Run

    payload = {
        "id": "run_1",
        "object": "thread.run",
        "created_at": 1,
        "thread_id": "thread_1",
        "assistant_id": "asst_1",
        "status": "requires_action",
        "model": "gpt-4o",
        "instructions": "",
        "tools": [],
        "metadata": {},
        "parallel_tool_calls": True,
        "required_action": {
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": "{}"},
                    }
                ]
            },
        },
        "response_format": "auto",
        "tool_choice": "auto",
        "truncation_strategy": {"type": "auto", "last_messages": None},
        **dict.fromkeys(("cancelled_at", "completed_at", "failed_at", "last_error"), None),
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
        **dict.fromkeys(("incomplete_details", "max_completion_tokens"), None),
        **dict.fromkeys(("max_prompt_tokens", "started_at", "expires_at"), None),
    }
    assert Run.model_validate(payload).status == "requires_action"
    # lenient in: a status this SDK does not know yet reaches the user
    assert Run.model_validate({**payload, "status": "paused"}).status == "paused"


SHARED_PARAMS = [  # official shared_params (module, name) -> our TypedDict / alias
    ("comparison_filter", "ComparisonFilter", "comparison_filter", "ComparisonFilterParam"),
    ("compound_filter", "CompoundFilter", "comparison_filter", "CompoundFilterParam"),
    ("metadata", "Metadata", "metadata", "MetadataParam"),
    ("reasoning_effort", "ReasoningEffort", "reasoning_effort", "ReasoningEffortParam"),
    (
        "response_format_text",
        "ResponseFormatText",
        "response_format_text",
        "ResponseFormatTextParam",
    ),
    ("function_parameters", "FunctionParameters", "function_object", "FunctionParametersParam"),
]


@pytest.mark.parametrize(("official", "name", "home", "ours"), SHARED_PARAMS)
def test_shared_params_names_are_our_request_shapes(
    official: str, name: str, home: str, ours: str
) -> None:
    via_path = getattr(
        importlib.import_module(f"openai_oxide.types.shared_params.{official}"), name
    )
    defined = getattr(importlib.import_module(f"openai_oxide.types.shared_params.{home}"), ours)
    assert via_path is defined
    assert getattr(importlib.import_module("openai_oxide.types.shared_params"), name) is defined
    if isinstance(defined, type):  # a TypedDict, not the pydantic model of `types.shared`
        assert not hasattr(defined, "model_validate")


SNIPPET = """\
from openai_oxide import AsyncOpenAI
from openai_oxide.types import AudioModel, FilePurpose
from openai_oxide.types.shared_params.comparison_filter import ComparisonFilter


async def check(client: AsyncOpenAI, model: AudioModel, purpose: FilePurpose) -> None:
    await client.audio.transcriptions.create(file=b"", model=model)
    await client.files.create(file=b"", purpose=purpose)
    flt: ComparisonFilter = {"key": "k", "type": "eq", "value": 1}
    print(flt)
    wrong: AudioModel = "tts-1"  # the one wrong line: mypy must flag it
"""


def test_mypy_takes_the_aliases_as_the_official_does(tmp_path: Path) -> None:
    flagged, stdout = mypy_flags(SNIPPET, tmp_path, cache="official_paths")
    wrong = SNIPPET.splitlines().index(
        '    wrong: AudioModel = "tts-1"  # the one wrong line: mypy must flag it'
    )
    assert flagged == [wrong + 1], stdout


def test_an_object_whose_one_of_only_says_what_is_required_is_typed() -> None:
    """`file_search: {properties, oneOf: [{required: [vector_store_ids]}, {required:
    [vector_stores]}]}` is that object (all its fields optional), not `object`: the official
    inline classes of the Assistants and vector store params are ours at their paths."""
    from openai_oxide.types.beta import assistant_create_params, assistants
    from openai_oxide.types.vector_stores import FileBatchCreateParams
    from openai_oxide.types.vector_stores.file_batch_create_params import File

    file_search = _hints(assistants.AssistantCreateParamsToolResources)["file_search"]
    assert file_search is assistant_create_params.ToolResourcesFileSearch
    assert set(_hints(file_search)) == {"vector_store_ids", "vector_stores"}
    assert not file_search.__required_keys__
    assert {"file_ids", "files", "chunking_strategy"} <= set(_hints(FileBatchCreateParams))
    assert _mentions(_hints(FileBatchCreateParams)["files"], File)


UNIONS = [  # official (module, short name) of a request union -> (our class, its field)
    (
        "moderation_multi_modal_input_param",
        "ModerationMultiModalInputParam",
        "moderations.ModerationCreateParams",
        "input",
    ),
    (
        "beta.assistant_tool_param",
        "AssistantToolParam",
        "beta.assistants.AssistantCreateParams",
        "tools",
    ),
    (
        "container_create_params",
        "NetworkPolicy",
        "containers.ContainerCreateParams",
        "network_policy",
    ),
    ("container_create_params", "Skill", "containers.ContainerCreateParams", "skills"),
    ("vector_store_search_params", "Filters", "vector_stores.VectorStoreSearchParams", "filters"),
    (
        "beta.threads.message_create_params",
        "AttachmentTool",
        "beta.threads.MessageCreateParams",
        "attachments",
    ),
    (
        "beta.threads.message_content_part_param",
        "MessageContentPartParam",
        "beta.threads.MessageCreateParams",
        "content",
    ),
    ("eval_create_params", "TestingCriterion", "evals.EvalCreateParams", "testing_criteria"),
    ("fine_tuning.alpha.grader_run_params", "Grader", "fine_tuning.GraderRunParams", "grader"),
]


@pytest.mark.parametrize(("official", "name", "user", "field"), UNIONS)
def test_a_request_union_has_its_official_short_name(
    official: str, name: str, user: str, field: str
) -> None:
    union = getattr(importlib.import_module(f"openai_oxide.types.{official}"), name)
    module, _, cls = user.rpartition(".")
    owner = getattr(importlib.import_module(f"openai_oxide.types.{module}"), cls)

    def reaches(annotation: Any, depth: int = 0) -> bool:  # through lists and item dicts
        if annotation is union or any(reaches(a, depth) for a in get_args(annotation)):
            return True
        fields = _hints(annotation) if hasattr(annotation, "__required_keys__") else {}
        return depth < 2 and any(reaches(hint, depth + 1) for hint in fields.values())

    assert reaches(_hints(owner)[field])
    assert len(get_args(union)) >= 2  # a union of our request TypedDicts, one definition


def test_request_classes_the_structural_match_misses_are_placed_by_name() -> None:
    from openai_oxide.types.audio import TranscriptionCreateParams, VadConfigParam
    from openai_oxide.types.audio.transcription_create_params import ChunkingStrategyVadConfig
    from openai_oxide.types.image_input_reference_param import ImageInputReferenceParam
    from openai_oxide.types.video_extend_params import VideoVideoReferenceInputParam
    from openai_oxide.types.videos import (
        ImageRefParam2Param,
        VideoCreateParams,
        VideoReferenceInputParamParam,
    )

    assert ChunkingStrategyVadConfig is VadConfigParam
    assert _mentions(_hints(TranscriptionCreateParams)["chunking_strategy"], VadConfigParam)
    assert ImageInputReferenceParam is ImageRefParam2Param
    assert _mentions(_hints(VideoCreateParams)["input_reference"], ImageRefParam2Param)
    assert VideoVideoReferenceInputParam is VideoReferenceInputParamParam
    assert types.ImageInputReferenceParam is ImageRefParam2Param
    from openai_oxide.types.audio import VoiceCreateParams
    from openai_oxide.types.audio.voice_create_params import CreateVoiceRequestAudioSample

    assert CreateVoiceRequestAudioSample is VoiceCreateParams


def test_schemas_named_otherwise_in_the_spec_keep_their_official_names() -> None:
    from openai_oxide.types.fine_tuning import PermissionRetrieveParams
    from openai_oxide.types.fine_tuning.checkpoints.permission_list_params import (
        PermissionListParams,
    )
    from openai_oxide.types.video_create_error import VideoCreateError
    from openai_oxide.types.videos import Error2, Video

    assert PermissionListParams is PermissionRetrieveParams
    assert VideoCreateError is Error2 is types.VideoCreateError
    assert VideoCreateError.__name__ == "VideoCreateError"
    failed = {"code": "moderation_blocked", "message": "The prompt was blocked."}
    assert _mentions(_hints(Video)["error"], VideoCreateError)
    assert VideoCreateError.model_validate(failed).code == "moderation_blocked"


def test_the_grader_inputs_are_the_eval_item_content_lists() -> None:
    from openai_oxide.types.graders import GraderInputs, GraderInputsParam
    from openai_oxide.types.graders.grader_inputs import GraderInputItem
    from openai_oxide.types.graders.grader_inputs_param import GraderInputsParamItem
    from openai_oxide.types.shared import grader_string_check as models
    from openai_oxide.types.shared_params import grader_string_check as params

    assert GraderInputs is models.EvalItemContentArray
    assert GraderInputItem is models.EvalItemContentItem
    assert GraderInputsParam is params.EvalItemContentArrayParam
    assert GraderInputsParamItem is params.EvalItemContentItemParam
    assert _mentions(_hints(models.EvalItem)["content"], GraderInputs)
