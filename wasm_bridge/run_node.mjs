#!/usr/bin/env node
// Run a Python file inside Pyodide on Node, with openai-oxide installed from dist/pyodide/.
//
//   node wasm_bridge/run_node.mjs [options] <python-file> [args...]
//
// The file runs as __main__ with top-level await allowed (Pyodide's eval_code_async, what
// runPythonAsync uses), sys.argv = [<python-file>, args...]. Its stdout/stderr are written to
// this process's stdout/stderr. Exit status: 0, the SystemExit code, or 1 if Python raised
// (the traceback is printed to stderr).
//
// Options:
//   --index-url DIR     the bundle (default: dist/pyodide/ beside wasm_bridge/)
//   --packages a,b      lock names to load (default: openai-oxide)
//   --mount HOST[:GUEST]  mount a host folder into Pyodide's filesystem (NODEFS); repeatable.
//                       The current directory is always mounted at the same path and is the
//                       cwd inside Python, so relative paths work as natively.
//   --jspi              re-run node with --experimental-wasm-stack-switching (JSPI), so that
//                       pyodide.ffi.can_run_sync() is True and a sync API can block on fetch.
//   --timings           print boot/load timings as JSON to stderr.
// Environment: variables named OPENAI_*, OXIDE_* or PYODIDE_TEST_* are copied into os.environ.
import { spawnSync } from "node:child_process";
import fs, { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bootPyodide, runPythonFile } from "./boot.mjs";

const JSPI_FLAG = "--experimental-wasm-stack-switching";

function usage(msg) {
  if (msg) process.stderr.write(`run_node: ${msg}\n`);
  process.stderr.write(
    "usage: node wasm_bridge/run_node.mjs [--index-url DIR] [--packages a,b] [--mount HOST[:GUEST]] [--jspi] [--timings] <python-file> [args...]\n",
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
const opts = { mounts: [], packages: ["openai-oxide"], jspi: false, timings: false };
while (argv.length && argv[0].startsWith("--")) {
  const flag = argv.shift();
  if (flag === "--") break;
  else if (flag === "--index-url") opts.indexURL = argv.shift() ?? usage("--index-url needs a value");
  else if (flag === "--packages") opts.packages = (argv.shift() ?? "").split(",").filter(Boolean);
  else if (flag === "--mount") opts.mounts.push(argv.shift() ?? usage("--mount needs a value"));
  else if (flag === "--jspi") opts.jspi = true;
  else if (flag === "--timings") opts.timings = true;
  else usage(`unknown option ${flag}`);
}
if (!argv.length) usage("no python file given");

if (opts.jspi && !process.execArgv.includes(JSPI_FLAG)) {
  const res = spawnSync(
    process.execPath,
    [...process.execArgv, JSPI_FLAG, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(res.status ?? 1);
}

const pyFile = argv[0];
if (!existsSync(pyFile)) usage(`no such file: ${pyFile}`);
const source = readFileSync(pyFile, "utf8");

const env = {};
for (const [k, v] of Object.entries(process.env)) {
  if (/^(OPENAI_|OXIDE_|PYODIDE_TEST_)/.test(k)) env[k] = v;
}

// `buf` is a view of a buffer that Pyodide reuses for its next write, and a write to a
// pipe can be queued (past 64 KiB): copy it, or a later write overwrites it in the queue.
const out = (stream) => ({
  write: (buf) => {
    stream.write(Buffer.from(buf));
    return buf.length;
  },
});

const timings = {};
const t0 = performance.now();
let pyodide;
try {
  pyodide = await bootPyodide({
    indexURL: opts.indexURL,
    packages: opts.packages,
    timings,
    env,
  });
} catch (err) {
  process.stderr.write(`run_node: boot failed: ${err?.stack ?? err}\n`);
  process.exit(1);
}
pyodide.setStdout(out(process.stdout));
pyodide.setStderr(out(process.stderr));
timings.bootTotalMs = performance.now() - t0;

const cwd = process.cwd();
const mounts = [`${cwd}:${cwd}`, ...opts.mounts];
for (const spec of mounts) {
  const [host, guest = host] = spec.split(":");
  if (guest === "/" || guest.startsWith("/lib")) continue; // never shadow Pyodide's own tree
  try {
    // NODEFS does not follow a symlinked root, so mount what it points to.
    const hostAbs = fs.realpathSync(path.resolve(host));
    pyodide.FS.mkdirTree(guest);
    pyodide.mountNodeFS(guest, hostAbs);
  } catch (err) {
    // Report the message only: an uncaught error would print a line of pyodide.asm.mjs.
    process.stderr.write(`run_node: cannot mount ${host} at ${guest}: ${err?.message ?? err}\n`);
    process.exit(1);
  }
}

const t1 = performance.now();
let code = 1;
try {
  code = await runPythonFile(pyodide, source, { filename: path.resolve(pyFile), argv: argv.slice(1), cwd });
} catch (err) {
  process.stderr.write(`run_node: ${err?.message ?? err}\n`);
  code = 1;
}
timings.runMs = performance.now() - t1;
if (opts.timings) process.stderr.write(`run_node timings: ${JSON.stringify(timings)}\n`);
// Pending JS handles (an open WebSocket, a keep-alive socket) must not keep the process alive.
process.stdout.write("", () => process.exit(code));
