"""The Realtime client events as request TypedDicts (`types.realtime.SessionUpdateEventParam`,
`RealtimeSessionCreateRequestParam`, `ConversationItemParam`, ..., `RealtimeClientEventParam`):
at the official paths with the official keys, and the connection's send methods typed with
them, so mypy accepts official-style code and flags the same wrong fields as on the official
package. (Enum values stay open here, `Literal[...] | str`, as in every generated param: an
unknown `output_modalities` value is not flagged, where the official's closed Literal is.)"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from mypy import api

from openai_oxide import AsyncOpenAI
from openai_oxide.testing import FakeOpenAI
from openai_oxide.types.realtime import RealtimeSessionCreateRequestParam
from support import API_KEY

REPO = Path(__file__).resolve().parents[2]

# official module under `types.realtime` -> its TypedDict: every client event and the
# payloads the send methods take.
PARAMS = {
    "session_update_event_param": "SessionUpdateEventParam",
    "response_create_event_param": "ResponseCreateEventParam",
    "response_cancel_event_param": "ResponseCancelEventParam",
    "conversation_item_create_event_param": "ConversationItemCreateEventParam",
    "conversation_item_delete_event_param": "ConversationItemDeleteEventParam",
    "conversation_item_retrieve_event_param": "ConversationItemRetrieveEventParam",
    "conversation_item_truncate_event_param": "ConversationItemTruncateEventParam",
    "input_audio_buffer_append_event_param": "InputAudioBufferAppendEventParam",
    "input_audio_buffer_clear_event_param": "InputAudioBufferClearEventParam",
    "input_audio_buffer_commit_event_param": "InputAudioBufferCommitEventParam",
    "output_audio_buffer_clear_event_param": "OutputAudioBufferClearEventParam",
    "realtime_session_create_request_param": "RealtimeSessionCreateRequestParam",
    "realtime_transcription_session_create_request_param": (
        "RealtimeTranscriptionSessionCreateRequestParam"
    ),
    "realtime_response_create_params_param": "RealtimeResponseCreateParamsParam",
    "realtime_conversation_item_system_message_param": "RealtimeConversationItemSystemMessageParam",
    "realtime_conversation_item_user_message_param": "RealtimeConversationItemUserMessageParam",
    "realtime_conversation_item_assistant_message_param": (
        "RealtimeConversationItemAssistantMessageParam"
    ),
    "realtime_conversation_item_function_call_param": "RealtimeConversationItemFunctionCallParam",
    "realtime_conversation_item_function_call_output_param": (
        "RealtimeConversationItemFunctionCallOutputParam"
    ),
    "realtime_mcp_approval_request_param": "RealtimeMcpApprovalRequestParam",
    "realtime_mcp_approval_response_param": "RealtimeMcpApprovalResponseParam",
    "realtime_mcp_list_tools_param": "RealtimeMcpListToolsParam",
    "realtime_mcp_tool_call_param": "RealtimeMcpToolCallParam",
    # what `client.realtime.translations.connect()` sends
    "realtime_translation_session_update_event_param": "RealtimeTranslationSessionUpdateEventParam",
    "realtime_translation_input_audio_buffer_append_event_param": (
        "RealtimeTranslationInputAudioBufferAppendEventParam"
    ),
    "realtime_translation_session_close_event_param": "RealtimeTranslationSessionCloseEventParam",
    "realtime_translation_session_update_request_param": (
        "RealtimeTranslationSessionUpdateRequestParam"
    ),
    # a `response.create` whose input refers to the session's items (spec_additions.py)
    "response_item_reference_param": "ResponseItemReferenceParam",
    "realtime_response_create_params_with_references_param": (
        "RealtimeResponseCreateParamsWithReferencesParam"
    ),
    "response_create_event_with_references_param": "ResponseCreateEventWithReferencesParam",
}
UNIONS = {
    "realtime_client_event_param": "RealtimeClientEventParam",
    "conversation_item_param": "ConversationItemParam",
    "realtime_translation_client_event_param": "RealtimeTranslationClientEventParam",
    "connect_client_event_param": "ConnectClientEventParam",
    "session_update_event_param": "Session",
    "client_secret_create_params": "Session",
}


@pytest.mark.parametrize("module", sorted(PARAMS))
def test_each_param_has_the_official_keys_at_the_official_path(module: str) -> None:
    name = PARAMS[module]
    ours = getattr(importlib.import_module(f"openai_oxide.types.realtime.{module}"), name)
    official = getattr(importlib.import_module(f"openai.types.realtime.{module}"), name)
    assert ours is getattr(importlib.import_module("openai_oxide.types.realtime"), name)
    assert _keys(ours) == _keys(official)


def _keys(typed_dict: Any) -> dict[str, bool]:
    """Each key -> whether it is required. Both packages write their annotations as strings
    (`from __future__ import annotations`), where `__required_keys__` cannot see `Required`."""
    return {
        key: str(getattr(annotation, "__forward_arg__", annotation)).startswith("Required[")
        for key, annotation in typed_dict.__annotations__.items()
    }


def test_the_unions_hold_the_official_members() -> None:
    for module, name in UNIONS.items():
        ours = getattr(importlib.import_module(f"openai_oxide.types.realtime.{module}"), name)
        official = getattr(importlib.import_module(f"openai.types.realtime.{module}"), name)
        assert sorted(m.__name__ for m in ours.__args__) == sorted(
            m.__name__ for m in official.__args__
        )


async def test_a_response_input_by_item_reference_is_sent_as_it_is(fake: FakeOpenAI) -> None:
    from openai_oxide.types.realtime.realtime_response_create_params_with_references_param import (
        RealtimeResponseCreateParamsWithReferencesParam,
    )

    response: RealtimeResponseCreateParamsWithReferencesParam = {
        "conversation": "none",
        "output_modalities": ["text"],
        "input": [
            {"type": "item_reference", "id": "item_12345"},
            {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "Summarize the above in one line."}],
            },
        ],
    }
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        async with client.realtime.connect(model="gpt-realtime") as conn:
            await conn.response.create(response=response)
            async for event in conn:  # the fake has read it once it answers
                if event.type == "response.done":
                    break
        sent = [e.json for e in fake.journal if e.path == "/v1/realtime"]
    assert sent == [{"type": "response.create", "response": response}]


async def test_a_typed_session_update_is_sent_as_it_is(fake: FakeOpenAI) -> None:
    session: RealtimeSessionCreateRequestParam = {
        "type": "realtime",
        "instructions": "Be brief.",
        "output_modalities": ["text"],
    }
    async with AsyncOpenAI(api_key=API_KEY, base_url=fake.url) as client:
        async with client.realtime.connect(model="gpt-realtime") as conn:
            await conn.session.update(session=session)
            async for event in conn:
                if event.type == "session.updated":
                    break
        sent = [e.json for e in fake.journal if e.path == "/v1/realtime"]
    assert sent == [{"type": "session.update", "session": session}]
    assert event.session.instructions == "Be brief."


SNIPPET = """\
from {mod} import {Client}
from {mod}.types.realtime import RealtimeClientEventParam, SessionUpdateEventParam
from {mod}.types.realtime.conversation_item_param import ConversationItemParam
from {mod}.types.realtime.connect_client_event_param import ConnectClientEventParam
from {mod}.types.realtime.realtime_tools_config_param import RealtimeToolsConfigParam
from {mod}.types.realtime.response_item_reference_param import ResponseItemReferenceParam
from {mod}.types.realtime.client_secret_create_response import ClientSecretCreateResponse
from {mod}.types.beta.realtime.transcription_session import TranscriptionSession
from {mod}.types.realtime.realtime_transcription_session_create_response import (
    RealtimeTranscriptionSessionCreateResponse,
)
from {mod}.types.realtime.realtime_session_create_request_param import (
    RealtimeSessionCreateRequestParam,
)


{async_}def main(client: {Client}) -> None:
    # the answers' classes at their official paths: one class, whichever path names it
    secret = {aw}client.realtime.client_secrets.create(session={{"type": "realtime"}})
    answer: ClientSecretCreateResponse = secret
    transcription = {aw}client.beta.realtime.transcription_sessions.create()
    beta: TranscriptionSession = transcription
    ga: RealtimeTranscriptionSessionCreateResponse = transcription  # WRONG
    {async_}with client.realtime.connect(model="gpt-realtime") as conn:
        session: RealtimeSessionCreateRequestParam = {{
            "type": "realtime",
            "instructions": "be brief",
            "output_modalities": ["text"],
        }}
        {aw}conn.session.update(session=session)
        {aw}conn.session.update(
            session={{
                "type": "realtime",
                "audio": {{"input": {{"turn_detection": {{"type": "server_vad"}}}}}},
            }}
        )
        item: ConversationItemParam = {{
            "type": "message",
            "role": "user",
            "content": [{{"type": "input_text", "text": "hi"}}],
        }}
        {aw}conn.conversation.item.create(item=item)
        {aw}conn.conversation.item.create(
            item={{"type": "function_call_output", "call_id": "c", "output": "{{}}"}}
        )
        {aw}conn.response.create(response={{"instructions": "short"}})
        {aw}conn.response.create()
        event: SessionUpdateEventParam = {{"type": "session.update", "session": session}}
        {aw}conn.send(event)
        {aw}conn.send({{"type": "input_audio_buffer.append", "audio": "AAAA"}})
        queued: list[RealtimeClientEventParam] = [event, {{"type": "response.cancel"}}]
        for one in queued:
            {aw}conn.send(one)
        {aw}conn.session.update(session={{"type": "realtime", "instructionz": "x"}})  # WRONG
        {aw}conn.conversation.item.create(item={{"type": "message", "role": "robot"}})  # WRONG
        {aw}conn.send({{"type": "response.create", "respons": {{}}}})  # WRONG
        {aw}conn.response.create(response={{"max_output_tokens": "all"}})  # WRONG
        tools: RealtimeToolsConfigParam = [
            {{"type": "function", "name": "lookup", "parameters": {{"type": "object"}}}},
            {{"type": "mcp", "server_label": "docs", "allowed_tools": {{"tool_names": ["a"]}}}},
        ]
        {aw}conn.session.update(session={{"type": "realtime", "tools": tools}})
        {aw}conn.response.create(
            response={{"input": [{{"type": "item_reference", "id": "item_1"}}, item]}}
        )
        ref: ResponseItemReferenceParam = {{"type": "item_reference", "id": "item_2"}}
        {aw}conn.send({{"type": "response.create", "response": {{"input": [ref]}}}})
        {aw}conn.response.create(response={{"input": [{{"type": "item_ref", "id": 1}}]}})  # WRONG
        {aw}conn.session.update(session={{"type": "realtime", "tools": [{{"name": 1}}]}})  # WRONG
    {async_}with client.realtime.translations.connect(model="gpt-realtime-translate") as tconn:
        close: ConnectClientEventParam = {{"type": "session.close"}}
        {aw}tconn.send(close)
        {aw}tconn.session.update(session={{"audio": {{"output": {{"language": "fr"}}}}}})
        {aw}tconn.send({{"type": "session.close", "evnt_id": "x"}})  # WRONG
        {aw}tconn.session.update(session={{"audio": {{"outptu": {{}}}}}})  # WRONG
"""


def _variant(mod: str, client: str, is_async: bool) -> str:
    return SNIPPET.format(
        mod=mod, Client=client, async_="async " if is_async else "", aw="await " if is_async else ""
    )


def test_mypy_accepts_official_style_sends_and_flags_the_wrong_fields_as_the_official(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variants = {
        "ours_async": _variant("openai_oxide", "AsyncOpenAI", True),
        "ours_sync": _variant("openai_oxide", "OpenAI", False),
        "official_async": _variant("openai", "AsyncOpenAI", True),
        "official_sync": _variant("openai", "OpenAI", False),
    }
    for name, text in variants.items():
        (tmp_path / f"{name}.py").write_text(text)
    wrong = {i + 1 for i, line in enumerate(SNIPPET.splitlines()) if line.endswith("# WRONG")}
    monkeypatch.setenv("MYPYPATH", str(REPO / "pkg"))
    limit = sys.getrecursionlimit()
    try:
        stdout, stderr, _ = api.run(
            [
                "--follow-imports=silent",
                "--no-error-summary",
                f"--cache-dir={REPO / '.mypy_cache' / 'reveal'}",
            ]
            + [str(tmp_path / f"{name}.py") for name in variants]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
    assert not stderr, stderr
    flagged: dict[str, set[int]] = {name: set() for name in variants}
    messages: dict[tuple[str, int], str] = {}
    for line in stdout.splitlines():
        if ": error:" in line:
            path, number, message = line.split(":", 2)
            flagged[Path(path).stem].add(int(number))
            messages[(Path(path).stem, int(number))] = message
    # Every wrong line is flagged, and nothing else, on ours as on the official package.
    assert flagged == dict.fromkeys(variants, wrong), stdout
    # and a wrong session reads as on the official: the session config under its official
    # name (`RealtimeSessionCreateRequestParam`, not the `calls.accept` body's alias)
    update = next(n for n in wrong if '"instructionz"' in SNIPPET.splitlines()[n - 1])
    for kind in ("async", "sync"):
        ours, official = messages[(f"ours_{kind}", update)], messages[(f"official_{kind}", update)]
        assert ours == official and "CallAcceptParams" not in ours, (ours, official)
