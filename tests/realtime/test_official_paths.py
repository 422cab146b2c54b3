"""The Realtime types imported from their official paths are the classes the endpoints and
the connection hand back: the GA sessions under the official names
(`realtime_session_create_response.RealtimeSessionCreateResponse`, ...), the
`/realtime/sessions` answers as `types.beta.realtime`'s classes, the conversation's messages,
and the sessions' tools / tool choice / tracing through their official alias modules."""

from __future__ import annotations

import json
from typing import Any

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types._lenient import json_decoder
from openai_oxide.types.realtime import RealtimeClientEvent, RealtimeServerEvent
from support import API_KEY

MCP_TOOL = {
    "type": "mcp",
    "server_label": "docs",
    "server_url": "https://mcp.example.com/sse",
    "allowed_tools": {"tool_names": ["search"], "read_only": True},
    "require_approval": {"never": {"tool_names": ["search"]}},
}
FUNCTION_TOOL = {
    "type": "function",
    "name": "lookup_order",
    "description": "Find an order by its id.",
    "parameters": {"type": "object", "properties": {"id": {"type": "string"}}},
}
SESSION = {
    "type": "realtime",
    "object": "realtime.session",
    "id": "sess_C9CiUVUzUzYIssh3ELY1d",
    "model": "gpt-realtime-2025-08-28",
    "output_modalities": ["audio"],
    "instructions": "You are a friendly assistant.",
    "tools": [FUNCTION_TOOL, MCP_TOOL],
    "tool_choice": {"type": "function", "name": "lookup_order"},
    "tracing": {"workflow_name": "support", "group_id": "g_1"},
    "max_output_tokens": "inf",
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": 24000},
            "turn_detection": {"type": "server_vad", "threshold": 0.5, "silence_duration_ms": 200},
        },
        "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"},
    },
}


def _event(payload: dict[str, Any]) -> Any:
    return json_decoder(RealtimeServerEvent)(json.dumps(payload))


def _client_event(payload: dict[str, Any]) -> Any:
    return json_decoder(RealtimeClientEvent)(json.dumps(payload))


async def test_a_client_secrets_session_is_the_class_of_its_official_path(
    fake: FakeOpenAI,
) -> None:
    from openai_oxide.types.realtime.realtime_session_create_response import (
        RealtimeSessionCreateResponse,
    )

    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        secret = await client.realtime.client_secrets.create(
            session={"type": "realtime", "model": "gpt-realtime"}
        )
    assert type(secret.session) is RealtimeSessionCreateResponse


async def test_the_beta_session_endpoints_answer_the_beta_classes(fake: FakeOpenAI) -> None:
    from openai_oxide.types.beta.realtime.session_create_response import SessionCreateResponse
    from openai_oxide.types.beta.realtime.transcription_session import TranscriptionSession
    from openai_oxide.types.realtime.realtime_session_create_response import (
        RealtimeSessionCreateResponse,
    )

    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        session = await client.beta.realtime.sessions.create(
            model="gpt-4o-realtime-preview", client_secret={"value": "ek_1", "expires_at": 1}
        )
        transcription = await client.beta.realtime.transcription_sessions.create()
    assert type(session) is SessionCreateResponse
    assert type(transcription) is TranscriptionSession
    # the GA session is another schema, as officially
    assert SessionCreateResponse is not RealtimeSessionCreateResponse


def test_a_session_reads_its_tools_tool_choice_and_tracing_as_the_official_classes() -> None:
    from openai_oxide.types.realtime.realtime_function_tool import RealtimeFunctionTool
    from openai_oxide.types.realtime.realtime_session_create_response import (
        RealtimeSessionCreateResponse,
        ToolMcpTool,
        TracingTracingConfiguration,
    )
    from openai_oxide.types.realtime.realtime_tools_config_union import (
        Mcp,
        McpAllowedToolsMcpToolFilter,
        McpRequireApprovalMcpToolApprovalFilter,
        McpRequireApprovalMcpToolApprovalFilterNever,
    )
    from openai_oxide.types.responses.tool import Mcp as ResponsesMcp
    from openai_oxide.types.responses.tool_choice_function import ToolChoiceFunction

    session = RealtimeSessionCreateResponse.model_validate(SESSION)
    function, mcp = session.tools or []
    assert isinstance(function, RealtimeFunctionTool)
    # one MCP tool class, whichever official module names it
    assert Mcp is ToolMcpTool is ResponsesMcp
    assert isinstance(mcp, Mcp)
    assert isinstance(mcp.allowed_tools, McpAllowedToolsMcpToolFilter)
    assert mcp.allowed_tools.tool_names == ["search"]
    assert isinstance(mcp.require_approval, McpRequireApprovalMcpToolApprovalFilter)
    assert isinstance(mcp.require_approval.never, McpRequireApprovalMcpToolApprovalFilterNever)
    assert isinstance(session.tool_choice, ToolChoiceFunction)
    assert isinstance(session.tracing, TracingTracingConfiguration)
    assert session.tracing.workflow_name == "support"


def test_the_session_events_carry_the_official_session_classes() -> None:
    """`session.created` carries the session as the spec has it (the answer's shape; the
    official types it as the request), `session.update` the request, each at its official
    path, with the tools and tracing classes of theirs."""
    from openai_oxide.types.realtime.realtime_session_create_request import (
        RealtimeSessionCreateRequest,
    )
    from openai_oxide.types.realtime.realtime_session_create_response import (
        RealtimeSessionCreateResponse,
    )
    from openai_oxide.types.realtime.realtime_tools_config_union import Mcp
    from openai_oxide.types.realtime.realtime_tracing_config import TracingConfiguration
    from openai_oxide.types.realtime.realtime_transcription_session_audio_input_turn_detection import (  # noqa: E501
        ServerVad,
    )
    from openai_oxide.types.realtime.realtime_transcription_session_create_request import (
        RealtimeTranscriptionSessionCreateRequest,
    )
    from openai_oxide.types.realtime.session_created_event import SessionCreatedEvent
    from openai_oxide.types.realtime.session_update_event import SessionUpdateEvent

    created = _event({"type": "session.created", "event_id": "event_1", "session": SESSION})
    assert type(created) is SessionCreatedEvent
    assert type(created.session) is RealtimeSessionCreateResponse
    request = {k: v for k, v in SESSION.items() if k not in ("id", "object")}
    update = _client_event({"type": "session.update", "event_id": "e_1", "session": request})
    assert type(update) is SessionUpdateEvent
    assert type(update.session) is RealtimeSessionCreateRequest
    assert isinstance(update.session.tools[1], Mcp)
    assert isinstance(update.session.tracing, TracingConfiguration)
    transcription = {
        "type": "transcription",
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
                "turn_detection": {"type": "server_vad", "prefix_padding_ms": 300},
            }
        },
        "include": ["item.input_audio_transcription.logprobs"],
    }
    update = _client_event({"type": "session.update", "session": transcription})
    assert type(update.session) is RealtimeTranscriptionSessionCreateRequest
    assert isinstance(update.session.audio.input.turn_detection, ServerVad)


def test_the_conversation_messages_are_their_official_classes() -> None:
    from openai_oxide.types.realtime import (
        realtime_conversation_item_assistant_message as assistant,
    )
    from openai_oxide.types.realtime import realtime_conversation_item_system_message as system
    from openai_oxide.types.realtime import realtime_conversation_item_user_message as user

    cases = [
        (user.RealtimeConversationItemUserMessage, user.Content, "user", "input_text"),
        (system.RealtimeConversationItemSystemMessage, system.Content, "system", "input_text"),
        (
            assistant.RealtimeConversationItemAssistantMessage,
            assistant.Content,
            "assistant",
            "output_text",
        ),
    ]
    for message, content, role, part in cases:
        item = {
            "id": "item_CLWlL5d0pKBJHh1o9Ir1y",
            "object": "realtime.item",
            "type": "message",
            "status": "completed",
            "role": role,
            "content": [{"type": part, "text": "What is the weather in Paris?"}],
        }
        event = _event(
            {
                "type": "conversation.item.created",
                "event_id": "event_3",
                "previous_item_id": None,
                "item": item,
            }
        )
        assert type(event.item) is message, role
        assert type(event.item.content[0]) is content, role
        assert event.item.content[0].text == "What is the weather in Paris?"
