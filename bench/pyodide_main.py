# ruff: noqa: F704  (top-level await: this file runs through Pyodide's eval_code_async)
"""Pyodide entry point of the benchmarks, so they run without JSPI (which slows every JS
callback into Python down, and is not what a page or Worker uses):

    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_ws --url URL [--latency S]
    node wasm_bridge/run_node.mjs bench/pyodide_main.py bench_early_parse URL

It imports the named benchmark module and awaits its `main_async(argv)`.
"""

import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
await importlib.import_module(sys.argv[1]).main_async(sys.argv[1:])
