#!/usr/bin/env node
// The Workers-shaped check: worker/src/entry.py, hosted by worker_host.mjs (Pyodide 314 in
// Node), against the fake OpenAI server at BASE_URL. Faults are queued on the fake through its
// control API (POST /__fake__/faults), so the Worker itself carries no test hooks.
//
//   node worker/harness/check.mjs http://127.0.0.1:PORT/v1
//
// Prints one line per check and, last, "N passed, M failed". Exit status 0 iff all passed.
import assert from "node:assert/strict";
import { startWorker } from "./worker_host.mjs";

const BASE = process.argv[2];
if (!BASE) {
  process.stderr.write("usage: node worker/harness/check.mjs <fake-server-base-url>\n");
  process.exit(2);
}
const ORIGIN = new URL(BASE).origin;
const ENV = { OPENAI_API_KEY: "sk-worker-test", OPENAI_BASE_URL: BASE, OPENAI_MODEL: "gpt-4.1-mini" };
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

const url = (query) => `http://worker.example/?${new URLSearchParams(query)}`;
const get = (query) => worker.fetch(new Request(url(query)), ENV);
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

await check("json: ?mode=json answers the typed Response's output_text, the same text", async () => {
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
  const response = await worker.fetch(new Request("http://worker.example/"), ENV);
  assert.equal(response.status, 400);
  assert.ok((await response.json()).error.message);
  assert.equal((await fake.journal()).length, 0);
});

await check("POST: the body is the prompt", async () => {
  const response = await worker.fetch(
    new Request(url({ mode: "json" }), { method: "POST", body: PROMPT }),
    ENV,
  );
  assert.equal(response.status, 200);
  assert.equal((await response.json()).output_text, facts.text);
  assert.equal((await fake.journal())[0].json.input, PROMPT);
});

console.log(`facts ${JSON.stringify(facts)}`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
// Pending timers or sockets of the Pyodide side must not keep the process alive.
process.stdout.write("", () => process.exit(passed === results.length ? 0 : 1));
