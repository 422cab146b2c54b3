"""Constants and small helpers shared by the native tests."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"
API_KEY = "sk-test-0123456789-SECRET-KEY"
