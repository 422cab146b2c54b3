// Drives wasm_bridge/oxide.mjs (the JS API) in Node against the fake server and prints one
// JSON object of observations on stdout; tests_browser/test_js_api.py asserts on them and on
// the fake's journal. Usage: node tests_browser/js_api_main.mjs BASE_URL
import * as api from "../wasm_bridge/oxide.mjs";

const baseURL = process.argv[2];
const MODEL = "gpt-4.1-mini";
const SECRET = "sk-js-api-test-secret-0123456789";
const fault = (spec) => ({ "x-fake-fault": JSON.stringify(spec) });
const out = { progress: [] };

async function caught(fn) {
  try {
    await fn();
    return null;
  } catch (err) {
    const classes = Object.entries(api).filter(([, c]) => c?.prototype instanceof Error || c === api.OxideError ? err instanceof c : false);
    return {
      name: err.name,
      message: err.message,
      stack: String(err.stack),
      status: err.status,
      requestId: err.requestId,
      type: err.type,
      code: err.code,
      pythonType: err.pythonType,
      isError: err instanceof Error,
      classes: classes.map(([name]) => name),
    };
  }
}

const oxide = await api.loadOxide({ onProgress: (p) => out.progress.push(p) });
const client = oxide.client({ apiKey: SECRET, baseURL, maxRetries: 0 });
out.badClient = await caught(async () => oxide.client({ apiKey: SECRET, baseURL, maxRetries: -1 }));
out.badTool = await caught(() => client.runAgent({ model: MODEL, input: "x" }, { tools: [{ run: () => 1 }] }));

out.text = await client.createText({ model: MODEL, input: "Hello from JS" });

out.events = [];
for await (const event of client.stream({ model: MODEL, input: "Stream me" })) out.events.push(event);

out.notFound = await caught(() =>
  client.create({
    model: MODEL,
    input: "x",
    extra_headers: fault({ status: 404, body: { error: { message: "No such model", type: "invalid_request_error", code: "model_not_found" } } }),
  }),
);
out.rateLimited = await caught(() =>
  client.createText({ model: MODEL, input: "x", extra_headers: fault({ status: 429, body: { error: { message: "Slow down", type: "requests", code: "rate_limit_exceeded" } } }) }),
);
out.badParams = await caught(() => client.create({ model: MODEL, input: "x", timeout: "soon" }));

// Abort: a request still waiting for its headers, and a stream mid-way.
const slow = new AbortController();
setTimeout(() => slow.abort(), 300);
out.abortCreate = await caught(() =>
  client.create({ model: MODEL, input: "abort-create", extra_headers: fault({ delay_before_headers: 5 }) }, { signal: slow.signal }),
);
const mid = new AbortController();
out.abortStreamSeen = [];
out.abortStream = await caught(async () => {
  const stream = client.stream(
    { model: MODEL, input: "abort-stream", extra_headers: fault({ delay_between_events: 0.3 }) },
    { signal: mid.signal },
  );
  for await (const event of stream) {
    out.abortStreamSeen.push(event.type);
    if (out.abortStreamSeen.length === 2) mid.abort();
  }
});
out.preAborted = await caught(() => client.create({ model: MODEL, input: "never" }, { signal: AbortSignal.abort() }));

const ws = await client.wsSession({ model: MODEL });
out.wsTurns = [];
for (let i = 0; i < 3; i++) {
  const r = await ws.send(`turn ${i}`);
  out.wsTurns.push({ id: r.id, previous: r.previous_response_id, text: r.output_text });
}
await ws.close();

// Hedging: the first copy gets a 5 s wait before its headers, the copy 100 ms later does not.
await fetch(new URL("/__fake__/faults", baseURL), {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ delay_before_headers: 5, match: "/responses", times: 1 }),
});
const t0 = performance.now();
out.hedged = await client.hedged({ model: MODEL, input: "hedge me" }, { delay: 100 });
out.hedgedMs = performance.now() - t0;

out.agentEvents = [];
out.agent = await client.runAgent(
  { model: MODEL, input: "What is the weather and the time in Paris?" },
  {
    tools: [
      { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, run: async ({ city }) => ({ city, temp_c: 21 }) },
      { name: "get_time", description: "Local time in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, run: async () => "12:00" },
    ],
    onEvent: (e) => out.agentEvents.push({ kind: e.kind, name: e.name ?? null, type: e.event?.type ?? null, at: e.at }),
  },
);
await client.close();
console.log(JSON.stringify(out));
process.exit(0);
