"""The Pyodide bundle is pinned and hashed end to end: every third-party wheel is pinned
with its sha256 (pip downloads them with --require-hashes), the bundle's pyodide-lock.json
records the sha256 of every wheel it serves (boot.mjs loads with checkIntegrity), and it
serves no third-party wheel that is not pinned. (A served wheel is the pinned one with
bytecode added by build_wheels.sh, so its hash is not the pinned download's.)"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "wasm_bridge" / "pyodide-wheels.txt"
BUNDLE = ROOT / "dist" / "pyodide"


def pinned() -> dict[str, str]:
    """Normalized name -> sha256, for every requirement line (each must have both)."""
    out = {}
    for line in PINS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==\S+ --hash=sha256:([0-9a-f]{64})", line.strip())
        assert match, f"not pinned with a hash: {line!r}"
        out[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return out


def test_every_bundle_wheel_is_pinned_with_its_hash() -> None:
    assert len(pinned()) >= 5
    assert "--require-hashes" in (ROOT / "build_wheels.sh").read_text()
    assert "checkIntegrity: true" in (ROOT / "wasm_bridge" / "boot.mjs").read_text()


def test_the_lock_records_each_served_wheels_hash() -> None:
    lock_path = BUNDLE / "pyodide-lock.json"
    if not lock_path.exists():
        pytest.skip("no bundle: run build_wheels.sh (scripts/test.sh does)")
    pins = pinned()
    packages = json.loads(lock_path.read_text())["packages"]
    ours = [p for p in packages.values() if (BUNDLE / p["file_name"]).exists()]
    assert ours and any(p["name"] == "openai-oxide" for p in ours)
    for package in ours:
        digest = hashlib.sha256((BUNDLE / package["file_name"]).read_bytes()).hexdigest()
        assert package["sha256"] == digest, package["name"]
        name = re.sub(r"[-_.]+", "-", package["name"]).lower()
        assert name == "openai-oxide" or name in pins, f"{name} is served but not pinned"
