"""Every recorded chat chunk parses into `ChatCompletionChunk`, losslessly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openai_oxide.types.chat import ChatCompletion, ChatCompletionChunk
from openai_oxide.types.chat.chunk_parsing import parse_chat_completion_chunk

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
if not FIXTURES.is_dir():
    pytest.skip(f"shared fixtures not found at {FIXTURES}", allow_module_level=True)


def chat_chunk_payloads() -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for path in sorted((FIXTURES / "chat-streams").glob("*.bin")):
        for n, line in enumerate(path.read_bytes().splitlines()):
            if line.startswith(b"data:") and line[5:].strip() != b"[DONE]":
                out.append((f"{path.name[:12]}:{n}", line[5:].strip()))
    for path in sorted((FIXTURES / "responses-streams" / "chat").glob("*.chunks.txt")):
        for n, line in enumerate(path.read_bytes().splitlines()):
            if line.strip():
                out.append((f"{path.name}:{n}", line.strip()))
    agent = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    for n, chunk in enumerate(agent["streamed_data"]):
        out.append((f"agent:{n}", json.dumps(chunk).encode()))
    return out


def test_every_chat_chunk_round_trips() -> None:
    payloads = chat_chunk_payloads()
    assert len(payloads) > 114
    for label, data in payloads:
        chunk = parse_chat_completion_chunk(data)
        assert isinstance(chunk, ChatCompletionChunk), label
        assert chunk.model_dump(exclude_unset=True, by_alias=True) == json.loads(data), label


def test_agent_stream_reassembles_tool_calls() -> None:
    agent = json.loads((FIXTURES / "agent-session" / "chat-stream-114-chunks.json").read_bytes())
    chunks = [parse_chat_completion_chunk(json.dumps(c)) for c in agent["streamed_data"]]
    assert len(chunks) == 114
    finish = [c.finish_reason for ch in chunks for c in ch.choices or () if c.finish_reason]
    assert finish and finish[-1] == "tool_calls"
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.prompt_tokens == agent["usage"]["prompt_tokens"]


def test_chat_completion_unknown_fields_and_values_kept() -> None:
    raw = {
        "id": "c1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "brand_new_reason",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "reasoning_content": "hmm",
                    "tool_calls": [
                        {
                            "id": "t",
                            "type": "function",
                            "function": {"name": "f", "arguments": "{}"},
                        },
                        {"id": "u", "type": "teleport", "where": "mars"},
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3, "x": 1},
    }
    done = ChatCompletion.model_validate_json(json.dumps(raw).encode())
    assert done.to_dict() == raw
    choice = done.choices[0]  # type: ignore[index]
    assert choice.finish_reason == "brand_new_reason"
    calls = choice.message.tool_calls  # type: ignore[union-attr]
    assert type(calls[0]).__name__ == "ChatCompletionMessageFunctionToolCall"  # type: ignore[index]
    assert type(calls[1]).__name__ == "UnknownChatCompletionMessageToolCallUnion"  # type: ignore[index]
