"""The Responses input side as models: what `responses.create(input=...)` takes, as the
official package also models it (`openai.types.responses.response_input_item`), and the
content of a function call's output.

The spec describes these only as request bodies, so the generator would make TypedDicts of
them alone; the official package has a pydantic model of each too, which code written for
it imports (`ResponseInputItem`, `ResponseInputTextContent`). Merged into overrides.py's
tables (kept apart, as overrides_responses.py is, so that people editing the two do not
conflict): `GENERATED` as there (model homes and official names), `SEALED` as
overrides_responses.SEALED (the input union reaches most output items; those stay where the
groups that answer with them have them, one class each, and only what no group reaches is
generated beside it).
"""

from __future__ import annotations

from .beta_responses import twin_names

_INPUT = "responses.response_input_item"

# spec schema -> (module under openai_oxide.types, official model name)
GENERATED: dict[str, tuple[str, str]] = {
    # a schema's closure goes to the first module that reaches it: leaves first
    "InputTextContentParam": (
        "responses.response_input_text_content",
        "ResponseInputTextContent",
    ),
    "InputImageContentParamAutoParam": (
        "responses.response_input_image_content",
        "ResponseInputImageContent",
    ),
    "InputFileContentParam": (
        "responses.response_input_file_content",
        "ResponseInputFileContent",
    ),
    "FunctionShellCallOutputContentParam": (
        "responses.response_function_shell_call_output_content",
        "ResponseFunctionShellCallOutputContent",
    ),
    "ToolSearchOutputItemParam": (
        "responses.response_tool_search_output_item_param",
        "ResponseToolSearchOutputItemParam",
    ),
    "ConfigurationUpdateItemParam": (
        "responses.response_configuration_update_item_param",
        "ResponseConfigurationUpdateItemParam",
    ),
    "CompactionSummaryItemParam": (
        "responses.response_compaction_item_param",
        "ResponseCompactionItemParam",
    ),
    # `conversation={"id": ...}` of a request, which the official package also models
    "ConversationParam-2": (
        "responses.response_conversation_param",
        "ResponseConversationParam",
    ),
    # what code written for the official package sends as input (`EasyInputMessage`), at
    # its official path rather than in `types.evals`, which also uses it
    "EasyInputMessage": ("responses.easy_input_message", "EasyInputMessage"),
    # the input items only requests carry, under the official short names of
    # `response_input_item` (those another class of the group has already keep the spec's:
    # `AdditionalToolsItemParam` is officially `response_input_item.AdditionalTools`)
    "ComputerCallOutputItemParam": (_INPUT, "ComputerCallOutput"),
    "FunctionCallOutputItemParam": (_INPUT, "FunctionCallOutput"),
    "ToolSearchCallItemParam": (_INPUT, "ToolSearchCall"),
    "FunctionShellActionParam": (_INPUT, "ShellCallAction"),
    "FunctionShellCallItemParam": (_INPUT, "ShellCall"),
    "FunctionShellCallOutputItemParam": (_INPUT, "ShellCallOutput"),
    "ApplyPatchCreateFileOperationParam": (_INPUT, "ApplyPatchCallOperationCreateFile"),
    "ApplyPatchDeleteFileOperationParam": (_INPUT, "ApplyPatchCallOperationDeleteFile"),
    "ApplyPatchUpdateFileOperationParam": (_INPUT, "ApplyPatchCallOperationUpdateFile"),
    "ApplyPatchOperationParam": (_INPUT, "ApplyPatchCallOperation"),
    "ApplyPatchToolCallItemParam": (_INPUT, "ApplyPatchCall"),
    "ApplyPatchToolCallOutputItemParam": (_INPUT, "ApplyPatchCallOutput"),
    "CompactionTriggerItemParam": (_INPUT, "CompactionTrigger"),
    "ItemReferenceParam": (_INPUT, "ItemReference"),
    "InputItem": (_INPUT, "ResponseInputItem"),
}

SEALED: frozenset[str] = frozenset({"InputItem"})

# spec schema -> official name of both sides, as tables.NAMES (the TypedDict adds `Param`)
NAMES: dict[str, str] = {
    "ConfigurationUpdateItemParam": "ResponseConfigurationUpdateItemParam",
    "ToolSearchOutputItemParam": "ResponseToolSearchOutputItemParam",
    "CompactionSummaryItemParam": "ResponseCompactionItemParam",
    "InputTextContentParam": "ResponseInputTextContent",
    "InputImageContentParamAutoParam": "ResponseInputImageContent",
    "InputFileContentParam": "ResponseInputFileContent",
    "FunctionShellCallOutputContentParam": "ResponseFunctionShellCallOutputContent",
    "ConversationParam-2": "ResponseConversationParam",
}

# spec schema -> official TypedDict name, as tables.PARAM_NAMES
PARAM_NAMES: dict[str, str] = {"InputContent": "ResponseInputContentParam"}

# inline schema (parent class name + "." + property, or a list alias's items: name + "[]")
# -> official class name, as tables.INLINE_NAMES: the content of a function call's output
INLINE_NAMES: dict[str, str] = {
    "FunctionCallOutputOutputVariant2[]": "ResponseFunctionCallOutputItem",
}
INLINE_NAMES = twin_names(INLINE_NAMES)  # and the beta Responses API's twin


# official type aliases of a model (class name -> alias names), as tables.ALIASES: the
# official `types.conversations` names the Responses content parts so
# (`InputTextContent = ResponseInputText`)
ALIASES: dict[str, list[str]] = {
    "ResponseInputText": ["InputTextContent"],
    "ResponseInputImage": ["InputImageContent"],
    "ResponseInputFile": ["InputFileContent"],
    "ResponseOutputText": ["OutputTextContent"],
    "ResponseOutputRefusal": ["RefusalContent"],
    "Summary": ["SummaryTextContent"],
}

# official list aliases (class name -> alias names), as tables.LISTS
LISTS: dict[str, list[str]] = {
    "ResponseInputItem": ["ResponseInput"],
    "ResponseFunctionCallOutputItem": ["ResponseFunctionCallOutputItemList"],
    "ResponseFunctionCallOutputItemParam": ["ResponseFunctionCallOutputItemListParam"],
}
