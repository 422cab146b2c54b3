"""The official names of shapes the spec writes inline (no schema of their own), keyed by
the JSON pointer of the shape as the types generator walks it (`#/components/schemas/X/
properties/y`, `/anyOf/0` past a nullable wrapper, `/items` for a list's items). One code
path in models.py (`Generator.named_inline`) renders them all: it defines the alias once, in
the one group module whose field meets it, and the field names it; official_paths.py
re-exports that one definition at the official path.

The tables:
- `ENUM_NAMES`: an inline enum the official package defines as a closed `Literal` alias in a
  module of its own (`AudioModel = Literal["whisper-1", ...]` in `audio_model`), on either
  side; a lenient field adds `| str` beside it (`model: Required[str | AudioModel]`).
- `MODEL_ALIASES` / `REQUEST_ALIASES`: an inline union, list or enum of a model / a request the
  official package names as a type alias (`realtime_tools_config.RealtimeToolsConfig`,
  `chat_completion_tool_union_param.ChatCompletionToolUnionParam`): the alias is what the
  field would otherwise spell out (an enum stays open), its `None` stays at the field, and
  its inline members are named after it. A tagged union is a class already: it gets the name.
- `UNION_NAMES` / `MODEL_UNION_NAMES`: an inline union the generator names after its parent
  and field, as its other inline classes (`ContainerCreateParamsNetworkPolicy`), that the
  official package has under these (module, short name)s: official_paths.py gives them.
- `CLASS_NAMES`: official request classes the structural match does not find.

The beta Responses API's schemas copy the Responses ones (`BetaWebSearchToolCall`), and the
official beta package names their inline shapes `Beta` + the Responses name: `beta_twins`
adds those entries to the alias tables from the spec (`NamedInline`), so the tables list
only the Responses entries and the beta shapes named otherwise or of the beta API alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from . import tables_admin

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
    # a cost's unit (admin usage costs)
    _SCHEMAS + "CostsResult/properties/quantity_unit/anyOf/1": "CostQuantityUnit",
}


# A tool of a Realtime session or response, and its tool choice (officially each module's
# `Tool` / `ToolChoice`, under these names in `types.realtime`)
_RT_SESSION = _SCHEMAS + "RealtimeSessionCreateRequestGA/properties/"
_RT_ANSWER = _SCHEMAS + "RealtimeSessionCreateResponseGA/properties/"
_RT_RESPONSE = _SCHEMAS + "RealtimeResponseCreateParams/properties/"
_MCP = _SCHEMAS + "MCPTool/properties/"

# JSON pointer of an inline union, list or enum of a model -> the name of its alias.
MODEL_ALIASES: dict[str, str] = {
    _RT_SESSION + "tools": "RealtimeToolsConfig",
    _RT_SESSION + "tools/items": "RealtimeToolsConfigUnion",
    _RT_SESSION + "tool_choice": "RealtimeToolChoiceConfig",
    _RT_SESSION + "tracing": "RealtimeTracingConfig",
    _RT_ANSWER + "tools/items": "RealtimeToolsConfigUnion",
    _RT_ANSWER + "tool_choice": "RealtimeToolChoiceConfig",
    _RT_RESPONSE + "tools/items": "RealtimeToolsConfigUnion",
    _RT_RESPONSE + "tool_choice": "RealtimeToolChoiceConfig",
    # `Tool`'s MCP and code interpreter fields (`tool.McpAllowedTools`)
    _MCP + "allowed_tools/anyOf/0": "McpAllowedTools",
    _MCP + "require_approval/anyOf/0": "McpRequireApproval",
    _SCHEMAS + "CodeInterpreterTool/properties/container": "CodeInterpreterContainer",
    # the `DataResult` of each usage answer
    _SCHEMAS + "UsageTimeBucket/properties/results/items": "UsageTimeBucketResult",
    _SCHEMAS + "Response/allOf/2/properties/status": "ResponseStatus",
}

# The same for a request: JSON pointer -> the name of its alias.
_CHAT = _SCHEMAS + "CreateChatCompletionRequest/allOf/1/properties/"
_SHELL_ENV = "/properties/environment/anyOf/0"
REQUEST_ALIASES: dict[str, str] = {
    _RT_SESSION + "tools": "RealtimeToolsConfigParam",
    _RT_SESSION + "tools/items": "RealtimeToolsConfigUnionParam",
    _RT_SESSION + "tool_choice": "RealtimeToolChoiceConfigParam",
    _RT_SESSION + "tracing": "RealtimeTracingConfigParam",
    _RT_RESPONSE + "tools/items": "RealtimeToolsConfigUnionParam",
    _RT_RESPONSE + "tool_choice": "RealtimeToolChoiceConfigParam",
    _SCHEMAS + "RealtimeMCPToolCall/properties/error": "RealtimeMcpToolCallParamError",
    _SCHEMAS + "RealtimeCreateClientSecretRequest/properties/session": (
        "ClientSecretCreateParamsSession"
    ),
    _SCHEMAS + "RealtimeClientEventSessionUpdate/properties/session": (
        "SessionUpdateEventParamSession"
    ),
    _MCP + "allowed_tools/anyOf/0": "McpParamAllowedTools",
    _MCP + "require_approval/anyOf/0": "McpParamRequireApproval",
    _SCHEMAS + "CodeInterpreterTool/properties/container": "CodeInterpreterParamContainer",
    _SCHEMAS + "WebSearchToolCall/properties/action": "ResponseFunctionWebSearchParamAction",
    _SCHEMAS + "FunctionShellToolParam" + _SHELL_ENV: "FunctionShellToolParamEnvironment",
    _SCHEMAS + "FunctionShellCallItemParam" + _SHELL_ENV: "FunctionShellCallEnvironmentParam",
    _SCHEMAS + "CustomToolChatCompletions/properties/custom/properties/format": (
        "CustomToolChatCompletionsParamCustomFormat"
    ),
    _CHAT + "response_format": "CompletionCreateParamsResponseFormat",
    _CHAT + "tools/items": "ChatCompletionToolUnionParam",
    _SCHEMAS + "AutoCodeInterpreterToolParam/properties/network_policy": (
        "AutoCodeInterpreterToolParamParamNetworkPolicy"
    ),
    _SCHEMAS + "CodeInterpreterToolCall/properties/outputs/anyOf/0/items": (
        "ResponseCodeInterpreterToolCallParamOutput"
    ),
    _SCHEMAS + "NamespaceToolParam/properties/tools/items": "NamespaceToolParamTool",
    # the content of a function call's output (`ResponseFunctionCallOutputItemListParam`)
    _SCHEMAS + "FunctionCallOutputItemParam/properties/output/oneOf/1/items": (
        "ResponseFunctionCallOutputItemParam"
    ),
    # the items of `ResponseModalities` (`anyOf: [array, null]`)
    _SCHEMAS + "ResponseModalities/anyOf/0/items": "ChatCompletionModality",
    # a custom tool's format, named as its model is (`CustomToolFormat`): officially
    # `shared_params.CustomToolInputFormat`
    _SCHEMAS + "CustomToolParam/properties/format": "CustomToolFormatParam",
    # The beta Responses API's own (`beta_twins` adds the twins of the entries above): a
    # shell call's environment, named as the official beta input item names it, and unions
    # of the multi-agent items and the beta container, which only the beta package has
    _SCHEMAS + "BetaFunctionShellCallItemParam" + _SHELL_ENV: "BetaShellCallEnvironmentParam",
    _SCHEMAS + "BetaAgentMessageItemParam/properties/content/items": (
        "BetaAgentMessageContentParam"
    ),
    _SCHEMAS + "BetaOutputTextContentParam/properties/annotations/items": (
        "BetaOutputTextAnnotationParam"
    ),
    _SCHEMAS + "BetaContainerAutoParam/properties/network_policy": (
        "BetaContainerAutoParamNetworkPolicy"
    ),
    _SCHEMAS + "BetaContainerAutoParam/properties/skills/items": "BetaContainerAutoSkillParam",
}

# The aliases above that take no docstring from the spec's description (which their field
# has already): the Realtime ones were generated so, and the output stays as it is.
UNDOCUMENTED: frozenset[str] = frozenset(
    {
        *(_RT_SESSION + f for f in ("tools", "tools/items", "tool_choice", "tracing")),
        *(
            where + f
            for where in (_RT_ANSWER, _RT_RESPONSE)
            for f in ("tools/items", "tool_choice")
        ),
        _SCHEMAS + "RealtimeMCPToolCall/properties/error",
        _SCHEMAS + "RealtimeCreateClientSecretRequest/properties/session",
        _SCHEMAS + "RealtimeClientEventSessionUpdate/properties/session",
    }
)


_P = _SCHEMAS  # the spelling of the tables below

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
    **tables_admin.CLASS_NAMES,  # the admin usage results (models)
}


_BETA = "Beta"  # beta_responses.PREFIX: the beta Responses API's twin of a schema


def beta_twins(table: Mapping[str, str], spec: Mapping[str, Any]) -> dict[str, str]:
    """`table` with the beta Responses API's twins of its entries: the beta schemas copy the
    Responses ones (`BetaWebSearchToolCall` of `WebSearchToolCall`), and the official beta
    package names each twin's inline shape `Beta` + the name of the Responses one. A twin is
    added where the spec has the twin's pointer, so each added entry names a real shape and
    the unmet-entry check stays exact; an entry of the table itself wins (a twin named
    otherwise)."""
    twins: dict[str, str] = {}
    for ptr, name in table.items():
        twin = _SCHEMAS + _BETA + ptr.removeprefix(_SCHEMAS)
        if ptr.startswith(_SCHEMAS) and resolves(spec, twin):
            twins[twin] = _BETA + name
    return {**twins, **table}


def resolves(spec: Mapping[str, Any], ptr: str) -> bool:
    """Whether the JSON pointer `ptr` (`#/components/...`) names a node of `spec`."""
    node: Any = spec
    for step in ptr.removeprefix("#/").split("/"):
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return False
    return True


class _Module(Protocol):
    name: str
    names: set[str]
    exports: list[str]


class NamedInline:
    """Where each named inline shape is defined: one module, whichever fields use it."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        # the alias tables, with the beta twins of their entries that `spec` has
        self.model_aliases = beta_twins(MODEL_ALIASES, spec)
        self.request_aliases = beta_twins(REQUEST_ALIASES, spec)
        self.homes: dict[str, str] = {}
        # (our module, name) -> the annotation of a field that uses it
        self.fields: dict[tuple[str, str], str] = {}
        # (official module, short name) -> (our module, our alias): `UNION_NAMES`'
        self.unions: dict[tuple[str, str], tuple[str, str]] = {}
        self.met: set[tuple[str, str]] = set()  # (side, pointer): the entries a field met

    def unmet(self) -> list[str]:
        """The entries of the tables no field met: the spec moved the shape, so the pointer
        names nothing (or the side is wrong)."""
        wanted = {("model", ptr) for ptr in (*self.model_aliases, *MODEL_UNION_NAMES)}
        wanted |= {("param", ptr) for ptr in (*self.request_aliases, *UNION_NAMES)}
        out = [f"{side} {ptr}" for side, ptr in sorted(wanted - self.met)]
        met = {ptr for _, ptr in self.met}
        return out + [f"enum {ptr}" for ptr in ENUM_NAMES if ptr not in met]

    def place(self, mod: _Module, name: str) -> None:
        """`name` defined in `mod` (the caller adds the alias): refused in a second module."""
        home = self.homes.setdefault(name, mod.name)
        if home != mod.name:
            raise SystemExit(
                f"named_inline: {name} is used in {home} and {mod.name}: name one field"
            )
        mod.names.add(name)
        mod.exports.append(name)
