"""The five foundation workloads of the overhead benchmark, and the SDK runner that drives
ours and the official client through them. Stdlib only, so the same module runs natively
(bench_overhead.py, suite.py) and in Pyodide (suite.py on Node and in Chromium); each
target brings its own raw floor runner with `tiny`, `structured` and `stream`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

MODEL = "gpt-4.1-mini"
TINY: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Say hello"}]}
ToolCalls = list[tuple[str, str, str]]  # (id, name, joined arguments) by index
REQUEST_FIXTURE = "agent-session/request-320-messages.json"
STREAM_FIXTURE = "agent-session/chat-stream-114-chunks.json"
STREAM_CHUNKS = 114


def _catalog_schema(items: int) -> dict[str, Any]:
    """A strict json_schema whose deterministic instance is ~5 KB with `items` entries."""
    text = {"type": "string"}
    entry = {
        "type": "object",
        "properties": {
            "sku": {"type": "string", "format": "uuid"},
            "title": text,
            "city": text,
            "note": text,
            "price": {"type": "number"},
            "stock": {"type": "integer"},
            "active": {"type": "boolean"},
            "tags": {"type": "array", "items": text, "minItems": 3},
        },
        "required": ["sku", "title", "city", "note", "price", "stock", "active", "tags"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"items": {"type": "array", "items": entry, "minItems": items}},
        "required": ["items"],
        "additionalProperties": False,
    }


STRUCTURED: dict[str, Any] = {
    "model": MODEL,
    "input": "List the catalog.",
    "store": False,
    "text": {
        "format": {
            "type": "json_schema",
            "name": "catalog",
            "strict": True,
            "schema": _catalog_schema(27),
        }
    },
}


def join(calls: dict[int, list[str]], index: int, id_: Any, name: Any, args: Any) -> None:
    entry = calls.setdefault(index, ["", "", ""])
    entry[0] = id_ or entry[0]
    entry[1] = name or entry[1]
    entry[2] += args or ""


def ordered(calls: dict[int, list[str]]) -> ToolCalls:
    return [(c[0], c[1], c[2]) for _, c in sorted(calls.items())]


class SDKRunner:
    """Ours and the official client: same names, same calls."""

    def __init__(self, name: str, client: Any) -> None:
        self.name = name
        self.client = client

    async def tiny(self) -> str:
        completion = await self.client.chat.completions.create(**TINY)
        return str(completion.choices[0].message.content)

    async def structured(self) -> str:
        response = await self.client.responses.create(**STRUCTURED)
        return str(response.output_text)

    async def stream(self, body: dict[str, Any]) -> ToolCalls:
        calls: dict[int, list[str]] = {}
        stream = await self.client.chat.completions.create(**body)
        async for chunk in stream:
            for choice in chunk.choices:
                for tc in (choice.delta and choice.delta.tool_calls) or ():
                    fn = tc.function
                    join(calls, tc.index, tc.id, fn and fn.name, fn and fn.arguments)
        return ordered(calls)

    async def aclose(self) -> None:
        await self.client.close()


class Runner(Protocol):
    name: str

    async def tiny(self) -> str: ...
    async def structured(self) -> str: ...
    async def stream(self, body: dict[str, Any]) -> ToolCalls: ...


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    rounds: int
    quick_rounds: int
    op: Callable[[Runner], Awaitable[Any]]
    replay: bool = False


def workloads(agent: dict[str, Any]) -> list[Workload]:
    small_stream = {**TINY, "stream": True}

    async def twenty(runner: Runner) -> list[str]:
        return [await runner.tiny() for _ in range(20)]

    return [
        Workload("a", "tiny chat.completions.create", 1000, 100, lambda r: r.tiny()),
        Workload("b", "~5 KB structured responses.create", 1000, 100, lambda r: r.structured()),
        Workload(
            "c", "699 KB agent request, 114-chunk stream", 100, 10, lambda r: r.stream(agent), True
        ),
        Workload(
            "d", "114-chunk stream, small request", 400, 40, lambda r: r.stream(small_stream), True
        ),
        Workload("e", "20 sequential tiny calls", 100, 10, twenty),
    ]


def parse_fixtures(request: bytes, recorded: bytes) -> tuple[dict[str, Any], str, ToolCalls]:
    """The agent request, the recorded stream as an SSE body to replay, and its tool calls."""
    agent = json.loads(request)
    chunks = json.loads(recorded)["streamed_data"]
    replay = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
    calls: dict[int, list[str]] = {}
    for chunk in chunks:
        for choice in chunk["choices"]:
            for tc in choice["delta"].get("tool_calls") or ():
                fn = tc.get("function") or {}
                join(calls, tc["index"], tc.get("id"), fn.get("name"), fn.get("arguments"))
    return agent, replay, ordered(calls)


class Floor:
    """A raw floor: what a caller with no SDK does. Subclasses POST JSON (`_post`, the
    answer parsed) and stream (`stream`, through `floor_tool_calls`)."""

    name = "floor"

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        raise NotImplementedError

    async def tiny(self) -> str:
        data = await self._post("chat/completions", TINY)
        return str(data["choices"][0]["message"]["content"])

    async def structured(self) -> str:
        data = await self._post("responses", STRUCTURED)
        return "".join(
            part["text"]
            for item in data["output"]
            if item["type"] == "message"
            for part in item["content"]
            if part["type"] == "output_text"
        )


async def floor_tool_calls(
    pieces: AsyncIterator[bytes], loads: Callable[[bytes], Any]
) -> ToolCalls:
    """A floor's minimal SSE splitter: the chat stream's tool calls, joined by index."""
    calls: dict[int, list[str]] = {}
    rest = b""
    async for piece in pieces:
        *lines, rest = (rest + piece).split(b"\n")
        for line in lines:
            if not line.startswith(b"data:") or line[5:].strip() == b"[DONE]":
                continue
            for choice in loads(line[5:]).get("choices") or ():
                for tc in choice.get("delta", {}).get("tool_calls") or ():
                    fn = tc.get("function") or {}
                    join(calls, tc["index"], tc.get("id"), fn.get("name"), fn.get("arguments"))
    return ordered(calls)
