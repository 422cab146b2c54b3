"""Import and first-call cost: openai-oxide next to the official `openai` package.

Natively (both packages, in one run):

    .venv/bin/python bench/bench_import.py [--runs 11]

Every sample is a fresh interpreter (a subprocess), so nothing is cached in memory; the
table shows the median of the runs, alternating ours and theirs. Phases, timed inside the
child with ``perf_counter`` (interpreter start-up excluded):

- import:     ``import openai_oxide`` / ``import openai``
- client:     ``AsyncOpenAI(...)``
- first call: ``await client.files.retrieve("file-abc")`` through an in-memory transport
  (no network: ours ``MockTransport``, theirs ``httpx2.MockTransport``), i.e. loading the
  resource, its types, building the validator and parsing one ``FileObject``.

In Pyodide on Node (ours only: the official package is not in our Pyodide bundle, and
one Pyodide boot gives one cold sample):

    bash build_wheels.sh                                      # bundle the current tree
    node wasm_bridge/run_node.mjs bench/bench_import.py
    node wasm_bridge/run_node.mjs --jspi bench/bench_import.py   # + the real first call

Without JSPI an async call cannot be awaited from a script, so there "first call" is the
typed parse the call ends with (``files`` types loaded, validator built, one
``FileObject`` validated from bytes); with ``--jspi`` the full call runs via ``run_sync``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Any

BODY = {
    "id": "file-abc",
    "object": "file",
    "bytes": 120000,
    "created_at": 1677610602,
    "expires_at": None,
    "filename": "mydata.jsonl",
    "purpose": "fine-tune",
    "status": "processed",
}
BASE_URL = "http://bench.invalid/v1"
PHASES = ("import", "client", "first call")


def _count(prefix: str) -> int:
    return sum(1 for name in list(sys.modules) if name == prefix or name.startswith(prefix + "."))


async def _call(client: Any) -> Any:
    return await client.files.retrieve("file-abc")


def child_ours() -> dict[str, Any]:
    t0 = time.perf_counter()
    import openai_oxide

    t1 = time.perf_counter()
    modules_after_import = _count("openai_oxide")
    from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

    transport = MockTransport(lambda request: MockResponse.json(BODY))
    client = AsyncOpenAI(api_key="sk-bench", base_url=BASE_URL, transport=transport)
    t2 = time.perf_counter()
    type_modules_after_client = _count("openai_oxide.types")
    import asyncio

    import pydantic  # loaded by the first typed call anyway; timed apart

    t_pydantic = time.perf_counter()
    result = asyncio.run(_call(client))
    t3 = time.perf_counter()
    assert result.id == "file-abc", result
    del openai_oxide, pydantic
    return {
        "import": t1 - t0,
        "client": t2 - t1,
        "first call": t3 - t2,
        "pydantic": t_pydantic - t2,
        "modules after import": modules_after_import,
        "types modules after client": type_modules_after_client,
        "modules after call": _count("openai_oxide"),
    }


def child_openai() -> dict[str, Any]:
    t0 = time.perf_counter()
    import openai

    t1 = time.perf_counter()
    modules_after_import = _count("openai")
    import httpx2

    def handler(request: Any) -> Any:
        return httpx2.Response(200, json=BODY)

    http_client = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    client = openai.AsyncOpenAI(api_key="sk-bench", base_url=BASE_URL, http_client=http_client)
    t2 = time.perf_counter()
    type_modules_after_client = _count("openai.types")
    import asyncio

    result = asyncio.run(_call(client))
    t3 = time.perf_counter()
    assert result.id == "file-abc", result
    return {
        "import": t1 - t0,
        "client": t2 - t1,
        "first call": t3 - t2,
        "pydantic": 0.0,  # imported by `import openai`
        "modules after import": modules_after_import,
        "types modules after client": type_modules_after_client,
        "modules after call": _count("openai"),
    }


def sample(which: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", which],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{which} child failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def report(rows: dict[str, list[dict[str, Any]]]) -> None:
    names = list(rows)
    print(
        f"{'median of ' + str(len(rows[names[0]])) + ' runs':24}"
        + "".join(f"{n:>16}" for n in names)
    )
    for phase in (*PHASES, "total"):
        cells = []
        for name in names:
            values = [
                sum(r[p] for p in PHASES) if phase == "total" else r[phase] for r in rows[name]
            ]
            cells.append(f"{statistics.median(values) * 1000:13.1f} ms")
        print(f"{phase:24}" + "".join(cells))
        if phase == "first call":
            cells = [
                f"{statistics.median(r['pydantic'] for r in rows[n]) * 1000:13.1f} ms"
                for n in names
            ]
            print(f"{'  of which pydantic':24}" + "".join(cells))
    for key in ("modules after import", "types modules after client", "modules after call"):
        print(f"{key:24}" + "".join(f"{rows[n][0][key]:16}" for n in names))


def native(runs: int) -> None:
    import importlib.util

    kinds = ["openai-oxide"]
    if importlib.util.find_spec("openai") is not None:
        kinds.append("openai")
    else:
        print("(the official `openai` package is not installed: ours only)")
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    sample("openai-oxide")  # warm the OS file cache and .pyc files once
    for _ in range(runs):
        for kind in kinds:
            rows[kind].append(sample(kind))
    print(f"CPython {sys.version.split()[0]} on {sys.platform}, fresh interpreter per sample")
    report(rows)


def pyodide() -> None:
    """One cold sample in this (fresh) Pyodide interpreter; ours only."""
    t0 = time.perf_counter()
    import openai_oxide

    t1 = time.perf_counter()
    from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

    transport = MockTransport(lambda request: MockResponse.json(BODY))
    client = AsyncOpenAI(api_key="sk-bench", base_url=BASE_URL, transport=transport)
    t2 = time.perf_counter()
    types_after_client = _count("openai_oxide.types")
    from pyodide.ffi import can_run_sync, run_sync

    t_pydantic = time.perf_counter()

    if can_run_sync():
        what = "first call (client.files.retrieve, MockTransport)"
        result = run_sync(_call(client))
    else:
        what = "first parse (files types + validator + FileObject)"
        from openai_oxide.types.files import FileObject

        result = FileObject.model_validate_json(json.dumps(BODY))
    t3 = time.perf_counter()
    assert result.id == "file-abc"
    print(f"Pyodide {sys.version.split()[0]}: openai-oxide only (official `openai` not bundled)")
    print(f"{'import':52}{(t1 - t0) * 1000:10.1f} ms")
    print(f"{'client':52}{(t2 - t1) * 1000:10.1f} ms")
    print(f"{what:52}{(t3 - t2) * 1000:10.1f} ms")
    print(f"{'  of which pydantic import':52}{(t_pydantic - t2) * 1000:10.1f} ms")
    print(f"{'openai_oxide.types modules after client':52}{types_after_client:10}")
    print(f"{'openai_oxide modules after the call':52}{_count('openai_oxide'):10}")
    del openai_oxide


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--child", choices=["openai-oxide", "openai"])
    args = parser.parse_args()
    if args.child:
        result = child_ours() if args.child == "openai-oxide" else child_openai()
        print(json.dumps(result))
    else:
        native(args.runs)


if __name__ == "__main__":
    if sys.platform == "emscripten":
        pyodide()
    else:
        main()
