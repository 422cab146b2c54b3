"""The WebSocket that wasm_bridge/boot.mjs gives Node 20 (the npm `ws` package, where Node
has no global WebSocket): it offers no permessage-deflate, which `ws` offers by default and
which then inflates every Responses event on libuv's zlib pool: 2-3 ms of client CPU a
turn on Node, which made a WebSocket turn cost more than an HTTP one."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Boots nothing: installs the globals, opens one handshake against a bare Node server and
# reports what the client offered.
SCRIPT = """
import http from "node:http";
import { installNodeGlobals } from "./wasm_bridge/boot.mjs";
const native = typeof globalThis.WebSocket !== "undefined";
await installNodeGlobals();
const server = http.createServer();
const offered = new Promise((resolve) =>
  server.on("upgrade", (req, socket) => {
    resolve({ extensions: req.headers["sec-websocket-extensions"] ?? null,
              protocol: req.headers["sec-websocket-protocol"] ?? null });
    socket.destroy();
  }),
);
server.listen(0, "127.0.0.1", () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.address().port}/v1/responses`, ["p1"]);
  ws.addEventListener("error", () => {});
});
console.log(JSON.stringify({ native, ...(await offered) }));
server.close();
process.exit(0);
"""


def test_node_websocket_offers_no_permessage_deflate() -> None:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "ws").is_dir():
        pytest.fail("node and node_modules/ws are needed: run build_wheels.sh")
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["protocol"] == "p1"  # the WHATWG constructor's arguments still apply
    if seen["native"]:
        pytest.skip("this Node has its own WebSocket: the polyfill is not installed")
    assert seen["extensions"] is None
