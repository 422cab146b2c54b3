"""Inline unions the official package names (`response_function_web_search_param.Action`,
`chat_completion_custom_tool_param.CustomFormat`, `ChatCompletionToolUnionParam`): an
untagged inline union is otherwise written out where it is used, so an official path would
have nothing to give. Under these names it is a type alias of its module (its `None`, if
nullable, stays at the field, as officially), and official_match.py pairs it with the
official alias at the same place; a tagged union is named already.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from . import beta_responses
from .beta_responses import twin_names, twin_set

# inline schema (parent class + "." + property, or a field's name + "[]" for its items, as
# tables.INLINE_NAMES) -> the name of the alias, where the default (parent + property) is not it
INLINE_NAMES: dict[str, str] = {
    "ResponseCodeInterpreterToolCallParamOutputs[]": "ResponseCodeInterpreterToolCallParamOutput",
    "NamespaceToolParamTools[]": "NamespaceToolParamTool",
    "FunctionShellCallItemParamParam.environment": "FunctionShellCallEnvironmentParam",
    "CompletionCreateParamsTools[]": "ChatCompletionToolUnionParam",
    # the items of the list in `ResponseModalities` (`anyOf: [array, null]`: its one variant)
    "ResponseModalitiesParamVariant1[]": "ChatCompletionModality",
    # a custom tool's format, named as its model is (`CustomToolFormat`): officially
    # `shared_params.CustomToolInputFormat`
    "CustomToolParam.format": "CustomToolFormatParam",
}
INLINE_NAMES = twin_names(INLINE_NAMES)  # and the beta Responses API's twins of each

# inline enums of a request named so (as overrides_responses.NAMED_ENUMS, of a model)
NAMED_PARAM_ENUMS: frozenset[str] = frozenset({"ChatCompletionModality"})

# the names (after INLINE_NAMES) whose untagged union becomes an alias
NAMED_UNIONS: frozenset[str] = frozenset(
    {
        "ResponseFunctionWebSearchParamAction",
        "FunctionShellToolParamEnvironment",
        "CustomToolChatCompletionsParamCustomFormat",
        "CompletionCreateParamsResponseFormat",
        "AutoCodeInterpreterToolParamParamNetworkPolicy",
        # `Tool`'s MCP and code interpreter fields, model and request (`tool.McpAllowedTools`)
        "McpAllowedTools",
        "McpRequireApproval",
        "CodeInterpreterContainer",
        "McpParamAllowedTools",
        "McpParamRequireApproval",
        "CodeInterpreterParamContainer",
        *(name for name in INLINE_NAMES.values() if name not in NAMED_PARAM_ENUMS),
    }
)
NAMED_UNIONS = twin_set(NAMED_UNIONS) | beta_responses.NAMED_UNIONS


class _Module(Protocol):
    name: str
    names: set[str]
    exports: list[str]


def named_union(
    done: dict[tuple[str, str], str],
    mod: _Module,
    ctx: str,
    render: Callable[[], str],
    add_alias: Callable[[str, str], Any],
) -> str:
    """The annotation of the inline union `ctx` of `mod`: `render()` gives its expression
    (once a run: `done`, the run's (module, name) -> annotation), `add_alias(name, expr)`
    defines the alias."""
    key = (mod.name, ctx)
    if key not in done:
        expr = render()
        if re.fullmatch(r"\w+", expr):  # a tagged union, named already
            done[key] = expr
        else:
            bare = expr.removesuffix(" | None")
            mod.names.add(ctx)
            mod.exports.append(ctx)
            add_alias(ctx, bare)
            done[key] = ctx + expr[len(bare) :]
    return done[key]
