"""Every benchmark on every target, then the table and plots: what `scripts/bench.sh` runs.

    .venv/bin/python bench/run_all.py [--short] [--out DIR] [--targets native,node,chromium]

One fake server runs in its own process. bench/suite.py runs natively (a subprocess), in
Pyodide on Node (wasm_bridge/run_node.mjs) and in a headless Chromium page
(wasm_bridge/index.html, served with the shared fixtures by a stdlib server in this
process); bench/bench_import.py measures import and cold start with a fresh interpreter
per sample, natively and on Node, and with a fresh page per sample in Chromium. Everything
lands in DIR (default bench/results/): results.json, results.md and the PNG plots
(bench/report.py). bench/bench_streams_load.py adds many concurrent streams, natively and
on Node. `--short` runs every part
with tiny counts and then checks that the table and plots were written; no timing is
checked.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import report
from suite import BEGIN, END

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "wasm_bridge"))
import chromium_page

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
CHROMIUM = os.environ.get("OXIDE_CHROMIUM", "/usr/bin/chromium")
TIMEOUT = 900.0


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _extract(output: str, what: str) -> dict[str, Any]:
    if BEGIN not in output or END not in output:
        raise SystemExit(f"{what}: no result in its output:\n{output[-4000:]}")
    result: dict[str, Any] = json.loads(output.split(BEGIN, 1)[1].split(END, 1)[0])
    return result


def _run(cmd: list[str], what: str) -> str:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    log(f"{what}: {time.perf_counter() - t0:.0f} s")
    return proc.stdout


def chromium(server: chromium_page.PageServer, args: list[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    page = server.run(CHROMIUM, "/bench/pyodide_main.py", args, TIMEOUT)
    log(f"chromium suite: {time.perf_counter() - t0:.0f} s")
    return _extract(str(page.get("output", "")), "chromium")


def chromium_cold(server: chromium_page.PageServer, runs: int) -> dict[str, Any]:
    """bench_import's child in a fresh page per sample, each loading only its package."""
    import bench_import

    def run_page(packages: list[str], args: list[str]) -> dict[str, Any]:
        return server.run(CHROMIUM, "/bench/pyodide_main.py", args, TIMEOUT, packages)

    t0 = time.perf_counter()
    result = bench_import.page_cold(run_page, runs)
    log(f"chromium cold start: {time.perf_counter() - t0:.0f} s")
    return result


def streams(url: str, targets: list[str], flags: list[str]) -> dict[str, Any]:
    """bench_streams_load.py: concurrent streams natively and in Pyodide on Node."""
    out: dict[str, Any] = {}
    if "native" in targets:
        cmd = [sys.executable, str(HERE / "bench_streams_load.py"), url, *flags]
        out["native"] = _extract(_run(cmd, "native streams"), "native streams")
    if "node" in targets:
        cmd = ["node", "wasm_bridge/run_node.mjs", "bench/pyodide_main.py"]
        cmd += ["bench_streams_load", url, *flags]
        out["node"] = _extract(_run(cmd, "node streams"), "node streams")
    return out


def start_fake() -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, "-m", "openai_oxide.testing", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http"):
        proc.kill()
        raise SystemExit(f"the fake server did not start: {line!r}")
    return proc, line


def machine() -> dict[str, Any]:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    browser = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "node": node.stdout.strip(),
        "chromium": browser.stdout.strip(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--short", action="store_true", help="tiny counts; check the output")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--targets", default="native,node,chromium")
    args = parser.parse_args()
    targets = args.targets.split(",")
    args.out.mkdir(parents=True, exist_ok=True)
    flags = ["--short"] if args.short else []
    results: dict[str, Any] = {"machine": machine(), "short": args.short, "targets": {}}
    fake, url = start_fake()
    try:
        with chromium_page.serve(ROOT, FIXTURES) as server:
            if "native" in targets:
                cmd = [sys.executable, str(HERE / "suite.py"), url, "--fixtures", str(FIXTURES)]
                out = _run([*cmd, *flags], "native suite")
                results["targets"]["native"] = _extract(out, "native")
            web_args = ["suite", url, "--fixtures", server.fixtures_url, *flags]
            if "node" in targets:
                cmd = ["node", "wasm_bridge/run_node.mjs", "bench/pyodide_main.py", *web_args]
                results["targets"]["node"] = _extract(_run(cmd, "node suite"), "node")
            results["streams"] = streams(url, targets, flags)
            if "chromium" in targets:
                results["targets"]["chromium"] = chromium(server, web_args)
                cold_pages = chromium_cold(server, 1 if args.short else 5)
        import_json = args.out / "import.json"
        cmd = [sys.executable, str(HERE / "bench_import.py"), "--json", str(import_json)]
        cmd += ["--runs", "1" if args.short else "5"]
        if "node" in targets:
            cmd.append("--pyodide")
        _run(cmd, "bench_import")
        results["import"] = json.loads(import_json.read_text())
        import_json.unlink()
        if "chromium" in targets:
            results["import"]["chromium"] = cold_pages
    finally:
        fake.terminate()
        fake.wait(10)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    written = report.write(results, args.out)
    log("wrote " + ", ".join(str(p) for p in [args.out / "results.json", *written]))
    if args.short:
        report.check(args.out, targets)
        log("short mode: the table and every plot are there (no timing is checked)")


if __name__ == "__main__":
    main()
