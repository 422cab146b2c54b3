"""The beta Responses API (`client.beta.responses`, the spec's `/responses?beta=true`
operations): its group, and the official names of its `Beta*` schemas.

The spec describes the beta API with a copy of the Responses schemas, each named `Beta` + the
Responses schema's name (`BetaReasoningItem`), and reaches no other schema from it; the
official package has a class of its own for each (`types.beta.BetaResponseReasoningItem`).
So the group is generated like any other, into one module of its own (`types.beta.responses`,
the official package of its list and token-count types), and every beta class takes the
official name of its Responses twin with `Beta` in front. The Responses classes are not
touched: no schema of theirs is reached from here.

The twins also parse and order as the Responses classes do (`twins` of overrides.LENIENT,
FIELD_DEFAULTS and ORDER) and get the fields spec_additions.py gives those
(`spec_additions._beta_twins`); `serves` keeps the beta classes out of the official names of
`types.responses` (exports.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TypeVar

_V = TypeVar("_V")

GROUP = "beta.responses"

# operationId -> params class name (the official `types.beta.*_params` names)
OPERATIONS: dict[str, str | None] = {
    "beta_createResponse": "ResponseCreateParams",
    "beta_getResponse": "ResponseRetrieveParams",
    "beta_cancelResponse": None,
    "beta_deleteResponse": None,
    "beta_Compactconversation": "ResponseCompactParams",
    "beta_listInputItems": "InputItemListParams",
    "beta_Getinputtokencounts": "InputTokenCountParams",
}

# What the group serves beyond its operations' answers and bodies (tables.EXTRA_ROOTS and
# EXTRA_PARAM_ROOTS): the events of the beta Responses WebSocket, received and sent.
EXTRA_ROOTS = ["BetaResponsesServerEvent", "BetaResponsesClientEvent"]
EXTRA_PARAM_ROOTS = ["BetaResponsesClientEvent"]

PREFIX = "Beta"

# Beta schemas whose official name is not `Beta` + their Responses twin's official name.
NAMES: dict[str, str] = {
    "BetaTokenCountsResource": "InputTokenCountResponse",  # `types.beta.responses`
    "BetaIncludeEnum": "BetaResponseIncludable",
    "BetaServiceTierResponses": "BetaServiceTier",
    "BetaInputItem": "BetaResponseInputItem",
    "BetaComputerAction": "BetaComputerAction",  # a union of its own officially
    "BetaConversationParam-2": "BetaResponseConversationParam",  # the `{id}` object
    "BetaCompactionSummaryItemParam": "BetaResponseCompactionItemParam",
    "BetaToolSearchOutputItemParam": "BetaResponseToolSearchOutputItemParam",
    # the content of a function call's output (`BetaResponseFunctionCallOutputItem`)
    "BetaInputTextContentParam": "BetaResponseInputTextContent",
    "BetaInputImageContentParamAutoParam": "BetaResponseInputImageContent",
    "BetaInputFileContentParam": "BetaResponseInputFileContent",
    "BetaFunctionShellCallOutputContentParam": "BetaResponseFunctionShellCallOutputContent",
    # twins named alike in two official modules, which here share one
    "BetaResponseLogProb": "BetaResponseLogProb",  # the text events' `Logprob`
    # `X` and `XParam` schemas both: `XParam` is `X`'s TypedDict, so the other takes a name
    # of its own (the official package has no class for it)
    "Beta_AgentTagParam": "BetaInputAgentTag",  # an input item's agent
    "BetaFunctionToolParam": "BetaNamespaceFunctionTool",  # a namespace tool's function
    "BetaPromptCacheBreakpointParam": "BetaInputPromptCacheBreakpoint",  # an input part's
    "BetaToolCallCallerParam": "BetaToolCallOutputCaller",  # who made a call, of its output
    # officially `ResponseCreate` in its module, a short name (not its twin's `ResponseCreate`,
    # which would clash with its own TypedDict in the one group module)
    "BetaResponsesClientEventResponseCreate": "BetaResponsesClientEventResponseCreate",
}

# Official list aliases (`BetaResponseInputParam = List[BetaResponseInputItemParam]`), as
# tables.LISTS: no schema of their own
LISTS: dict[str, list[str]] = {
    "BetaResponseInputItem": ["BetaResponseInput"],
    "BetaResponseInputItemParam": ["BetaResponseInputParam"],
    "BetaComputerAction": ["BetaComputerActionList"],
    "BetaComputerActionParam": ["BetaComputerActionListParam"],
    "BetaResponseFunctionCallOutputItem": ["BetaResponseFunctionCallOutputItemList"],
    "BetaResponseFunctionCallOutputItemParam": ["BetaResponseFunctionCallOutputItemListParam"],
}

# The official field order where the rule gives another, as overrides.ORDER (beside the
# Responses twins' orders, `twins`): fields the spec requires that are optional officially
ORDER: dict[str, tuple[str, ...]] = {
    "BetaOutputTextContent": ("annotations", "text", "type", "logprobs"),
    "BetaCustomToolCallOutputResource": (
        "call_id",
        "output",
        "type",
        "id",
        "agent",
        "caller",
        "status",
        "created_by",
    ),
    # a stored call: the call's fields, then the item's (the Responses twin inherits them)
    "BetaFunctionToolCallResource": (
        *("arguments", "call_id", "name", "type", "id", "agent", "async", "caller"),
        *("namespace", "status", "created_by"),
    ),
    "BetaCustomToolCallResource": (
        *("call_id", "input", "name", "type", "id", "agent", "async", "caller"),
        *("namespace", "status", "created_by"),
    ),
}


def twins(table: Mapping[str, _V]) -> dict[str, _V]:
    """A Responses table keyed by schema (or pointer under the schemas) for the beta twins:
    the beta classes parse and order as their twins do (`LENIENT`, `FIELD_DEFAULTS`,
    `ORDER`)."""
    return {PREFIX + key: value for key, value in table.items()}


def twin_names(table: Mapping[str, str]) -> dict[str, str]:
    """A table of inline names (`Parent.field` -> name, as tables.INLINE_NAMES) with the beta
    twins' entries added: the twin of a named inline union is named `Beta` + its name, as its
    parent is (`BetaResponseFunctionWebSearchParamAction`); the official beta module gives it
    its short name, as the Responses one does (official_paths.py)."""
    return {**table, **{PREFIX + key: PREFIX + name for key, name in table.items()}}


def names(
    models: Mapping[str, str], params: Mapping[str, str], official: Collection[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The names of the beta schemas, as tables.NAMES and tables.PARAM_NAMES entries.

    `Beta` + a Responses schema is named `Beta` + that schema's official name (`models`,
    `params`: `ReasoningItem` is `ResponseReasoningItem`, so `BetaReasoningItem` is
    `BetaResponseReasoningItem`). A request-side schema named for its TypedDict
    (`BetaContainerAutoParam`) is the official class without `Param` on the model side and
    keeps its name on the request side (`BetaContainerAuto`, `BetaContainerAutoParam`).
    An entry whose schema the spec lacks is never looked up."""
    model_names = {PREFIX + schema: PREFIX + name for schema, name in models.items()}
    param_names = {PREFIX + schema: PREFIX + name for schema, name in params.items()}
    for name in sorted(official):
        if name.startswith(PREFIX) and not name.endswith("Param"):
            model_names.setdefault(name + "Param", name)
            param_names.setdefault(name + "Param", name + "Param")
    model_names |= NAMES
    param_names |= {schema: name + "Param" for schema, name in NAMES.items()}
    return model_names, param_names


def serves(module: str, package: str) -> bool:
    """Whether `module`'s classes may give the official names of `package`: the beta group's
    only those of `types.beta` (its `InputItemListParams` is not the Responses one)."""
    return module != GROUP or package == "beta" or package.startswith("beta.")
