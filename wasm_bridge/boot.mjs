// Boot Pyodide from the offline bundle (dist/pyodide/, made by build_wheels.sh) and install
// openai-oxide into it. Works in Node >= 20 and in a browser page (an ES module, no bundler).
//
//   import { bootPyodide } from "./wasm_bridge/boot.mjs";
//   const pyodide = await bootPyodide();                       // defaults below
//   await pyodide.runPythonAsync("import openai_oxide");
//
// Options (all optional):
//   indexURL   the bundle folder. Default: ../dist/pyodide/ next to this file (a filesystem
//              path in Node, a URL in a browser). Must end with "/".
//   packages   lock names to load. Default ["openai-oxide"] (pulls pydantic & co. through
//              the lock's depends). Loading is offline: every file comes from indexURL.
//   stdout, stderr, env, ...   passed on to loadPyodide().
//   timings    an object that receives {importMs, loadPyodideMs, loadPackageMs}.
//
// In Node it first makes sure the JS globals the SDK's Pyodide transport uses exist on
// globalThis (which Pyodide's `js` module is): fetch, Headers, Request, Response,
// ReadableStream, AbortController, TextEncoder/TextDecoder, performance, and WebSocket. Node 20
// has no WebSocket (unless started with --experimental-websocket), so the npm `ws` package
// (pinned in package.json) provides it; a native WebSocket is always preferred.

const IS_NODE =
  typeof process !== "undefined" &&
  !!(process.versions && process.versions.node) &&
  typeof window === "undefined";

const REQUIRED_GLOBALS = [
  "fetch",
  "Headers",
  "Request",
  "Response",
  "ReadableStream",
  "AbortController",
  "AbortSignal",
  "TextEncoder",
  "TextDecoder",
  "performance",
  "WebSocket",
];

/** Make sure Node exposes every JS global the SDK needs (no-op in a browser). */
export async function installNodeGlobals() {
  if (!IS_NODE) return;
  if (typeof globalThis.WebSocket === "undefined") {
    globalThis.WebSocket = await nodeWebSocket();
  }
  const missing = REQUIRED_GLOBALS.filter((name) => typeof globalThis[name] === "undefined");
  if (missing.length) {
    throw new Error(`openai-oxide needs these JS globals, missing in this Node: ${missing.join(", ")}`);
  }
}

/**
 * The npm `ws` WebSocket, as the WHATWG constructor `new WebSocket(url, protocols)`, offering
 * no permessage-deflate. `ws` offers it by default and then inflates every message on libuv's
 * zlib pool: a Responses turn is ~15 small JSON events, and inflating them cost 2-3 ms of
 * client CPU per turn on Node (a third of the turn) plus one wake-up per message, so that a
 * WebSocket turn cost more than an HTTP one (natively, websockets' deflate costs no
 * measurable CPU; a browser's WebSocket cannot be told).
 */
async function nodeWebSocket() {
  const { WebSocket } = await import("ws");
  return class extends WebSocket {
    constructor(url, protocols, options) {
      super(url, protocols, { perMessageDeflate: false, ...options });
    }
  };
}

async function defaultIndexURL() {
  const url = new URL("../dist/pyodide/", import.meta.url);
  if (!IS_NODE) return url.href;
  const { fileURLToPath } = await import("node:url");
  return fileURLToPath(url);
}

async function importPyodideModule(indexURL) {
  if (IS_NODE) {
    const { pathToFileURL } = await import("node:url");
    const path = await import("node:path");
    const href = /^[a-z]+:\/\//i.test(indexURL)
      ? new URL("pyodide.mjs", indexURL).href
      : pathToFileURL(path.resolve(indexURL, "pyodide.mjs")).href;
    return import(href);
  }
  return import(new URL("pyodide.mjs", new URL(indexURL, location.href)).href);
}

const now = () => (globalThis.performance ? performance.now() : Date.now());

/**
 * Boot Pyodide from the bundle and load the SDK. Resolves to the Pyodide API object.
 * Rejects if a package cannot be loaded (Pyodide itself would only print "Failed to fetch").
 */
export async function bootPyodide({
  indexURL,
  packages = ["openai-oxide"],
  timings = {},
  ...loadOptions
} = {}) {
  await installNodeGlobals();
  indexURL = indexURL ?? (await defaultIndexURL());
  if (!indexURL.endsWith("/")) indexURL += "/";
  if (IS_NODE && !/^[a-z]+:\/\//i.test(indexURL)) {
    const path = await import("node:path");
    indexURL = path.resolve(indexURL) + "/";
  }

  let t0 = now();
  const { loadPyodide } = await importPyodideModule(indexURL);
  timings.importMs = now() - t0;

  t0 = now();
  const pyodide = await loadPyodide({ indexURL, ...loadOptions });
  timings.loadPyodideMs = now() - t0;

  t0 = now();
  if (packages && packages.length) {
    const errors = [];
    await pyodide.loadPackage(packages, {
      messageCallback: () => {},
      errorCallback: (msg) => errors.push(msg),
      checkIntegrity: true,
    });
    if (errors.length) {
      throw new Error(`loadPackage(${JSON.stringify(packages)}) failed:\n${errors.join("\n")}`);
    }
  }
  timings.loadPackageMs = now() - t0;
  return pyodide;
}

const RUNNER = `
import sys, traceback
from pyodide.code import eval_code_async

async def _oxide_run_main(source, filename, argv, cwd):
    import os
    if cwd:
        os.chdir(cwd)
    sys.argv = list(argv)
    if "/" in filename:
        sys.path.insert(0, os.path.dirname(filename))
    glb = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
    try:
        await eval_code_async(source, glb, filename=filename, return_mode="none")
        code = 0
    except SystemExit as exc:
        c = exc.code
        if c is None:
            code = 0
        elif isinstance(c, int):
            code = c
        else:
            print(c, file=sys.stderr)
            code = 1
    except BaseException as exc:
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != filename:
            tb = tb.tb_next  # hide the runner's and Pyodide's own frames
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code

_oxide_run_main
`;

/**
 * Run Python source as __main__ (top-level await allowed, as in runPythonAsync), with
 * sys.argv = [filename, ...argv]. Resolves to an exit status: 0, the SystemExit code, or 1
 * if it raised (the traceback goes to Python's stderr). Never rejects for a Python error.
 */
export async function runPythonFile(pyodide, source, { filename = "<main>", argv = [], cwd = null } = {}) {
  const runner = pyodide.runPython(RUNNER);
  const pyArgv = pyodide.toPy([filename, ...argv]);
  try {
    return await runner(source, filename, pyArgv, cwd);
  } finally {
    pyArgv.destroy();
    runner.destroy();
  }
}

export { IS_NODE };
