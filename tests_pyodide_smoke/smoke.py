# ruff: noqa: F704  (top-level await: this file runs through Pyodide's runPythonAsync)
# Smoke check of the offline Pyodide bundle (temporary; see tests_pyodide_smoke/run.sh).
#   node wasm_bridge/run_node.mjs tests_pyodide_smoke/smoke.py <fake-server-base-url>
# (or OXIDE_FAKE_URL in the environment). Runs unchanged in a browser page (wasm_bridge/index.html).
import sys
import time

assert sys.platform == "emscripten", sys.platform

T = {}
t = time.perf_counter()
import openai_oxide  # noqa: E402, F401

T["import openai_oxide"] = time.perf_counter() - t
t = time.perf_counter()
import openai_oxide.types.responses as rtypes  # noqa: E402

T["import openai_oxide.types.responses"] = time.perf_counter() - t
t = time.perf_counter()
parse_event = rtypes.parse_response_stream_event  # lazy: loads the event models + pydantic
T["first use of types.responses (events module, pydantic)"] = time.perf_counter() - t
from openai_oxide._core import codec, sse  # noqa: E402

assert codec.NAME == "pydantic-core", codec.NAME
assert "httpx" not in sys.modules and "orjson" not in sys.modules

# 1. A Responses event through the typed models.
t = time.perf_counter()
ev = parse_event(
    b'{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,'
    b'"content_index":0,"delta":"h\xc3\xa9llo","sequence_number":3,"logprobs":[]}'
)
T["first parse_response_stream_event"] = time.perf_counter() - t
assert type(ev).__name__ == "ResponseTextDeltaEvent", type(ev)
assert ev.delta == "héllo" and ev.sequence_number == 3

# 2. The sans-I/O SSE decoder, fed a stream cut inside an event and inside a UTF-8 character.
raw = 'event: response.output_text.delta\ndata: {"delta": "é"}\n\ndata: [DONE]\n\n'.encode()
cut = raw.index("é".encode()) + 1
dec = sse.SSEDecoder()
events = dec.feed(raw[:7]) + dec.feed(raw[7:cut]) + dec.feed(raw[cut:]) + dec.feed_eof()
assert [e.event for e in events] == ["response.output_text.delta", None], events
assert events[0].json() == {"delta": "é"} and events[1].data == "[DONE]"

import pyodide.ffi  # noqa: E402

print("imports and parsing ok; codec =", codec.NAME, "; JSPI:", pyodide.ffi.can_run_sync())
for k, v in T.items():
    print(f"  {k}: {v * 1000:.1f} ms")


# 3. js.fetch against the fake server on the host, body read with the ReadableStream reader.
import os  # noqa: E402

import js  # noqa: E402
from pyodide.ffi import to_js  # noqa: E402

for name in ("fetch", "ReadableStream", "AbortController", "WebSocket", "Headers", "Response"):
    assert hasattr(js, name), f"js.{name} is missing"

base = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OXIDE_FAKE_URL")
if not base:
    print("no fake server URL given: skipping the fetch checks")
    raise SystemExit(0)
base = base.rstrip("/")


def js_obj(d):
    return to_js(d, dict_converter=js.Object.fromEntries)


async def read_all(resp):
    reader = resp.body.getReader()
    chunks = []
    while True:
        r = await reader.read()
        if r.done:
            break
        chunks.append(r.value.to_bytes())
    return chunks


t = time.perf_counter()
resp = await js.fetch(f"{base}/models", js_obj({"headers": {"Authorization": "Bearer x"}}))
chunks = await read_all(resp)
body = b"".join(chunks)
print(
    f"GET /models -> {resp.status} {resp.headers.get('content-type')}, {len(body)} bytes in "
    f"{len(chunks)} chunk(s), {(time.perf_counter() - t) * 1000:.1f} ms"
)
assert resp.status == 200, body[:300]
models = codec.loads(body)
assert models["object"] == "list" and models["data"], models

# 4. A streamed Responses call: bytes body, SSE decoded chunk by chunk, typed events.
ctrl = js.AbortController.new()
payload = codec.dumps({"model": "gpt-4o", "input": "Say hello", "stream": True})
t = time.perf_counter()
resp = await js.fetch(
    f"{base}/responses",
    js_obj(
        {
            "method": "POST",
            "headers": {"Authorization": "Bearer x", "Content-Type": "application/json"},
            "body": to_js(payload),
            "signal": ctrl.signal,
        }
    ),
)
assert resp.status == 200, resp.status
reader = resp.body.getReader()
dec = sse.SSEDecoder()
typed = []
first_event_ms = None
n_chunks = 0
while True:
    r = await reader.read()
    if r.done:
        break
    n_chunks += 1
    for e in dec.feed(r.value.to_bytes()):
        if first_event_ms is None:
            first_event_ms = (time.perf_counter() - t) * 1000
        if e.data != "[DONE]":
            typed.append(parse_event(e.data))
dec.feed_eof()
kinds = [type(e).__name__ for e in typed]
print(
    f"POST /responses stream -> {len(typed)} typed events in {n_chunks} chunk(s); first event "
    f"after {first_event_ms:.1f} ms; last = {typed[-1].type}"
)
assert typed[0].type == "response.created" and typed[-1].type == "response.completed", kinds
print("text:", "".join(e.delta for e in typed if e.type == "response.output_text.delta")[:80])

# 5. AbortController from Python aborts a fetch.
ctrl = js.AbortController.new()
ctrl.abort()
try:
    await js.fetch(
        f"{base}/models", js_obj({"headers": {"Authorization": "Bearer x"}, "signal": ctrl.signal})
    )
except Exception as exc:  # a JsException wrapping AbortError
    print("aborted fetch raised", type(exc).__name__, str(exc).splitlines()[0][:80])
else:
    raise AssertionError("an aborted fetch did not raise")

print("SMOKE OK")
