"""Stage the Worker for workerd 1.20240806.0 and write its raw config.

    python worker/workerd/stage.py OUT_DIR --port PORT --var NAME=VALUE ...

OUT_DIR receives `config.capnp`, the Worker's modules (`worker/src`, with
`entry_workerd.py` as the main module) and the pure-Python parts of `openai_oxide` the
lite client runs on (not `types/`, `resources/`, `sync/`, `testing/`: the pydantic side,
which that runtime cannot load). Each file is a `pythonModule` named by its path, so
workerd places it under its package directory. `--var` bindings become text bindings (a
`wrangler secret` is one too); the config holds them, so OUT_DIR is a private temp dir.

Outbound requests go through a network service that allows public, private and local
addresses (`globalOutbound`): without "local" workerd refuses loopback, where the fake runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "worker" / "src"
PACKAGE = ROOT / "pkg" / "openai_oxide"
LEFT_OUT = {"types", "resources", "sync", "testing"}
MAIN = "entry_workerd.py"
COMPATIBILITY_DATE = "2024-08-01"


def _sources() -> list[tuple[str, Path]]:
    """(module name, file) for every module the Worker may import."""
    files = [(path.name, path) for path in sorted(SRC.glob("*.py")) if path.name != "entry.py"]
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if relative.parts[1] not in LEFT_OUT:
            files.append((relative.as_posix(), path))
    return files


def stage(out: Path, port: int, bindings: dict[str, str]) -> Path:
    """Copy the modules into `out` and write `out/config.capnp`; returns the config path."""
    modules = []
    for name, path in _sources():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        modules.append(name)
    modules.remove(MAIN)  # the main module comes first
    lines = [f'    (name = "{MAIN}", pythonModule = embed "{MAIN}"),']
    lines += [f'    (name = "{m}", pythonModule = embed "{m}"),' for m in modules]
    binding_lines = [
        f"    (name = {json.dumps(k)}, text = {json.dumps(v)})," for k, v in bindings.items()
    ]
    config = f"""using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:{port}", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
{chr(10).join(lines)}
  ],
  compatibilityDate = "{COMPATIBILITY_DATE}",
  compatibilityFlags = ["python_workers"],
  bindings = [
{chr(10).join(binding_lines)}
  ],
  globalOutbound = "internet",
);
"""
    path = out / "config.capnp"
    path.write_text(config)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    bindings = dict(item.split("=", 1) for item in args.var)
    print(stage(args.out, args.port, bindings))


if __name__ == "__main__":
    main()
