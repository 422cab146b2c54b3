"""A resource group builds no model class when it is first touched: each method imports the
models it parses into when it runs (scripts/gen/resources/emit.py). Under Pyodide a model
class costs ~2 ms to build, and `client.responses` built 263 of them (the 58 stream events
and `compact`'s included) before its first `create`, which needs only `Response`'s."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import asyncio, json, sys
from openai_oxide import AsyncOpenAI, MockResponse, MockTransport
BODY = {"id": "resp_1", "object": "response", "created_at": 1, "status": "completed",
        "model": "m", "output": []}
client = AsyncOpenAI(api_key="k", base_url="http://x.invalid/v1",
                     transport=MockTransport(lambda request: MockResponse.json(BODY)))
def loaded():
    return sorted(m for m in sys.modules if m.startswith("openai_oxide.types.responses."))
client.responses, client.responses.input_items, client.responses.input_tokens
touched = loaded()
response = asyncio.run(client.responses.create(model="m", input="hi"))
print(json.dumps([touched, loaded(), response.id]))
"""


def test_responses_loads_its_models_with_the_call_that_needs_them() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    touched, called, response_id = json.loads(out.stdout)
    assert response_id == "resp_1"
    assert touched == [], touched
    assert "openai_oxide.types.responses.response" in called
    for deferred in ("events", "compacted_response", "items", "input_tokens"):
        assert f"openai_oxide.types.responses.{deferred}" not in called, called
