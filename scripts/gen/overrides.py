"""What the hand-written Responses and chat models add to the spec, for the generator.

One class per schema: a model is generated from the spec, and what a hand-written class
added feeds the generator from these tables instead of standing beside it.
- `GENERATED`: models generated at their official paths in place of hand-written ones, with
  their official names (the params TypedDicts keep theirs); `SAME_AS` lets a request-side
  schema with the same fields reuse a model.
- `LENIENT`: the generated models that parse partial items (a stream's `output_item.added`):
  required fields besides a constant tag default to None (a list to []), fields in the
  official order; `FIELD_DEFAULTS` gives other defaults field by field.
- `FIELDS`: a spec field typed otherwise (each with a one-line why); a field the spec lacks
  is schema, so a spec addition (the generator refuses one here).
- `BASES`: a hand-written class the generated one inherits (helpers such as
  `Response.output_text`, a stored item that is its call).
- `OVERRIDES`: the hand-written models still written whole, which the generator imports
  instead of emitting a class, so every group that reaches the schema shares one class.
  Each is walked against its schema by tests/types/test_spec_coverage.py like a generated
  one, so it must keep every field. An entry leaves this table for `GENERATED`.

What the spec lacks and servers send is not here: it is added to the spec the generator
reads, as schemas (spec_additions.py), and generated like the rest.

The Responses entries (`Response` and the stream events) are in overrides_responses.py,
merged here, with the kinds only they use: `SEALED`, `MERGED_ONLY`, `DROPPED`, `NAMES_AT`,
`CLOSED_TAGS`.
"""

from __future__ import annotations

from . import beta_responses
from . import overrides_responses as responses
from .extra import Extra

# spec schema -> (module under openai_oxide.types, class name)
OVERRIDES: dict[str, tuple[str, str]] = {}

# What a model generated from the spec takes from the hand-written one it replaced: fields the
# spec requires that the SDK parses without (a stream's partial items, older servers), with
# the default they get. spec schema -> {field: default}.
FIELD_DEFAULTS: dict[str, dict[str, str]] = {
    "ReasoningItem": {"id": "None", "summary": "[]"},
    "SummaryTextContent": {"text": "None"},
    "ReasoningTextContent": {"text": "None"},
    "CompactionBody": {"id": "None", "encrypted_content": "None"},
    "ToolSearchCall": {
        "id": "None",
        "call_id": "None",
        "execution": "None",
        "arguments": "None",
        "status": "None",
    },
    "CodeInterpreterToolCall": {
        "id": "None",
        "status": "None",
        "container_id": "None",
        "code": "None",
        "outputs": "None",
    },
    "ToolSearchOutput": {
        "id": "None",
        "call_id": "None",
        "execution": "None",
        "tools": "[]",
        "status": "None",
    },
    "CodeInterpreterOutputLogs": {"logs": "None"},
    "CodeInterpreterOutputImage": {"url": "None"},
}


# spec schema -> {field: Extra}: each with a one-line why.
_OPTIONAL = "optional in the official model, so in its field order"

FIELDS: dict[str, dict[str, Extra]] = {
    "OutputTextContent": {
        "logprobs": Extra("list[Logprob] | None", _OPTIONAL + " (sent when `include` asks)")
    },
    "CustomToolCallOutputResource": {
        "id": Extra("str | None", _OPTIONAL),
        "status": Extra(
            "FunctionCallOutputStatusEnum | None",
            _OPTIONAL,
            imports=(
                ("responses.response_tool_search_output_item", "FunctionCallOutputStatusEnum"),
            ),
        ),
    },
    "ComputerToolCallOutputResource": {
        "acknowledged_safety_checks": Extra(
            "list[AcknowledgedSafetyCheck] | None",
            "the official name of the checks here (one class with `PendingSafetyCheck`)",
            imports=(("responses.response_computer_tool_call", "AcknowledgedSafetyCheck"),),
        ),
    },
    **responses.FIELDS,
}

# spec schema -> (module under openai_oxide.types, class): a class the generated one inherits
# before `BaseModel`: a small hand-written mixin for helpers the spec cannot say (a plain class
# that declares the fields it reads under `TYPE_CHECKING`), or another generated model (a
# stored item is its call, so `isinstance` holds on every endpoint, as officially).
BASES: dict[str, tuple[str, str]] = {
    "CustomToolCallResource": ("responses.response_custom_tool_call", "ResponseCustomToolCall"),
    # the stored call is the call with who made it: `isinstance(item, ResponseFunctionToolCall)`
    # holds on every endpoint, as officially
    "FunctionToolCallResource": (
        "responses.response_function_tool_call",
        "ResponseFunctionToolCall",
    ),
}


# Models generated from the spec at their official paths in place of hand-written ones:
# spec schema -> (module under openai_oxide.types, official class name). A schema listed
# here is homed in that module (what it refers to and is not listed goes beside it) and
# named so on the model side; the params TypedDicts keep their names.
GENERATED: dict[str, tuple[str, str]] = {
    # a schema's closure goes to the first module that reaches it: leaves first
    "RefusalContent": ("responses.response_output_refusal", "ResponseOutputRefusal"),
    "FileCitationBody": ("responses.response_output_text", "AnnotationFileCitation"),
    "UrlCitationBody": ("responses.response_output_text", "AnnotationURLCitation"),
    "ContainerFileCitationBody": (
        "responses.response_output_text",
        "AnnotationContainerFileCitation",
    ),
    "FilePath": ("responses.response_output_text", "AnnotationFilePath"),
    "Annotation": ("responses.response_output_text", "ResponseOutputTextAnnotations"),
    "LogProb": ("responses.response_output_text", "Logprob"),
    "TopLogProb": ("responses.response_output_text", "LogprobTopLogprob"),
    "OutputTextContent": ("responses.response_output_text", "ResponseOutputText"),
    "OutputMessageContent": (
        "responses.response_output_message",
        "ResponseOutputMessageContent",
    ),
    "OutputMessage": ("responses.response_output_message", "ResponseOutputMessage"),
    "ResponseUsage": ("responses.response_usage", "ResponseUsage"),
    "PromptCacheBreakpointConfig": ("responses.response_input_text", "PromptCacheBreakpoint"),
    "InputTextContent": ("responses.response_input_text", "ResponseInputText"),
    "InputImageContent": ("responses.response_input_image", "ResponseInputImage"),
    "InputFileContent": ("responses.response_input_file", "ResponseInputFile"),
    "FunctionAndCustomToolCallOutput": ("responses.response_input_content", "ResponseInputContent"),
    "DirectToolCallCaller": ("responses.response_function_tool_call", "CallerDirect"),
    "ProgramToolCallCaller": ("responses.response_function_tool_call", "CallerProgram"),
    "FunctionToolCall": ("responses.response_function_tool_call", "ResponseFunctionToolCall"),
    "FunctionToolCallResource": (
        "responses.response_function_tool_call_item",
        "ResponseFunctionToolCallItem",
    ),
    "FunctionToolCallOutputResource": (
        "responses.response_function_tool_call_output_item",
        "ResponseFunctionToolCallOutputItem",
    ),
    "FileSearchToolCall": (
        "responses.response_file_search_tool_call",
        "ResponseFileSearchToolCall",
    ),
    "WebSearchToolCall": ("responses.response_function_web_search", "ResponseFunctionWebSearch"),
    "WebSearchActionSearch": ("responses.response_function_web_search", "ActionSearch"),
    "WebSearchActionOpenPage": ("responses.response_function_web_search", "ActionOpenPage"),
    "WebSearchActionFind": ("responses.response_function_web_search", "ActionFind"),
    "ComputerScreenshotImage": (
        "responses.response_computer_tool_call_output_screenshot",
        "ResponseComputerToolCallOutputScreenshot",
    ),
    "ComputerToolCall": ("responses.response_computer_tool_call", "ResponseComputerToolCall"),
    "ComputerCallSafetyCheckParam": ("responses.response_computer_tool_call", "PendingSafetyCheck"),
    "ComputerAction": ("responses.response_computer_tool_call", "ResponseComputerToolCallAction"),
    "ClickParam": ("responses.response_computer_tool_call", "ActionClick"),
    "DoubleClickAction": ("responses.response_computer_tool_call", "ActionDoubleClick"),
    "DragParam": ("responses.response_computer_tool_call", "ActionDrag"),
    "CoordParam": ("responses.response_computer_tool_call", "DragPath"),
    "KeyPressAction": ("responses.response_computer_tool_call", "ActionKeypress"),
    "MoveParam": ("responses.response_computer_tool_call", "ActionMove"),
    "ScreenshotParam": ("responses.response_computer_tool_call", "ActionScreenshot"),
    "ScrollParam": ("responses.response_computer_tool_call", "ActionScroll"),
    "TypeParam": ("responses.response_computer_tool_call", "ActionType"),
    "WaitParam": ("responses.response_computer_tool_call", "ActionWait"),
    "ComputerToolCallOutputResource": (
        "responses.response_computer_tool_call_output_item",
        "ResponseComputerToolCallOutputItem",
    ),
    "Program": ("responses.response_output_item", "Program"),
    "ProgramOutput": ("responses.response_output_item", "ProgramOutput"),
    "AdditionalTools": ("responses.response_output_item", "AdditionalTools"),
    "ImageGenToolCall": ("responses.response_output_item", "ImageGenerationCall"),
    "LocalShellToolCall": ("responses.response_output_item", "LocalShellCall"),
    "LocalShellExecAction": ("responses.response_output_item", "LocalShellCallAction"),
    "LocalShellToolCallOutput": ("responses.response_output_item", "LocalShellCallOutput"),
    "MCPListTools": ("responses.response_output_item", "McpListTools"),
    "MCPApprovalRequest": ("responses.response_output_item", "McpApprovalRequest"),
    "MCPApprovalResponseResource": ("responses.response_output_item", "McpApprovalResponse"),
    "MCPToolCall": ("responses.response_output_item", "McpCall"),
    "MCPProtocolError": ("responses.mcp_tool_call_error", "McpProtocolError"),
    "MCPToolExecutionError": ("responses.mcp_tool_call_error", "McpToolExecutionError"),
    "HTTPError": ("responses.mcp_tool_call_error", "HTTPError"),
    "LocalEnvironmentResource": (
        "responses.response_local_environment",
        "ResponseLocalEnvironment",
    ),
    "ContainerReferenceResource": (
        "responses.response_container_reference",
        "ResponseContainerReference",
    ),
    "FunctionShellCall": (
        "responses.response_function_shell_tool_call",
        "ResponseFunctionShellToolCall",
    ),
    "FunctionShellCallOutputTimeoutOutcome": (
        "responses.response_function_shell_tool_call_output",
        "OutputOutcomeTimeout",
    ),
    "FunctionShellCallOutputExitOutcome": (
        "responses.response_function_shell_tool_call_output",
        "OutputOutcomeExit",
    ),
    "FunctionShellCallOutput": (
        "responses.response_function_shell_tool_call_output",
        "ResponseFunctionShellToolCallOutput",
    ),
    "ApplyPatchCreateFileOperation": (
        "responses.response_apply_patch_tool_call",
        "OperationCreateFile",
    ),
    "ApplyPatchDeleteFileOperation": (
        "responses.response_apply_patch_tool_call",
        "OperationDeleteFile",
    ),
    "ApplyPatchUpdateFileOperation": (
        "responses.response_apply_patch_tool_call",
        "OperationUpdateFile",
    ),
    "ApplyPatchToolCall": (
        "responses.response_apply_patch_tool_call",
        "ResponseApplyPatchToolCall",
    ),
    "ApplyPatchToolCallOutput": (
        "responses.response_apply_patch_tool_call_output",
        "ResponseApplyPatchToolCallOutput",
    ),
    "CustomToolCall": ("responses.response_custom_tool_call", "ResponseCustomToolCall"),
    "CustomToolCallResource": (
        "responses.response_custom_tool_call_item",
        "ResponseCustomToolCallItem",
    ),
    "CustomToolCallOutputResource": (
        "responses.response_custom_tool_call_output_item",
        "ResponseCustomToolCallOutputItem",
    ),
    "OutputItem": ("responses.response_output_item", "ResponseOutputItem"),
    "MCPListToolsTool": ("responses.response_output_item", "McpListToolsTool"),
    "MCPToolCallError": ("responses.mcp_tool_call_error", "McpToolCallError"),
    "FunctionShellAction": ("responses.response_function_shell_tool_call", "Action"),
    "FunctionShellCallOutputContent": (
        "responses.response_function_shell_tool_call_output",
        "Output",
    ),
    # the stored items (`responses.input_items.list`): a union with two `message` members,
    # told apart by `role`, and a member the spec lacks (spec_additions.py)
    "ConfigurationUpdate": (
        "responses.response_configuration_update_item",
        "ResponseConfigurationUpdateItem",
    ),
    "InputMessageContentList": (
        "responses.response_input_message_content_list",
        "ResponseInputMessageContentList",
    ),
    "InputMessageResource": (
        "responses.response_input_message_item",
        "ResponseInputMessageItem",
    ),
    "ItemResource": ("responses.response_item", "ResponseItem"),
    "ResponseItemList": ("responses.response_item_list", "ResponseItemList"),
    # a stream event the spec lacks (spec_additions.py), beside the others
    "ResponseCompactionCompactingEvent": (
        "responses.response_stream_event",
        "ResponseCompactionCompactingEvent",
    ),
    **responses.GENERATED,
}

# A request-side schema the models use with the same fields as a response-side one: one
# class serves both (spec schema -> the schema whose class it is).
SAME_AS: dict[str, str] = {
    "DirectToolCallCallerParam": "DirectToolCallCaller",
    "ProgramToolCallCallerParam": "ProgramToolCallCaller",
    "InputContent": "FunctionAndCustomToolCallOutput",  # the official `ResponseInputContent`
}

# Schemas whose generated class (and the inline classes under it) parses a partial item: a
# stream's `output_item.added`, an older server's answer. Every required field besides a
# constant tag (`type: Literal["function_call"]`) defaults to None, or to [] for a list, as
# the hand-written classes they replace did; FIELD_DEFAULTS says otherwise where it differs.
LENIENT: frozenset[str] = frozenset(GENERATED)

# The chat and models entries live in their own module (with the kinds `ORDER` and
# `OPEN_TAGS`); LENIENT is recomputed with them.
from . import overrides_chat, overrides_input, spec_additions, tables_admin  # noqa: E402

GENERATED.update(overrides_chat.GENERATED)
GENERATED.update(overrides_input.GENERATED)
FIELDS.update(overrides_chat.FIELDS)
FIELD_DEFAULTS.update(overrides_chat.FIELD_DEFAULTS)
# the official field order where the rule gives another (required first, `id` first, then
# by name), as overrides_chat.ORDER: a Realtime transcription's logprob as the Responses one,
# the Upload's `object` required officially
ORDER = {**overrides_chat.ORDER, **spec_additions.ORDER, **responses.ORDER}
ORDER |= tables_admin.ORDER
ORDER["LogProbProperties"] = responses.TOKEN_FIRST[:3]
for _event in (
    "CreateTranscriptionResponseJson",
    "TranscriptTextDeltaEvent",
    "TranscriptTextDoneEvent",
):
    ORDER[f"{_event}/properties/logprobs/items"] = responses.TOKEN_FIRST[:3]
# an eval grader's own `pass_threshold` comes after the grader's fields it extends
_GRADER = {
    "EvalGraderScoreModel": "input model name type range sampling_params",
    "EvalGraderTextSimilarity": "evaluation_metric input name reference type",
}
for _grader, _fields in _GRADER.items():
    ORDER[_grader] = (*_fields.split(), "pass_threshold")
ORDER["Upload"] = (
    "id",
    "bytes",
    "created_at",
    "expires_at",
    "filename",
    "object",
    "purpose",
    "status",
    "file",
)
OPEN_TAGS = overrides_chat.OPEN_TAGS | responses.OPEN_TAGS
LENIENT = frozenset(GENERATED)
# the beta Responses classes parse and order as their Responses twins (beta_responses.py)
LENIENT |= frozenset(beta_responses.twins(dict.fromkeys(LENIENT)))
ORDER |= beta_responses.twins(responses.ORDER) | beta_responses.twins(spec_additions.ORDER)
ORDER |= beta_responses.ORDER
del ORDER["BetaResponse"]  # more fields than `Response`: the rule's order is the official

# The kinds only the Responses entries use (overrides_responses.py says what each is)
BASES.update(responses.BASES)
SEALED = responses.SEALED | overrides_input.SEALED
MERGED_ONLY = responses.MERGED_ONLY
DROPPED = responses.DROPPED
NAMES_AT = responses.NAMES_AT
CLOSED_TAGS = responses.CLOSED_TAGS
FIELD_DEFAULTS.update(responses.FIELD_DEFAULTS)
# (not `Response`'s: an answer without `tools` is lenient enough, `object` is its tag)
FIELD_DEFAULTS.update(
    beta_responses.twins(
        {
            k: v
            for k, v in FIELD_DEFAULTS.items()
            if k not in overrides_chat.FIELD_DEFAULTS and k != "Response"
        }
    )
)
