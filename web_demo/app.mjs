// The web demo: boots Pyodide and openai-oxide from the local bundle through the JS API
// (wasm_bridge/oxide.mjs) and runs four panels against the fake server, the real API (a key
// kept in page memory) or the demo's Worker (which holds the key).
//
// Query parameters (scripts/demo.sh passes the first two): api=<the fake's base URL>
// (default :8765 on this host, as `python -m openai_oxide.testing --port 8765`),
// worker=<the Worker's URL> (default :8787, `wrangler dev`'s), mode=fake|key|worker,
// model=<model>, autorun=chat and report=<URL> (the headless run of scripts/demo.sh).

import { loadOxide } from "../wasm_bridge/oxide.mjs";
import { barChart, timeline } from "./svg.mjs";
import { deltaOf, workerEvents } from "./worker_client.mjs";
import { createPageBrowser } from "./page_browser.mjs";

const $ = (sel) => document.querySelector(sel);
const query = new URLSearchParams(location.search);
const OPENAI = "https://api.openai.com/v1";

const state = {
  oxide: null,
  mode: query.get("mode") ?? "fake",
  apiURL: query.get("api") ?? `${location.protocol}//${location.hostname}:8765/v1`,
  workerURL: query.get("worker") ?? "http://127.0.0.1:8787",
  steps: {}, // load step -> ms
  chat: { deltas: [], error: null }, // the last chat's deltas ({at, delta}) for the report
  key: "", // the typed key: in this variable only (never stored, never sent but to OpenAI)
  model: query.get("model") ?? "gpt-4.1-mini",
};

window.oxideDemo = state; // for the console (and the tests): state.oxide is the JS API

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function setStatus(panel, text, cls = "") {
  const node = $(`#${panel} .status`);
  node.textContent = text;
  node.className = `status ${cls}`;
}

function errorText(err) {
  const extra = [err.status && `status ${err.status}`, err.requestId && `request ${err.requestId}`].filter(Boolean);
  return `${err.name}: ${err.message}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

// -- loading -------------------------------------------------------------------------------

const STEPS = { runtime: 0.55, wheels: 0.3, import: 0.15 }; // rough shares of the load time

async function boot() {
  const bar = $("#progress-bar");
  const list = $("#progress-steps");
  let done = 0;
  const t0 = performance.now();
  bar.classList.add("busy"); // moving stripes while a step runs; the width grows per step
  const show = (step, text) => {
    let li = list.querySelector(`[data-step="${step}"]`);
    if (!li) {
      li = document.createElement("li");
      li.dataset.step = step;
      list.append(li);
    }
    li.textContent = text;
  };
  state.oxide = await loadOxide({
    bundleURL: new URL("../dist/pyodide/", import.meta.url).href,
    onProgress: ({ step, phase, ms, detail }) => {
      if (phase === "start") {
        show(step, `${step}…`);
        bar.style.width = `${Math.round((done + (STEPS[step] ?? 0) / 3) * 100)}%`;
      }
      if (phase === "progress" && detail) show(step, `${step}: ${detail.slice(0, 80)}`);
      if (phase === "done") {
        state.steps[step] = ms;
        show(step, `${step}: ${fmt(ms)}`);
        done += STEPS[step] ?? 0;
        bar.style.width = `${Math.round(done * 100)}%`;
      }
    },
  });
  bar.style.width = "100%";
  bar.classList.remove("busy");
  $("#progress-total").textContent = `Ready in ${fmt(performance.now() - t0)}`;
  document.body.dataset.ready = "1";
  for (const button of document.querySelectorAll("button[data-needs-ready]")) button.disabled = false;
  applyMode();
}

// -- connection settings -------------------------------------------------------------------

let current = { options: null, client: null }; // one client per connection setting

function client() {
  let options = { baseURL: state.apiURL };
  if (state.mode === "key") {
    if (!state.key) throw new Error("Type an API key first (or use the fake server or the Worker).");
    options = { apiKey: state.key, baseURL: OPENAI, dangerouslyAllowBrowser: true };
  }
  if (JSON.stringify(options) !== JSON.stringify(current.options)) {
    current.client?.close();
    current = { options, client: state.oxide.client(options) };
  }
  return current.client;
}

const isFake = () => state.mode === "fake";

function applyMode() {
  for (const radio of document.querySelectorAll("input[name=mode]")) radio.checked = radio.value === state.mode;
  $("#key-row").hidden = state.mode !== "key";
  $("#api-row").hidden = state.mode !== "fake";
  $("#worker-row").hidden = state.mode !== "worker";
  $("#key-warning").hidden = !(state.mode === "key" && state.key);
  const viaWorker = state.mode === "worker";
  for (const id of ["ws-run", "hedge-run"]) {
    $(`#${id}`).disabled = !state.oxide || viaWorker;
  }
  $("#ws .worker-note").hidden = !viaWorker;
  $("#hedge .worker-note").hidden = !viaWorker;
}

function bindSettings() {
  $("#api-url").value = state.apiURL;
  $("#worker-url").value = state.workerURL;
  $("#model").value = state.model;
  for (const radio of document.querySelectorAll("input[name=mode]")) {
    radio.addEventListener("change", () => {
      state.mode = radio.value;
      applyMode();
    });
  }
  $("#api-url").addEventListener("change", (e) => (state.apiURL = e.target.value.trim()));
  $("#worker-url").addEventListener("change", (e) => (state.workerURL = e.target.value.trim()));
  $("#model").addEventListener("change", (e) => (state.model = e.target.value.trim()));
  $("#api-key").addEventListener("input", (e) => {
    state.key = e.target.value.trim();
    applyMode();
  });
  $("#forget-key").addEventListener("click", () => {
    state.key = "";
    current.client?.close();
    current = { options: null, client: null }; // drop the client that held the key
    $("#api-key").value = "";
    applyMode();
  });
}

// -- panel 1: streaming chat -----------------------------------------------------------------

let chatAbort = null;

async function runChat() {
  const out = $("#chat-output");
  const input = $("#chat-input").value.trim() || "Hello!";
  out.textContent = "";
  chatAbort = new AbortController();
  $("#chat-stop").disabled = false;
  $("#chat-send").disabled = true;
  const t0 = performance.now();
  let first = null;
  let chunks = 0;
  state.chat = { deltas: [], error: null };
  const onDelta = (delta) => {
    state.chat.deltas.push({ at: performance.now() - t0, delta });
    first ??= performance.now() - t0;
    chunks += 1;
    out.textContent += delta;
    setStatus("chat", `first token ${fmt(first)} · ${chunks} deltas`);
  };
  setStatus("chat", "waiting for the first token…");
  try {
    if (state.mode === "worker") {
      for await (const frame of workerEvents(state.workerURL, "/v1/chat", { input }, { signal: chatAbort.signal })) {
        const delta = deltaOf(frame);
        if (delta) onDelta(delta);
        if (frame.event === "error") throw new Error(frame.data?.error?.message ?? "the Worker reported an error");
      }
    } else {
      const params = { model: state.model, input };
      if (isFake()) params.extra_headers = { "x-fake-fault": JSON.stringify({ delay_between_events: 0.04 }) };
      for await (const event of client().stream(params, { signal: chatAbort.signal })) {
        if (event.type === "response.output_text.delta") onDelta(event.delta);
      }
    }
    setStatus("chat", `first token ${fmt(first ?? 0)} · ${chunks} deltas · done in ${fmt(performance.now() - t0)}`, "ok");
    document.body.dataset.chatDone = "1";
  } catch (err) {
    state.chat.error = errorText(err);
    setStatus("chat", err.name === "AbortError" ? "stopped: the request was aborted" : errorText(err), "error");
  } finally {
    $("#chat-stop").disabled = true;
    $("#chat-send").disabled = false;
  }
}

// -- panel 2: the agent loop and its timeline ----------------------------------------------------

const CITIES = { paris: 21, tokyo: 26, "new york": 18, berlin: 15 };
const pageBrowser = createPageBrowser();

const AGENT_TOOLS = [
  {
    name: "get_weather",
    description: "Current weather for a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    run: async ({ city }) => {
      await new Promise((r) => setTimeout(r, 120)); // a slow local lookup
      return { city, temp_c: CITIES[String(city).toLowerCase()] ?? 20, sky: "clear" };
    },
  },
  {
    name: "convert_currency",
    description: "Convert an amount between currencies.",
    parameters: {
      type: "object",
      properties: { amount: { type: "number" }, from: { type: "string" }, to: { type: "string" } },
      required: ["amount", "from", "to"],
    },
    run: async ({ amount, from, to }) => ({ amount, from, to, result: Math.round(Number(amount || 100) * 1.08 * 100) / 100 }),
  },
];

// With the in-page browser: one local tool plus the browser's members (the fake model
// calls at most three tools a turn).
const withBrowser = () => $("#agent-browser").checked;

/** The function call names by item id, from `response.output_item.added` events. */
function callName(names, e) {
  const item = e.event?.item;
  if (e.event?.type === "response.output_item.added" && item?.type === "function_call") names.set(item.id, item.name);
  return names.get(e.event?.item_id);
}

/** One row per function call (parsed mark, then the tool's run), one per stream. */
function drawTimeline(events, t0) {
  const rows = [];
  const lines = [];
  const names = new Map();
  let turn = 0;
  let turnStart = 0;
  for (const e of events) {
    const at = e.at - t0;
    const type = e.event?.type;
    const name = callName(names, e);
    if (type === "response.created") {
      turn += 1;
      turnStart = at;
    } else if (type === "response.completed") {
      rows.push({ label: `stream ${turn}`, spans: [{ from: turnStart, to: at, cls: "stream", title: `turn ${turn}: ${fmt(at - turnStart)}` }], marks: [] });
      lines.push({ at, label: `end ${turn}` });
    } else if (type === "response.function_call_arguments.done") {
      rows.push({ label: name ?? "call", spans: [], marks: [{ at, cls: "parsed", title: `${name} parsed at ${fmt(at)}` }] });
    } else if (e.kind === "tool_started") {
      let row = rows.find((r) => r.label === e.name && !r.spans.length);
      if (!row) rows.push((row = { label: e.name, spans: [], marks: [] }));
      row.spans.push({ from: at, to: at, cls: "tool", title: `${e.name} ran`, open: true });
    } else if (e.kind === "tool_finished") {
      const span = rows.flatMap((r) => (r.label === e.name ? r.spans : [])).find((s) => s.open);
      if (span) Object.assign(span, { to: at, open: false });
    }
  }
  timeline($("#agent-chart"), { rows, lines, label: "agent timeline" });
}

/**
 * The Worker's agent timeline (worker/src/agent.py: turn, tool_call, tool_start, tool_done,
 * stream_end, done, error; `t` in ms since the Worker got the request) as the JS API's
 * agent events, so both draw the same timeline. Returns the final answer.
 */
async function workerAgent(input, t0, onEvent) {
  const names = new Map(); // call_id -> tool name
  const at = (data) => t0 + (data.t ?? performance.now() - t0);
  const lifecycle = (type, data) => onEvent({ kind: "event", event: { type }, at: at(data) });
  for await (const { event, data } of workerEvents(state.workerURL, "/v1/agent", { input })) {
    if (event === "turn") lifecycle("response.created", data);
    else if (event === "stream_end") lifecycle("response.completed", data);
    else if (event === "tool_call") {
      names.set(data.call_id, data.name);
      const item = { type: "function_call", id: data.call_id, name: data.name };
      onEvent({ kind: "event", event: { type: "response.output_item.added", item }, at: at(data) });
      onEvent({ kind: "event", event: { type: "response.function_call_arguments.done", item_id: data.call_id }, at: at(data) });
    } else if (event === "tool_start") {
      onEvent({ kind: "tool_started", name: names.get(data.call_id), arguments: "(in the Worker)", at: at(data) });
    } else if (event === "tool_done") {
      onEvent({ kind: "tool_finished", name: names.get(data.call_id), at: at(data) });
    } else if (event === "error") {
      throw new Error(data?.error?.message ?? "the Worker reported an error");
    } else if (event === "done") {
      return { output_text: data.output_text, transport: data.transport };
    }
  }
  throw new Error("the Worker's stream ended without a done event");
}

async function runAgent() {
  const input = $("#agent-input").value.trim();
  const log = $("#agent-log");
  log.replaceChildren();
  const events = [];
  const t0 = performance.now();
  const note = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    log.append(li);
  };
  let firstStart = null;
  let firstEnd = null;
  const names = new Map();
  const onEvent = (e) => {
    events.push(e);
    const at = e.at - t0;
    const type = e.event?.type;
    const name = callName(names, e);
    if (e.kind === "tool_started") {
      firstStart ??= at;
      note(`${fmt(at)} tool started: ${e.name}(${JSON.stringify(e.arguments)})`);
    } else if (e.kind === "tool_finished") {
      note(`${fmt(at)} tool finished: ${e.name}`);
    } else if (type === "response.function_call_arguments.done") {
      note(`${fmt(at)} call parsed: ${name ?? e.event.item_id}`);
    } else if (e.kind === "browser_confirm") {
      note(`${fmt(at)} approved browser ${e.member}`);
    } else if (type === "response.completed") {
      firstEnd ??= at;
      note(`${fmt(at)} stream ended`);
    }
    drawTimeline(events, t0);
  };
  setStatus("agent", "running…");
  $("#agent-run").disabled = true;
  try {
    let final;
    if (state.mode === "worker") {
      final = await workerAgent(input, t0, onEvent);
    } else {
      const params = { model: state.model, input };
      if (isFake()) params.extra_headers = { "x-fake-fault": JSON.stringify({ delay_between_events: 0.03 }) };
      final = await client().runAgent(params, {
        tools: withBrowser() ? AGENT_TOOLS.slice(0, 1) : AGENT_TOOLS,
        browser: withBrowser() ? pageBrowser.driver : undefined,
        onEvent,
      });
    }
    $("#agent-answer").textContent = final.output_text;
    const gain = firstStart != null && firstEnd != null ? firstEnd - firstStart : null;
    const where = state.mode === "worker" ? ` (in the Worker, over ${final.transport})` : "";
    setStatus("agent", gain != null ? `first tool started ${fmt(gain)} before its stream ended${where}` : `done, no tool call${where}`, "ok");
    document.body.dataset.agentDone = "1";
  } catch (err) {
    setStatus("agent", errorText(err), "error");
  } finally {
    $("#agent-run").disabled = false;
  }
}

// -- panel 3: HTTP against a WebSocket session, 5 turns ----------------------------------------

async function runWs() {
  const turns = 5;
  const groups = Array.from({ length: turns }, (_, i) => ({ label: `turn ${i + 1}`, values: [null, null] }));
  const series = [{ name: "HTTP", cls: "http" }, { name: "WebSocket", cls: "ws" }];
  const draw = () => barChart($("#ws-chart"), { groups, series, label: "per-turn latency" });
  draw();
  $("#ws-run").disabled = true;
  setStatus("ws", "HTTP turns…");
  const c = client();
  try {
    let previous;
    for (let i = 0; i < turns; i++) {
      const t0 = performance.now();
      const r = await c.create({ model: state.model, input: `HTTP turn ${i + 1}`, previous_response_id: previous });
      groups[i].values[0] = performance.now() - t0;
      previous = r.id;
      draw();
    }
    setStatus("ws", "WebSocket turns…");
    const t0 = performance.now();
    const ws = await c.wsSession({ model: state.model });
    const connectMs = performance.now() - t0;
    try {
      for (let i = 0; i < turns; i++) {
        const t1 = performance.now();
        await ws.send(`WebSocket turn ${i + 1}`);
        groups[i].values[1] = performance.now() - t1 + (i === 0 ? connectMs : 0);
        draw();
      }
    } finally {
      await ws.close();
    }
    const sum = (k) => groups.reduce((a, g) => a + g.values[k], 0);
    setStatus("ws", `5 turns: HTTP ${fmt(sum(0))}, WebSocket ${fmt(sum(1))} (connect included in turn 1)`, "ok");
    document.body.dataset.wsDone = "1";
  } catch (err) {
    setStatus("ws", errorText(err), "error");
  } finally {
    $("#ws-run").disabled = false;
  }
}

// -- panel 4: hedging against the heavy tail -----------------------------------------------------

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function fakeLatency(model) {
  const resp = await fetch(new URL("../__fake__/latency", `${state.apiURL}/`), {
    method: model ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: model ? JSON.stringify(model) : undefined,
  });
  return resp.json();
}

async function runHedge() {
  const calls = Number($("#hedge-calls").value) || 40;
  const delay = Number($("#hedge-delay").value) || 120;
  const series = [{ name: "no hedging", cls: "plain" }, { name: `hedged (${delay} ms)`, cls: "hedged" }];
  const groups = [{ label: "p50", values: [null, null] }, { label: "p99", values: [null, null] }];
  const draw = () => barChart($("#hedge-chart"), { groups, series, label: "hedging percentiles" });
  draw();
  $("#hedge-run").disabled = true;
  const c = client();
  const before = isFake() ? await fakeLatency() : null;
  try {
    // The fake's heavy tail: 50 ms median, 1 call in 10 waits 800 ms more.
    if (isFake()) await fakeLatency({ median: 0.05, sigma: 0.2, tail_p: 0.1, tail: 0.8, seed: 7 });
    let extra = 0;
    for (const [index, hedged] of [false, true].entries()) {
      const times = [];
      for (let i = 0; i < calls; i += 4) {
        await Promise.all(
          Array.from({ length: Math.min(4, calls - i) }, async (_, k) => {
            const params = { model: state.model, input: `hedge ${i + k}` };
            const t0 = performance.now();
            if (hedged) extra += (await c.hedged(params, { delay })).extraRequests;
            else await c.create(params);
            times.push(performance.now() - t0);
          }),
        );
        groups[0].values[index] = percentile(times, 50);
        groups[1].values[index] = percentile(times, 99);
        draw();
        setStatus("hedge", `${hedged ? "hedged" : "plain"}: ${times.length}/${calls} calls`);
      }
    }
    const [p50, p99] = groups;
    setStatus(
      "hedge",
      `p50 ${fmt(p50.values[0])} → ${fmt(p50.values[1])}, p99 ${fmt(p99.values[0])} → ${fmt(p99.values[1])}; ${extra} extra requests for ${calls} calls`,
      "ok",
    );
    document.body.dataset.hedgeDone = "1";
  } catch (err) {
    setStatus("hedge", errorText(err), "error");
  } finally {
    if (before) await fakeLatency(before);
    $("#hedge-run").disabled = false;
  }
}

// -- start -------------------------------------------------------------------------------------

function main() {
  bindSettings();
  applyMode();
  $("#chat-send").addEventListener("click", runChat);
  $("#chat-stop").addEventListener("click", () => chatAbort?.abort());
  $("#agent-run").addEventListener("click", runAgent);
  $("#ws-run").addEventListener("click", runWs);
  $("#hedge-run").addEventListener("click", runHedge);
  pageBrowser.mount($("#page-browser"));
  boot()
    .then(() => {
      if (query.get("autorun") === "chat") return runChat();
    })
    .catch((err) => {
      $("#progress-total").textContent = `Loading failed: ${err.message}`;
      document.body.dataset.ready = "error";
      state.chat.error = `loading failed: ${err.message}`;
    })
    .finally(report);
}

/** With ?report=<URL> (scripts/demo.sh's headless run): POST what the page did there. */
function report() {
  const url = query.get("report");
  if (!url) return;
  const body = { steps: state.steps, deltas: state.chat.deltas, error: state.chat.error, text: $("#chat-output").textContent };
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

main();
