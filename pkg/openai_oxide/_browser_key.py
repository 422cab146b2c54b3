"""The browser key guard, as openai-node's `dangerouslyAllowBrowser`.

A page's users and scripts can read whatever key it holds, so a client built in a browser
(Pyodide in a page: `window`, `document` and `navigator` exist; not Node, not a Worker,
not a Web Worker) with a real-looking secret key (`sk-...`) is refused unless the caller
passes `dangerously_allow_browser=True`. Ephemeral keys (`ek_...`, from
`client.realtime.client_secrets.create`) and keyless calls to a proxy pass.
"""

from __future__ import annotations

import sys

from ._core.errors import OpenAIError

__all__ = ["BROWSER_KEY_MESSAGE", "check_browser_key", "in_browser"]

BROWSER_KEY_MESSAGE = (
    "It looks like you're running in a browser: a secret API key here can be read by anyone "
    "who uses the page. Give the page a short-lived ephemeral key instead (minted on your "
    "server with client.realtime.client_secrets.create), or call a proxy that holds the key "
    "(a Cloudflare Worker such as worker/ in this repo: see docs/security.md). If you "
    "understand the risk, pass dangerously_allow_browser=True."
)


def in_browser() -> bool:
    """Whether this is Pyodide in a page (openai-node's `isRunningInBrowser`)."""
    if sys.platform != "emscripten":
        return False
    try:
        import js
    except ImportError:
        return False
    return all(hasattr(js, name) for name in ("window", "document", "navigator"))


def check_browser_key(api_key: object, *, allowed: bool) -> None:
    """Raise OpenAIError for a secret key in a browser unless `allowed`."""
    if allowed or not isinstance(api_key, str) or not api_key.startswith("sk-"):
        return
    if in_browser():
        raise OpenAIError(BROWSER_KEY_MESSAGE)
