# ruff: noqa: F704  (top-level await: this file runs through Pyodide's eval_code_async)
"""Pyodide entry point of the benchmarks, so they run without JSPI (which slows every JS
callback into Python down, and is not what a page or Worker uses):

    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_ws --url URL [--latency S]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_early_parse URL
    node wasm_bridge/run_node.mjs bench/pyodide_main.py suite URL --fixtures URL [--short]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_streams_load URL [--streams N]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_tool_runner URL [rounds]

It imports the named benchmark module and awaits its `main_async(argv)`. In Node the
folder is mounted; in a page (wasm_bridge/index.html?script=/bench/pyodide_main.py&arg=...)
the sibling modules are fetched from the server that served this file first.
"""

import importlib
import os
import sys

_here = os.path.dirname(__file__)
if not os.path.exists(os.path.join(_here, "suite.py")):
    import js

    _here = "/tmp/bench"
    os.makedirs(_here, exist_ok=True)
    _base = js.URL.new(__file__, js.location.href)
    for _name in (
        "suite.py",
        "workloads.py",
        "fake_server.py",
        "bench_ws.py",
        "bench_realtime.py",
        "bench_early_parse.py",
        "bench_import.py",
        "bench_tool_runner.py",
    ):
        _resp = await js.fetch(js.URL.new(_name, _base).href)
        if not _resp.ok:
            raise SystemExit(f"cannot fetch {_name}: HTTP {_resp.status}")
        with open(os.path.join(_here, _name), "w", encoding="utf-8") as _f:
            _f.write(str(await _resp.text()))
sys.path.insert(0, _here)
await importlib.import_module(sys.argv[1]).main_async(sys.argv[1:])
