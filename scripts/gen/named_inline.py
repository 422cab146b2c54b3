"""The official names of shapes the spec writes inline: a type alias the official package
defines in a module of its own (`AudioModel = Literal["whisper-1", ...]` in `audio_model`)
where the spec repeats an enum inside a property; and the unions of request params the
official package names in their params module (`container_create_params.NetworkPolicy`).

The generator defines each such alias once, in the group module whose field uses it, and
the field names it (`model: Required[str | AudioModel]`): the thin module at the official
path (official_paths.py) re-exports that one definition. The alias is the closed `Literal`,
as officially; a lenient field adds `| str` beside it.
"""

from __future__ import annotations

from typing import Protocol

_SCHEMAS = "#/components/schemas/"
_STEPS = "#/paths/~1threads~1{thread_id}~1runs~1{run_id}~1steps"

# JSON pointer of an inline enum (as the types generator walks it) -> its official name.
ENUM_NAMES: dict[str, str] = {
    _SCHEMAS + "CreateSpeechRequest/properties/model/anyOf/1": "SpeechModel",
    _SCHEMAS + "CreateTranscriptionRequest/properties/model/anyOf/1": "AudioModel",
    _SCHEMAS + "CreateEmbeddingRequest/properties/model/anyOf/1": "EmbeddingModel",
    # the models of `images.generate`; `images.edit` lists others (no official name)
    _SCHEMAS + "CreateImageRequest/properties/model/anyOf/1": "ImageModel",
    _SCHEMAS + "CreateModerationRequest/properties/model/anyOf/1": "ModerationModel",
    # what `files.create` takes; a `FileObject`'s purpose has more values (the outputs)
    _SCHEMAS + "CreateFileRequest/properties/purpose": "FilePurpose",
    _SCHEMAS + "RunObject/properties/status": "RunStatus",
    # the `include` query of `runs.steps.list` / `.retrieve` (its items)
    _STEPS + "/get/parameters/6/schema/items": "RunStepInclude",
    _STEPS + "~1{step_id}/get/parameters/3/schema/items": "RunStepInclude",
}


_P = "#/components/schemas/"

# JSON pointer of an inline union of request params -> the official (module, short name)s
# it has. The generator names it after its parent and field, as its other inline classes
# (`ContainerCreateParamsNetworkPolicy`), and the official path gives it its short name.
UNION_NAMES: dict[str, list[tuple[str, str]]] = {
    _P + "CreateContainerBody/properties/network_policy": [
        ("container_create_params", "NetworkPolicy")
    ],
    _P + "CreateContainerBody/properties/skills/items": [("container_create_params", "Skill")],
    _P + "CreateAssistantRequest/properties/tool_resources/anyOf/0/properties/file_search"
    "/properties/vector_stores/items/properties/chunking_strategy": [
        ("beta.assistant_create_params", "ToolResourcesFileSearchVectorStoreChunkingStrategy")
    ],
    _P + "CreateThreadRequest/properties/tool_resources/anyOf/0/properties/file_search"
    "/properties/vector_stores/items/properties/chunking_strategy": [
        ("beta.thread_create_params", "ToolResourcesFileSearchVectorStoreChunkingStrategy"),
        (
            "beta.thread_create_and_run_params",
            "ThreadToolResourcesFileSearchVectorStoreChunkingStrategy",
        ),
    ],
    # the tools of a message's attachment, wherever a message is sent
    _P + "CreateMessageRequest/properties/attachments/anyOf/0/items/properties/tools/items": [
        ("beta.thread_create_params", "MessageAttachmentTool"),
        ("beta.thread_create_and_run_params", "ThreadMessageAttachmentTool"),
        ("beta.threads.message_create_params", "AttachmentTool"),
        ("beta.threads.run_create_params", "AdditionalMessageAttachmentTool"),
    ],
    _P + "CreateMessageRequest/properties/content/oneOf/1/items": [
        ("beta.threads.message_content_part_param", "MessageContentPartParam")
    ],
    _P + "CreateEvalRequest/properties/data_source_config": [
        ("eval_create_params", "DataSourceConfig")
    ],
    _P + "CreateEvalRequest/properties/testing_criteria/items": [
        ("eval_create_params", "TestingCriterion")
    ],
    _P + "CreateEvalRunRequest/properties/data_source": [("evals.run_create_params", "DataSource")],
    _P + "CreateEvalCompletionsRunDataSource/properties/source": [
        ("evals.create_eval_completions_run_data_source_param", "Source")
    ],
    _P + "CreateEvalCompletionsRunDataSource/properties/input_messages": [
        ("evals.create_eval_completions_run_data_source_param", "InputMessages")
    ],
    _P + "CreateEvalCompletionsRunDataSource/properties/input_messages/oneOf/0/properties"
    "/template/items": [
        ("evals.create_eval_completions_run_data_source_param", "InputMessagesTemplateTemplate")
    ],
    _P + "CreateEvalCompletionsRunDataSource/properties/sampling_params/properties"
    "/response_format": [
        ("evals.create_eval_completions_run_data_source_param", "SamplingParamsResponseFormat")
    ],
    _P + "CreateEvalJsonlRunDataSource/properties/source": [
        ("evals.create_eval_jsonl_run_data_source_param", "Source")
    ],
    _P + "CreateEvalResponsesRunDataSource/properties/source": [
        ("evals.run_create_params", "DataSourceCreateEvalResponsesRunDataSourceSource")
    ],
    _P + "CreateEvalResponsesRunDataSource/properties/input_messages": [
        ("evals.run_create_params", "DataSourceCreateEvalResponsesRunDataSourceInputMessages")
    ],
    _P + "CreateEvalResponsesRunDataSource/properties/input_messages/oneOf/0/properties"
    "/template/items": [
        (
            "evals.run_create_params",
            "DataSourceCreateEvalResponsesRunDataSourceInputMessagesTemplateTemplate",
        )
    ],
    _P + "RunGraderRequest/properties/grader": [("fine_tuning.alpha.grader_run_params", "Grader")],
    _P + "ValidateGraderRequest/properties/grader": [
        ("fine_tuning.alpha.grader_validate_params", "Grader")
    ],
    _P + "FineTuneReinforcementMethod/properties/grader": [
        ("fine_tuning.reinforcement_method_param", "Grader")
    ],
    _P + "GraderMulti/properties/graders": [("graders.multi_grader_param", "Graders")],
    _P + "VectorStoreSearchRequest/properties/filters": [("vector_store_search_params", "Filters")],
    _P + "CreateAssistantRequest/properties/tools/items": [
        ("beta.assistant_tool_param", "AssistantToolParam")
    ],
    _P + "CreateModerationRequest/properties/input/oneOf/2/items": [
        ("moderation_multi_modal_input_param", "ModerationMultiModalInputParam")
    ],
}

# The same for unions of response models (which are not tagged, so have no class)
MODEL_UNION_NAMES: dict[str, list[tuple[str, str]]] = {
    _P + "CreateEvalCompletionsRunDataSource/properties/input_messages/oneOf/0/properties"
    "/template/items": [
        ("evals.create_eval_completions_run_data_source", "InputMessagesTemplateTemplate")
    ],
    _P + "CreateEvalResponsesRunDataSource/properties/input_messages/oneOf/0/properties"
    "/template/items": [
        (f"evals.run_{verb}_response", "DataSourceResponsesInputMessagesTemplateTemplate")
        for verb in ("cancel", "create", "list", "retrieve")
    ],
}

# Official (module, name) of a request class the structural match (official_match.py) does
# not find -> our class of that schema (its one definition, wherever the generator put it).
CLASS_NAMES: dict[tuple[str, str], str] = {
    ("audio.transcription_create_params", "ChunkingStrategyVadConfig"): "VadConfigParam",
    ("image_input_reference_param", "ImageInputReferenceParam"): "ImageRefParam2Param",
    ("video_edit_params", "VideoVideoReferenceInputParam"): "VideoReferenceInputParamParam",
    ("video_extend_params", "VideoVideoReferenceInputParam"): "VideoReferenceInputParamParam",
    # an eval item's content list (`EvalItemContentArray`), as `types.graders` names it
    ("graders.grader_inputs", "GraderInputs"): "EvalItemContentArray",
    ("graders.grader_inputs", "GraderInputItem"): "EvalItemContentItem",
    ("graders.grader_inputs_param", "GraderInputsParam"): "EvalItemContentArrayParam",
    ("graders.grader_inputs_param", "GraderInputsParamItem"): "EvalItemContentItemParam",
    # the spec has only this form of `voices.create` (no `prompt` voice)
    ("audio.voice_create_params", "CreateVoiceRequestAudioSample"): "VoiceCreateParams",
    # the tools `responses.parse` takes (tables.PARAM_UNIONS), a union of two named classes
    ("responses.tool_param", "ParseableToolParam"): "ParseableToolParam",
}


class _Module(Protocol):
    name: str
    names: set[str]
    exports: list[str]
    typing: set[str]


class NamedEnums:
    """Which module defines each named enum: one definition, whichever fields use it."""

    def __init__(self) -> None:
        self.homes: dict[str, str] = {}
        # (official module, short name) -> (our module, our alias): the named unions
        self.unions: dict[tuple[str, str], tuple[str, str]] = {}

    def union(self, mod: _Module, ctx: str, side: str, ptr: str, define: object) -> str:
        """The union at `ptr`, as the alias `ctx` of `mod` (`define()` adds it)."""
        if ctx not in mod.names:
            mod.names.add(ctx)
            mod.exports.append(ctx)
            assert callable(define)
            define()
        for official in (UNION_NAMES if side == "param" else MODEL_UNION_NAMES)[ptr]:
            self.unions.setdefault(official, (mod.name, ctx))
        return ctx

    def use(self, mod: _Module, name: str, define: object) -> str:
        """`name` in `mod`, defined there the first time (`define()` adds the alias)."""
        home = self.homes.setdefault(name, mod.name)
        if home != mod.name:
            raise SystemExit(
                f"named_inline: {name} is used in {home} and {mod.name}: name one field"
            )
        if name not in mod.names:
            mod.names.add(name)
            mod.exports.append(name)
            assert callable(define)
            define()
        return name
