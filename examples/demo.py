"""The demo: stream an answer, then run one tool call round trip.

Runs against the real API when OPENAI_API_KEY is set (model from OPENAI_MODEL, default
gpt-4.1-mini), and otherwise against the built-in fake OpenAI server, offline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import AsyncIterator

from openai_oxide import AsyncOpenAI

WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "strict": True,
}


def get_weather(city: str) -> dict[str, object]:
    return {"city": city, "temperature_c": 21, "sky": "clear"}


@contextlib.asynccontextmanager
async def openai_client() -> AsyncIterator[tuple[AsyncOpenAI, str]]:
    if os.environ.get("OPENAI_API_KEY"):
        async with AsyncOpenAI() as client:
            yield client, "the OpenAI API"
        return
    from openai_oxide.testing import FakeOpenAI

    async with (
        FakeOpenAI() as server,
        AsyncOpenAI(api_key="sk-fake", base_url=server.url) as client,
    ):
        yield client, f"the built-in fake server at {server.url}"


async def main() -> None:
    model = os.environ.get("OPENAI_MODEL", "gpt-4.1-mini")
    async with openai_client() as (client, where):
        print(f"openai-oxide demo on {where}, model {model}\n")

        print("1. Streaming an answer:")
        started = time.perf_counter()
        first_token: float | None = None
        stream = await client.responses.create(
            model=model, input="In one sentence, why do streaming APIs feel fast?", stream=True
        )
        async for event in stream:
            if event.type == "response.output_text.delta":
                first_token = first_token or time.perf_counter() - started
                print(event.delta, end="", flush=True)
            elif event.type == "response.completed":
                usage = event.response.usage
                tokens = usage.total_tokens if usage else "?"
                print(
                    f"\n   [first token after {1000 * (first_token or 0):.0f} ms,"
                    f" {tokens} tokens]\n"
                )

        print("2. A tool call round trip:")
        response = await client.responses.create(
            model=model, input="What is the weather in Paris?", tools=[WEATHER_TOOL]
        )
        outputs = []
        for item in response.output:
            if item.type == "function_call":
                args = json.loads(item.arguments)
                result = get_weather(**args)
                print(f"   model called {item.name}({args}) -> {result}")
                outputs.append(
                    {
                        "type": "function_call_output",
                        "call_id": item.call_id,
                        "output": json.dumps(result),
                    }
                )
        if not outputs:
            print("   the model answered without calling the tool:", response.output_text)
            return
        final = await client.responses.create(
            model=model, input=outputs, tools=[WEATHER_TOOL], previous_response_id=response.id
        )
        print(f"   answer: {final.output_text}")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
