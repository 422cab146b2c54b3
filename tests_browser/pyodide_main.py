# ruff: noqa: F704  (top-level await: this file runs through Pyodide's eval_code_async)
"""Pyodide entry point of the scenario runner (see run_scenarios.py for the arguments).

In Node the script's folder is on the filesystem (run_node.mjs mounts the cwd) and on
sys.path. In a browser page it is not: the sibling modules are fetched from the same
server that served this file and written to /tmp/tests_browser first.
"""

import os
import sys

_here = os.path.dirname(__file__)
if not os.path.exists(os.path.join(_here, "run_scenarios.py")):
    import js

    _here = "/tmp/tests_browser"
    os.makedirs(_here, exist_ok=True)
    _base = js.URL.new(__file__, js.location.href)
    for _name in (
        "fake_control.py",
        "scenarios.py",
        "ws_scenarios.py",
        "api_scenarios.py",
        "profile_scenarios.py",
        "lenient_scenarios.py",
        "hedge_scenarios.py",
        "http_scenarios.py",
        "agent_scenarios.py",
        "lite_scenarios.py",
        "reliability_scenarios.py",
        "fault_matrix.py",
        "realtime_scenarios.py",
        "hook_scenarios.py",
        "bulk_scenarios.py",
        "batch_scenarios.py",
        "run_scenarios.py",
    ):
        _resp = await js.fetch(js.URL.new(_name, _base).href)
        if not _resp.ok:
            raise SystemExit(f"cannot fetch {_name}: HTTP {_resp.status}")
        with open(os.path.join(_here, _name), "w", encoding="utf-8") as _f:
            _f.write(str(await _resp.text()))
if _here not in sys.path:
    sys.path.insert(0, _here)

from run_scenarios import amain  # noqa: E402

raise SystemExit(await amain(sys.argv[1:]))
