#!/usr/bin/env node
// The Workers-shaped check: worker/src/entry.py, hosted by worker_host.mjs (Pyodide 314 in
// Node), against the fake OpenAI server at BASE_URL. Faults are queued on the fake through its
// control API (POST /__fake__/faults), so the Worker itself carries no test hooks.
//
//   node worker/harness/check.mjs http://127.0.0.1:PORT/v1
//
// Prints one line per check and, last, "N passed, M failed". Exit status 0 iff all passed.
import assert from "node:assert/strict";
import WebSocket from "ws";
import { startWorker } from "./worker_host.mjs";

const BASE = process.argv[2];
if (!BASE) {
  process.stderr.write("usage: node worker/harness/check.mjs <fake-server-base-url>\n");
  process.exit(2);
}
const ORIGIN = new URL(BASE).origin;
const DEMO_ORIGIN = "http://demo.example:8000";
const ENV = {
  OPENAI_API_KEY: "sk-worker-test",
  OPENAI_BASE_URL: BASE,
  OPENAI_MODEL: "gpt-4.1-mini",
  DEMO_ORIGIN,
  MAX_BODY_BYTES: "4096",
};
const PROMPT = "Say hello to the Worker";
const DELAY = 0.2; // seconds between SSE events, for the streaming checks

const fake = {
  reset: () => fetch(`${ORIGIN}/__fake__/reset`, { method: "POST" }),
  fault: (f) =>
    fetch(`${ORIGIN}/__fake__/faults`, {
      method: "POST",
      body: JSON.stringify({ match: "/responses", ...f }),
    }).then((r) => assert.equal(r.status, 200, "queue fault")),
  journal: () => fetch(`${ORIGIN}/__fake__/journal`).then((r) => r.json()),
};

/** Read a JS Response body chunk by chunk, with each chunk's arrival time (ms since t0). */
async function readChunks(response, t0, { stopAfter } = {}) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push({ at: performance.now() - t0, text: decoder.decode(value, { stream: true }) });
    if (stopAfter && stopAfter(chunks)) {
      // Go away while the Worker is waiting upstream for the next event (a pull in flight).
      await new Promise((resolve) => setTimeout(resolve, 50));
      await reader.cancel("client went away");
      break;
    }
  }
  return chunks;
}

/** SSE text -> [{event, data}] (the Worker writes one `event:` and one `data:` line each). */
function parseSSE(text) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const fields = Object.fromEntries(
        block.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
      );
      return { event: fields.event, data: JSON.parse(fields.data) };
    });
}

// The text route is called as curl would, with no Origin: that takes the explicit opt-in.
const CURL_ENV = { ...ENV, ALLOW_NO_ORIGIN: "1" };
const url = (query) => `http://worker.example/?${new URLSearchParams(query)}`;
const get = (query) => worker.fetch(new Request(url(query)), CURL_ENV);
const results = [];
const facts = {}; // shared between checks, and printed for the report
let worker;

async function check(name, fn) {
  const t0 = performance.now();
  try {
    await fake.reset();
    await fn();
    results.push(true);
    console.log(`ok   ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
  } catch (err) {
    results.push(false);
    console.log(`FAIL ${name}: ${err?.stack ?? err}`);
  }
}

const t0 = performance.now();
try {
  worker = await startWorker({ stderr: (line) => process.stderr.write(`[worker] ${line}\n`) });
  console.log(`worker started in ${worker.timings.startMs.toFixed(0)} ms ${JSON.stringify(worker.timings, (k, v) => (typeof v === "number" ? Math.round(v) : v))}`);
} catch (err) {
  console.log(`FAIL start worker: ${err?.stack ?? err}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

await check("stream: SSE deltas arrive one by one, in order, and add up to the final text", async () => {
  await fake.fault({ delay_between_events: DELAY });
  const t = performance.now();
  const response = await get({ q: PROMPT });
  const headersAt = performance.now() - t;
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/event-stream/);
  const chunks = await readChunks(response, t);
  const events = parseSSE(chunks.map((c) => c.text).join(""));
  const deltas = events.filter((e) => e.event === "delta").map((e) => e.data);
  const done = events.filter((e) => e.event === "done");
  assert.equal(done.length, 1, "one done event");
  assert.equal(events.at(-1).event, "done", "done comes last");
  assert.ok(deltas.length >= 5, `several deltas (got ${deltas.length})`);
  assert.equal(deltas.join(""), done[0].data.output_text, "deltas add up to output_text");
  assert.match(done[0].data.request_id, /^req_/);
  // Streamed, not buffered: each delta reached the caller in its own chunk, spread over time.
  const deltaChunks = chunks.filter((c) => c.text.includes("event: delta"));
  assert.equal(deltaChunks.length, deltas.length, "one body chunk per delta");
  const first = deltaChunks[0].at;
  const last = chunks.at(-1).at;
  const spread = (deltas.length - 1) * DELAY * 1000;
  assert.ok(last - first >= 0.5 * spread, `first delta ${first.toFixed(0)} ms, last chunk ${last.toFixed(0)} ms: expected >= ${(0.5 * spread).toFixed(0)} ms apart`);
  const journal = await fake.journal();
  assert.equal(journal.length, 1);
  assert.equal(journal[0].json.stream, true);
  assert.equal(journal[0].headers.authorization, `Bearer ${ENV.OPENAI_API_KEY}`);
  Object.assign(facts, {
    text: done[0].data.output_text,
    deltas: deltas.length,
    headersMs: Math.round(headersAt),
    firstDeltaMs: Math.round(first),
    lastChunkMs: Math.round(last),
  });
});

await check("json: ?mode=json answers the Response's output_text, the same text", async () => {
  const streamed = parseSSE(await (await get({ q: PROMPT })).text()).at(-1);
  assert.equal(streamed.event, "done");
  await fake.reset();
  const response = await get({ q: PROMPT, mode: "json" });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  const body = await response.json();
  assert.match(body.id, /^resp_/);
  assert.equal(body.model, ENV.OPENAI_MODEL);
  assert.ok(body.output_text.length > 0);
  assert.equal(body.output_text, streamed.data.output_text);
  facts.text ??= body.output_text;
  const journal = await fake.journal();
  assert.equal(journal.length, 1);
  assert.ok(!journal[0].json.stream);
});

for (const mode of ["stream", "json"]) {
  await check(`error (${mode}): upstream 500 + x-should-retry:false -> 502 naming the upstream request id, no retry`, async () => {
    await fake.fault({ status: 500, headers: { "x-should-retry": "false" } });
    const response = await get(mode === "json" ? { q: PROMPT, mode } : { q: PROMPT });
    assert.equal(response.status, 502);
    assert.match(response.headers.get("content-type"), /^application\/json/);
    const { error } = await response.json();
    const journal = await fake.journal();
    assert.equal(journal.length, 1, "x-should-retry: false means one attempt");
    assert.equal(error.type, "InternalServerError");
    assert.equal(error.upstream_status, 500);
    assert.equal(error.request_id, journal[0].request_id);
    assert.equal(response.headers.get("x-upstream-request-id"), journal[0].request_id);
    assert.ok(error.message.length > 0);
  });
}

await check("error mid-stream: a dropped upstream becomes a final `error` event after the deltas", async () => {
  // Spaced out: a fetch body that errors discards the chunks still queued in it (WHATWG
  // Streams: erroring a stream resets its queue), so events that arrive together with the
  // drop may never reach a reader that was busy; measured 5 of 30 runs without the spacing.
  await fake.fault({ drop_after_events: 6, delay_between_events: 0.05 });
  const response = await get({ q: PROMPT });
  assert.equal(response.status, 200, "the status was sent before the drop");
  const events = parseSSE(await response.text());
  const last = events.at(-1);
  assert.equal(last.event, "error");
  assert.equal(last.data.error.type, "APIConnectionError");
  const deltas = events.filter((e) => e.event === "delta");
  assert.equal(deltas.length, 2, "the 2 deltas before the drop reached the caller");
  assert.ok(!events.some((e) => e.event === "done"));
});

await check("cancel: a caller that goes away aborts the upstream request (journal: disconnected)", async () => {
  await fake.fault({ delay_between_events: DELAY });
  const t = performance.now();
  const response = await get({ q: PROMPT });
  const chunks = await readChunks(response, t, { stopAfter: (cs) => cs.some((c) => c.text.includes("event: delta")) });
  assert.ok(chunks.length >= 1);
  let entry;
  for (let i = 0; i < 40; i++) {
    [entry] = await fake.journal();
    if (entry?.disconnected) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(entry?.disconnected, `upstream request not aborted: ${JSON.stringify(entry && { completed: entry.completed, disconnected: entry.disconnected })}`);
  assert.ok(!entry.completed, "the server had not finished sending");
});

await check("bad request: no prompt -> 400 from the Worker, nothing sent upstream", async () => {
  const response = await worker.fetch(new Request("http://worker.example/"), CURL_ENV);
  assert.equal(response.status, 400);
  assert.ok((await response.json()).error.message);
  assert.equal((await fake.journal()).length, 0);
});

await check("POST: the body is the prompt", async () => {
  const response = await worker.fetch(
    new Request(url({ mode: "json" }), { method: "POST", body: PROMPT }),
    CURL_ENV,
  );
  assert.equal(response.status, 200);
  assert.equal((await response.json()).output_text, facts.text);
  assert.equal((await fake.journal())[0].json.input, PROMPT);
});

// -- the demo's proxy routes (proxy.py, agent.py) ------------------------------------------

const post = (path, body, { origin = DEMO_ORIGIN, type = "application/json", method = "POST" } = {}) => {
  const headers = { "content-type": type };
  if (origin) headers.origin = origin;
  const init = { method, headers };
  if (method !== "GET" && method !== "OPTIONS" && body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  return worker.fetch(new Request(`http://worker.example${path}`, init), ENV);
};

/** The Worker's answer must never carry the key, in headers or body. */
async function noKey(response) {
  const text = await response.text();
  assert.ok(!text.includes(ENV.OPENAI_API_KEY), `the key leaked in the body: ${text.slice(0, 300)}`);
  for (const [name, value] of response.headers) assert.ok(!value.includes(ENV.OPENAI_API_KEY), `the key leaked in ${name}`);
  return text;
}

await check("chat: POST /v1/chat streams the upstream Responses events as SSE, CORS for the demo origin", async () => {
  await fake.fault({ delay_between_events: 0.02 });
  const response = await post("/v1/chat", { input: PROMPT, instructions: "Be brief." });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/event-stream/);
  assert.equal(response.headers.get("access-control-allow-origin"), DEMO_ORIGIN);
  const chunks = await readChunks(response, performance.now());
  assert.ok(chunks.length > 5, `streamed in pieces (got ${chunks.length} chunks)`);
  const events = parseSSE(chunks.map((c) => c.text).join(""));
  assert.equal(events[0].event, "response.created");
  assert.equal(events.at(-1).event, "response.completed");
  for (const e of events) assert.equal(e.data.type, e.event);
  const text = events.filter((e) => e.event === "response.output_text.delta").map((e) => e.data.delta).join("");
  assert.equal(text, facts.text, "the same answer as the text route");
  const [entry] = await fake.journal();
  assert.equal(entry.json.model, ENV.OPENAI_MODEL);
  assert.equal(entry.json.instructions, "Be brief.");
  assert.equal(entry.json.stream, true);
  assert.equal(entry.headers.authorization, `Bearer ${ENV.OPENAI_API_KEY}`, "the key comes from the secret");
  assert.ok(!chunks.some((c) => c.text.includes(ENV.OPENAI_API_KEY)));
});

await check("chat: an upstream 401 quoting the key -> 502 without the key; another error's message is scrubbed", async () => {
  const quoting = { error: { message: `Incorrect API key provided: ${ENV.OPENAI_API_KEY}.`, type: "invalid_request_error", code: "invalid_api_key" } };
  await fake.fault({ status: 401, body: quoting });
  let response = await post("/v1/chat", { input: PROMPT });
  assert.equal(response.status, 502);
  let body = JSON.parse(await noKey(response));
  assert.equal(body.error.type, "AuthenticationError");
  assert.equal(body.error.upstream_status, 401);
  await fake.fault({ status: 400, body: { error: { ...quoting.error, code: "bad" } } });
  response = await post("/v1/chat", { input: PROMPT });
  assert.equal(response.status, 502);
  body = JSON.parse(await noKey(response));
  assert.match(body.error.message, /\[redacted\]/);
});

await check("CORS: the demo origin's preflight is answered; another origin is refused before anything is sent", async () => {
  let response = await post("/v1/agent", undefined, { method: "OPTIONS" });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get("access-control-allow-origin"), DEMO_ORIGIN);
  assert.equal(response.headers.get("access-control-allow-methods"), "POST");
  assert.match(response.headers.get("access-control-allow-headers"), /content-type/);
  for (const method of ["OPTIONS", "POST"]) {
    response = await post("/v1/chat", { input: PROMPT }, { origin: "https://evil.example", method });
    assert.equal(response.status, 403, method);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal((await response.json()).error.type, "origin_not_allowed");
  }
  assert.equal((await fake.journal()).length, 0);
});

await check("origin: a request without Origin is refused unless ALLOW_NO_ORIGIN opts in; nothing sent upstream", async () => {
  for (const [path, method, body] of [["/v1/chat", "POST", { input: PROMPT }], ["/", "GET"], ["/v1/agent", "OPTIONS"]]) {
    const response = await post(path, body, { origin: null, method });
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal((await response.json()).error.type, "origin_required");
  }
  assert.equal((await fake.journal()).length, 0);
  const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: PROMPT }) };
  const response = await worker.fetch(new Request("http://worker.example/v1/chat", init), CURL_ENV);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), null);
  assert.equal(parseSSE(await noKey(response)).at(-1).event, "response.completed");
});

await check("config: a variable that is not a whole number -> 500 naming it; nothing sent upstream", async () => {
  for (const name of ["MAX_BODY_BYTES", "REALTIME_SECRET_TTL"]) {
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: PROMPT }) };
    const response = await worker.fetch(new Request("http://worker.example/v1/chat", init), { ...CURL_ENV, [name]: "4k" });
    assert.equal(response.status, 500, name);
    const error = (await response.json()).error;
    assert.equal(error.type, "worker_misconfigured");
    assert.match(error.message, new RegExp(`${name} must be a whole number, not '4k'`));
  }
  assert.equal((await fake.journal()).length, 0);
});

await check("4xx: bad JSON, wrong type, too large, wrong method, unknown route, bad fields; nothing sent upstream", async () => {
  const cases = [
    [() => post("/v1/chat", "{not json"), 400, "invalid_json"],
    [() => post("/v1/chat", "[1, 2]"), 400, "invalid_json"],
    [() => post("/v1/chat", "input=hi", { type: "application/x-www-form-urlencoded" }), 415, "unsupported_media_type"],
    [() => post("/v1/chat", { input: "x".repeat(5000) }), 413, "body_too_large"],
    [() => post("/v1/chat", undefined, { method: "GET" }), 405, "method_not_allowed"],
    [() => post("/v1/nope", { input: PROMPT }), 404, "not_found"],
    [() => post("/v1/chat", {}), 400, "invalid_request"],
    [() => post("/v1/chat", { input: "" }), 400, "invalid_request"],
    [() => post("/v1/chat", { input: PROMPT, model: "gpt-5-pro" }), 400, "invalid_request"],
    [() => post("/v1/agent", { input: PROMPT, transport: "carrier-pigeon" }), 400, "invalid_request"],
  ];
  for (const [send, status, type] of cases) {
    const response = await send();
    const text = await noKey(response);
    assert.equal(response.status, status, `${type}: ${text}`);
    assert.match(response.headers.get("content-type"), /^application\/json/);
    const { error } = JSON.parse(text);
    assert.equal(error.type, type);
    assert.ok(error.message.length > 10, "an actionable message");
    if (status === 405) assert.equal(response.headers.get("allow"), "POST");
  }
  assert.equal((await fake.journal()).length, 0);
});

/** Run /v1/agent and return its timeline events. */
async function agent(transport) {
  const response = await post("/v1/agent", { input: "Weather and time in Paris?", transport });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), DEMO_ORIGIN);
  return parseSSE(await noKey(response));
}

function checkTimeline(events, transport) {
  const done = events.at(-1);
  assert.equal(done.event, "done", JSON.stringify(events.at(-1)));
  assert.equal(done.data.transport, transport);
  assert.equal(done.data.turns, 2);
  assert.ok(done.data.output_text.length > 0);
  const first = events.filter((e) => e.data.turn === 1);
  const calls = first.filter((e) => e.event === "tool_call").map((e) => e.data);
  assert.deepEqual(calls.map((c) => c.name).sort(), ["get_time", "get_weather"]);
  const starts = first.filter((e) => e.event === "tool_start").map((e) => e.data);
  const end = first.find((e) => e.event === "stream_end").data.t;
  assert.equal(starts.length, 2);
  // Early parse: the first tool started before the model's stream of that turn ended.
  assert.ok(Math.min(...starts.map((s) => s.t)) < end, `tool starts ${starts.map((s) => s.t)} vs stream end ${end}`);
  // Each local tool ran on its call's parsed arguments.
  for (const done of first.filter((e) => e.event === "tool_done").map((e) => e.data)) {
    const call = calls.find((c) => c.call_id === done.call_id);
    assert.equal(done.output.city, call.arguments.city);
  }
  return { starts: starts.map((s) => s.t), end };
}

await check("agent (websocket): tools start before the stream ends; turns go over one upstream WebSocket", async () => {
  await fake.fault({ match: "ws:", delay_between_events: 0.03 });
  const timeline = checkTimeline(await agent("websocket"), "websocket");
  const journal = await fake.journal();
  const turns = journal.filter((e) => e.method === "WS");
  assert.equal(turns.length, 2, "two turns, as WebSocket messages");
  assert.equal(new Set(turns.map((e) => e.request_id)).size, 1, "one socket");
  assert.ok(turns[1].json.previous_response_id, "the second turn is chained");
  assert.equal(turns[1].json.input[0].type, "function_call_output");
  assert.equal(journal.filter((e) => e.method === "POST").length, 0, "no HTTP calls");
  facts.agentWebSocket = timeline;
});

await check("agent (http): the same loop over HTTP streams chained by previous_response_id", async () => {
  await fake.fault({ delay_between_events: 0.03 });
  const timeline = checkTimeline(await agent("http"), "http");
  const posts = (await fake.journal()).filter((e) => e.method === "POST");
  assert.equal(posts.length, 2);
  assert.ok(posts[1].json.previous_response_id.startsWith("resp_"));
  assert.equal(posts[0].json.previous_response_id, undefined, "the first turn is not chained");
  facts.agentHttp = timeline;
});

await check("agent: an upstream failure mid-loop ends the timeline with an error event", async () => {
  await fake.fault({ status: 500, headers: { "x-should-retry": "false" } });
  const events = await agent("http");
  const last = events.at(-1);
  assert.equal(last.event, "error");
  assert.equal(last.data.error.type, "InternalServerError");
  assert.equal(last.data.error.upstream_status, 500);
});

// -- the Realtime client secret route (realtime_secret.py) ---------------------------------

/** What a page does with the minted secret: the browser WebSocket API's subprotocols (it cannot
 * set headers), one text turn; resolves to the server events up to `response.done`. */
function pageTurn(secret, text) {
  const socket = new WebSocket(`${BASE.replace(/^http/, "ws")}/realtime?model=gpt-realtime`, [
    "realtime",
    `openai-insecure-api-key.${secret}`,
  ]);
  const events = [];
  return new Promise((resolve, reject) => {
    socket.on("unexpected-response", (_, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    socket.on("error", reject);
    socket.on("open", () => {
      const content = [{ type: "input_text", text }];
      socket.send(JSON.stringify({ type: "conversation.item.create", item: { type: "message", role: "user", content } }));
      socket.send(JSON.stringify({ type: "response.create" }));
    });
    socket.on("message", (data) => {
      const event = JSON.parse(String(data));
      events.push(event);
      if (event.type === "error") reject(new Error(JSON.stringify(event)));
      if (event.type === "response.done") {
        socket.close();
        resolve(events);
      }
    });
  });
}

await check("realtime secret: the Worker mints an ek_ secret with its key; a page runs a text turn with it", async () => {
  const response = await post("/v1/realtime/client_secret", { session: { instructions: "Be brief." } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), DEMO_ORIGIN);
  assert.equal(response.headers.get("cache-control"), "no-store");
  const secret = JSON.parse(await noKey(response));
  assert.deepEqual(Object.keys(secret).sort(), ["expires_at", "value"], "only the secret and its expiry");
  assert.match(secret.value, /^ek_[0-9a-f]+$/);
  assert.ok(secret.expires_at > Date.now() / 1000);
  const [minted] = await fake.journal();
  assert.equal(minted.path, "/v1/realtime/client_secrets");
  assert.equal(minted.headers.authorization, `Bearer ${ENV.OPENAI_API_KEY}`);
  assert.deepEqual(minted.json.session, { instructions: "Be brief.", type: "realtime", model: "gpt-realtime" });
  assert.deepEqual(minted.json.expires_after, { anchor: "created_at", seconds: 120 });
  const events = await pageTurn(secret.value, "Hello from the page");
  const text = events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta).join("");
  assert.equal(events.at(-1).response.status, "completed");
  assert.ok(text.includes("Hello from the page"), text);
  const turn = (await fake.journal()).filter((e) => e.path === "/v1/realtime");
  assert.ok(turn.length >= 2 && turn.every((e) => e.headers.authorization === undefined), "no header credential");
  assert.ok(turn[0].headers["sec-websocket-protocol"].includes(secret.value));
  // The fake checks keys (test.sh gives it the Worker's): a secret it never minted is refused.
  await assert.rejects(pageTurn("ek_forged", "hi"), /handshake refused: 401/);
});

await check("realtime secret: an upstream 429 is passed through, a 401 quoting the key or a secret-less answer -> 502, no key", async () => {
  const match = "/realtime/client_secrets";
  await fake.fault({ match, status: 429, headers: { "x-should-retry": "false" } });
  let response = await post("/v1/realtime/client_secret", {});
  assert.equal(response.status, 429);
  assert.equal(JSON.parse(await noKey(response)).error.upstream_status, 429);
  const quoting = { error: { message: `Incorrect API key provided: ${ENV.OPENAI_API_KEY}.`, type: "invalid_request_error", code: "invalid_api_key" } };
  await fake.fault({ match, status: 401, body: quoting });
  response = await post("/v1/realtime/client_secret", {});
  assert.equal(response.status, 502);
  assert.equal(JSON.parse(await noKey(response)).error.type, "AuthenticationError");
  await fake.fault({ match, status: 200, body: ["not", "a", "secret"] });
  response = await post("/v1/realtime/client_secret", {});
  assert.equal(response.status, 502);
  assert.equal(JSON.parse(await noKey(response)).error.type, "bad_upstream_answer");
});

await check("realtime secret: no or another Origin, a session field not allowed, extra fields -> 4xx, nothing sent upstream", async () => {
  const cases = [
    [{}, { origin: null }, 403, "origin_required"],
    [{}, { origin: "https://evil.example" }, 403, "origin_not_allowed"],
    [{ session: { model: "gpt-realtime-large" } }, {}, 400, "invalid_request"],
    [{ session: { instructions: "x" }, extra: 1 }, {}, 400, "invalid_request"],
    [{ session: "x" }, {}, 400, "invalid_request"],
  ];
  for (const [body, options, status, kind] of cases) {
    const response = await post("/v1/realtime/client_secret", body, options);
    assert.equal(response.status, status, JSON.stringify(body));
    assert.equal(JSON.parse(await noKey(response)).error.type, kind);
  }
  assert.equal((await fake.journal()).length, 0);
});

console.log(`facts ${JSON.stringify(facts)}`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
// Pending timers or sockets of the Pyodide side must not keep the process alive.
process.stdout.write("", () => process.exit(passed === results.length ? 0 : 1));
