"""The markdown table and PNG plots of bench/run_all.py's results.json (native only:
matplotlib comes with the `bench` extra).

    .venv/bin/python bench/report.py [DIR]    # re-render DIR/results.json (default bench/results)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from workloads import STREAM_CHUNKS

TARGETS = {"native": "native", "node": "Pyodide/Node", "chromium": "Pyodide/Chromium"}
PLOTS = ("overhead.png", "hedge.png", "ws_vs_http.png", "fan_out.png", "cold_start.png")
SECTIONS = (
    "SDK overhead",
    "SSE per-chunk cost",
    "Import and cold start",
    "WebSocket vs HTTP",
    "Early parse",
    "Hedged requests",
    "Fan-out",
    "Tool runner",
    "Concurrent streams",
)
REALTIME_TITLE = "Realtime text turn vs Responses WebSocket turn (ms per turn, no server latency):"
RUNNER_MODES = (("eager", "eager"), ("at_end", "after the stream"))


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _x(a: float | None, b: float | None) -> str:
    return "n/a" if not a or not b else f"{a / b:.2f}x"


def _rows(head: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def _targets(results: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(TARGETS[k], v) for k, v in results["targets"].items()]


def cold_rows(results: dict[str, Any]) -> list[tuple[str, float, float]]:
    """(target, ours ms, official ms): loadPackage (Pyodide) + import + client + first call."""
    out = []
    for key, summary in results.get("import", {}).items():
        ours, theirs = summary["ours"], summary.get("official", {})

        def total(s: dict[str, float]) -> float:
            return (s.get("total", 0.0) + s.get("loadPackage", 0.0)) * 1e3

        out.append((TARGETS[key], total(ours), total(theirs) if theirs else 0.0))
    return out


def lite_rows(results: dict[str, Any]) -> list[tuple[str, float, float]]:
    """(target, lite ms, typed ms) where bench_import measured the lite client: import +
    client + first call (loadPackage apart: it installs the same wheels for both)."""
    return [
        (TARGETS[key], s["lite"]["total"] * 1e3, s["ours"]["total"] * 1e3)
        for key, s in results.get("import", {}).items()
        if "lite" in s
    ]


def summary(results: dict[str, Any]) -> list[str]:
    """One column per target: the headline figure of every section."""
    targets = _targets(results)
    cold = {t: (o, f) for t, o, f in cold_rows(results)}

    def spread(r: dict[str, Any], client: str) -> str:
        ratios = [w["wall_ms"][client] / w["wall_ms"]["floor"] for w in r["overhead"].values()]
        return f"{min(ratios):.2f}-{max(ratios):.2f}x"

    def per_chunk(r: dict[str, Any]) -> str:
        wall = r["overhead"]["d"]["wall_ms"]
        ours, floor = (wall[k] * 1e3 / STREAM_CHUNKS for k in ("ours", "floor"))
        return f"{ours:.0f} µs ({ours / floor:.2f}x floor)"

    def cold_cell(target: str) -> str:
        if target not in cold:
            return "n/a"
        ours, theirs = cold[target]
        return f"{ours:.0f} vs {theirs:.0f} ms ({ours / theirs:.2f}x)"

    def hedge(r: dict[str, Any]) -> str:
        h, u = r["hedge"]["hedged"], r["hedge"]["unhedged"]
        return (
            f"{u['p99_ms']:.0f} → {h['p99_ms']:.0f} / {u['p99.9_ms']:.0f} → "
            f"{h['p99.9_ms']:.0f} ms, {h['extra_rate']:.1%} extra"
        )

    rows = [
        ["SDK wall time / raw floor, workloads a-e", *(spread(r, "ours") for _, r in targets)],
        ["official SDK / raw floor, same", *(spread(r, "official") for _, r in targets)],
        ["SSE cost per chunk, ours", *(per_chunk(r) for _, r in targets)],
        ["cold start to first call, ours vs official", *(cold_cell(t) for t, _ in targets)],
        [
            "WebSocket speed-up over HTTP, 2/5/10 turns",
            *("/".join(_x(w["http_s"], w["ws_s"]) for w in r["ws"].values()) for _, r in targets),
        ],
        [
            "early parse: tool starts sooner by",
            *(f"{r['early_parse']['tool_starts_sooner_by_s']:.2f} s" for _, r in targets),
        ],
        ["hedging (copy after the p90): p99 / p99.9", *(hedge(r) for _, r in targets)],
        [
            "fan_out speed-up, 3 / 10 calls",
            *(
                "/".join(
                    _x(r["fan_out"][n]["sequential_ms"], r["fan_out"][n]["fan_out_ms"])
                    for n in ("3", "10")
                )
                for _, r in targets
            ),
        ],
    ]
    if all("tool_runner" in r for _, r in targets):
        rows.append(
            [
                "tool runner, eager: first tool / loop, official/ours",
                *(
                    "/".join(
                        _x(
                            r["tool_runner"][f"official_eager_{m}_s"],
                            r["tool_runner"][f"ours_eager_{m}_s"],
                        )
                        for m in ("first_tool", "loop")
                    )
                    for _, r in targets
                ),
            ]
        )
    return _rows(["", *(t for t, _ in targets)], rows)


def table(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# openai-oxide benchmark",
        "",
        f"{m['date']}, {m['cpu']} ({m['cores']} cores), {m['os']}, CPython {m['python']}, "
        f"Node {m['node']}, {m['chromium']}; load average {m['load_average']} at the start"
        + (" (short mode: tiny counts, not figures to quote)" if results["short"] else "")
        + ". Medians; lower is better unless said.",
        "",
        *summary(results),
        "",
        f"## {SECTIONS[0]} (ms per op; floor: httpx2 + orjson natively, js.fetch + "
        "pydantic_core.from_json in Pyodide)",
        "",
    ]
    rows = []
    for target, r in _targets(results):
        for key, w in r["overhead"].items():
            wall, cpu = w["wall_ms"], w.get("cpu_ms") or {}
            rows.append(
                [
                    target,
                    f"{key}. {w['title']}",
                    _ms(wall["ours"]),
                    _ms(wall["official"]),
                    _ms(wall["floor"]),
                    _x(wall["ours"], wall["floor"]),
                    _x(cpu.get("ours"), cpu.get("floor")),
                    _x(wall["official"], wall["ours"]),
                ]
            )
    head = ["target", "workload", "ours", "official", "floor", "ours/floor", "CPU ours/floor"]
    lines += _rows([*head, "official/ours"], rows)

    lines += ["", f"## {SECTIONS[1]} (µs per chunk, workload d: {STREAM_CHUNKS} chunks)", ""]
    rows = []
    for target, r in _targets(results):
        wall = r["overhead"]["d"]["wall_ms"]
        per = {k: v * 1e3 / STREAM_CHUNKS for k, v in wall.items()}
        rows.append(
            [
                target,
                _ms(per["ours"]),
                _ms(per["official"]),
                _ms(per["floor"]),
                _x(per["ours"], per["floor"]),
            ]
        )
    lines += _rows(["target", "ours", "official", "floor", "ours/floor"], rows)

    lines += [
        "",
        f"## {SECTIONS[2]} (ms: loadPackage in Pyodide + import + client + first call)",
        "",
    ]
    rows = [[t, _ms(o), _ms(f), _x(o, f)] for t, o, f in cold_rows(results)]
    lines += _rows(["target", "ours", "official", "ours/official"], rows)
    lite = lite_rows(results)
    if lite:
        lines += ["", "The pydantic-free client (`openai_oxide.lite`, dict results) beside it:", ""]
        rows = [[t, _ms(lo), _ms(o), _x(lo, o)] for t, lo, o in lite]
        lines += _rows(["target", "lite", "ours (typed)", "lite/typed"], rows)

    lines += ["", f"## {SECTIONS[3]} (agent loop, ms per loop, fixed server latency)", ""]
    rows = []
    for target, r in _targets(results):
        for turns, w in r["ws"].items():
            rows.append(
                [
                    target,
                    turns,
                    _ms(w["http_s"] * 1e3),
                    _ms(w["ws_s"] * 1e3),
                    _x(w["http_s"], w["ws_s"]),
                ]
            )
    lines += _rows(["target", "turns", "HTTP", "WebSocket", "HTTP/WS (>1: WS faster)"], rows)
    lines += ["", REALTIME_TITLE, ""]
    rows = []
    for target, r in _targets(results):
        rt, rs = r["realtime"]["realtime"], r["realtime"]["responses_ws"]
        rows.append(
            [
                target,
                f"{_ms(rt['turn_ms'])} ({rt['events']} ev, {rt['per_event_us']:.0f} µs/ev)",
                f"{_ms(rs['turn_ms'])} ({rs['events']} ev, {rs['per_event_us']:.0f} µs/ev)",
                _x(rt["turn_ms"], rs["turn_ms"]),
            ]
        )
    lines += _rows(["target", "Realtime turn", "Responses WS turn", "Realtime/Responses"], rows)

    lines += ["", f"## {SECTIONS[4]} (tool start after the request, s)", ""]
    rows = [
        [
            target,
            f"{r['early_parse']['tool_start_early_s']:.3f}",
            f"{r['early_parse']['tool_start_at_end_s']:.3f}",
            f"{r['early_parse']['tool_starts_sooner_by_s']:.3f}",
        ]
        for target, r in _targets(results)
    ]
    lines += _rows(["target", "early parse", "end of stream", "sooner by"], rows)

    first = next(iter(results["targets"].values()))["hedge"]
    model = first["model"]
    lines += [
        "",
        f"## {SECTIONS[5]} ({first['calls']} calls, median {model['median']} s, "
        f"{model['tail_p']:.0%} tail of {model['tail']} s; hedged after the unhedged p90, "
        f"max_extra {first['max_extra']}; ms)",
        "",
    ]
    rows = []
    for target, r in _targets(results):
        for arm in ("unhedged", "hedged"):
            h = r["hedge"][arm]
            label = (
                arm if arm == "unhedged" else f"hedged after {r['hedge']['delay_s'] * 1e3:.0f} ms"
            )
            rows.append(
                [
                    target,
                    label,
                    _ms(h["p50_ms"]),
                    _ms(h["p99_ms"]),
                    _ms(h["p99.9_ms"]),
                    f"{h['extra_rate']:.1%}",
                ]
            )
    lines += _rows(["target", "", "p50", "p99", "p99.9", "extra requests"], rows)

    latency = next(iter(results["targets"].values()))["fan_out"]["latency_s"]
    lines += ["", f"## {SECTIONS[6]} (ms for N calls, {latency * 1e3:.0f} ms server latency)", ""]
    rows = []
    for target, r in _targets(results):
        for n in ("3", "10"):
            f = r["fan_out"][n]
            rows.append(
                [
                    target,
                    n,
                    _ms(f["sequential_ms"]),
                    _ms(f["fan_out_ms"]),
                    _x(f["sequential_ms"], f["fan_out_ms"]),
                ]
            )
    lines += _rows(["target", "calls", "one after another", "fan_out", "speed-up"], rows)
    lines += runner_table(results)
    lines += streams_table(results.get("streams", {}))
    return "\n".join(lines) + "\n"


def runner_table(results: dict[str, Any]) -> list[str]:
    """bench_tool_runner.py: ours and the official `AsyncResponsesToolRunner`, tools started
    eagerly (when a call is complete) or after the stream, on the same fake."""
    runs = [(t, r["tool_runner"]) for t, r in _targets(results) if "tool_runner" in r]
    if not runs:
        return []
    first = runs[0][1]
    lines = [
        "",
        f"## {SECTIONS[7]} (s from the request; the fake answers after "
        f"{first['latency_s'] * 1e3:g} ms, the first turn's events {first['gap_s'] * 1e3:g} ms "
        f"apart; two tools of {first['tool_s'] * 1e3:g} ms; ours starts an eager tool at "
        "arguments.done, the official at output_item.done)",
        "",
    ]
    rows = []
    for target, r in runs:
        for mode, label in RUNNER_MODES:
            for metric, name in (("first_tool", "first tool start"), ("loop", "whole loop")):
                ours, theirs = r[f"ours_{mode}_{metric}_s"], r[f"official_{mode}_{metric}_s"]
                rows.append([target, label, name, f"{ours:.3f}", f"{theirs:.3f}", _x(theirs, ours)])
    head = ["target", "tools start", "", "ours", "official", "official/ours (>1: ours faster)"]
    return [*lines, *_rows(head, rows)]


def streams_table(runs: dict[str, Any]) -> list[str]:
    """bench_streams_load.py: per target, level and client, the time per stream against
    the floor's, CPU, peak RSS, and whether every leak/cancellation check held."""
    if not runs:
        return []
    first = next(iter(runs.values()))
    when = "; ".join(
        f"{TARGETS[k]} {r.get('date', '')}"
        + (f", load {r['load_average']}" if r.get("load_average") else "")
        for k, r in runs.items()
    )
    lines = [
        "",
        f"## {SECTIONS[8]} (N streams at once, events {first['pace_s'] * 1e3:g} ms apart; "
        "overhead = time per stream minus the floor's in the same run; checks: half "
        "cancelled midway, the rest equal to a reference, no "
        f"task, descriptor or connection left; run {when})",
        "",
    ]
    rows = []
    for key, run in runs.items():
        for level, per in run["levels"].items():
            floor = per.get("floor")
            for name, r in per.items():
                over = (
                    f"{r['p50_ms'] - floor['p50_ms']:+.0f} / {r['p99_ms'] - floor['p99_ms']:+.0f}"
                    if floor and name != "floor"
                    else ""
                )
                rows.append(
                    [
                        TARGETS[key],
                        level,
                        name,
                        _ms(r["p50_ms"]),
                        _ms(r["p99_ms"]),
                        over,
                        _ms(r["cpu_ms_per_stream"]) if r["cpu_ms_per_stream"] else "n/a",
                        f"{_ms(r['peak_rss_mb'])} (+{_ms(r['peak_over_warm_mb'])})",
                        "held" if not r["failed"] else "FAILED: " + ", ".join(r["failed"]),
                    ]
                )
    head = ["target", "streams", "client", "p50 ms", "p99 ms", "overhead p50 / p99 ms"]
    tail = ["CPU ms/stream", "peak RSS MB (+ over warm; Pyodide: wasm heap)", "checks"]
    return [*lines, *_rows([*head, *tail], rows)]


def _bars(
    path: Path,
    title: str,
    groups: list[str],
    series: dict[str, list[float]],
    ylabel: str,
    *,
    log: bool = False,
    line: float | None = None,
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6.0, 0.9 * len(groups) + 2), 4.2), dpi=110)
    width = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series.items()):
        xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, values, width, label=name)
    if line is not None:
        ax.axhline(line, color="grey", linewidth=0.8, linestyle="--")
    ax.set_xticks(range(len(groups)), groups, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plots(results: dict[str, Any], out: Path) -> list[Path]:
    targets = _targets(results)
    groups = [f"{t}\n{k}" for t, r in targets for k in r["overhead"]]

    def ratio(r: dict[str, Any], key: str, client: str) -> float:
        wall = r["overhead"][key]["wall_ms"]
        return float(wall[client] / wall["floor"])

    _bars(
        out / PLOTS[0],
        "SDK wall time per op / raw floor (workloads a-e; 1.0 = the floor)",
        groups,
        {
            client: [ratio(r, k, client) for _, r in targets for k in r["overhead"]]
            for client in ("ours", "official")
        },
        "x the floor (log)",
        log=True,
        line=1.0,
    )
    _bars(
        out / PLOTS[1],
        "Hedged vs unhedged latency, 5% tail of 1.5 s",
        [f"{t}\n{q}" for t, _ in targets for q in ("p50", "p99", "p99.9")],
        {
            arm: [r["hedge"][arm][f"{q}_ms"] for _, r in targets for q in ("p50", "p99", "p99.9")]
            for arm in ("unhedged", "hedged")
        },
        "ms",
    )
    _bars(
        out / PLOTS[2],
        "Agent loop: HTTP keep-alive vs one WebSocket",
        [f"{t}\n{n} turns" for t, r in targets for n in r["ws"]],
        {
            path: [r["ws"][n][f"{path}_s"] * 1e3 for _, r in targets for n in r["ws"]]
            for path in ("http", "ws")
        },
        "ms per loop",
    )
    _bars(
        out / PLOTS[3],
        "N calls one after another vs fan_out",
        [f"{t}\n{n} calls" for t, _ in targets for n in ("3", "10")],
        {
            kind: [r["fan_out"][n][f"{kind}_ms"] for _, r in targets for n in ("3", "10")]
            for kind in ("sequential", "fan_out")
        },
        "ms",
    )
    cold = cold_rows(results)
    _bars(
        out / PLOTS[4],
        "Import and cold start to the first call",
        [t for t, _, _ in cold],
        {"ours": [o for _, o, _ in cold], "official": [f for _, _, f in cold]},
        "ms",
    )
    return [out / p for p in PLOTS]


def write(results: dict[str, Any], out: Path) -> list[Path]:
    md = out / "results.md"
    md.write_text(table(results))
    return [md, *plots(results, out)]


def check(out: Path, targets: list[str]) -> None:
    """The short mode's check: a table with every section and target, and every plot."""
    text = (out / "results.md").read_text()
    # Concurrent streams run natively and on Node only.
    sections = SECTIONS if {"native", "node"} & set(targets) else SECTIONS[:-1]
    missing = [s for s in sections if f"## {s}" not in text]
    missing += [] if REALTIME_TITLE in text else [REALTIME_TITLE]
    missing += [TARGETS[t] for t in targets if f"| {TARGETS[t]} |" not in text]
    for name in PLOTS:
        data = (out / name).read_bytes() if (out / name).is_file() else b""
        if not data.startswith(b"\x89PNG") or len(data) < 2000:
            missing.append(name)
    if missing:
        raise SystemExit(f"bench: missing from {out}: {missing}")
    if "| FAILED: " in text:
        raise SystemExit(f"bench: a concurrent-streams check failed: see {out / 'results.md'}")


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results"
    written = write(json.loads((folder / "results.json").read_text()), folder)
    print("\n".join(str(p) for p in written))
