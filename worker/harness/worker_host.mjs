// Host worker/src/entry.py the way a Python Worker runs, but under Pyodide 314 in Node:
// boot the offline bundle (dist/pyodide, with openai-oxide and pydantic), put the Worker's
// source, the vendored workers-runtime-sdk (worker/python_modules, from vendor.sh) and the two
// stand-ins for workerd-internal modules (harness/stubs) on sys.path, import the module, and
// hand back `fetch(request, env)` that calls its `Default.fetch` through harness/adapter.py.
//
//   import { startWorker } from "./worker_host.mjs";
//   const worker = await startWorker();
//   const res = await worker.fetch(new Request("http://w/?q=hi"), { OPENAI_API_KEY: "k" });
//
// Request and Response are Node's own (undici) classes, which Pyodide's `js` module sees.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bootPyodide } from "../../wasm_bridge/boot.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.resolve(HERE, "..");
const ROOT = path.resolve(WORKER, "..");

// Guest paths, after workerd's layout (the bundle's modules live under /session/metadata).
const MOUNTS = {
  "/session/metadata": path.join(WORKER, "src"),
  "/session/metadata/python_modules": path.join(WORKER, "python_modules"),
  "/session/harness": HERE,
};

export async function startWorker({ indexURL = path.join(ROOT, "dist", "pyodide"), stdout, stderr } = {}) {
  if (!existsSync(path.join(WORKER, "python_modules", "workers"))) {
    throw new Error("worker/python_modules is missing: run `bash worker/vendor.sh` first");
  }
  const timings = {};
  const t0 = performance.now();
  const pyodide = await bootPyodide({ indexURL, timings });
  if (stdout) pyodide.setStdout({ batched: stdout });
  if (stderr) pyodide.setStderr({ batched: stderr });

  const waitUntil = [];
  pyodide.registerJsModule("_worker_harness", {
    // `cloudflare:workers`: module-level env is not used by entry.py; waitUntil collects.
    cloudflareWorkers: { env: {}, waitUntil: (p) => waitUntil.push(p) },
    importModule: async (name) => {
      if (name === "python_modules/workers/workflows.js") {
        return import(path.join(WORKER, "python_modules", "workers", "workflows.js"));
      }
      throw new Error(`the harness cannot import ${name}`);
    },
  });
  for (const [guest, host] of Object.entries(MOUNTS)) {
    pyodide.FS.mkdirTree(guest);
    pyodide.mountNodeFS(guest, host);
  }
  const t1 = performance.now();
  const onFetch = await pyodide.runPythonAsync(`
import sys
sys.path[:0] = ["/session/metadata", "/session/metadata/python_modules", "/session/harness/stubs", "/session/harness"]
sys.dont_write_bytecode = True  # the mounts are the repo's folders
from adapter import on_fetch
on_fetch
`);
  timings.importWorkerMs = performance.now() - t1;
  timings.startMs = performance.now() - t0;

  return {
    pyodide,
    timings,
    waitUntil,
    /** Call the Worker's fetch handler; resolves to the JS Response it returns. */
    fetch(request, env = {}) {
      const ctx = { waitUntil: (p) => waitUntil.push(p), passThroughOnException() {} };
      return onFetch(request, env, ctx);
    },
  };
}
