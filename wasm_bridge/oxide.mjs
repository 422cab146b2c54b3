// The JS API over openai-oxide: the SDK's behaviour (streams, early tool calls, WebSocket
// sessions, hedging, typed errors, abort) for JavaScript and TypeScript, without writing
// Python. One ES module for Node >= 20 and browsers; types in oxide.d.ts.
//
//   import { loadOxide } from "./wasm_bridge/oxide.mjs";
//   const oxide = await loadOxide({ bundleURL, onProgress });
//   const client = oxide.client({ baseURL: "http://127.0.0.1:8080/v1" });
//   const text = await client.createText({ model: "gpt-4.1-mini", input: "Hi" });
//   for await (const event of client.stream({ model, input })) if (event.type === "response.output_text.delta") ...
//
// Python does the work (oxide_bridge.py, beside this file); every answer crosses back as
// JSON text, so results are plain objects and errors are the Error subclasses below.

import { bootPyodide, IS_NODE } from "./boot.mjs";

/** The SDK version this module belongs to; loadOxide refuses a bundle of another one. */
export const VERSION = "0.1.0";

/** Base class of every error this module throws. */
export class OxideError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = new.target.name;
    this.status = fields.status ?? null;
    this.requestId = fields.requestId ?? null;
    this.type = fields.type ?? null;
    this.code = fields.code ?? null;
    this.param = fields.param ?? null;
  }
}
export class APIError extends OxideError {}
export class APIConnectionError extends APIError {}
export class APITimeoutError extends APIConnectionError {}
export class APIStatusError extends APIError {}
export class BadRequestError extends APIStatusError {}
export class AuthenticationError extends APIStatusError {}
export class PermissionDeniedError extends APIStatusError {}
export class NotFoundError extends APIStatusError {}
export class ConflictError extends APIStatusError {}
export class UnprocessableEntityError extends APIStatusError {}
export class RateLimitError extends APIStatusError {}
export class InternalServerError extends APIStatusError {}
/** The SDK's own problems that are not an HTTP answer (a bad stream, a closed session...). */
export class StreamError extends APIError {}
/** Cancelled through an AbortSignal: the request was aborted. `name` is "AbortError". */
export class AbortError extends OxideError {}

const ERROR_CLASSES = {
  APIError,
  APIConnectionError,
  APITimeoutError,
  APIStatusError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  StreamError,
  StreamEventError: StreamError,
  APIResponseValidationError: StreamError,
  WebSocketSessionError: StreamError,
  WebSocketDisconnectedError: APIConnectionError,
  AbortError,
};

function toError(info) {
  const cls = ERROR_CLASSES[info.kind] ?? OxideError;
  const err = new cls(info.message, info);
  if (cls === OxideError) err.pythonType = info.kind; // e.g. ValueError for bad parameters
  return err;
}

function abortError() {
  return new AbortError("The operation was aborted.");
}

/** Await a PyProxy'd awaitable, then free the proxy. */
async function take(awaitable) {
  try {
    return await awaitable;
  } finally {
    awaitable.destroy?.();
  }
}

/**
 * Start a Python Op (oxide_bridge.Op) with `start()` unless `signal` is already aborted,
 * and resolve to its value; aborting `signal` cancels it.
 */
async function run(start, signal) {
  if (signal?.aborted) throw abortError(); // nothing was sent
  const op = start();
  const onAbort = () => op.cancel();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const message = JSON.parse(await take(op.wait()));
    if (message.error) throw toError(message.error);
    return message.ok;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    op.destroy();
  }
}

const now = () => performance.now();

async function readBridgeSource() {
  const url = new URL("./oxide_bridge.py", import.meta.url);
  if (IS_NODE) {
    const { readFile } = await import("node:fs/promises");
    return readFile(url, "utf8");
  }
  const resp = await fetch(url);
  if (!resp.ok) throw new OxideError(`cannot fetch ${url}: HTTP ${resp.status}`);
  return resp.text();
}

/**
 * Boot Pyodide from the offline bundle and import the SDK.
 * `bundleURL`: the bundle folder (dist/pyodide/; a path or URL; default next to this module).
 * `onProgress({step, phase: "start"|"done", ms, detail})` reports each step as it goes.
 */
export async function loadOxide({ bundleURL, onProgress = () => {}, packages } = {}) {
  const report = (step, phase, ms, detail) => onProgress({ step, phase, ms, detail });
  const timings = {};
  report("runtime", "start");
  const pyodide = await bootPyodide({ indexURL: bundleURL, packages: [], timings });
  report("pyodide.mjs", "done", timings.importMs);
  report("runtime", "done", timings.loadPyodideMs);

  let t0 = now();
  report("wheels", "start");
  const errors = [];
  await pyodide.loadPackage(packages ?? ["openai-oxide"], {
    messageCallback: (msg) => report("wheels", "progress", now() - t0, msg),
    errorCallback: (msg) => errors.push(msg),
    checkIntegrity: true,
  });
  if (errors.length) throw new OxideError(`loading the wheels failed:\n${errors.join("\n")}`);
  report("wheels", "done", now() - t0);

  t0 = now();
  report("import", "start");
  pyodide.FS.mkdirTree("/oxide_bridge");
  pyodide.FS.writeFile("/oxide_bridge/oxide_bridge.py", await readBridgeSource());
  const bridge = pyodide.runPython(
    "import sys; sys.path.insert(0, '/oxide_bridge'); import oxide_bridge; oxide_bridge",
  );
  const bundled = pyodide.runPython("import openai_oxide; openai_oxide.__version__");
  if (bundled !== VERSION) {
    throw new OxideError(
      `the bundle holds openai-oxide ${bundled} but oxide.mjs is ${VERSION}: rebuild it (bash build_wheels.sh)`,
    );
  }
  report("import", "done", now() - t0);
  return new Oxide(pyodide, bridge);
}

class Oxide {
  constructor(pyodide, bridge) {
    this.pyodide = pyodide;
    this._bridge = bridge;
  }

  /**
   * A client. `apiKey` may be left out for servers that need none (the fake server, a
   * proxy such as the demo's Worker). In a browser, a key needs `dangerouslyAllowBrowser`:
   * the page's users (and its scripts) can read it.
   */
  client({ apiKey, baseURL, dangerouslyAllowBrowser = false, maxRetries, timeout, defaultHeaders } = {}) {
    if (apiKey && !IS_NODE && !dangerouslyAllowBrowser) {
      throw new OxideError(
        "It looks like you're running in a browser: an API key here can be read by anyone " +
          "who uses the page. Give the page a short-lived ephemeral key (minted on your server " +
          "with client.realtime.client_secrets.create), or call a proxy that holds the key " +
          "(the demo's Worker). Pass dangerouslyAllowBrowser: true if you understand the risk.",
      );
    }
    const options = {
      apiKey: apiKey || "no-key", baseURL, maxRetries, timeout, defaultHeaders, dangerouslyAllowBrowser,
    };
    for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
    const made = this._bridge.connect(JSON.stringify(options));
    if (typeof made === "string") throw toError(JSON.parse(made).error);
    return new Client(this, made);
  }
}

class Client {
  constructor(oxide, py) {
    this._oxide = oxide;
    this._py = py;
  }

  /** `responses.create` without streaming: the Response as a plain object. */
  create(params, { signal } = {}) {
    return run(() => this._py.create(JSON.stringify(params)), signal);
  }

  /** The answer's text (`response.output_text`). */
  async createText(params, options) {
    return (await this.create(params, options)).output_text;
  }

  /** The Responses stream: an async iterator of plain event objects (`event.type`). */
  async *stream(params, { signal } = {}) {
    if (signal?.aborted) throw abortError();
    const py = this._py.stream(JSON.stringify({ ...params, stream: undefined }));
    const onAbort = () => py.cancel();
    signal?.addEventListener("abort", onAbort, { once: true });
    let finished = false;
    try {
      for (;;) {
        const message = JSON.parse(await take(py.next()));
        if (message.error) {
          finished = true;
          throw toError(message.error);
        }
        if (message.done) {
          finished = true;
          return;
        }
        yield message.event;
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      if (!finished) py.cancel(); // the caller stopped early (break/return): abort the request
      py.destroy();
    }
  }

  /** One call raced against copies started `delay` ms apart (`copies` in all, default 2). */
  hedged(params, { delay = 200, copies = 2, signal } = {}) {
    return run(() => this._py.hedged(JSON.stringify(params), delay, copies), signal);
  }

  /** A persistent Responses WebSocket session; turns are chained by previous_response_id. */
  async wsSession(defaults = {}, { signal } = {}) {
    let session;
    await run(() => {
      const pair = this._py.ws_session(JSON.stringify(defaults));
      const [py, opening] = pair.toJs({ depth: 1 });
      pair.destroy();
      session = py;
      return opening;
    }, signal).catch((err) => {
      session?.destroy();
      throw err;
    });
    return new WsSession(session);
  }

  /**
   * The agent loop (the SDK's AsyncResponsesToolRunner with stream + eager): each tool
   * starts the moment its call's arguments are complete, before the stream ends.
   * `tools`: [{name, description, parameters, run: async (args) => result}].
   * `onEvent(e)`: e.kind is "event" (a stream event, e.event), "tool_started" or
   * "tool_finished" (e.name); e.at is performance.now() when it happened.
   * `browser`: a driver of the official BrowserToolset protocol (async `state()` and any of
   * `navigate`, `read_page`, `click`, taking and returning plain objects); its members are
   * offered as `browser_*` tools, confirmed through "browser_confirm" events.
   */
  async runAgent(params, { tools = [], onEvent = () => {}, maxSteps = 8, browser, signal } = {}) {
    const runners = {};
    for (const tool of tools) {
      if (typeof tool?.name !== "string" || typeof tool.run !== "function") {
        throw new OxideError("runAgent: every tool needs a string `name` and a `run` function");
      }
      runners[tool.name] = async (argsJson) => {
        const result = await tool.run(JSON.parse(argsJson));
        return typeof result === "string" ? result : JSON.stringify(result);
      };
    }
    const definitions = tools.map(({ run: _run, ...definition }) => definition);
    const emit = (json) => onEvent({ ...JSON.parse(json), at: now() });
    const { toPy } = this._oxide.pyodide;
    const pyRunners = toPy(runners);
    const [driver, members] = browser ? jsonDriver(browser, emit) : [undefined, []];
    try {
      return await run(
        () => this._py.agent(
          JSON.stringify(params),
          JSON.stringify(definitions),
          pyRunners,
          emit,
          maxSteps,
          driver,
          JSON.stringify(members),
        ),
        signal,
      );
    } finally {
      pyRunners.destroy();
    }
  }

  /** Close the client's connections. */
  async close() {
    try {
      await take(this._py.close());
    } finally {
      this._py.destroy();
    }
  }
}

const BROWSER_MEMBERS = ["navigate", "read_page", "click"];

/** The caller's browser driver with JSON text in and out (oxide_bridge.JsBrowser's side). */
function jsonDriver(driver, emit) {
  const members = BROWSER_MEMBERS.filter((m) => typeof driver[m] === "function");
  const adapted = { state: async () => JSON.stringify(await driver.state()) };
  for (const member of members) {
    adapted[member] = async (json) => {
      const name = `browser_${member}`;
      const args = JSON.parse(json);
      emit(JSON.stringify({ kind: "tool_started", name, arguments: args }));
      try {
        return JSON.stringify((await driver[member](args)) ?? null);
      } finally {
        emit(JSON.stringify({ kind: "tool_finished", name, output: "" }));
      }
    };
  }
  return [adapted, members];
}

class WsSession {
  constructor(py) {
    this._py = py;
  }

  /** One turn: `send("text")` or `send({input, ...})`; the Response as a plain object. */
  send(turn, { signal } = {}) {
    const params = typeof turn === "string" ? { input: turn } : turn;
    return run(() => this._py.send(JSON.stringify(params)), signal);
  }

  /** Leave the session (closes the WebSocket). */
  async close() {
    try {
      await run(() => this._py.close());
    } finally {
      this._py.destroy();
    }
  }
}
