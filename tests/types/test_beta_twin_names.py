"""The beta Responses API's twins of the Responses names (scripts/gen/beta_responses.py): a
union the official beta package names in a module (`beta_container_auto_param.NetworkPolicy`)
imports from that path and is the one alias our beta group defines; the fields and events
only the beta classes have (a multi-agent item's `agent`, the WebSocket's compaction event)
parse as the official classes do.
"""

from __future__ import annotations

import importlib
import typing

import pytest
from pydantic import TypeAdapter

from openai_oxide.types.beta import responses as group

# (official module under types.beta, official short name) -> our name in the beta group
TWINS = {
    ("beta_container_auto_param", "NetworkPolicy"): "BetaContainerAutoParamNetworkPolicy",
    ("beta_container_auto_param", "Skill"): "BetaContainerAutoSkillParam",
    ("beta_custom_tool_param", "Format"): "BetaCustomToolFormatParam",
    ("beta_function_shell_tool_param", "Environment"): "BetaFunctionShellToolParamEnvironment",
    ("beta_response_function_web_search_param", "Action"): (
        "BetaResponseFunctionWebSearchParamAction"
    ),
    ("beta_response_input_item_param", "ShellCallEnvironment"): "BetaShellCallEnvironmentParam",
    ("beta_response_input_param", "AgentMessageContent"): "BetaAgentMessageContentParam",
    ("beta_response_input_item_param", "MultiAgentCallOutputOutputAnnotation"): (
        "BetaOutputTextAnnotationParam"
    ),
    ("beta_response_function_call_output_item_param", "BetaResponseFunctionCallOutputItemParam"): (
        "BetaResponseFunctionCallOutputItemParam"
    ),
    ("beta_response_function_call_output_item", "BetaResponseFunctionCallOutputItem"): (
        "BetaResponseFunctionCallOutputItem"
    ),
    ("beta_response_configuration_update_item", "Agent"): "BetaAgentTag",
    ("beta_response_compaction_compacting_event", "Agent"): "BetaAgentTag",
    ("beta_response_configuration_update_item_param_param", "Agent"): "BetaInputAgentTagParam",
    ("beta_responses_server_event", "BetaResponseCompactionWsCompacting"): (
        "BetaResponsesServerEventResponseCompactionCompacting"
    ),
}


@pytest.mark.parametrize(("official", "ours"), TWINS.items(), ids=lambda x: str(x))
def test_beta_twins_import_from_their_official_paths(official: tuple[str, str], ours: str) -> None:
    module, name = official
    via_path = getattr(importlib.import_module(f"openai_oxide.types.beta.{module}"), name)
    assert via_path is getattr(group, ours)


def test_the_named_unions_hold_the_official_members() -> None:
    from openai_oxide.types.beta.beta_container_auto_param import NetworkPolicy, Skill
    from openai_oxide.types.beta.beta_custom_tool_param import Format

    assert typing.get_args(NetworkPolicy) == (
        group.BetaContainerNetworkPolicyDisabledParam,
        group.BetaContainerNetworkPolicyAllowlistParam,
    )
    assert typing.get_args(Skill) == (group.BetaSkillReferenceParam, group.BetaInlineSkillParam)
    assert len(typing.get_args(Format)) == 2  # text, grammar
    # the field names the alias, as officially (`network_policy: NetworkPolicy`)
    hints = typing.get_type_hints(group.BetaContainerAutoParam)
    assert typing.get_args(hints["network_policy"]) == (NetworkPolicy,) or (
        hints["network_policy"] == NetworkPolicy
    )


def test_the_function_call_output_item_list_is_a_list_of_items() -> None:
    from openai_oxide.types.beta import (
        BetaResponseFunctionCallOutputItemList,
        BetaResponseFunctionCallOutputItemListParam,
        BetaResponseFunctionCallOutputItemParam,
    )

    assert (
        BetaResponseFunctionCallOutputItemListParam == list[BetaResponseFunctionCallOutputItemParam]
    )
    items = TypeAdapter(BetaResponseFunctionCallOutputItemList).validate_python(
        [{"type": "input_text", "text": "42"}]
    )
    assert items[0].text == "42"


def test_a_configuration_update_and_a_compaction_carry_their_agent() -> None:
    from openai_oxide.types.beta.beta_response_compaction_compacting_event import (
        Agent,
        BetaResponseCompactionCompactingEvent,
    )
    from openai_oxide.types.beta.beta_response_configuration_update_item import (
        BetaResponseConfigurationUpdateItem,
    )

    item = BetaResponseConfigurationUpdateItem.model_validate(
        {"id": "cu_1", "type": "configuration_update", "agent": {"agent_name": "planner"}}
    )
    assert isinstance(item.agent, Agent) and item.agent.agent_name == "planner"
    event = BetaResponseCompactionCompactingEvent.model_validate(
        {
            "type": "response.compaction.compacting",
            "item_id": "cmp_1",
            "output_index": 0,
            "sequence_number": 3,
            "agent": {"agent_name": "planner"},
        }
    )
    assert event.agent == Agent(agent_name="planner")


def test_the_websocket_sends_the_compaction_event_of_its_lane() -> None:
    from openai_oxide.types.beta.beta_responses_server_event import (
        BetaResponseCompactionWsCompacting,
        BetaResponsesServerEvent,
    )

    event = TypeAdapter(BetaResponsesServerEvent).validate_python(
        {
            "type": "response.compaction.compacting",
            "item_id": "cmp_1",
            "output_index": 0,
            "sequence_number": 3,
            "stream_id": "lane-1",
        }
    )
    assert isinstance(event, BetaResponseCompactionWsCompacting)
    assert event.stream_id == "lane-1"
