"""A page's Realtime session with a secret the Worker minted, in Chromium: the page fetches
`POST /v1/realtime/client_secret` from the real Worker (workerd, as in
test_web_demo_worker.py), then connects to the fake with only that secret (subprotocol).
The fake checks keys, so the turn runs only with a secret it minted for the Worker's key."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from openai_oxide.testing import FakeOpenAI

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "wasm_bridge"))
sys.path.insert(0, str(ROOT / "scripts"))
import chromium_page  # noqa: E402
import demo_web  # noqa: E402

CHROMIUM = os.environ.get("OXIDE_CHROMIUM", "/usr/bin/chromium")
KEY = "sk-worker-key-for-realtime-0123"

pytestmark = pytest.mark.timeout(600)


def test_page_connects_with_a_secret_the_worker_minted(bundle: Path) -> None:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is missing")
    fake = FakeOpenAI(api_key=KEY)
    with (
        fake.running_in_thread(),
        chromium_page.serve(ROOT, ROOT / "tests_browser") as static,
    ):
        try:
            with demo_web.worker_running(fake.url, static.origin, KEY) as worker:
                result = static.run(
                    CHROMIUM, "/tests_browser/page_realtime_secret.py", [worker, fake.url], 300
                )
        except demo_web.WorkerUnavailable as exc:
            pytest.skip(str(exc))
    assert result["rc"] == 0, result
    out = json.loads(result["output"].strip().splitlines()[-1])
    assert out["status"] == 200 and sorted(out["secret"]) == ["expires_at", "value"]
    assert out["secret"]["value"].startswith("ek_") and KEY not in result["output"]
    assert out["last"] == "response.done" and "Hi page" in out["text"], out
    [minted] = [e for e in fake.journal if e.path == "/v1/realtime/client_secrets"]
    assert minted.headers["authorization"] == f"Bearer {KEY}"
    sockets = [e for e in fake.journal if e.path == "/v1/realtime"]
    protocols = sockets[0].headers["sec-websocket-protocol"].split(", ")
    assert protocols == ["realtime", f"openai-insecure-api-key.{out['secret']['value']}"]
    assert all("authorization" not in e.headers for e in sockets)
