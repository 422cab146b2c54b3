"""Import and first-call cost: openai-oxide next to the official `openai` package.

One command measures both packages, natively and (with ``--pyodide``) in Pyodide on Node:

    .venv/bin/python bench/bench_import.py [--runs 11] [--pyodide] [--json PATH]

Every sample is a fresh interpreter, so nothing is cached in memory: natively a CPython
subprocess, in Pyodide a fresh ``node wasm_bridge/run_node.mjs --jspi --packages PKG
bench/bench_import.py --child ours|official`` (one Pyodide boot per sample; ``openai-oxide``
or ``openai`` from the offline bundle, so run ``bash build_wheels.sh`` first). Samples
alternate ours and the official package; the tables show medians and the ratio
official/ours. Phases, timed inside the child with ``perf_counter`` (interpreter start-up
and Pyodide boot excluded):

- import:     ``import openai_oxide`` / ``import openai``
- client:     ``AsyncOpenAI(...)``
- first call: ``await client.files.retrieve("file-abc")`` through an in-memory transport
  (no network: ours ``MockTransport``, theirs ``httpx2.MockTransport``), i.e. loading the
  resource, its types, building the validator and parsing one ``FileObject``.
- responses call (shown apart, not in the total): then the first
  ``client.responses.create(...)``, answered with a text ``Response`` (ours builds the
  ``Response`` model classes and validator here; the official builds its classes and
  constructs without validating).

A third column, ``oxide.lite``, is the pydantic-free client (``openai_oxide.lite``):
``import openai_oxide.lite``, its ``AsyncOpenAI``, and the same answer fetched as a dict
(``client.get("/files/file-abc")``, as a lite caller reaches a group it leaves out); the
child asserts that pydantic was never imported.

Pyodide runs with JSPI (``--jspi``), so the child drives the same async call with
``pyodide.ffi.run_sync`` there as with ``asyncio.run`` natively: the same method for both
packages on both targets. bench/run_all.py also runs the child in a fresh headless Chromium
page per sample (``page_cold``; the page's event loop drives it), loading only that
package's wheels. With a MockTransport the official client does not touch
httpx2-jsfetch (loaded anyway: httpx2 imports it on emscripten). The Pyodide table also
shows, outside the total, the boot and the ``loadPackage`` time (more wheels for theirs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
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
RESPONSE = {
    "id": "resp_abc",
    "object": "response",
    "created_at": 1741476542,
    "status": "completed",
    "model": "gpt-4.1-2025-04-14",
    "output": [
        {
            "type": "message",
            "id": "msg_abc",
            "status": "completed",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Hi!", "annotations": []}],
        }
    ],
    "parallel_tool_calls": True,
    "tool_choice": "auto",
    "tools": [],
    "usage": {
        "input_tokens": 8,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 3,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 11,
    },
}
BASE_URL = "http://bench.invalid/v1"
PHASES = ("import", "client", "first call")
KINDS = ("ours", "lite", "official")
LABELS = {"ours": "openai-oxide", "lite": "oxide.lite", "official": "openai"}
# Lock names to load. The lite client ships in the same wheel (its pydantic wheels are
# installed by loadPackage but never imported).
PYODIDE_PACKAGES = {"ours": "openai-oxide", "lite": "openai-oxide", "official": "openai"}
ROOT = Path(__file__).resolve().parent.parent
RUN_NODE = ROOT / "wasm_bridge" / "run_node.mjs"


def _answer(url: str) -> dict[str, Any]:
    return RESPONSE if url.endswith("/responses") else BODY


def _count(prefix: str) -> int:
    return sum(1 for name in list(sys.modules) if name == prefix or name.startswith(prefix + "."))


def _run(child: Callable[[], Coroutine[Any, Any, dict[str, Any]]]) -> dict[str, Any]:
    """Run a child to completion: asyncio natively, JSPI's run_sync in Pyodide on Node."""
    if sys.platform != "emscripten":
        import asyncio

        return asyncio.run(child())
    from pyodide.ffi import can_run_sync, run_sync

    if not can_run_sync():
        raise SystemExit("bench_import: in Pyodide the child needs JSPI (run_node.mjs --jspi)")
    return run_sync(child())


async def child_ours() -> dict[str, Any]:
    t0 = time.perf_counter()
    import openai_oxide

    t1 = time.perf_counter()
    modules_after_import = _count("openai_oxide")
    from openai_oxide import AsyncOpenAI, MockResponse, MockTransport

    transport = MockTransport(lambda request: MockResponse.json(_answer(request.url)))
    client = AsyncOpenAI(api_key="bench-key", base_url=BASE_URL, transport=transport)
    t2 = time.perf_counter()
    type_modules_after_client = _count("openai_oxide.types")
    import pydantic  # loaded by the first typed call anyway; timed apart

    t_pydantic = time.perf_counter()
    result = await client.files.retrieve("file-abc")
    t3 = time.perf_counter()
    assert result.id == "file-abc", result
    response = await client.responses.create(model="gpt-4.1", input="hi")
    t4 = time.perf_counter()
    assert response.output_text == "Hi!", response
    del openai_oxide, pydantic
    return {
        "import": t1 - t0,
        "client": t2 - t1,
        "first call": t3 - t2,
        "responses call": t4 - t3,
        "pydantic": t_pydantic - t2,
        "modules after import": modules_after_import,
        "types modules after client": type_modules_after_client,
        "modules after call": _count("openai_oxide"),
    }


async def child_lite() -> dict[str, Any]:
    t0 = time.perf_counter()
    import openai_oxide.lite

    t1 = time.perf_counter()
    modules_after_import = _count("openai_oxide")
    from openai_oxide import MockResponse, MockTransport

    transport = MockTransport(lambda request: MockResponse.json(_answer(request.url)))
    client = openai_oxide.lite.AsyncOpenAI(
        api_key="bench-key", base_url=BASE_URL, transport=transport
    )
    t2 = time.perf_counter()
    type_modules_after_client = _count("openai_oxide.types")
    result = await client.get("/files/file-abc")
    t3 = time.perf_counter()
    assert result["id"] == "file-abc", result
    response = await client.responses.create(model="gpt-4.1", input="hi")
    t4 = time.perf_counter()
    assert response["id"] == "resp_abc", response
    assert _count("pydantic") == 0, "the lite client imported pydantic"
    return {
        "import": t1 - t0,
        "client": t2 - t1,
        "first call": t3 - t2,
        "responses call": t4 - t3,
        "pydantic": 0.0,  # never imported
        "modules after import": modules_after_import,
        "types modules after client": type_modules_after_client,
        "modules after call": _count("openai_oxide"),
    }


async def child_official() -> dict[str, Any]:
    t0 = time.perf_counter()
    import openai

    t1 = time.perf_counter()
    modules_after_import = _count("openai")
    import httpx2

    def handler(request: Any) -> Any:
        return httpx2.Response(200, json=_answer(str(request.url)))

    http_client = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    client = openai.AsyncOpenAI(api_key="bench-key", base_url=BASE_URL, http_client=http_client)
    t2 = time.perf_counter()
    type_modules_after_client = _count("openai.types")
    result = await client.files.retrieve("file-abc")
    t3 = time.perf_counter()
    assert result.id == "file-abc", result
    response = await client.responses.create(model="gpt-4.1", input="hi")
    t4 = time.perf_counter()
    assert response.output_text == "Hi!", response
    return {
        "import": t1 - t0,
        "client": t2 - t1,
        "first call": t3 - t2,
        "responses call": t4 - t3,
        "pydantic": 0.0,  # imported by `import openai`
        "modules after import": modules_after_import,
        "types modules after client": type_modules_after_client,
        "modules after call": _count("openai"),
    }


CHILDREN = {"ours": child_ours, "lite": child_lite, "official": child_official}


async def main_async(argv: list[str]) -> None:
    """A child in a Chromium page (bench/pyodide_main.py bench_import --child KIND), where the
    page's loop runs it; the page loaded KIND's wheels before (`page_cold`)."""
    print(json.dumps(await CHILDREN[argv[argv.index("--child") + 1]]()))


def page_cold(run_page: Any, runs: int) -> dict[str, dict[str, float]]:
    """Chromium: a fresh page per sample, as a fresh interpreter per sample on Node.
    `run_page(packages, args)` opens bench/pyodide_main.py with `args` in a page that loads
    only `packages` and returns its {"output", "timings"}."""

    def sample(kind: str) -> dict[str, Any]:
        page = run_page([PYODIDE_PACKAGES[kind]], ["bench_import", "--child", kind])
        output = str(page.get("output", ""))
        lines = [line for line in output.splitlines() if line.startswith("{")]
        if not lines:
            raise SystemExit(f"Chromium {kind} child: no result in its output:\n{output[-3000:]}")
        result: dict[str, Any] = json.loads(lines[-1])
        result["boot"] = page["timings"]["loadPyodideMs"] / 1000
        result["loadPackage"] = page["timings"]["loadPackageMs"] / 1000
        return result

    rows = collect(sample, list(KINDS), runs)
    report("Pyodide in headless Chromium, fresh page per sample", rows)
    return summary(rows)


def _check(out: subprocess.CompletedProcess[str], what: str) -> dict[str, Any]:
    if out.returncode != 0:
        raise SystemExit(f"{what} failed (exit {out.returncode}):\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def sample_native(kind: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind]
    return _check(subprocess.run(cmd, capture_output=True, text=True, check=False), kind)


def sample_pyodide(kind: str) -> dict[str, Any]:
    cmd = ["node", str(RUN_NODE), "--jspi", "--timings", "--packages", PYODIDE_PACKAGES[kind]]
    cmd += [str(Path(__file__).resolve()), "--child", kind]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    result = _check(out, f"Pyodide {kind} child")
    for line in out.stderr.splitlines():  # run_node --timings: one JSON line on stderr
        if line.startswith("run_node timings: "):
            timings = json.loads(line.partition(": ")[2])
            result["boot"] = timings["loadPyodideMs"] / 1000
            result["loadPackage"] = timings["loadPackageMs"] / 1000
    return result


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:13.1f} ms"


def report(title: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    both = bool(rows["ours"] and rows["official"])
    kinds = [k for k in KINDS if rows[k]]
    runs = len(rows[kinds[0]])
    print(f"\n{title}")
    head = "".join(f"{LABELS[k]:>16}" for k in kinds) + (f"{'official/ours':>16}" if both else "")
    print(f"{f'median of {runs} runs':28}{head}")

    def line(label: str, values: dict[str, list[float]], ratio: bool = True) -> None:
        cells = "".join(_ms(values[k]) for k in kinds)
        if both and ratio:
            ours = statistics.median(values["ours"])
            cells += f"{statistics.median(values['official']) / ours:15.2f}x" if ours else ""
        print(f"{label:28}{cells}")

    for phase in (*PHASES, "total"):
        line(
            phase,
            {
                k: [sum(r[p] for p in PHASES) if phase == "total" else r[phase] for r in rows[k]]
                for k in kinds
            },
        )
        if phase == "first call":
            line("  of which pydantic", {k: [r["pydantic"] for r in rows[k]] for k in kinds}, False)
    for extra in ("responses call", "boot", "loadPackage"):
        if all(extra in r for k in kinds for r in rows[k]):
            line(f"({extra}, apart)", {k: [r[extra] for r in rows[k]] for k in kinds})
    for key in ("modules after import", "types modules after client", "modules after call"):
        print(f"{key:28}" + "".join(f"{rows[k][0][key]:16}" for k in kinds))


def collect(sample: Any, kinds: list[str], runs: int) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    if runs > 1:
        sample("ours")  # warm the OS file cache (and .pyc files natively) once
    for i in range(runs):
        for kind in kinds if i % 2 == 0 else kinds[::-1]:  # alternate who goes first
            rows[kind].append(sample(kind))
    return rows


def summary(rows: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Median seconds per phase (and total, boot, loadPackage where measured) per package."""
    out: dict[str, dict[str, float]] = {}
    for kind, samples in rows.items():
        if not samples:
            continue
        for r in samples:
            r["total"] = sum(r[p] for p in PHASES)
        keys = [
            k
            for k in (*PHASES, "total", "responses call", "boot", "loadPackage")
            if k in samples[0]
        ]
        out[kind] = {k: statistics.median(r[k] for r in samples) for k in keys}
    return out


def native(runs: int) -> dict[str, dict[str, float]]:
    import importlib.util

    kinds = ["ours", "lite"]
    if importlib.util.find_spec("openai") is not None:
        kinds.append("official")
    else:
        print("(the official `openai` package is not installed: ours only)")
    rows = collect(sample_native, kinds, runs)
    version = sys.version.split()[0]
    report(f"Native: CPython {version} on {sys.platform}, fresh interpreter per sample", rows)
    return summary(rows)


def pyodide(runs: int) -> dict[str, dict[str, float]]:
    lock = ROOT / "dist" / "pyodide" / "pyodide-lock.json"
    if not lock.is_file():
        raise SystemExit("bench_import: no dist/pyodide bundle; run `bash build_wheels.sh`")
    packages = json.loads(lock.read_text())["packages"]
    missing = [p for p in PYODIDE_PACKAGES.values() if p not in packages]
    if missing:
        raise SystemExit(f"bench_import: {missing} not in the bundle; run `bash build_wheels.sh`")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    rows = collect(sample_pyodide, list(KINDS), runs)
    python = json.loads(lock.read_text())["info"]["python"]
    title = f"Pyodide (CPython {python}) on Node {node.stdout.strip()} with JSPI"
    report(f"{title}, fresh Pyodide per sample", rows)
    return summary(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="samples per package and target")
    parser.add_argument("--child", choices=KINDS, help="(internal) one sample, JSON on stdout")
    parser.add_argument("--pyodide", action="store_true", help="also measure in Pyodide on Node")
    parser.add_argument("--json", metavar="PATH", help="write the medians (seconds) as JSON")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_run(CHILDREN[args.child])))
        return
    if sys.platform == "emscripten":
        parser.error("in Pyodide only --child runs; use the native `--pyodide` to drive it")
    results = {"native": native(args.runs)}
    if args.pyodide:
        results["node"] = pyodide(args.runs)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
